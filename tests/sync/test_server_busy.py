"""A server that answers 503 (a write kept losing lock conflicts; nothing of it was stored) is
asked again after the pause it names, and the sync completes; a server that stays busy is
reported with its own message, after a bounded number of tries. Real server on 127.0.0.1."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from cadre_desk.server import engine as server_engine
from cadre_desk.server.writer import UploadJob
from cadre_desk.services.sync.server_client import BUSY_RETRIES, ServerClient, ServerSyncError
from tests.sync.helpers import Replica
from tests.sync.server_fixtures import LiveServer

MakeReplica = Callable[..., Replica]


def _busy_until(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """Every upload commit loses its lock while ``state["busy"]``; the real commit otherwise."""
    monkeypatch.setattr(server_engine, "_CONFLICT_PAUSE_S", 0.0)
    state = {"busy": True}
    real = live_server.store._commit_batch

    def commit(batch: list[UploadJob]) -> Any:
        if state["busy"]:
            raise sqlite3.OperationalError("database is locked")
        return real(batch)

    monkeypatch.setattr(live_server.store, "_commit_batch", commit)
    return state


def _client(
    replica: Replica, live_server: LiveServer, token: str, pause: Callable[[float], None]
) -> ServerClient:
    http = httpx.Client(
        base_url=live_server.url, headers={"Authorization": f"Bearer {token}"}, timeout=10, trust_env=False
    )
    return ServerClient(replica.db, live_server.url, token, http=http, pause=pause)


def test_a_busy_server_is_asked_again_and_the_sync_completes(
    make_replica: MakeReplica, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = _busy_until(live_server, monkeypatch)
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:  # busy for two answers, then free
            state["busy"] = False

    _, token = live_server.user()
    a, b = make_replica("a"), make_replica("b")
    task = a.add_task("每日学习打卡", a.add_source())
    a.check_in(task)
    with _client(a, live_server, token, pause) as client:
        assert client.sync().pushed == 3
    assert pauses == [5.0, 5.0]  # the server's Retry-After, twice
    with _client(b, live_server, token, pauses.append) as client:
        assert sum(client.sync().pulled.inserted.values()) == 3
    assert a.snapshot() == b.snapshot()  # stored once, nothing lost or doubled


def test_a_server_that_stays_busy_is_reported_with_its_message(
    make_replica: MakeReplica, live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _busy_until(live_server, monkeypatch)
    pauses: list[float] = []
    _, token = live_server.user()
    a = make_replica("a")
    a.add_task("每日学习打卡", a.add_source())
    with _client(a, live_server, token, pauses.append) as client, pytest.raises(ServerSyncError) as caught:
        client.sync()
    assert len(pauses) == BUSY_RETRIES
    assert "503" in str(caught.value) and "稍后再同步" in str(caught.value)
