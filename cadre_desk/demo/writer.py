"""Bulk writes on a background thread, so generating the next chunk overlaps SQLite's work.

``sqlite3`` releases the GIL while a statement steps, so on two cores the Python generator
and the SQLite engine (with its change-log and counter triggers) run side by side. Chunks are
written strictly in order; the first error stops the writer and is raised to the caller.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from cadre_desk.storage.database import larger_page_cache

_DONE = object()


Work = Callable[[Connection], int]  # writes something, returns the number of items written


class ChunkWriter:
    """Runs write callables in order on one connection, committing every ``commit_every`` calls.

    Everything put before the first commit lands atomically (a 5,000-item demo is one
    transaction); larger runs commit in steps so the WAL stays bounded.
    """

    def __init__(self, connect: Callable[[], Connection], commit_every: int, cache_kib: int = 0) -> None:
        self._connect = connect
        self._cache_kib = cache_kib
        self._commit_every = max(1, commit_every)
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self.written = 0
        self.cpu_seconds = 0.0  # CPU time of the writer thread (SQLite and its triggers)
        self._thread = threading.Thread(target=self._run, name="demo-writer", daemon=True)
        self._thread.start()

    def put(self, work: Work) -> None:
        if self._error is not None:
            self._raise()
        while True:
            try:
                self._queue.put(work, timeout=0.5)
                return
            except queue.Full:
                if self._error is not None or not self._thread.is_alive():
                    self._raise()

    def close(self) -> int:
        """Wait for every chunk to be committed; raise the writer's error if any."""
        if self._thread.is_alive():
            self._queue.put(_DONE)
            self._thread.join()
        if self._error is not None:
            self._raise()
        return self.written

    def abort(self) -> None:
        """Stop without committing the open transaction (after an error in the generator)."""
        self._error = self._error or RuntimeError("aborted")
        try:
            self._queue.put_nowait(_DONE)
        except queue.Full:
            pass
        self._thread.join(timeout=30)

    def _raise(self) -> None:
        assert self._error is not None
        raise self._error

    def _run(self) -> None:
        started = time.thread_time()
        try:
            self._write()
        finally:
            self.cpu_seconds = time.thread_time() - started

    def _write(self) -> None:
        try:
            conn = self._connect()
        except BaseException as exc:
            self._error = exc
            return
        try:
            with larger_page_cache(conn, self._cache_kib):
                conn.commit()  # the PRAGMA's implicit transaction; chunks open their own
                self._loop(conn)
        except BaseException as exc:
            self._error = exc
            # Unblock a producer waiting on a full queue.
            while not self._queue.empty():
                self._queue.get_nowait()
        finally:
            conn.close()

    def _loop(self, conn: Connection) -> None:
        transaction = conn.begin()
        pending = 0
        while True:
            work = self._queue.get()
            if work is _DONE or self._error is not None:
                break
            self.written += work(conn)
            pending += 1
            if pending >= self._commit_every:
                transaction.commit()
                transaction = conn.begin()
                pending = 0
        if self._error is None:
            transaction.commit()
        else:
            transaction.rollback()
