"""Migration 0016 on a real profile file: the clusters an older analysis wrote into
``items.cluster_id`` move to ``item_clusters`` (rowids) unchanged, the column is emptied without
a change-log row, the inbox folds the same items, and VACUUM (``doctor --compact``) keeps them."""

from __future__ import annotations

from datetime import UTC, datetime

from cadre_desk.domain.timestamps import to_ms
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.folding import FoldingService
from cadre_desk.services.inbox import InboxFilter, InboxService
from cadre_desk.storage import migrate, space
from cadre_desk.storage.database import open_database, sqlite_engine
from cadre_desk.storage.item_clusters import first_publishers
from tests.storage.old_rows import downgrade, insert_sources

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _item(conn: object, item_id: str, source: str, cluster: str | None, minute: int, hlc: int) -> None:
    conn.exec_driver_sql(  # type: ignore[attr-defined]
        "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, url, canonical_url,"
        " title, summary, content_html, content_hash, published_at, fetched_at, is_read, is_starred,"
        " is_muted, cluster_id) VALUES (?, ?, 'd1', 0, ?, ?, NULL, ?, ?, NULL, ?, NULL, ?, 0, 0, 0, 0, ?)",
        (
            item_id,
            hlc,
            source,
            f"g-{item_id}",
            f"https://x.gov.cn/{item_id}",
            f"通知{item_id[0]}",
            f"<p>正文{item_id[0]}</p>",
            to_ms(NOW) + minute * 60_000,
            cluster,
        ),
    )


def test_upgrade_to_0016_keeps_every_cluster(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0015")
    a, b, c, d, e = (letter * 32 for letter in "abcde")
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "来源0", "s2": "来源1"})
        # As the analysis of 0015 left them: a names its own cluster, b and c repost a; e is alone.
        _item(conn, a, "s1", a, 0, 10)
        _item(conn, b, "s2", a, 5, 11)
        _item(conn, c, "s2", a, 9, 12)
        _item(conn, d, "s1", d, 20, 13)
        _item(conn, e, "s2", None, 30, 14)
        logged = conn.exec_driver_sql("SELECT count(*) FROM change_log").scalar()
    engine.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            assert first_publishers(conn) == {a: a, b: a, c: a, d: d}
            assert (
                conn.exec_driver_sql("SELECT count(*) FROM items WHERE cluster_id IS NOT NULL").scalar() == 0
            )
            assert conn.exec_driver_sql("SELECT count(*) FROM change_log").scalar() == logged
            names = {
                r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")
            }
            assert "ix_items_cluster" not in names and "ix_item_clusters_cluster" in names
        rows = [r.id for r in InboxService(db).page(InboxFilter())]
        assert rows == [e, d, a]  # b and c folded under a, their first publisher
        assert FoldingService(db).fold_info([a])[a].other_items == 2
    finally:
        db.close()

    space.compact(data_paths.database)  # VACUUM keeps item rowids, so the clusters stay right
    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert first_publishers(conn) == {a: a, b: a, c: a, d: d}
    finally:
        db.close()


def test_downgrade_from_0016_writes_the_ids_back(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0015")
    a, b = "a" * 32, "b" * 32
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "来源"})
        _item(conn, a, "s1", a, 0, 10)
        _item(conn, b, "s1", a, 5, 11)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0016")
    downgrade(engine, "0015")
    with engine.connect() as conn:
        assert dict(conn.exec_driver_sql("SELECT id, cluster_id FROM items").all()) == {a: a, b: a}
    engine.dispose()
