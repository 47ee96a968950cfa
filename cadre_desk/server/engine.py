"""The server database's engine: SQLite (WAL, a busy timeout, foreign keys) or PostgreSQL."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, exc, make_url

T = TypeVar("T")

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
