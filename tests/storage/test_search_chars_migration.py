"""Migration 0009: a profile indexed with the former prefix index is queued again in arrival
order, searchable by one character afterwards, and loses the unused change-log HLC index."""

from __future__ import annotations

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.search import SearchService
from cadre_desk.storage import migrate
from cadre_desk.storage.database import open_database, sqlite_engine
from tests.storage.old_rows import insert_sources


def test_upgrade_to_0009_requeues_items_and_one_character_search_works(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0008")
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "清河县人民政府"})
        for n, (item_id, title, deleted) in enumerate(
            [("i3", "村民代表大会", 0), ("i1", "防汛通知", 0), ("i2", "已删除的村务公开", 1)]
        ):
            conn.exec_driver_sql(
                "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, title,"
                " published_at, fetched_at, is_read, is_starred, is_muted)"
                f" VALUES (?, {n + 2}, 'd1', ?, 's1', ?, ?, 0, 0, 0, 0, 0)",
                (item_id, deleted, item_id, title),
            )
        # indexed by the former shape (prefix index), as a profile of the last release is
        conn.exec_driver_sql(
            "INSERT INTO search_docs (item_id) SELECT item_id FROM search_queue ORDER BY seq"
        )
        conn.exec_driver_sql("DELETE FROM search_queue")
        before = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").scalar()
        assert "prefix='1'" in before
    engine.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            fts = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").scalar()
            assert "prefix" not in fts
            chars = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'search_chars'").scalar()
            assert "detail=none" in chars
            queued = [row[0] for row in conn.exec_driver_sql("SELECT item_id FROM search_queue ORDER BY seq")]
            assert queued == ["i3", "i1"]  # live items, in arrival order; the former mapping is gone
            assert conn.exec_driver_sql("SELECT count(*) FROM search_docs").scalar() == 0
            indexes = {
                row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='index'")
            }
            assert "ix_change_log_hlc" not in indexes and "ix_change_log_device_hlc" in indexes
        service = SearchService(db)
        assert {hit.item_id for hit in service.search("村").hits} == {"i3"}
        assert {hit.item_id for hit in service.search("汛").hits} == {"i1"}
        assert {hit.item_id for hit in service.search("防汛").hits} == {"i1"}
    finally:
        db.close()
