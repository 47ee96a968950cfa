"""Disk space: sizes per table in doctor, freed pages given back, old profiles compacted."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cadre_desk.cli import main
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.backups import BackupService
from cadre_desk.storage import database, space
from cadre_desk.storage.database import open_database
from tests.factories import add_items, add_source


def filled(paths: DataPaths, count: int = 1500) -> None:
    db = open_database(paths)
    add_items(db, add_source(db), count)
    db.close()


def delete_some_megabytes(paths: DataPaths, megabytes: int = 4) -> None:
    """Data written and deleted again (as purged tombstones or a drained queue leave pages free)."""
    conn = sqlite3.connect(paths.database)
    conn.execute("CREATE TABLE scratch (body BLOB)")
    conn.executemany("INSERT INTO scratch VALUES (randomblob(65536))", [()] * (megabytes * 16))
    conn.commit()
    conn.execute("DROP TABLE scratch")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def test_new_profiles_give_freed_pages_back(data_paths: DataPaths) -> None:
    filled(data_paths)
    assert space.space_report(data_paths.database).returns_free_pages
    delete_some_megabytes(data_paths)
    freed = space.space_report(data_paths.database).free_bytes
    size_before = data_paths.database.stat().st_size
    assert freed >= 4_000_000
    released = space.release_free_pages(data_paths.database)
    conn = sqlite3.connect(data_paths.database)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert released > 0
    assert space.space_report(data_paths.database).free_bytes < space.RELEASE_FROM_BYTES
    assert data_paths.database.stat().st_size < size_before - freed // 2


def test_doctor_full_shows_space_per_table_and_item(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(data_paths, 300)
    assert main(["--data-dir", str(data_paths.root), "doctor", "--full"]) == 0
    out = capsys.readouterr().out
    assert "完整校验：通过" in out
    assert "空间占用：共" in out and "（300 条，每条约" in out
    items_line = next(line for line in out.splitlines() if line.strip().startswith("items "))
    assert "字节/条" in items_line


def test_compact_switches_an_old_profile_and_backs_up_first(
    data_paths: DataPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    filled(data_paths)
    conn = sqlite3.connect(data_paths.database, isolation_level=None)
    conn.execute("PRAGMA auto_vacuum = NONE")  # as profiles made before incremental auto-vacuum
    conn.execute("VACUUM")
    conn.execute("DELETE FROM search_queue")
    conn.close()
    assert not space.space_report(data_paths.database).returns_free_pages
    assert main(["--data-dir", str(data_paths.root), "doctor", "--compact"]) == 0
    out = capsys.readouterr().out
    assert "已整理数据库：" in out and "整理前已备份" in out
    report = space.space_report(data_paths.database)
    assert report.returns_free_pages and report.free_bytes == 0 and report.items == 1500
    assert any("before-compact" in p.name for p in BackupService(data_paths).backups())


def test_daily_upkeep_releases_free_pages_after_the_backup(data_paths: DataPaths) -> None:
    filled(data_paths)
    delete_some_megabytes(data_paths)
    assert space.space_report(data_paths.database).free_bytes >= 4_000_000
    service = BackupService(data_paths)
    assert service.start_daily()
    assert service.wait(60)
    assert service.backups()
    assert space.space_report(data_paths.database).free_bytes < space.RELEASE_FROM_BYTES


def test_space_report_on_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.OperationalError):
        space.space_report(tmp_path / "nothing.db")


def test_new_profiles_use_8_kb_pages_and_older_files_keep_theirs(tmp_path: Path) -> None:
    fresh = DataPaths(tmp_path / "fresh").ensure()
    older = DataPaths(tmp_path / "older").ensure()
    conn = sqlite3.connect(older.database)  # an existing file, made with SQLite's 4 KB pages
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("VACUUM")
    conn.close()
    for paths, expected in ((fresh, database.PAGE_SIZE), (older, 4096)):
        db = open_database(paths)
        add_items(db, add_source(db), 50)
        db.close()
        conn = sqlite3.connect(paths.database)
        assert conn.execute("PRAGMA page_size").fetchone()[0] == expected
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 50
        conn.close()
    assert database.PAGE_SIZE == 8192
