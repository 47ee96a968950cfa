"""``cadre-desk demo``: build a demo profile (a township cadre's realistic, generated world)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from cadre_desk.domain.errors import CadreError

if TYPE_CHECKING:
    from cadre_desk.app import AppContext


class DemoProfileNotEmptyError(CadreError):
    next_step = "加 --force 仍然添加演示数据，或用 --data-dir 指定一个新的文件夹。"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="生成演示数据（默认在独立的演示数据文件夹）",
        description="生成一个乡镇干部的演示工作台：约 60 个信息源、转载、僵尸账号、上级要求与操作记录。",
    )
    demo.add_argument("--items", type=_non_negative, default=5000, help="条目数（默认 5000，可到 1000000）")
    demo.add_argument("--days", type=_positive, default=90, help="覆盖最近多少天（默认 90）")
    # The generator is imported only when the command runs: `cadre-desk --help` and every
    # other subcommand start without loading its text pools.
    demo.add_argument("--seed", type=int, default=None, help="随机种子（默认 20261123）")
    demo.add_argument("--force", action="store_true", help="数据文件夹里已有信息源时仍然添加")
    demo.set_defaults(handler=run_demo)


def _non_negative(text: str) -> int:
    value = int(text.replace("_", ""))
    if value < 0:
        raise argparse.ArgumentTypeError("须为不小于 0 的整数")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("须为正整数")
    return value


def run_demo(args: argparse.Namespace) -> int:
    from cadre_desk.cli.profile import Access, open_context
    from cadre_desk.demo import DEFAULT_SEED, generate_demo, profile_has_sources
    from cadre_desk.platform.paths import demo_data_dir

    args.data_dir = args.data_dir or demo_data_dir()
    ctx = open_context(args, Access.EXCLUSIVE)
    try:
        if profile_has_sources(ctx.db) and not args.force:
            raise DemoProfileNotEmptyError(f"数据文件夹里已经有信息源：{ctx.paths.root}")
        show = sys.stderr.isatty()
        summary = generate_demo(
            ctx.db,
            items=args.items,
            days=args.days,
            seed=DEFAULT_SEED if args.seed is None else args.seed,
            progress=_percent_line("正在生成", show),
        )
        if show:
            print(file=sys.stderr)
        _index_for_search(ctx, show)
        from cadre_desk.demo.profile import analyze_demo

        if not analyze_demo(ctx.db, ctx.paths.root, ctx.settings, summary.items):
            print("提示：数据量较大，未自动分析；需要时运行 cadre-desk analyze。", file=sys.stderr)
    finally:
        ctx.close()
    print(f"演示数据已生成：{ctx.paths.root}")
    for line in summary.lines():
        print("  " + line)
    print(f"打开：cadre-desk --data-dir {ctx.paths.root}")
    return 0


def _percent_line(label: str, show: bool) -> Callable[[int, int], None]:
    """A progress callback that rewrites one line on a terminal (silent when piped)."""
    last = [-1]

    def progress(done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if show and percent != last[0]:
            last[0] = percent
            print(f"\r{label}… {percent}%（{done}/{total}）", end="", file=sys.stderr, flush=True)

    return progress


def _index_for_search(ctx: AppContext, show: bool) -> None:
    """Index the generated items now (and tidy the index), so the first search is complete
    and fast instead of paying for a million queued items."""
    from cadre_desk.services.search import SearchService

    SearchService(ctx.db).catch_up(_percent_line("正在建立搜索索引", show))
    if show:
        print(file=sys.stderr)
