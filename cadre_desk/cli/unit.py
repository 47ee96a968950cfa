"""``cadre-desk unit …``: the opt-in, anonymous burden statistics sent to the unit server."""

from __future__ import annotations

import argparse
import sys

from cadre_desk.cli.profile import Access, note_changes, profile
from cadre_desk.domain.changes import Changes

_WHAT = (
    "开启后，每次与单位服务器同步时，会把下面这些统计匿名报送给单位（服务器只保存化名，"
    "协调员只能看到至少 3 位干部共同的汇总数字）：\n"
    "  各关注账号（按订阅地址或公众号 __biz 识别）每月的用时、各类操作次数、确认的减负问题、分析结论。\n"
    "不会报送：文章内容、备注、留痕文件、事项标题、您的姓名和单位。\n"
    "随时可以关闭：cadre-desk unit disable（同时删除服务器上已报送的统计）。"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    unit = subparsers.add_parser("unit", help="向单位报送减负统计（自愿、匿名、可撤回）")
    commands = unit.add_subparsers(dest="unit_command", metavar="ACTION", required=True)
    commands.add_parser("preview", help="显示将要报送的全部内容（JSON）").set_defaults(handler=run_preview)
    enable = commands.add_parser("enable", help="开启报送（先显示将要报送的内容）")
    enable.add_argument("--yes", action="store_true", help="不再询问，直接确认")
    enable.set_defaults(handler=run_enable)
    commands.add_parser("disable", help="关闭报送，并删除服务器上已报送的统计").set_defaults(
        handler=run_disable
    )
    commands.add_parser("status", help="是否开启报送").set_defaults(handler=run_status)


def run_preview(args: argparse.Namespace) -> int:
    from cadre_desk.services import unit_report

    with profile(args, Access.READ) as ctx:
        text = unit_report.preview(ctx.db)
        unit_report.mark_previewed(ctx.paths)
    print(_WHAT)
    print()
    print(text)
    return 0


def run_enable(args: argparse.Namespace) -> int:
    from cadre_desk.services import unit_report

    with profile(args, Access.WRITE) as ctx:
        print(_WHAT)
        print()
        print(unit_report.preview(ctx.db))
        if not args.yes:
            if not sys.stdin.isatty():
                print(
                    "错误：没有确认。下一步：看过上面的内容后，运行 cadre-desk unit enable --yes。",
                    file=sys.stderr,
                )
                return 2
            answer = input("确认开启报送？输入 y 确认：").strip().lower()
            if answer not in ("y", "yes", "是"):
                print("未开启。")
                return 1
        unit_report.mark_previewed(ctx.paths)
        unit_report.set_enabled(ctx.settings, True)
        note_changes(args, Changes(settings=True))
    print("已开启：下次同步（cadre-desk sync now）时报送。")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    from cadre_desk.services import unit_report
    from cadre_desk.services.sync.server_client import server_config

    with profile(args, Access.WRITE) as ctx:
        unit_report.set_enabled(ctx.settings, False)
        note_changes(args, Changes(settings=True))
        if server_config(ctx.secrets) is None:
            print("已关闭报送（本机没有设置同步服务器，服务器上没有本机报送的统计）。")
            return 0
        removed = unit_report.revoke(ctx.paths, ctx.secrets)
    print(f"已关闭报送，并删除了服务器上已报送的统计（{removed} 条）。")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from cadre_desk.services import unit_report

    with profile(args, Access.READ) as ctx:
        enabled = unit_report.is_enabled(ctx.settings)
    print("报送减负统计：" + ("已开启" if enabled else "未开启（默认）"))
    return 0
