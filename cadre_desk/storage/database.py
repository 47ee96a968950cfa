"""Opening the user's database safely, and the session factory every service uses."""

from __future__ import annotations

import contextlib
import logging
import platform
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from cadre_desk.domain.errors import DatabaseCorruptError, DatabaseLockedError, DiskFullError
from cadre_desk.domain.hlc import HybridLogicalClock
from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage import migrate
from cadre_desk.storage.backup import latest_good_backup
from cadre_desk.storage.models import ChangeLog, Device, SyncedMixin

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# 8 KB rather than SQLite's 4 KB: shallower b-trees and less per-page work. Demo generation at
# 200k items, three runs each (load 5-8): SQLite writer CPU 5.75-6.41 s vs 7.10-8.48 s, file
# 285 vs 294 MB. Reads of single rows copy 8 KB from the OS cache instead of 4 KB: negligible.
PAGE_SIZE = 8192


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # A new, empty file gives freed pages back (storage/space.py) and uses 8 KB pages. Asked
        # only there: on an existing file the pragmas would write its header (a newer schema must
        # stay untouched), and the page size of a WAL file cannot change anyway.
        if cursor.execute("PRAGMA page_count").fetchone()[0] == 0:
            cursor.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            cursor.execute("PRAGMA auto_vacuum = INCREMENTAL")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # durable in WAL mode up to the last commit
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        # 8 MB per connection (the pool holds up to 8): the GUI stays under 300 MB at 1M items;
        # reads beyond it come from the OS file cache. Bulk jobs raise it on their own connection.
        cursor.execute(f"PRAGMA cache_size = -{DEFAULT_CACHE_KIB}")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {DEFAULT_AUTOCHECKPOINT_PAGES}")
    finally:
        cursor.close()


DEFAULT_CACHE_KIB = 8000
# SQLite copies the WAL back into the file (a checkpoint, with an fsync) at the first commit that
# finds it over 1,000 pages. A run of bulk writes (a refresh stores a batch every ~1,000 items)
# re-dirties the same index pages at random places batch after batch, so checkpointing at each
# commit copied them again and again: 25,000 items into a fresh profile, CPU 0.83 -> 0.55 s and
# per-batch time growing with the table (85 -> 159 ms) vs flat. Bulk sessions raise the limit on
# their connection; the run's caller checkpoints once at its end (``Database.checkpoint``).
DEFAULT_AUTOCHECKPOINT_PAGES = 1000
BULK_AUTOCHECKPOINT_PAGES = 16_384  # 128 MB of WAL at 8 KB pages: bounded even without the end


@contextlib.contextmanager
def larger_page_cache(conn: Connection, kib: int) -> Iterator[None]:
    """A bigger SQLite page cache on this connection for one bulk job, given back afterwards
    (connections return to a pool that the GUI shares). ``kib`` ≤ the default does nothing."""
    if kib <= DEFAULT_CACHE_KIB or conn.dialect.name != "sqlite":
        yield
        return
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = -{DEFAULT_CACHE_KIB}")


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite+pysqlite:///{path}", pool_size=4, max_overflow=4)
    event.listen(engine, "connect", _set_pragmas)
    return engine


@contextlib.contextmanager
def translate_errors(path: Path, backups: Path | None = None) -> Iterator[None]:
    """Turn SQLite's failures into typed errors with a message for people."""
    try:
        yield
    except (OperationalError, sqlite3.OperationalError) as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseLockedError(
                f"数据库正被另一个程序写入，等待 {BUSY_TIMEOUT_MS // 1000} 秒仍未完成：{path}",
                "通常是 cadre_desk 窗口正在保存（例如刷新订阅源或同步）：请稍候再试；"
                "如果一直如此，请关闭其他 cadre_desk 窗口后重试。",
            ) from exc
        if "disk is full" in text or "database or disk is full" in text:
            raise DiskFullError("磁盘已满，写入未完成；已保存的数据没有丢失。") from exc
        if "malformed" in text or "not a database" in text:
            raise _corrupt(path, backups) from exc
        raise
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        text = str(exc).lower()
        if "malformed" in text or "not a database" in text or "corrupt" in text:
            raise _corrupt(path, backups) from exc
        raise


def _corrupt(path: Path, backups: Path | None) -> DatabaseCorruptError:
    backup = latest_good_backup(backups) if backups else None
    return DatabaseCorruptError(f"数据库文件已损坏：{path}", latest_backup=str(backup) if backup else None)


class Database:
    """The open database of one profile: engine, sessions, this device's id and clock.

    Every ORM flush stamps synced rows with a fresh HLC and this device's id; bulk Core
    statements call :meth:`stamp` themselves (the triggers refuse unstamped updates).
    """

    def __init__(self, path: Path, engine: Engine, device_id: str, clock: HybridLogicalClock) -> None:
        self.path = path
        self.engine = engine
        self.device_id = device_id
        self.clock = clock
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        event.listen(self.sessions, "before_flush", self._stamp_flush)

    def stamp(self) -> int:
        return self.clock.now()

    def stamp_columns(self) -> dict[str, Any]:
        """The sync columns for a bulk INSERT or UPDATE."""
        return {"updated_at_hlc": self.clock.now(), "device_id": self.device_id}

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with translate_errors(self.path), self.sessions.begin() as session:
            yield session

    @contextlib.contextmanager
    def bulk_session(self) -> Iterator[Session]:
        """``session`` for one of a run of large writes: its commit leaves the WAL checkpoint to
        ``checkpoint()`` at the end of the run (or to a later commit past 128 MB of WAL)."""
        if self.engine.dialect.name != "sqlite":
            with self.session() as session:
                yield session
            return
        with translate_errors(self.path), self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            # On the driver connection: a PRAGMA through ``conn`` would open its transaction, and
            # the session would then join it instead of committing its own.
            raw.execute(f"PRAGMA wal_autocheckpoint = {BULK_AUTOCHECKPOINT_PAGES}")
            try:
                with self.sessions(bind=conn) as session, session.begin():
                    yield session
            finally:
                raw.execute(f"PRAGMA wal_autocheckpoint = {DEFAULT_AUTOCHECKPOINT_PAGES}")

    def checkpoint(self) -> None:
        """Copy the WAL back into the database file now (PASSIVE: waits for no reader or
        writer; what a reader still needs stays for a later checkpoint)."""
        if self.engine.dialect.name != "sqlite":
            return
        with translate_errors(self.path), self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _stamp_flush(self, session: Session, _context: Any, _instances: Any) -> None:
        for obj in session.new:
            if isinstance(obj, SyncedMixin):
                obj.updated_at_hlc = self.clock.now()
                obj.device_id = self.device_id
        for obj in session.dirty:
            if isinstance(obj, SyncedMixin) and session.is_modified(obj, include_collections=False):
                obj.updated_at_hlc = self.clock.now()
                obj.device_id = self.device_id
        for obj in session.deleted:
            if isinstance(obj, SyncedMixin):
                raise ValueError(f"{type(obj).__name__} rows are never deleted: set deleted = True")

    def close(self) -> None:
        self.engine.dispose()


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _ensure_device(session: Session) -> str:
    device = session.scalars(select(Device)).first()
    if device is None:
        device = Device(id=new_id(), name=platform.node() or "cadre_desk", created_at=datetime.now(UTC))
        session.add(device)
        session.flush()
    return device.id


def open_database(paths: DataPaths, run_migrations: bool = True) -> Database:
    """Open (creating or upgrading) the database of a profile.

    Raises ``DatabaseNewerError`` (file untouched), ``DatabaseCorruptError`` (with the latest
    good backup), ``DatabaseLockedError`` or ``DiskFullError``.
    """
    db_path = paths.database
    if db_path.exists() and db_path.stat().st_size > 0 and not _looks_like_sqlite(db_path):
        raise _corrupt(db_path, paths.backups)
    engine = sqlite_engine(db_path)
    try:
        with translate_errors(db_path, paths.backups):
            if run_migrations:
                migrate.upgrade(engine, db_path, paths.backups)
            else:
                with engine.connect() as conn:
                    migrate.check_schema(conn)
            with Session(engine) as session, session.begin():
                device_id = _ensure_device(session)
                last = session.scalar(select(func.max(ChangeLog.hlc))) or 0
    except BaseException:
        engine.dispose()
        raise
    return Database(db_path, engine, device_id, HybridLogicalClock(last=last))
