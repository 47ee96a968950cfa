"""Source subcommands: ``fetch`` (headless refresh), ``sources``, ``opml import/export``, ``capture``."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import Any

from cadre_desk.cli.profile import Access, note_changes, open_context
from cadre_desk.domain.enums import SourceKind
from cadre_desk.domain.recurrence import CHINA_TZ


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fetch = subparsers.add_parser("fetch", help="刷新订阅源（不打开窗口）")
    fetch.add_argument(
        "--source",
        action="append",
        default=None,
        metavar="ID或名称",
        help="只刷新指定订阅源（编号或名称，可多次）",
    )
    fetch.add_argument("--due", action="store_true", help="只刷新到了刷新间隔的订阅源")
    fetch.add_argument("--loop", action="store_true", help="持续运行，按间隔反复刷新到期的订阅源")
    fetch.add_argument("--every", type=float, default=60.0, help="--loop 时的检查间隔（秒）")
    fetch.add_argument("--quiet", action="store_true", help="只输出汇总")
    fetch.set_defaults(handler=run_fetch)

    sources = subparsers.add_parser("sources", help="订阅源：列表与健康状况、添加")
    sources_sub = sources.add_subparsers(dest="sources_command", metavar="ACTION", required=True)
    listing = sources_sub.add_parser("list", help="列出订阅源及其健康状况")
    listing.set_defaults(handler=run_sources_list)
    add = sources_sub.add_parser("add", help="添加订阅源")
    add.add_argument("--kind", choices=[k.value for k in SourceKind], default=SourceKind.RSS.value)
    add.add_argument("--name", required=True)
    add.add_argument("--url", default=None)
    add.add_argument("--interval", type=int, default=60, help="刷新间隔（分钟）")
    add.add_argument("--item-selector", default=None, help="网页栏目：条目的 CSS 选择器")
    add.add_argument("--imap-host", default=None)
    add.add_argument("--imap-port", type=int, default=None)
    add.add_argument("--imap-user", default=None)
    add.add_argument("--imap-folder", default="INBOX")
    add.add_argument("--imap-security", choices=["ssl", "starttls", "plain"], default="ssl")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取邮箱密码（存入系统密钥环）")
    add.add_argument("--check", action="store_true", help="先测试抓取一次，成功才添加")
    add.set_defaults(handler=run_sources_add)

    opml = subparsers.add_parser("opml", help="导入/导出 OPML 订阅列表")
    opml_sub = opml.add_subparsers(dest="opml_command", metavar="ACTION", required=True)
    imp = opml_sub.add_parser("import", help="从 OPML 文件导入订阅源（保留文件夹）")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=run_opml_import)
    exp = opml_sub.add_parser("export", help="把订阅源导出为 OPML 文件")
    exp.add_argument("file", type=Path)
    exp.set_defaults(handler=run_opml_export)

    cap = subparsers.add_parser("capture", help="手动收录：粘贴微信文章链接或文字")
    cap.add_argument(
        "--source", required=True, metavar="ID或名称", help="收录到哪个订阅源（编号或名称，见 sources list）"
    )
    cap.add_argument("--offline", action="store_true", help="不联网读取标题")
    cap.add_argument("text", nargs="?", default="-", help="链接或文字；省略或 - 表示从标准输入读取")
    cap.set_defaults(handler=run_capture)


def _services(ctx: Any) -> Any:
    from cadre_desk.app import build_source_area

    return build_source_area(ctx)


def run_fetch(args: argparse.Namespace) -> int:
    from cadre_desk.app import build_refresh
    from cadre_desk.services.source_lookup import resolve_source

    ctx = open_context(args, Access.EXCLUSIVE)
    try:
        refresh = build_refresh(ctx)  # the refresh alone: no other area's imports in this process
        if args.source:  # unknown names are refused before anything is fetched
            args.source = [resolve_source(ctx.db, reference) for reference in args.source]
        while True:
            code = _fetch_once(refresh, args)
            if not args.loop:
                return code
            time.sleep(max(1.0, args.every))
    finally:
        ctx.close()


def _fetch_once(refresh: Any, args: argparse.Namespace) -> int:
    from cadre_desk.services.refresh import RefreshProgress

    def progress(step: RefreshProgress) -> None:
        if not args.quiet:
            mark = "✓" if step.ok else "✗"
            detail = f"：{step.message}" if step.message and not step.ok else ""
            print(f"[{step.done}/{step.total}] {mark} {step.source_name}{detail}", flush=True)

    cancel = threading.Event()
    try:
        report = refresh.refresh(args.source, only_due=args.due, progress=progress, cancel=cancel)
    except KeyboardInterrupt:
        cancel.set()
        raise
    ingest = report.ingest
    print(
        f"刷新 {report.total} 个订阅源，用时 {report.seconds:.1f} 秒：成功 {report.fetched}"
        f"（其中未变化 {report.not_modified}），失败 {report.failed}；"
        f"新增 {ingest.new_items} 条，更新 {ingest.updated_items} 条，重复 {ingest.duplicates} 条。"
    )
    for name, message in sorted(report.errors.items()):
        print(f"  ✗ {name}：{message}")
        if step := report.next_steps.get(name):
            print(f"    下一步：{step}")
    return 1 if report.failed else 0


def run_sources_list(args: argparse.Namespace) -> int:
    ctx = open_context(args, Access.READ)
    try:
        rows = _services(ctx).sources.health()
    finally:
        ctx.close()
    if not rows:
        print("还没有订阅源。")
        return 0
    for row in rows:
        last = (
            row.last_success_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
            if row.last_success_at
            else "从未成功"
        )
        state = "正常" if row.healthy else f"连续失败 {row.consecutive_errors} 次：{row.last_error}"
        if row.recovered:
            state = f"格式有误，已尽量读取：{row.last_error}"
        print(f"{row.source_id}  {row.name}  [{row.kind}]  {row.item_count} 条  最近成功 {last}  {state}")
    return 0


def run_sources_add(args: argparse.Namespace) -> int:
    from cadre_desk.services.sources import NewSource

    ctx = open_context(args, Access.WRITE)
    try:
        services = _services(ctx)
        config: dict[str, Any] = {}
        if args.item_selector:
            config["selectors"] = {"item": args.item_selector}
        password = None
        if args.kind == SourceKind.IMAP.value:
            config.update(
                host=args.imap_host,
                port=args.imap_port,
                username=args.imap_user,
                folder=args.imap_folder,
                security=args.imap_security,
            )
            if args.password_stdin:
                password = sys.stdin.readline().rstrip("\n")
        new = NewSource(
            kind=args.kind, name=args.name, url=args.url, fetch_interval_minutes=args.interval, config=config
        )
        services.sources.validate(new)  # cheap refusals before any network check
        if args.check:
            _test_fetch(services, new, password)
        if password is not None:
            config["secret_name"] = services.sources.set_mail_password(config, password)
        added = services.sources.add(new)
        note_changes(args, added.changes)
    finally:
        ctx.close()
    print(added.id)
    return 0


def _test_fetch(services: Any, new: Any, password: str | None) -> None:
    """Fetch once before adding (the dialog's preview): a failure raises and nothing is added."""
    from cadre_desk.sources import webpage
    from cadre_desk.sources.errors import SourceError

    if new.kind == SourceKind.RSS.value:
        feed = services.sources.preview_feed(new.url)
        latest = f"，最新一条：{feed.items[0].title}" if feed.items else ""
        print(f"测试抓取成功：读到 {len(feed.items)} 条{latest}", file=sys.stderr)
    elif new.kind == SourceKind.WEBPAGE.value:
        item = (new.config.get("selectors") or {}).get("item")
        selectors = webpage.ListSelectors(item=item) if item else None
        found = services.sources.preview_webpage(new.url, selectors)
        if not found or not found[0].entries:
            raise SourceError(
                "测试抓取没有在网页中找到条目列表，未添加。",
                "请用 --item-selector 指定条目的 CSS 选择器，或在窗口的“添加订阅源”中预览后选择。",
            )
        best = found[0]
        print(
            f"测试抓取成功：找到 {len(best.entries)} 条（选择器 {best.selectors.item}），"
            f"第一条：{best.entries[0].title}",
            file=sys.stderr,
        )
        if not item:
            new.config["selectors"] = best.selectors.as_config()
    elif new.kind == SourceKind.IMAP.value:
        if password is None:
            raise SourceError("测试邮箱需要密码，未添加。", "请加上 --password-stdin 并从标准输入给出密码。")
        count = services.sources.test_mailbox(new.config, password)
        print(f"测试登录成功：文件夹中有 {count} 封邮件", file=sys.stderr)
    else:
        print("手动收录的订阅源不需要测试抓取。", file=sys.stderr)


def run_opml_import(args: argparse.Namespace) -> int:
    from cadre_desk.sources.errors import OpmlError

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise OpmlError(f"无法读取文件 {args.file}：{exc.strerror}", "请检查文件路径。") from exc
    ctx = open_context(args, Access.WRITE)
    try:
        report = _services(ctx).sources.import_opml(data)
        note_changes(args, report.changes)
    finally:
        ctx.close()
    print(
        f"导入完成：新增 {report.added} 个订阅源，跳过已有 {report.skipped_existing} 个，"
        f"新建文件夹 {report.folders_created} 个。"
    )
    return 0


def run_opml_export(args: argparse.Namespace) -> int:
    ctx = open_context(args, Access.READ)
    try:
        data = _services(ctx).sources.export_opml()
    finally:
        ctx.close()
    partial = args.file.with_name(args.file.name + ".partial")
    partial.write_bytes(data)
    partial.replace(args.file)
    print(f"已导出到 {args.file}")
    return 0


def run_capture(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    ctx = open_context(args, Access.WRITE)
    try:
        report = _services(ctx).sources.capture(args.source, text, online=not args.offline)
        note_changes(args, report.changes)
    finally:
        ctx.close()
    print(f"收录 {report.new_items} 条，更新 {report.updated_items} 条，重复 {report.duplicates} 条。")
    return 0
