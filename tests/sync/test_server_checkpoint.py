"""The server's SQLite WAL is checkpointed on a thread of its own after write transactions (not
inside the commit of an upload), at most once per interval; reads never wake that thread."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cadre_desk.server import checkpoint
from cadre_desk.server.store import ServerStore


def _until(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + 30  # a bound for a hung thread, not a speed target
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_writes_are_checkpointed_on_the_thread_and_reads_do_not_wake_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[int] = []
    original = checkpoint.Checkpointer.checkpoint

    def counted(self: checkpoint.Checkpointer) -> None:
        original(self)
        runs.append(1)

    monkeypatch.setattr(checkpoint.Checkpointer, "checkpoint", counted)
    store = ServerStore(f"sqlite:///{tmp_path / 'server.db'}")
    checkpointer = store._checkpointer
    assert checkpointer is not None
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == checkpoint.BACKSTOP_PAGES
        store.add_user("alice")  # a write transaction
        assert _until(lambda: bool(runs))
        # Reads never wake the thread. Counted at the wake-up itself: comparing the thread's runs
        # before and after raced with a checkpoint still running for the set-up's writes.
        wakes: list[int] = []
        checkpointer.wake = lambda: wakes.append(1)  # type: ignore[method-assign]
        store.users()
        store.pull(store.users() and _user_id(store, "alice"), 0)
        assert wakes == []
        store.issue_token("alice")  # ...a write does
        assert wakes == [1]
        del checkpointer.wake
        before = len(runs)
        store.issue_token("alice")  # and the thread checkpoints it
        assert _until(lambda: len(runs) > before and not checkpointer._wake.is_set())
        with store.engine.connect() as conn:  # nothing left in the WAL to copy
            busy, frames, copied = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        assert busy == 0 and frames == copied
    finally:
        store.close()
    assert checkpointer._thread is None


def _user_id(store: ServerStore, name: str) -> str:
    with store.engine.connect() as conn:
        return str(conn.exec_driver_sql("SELECT id FROM srv_users WHERE name = ?", (name,)).scalar())


def test_a_postgresql_store_has_no_checkpointer(postgres_url: str) -> None:
    store = ServerStore(postgres_url)
    try:
        assert store._checkpointer is None
    finally:
        store.close()
