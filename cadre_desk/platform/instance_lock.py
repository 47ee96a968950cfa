"""One running cadre_desk per data folder: a lock file held for the life of the process."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from cadre_desk.domain.errors import DatabaseLockedError


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> InstanceLock:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
        try:
            _lock(handle)
        except OSError as exc:
            handle.close()
            raise DatabaseLockedError(
                f"这个数据文件夹正被另一个 cadre_desk 使用：{self.path.parent}"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def acquire_waiting(self, seconds: float, on_wait: Callable[[float], None] | None = None) -> InstanceLock:
        """Acquire, retrying for up to ``seconds``; ``on_wait(seconds_left)`` is called about every
        five seconds while another instance holds the lock."""
        deadline = time.monotonic() + max(0.0, seconds)
        next_report = 0.0
        while True:
            try:
                return self.acquire()
            except DatabaseLockedError:
                now = time.monotonic()
                if now >= deadline:
                    raise
                if on_wait is not None and now >= next_report:
                    on_wait(deadline - now)
                    next_report = now + 5.0
                time.sleep(min(0.2, deadline - now))

    def holder_pid(self) -> int | None:
        """The process id written by the holder, if readable."""
        try:
            text = self.path.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
