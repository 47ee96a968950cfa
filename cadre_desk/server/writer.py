"""The single writer thread of one-page uploads: every upload waiting in the queue is merged in
one transaction (group commit)."""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: one server process only (serve --workers needs fork)
    fcntl = None  # type: ignore[assignment]

from cadre_desk.server.errors import TokenRevokedError
from cadre_desk.services.sync.apply import combine
from cadre_desk.services.sync.merge import RowState

log = logging.getLogger("cadre_desk.server.store")

Key = tuple[str, str]


@dataclass
class UploadJob:
    user_id: str
    session: str
    records: list[Any]
    token_hash: str | None = None  # checked again in the write transaction (revocation is immediate)
    future: Future[int] = field(default_factory=Future)
    incoming: dict[Key, RowState] = field(default_factory=dict)


class BatchWriter:
    """One thread that merges queued one-page uploads, as many per transaction as are waiting."""

    MAX_BATCH = 256

    def __init__(self, commit: Callable[[list[UploadJob]], tuple[set[str], list[int]]]) -> None:
        """``commit`` merges a batch in one transaction and returns the revoked token hashes
        (their jobs were left out) and the cursors of the others, in order."""
        self._commit = commit
        self._queue: queue.SimpleQueue[UploadJob | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._closed = False

    def submit(self, job: UploadJob) -> Future[int]:
        with self._start_lock:
            if self._closed:
                raise RuntimeError("the server store is closed")
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="cadre-sync-writer", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job.future

    def close(self) -> None:
        with self._start_lock:
            self._closed = True
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            batch = [job]
            stop = False
            while len(batch) < self.MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                batch.append(more)
            self._process(batch)
            if stop:
                return

    def _process(self, batch: list[UploadJob]) -> None:
        valid: list[UploadJob] = []
        for job in batch:
            if not job.future.set_running_or_notify_cancel():
                continue
            try:
                job.incoming = combine(job.records)  # malformed records fail only their own upload
            except Exception as exc:
                job.future.set_exception(exc)
                continue
            valid.append(job)
        if valid:
            self._write(valid)

    def _write(self, batch: list[UploadJob]) -> None:
        try:
            revoked, cursors = self._commit(batch)
            allowed = [job for job in batch if job.token_hash not in revoked]
        except Exception as exc:
            if len(batch) == 1:
                batch[0].future.set_exception(exc)
                return
            log.warning("sync writer: batch of %d uploads failed (%s), one by one now", len(batch), exc)
            for job in batch:
                self._write([job])
            return
        for job, cursor in zip(allowed, cursors, strict=True):
            job.future.set_result(cursor)
        for job in batch:
            if job.token_hash in revoked:
                job.future.set_exception(TokenRevokedError())


class SqliteWriteLock:
    """Queues this server's write transactions on one SQLite file: the threads of a process on a
    lock, the processes of ``serve --workers`` on an exclusive lock of a file beside the
    database. SQLite's busy handler polls with growing sleeps (up to 100 ms a try); a queue
    keeps the tail short and never lets a writer give up."""

    def __init__(self, database: Path | None) -> None:
        self._threads = threading.Lock()
        self._path = None if database is None else database.with_name(database.name + "-writer.lock")
        self._fd: int | None = None
        self._fd_pid = 0

    def _file(self) -> int | None:
        if self._path is None or fcntl is None:
            return None
        if self._fd is None or self._fd_pid != os.getpid():  # a forked worker opens its own
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._fd_pid = os.getpid()
        return self._fd

    def __enter__(self) -> None:
        self._threads.acquire()
        try:
            fd = self._file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)  # waits without the GIL
        except BaseException:
            self._threads.release()
            raise

    def __exit__(
        self, _type: type[BaseException] | None, _value: BaseException | None, _tb: TracebackType | None
    ) -> None:
        try:
            if self._fd is not None and self._fd_pid == os.getpid() and fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def close(self) -> None:
        if self._fd is not None and self._fd_pid == os.getpid():
            os.close(self._fd)
        self._fd = None
