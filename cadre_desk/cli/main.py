"""The ``cadre-desk`` entry point: the GUI by default, subcommands for headless work.

No command ends in a traceback: expected failures (``CadreError``, a missing file, a busy
profile, a mistyped argument) print ``错误：…`` and ``下一步：…`` and exit with status 2; anything
unexpected is saved as a crash report and named in one line (status 1).
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import re
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from cadre_desk import __version__
from cadre_desk.cli import analysis as cli_analysis
from cadre_desk.cli import core as cli_core
from cadre_desk.cli import demo as cli_demo
from cadre_desk.cli import own as cli_own
from cadre_desk.cli import reports as cli_reports
from cadre_desk.cli import requirements as cli_requirements
from cadre_desk.cli import sources as cli_sources
from cadre_desk.cli import sync as cli_sync
from cadre_desk.cli import tasks as cli_tasks
from cadre_desk.cli import unit as cli_unit
from cadre_desk.domain.errors import CadreError, DatabaseLockedError
from cadre_desk.domain.library_messages import in_chinese

log = logging.getLogger(__name__)

# Each area registers its subcommands: one name per module keeps merges trivial.
_AREAS = (
    cli_core,
    cli_sources,
    cli_reports,
    cli_analysis,
    cli_demo,
    cli_tasks,
    cli_requirements,
    cli_sync,
    cli_own,
    cli_unit,
)

USER_ERROR = 2

# argparse's own messages (it has no Chinese catalogue), most specific first.
_ARGPARSE_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.+)\)", r"参数 \1 的取值 \2 无效（可选：\3）"),
    (r"argument (\S+): invalid (\w+) value: (.+)", r"参数 \1 的取值 \3 无效（须为 \2 类型）"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 后面至少需要一个值"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (\S+): ambiguous option: (.+)", r"参数 \1 有歧义：\2"),
    (r"ambiguous option: (.+)", r"参数有歧义：\1"),
    (r"argument (\S+): (.+)", r"参数 \1：\2"),
)
_TYPE_NAMES = {"int": "整数", "float": "数字"}


class CliArgumentParser(argparse.ArgumentParser):
    """An argument parser that speaks Chinese: help headings, and mistakes with the next step."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示这条帮助后退出")

    def format_usage(self) -> str:
        return _chinese_usage(super().format_usage())

    def format_help(self) -> str:
        return _chinese_usage(super().format_help())

    def error(self, message: str) -> NoReturn:
        text = message
        for pattern, replacement in _ARGPARSE_MESSAGES:
            translated, count = re.subn(pattern, replacement, message)
            if count:
                text = translated
                break
        for english, chinese in _TYPE_NAMES.items():
            text = text.replace(f"须为 {english} 类型", f"须为{chinese}")
        print(f"错误：{in_chinese(text)}", file=sys.stderr)
        print(f"下一步：运行 {self.prog} --help 查看用法和例子。", file=sys.stderr)
        raise SystemExit(USER_ERROR)


def _chinese_usage(text: str) -> str:
    return text.replace("usage: ", "用法：", 1)


def build_parser() -> argparse.ArgumentParser:
    parser = CliArgumentParser(prog="cadre-desk", description="cadre_desk：基层干部减负工作台")
    parser.add_argument(
        "--version", action="version", version=f"cadre_desk {__version__}", help="显示版本号后退出"
    )
    parser.add_argument("--data-dir", type=Path, default=None, help="数据文件夹（默认在用户数据目录）")
    parser.add_argument("--debug", action="store_true", help="输出调试日志")
    parser.add_argument(
        "--wait",
        type=float,
        default=None,
        metavar="秒",
        help="需要独占数据文件夹的命令（fetch、analyze、sync export/import/now、demo、"
        "doctor --restore-latest）在窗口打开时最多等待多少秒（默认 30）",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="自检：在临时数据文件夹上打开数据库、运行迁移、绘制主窗口后退出",
    )
    parser.add_argument("--demo", action="store_true", help="在演示数据上启动（首次使用时自动生成）")
    parser.add_argument("--quit-after-ms", type=int, default=None, help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in _AREAS:
        area.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _log_to_console(debug=args.debug)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if getattr(args, "self_test", False):
        from cadre_desk.self_test import run_self_test

        return run_self_test(args)
    if handler is None:
        from cadre_desk.gui import launch_gui

        return launch_gui(args)
    try:
        code = handler(args)
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as exc:  # every failure ends in one message, never a traceback
        expected = expected_error(exc)
        if expected is not None:
            return report_error(expected)
        return report_crash(exc, args)
    if code == 0:
        from cadre_desk.cli.profile import tell_window_about_writes

        tell_window_about_writes(args)
    return code


class _OneLineFormatter(logging.Formatter):
    """Log records as one line: a traceback belongs in --debug output, not in a user's terminal."""

    def formatException(self, ei: object) -> str:
        return ""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = ""
        return super().format(record).rstrip()


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (it may be replaced after start-up)."""

    @property  # type: ignore[override]
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def _log_to_console(*, debug: bool) -> None:
    """Errors only, one line each (``--debug``: everything, with tracebacks)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "cadre_cli", False)]:
        root.removeHandler(handler)
    console = _CurrentStderr()
    console.cadre_cli = True  # type: ignore[attr-defined]
    console.setLevel(logging.DEBUG if debug else logging.ERROR)
    line = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    console.setFormatter(
        logging.Formatter(line) if debug else _OneLineFormatter("日志：%(name)s: %(message)s")
    )
    root.addHandler(console)
    if debug:
        root.setLevel(logging.DEBUG)
    elif root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)


def report_error(exc: CadreError) -> int:
    print(f"错误：{exc.user_message}", file=sys.stderr)
    if exc.next_step:
        print(f"下一步：{exc.next_step}", file=sys.stderr)
    return USER_ERROR


def expected_error(exc: Exception) -> CadreError | None:
    """The user-facing form of an expected failure; None for a bug."""
    if isinstance(exc, CadreError):
        return exc
    if isinstance(exc, FileNotFoundError):
        where = f"：{exc.filename}" if exc.filename else ""
        return CadreError(
            f"找不到文件或文件夹{where}", f"请检查路径是否写对（相对路径从当前文件夹 {Path.cwd()} 算起）。"
        )
    if isinstance(exc, PermissionError):
        where = f"：{exc.filename}" if exc.filename else ""
        return CadreError(f"没有权限访问{where}", "请换一个有读写权限的位置，或检查文件的权限设置。")
    if isinstance(exc, FileExistsError):
        return CadreError(
            f"无法在这里创建：{exc.filename}（已有同名的文件）", "请换一个路径，或先移走同名的文件。"
        )
    if isinstance(exc, IsADirectoryError | NotADirectoryError):
        return CadreError(
            f"路径不对：{exc.filename}（{in_chinese(exc.strerror or str(exc))}）", "请给出文件的完整路径。"
        )
    if isinstance(exc, OSError) and exc.errno is not None:
        return CadreError(
            f"读写文件失败：{exc.filename or ''}（{in_chinese(exc.strerror or str(exc))}）",
            "请检查磁盘空间、U盘是否插好、路径是否可写后重试。",
        )
    if _is_locked(exc):
        return DatabaseLockedError(
            "数据库正被另一个程序写入，等待超时。",
            "通常是 cadre_desk 窗口正在保存（例如刷新订阅源或同步）：请稍候再试；"
            "如果一直如此，请关闭其他 cadre_desk 窗口后重试。",
        )
    return None


def _is_locked(exc: BaseException) -> bool:
    from sqlalchemy.exc import OperationalError

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, sqlite3.OperationalError | OperationalError) and "locked" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def report_crash(exc: Exception, args: argparse.Namespace) -> int:
    """Save the traceback as a crash report and say where, in one line."""
    report = "\n".join(
        [
            f"cadre_desk {__version__} · Python {platform.python_version()} · {platform.platform()}",
            f"{datetime.now().isoformat(timespec='seconds')} · {' '.join(sys.argv)}",
            "",
            "".join(traceback.format_exception(exc)),
        ]
    )
    saved = _save_crash_report(report, args)
    log.debug("unexpected error", exc_info=exc)
    print(f"错误：出现了意外问题（{type(exc).__name__}：{in_chinese(str(exc))}）。", file=sys.stderr)
    where = f"详细信息已保存到 {saved}，" if saved else ""
    print(f"下一步：{where}请把它发给维护人员。", file=sys.stderr)
    return 1


def _save_crash_report(report: str, args: argparse.Namespace) -> Path | None:
    from cadre_desk.platform.paths import default_data_dir

    candidates = []
    try:
        candidates.append((getattr(args, "data_dir", None) or default_data_dir()) / "crash-reports")
    except Exception:  # no data dir can be determined: fall back to the temp folder
        pass
    candidates.append(Path(tempfile.gettempdir()) / "cadre_desk-crash-reports")
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}-{os.getpid()}.txt"
            path.write_text(report, encoding="utf-8")
            return path
        except OSError:
            continue
    return None
