"""Write transactions that lose a lock conflict with another transaction (another worker of
``serve --workers``, another thread) are run again by the server: the upload is stored, never
answered with an internal error. On a real PostgreSQL each test forces the interleaving that
makes the database end the server's transaction as a deadlock victim."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest
from sqlalchemy import insert

from cadre_desk.domain.ids import new_id
from cadre_desk.server import engine as server_engine
from cadre_desk.server.engine import CONFLICT_ATTEMPTS, retry_write
from cadre_desk.server.errors import ServerBusyError
from cadre_desk.server.models import User
from cadre_desk.server.store import ServerStore
from cadre_desk.server.writer import UploadJob
from cadre_desk.services.sync.apply import combine
from tests.sync.server_fixtures import LiveServer
from tests.sync.test_server_api import client, push, task_record

WAIT_LIMIT_S = 60  # only a hang takes this long


@pytest.fixture
def pg(postgres_url: str) -> Iterator[ServerStore]:
    store = ServerStore(postgres_url)
    yield store
    store.close()


@pytest.fixture
def other(postgres_url: str) -> Iterator[psycopg.Connection[Any]]:
    """Another transaction (as another worker's), slow to detect deadlocks itself, so that the
    server's transaction is the one the database ends."""
    with psycopg.connect(postgres_url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.execute("SET deadlock_timeout = '60s'")
        conn.commit()
        yield conn
        conn.rollback()


def _wait_for_lock_wait(store: ServerStore, query: str) -> None:
    """Until a backend waits for a row lock while running a statement ``LIKE query``."""
    deadline = time.monotonic() + WAIT_LIMIT_S
    while time.monotonic() < deadline:
        with store.engine.connect() as conn:
            waiting = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
                (query,),
            ).scalar()
        if waiting:
            return
        time.sleep(0.02)
    raise AssertionError(f"no transaction waited on a lock in {query!r}")


def _in_thread(work: Callable[[], Any]) -> Callable[[], Any]:
    """Starts ``work`` on a thread; the returned call waits for its result (or raises its error)."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()

    def result() -> Any:
        thread.join(WAIT_LIMIT_S)
        assert not thread.is_alive()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    return result


def _titles(store: ServerStore, user_id: str) -> list[str]:
    return [record["v"]["title"] for record in json.loads(store.pull(user_id, 0).body)["records"]]


@pytest.mark.postgres
def test_staged_commit_that_loses_a_deadlock_is_run_again(
    pg: ServerStore, other: psycopg.Connection[Any]
) -> None:
    user_id = pg.add_user(f"conflict-{time.monotonic_ns()}")
    session = "a" * 32
    pg.stage(user_id, session, 0, 2, [task_record("第一页")])
    pg.stage(user_id, session, 1, 2, [task_record("第二页")])
    # The other transaction holds the staged pages; the commit locks the user, merges, and then
    # waits to delete them; the other one then wants the user: a deadlock.
    other.execute("SELECT 1 FROM srv_staged_pages WHERE user_id = %s FOR UPDATE", (user_id,))
    committed = _in_thread(lambda: pg.commit(user_id, session, 2))
    _wait_for_lock_wait(pg, "DELETE FROM srv_staged_pages%")
    other.execute("UPDATE srv_users SET seq = seq WHERE id = %s", (user_id,))  # returns once it is ended
    other.rollback()
    assert committed() == 2
    assert sorted(_titles(pg, user_id)) == ["第一页", "第二页"]


@pytest.mark.postgres
def test_one_page_push_that_loses_a_deadlock_is_run_again(
    pg: ServerStore, other: psycopg.Connection[Any]
) -> None:
    user_id = pg.add_user(f"conflict-{time.monotonic_ns()}")
    session = "b" * 32
    # The other transaction records the same upload session (a retried request in another
    # worker); the push locks the user and waits on that key; the other one then wants the user.
    other.execute(
        "INSERT INTO srv_sessions (user_id, session, cursor, committed_at) VALUES (%s, %s, 0, 0)",
        (user_id, session),
    )
    future = pg.submit_single(user_id, session, [task_record("一页")])
    pushed = _in_thread(lambda: future.result(WAIT_LIMIT_S))
    _wait_for_lock_wait(pg, "INSERT INTO srv_sessions%")
    other.execute("UPDATE srv_users SET seq = seq WHERE id = %s", (user_id,))
    other.rollback()
    assert pushed() == 1
    assert _titles(pg, user_id) == ["一页"]


@pytest.mark.postgres
def test_a_batch_locks_its_users_in_one_order(pg: ServerStore, postgres_url: str) -> None:
    """Two workers' batches of the same users never deadlock: each locks them in id order, so a
    batch waiting for its first user holds none of the others (an UPDATE over several users
    locked them in the order its scan met them)."""
    first, second = "0" + new_id()[1:], "f" + new_id()[1:]
    with pg.engine.begin() as conn:  # the later id stored first: a scan of the table meets it first
        for user_id in (second, first):
            conn.execute(insert(User).values(id=user_id, name=user_id, seq=0, created_at=datetime.now(UTC)))
    jobs = [UploadJob(user, user[:16] * 2, [task_record(f"用户{user}")]) for user in (first, second)]
    for job in jobs:
        job.incoming = combine(job.records)
    url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as holder, psycopg.connect(url) as prober:
        holder.execute("SELECT 1 FROM srv_users WHERE id = %s FOR NO KEY UPDATE", (first,))
        written = _in_thread(lambda: pg._commit_uploads(jobs))
        _wait_for_lock_wait(pg, "% srv_users %WHERE id IN (%")  # this batch's lock of its users
        prober.execute("SET lock_timeout = '1ms'")
        prober.execute("SELECT 1 FROM srv_users WHERE id = %s FOR NO KEY UPDATE", (second,))  # not held
        prober.rollback()
        holder.rollback()
        assert written() == (set(), [1, 1])


def test_write_lost_to_conflicts_is_run_again_then_answered_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_engine, "_CONFLICT_PAUSE_S", 0.0)
    engine: Any = None  # retry_on_disconnect only uses it after a dead connection

    calls: list[int] = []

    def locked_twice() -> str:
        calls.append(1)
        if len(calls) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return "stored"

    assert retry_write(engine, locked_twice) == "stored" and len(calls) == 3

    class Deadlock(Exception):
        sqlstate = "40P01"

    calls.clear()

    def always_deadlocked() -> None:
        calls.append(1)
        raise Deadlock("deadlock detected")

    with pytest.raises(ServerBusyError):
        retry_write(engine, always_deadlocked)
    assert len(calls) == CONFLICT_ATTEMPTS

    calls.clear()

    def broken() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("no such table: srv_rows")

    with pytest.raises(sqlite3.OperationalError):
        retry_write(engine, broken)
    assert calls == [1]  # not a conflict: not run again


def test_push_still_conflicting_is_answered_503_not_500(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_engine, "_CONFLICT_PAUSE_S", 0.0)

    def always_locked(_batch: list[UploadJob]) -> Any:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(live_server.store, "_commit_batch", always_locked)
    _, token = live_server.user()
    reply = push(client(live_server, token), [task_record("冲突")])
    assert reply.status_code == 503
    assert reply.headers["retry-after"] == "5"
    assert "稍后再同步" in reply.json()["error"]
