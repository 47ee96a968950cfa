"""The daily backup of a large profile: online, consistent, cancellable, compressed, restorable."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services import backups as backup_service
from cadre_desk.services.backups import BackupService
from cadre_desk.storage import backup as store
from cadre_desk.storage.database import open_database
from tests.factories import add_items, add_source

TODAY = date(2026, 12, 2)


def large_profile(paths: DataPaths, megabytes: int = 48) -> int:
    """A migrated profile with ``megabytes`` of item bodies (random, so it does not compress away)."""
    db = open_database(paths)
    add_items(db, add_source(db), 50)
    db.close()
    conn = sqlite3.connect(paths.database)
    conn.execute("CREATE TABLE ballast (body BLOB)")
    conn.executemany("INSERT INTO ballast VALUES (randomblob(1048576))", [()] * megabytes)
    conn.commit()
    count = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    conn.close()
    return int(count)


def slow_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """1 MB steps with a pause: the copy of the ballast takes several seconds, like 2 GB would."""
    monkeypatch.setattr(store, "STEP_BYTES", 256 * 4096)
    monkeypatch.setattr(backup_service, "IDLE_STEP_PAUSE", 0.08)


def test_quitting_during_a_backup_returns_within_a_second_and_the_next_one_verifies(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    large_profile(data_paths)
    slow_steps(monkeypatch)
    service = BackupService(data_paths)
    finished: list[Path | None] = []
    assert service.start_daily(done=finished.append, today=TODAY)
    assert not service.start_daily(today=TODAY)  # one at a time
    time.sleep(0.6)
    assert service.running
    started = time.perf_counter()
    assert service.stop()
    assert time.perf_counter() - started < 1.0
    assert finished == []  # stopped, not finished
    assert list(data_paths.backups.iterdir()) == []  # nothing half-written is left

    monkeypatch.setattr(backup_service, "IDLE_STEP_PAUSE", 0.0)
    service.start_daily(done=finished.append, today=TODAY)
    assert service.wait(60)
    written = finished[0]
    assert written is not None and written.name == "daily-2026-12-02.db"
    assert store.integrity_ok(written)
    assert [p.name for p in data_paths.backups.iterdir()] == [written.name]


def test_cancel_during_the_integrity_check_stops_it(data_paths: DataPaths) -> None:
    large_profile(data_paths, megabytes=8)
    cancelled = threading.Event()
    cancelled.set()
    with pytest.raises(store.BackupCancelled):
        store._integrity_ok_plain(data_paths.database, cancelled)
    assert store._integrity_ok_plain(data_paths.database, threading.Event())


def test_backup_is_one_snapshot_while_the_app_writes(data_paths: DataPaths, monkeypatch) -> None:
    before = large_profile(data_paths, megabytes=16)
    monkeypatch.setattr(store, "STEP_BYTES", 64 * 4096)
    stop = threading.Event()

    def write_items() -> None:  # the app keeps ingesting during the copy
        db = open_database(data_paths)
        source = add_source(db, "写入中的来源")
        while not stop.is_set():
            add_items(db, source, 5)
            time.sleep(0.01)
        db.close()

    writer = threading.Thread(target=write_items)
    writer.start()
    try:
        target = store.backup_database(data_paths.database, data_paths.backups / "snap.db", pause=0.01)
    finally:
        stop.set()
        writer.join()
    assert store.integrity_ok(target)
    conn = sqlite3.connect(target)
    copied = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    assert copied >= before  # a consistent state at some moment of the copy
    assert journal == "delete"  # one self-contained file, no -wal beside it
    assert not list(data_paths.backups.glob("*-wal"))


def test_older_backups_are_compressed_and_restore_from_either_kind(data_paths: DataPaths) -> None:
    items = large_profile(data_paths, megabytes=2)
    first = store.daily_backup(data_paths.database, data_paths.backups, date(2026, 12, 1))
    second = store.daily_backup(data_paths.database, data_paths.backups, TODAY)
    assert first is not None and second is not None
    names = sorted(p.name for p in data_paths.backups.iterdir())
    assert names == ["daily-2026-12-01.db.gz", "daily-2026-12-02.db"]
    usage = BackupService(data_paths).usage()
    assert (usage.count, usage.compressed) == (2, 1)
    assert usage.bytes == sum(p.stat().st_size for p in data_paths.backups.iterdir())
    compressed = data_paths.backups / "daily-2026-12-01.db.gz"
    assert store.integrity_ok(compressed)
    # The same day is not taken twice, compressed or not.
    assert store.daily_backup(data_paths.database, data_paths.backups, date(2026, 12, 1)) is None

    kept = BackupService(data_paths).restore(compressed)
    assert kept.exists()
    conn = sqlite3.connect(data_paths.database)
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == items
    conn.close()


def test_a_damaged_compressed_backup_is_not_good(data_paths: DataPaths) -> None:
    large_profile(data_paths, megabytes=1)
    store.daily_backup(data_paths.database, data_paths.backups, date(2026, 12, 1))
    store.daily_backup(data_paths.database, data_paths.backups, TODAY)
    compressed = data_paths.backups / "daily-2026-12-01.db.gz"
    compressed.write_bytes(compressed.read_bytes()[:5000])  # cut short
    assert not store.integrity_ok(compressed)
    assert store.latest_good_backup(data_paths.backups) == data_paths.backups / "daily-2026-12-02.db"


def test_leftovers_of_a_crashed_backup_are_cleared_first(data_paths: DataPaths) -> None:
    large_profile(data_paths, megabytes=1)
    data_paths.backups.mkdir(exist_ok=True)
    (data_paths.backups / "daily-2026-12-01.db.partial").write_bytes(b"half")
    store.daily_backup(data_paths.database, data_paths.backups, TODAY)
    assert sorted(p.name for p in data_paths.backups.iterdir()) == ["daily-2026-12-02.db"]
