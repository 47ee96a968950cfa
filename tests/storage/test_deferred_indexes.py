"""Plain indexes dropped for a bulk load spanning several transactions come back verbatim:
at the load's end, or when the file is next opened if the load was killed, and a demo built
with them deferred is the same profile as one built with them maintained row by row."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection

from cadre_desk.demo import generate_demo
from cadre_desk.demo import generator as generator_module
from cadre_desk.demo import items as items_module
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.bulk_write import defer_plain_indexes, restore_deferred_indexes
from cadre_desk.storage.database import Database, open_database
from tests.factories import add_items, add_source

SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
NOW = datetime(2026, 11, 23, tzinfo=UTC)


def _schema(conn: Connection) -> list[tuple[object, ...]]:
    return [tuple(row) for row in conn.exec_driver_sql(SCHEMA)]


def _plain_item_indexes(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' AND sql IS NOT NULL"
    )
    return {row[0] for row in rows}


def test_deferred_indexes_come_back_verbatim_in_a_later_transaction(db: Database) -> None:
    source_id = add_source(db)
    with db.engine.connect() as conn:
        before = _schema(conn)
        plain = _plain_item_indexes(conn)
    assert len(plain) >= 3
    with db.engine.begin() as conn:
        assert set(defer_plain_indexes(conn, "items")) == plain
    add_items(db, source_id, 40)  # written in its own transactions while the indexes are away
    with db.engine.connect() as conn:
        assert not _plain_item_indexes(conn)
    with db.engine.begin() as conn:
        assert set(restore_deferred_indexes(conn)) == plain
    with db.engine.connect() as conn:
        assert _schema(conn) == before
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        assert conn.exec_driver_sql("SELECT count(*) FROM deferred_indexes").scalar_one() == 0
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM items INDEXED BY ix_items_published").scalar_one()
            == 40
        )


def test_a_killed_load_has_its_indexes_built_when_the_file_is_opened(
    data_paths: DataPaths, caplog: pytest.LogCaptureFixture
) -> None:
    db = open_database(data_paths)
    try:
        source_id = add_source(db)
        with db.engine.connect() as conn:
            before = _schema(conn)
        with db.engine.begin() as conn:
            defer_plain_indexes(conn, "items")
        add_items(db, source_id, 25)
    finally:
        db.close()  # the load never reaches restore_deferred_indexes
    with caplog.at_level(logging.WARNING):
        db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert _schema(conn) == before
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        assert "ix_items_published" in caplog.text
    finally:
        db.close()


def _profile(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.engine.connect() as conn:
        queries = {
            "items": "SELECT id, source_id, guid, title, content_hash, is_read FROM items ORDER BY rowid",
            "change_log": "SELECT entity, row_id, op, fields FROM change_log ORDER BY seq",
            "source_stats": "SELECT * FROM source_stats ORDER BY source_id",
            "search_queue": "SELECT seq, item_id FROM search_queue ORDER BY seq",
            "schema": SCHEMA,
            "deferred": "SELECT * FROM deferred_indexes",
        }
        return {name: [tuple(r) for r in conn.exec_driver_sql(sql)] for name, sql in queries.items()}


def test_a_demo_built_with_deferred_indexes_is_the_same_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(items_module, "CHUNK", 200)  # several chunks and transactions
    monkeypatch.setattr(generator_module, "COMMIT_EVERY", 2)
    profiles = []
    for name, threshold in (("row_by_row", 10**9), ("deferred", 0)):
        monkeypatch.setattr(generator_module, "DEFER_INDEXES_MIN_ITEMS", threshold)
        db = open_database(DataPaths(tmp_path / name).ensure())
        try:
            generate_demo(db, items=1200, days=30, seed=11, now=NOW)
            profiles.append(_profile(db))
        finally:
            db.close()
    row_by_row, deferred = profiles
    assert deferred == row_by_row
    assert len(deferred["items"]) == 1200 and deferred["deferred"] == []


def test_a_failed_demo_run_builds_its_indexes_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator_module, "DEFER_INDEXES_MIN_ITEMS", 0)
    monkeypatch.setattr(items_module, "CHUNK", 100)
    monkeypatch.setattr(generator_module, "COMMIT_EVERY", 1)  # the dropping is committed

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("generator failed")

    monkeypatch.setattr(generator_module, "build_work", broken)  # after all items were queued
    db = open_database(DataPaths(tmp_path / "p").ensure())
    try:
        with db.engine.connect() as conn:
            before = _schema(conn)
        with pytest.raises(RuntimeError, match="generator failed"):
            generate_demo(db, items=300, days=10, seed=3, now=NOW)
        with db.engine.connect() as conn:
            assert _schema(conn) == before
            assert conn.exec_driver_sql("SELECT count(*) FROM deferred_indexes").scalar_one() == 0
    finally:
        db.close()
