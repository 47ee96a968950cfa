"""``cadre-desk report``: export the workload and burden report for a period."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre_desk.domain.errors import CadreError

FORMAT_BY_SUFFIX = {".xlsx": "xlsx", ".pdf": "pdf", ".csv": "csv"}


class ReportFormatError(CadreError):
    next_step = "请用 --format xlsx|pdf|csv 指定格式，或让输出文件以 .xlsx/.pdf/.csv 结尾。"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = subparsers.add_parser(
        "report",
        help="导出工作量统计与基层负担报告（XLSX/PDF/CSV）",
        description="导出一个统计期间的工作量统计与基层负担报告。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "统计期间写法：2026-10（月）、2026-Q4（季度）、2026-W43（ISO 周）、2026（年）、\n"
            "2026-09-15..2026-10-14（自定义，含首尾）、本周/本月/本季度/今年/上月\n"
            "例：cadre-desk report --period 2026-10 --format xlsx -o 十月工作量.xlsx"
        ),
    )
    report.add_argument("--period", required=True, help="统计期间，例如 2026-10")
    report.add_argument(
        "--format", choices=("xlsx", "pdf", "csv"), default=None, help="导出格式（默认按文件后缀）"
    )
    report.add_argument("-o", "--output", type=Path, required=True, help="导出文件路径")
    report.add_argument(
        "--source", action="append", default=[], metavar="账号", help="只统计这些账号（名称或 ID，可重复）"
    )
    report.add_argument("--notes", action="store_true", help="包含操作备注")
    report.add_argument("--thumbnails", action="store_true", help="包含留痕截图缩略图（PDF/XLSX）")
    report.add_argument("--anonymize", action="store_true", help="隐去账号名称（显示为 账号01、账号02…）")
    report.add_argument("--no-detail", action="store_true", help="不包含逐条操作明细")
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from cadre_desk.services.reports.periods import parse_period
    from cadre_desk.services.reports.workload import resolve_sources
    from cadre_desk.services.reports.workload_report import ReportProfile, export_report
    from cadre_desk.services.reports.workload_types import ReportOptions

    output: Path = args.output
    fmt = args.format or FORMAT_BY_SUFFIX.get(output.suffix.lower())
    if fmt is None:
        raise ReportFormatError(f"无法从文件名“{output.name}”判断导出格式。")
    period = parse_period(args.period)
    from cadre_desk.cli.profile import Access, open_context

    ctx = open_context(args, Access.READ)  # exporting only reads: it runs beside the window
    try:
        sources = resolve_sources(ctx.db, args.source) if args.source else None
        options = ReportOptions(
            source_ids=sources,
            include_notes=args.notes,
            include_thumbnails=args.thumbnails,
            anonymize=args.anonymize,
            include_detail=not args.no_detail,
        )
        written = export_report(
            ctx.db,
            period,
            fmt,
            output,
            profile=ReportProfile.from_settings(ctx.settings),
            options=options,
            attachments_dir=ctx.paths.attachments,
        )
    finally:
        ctx.close()
    print(f"已导出 {period.label} 的报告：{written}", file=sys.stdout)
    return 0
