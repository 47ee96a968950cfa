"""Migration 0017 on a real profile file indexed as 0016 indexed it: every full-text document
keeps its id and now names its item by rowid, searches find the same items, the AUTOINCREMENT
counter is kept (an edit left old tokens under a doc id that must never be given out again), and
VACUUM (``doctor --compact``) keeps the mapping right."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.search import SearchService
from cadre_desk.storage import migrate, search_index, space
from cadre_desk.storage.database import open_database, sqlite_engine
from tests.storage.old_rows import downgrade, insert_sources

ITEMS = {  # id: (title, body)
    "a" * 32: ("防汛工作通知", "各村做好防汛准备"),
    "b" * 32: ("村民代表大会", "召开村民代表大会"),
    "c" * 32: ("秋收进度报表", "请于周五前填报"),
    "d" * 32: ("已删除的村务公开", "村务公开"),
}


def _item(conn: Any, n: int, item_id: str, title: str, body: str, deleted: int = 0) -> None:
    conn.exec_driver_sql(
        "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, title, content_html,"
        " published_at, fetched_at, is_read, is_starred, is_muted)"
        " VALUES (?, ?, 'd1', ?, 's1', ?, ?, ?, ?, 0, 0, 0, 0)",
        (item_id, n + 2, deleted, item_id, title, f"<p>{body}</p>", n * 60_000),
    )


def _index_as_0016(conn: Any, item_id: str, title: str, body: str) -> int:
    """What 0016's ``index_pending`` wrote for one item: a mapping row by id, then its tokens."""
    conn.exec_driver_sql("DELETE FROM search_docs WHERE item_id = ?", (item_id,))
    conn.exec_driver_sql("INSERT INTO search_docs (item_id) VALUES (?)", (item_id,))
    doc = int(conn.exec_driver_sql("SELECT doc FROM search_docs WHERE item_id = ?", (item_id,)).scalar())
    meta = search_index.source_token("s1")
    conn.exec_driver_sql(
        "INSERT INTO search_fts (rowid, title, body, author, meta) VALUES (?, ?, ?, '', ?)",
        (doc, search_index.tokenizable(title), search_index.tokenizable(body), meta),
    )
    conn.exec_driver_sql(
        "INSERT INTO search_chars (rowid, chars) VALUES (?, ?)",
        (doc, f"{meta} {search_index.distinct_chars(title, body)}"),
    )
    return doc


def _profile_at_0016(data_paths: DataPaths) -> dict[str, int]:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0016")
    docs: dict[str, int] = {}
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "清河县人民政府"})
        for n, (item_id, (title, body)) in enumerate(ITEMS.items()):
            _item(conn, n, item_id, title, body, deleted=int(item_id[0] == "d"))
            if item_id[0] != "d":
                docs[item_id] = _index_as_0016(conn, item_id, title, body)
        # c was edited and indexed again: its first document's tokens ("秋收") stay behind as
        # garbage, and the newest doc id given out is its second one.
        conn.exec_driver_sql(
            "UPDATE items SET title = '冬季征兵通知', updated_at_hlc = 20 WHERE id = ?", ("c" * 32,)
        )
        docs["c" * 32] = _index_as_0016(conn, "c" * 32, "冬季征兵通知", "请于周五前填报")
        conn.exec_driver_sql("DELETE FROM search_queue")
        # an older edit's mapping was removed with nothing indexed after it: the counter is ahead
        conn.exec_driver_sql("UPDATE sqlite_sequence SET seq = seq + 3 WHERE name = 'search_docs'")
    engine.dispose()
    return docs


def _hits(db: Any, query: str) -> set[str]:
    return {hit.item_id for hit in SearchService(db).search(query).hits}


def test_upgrade_to_0017_keeps_every_document_and_the_counter(data_paths: DataPaths) -> None:
    a, b, c = "a" * 32, "b" * 32, "c" * 32
    docs = _profile_at_0016(data_paths)
    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            mapped = dict(
                conn.exec_driver_sql(
                    "SELECT i.id, d.doc FROM search_docs d JOIN items i ON i.rowid = d.item"
                ).all()
            )
            assert mapped == docs
            counter = conn.exec_driver_sql(
                "SELECT seq FROM sqlite_sequence WHERE name = 'search_docs'"
            ).scalar()
            assert counter == max(docs.values()) + 3
            columns = [row[1] for row in conn.exec_driver_sql("PRAGMA table_info(search_docs)")]
            assert columns == ["doc", "item"]
        assert _hits(db, "防汛") == {a}
        assert _hits(db, "村民代表") == {b}
        assert _hits(db, "征兵") == {c}
        assert _hits(db, "秋收") == set()  # the garbage of c's first document stays unreachable
        assert _hits(db, "村务") == set()  # deleted: never indexed
        assert _hits(db, "村") == {a, b}
        with db.session() as session:  # the next document gets an id never given out before
            session.execute(
                text("UPDATE items SET title = '秋季防火通知', updated_at_hlc = 30 WHERE id = :id"),
                {"id": a},
            )
        assert _hits(db, "防火") == {a}
        assert _hits(db, "防汛") == {a}  # its body still says 防汛
        with db.engine.connect() as conn:
            assert (
                conn.exec_driver_sql(
                    "SELECT doc FROM search_docs WHERE item = (SELECT rowid FROM items WHERE id = ?)", (a,)
                ).scalar()
                == counter + 1
            )
    finally:
        db.close()

    space.compact(data_paths.database)  # VACUUM keeps item rowids, so the documents stay right
    db = open_database(data_paths)
    try:
        assert _hits(db, "村民代表") == {b}
        assert _hits(db, "征兵") == {c}
        assert _hits(db, "防火") == {a}
    finally:
        db.close()


def test_downgrade_from_0017_writes_the_ids_back(data_paths: DataPaths) -> None:
    docs = _profile_at_0016(data_paths)
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0017")
    downgrade(engine, "0016")
    with engine.connect() as conn:
        assert dict(conn.exec_driver_sql("SELECT item_id, doc FROM search_docs").all()) == docs
        counter = conn.exec_driver_sql("SELECT seq FROM sqlite_sequence WHERE name = 'search_docs'").scalar()
        assert counter == max(docs.values()) + 3
    engine.dispose()
