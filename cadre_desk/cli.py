"""Command line: the GUI by default, subcommands for headless work."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cadre_desk import __version__
from cadre_desk.domain.errors import CadreError

log = logging.getLogger(__name__)

# Each area registers its subcommands here: one line per module keeps merges trivial.
_REGISTRARS: list[str] = [
    "cadre_desk.cli_core",
    "cadre_desk.cli_sources",
    "cadre_desk.cli_reports",
    "cadre_desk.cli_analysis",
    "cadre_desk.cli_demo",
    "cadre_desk.cli_tasks",
    "cadre_desk.cli_sync",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cadre-desk", description="cadre_desk：基层干部减负工作台")
    parser.add_argument("--version", action="version", version=f"cadre_desk {__version__}")
    parser.add_argument("--data-dir", type=Path, default=None, help="数据文件夹（默认在用户数据目录）")
    parser.add_argument("--debug", action="store_true", help="输出调试日志")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="自检：在临时数据文件夹上打开数据库、运行迁移、绘制主窗口后退出",
    )
    parser.add_argument("--demo", action="store_true", help="在演示数据上启动（首次使用时自动生成）")
    parser.add_argument("--quit-after-ms", type=int, default=None, help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in _REGISTRARS:
        module = __import__(module_name, fromlist=["register"])
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if getattr(args, "self_test", False):
        from cadre_desk.ui.self_test import run_self_test

        return run_self_test(args)
    if handler is None:
        from cadre_desk.ui.launch import launch_gui

        return launch_gui(args)
    try:
        return handler(args)
    except CadreError as exc:
        print(f"错误：{exc.user_message}", file=sys.stderr)
        if exc.next_step:
            print(f"下一步：{exc.next_step}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
