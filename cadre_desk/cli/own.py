"""``cadre-desk own``: the 我运营的账号 page on the command line (same cells as the page).

``own list`` — cadence of every run account; ``own check`` — the periodic pass (cadence tasks,
repost duties, ``--links`` for the link check) and every finding; ``own check --draft FILE``
— the 发布前自查 box; ``own report`` — the self-inspection export; ``own mark``/``unmark``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cadre_desk.cli.profile import note_changes
from cadre_desk.domain.errors import CadreError


class OwnCliError(CadreError):
    next_step = "请检查命令参数（cadre-desk own --help）。"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    own = subparsers.add_parser("own", help="我运营的账号：更新频率、错敏字、链接、转发职责、留言、自查报告")
    commands = own.add_subparsers(dest="own_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help="列出本单位运营的账号及其更新状态")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="输出语言（默认中文）")
    listing.set_defaults(handler=run_list)

    check = commands.add_parser("check", help="检查更新频率、错敏字、链接、转发职责和留言")
    check.add_argument("--links", action="store_true", help="同时检查文章和菜单中的链接（会访问网络）")
    check.add_argument("--draft", type=Path, help="发布前自查：检查这个文本文件（- 表示标准输入）")
    check.add_argument("--account", help="自查稿件所属的账号（应用该账号的“此处无误”标记）")
    check.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="输出语言（默认中文）")
    check.set_defaults(handler=run_check)

    report = commands.add_parser("report", help="导出自查报告（XLSX 或 PDF）")
    report.add_argument("--period", default="上月", help="期间：2026-11、2026-Q4、本月、上月（默认上月）")
    report.add_argument("-o", "--output", type=Path, required=True, help="输出文件（.xlsx 或 .pdf）")
    report.set_defaults(handler=run_report)

    mark = commands.add_parser("mark", help="把订阅源标记为本单位运营")
    mark.add_argument("account", help="账号名称或 id")
    mark.add_argument(
        "--preset",
        default=None,
        choices=("gov_2019_two_weeks", "anhui_2016_15_days", "county_10_days", "county_weekly_3", "custom"),
        help="更新规则（默认国办两周）",
    )
    mark.add_argument("--no-reposts", action="store_true", help="转载不计入更新")
    mark.set_defaults(handler=run_mark)

    unmark = commands.add_parser("unmark", help="取消本单位运营标记")
    unmark.add_argument("account", help="账号名称或 id")
    unmark.set_defaults(handler=run_unmark)


def _desk(args: argparse.Namespace, *, lock: bool = True):  # type: ignore[no-untyped-def]
    from cadre_desk.cli.profile import Access, open_context
    from cadre_desk.services.own.desk import OwnDesk
    from cadre_desk.services.refresh import http_settings_from

    ctx = open_context(args, Access.WRITE if lock else Access.READ)
    return ctx, OwnDesk(ctx.db, http_settings_from(ctx.settings))


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> None:
    print(f"【{title}】")
    if not rows:
        print(f"  {empty}")
        return
    print("  " + " | ".join(header))
    for row in rows:
        print("  " + " | ".join(cell.replace("\n", " ") for cell in row))


def run_list(args: argparse.Namespace) -> int:
    from cadre_desk.services.own import rows

    ctx, desk = _desk(args, lock=False)
    try:
        standings = desk.accounts.cadence()
    finally:
        ctx.close()
    lang = args.lang
    header = rows.headers(*rows.CADENCE_HEADERS, lang)
    cells = [rows.cadence_cells(s, lang) for s in standings]
    if args.json:
        print(
            json.dumps([dict(zip(header, row, strict=True)) for row in cells], ensure_ascii=False, indent=1)
        )
        return 0
    empty = (
        "还没有标记为本单位运营的账号。下一步：cadre-desk own mark 账号名称"
        if lang == "zh_CN"
        else ("No account is marked as run by you yet. Next: cadre-desk own mark NAME")
    )
    print_table("我运营的账号" if lang == "zh_CN" else "Accounts I run", header, cells, empty)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from cadre_desk.services.own import rows

    lang = args.lang
    zh = lang == "zh_CN"
    if args.draft is not None:
        text = sys.stdin.read() if str(args.draft) == "-" else _read(args.draft)
        ctx, desk = _desk(args, lock=False)
        try:
            source_id = _source_id(ctx.db, args.account) if args.account else None
            result = desk.wording.check_draft(text, source_id)
        finally:
            ctx.close()
        print_table(
            "发布前自查" if zh else "Pre-publish check",
            rows.headers(*rows.DRAFT_HEADERS, lang),
            [rows.draft_cells(hit, text, lang) for hit in result.hits],
            "未发现错敏字。" if zh else "No problem found.",
        )
        return 1 if result.hits else 0
    ctx, desk = _desk(args)
    try:
        passed = desk.run_checks(links=args.links)
        note_changes(args, passed.changes)
        view = desk.overview()
    finally:
        ctx.close()
    if passed.cadence.created:
        print(
            ("新建更新提醒任务 {n} 条" if zh else "{n} cadence reminder task(s) created").format(
                n=len(passed.cadence.created)
            )
        )
    if passed.links is not None:
        run = passed.links
        print(
            run.note
            or (
                f"已检查链接 {run.checked} 个，无法打开 {run.broken} 个。"
                if zh
                else f"Checked {run.checked} links, {run.broken} broken."
            )
        )
    none = "无。" if zh else "None."
    print_table("更新频率" if zh else "Cadence", rows.headers(*rows.CADENCE_HEADERS, lang),
                [rows.cadence_cells(s, lang) for s in view.cadence], none)  # fmt: skip
    print_table("错敏字" if zh else "Wording", rows.headers(*rows.WORDING_HEADERS, lang),
                [rows.wording_cells(f, lang) for f in view.wording], none)  # fmt: skip
    print_table("链接" if zh else "Links", rows.headers(*rows.LINK_HEADERS, lang),
                [rows.link_cells(r, lang) for r in view.links], none)  # fmt: skip
    print_table("转发职责" if zh else "Repost duties", rows.headers(*rows.DUTY_HEADERS, lang),
                [rows.duty_cells(t, lang) for t in view.duty_tasks], none)  # fmt: skip
    print_table("留言" if zh else "Messages", rows.headers(*rows.MESSAGE_HEADERS, lang),
                [rows.message_cells(m, lang) for m in view.messages], none)  # fmt: skip
    return 0


def run_report(args: argparse.Namespace) -> int:
    from cadre_desk.services.own.report import export_self_inspection
    from cadre_desk.services.reports.periods import parse_period

    output: Path = args.output
    if output.suffix.lower() not in (".xlsx", ".pdf"):
        raise OwnCliError(f"无法从文件名“{output.name}”判断导出格式。", "请用 .xlsx 或 .pdf 结尾的文件名。")
    period = parse_period(args.period)
    ctx, desk = _desk(args, lock=False)
    try:
        written, report = export_self_inspection(
            desk, period, output, name=ctx.settings.get("user.name"), unit=ctx.settings.get("user.unit")
        )
    finally:
        ctx.close()
    print(
        f"已导出 {period.label} 的自查报告：{written}"
        f"（单项否决 {report.veto_count} 项，扣分 {report.deduct_count} 项）"
    )
    return 0


def run_mark(args: argparse.Namespace) -> int:
    from cadre_desk.services.own.accounts import OwnSettings

    ctx, desk = _desk(args)
    try:
        source_id = _source_id(ctx.db, args.account)
        settings = None
        if args.preset or args.no_reposts:
            settings = OwnSettings(
                preset=args.preset or OwnSettings().preset, counts_reposts=not args.no_reposts
            )
        note_changes(args, desk.accounts.mark_run(source_id, settings).changes)
        rule = desk.accounts.account(source_id).rule
    finally:
        ctx.close()
    print(f"已标记为本单位运营：{args.account}（{rule.label()}；{rule.describe()}）")
    return 0


def run_unmark(args: argparse.Namespace) -> int:
    ctx, desk = _desk(args)
    try:
        note_changes(args, desk.accounts.unmark(_source_id(ctx.db, args.account)))
    finally:
        ctx.close()
    print(f"已取消本单位运营标记：{args.account}")
    return 0


def _source_id(db: object, name: str) -> str:
    from cadre_desk.services.reports.workload import resolve_sources
    from cadre_desk.storage.database import Database

    assert isinstance(db, Database)
    return next(iter(resolve_sources(db, [name])))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.read_text(encoding="gb18030")
    except OSError as exc:
        raise OwnCliError(f"无法读取文件 {path}：{exc.strerror or exc}", "请检查文件路径。") from exc
