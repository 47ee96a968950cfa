"""A PostgreSQL connection that died in the pool (server restarted, backend ended) never fails a
request: pooled connections are pinged only after sitting idle, so a pull, a token lookup or a
one-page push that meets a dead one runs once more on a new connection."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import make_url

from cadre_desk.domain.ids import new_id
from cadre_desk.server import engine as server_engine
from cadre_desk.server.store import ServerStore, hash_token
from tests.sync.test_server_api import task_record

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(postgres_url: str) -> Iterator[ServerStore]:
    store = ServerStore(postgres_url)
    yield store
    store.close()


def _end_pooled_backends(store: ServerStore, url: str) -> int:
    """Ends (as ``pg_terminate_backend`` does, and a restart would) the backend of every
    connection in the store's pool; returns how many."""
    with contextlib.ExitStack() as held:
        connections = [held.enter_context(store.engine.connect()) for _ in range(4)]
        pids = [conn.exec_driver_sql("SELECT pg_backend_pid()").scalar() for conn in connections]
    parts = make_url(url)
    with psycopg.connect(
        host=parts.host, port=parts.port, user=parts.username, dbname=parts.database, autocommit=True
    ) as admin:
        for pid in pids:
            admin.execute("SELECT pg_terminate_backend(%s, 5000)", (pid,))
    return len(pids)


@pytest.mark.parametrize("idle_ping_s", [1e9, 0.0], ids=["no-ping", "ping-every-checkout"])
def test_dead_pooled_connections_fail_no_request(
    pg_store: ServerStore, postgres_url: str, monkeypatch: pytest.MonkeyPatch, idle_ping_s: float
) -> None:
    # 1e9: every connection counts as just used (never pinged): the retry on a new connection
    # answers; 0: each one is pinged on checkout and replaced there.
    monkeypatch.setattr(server_engine, "IDLE_PING_S", idle_ping_s)
    name = f"user-{new_id()[:12]}"
    user_id = pg_store.add_user(name)
    token = pg_store.issue_token(name)
    assert pg_store.push_single(user_id, new_id(), [task_record("第一条")]) == 1

    assert _end_pooled_backends(pg_store, postgres_url) == 4
    page = json.loads(pg_store.pull(user_id, 0, token_hash=hash_token(token)).body)
    assert [r["v"]["title"] for r in page["records"]] == ["第一条"]

    _end_pooled_backends(pg_store, postgres_url)
    assert pg_store.authenticate(token) == user_id  # a token not cached yet: looked up

    _end_pooled_backends(pg_store, postgres_url)
    future = pg_store.submit_single(user_id, new_id(), [task_record("第二条")], hash_token(token))
    assert future.result(timeout=30) == 2
    assert json.loads(pg_store.pull(user_id, 1).body)["records"][0]["v"]["title"] == "第二条"


def test_other_database_errors_are_not_retried(pg_store: ServerStore) -> None:
    calls = []

    def failing() -> None:
        calls.append(1)
        with pg_store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT * FROM no_such_table")

    with pytest.raises(Exception, match="no_such_table"):
        server_engine.retry_on_disconnect(pg_store.engine, failing)
    assert calls == [1]
