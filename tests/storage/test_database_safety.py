from __future__ import annotations

import os
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import insert, text

from cadre_desk.domain.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseNewerError,
    DataDirError,
    DiskFullError,
)
from cadre_desk.platform.instance_lock import InstanceLock
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage import migrate
from cadre_desk.storage.backup import (
    backup_database,
    daily_backup,
    integrity_ok,
    latest_good_backup,
    list_backups,
    restore_backup,
    rotate_daily,
)
from cadre_desk.storage.database import Database, open_database, sqlite_engine
from cadre_desk.storage.models import Tag
from tests.factories import add_items, add_source
from tests.storage.old_rows import insert_sources


def _first_revision() -> str:
    revisions = list(migrate.script_directory().walk_revisions())
    return revisions[-1].revision


def test_fresh_profile_is_at_head_with_wal_and_foreign_keys(data_paths: DataPaths) -> None:
    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    finally:
        db.close()


def test_upgrade_from_first_migration_keeps_data(data_paths: DataPaths) -> None:
    first = _first_revision()
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target=first)
    with engine.begin() as conn:  # rows written with the first release's schema, by plain SQL
        insert_sources(conn, {"s1": "清河县人民政府"})
        conn.exec_driver_sql(
            "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, title, published_at,"
            " fetched_at, is_read, is_starred, is_muted)"
            " VALUES ('i1', 2, 'd1', 0, 's1', 'g1', '通知', 0, 0, 0, 0, 0)"
        )
    engine.dispose()
    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert conn.exec_driver_sql("SELECT title FROM items WHERE id = 'i1'").scalar() == "通知"
            assert (
                conn.exec_driver_sql("SELECT unread_count FROM source_stats WHERE source_id='s1'").scalar()
                == 1
            )
    finally:
        db.close()
    migrated = first != migrate.head_revision()
    assert bool(list(data_paths.backups.glob(f"premigration-{first}-to-*.db"))) == migrated


def test_full_disk_while_writing_loses_nothing_already_stored(db: Database) -> None:
    source = add_source(db)
    add_items(db, source, 10)
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    rows = [
        {"id": f"t{n}", "name": "很长的标签" * 40, "deleted": False, **db.stamp_columns()}
        for n in range(3000)
    ]
    with pytest.raises(DiskFullError) as info, db.session() as session:
        session.execute(text(f"PRAGMA max_page_count = {pages}"))  # this file cannot grow: SQLITE_FULL
        session.execute(insert(Tag), rows)
    assert "磁盘已满" in info.value.user_message
    db.engine.dispose()  # drop the connection that carries the lowered limit
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM items").scalar() == 10


def test_every_migration_upgrades_an_empty_database_step_by_step(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "p").ensure()
    engine = sqlite_engine(paths.database)
    revisions = [r.revision for r in reversed(list(migrate.script_directory().walk_revisions()))]
    for revision in revisions:
        migrate.upgrade(engine, paths.database, paths.backups, target=revision)
        with engine.connect() as conn:
            assert migrate.current_revision(conn) == revision
    engine.dispose()
    assert len(list(paths.backups.glob("premigration-*.db"))) == len(revisions) - 1


def test_newer_schema_is_refused_and_left_untouched(data_paths: DataPaths) -> None:
    open_database(data_paths).close()
    conn = sqlite3.connect(data_paths.database)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = data_paths.database.read_bytes()
    with pytest.raises(DatabaseNewerError) as info:
        open_database(data_paths)
    assert "更新版本" in info.value.user_message
    assert info.value.next_step
    assert data_paths.database.read_bytes() == before
    assert not list(data_paths.backups.glob("*.db"))


def test_foreign_sqlite_file_is_refused(data_paths: DataPaths) -> None:
    conn = sqlite3.connect(data_paths.database)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(migrate.NotOurDatabaseError):
        open_database(data_paths)


def test_corrupted_file_offers_latest_good_backup_and_restore_keeps_damaged_copy(
    data_paths: DataPaths,
) -> None:
    db = open_database(data_paths)
    source = add_source(db)
    add_items(db, source, 20)
    db.close()
    good = backup_database(data_paths.database, data_paths.backups / "daily-2026-11-20.db")
    for side in ("-wal", "-shm"):
        Path(str(data_paths.database) + side).unlink(missing_ok=True)
    data_paths.database.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseCorruptError) as info:
        open_database(data_paths)
    assert info.value.latest_backup == str(good)
    kept = restore_backup(good, data_paths.database)
    assert kept.exists() and kept.read_bytes().startswith(b"this is not")
    db = open_database(data_paths)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM items").scalar() == 20
    db.close()


def test_damaged_pages_are_detected(data_paths: DataPaths) -> None:
    db = open_database(data_paths)
    source = add_source(db)
    add_items(db, source, 400)
    db.close()
    with data_paths.database.open("r+b") as handle:  # scribble over pages after the header page
        handle.seek(4096 * 3)
        handle.write(os.urandom(4096 * 4))
    assert not integrity_ok(data_paths.database)


def test_backup_is_verified_atomic_and_rotated(data_paths: DataPaths) -> None:
    open_database(data_paths).close()
    start = date(2026, 11, 1)
    for offset in range(10):
        assert daily_backup(data_paths.database, data_paths.backups, start + timedelta(days=offset))
    assert daily_backup(data_paths.database, data_paths.backups, start + timedelta(days=9)) is None
    # The newest stays a plain file (quick restore); the older ones are compressed.
    daily = sorted(p.name for p in data_paths.backups.glob("daily-*"))
    assert daily == [f"daily-{(start + timedelta(days=d)).isoformat()}.db.gz" for d in range(3, 9)] + [
        f"daily-{(start + timedelta(days=9)).isoformat()}.db"
    ]
    assert not list(data_paths.backups.glob("*.partial"))
    assert all(integrity_ok(p) for p in list_backups(data_paths.backups))
    assert rotate_daily(data_paths.backups) == []
    assert latest_good_backup(data_paths.backups) is not None


def test_second_instance_is_refused(data_paths: DataPaths) -> None:
    with InstanceLock(data_paths.lock_file), pytest.raises(DatabaseLockedError) as info:
        InstanceLock(data_paths.lock_file).acquire()
    assert "另一个" in info.value.user_message
    InstanceLock(data_paths.lock_file).acquire().release()  # free again once released


def test_unwritable_data_dir_gives_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(DataDirError) as info:
        DataPaths(blocker / "profile").ensure()
    assert "无法写入" in info.value.user_message


def test_alembic_cli_refuses_to_run_without_connection() -> None:
    config = migrate.alembic_config()
    with pytest.raises(RuntimeError, match=r"cadre_desk\.storage\.migrate"):
        command.upgrade(config, "head")


def test_fast_revision_graph_agrees_with_alembic() -> None:
    scripts = migrate.script_directory()
    assert migrate.revision_graph() == {r.revision: r.down_revision for r in scripts.walk_revisions()}
    assert migrate.head_revision() == scripts.get_current_head()
