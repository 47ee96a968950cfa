"""WAL checkpoints of the server's SQLite file on a thread of their own.

SQLite checkpoints inside the commit that pushes the WAL past ``wal_autocheckpoint`` pages: the
request that made that commit waits while the WAL is copied into the database file (the commit
of a 100,000-row upload: ~0.65 s of its ~2.4 s, after its 73 MB of records went to the WAL).
Here this thread runs the same PASSIVE checkpoint once a write transaction is back in the pool,
at most once per ``INTERVAL_S`` (many small uploads a second must not each pay one); a reply never
waits for it. Readers and writers go on meanwhile, as around an automatic checkpoint. Automatic
checkpoints stay on only as a backstop, at a size this thread never lets the WAL reach.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)

INTERVAL_S = 1.0
BACKSTOP_PAGES = 100_000  # ~400 MB of WAL (SQLite's default is 1,000 pages)
_WROTE = "cadre_wrote"  # marks a pooled connection whose transaction committed


class Checkpointer:
    """Checkpoints the WAL after committed write transactions, at most once per interval."""

    def __init__(self, engine: Engine, interval_s: float = INTERVAL_S) -> None:
        self._engine = engine
        self._interval_s = interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pid = 0
        event.listen(engine, "connect", self._backstop_only)
        event.listen(engine, "commit", self._committed)
        event.listen(engine, "checkin", self._returned)

    @staticmethod
    def _backstop_only(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA wal_autocheckpoint = {BACKSTOP_PAGES}")
        cursor.close()

    @staticmethod
    def _committed(conn: Any) -> None:
        # (fired before the commit itself: the thread is woken once the connection is back)
        conn.connection.info[_WROTE] = True

    def _returned(self, _dbapi_conn: Any, record: Any) -> None:
        if record is not None and record.info.pop(_WROTE, False):
            self.wake()

    def wake(self) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            if self._thread is None or self._pid != os.getpid():  # a forked worker starts its own
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name="cadre-wal-checkpoint", daemon=True)
                self._thread.start()
        self._wake.set()

    def close(self) -> None:
        with self._lock:
            self._stop.set()
            thread, self._thread = self._thread, None
        self._wake.set()
        if thread is not None and self._pid == os.getpid():
            thread.join()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.checkpoint()
            except Exception:  # the next write tries again; no reply depended on this
                log.exception("WAL checkpoint failed")
            self._stop.wait(self._interval_s)  # writes meanwhile wake it again afterwards

    def checkpoint(self) -> None:
        with self._engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
