"""Migration 0018 on a real profile file: the change log of 0017 (device ids written out in every
row) keeps every entry, in seq order, with the same ids read back through ``change_devices``; the
knowledge vector and the per-field clocks sync reads are the same; new changes are numbered."""

from __future__ import annotations

from typing import Any

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.services.sync.records import knowledge_vector, row_clocks
from cadre_desk.storage import migrate
from cadre_desk.storage.database import open_database, sqlite_engine
from tests.storage.old_rows import downgrade, insert_sources

HERE, THERE = "d1", "e" * 32
LOG = "SELECT seq, entity, row_id, hlc, {device}, op, fields FROM change_log ORDER BY seq"
NAMED = LOG.format(device="(SELECT device_id FROM change_devices WHERE no = device)")


def _item(conn: Any, item_id: str, hlc: int, device: str) -> None:
    conn.exec_driver_sql(
        "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, title,"
        " published_at, fetched_at, is_read, is_starred, is_muted)"
        " VALUES (?, ?, ?, 0, 's1', ?, ?, 0, 0, 0, 0, 0)",
        (item_id, hlc, device, item_id, f"通知{item_id[0]}"),
    )


def _profile_at_0017(data_paths: DataPaths) -> list[tuple[Any, ...]]:
    """Changes from two devices, as 0017's triggers and sync's apply logged them."""
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0017")
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "清河县人民政府"})
        _item(conn, "a" * 32, 10, HERE)
        _item(conn, "b" * 32, 11, THERE)  # a remote row, logged by the insert trigger as sync's apply does
        _item(conn, "c" * 32, 12, HERE)
        conn.exec_driver_sql("UPDATE items SET is_read = 1, updated_at_hlc = 20 WHERE id = ?", ("b" * 32,))
        conn.exec_driver_sql(
            "UPDATE items SET title = '改', updated_at_hlc = 30, device_id = ? WHERE id = ?",
            (THERE, "a" * 32),
        )
        log = conn.exec_driver_sql(LOG.format(device="device_id")).all()
    engine.dispose()
    assert {row[4] for row in log} == {HERE, THERE} and len(log) == 6  # sources row, 3 inserts, 2 updates
    return [tuple(row) for row in log]


def test_upgrade_to_0018_keeps_every_change_and_numbers_the_devices(data_paths: DataPaths) -> None:
    log = _profile_at_0017(data_paths)
    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert [tuple(row) for row in conn.exec_driver_sql(NAMED)] == log
            assert conn.exec_driver_sql("SELECT no, device_id FROM change_devices ORDER BY no").all() == [
                (1, HERE),
                (2, THERE),
            ]
            assert knowledge_vector(conn) == {HERE: 12, THERE: 30}
            assert knowledge_vector(conn, upto_seq=4) == {HERE: 12, THERE: 11}
            raw = conn.connection.driver_connection
            stamps = {"a" * 32: (30, THERE), "b" * 32: (20, THERE), "c" * 32: (12, HERE)}
            clocks = row_clocks(raw, "items", stamps)
            assert clocks["c" * 32] == (12, HERE)
            assert isinstance(clocks["a" * 32], dict) and clocks["a" * 32]["title"] == (30, THERE)
            assert clocks["a" * 32]["guid"] == (10, HERE)
            assert isinstance(clocks["b" * 32], dict) and clocks["b" * 32]["is_read"] == (20, THERE)
            assert clocks["b" * 32]["guid"] == (11, THERE)
            fast = [line for page in export_pages(conn, 0) for line in page.lines]
            general = [line for page in export_pages(conn, 0, fast=False) for line in page.lines]
            assert fast == general and len(fast) == 4
        with db.engine.begin() as conn:  # the triggers now log numbers, and number a new device
            conn.exec_driver_sql(
                "UPDATE items SET is_starred = 1, updated_at_hlc = 40, device_id = 'f3' WHERE id = ?",
                ("c" * 32,),
            )
            last = conn.exec_driver_sql(NAMED + " DESC LIMIT 1").one()
            assert tuple(last) == (len(log) + 1, "items", "c" * 32, 40, "f3", "update", "is_starred")
            assert conn.exec_driver_sql("SELECT max(no) FROM change_devices").scalar() == 3
            columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(change_log)")]
            assert columns == ["seq", "entity", "row_id", "hlc", "device", "op", "fields"]
    finally:
        db.close()


def test_downgrade_from_0018_writes_the_ids_back(data_paths: DataPaths) -> None:
    log = _profile_at_0017(data_paths)
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0018")
    downgrade(engine, "0017")
    with engine.connect() as conn:
        assert [tuple(row) for row in conn.exec_driver_sql(LOG.format(device="device_id"))] == log
        indexes = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"ix_change_log_device_hlc", "ix_change_log_row"} <= indexes
    engine.dispose()
