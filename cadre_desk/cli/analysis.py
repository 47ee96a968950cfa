"""Redundancy analysis on the command line: ``analyze``, ``findings``, ``consolidation-report``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from cadre_desk.cli.profile import Access, open_context
from cadre_desk.domain.enums import FindingStatus
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.labels import label


class CliInputError(CadreError):
    next_step = "请检查命令参数（cadre-desk COMMAND --help）。"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = subparsers.add_parser("analyze", help="更新重复内容聚类并重新计算减负建议")
    analyze.add_argument("--full", action="store_true", help="完全重建近似重复索引（较慢）")
    analyze.add_argument("--workers", type=int, default=2, help="重建时使用的进程数（默认 2）")
    analyze.add_argument("--now", default=None, help="按此时间分析（ISO 格式，测试与复核用）")
    analyze.set_defaults(handler=run_analyze)

    findings = subparsers.add_parser("findings", help="按每月可节省时间列出减负建议")
    findings.add_argument("--all", action="store_true", help="也列出已保留、已忽略和已处理的建议")
    findings.add_argument("--json", action="store_true", help="以 JSON 输出（含证据）")
    findings.set_defaults(handler=run_findings)

    report = subparsers.add_parser("consolidation-report", help="导出账号精简报告（XLSX 或 PDF）")
    report.add_argument("-o", "--output", type=Path, required=True, help="输出文件（.xlsx 或 .pdf）")
    report.set_defaults(handler=run_report)


def _now(value: str | None) -> datetime:
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CliInputError(
            f"无法识别的时间：{value}", "请使用 ISO 格式，例如 2026-11-20T09:00:00+08:00。"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def run_analyze(args: argparse.Namespace) -> int:
    from cadre_desk.services.analysis.findings import run_analysis

    ctx = open_context(args, Access.EXCLUSIVE)
    try:
        last_shown = [-1]

        def progress(done: int, total: int) -> None:
            percent = 100 * done // max(total, 1)
            if percent >= last_shown[0] + 10 or done == total:
                last_shown[0] = percent
                print(f"  签名 {done}/{total}（{percent}%）", file=sys.stderr)

        result = run_analysis(
            ctx.db,
            ctx.paths.root,
            ctx.settings,
            now=_now(args.now),
            full_rebuild=args.full,
            progress=progress,
            workers=max(1, args.workers),
        )
    finally:
        ctx.close()
    c, f = result.clusters, result.findings
    print(
        f"{'完全重建' if c.full_rebuild else '增量更新'}：新签名 {c.items_signed} 条，"
        f"索引共 {c.indexed_total} 条，"
        f"聚类变化 {c.changed_rows} 条（{c.seconds:.2f} 秒）"
    )
    print(
        f"减负建议：新增 {f.opened}，更新 {f.updated}（其中证据变化重新打开 {f.reopened}），"
        f"失效 {f.retired}，未变 {f.unchanged}"
    )
    print(f"总用时 {result.seconds:.2f} 秒")
    return 0


def run_findings(args: argparse.Namespace) -> int:
    from cadre_desk.services.analysis.accounts import findings_of, group_by_account
    from cadre_desk.services.analysis.findings import followed_count, list_findings, what_if

    ctx = open_context(args, Access.READ)
    try:
        rows = list_findings(ctx.db, None if args.all else (FindingStatus.OPEN,))
        followed = followed_count(ctx.db)
    finally:
        ctx.close()
    if args.json:
        payload = [
            {
                "id": r.id,
                "kind": str(r.kind),
                "source": r.source_name,
                "source_id": r.source_id,
                "related_source": r.related_source_name,
                "minutes_saved_per_month": r.minutes_saved_per_month,
                "status": str(r.status),
                "status_reason": r.status_reason,
                "evidence": r.evidence,
            }
            for r in rows
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("没有待处理的减负建议。运行 cadre-desk analyze 重新分析。")
        return 0
    accounts = group_by_account(rows)  # one account once, each finding a reason under it
    for g in accounts:
        related = f" → {g.related_source_name}" if g.related_source_name else ""
        status = "" if g.status == FindingStatus.OPEN else f" [{g.status}]"
        kinds = "、".join(label(kind) for kind in g.kinds)
        print(f"{g.minutes_saved_per_month:7.1f} 分钟/月  {g.source_name}{related}{status}  （{kinds}）")
        for line in g.evidence_lines():
            print(f"                   {line}")
    opened = [g for g in accounts if g.status == FindingStatus.OPEN]
    total = what_if(rows, findings_of(opened), followed)
    print(
        f"全部采纳：每月约节省 {total.minutes_saved_per_month:.0f} 分钟，"
        f"关注账号 {total.accounts_followed} → "
        f"{total.accounts_left} 个"
    )
    return 0


def run_report(args: argparse.Namespace) -> int:
    from cadre_desk.services.analysis.report import build_consolidation_report, export_consolidation_report

    suffix = args.output.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise CliInputError(f"不支持的报告格式：{args.output.name}", "请用 .xlsx 或 .pdf 作为文件扩展名。")
    ctx = open_context(args, Access.READ)
    try:
        report = build_consolidation_report(ctx.db, ctx.settings, datetime.now(UTC))
        written = export_consolidation_report(report, args.output)
    finally:
        ctx.close()
    print(f"已导出：{written}")
    return 0
