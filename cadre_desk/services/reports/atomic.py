"""Write an export file all-or-nothing: a temp file in the target folder, then ``os.replace``.

A file open in Excel/WPS (Windows refuses the rename), a read-only or missing folder, or a full
disk becomes a typed error with a Chinese message; the previous file, if any, stays untouched
and no half-written file is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cadre_desk.domain.errors import DiskFullError, ExportTargetError, ExportTargetLockedError

_LOCKED_WINERRORS = {32, 33}  # sharing violation, lock violation


def atomic_write(target: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp_path)`` and move the finished file onto ``target``.

    ``write`` must create the file at the path it is given. Returns the resolved target.
    """
    target = Path(target).expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportTargetError(f"“{target}”是一个文件夹，不能作为导出文件。")
    if not folder.is_dir():
        raise ExportTargetError(f"保存位置不存在：{folder}")
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=f".part{target.suffix}", dir=folder
        )
    except OSError as exc:
        raise _folder_error(folder, exc) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        try:
            write(temp)
            with temp.open("rb+") as written:
                os.fsync(written.fileno())
            os.chmod(temp, _target_mode(target))
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise DiskFullError(f"磁盘已满，未能写完“{target.name}”；原文件没有被改动。") from exc
            raise _folder_error(folder, exc) from exc
        try:
            os.replace(temp, target)
        except OSError as exc:
            raise _replace_error(target, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target.resolve()


def _target_mode(target: Path) -> int:
    """Keep an overwritten file's permissions; a new file gets the usual 0666 & ~umask
    (``mkstemp`` creates 0600, which would hide the report from other users of a shared folder)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _folder_error(folder: Path, exc: OSError) -> ExportTargetError:
    if exc.errno == errno.ENOSPC:
        return ExportTargetError(f"磁盘已满，无法在“{folder}”中写入。")
    return ExportTargetError(f"无法在“{folder}”中写入文件（{exc.strerror or exc}）。")


def _replace_error(target: Path, exc: OSError) -> ExportTargetError:
    winerror = getattr(exc, "winerror", None)
    if winerror in _LOCKED_WINERRORS or (
        target.exists() and exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY)
    ):
        return ExportTargetLockedError(f"文件“{target.name}”正被其他程序占用或被设为只读，无法覆盖。")
    return ExportTargetError(f"无法保存“{target}”（{exc.strerror or exc}）。")
