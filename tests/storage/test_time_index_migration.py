"""Migrations 0019 and 0020 on a real profile file: the time index loses its id column and the
per-source index its id and cluster_id (issue 20 §3); the newest-first lists keep the same rows
in the same order, ties on published_at included, and a keyset page reads a bounded range of the
time index instead of walking it from the newest entry."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.inbox import InboxFilter, InboxService
from cadre_desk.storage import migrate
from cadre_desk.storage.database import Database, open_database, sqlite_engine
from tests.factories import add_items, add_source
from tests.storage.old_rows import downgrade, insert_sources

TIMES = [5_000, 5_000, 5_000, 4_000, 4_000, 3_000, 2_000, 2_000, 2_000, 2_000, 1_000]
INDEX_SQL = "SELECT sql FROM sqlite_master WHERE name = 'ix_items_published'"


def _items(engine: Engine) -> list[tuple[int, str, str]]:
    """Items written by plain SQL into the 0018 schema, newest first: (published ms, id, source),
    ids in no particular order, runs of equal times."""
    rows = [(ms, f"{n * 7919 % 97:02d}".ljust(32, "f"), f"s{n % 2 + 1}") for n, ms in enumerate(TIMES)]
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "来源0", "s2": "来源1"})
        for n, (ms, item_id, source) in enumerate(rows):
            conn.exec_driver_sql(
                "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, title,"
                " published_at, fetched_at, is_read, is_starred, is_muted)"
                " VALUES (?, ?, 'd1', 0, ?, ?, '通知', ?, 0, 0, 0, 0)",
                (item_id, n + 1, source, f"g{n}", ms),
            )
    return sorted(rows, reverse=True)  # (published_at DESC, id DESC)


def _all_pages(db: Database, flt: InboxFilter, limit: int) -> list[str]:
    inbox = InboxService(db)
    shown: list[str] = []
    rows = inbox.page(flt, limit=limit)
    while rows:
        shown += [row.id for row in rows]
        last = rows[-1]
        rows = inbox.page(flt, after=(int(last.published_at.timestamp() * 1000), last.id), limit=limit)
    return shown


def _downgrade(data_paths: DataPaths, revision: str, index_sql: str) -> tuple[str, int]:
    """Downgrade the file to ``revision``; then the index's SQL and the item count (integrity checked)."""
    engine = sqlite_engine(data_paths.database)
    try:
        downgrade(engine, revision)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            return (
                conn.exec_driver_sql(index_sql).scalar_one(),
                conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one(),
            )
    finally:
        engine.dispose()


def test_upgrade_to_0019_keeps_the_order_and_downgrade_brings_the_id_back(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0018")
    rows = _items(engine)
    expected = [item_id for _ms, item_id, _source in rows]
    by_source = [item_id for s in ("s1", "s2") for _ms, item_id, source in rows if source == s]
    engine.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert conn.exec_driver_sql(INDEX_SQL).scalar_one().endswith("(published_at)")
        for limit in (1, 2, 3, 50):  # page boundaries inside and between runs of equal times
            assert _all_pages(db, InboxFilter(fold_duplicates=False), limit) == expected
            assert _all_pages(db, InboxFilter(fold_duplicates=False, sort="source"), limit) == by_source
    finally:
        db.close()

    index_sql, count = _downgrade(data_paths, "0018", INDEX_SQL)
    assert index_sql.endswith("(published_at, id)")
    assert count == len(TIMES)


def test_a_later_page_searches_a_range_of_the_time_index(db: Database) -> None:
    """``older_than`` bounds the index: without ``published_at <= ms`` the plan was a SCAN of the
    whole index from its newest entry (page n cost n pages)."""
    add_items(db, add_source(db), 30)
    inbox = InboxService(db)
    first = inbox.page(InboxFilter(), limit=10)
    seen: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().startswith("SELECT items.id"):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        last = first[-1]
        inbox.page(InboxFilter(), after=(int(last.published_at.timestamp() * 1000), last.id), limit=10)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert len(seen) == 1
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + seen[0][0], seen[0][1])]
    assert any("USING INDEX ix_items_published (published_at<?)" in step for step in plan), plan


SOURCE_INDEX_SQL = "SELECT sql FROM sqlite_master WHERE name = 'ix_items_source_published'"


def test_upgrade_to_0020_narrows_the_source_index_and_downgrade_widens_it(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0019")
    rows = _items(engine)
    engine.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert (
                conn.exec_driver_sql(SOURCE_INDEX_SQL)
                .scalar_one()
                .endswith("(source_id, published_at, deleted, is_read, is_starred)")
            )
        per_source = _all_pages(db, InboxFilter(fold_duplicates=False, source_ids=("s2",)), 2)
        assert per_source == [item_id for _ms, item_id, source in rows if source == "s2"]
    finally:
        db.close()

    index_sql, count = _downgrade(data_paths, "0019", SOURCE_INDEX_SQL)
    assert index_sql.endswith("cluster_id, id)")
    assert count == len(TIMES)
