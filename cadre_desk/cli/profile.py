"""How a CLI command opens the profile, so that it works while the window is open.

* ``READ`` commands (lists, reports, exports) run beside the window: SQLite WAL readers.
* ``WRITE`` commands (add, log, capture, complete) make short writes beside the window; SQLite
  serialises them with the window's writer and waits for it (busy timeout) — a bounded wait.
* ``EXCLUSIVE`` commands (fetch, analyze, sync, demo, restore) run long transactions or touch
  the file as a whole: they wait for the profile to be free, saying so every few seconds, for
  at most ``--wait`` seconds, then stop with a message and the next step.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum

from cadre_desk.app import AppContext, build_context, build_shared_context
from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.domain.errors import DatabaseLockedError
from cadre_desk.platform.instance_lock import InstanceLock
from cadre_desk.platform.paths import DataPaths, default_data_dir

DEFAULT_WAIT_SECONDS = 30.0


class Access(StrEnum):
    READ = "read"
    WRITE = "write"
    EXCLUSIVE = "exclusive"


# What a write from the CLI may have changed, for a command that did not say (``note_changes``):
# a safety net, since every write command says today (sync and unit reporting included), but a
# new command that forgot must still not leave the open window showing stale data.
CHANGED_BY_WRITES = Changes(
    items=True,
    sources=True,
    folders=True,
    tasks=True,
    requirements=True,
    operation_logs=True,
    own=True,
    settings=True,  # unit reporting on/off
)


def open_context(args: argparse.Namespace, access: Access) -> AppContext:
    """The profile named by ``--data-dir`` (or the default one), opened for ``access``."""
    if access is not Access.EXCLUSIVE:
        ctx = build_shared_context(args.data_dir)
        if access is Access.WRITE and ctx.lock is None:
            args.beside_window = ctx.paths.root  # main() tells the window once the command succeeded
        return ctx
    paths = DataPaths(args.data_dir or default_data_dir())
    try:
        return build_context(paths.root, wait_seconds=_wait(args), on_wait=_waiting(paths))
    except DatabaseLockedError as exc:
        raise _busy(paths, args, exc) from exc


@contextmanager
def profile(args: argparse.Namespace, access: Access) -> Iterator[AppContext]:
    ctx = open_context(args, access)
    try:
        yield ctx
    finally:
        ctx.close()


@contextmanager
def exclusive_lock(args: argparse.Namespace) -> Iterator[None]:
    """The profile lock alone (for work on the database file itself, such as a restore)."""
    paths = DataPaths(args.data_dir or default_data_dir()).ensure()
    try:
        lock = InstanceLock(paths.lock_file).acquire_waiting(_wait(args), _waiting(paths))
    except DatabaseLockedError as exc:
        raise _busy(paths, args, exc) from exc
    try:
        yield
    finally:
        lock.release()


def note_changes(args: argparse.Namespace, changes: Changes) -> None:
    """What a write command's service calls returned: the notice to an open window says just that."""
    args.changes = getattr(args, "changes", NOTHING) | changes


def tell_window_about_writes(args: argparse.Namespace) -> None:
    """After a successful write beside the open window, let its views refresh."""
    root = getattr(args, "beside_window", None)
    changes: Changes = getattr(args, "changes", CHANGED_BY_WRITES)
    if root is not None and changes:
        from cadre_desk.platform.instance_channel import announce_changes

        announce_changes(root, changes.names())  # the window reads them back as Changes


def _wait(args: argparse.Namespace) -> float:
    value = getattr(args, "wait", None)
    return DEFAULT_WAIT_SECONDS if value is None else max(0.0, float(value))


def _waiting(paths: DataPaths) -> Callable[[float], None]:
    pid = InstanceLock(paths.lock_file).holder_pid()
    holder = f"（进程 {pid}）" if pid else ""

    def report(seconds_left: float) -> None:
        print(
            f"数据文件夹正被另一个 cadre_desk{holder}使用，这个命令需要独占它：等待对方结束……"
            f"（最多再等 {seconds_left:.0f} 秒，Ctrl+C 取消）",
            file=sys.stderr,
            flush=True,
        )

    return report


def _busy(paths: DataPaths, args: argparse.Namespace, exc: DatabaseLockedError) -> DatabaseLockedError:
    pid = InstanceLock(paths.lock_file).holder_pid()
    holder = f"（进程 {pid}）" if pid else ""
    return DatabaseLockedError(
        f"数据文件夹 {paths.root} 正被另一个 cadre_desk{holder}使用，已等待 {_wait(args):.0f} 秒仍未空出。",
        "这个命令需要独占数据文件夹：请在窗口中使用同样的功能，或关闭窗口后重试（--wait 秒数 可以等得更久）。"
        "查看、添加、记录类命令（tasks、log、capture、sources list、report 等）可以在窗口打开时直接使用。",
    )
