"""The single writer thread of one-page uploads: every upload waiting in the queue is merged in
one transaction (group commit)."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

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
