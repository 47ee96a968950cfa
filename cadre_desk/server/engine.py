"""The server database's engine: SQLite (WAL, a busy timeout, foreign keys) or PostgreSQL."""

from __future__ import annotations

import contextlib
import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, exc, make_url

from cadre_desk.server.errors import ServerBusyError

T = TypeVar("T")
log = logging.getLogger(__name__)

# A write transaction that lost a lock conflict is rolled back by the database and run again, up
# to this many times in all, after a short random pause (the other transaction finishes first).
CONFLICT_ATTEMPTS = 6
_CONFLICT_PAUSE_S = 0.02
# PostgreSQL: deadlock_detected, serialization_failure, lock_not_available.
_TRANSIENT_SQLSTATES = frozenset({"40P01", "40001", "55P03"})

# A pooled PostgreSQL connection unused for longer than this is pinged before it is handed out
# (a server restart or an idle timeout may have closed it). A busy server hands its connections
# out every few milliseconds: a ping on every checkout (``pool_pre_ping``) was one extra round
# trip per request, each waiting for a backend to be scheduled on a loaded machine.
IDLE_PING_S = 1.0


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def sqlite_file(url: str) -> Path | None:
    database = make_url(url).database
    return Path(database).resolve() if database and database != ":memory:" else None


def _ping_when_idle(engine: Engine) -> None:
    """Pre-ping only connections that sat in the pool for a while; a dead one is replaced (the
    pool's checkout then retries on a new connection, as with ``pool_pre_ping``)."""

    @event.listens_for(engine, "connect")
    def connected(_dbapi_conn: Any, record: Any) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def returned(_dbapi_conn: Any, record: Any) -> None:
        if record is not None:
            record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def handed_out(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("returned_at", 0.0) <= IDLE_PING_S:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as error:
            if engine.dialect.is_disconnect(error, dbapi_conn, None):
                raise exc.InvalidatePoolError() from error  # the pool then connects anew
            raise


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, pool_size=20, max_overflow=20)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # LIFO: under light load the same few connections stay warm (and skip the ping); the others
    # idle. Under heavy load every connection is in use anyway.
    engine = create_engine(url, pool_size=20, max_overflow=20, pool_use_lifo=True)
    _ping_when_idle(engine)
    return engine


@contextlib.contextmanager
def noticing_disconnect(conn: Connection) -> Iterator[None]:
    """An error of a DB-API cursor used directly (the hot paths do) that means the connection
    died is raised as SQLAlchemy raises it for its own statements: a ``DBAPIError`` with
    ``connection_invalidated``, the connection invalidated (never handed out again)."""
    try:
        yield
    except exc.DBAPIError:
        raise
    except Exception as error:
        dbapi = conn.dialect.loaded_dbapi
        raw = None if conn.invalidated else conn.connection.dbapi_connection
        if (
            isinstance(error, dbapi.Error)
            and raw is not None
            and conn.dialect.is_disconnect(error, raw, None)
        ):
            conn.invalidate(error)
            raise exc.DBAPIError.instance(
                None, None, error, dbapi.Error, connection_invalidated=True, dialect=conn.dialect
            ) from error
        raise


def retry_on_disconnect(engine: Engine, work: Callable[[], T]) -> T:
    """``work()``, once more if the connection it used had died (a restarted PostgreSQL: a
    connection used within the last ``IDLE_PING_S`` is handed out without a ping). Only for work
    that is safe to repeat: reads, and uploads (a committed session is answered, not applied
    again)."""
    try:
        return work()
    except exc.DBAPIError as error:
        if not error.connection_invalidated:
            raise
        engine.dispose()  # the other pooled connections are as old as the dead one: new ones
        return work()


# SQLite page cache for a large commit's transaction (KiB); the connection's own size comes back
# after it. Inserting 100,000 rows (73 MB) with the default 2 MB cache spilled index pages to the
# WAL and read them back: 1.00-1.56 s, with 64 MB 0.84-0.96 s (same run, load 1.4).
LARGE_COMMIT_CACHE_KIB = 64 * 1024


@contextlib.contextmanager
def large_write_cache(conn: Connection) -> Iterator[None]:
    """A bigger SQLite page cache for one large write transaction on ``conn`` (no-op elsewhere):
    only for its length, so pooled connections do not each keep 64 MB."""
    if conn.dialect.name != "sqlite":
        yield
        return
    previous = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{LARGE_COMMIT_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(previous or -2000)}")


def compress_staged_pages_fast(engine: Engine) -> None:
    """PostgreSQL: staged page bodies (1 MB of JSON lines each) compressed with lz4 instead of
    pglz, the default: a page is stored in ~5 ms instead of ~12-30 (backend CPU, on the same
    cores as the upload) and read back faster at commit, at about the same size. Set once per
    database; a server without lz4 keeps pglz."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        current = conn.exec_driver_sql(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = 'srv_staged_pages'::regclass AND attname = 'body'"
        ).scalar()
        if current == "l":
            return
        try:
            with conn.begin_nested():
                conn.exec_driver_sql("ALTER TABLE srv_staged_pages ALTER COLUMN body SET COMPRESSION lz4")
        except exc.DBAPIError as error:  # built without lz4 (or before PostgreSQL 14)
            log.info('{"event": "staged_pages_pglz", "reason": %s}', json.dumps(str(error.orig)[:200]))


def is_transient_conflict(error: BaseException) -> bool:
    """A write that lost a race with another transaction (a deadlock, a serialization failure,
    SQLite's lock still held after the busy timeout): nothing was written, running it again
    can succeed."""
    original = error.orig if isinstance(error, exc.DBAPIError) else error
    if getattr(original, "sqlstate", None) in _TRANSIENT_SQLSTATES:
        return True
    message = str(original).lower()
    return type(original).__name__ == "OperationalError" and (
        "database is locked" in message or "database table is locked" in message
    )


def retry_write(engine: Engine, work: Callable[[], T], attempts: int = CONFLICT_ATTEMPTS) -> T:
    """``work()`` (one write transaction, safe to repeat: it rolled back whole), run again when it
    lost a lock conflict with another transaction or process (``serve --workers``: two
    processes' transactions may deadlock, and the database then ends one of them) and once more
    on a new connection if its connection had died. Still conflicting after ``attempts``:
    ``ServerBusyError`` (503, the client syncs again later), never an internal error."""
    for attempt in range(1, attempts + 1):
        try:
            return retry_on_disconnect(engine, work)
        except Exception as error:  # also a DB-API cursor's own error (the hot paths use one)
            if not is_transient_conflict(error):
                raise
            if attempt == attempts:
                raise ServerBusyError() from error
            time.sleep(random.uniform(0.5, 1.5) * _CONFLICT_PAUSE_S * attempt)  # jitter: not in step
    raise AssertionError("unreachable")  # pragma: no cover
