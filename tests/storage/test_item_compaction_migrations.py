"""Migrations 0010 and 0012-0014 on real profile files: content fingerprints stored as 64 hex
digits become their first 8 bytes (the same feed fetched again is neither new nor edited, equal
texts still fold, records carry 16 hex digits); summaries that repeat the body's start and links
equal to their canonical URL become NULL (derived when read) while their own stay exactly; the
URL index keeps only the rows folding groups by URL."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from cadre_desk.domain.fingerprint import content_hash
from cadre_desk.domain.timestamps import to_ms
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.folding import FoldingService
from cadre_desk.services.inbox import InboxService
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.sources.model import ParsedItem, SourceOutcome
from cadre_desk.sources.rows import prepare_rows
from cadre_desk.storage import migrate
from cadre_desk.storage.database import open_database, sqlite_engine
from tests.sources.helpers import services_for
from tests.storage.old_rows import downgrade, insert_sources

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
TITLE, BODY = "关于冬季防火的通知", "各村：请做好防火。"


def _old_hash(title: str, text: str) -> str:
    """What versions before 0010 stored: the whole SHA-256 as 64 hex digits."""
    return hashlib.sha256(" ".join(f"{title}\n{text}".split()).encode()).hexdigest()


def _insert(conn: object, item_id: str, source: str, guid: str, digest: object, hlc: int) -> None:
    conn.exec_driver_sql(  # type: ignore[attr-defined]
        "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, url, canonical_url,"
        " title, summary, content_html, content_hash, published_at, fetched_at, is_read, is_starred,"
        " is_muted) VALUES (?, ?, 'd1', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)",
        (item_id, hlc, source, guid, guid, guid, TITLE, BODY, f"<p>{BODY}</p>", digest, to_ms(NOW), 0),
    )


def test_upgrade_to_0010_keeps_every_item_the_same(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0009")
    old = _old_hash(TITLE, BODY)
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "来源0", "s2": "来源1"})
        guid = "https://www.example.gov.cn/art/a.html"
        _insert(conn, "a" * 32, "s1", guid, old, 10)  # as ingest stored it
        _insert(conn, "b" * 32, "s2", "https://x.gov.cn/b", old, 11)  # a repost: same text
        _insert(conn, "c" * 32, "s2", "https://x.gov.cn/c", None, 12)
        _insert(conn, "d" * 32, "s2", "https://x.gov.cn/d", "not-a-hash", 13)
        logged = conn.exec_driver_sql("SELECT count(*) FROM change_log").scalar()
    engine.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            stored = dict(conn.exec_driver_sql("SELECT id, content_hash FROM items").all())
            assert stored["a" * 32] == stored["b" * 32] == bytes.fromhex(old[:16])
            assert stored["a" * 32] == content_hash(TITLE, BODY)
            assert stored["c" * 32] is None and stored["d" * 32] == "not-a-hash"  # kept as it was
            # a local change of representation: nothing to send to other devices
            assert conn.exec_driver_sql("SELECT count(*) FROM change_log").scalar() == logged
            plan = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM items WHERE content_hash = ?", (stored["a" * 32],)
            ).all()
            assert any("ix_items_content_hash" in str(row[-1]) for row in plan)
            pages = list(export_pages(conn, 0))
        records = {r["id"]: r for page in pages for r in page.records() if r["t"] == "items"}
        assert records["a" * 32]["v"]["content_hash"] == old[:16]  # text on the wire, as before

        # The same item fetched again: a duplicate, not new and not an edit.
        services = services_for(db)
        parsed = ParsedItem(
            guid=guid, title=TITLE, url=guid, published_at=NOW, content_html=f"<p>{BODY}</p>", text=BODY
        )
        rows = prepare_rows([parsed], to_ms(NOW))
        report = services.ingest.store(
            [SourceOutcome(source_id="s1", attempted_at=NOW, ok=True, rows=rows, status=200)]
        )
        assert (report.new_items, report.updated_items, report.duplicates) == (0, 0, 1)
        # Equal texts still fold into one row.
        info = FoldingService(db).fold_info(["a" * 32])
        assert info["a" * 32].other_items == 1
    finally:
        db.close()


def test_downgrade_from_0010_writes_hex_again(data_paths: DataPaths) -> None:
    db = open_database(data_paths)
    with db.engine.begin() as conn:
        insert_sources(conn, {"s1": "来源"})
        _insert(conn, "a" * 32, "s1", "g", content_hash(TITLE, BODY), 2)
    db.close()
    engine = sqlite_engine(data_paths.database)
    downgrade(engine, "0009")
    with engine.connect() as conn:
        value = conn.exec_driver_sql("SELECT content_hash FROM items").scalar()
    engine.dispose()
    assert value == _old_hash(TITLE, BODY)[:16]


def test_upgrade_to_0012_keeps_summaries_of_their_own_and_derives_the_rest(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0011")
    body = "<p>各村（社区）：请做好冬季森林防火工作。</p><p>附件：值班表</p>"
    rows = {  # id: (summary as an earlier version stored it, body)
        "a" * 32: ("各村（社区）：请做好冬季森林防火工作。 附件：值班表", body),  # the body's start
        "b" * 32: ("县应急局提醒：冬季防火", body),  # a summary of its own
        "c" * 32: ("", body),  # an empty summary beside a body
        "d" * 32: ("只有摘要", None),  # no body
        "e" * 32: (None, None),
    }
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "来源"})
        for n, (item_id, (summary, html)) in enumerate(rows.items()):
            conn.exec_driver_sql(
                "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, title, summary,"
                " content_html, published_at, fetched_at, is_read, is_starred, is_muted)"
                " VALUES (?, ?, 'd1', 0, 's1', ?, '通知', ?, ?, 0, 0, 0, 0, 0)",
                (item_id, n + 2, item_id, summary, html),
            )
        logged = conn.exec_driver_sql("SELECT count(*) FROM change_log").scalar()
    engine.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            stored = dict(conn.exec_driver_sql("SELECT id, summary FROM items").all())
            assert stored == {
                "a" * 32: None,
                "b" * 32: "县应急局提醒：冬季防火",
                "c" * 32: "",
                "d" * 32: "只有摘要",
                "e" * 32: None,
            }
            assert conn.exec_driver_sql("SELECT count(*) FROM change_log").scalar() == logged
            pages = list(export_pages(conn, 0))
        records = {r["id"]: r["v"] for page in pages for r in page.records() if r["t"] == "items"}
        assert {item_id: values["summary"] for item_id, values in records.items()} == {
            item_id: summary for item_id, (summary, _html) in rows.items()
        }  # records carry every summary as before
        inbox = InboxService(db)
        for item_id, (summary, _html) in rows.items():
            detail = inbox.detail(item_id)
            assert detail is not None and detail.summary == summary
    finally:
        db.close()


def test_upgrade_to_0013_url_index_holds_only_rows_without_a_hash(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0012")
    link = "https://mp.weixin.qq.com/s?__biz=MzA3&mid=2651&idx=1&sn=abc"
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "来源0", "s2": "来源1"})
        # the same link in two accounts, without a content hash (folded by URL), and a hashed item
        _insert(conn, "a" * 32, "s1", link, None, 10)
        _insert(conn, "b" * 32, "s2", link, None, 11)
        _insert(conn, "c" * 32, "s2", "https://x.gov.cn/c", content_hash("另一条", "正文"), 12)
    engine.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            sql = conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'ix_items_canonical_url'"
            ).scalar()
            assert "WHERE content_hash IS NULL" in sql
            entries = conn.exec_driver_sql(
                "SELECT count(*) FROM items INDEXED BY ix_items_canonical_url"
                " WHERE content_hash IS NULL AND canonical_url IS NOT NULL"
            ).scalar()
            assert entries == 2  # the hashed item is not in it
        info = FoldingService(db).fold_info(["a" * 32, "b" * 32])
        assert info["a" * 32].other_items == 1 and info["b" * 32].other_items == 1
    finally:
        db.close()


def test_upgrade_to_0014_links_equal_to_their_canonical_url_are_derived(data_paths: DataPaths) -> None:
    engine = sqlite_engine(data_paths.database)
    migrate.upgrade(engine, data_paths.database, data_paths.backups, target="0013")
    clean = "https://www.example.gov.cn/art/a.html"
    tracked = "https://mp.weixin.qq.com/s?__biz=MzA3&mid=2651&idx=1&sn=abc&chksm=123&scene=21#rd"
    rows = {  # id: (url, canonical_url) as an earlier version stored them
        "a" * 32: (clean, clean),
        "b" * 32: (tracked, "https://mp.weixin.qq.com/s?__biz=MzA3&mid=2651&idx=1&sn=abc"),
        "c" * 32: (None, None),  # a mail or a pasted text: no link
        "d" * 32: ("", None),
    }
    with engine.begin() as conn:
        insert_sources(conn, {"s1": "来源"})
        for n, (item_id, (url, canonical)) in enumerate(rows.items()):
            conn.exec_driver_sql(
                "INSERT INTO items (id, updated_at_hlc, device_id, deleted, source_id, guid, url,"
                " canonical_url, title, published_at, fetched_at, is_read, is_starred, is_muted)"
                " VALUES (?, ?, 'd1', 0, 's1', ?, ?, ?, '通知', 0, 0, 0, 0, 0)",
                (item_id, n + 2, item_id, url, canonical),
            )
    engine.dispose()

    db = open_database(data_paths)
    try:
        with db.engine.connect() as conn:
            stored = dict(conn.exec_driver_sql("SELECT id, url FROM items").all())
            assert stored == {"a" * 32: None, "b" * 32: tracked, "c" * 32: None, "d" * 32: ""}
            pages = list(export_pages(conn, 0))
        records = {r["id"]: r["v"] for page in pages for r in page.records() if r["t"] == "items"}
        assert {i: (v["url"], v["canonical_url"]) for i, v in records.items()} == rows  # written out
        inbox = InboxService(db)
        for item_id, (url, _canonical) in rows.items():
            detail = inbox.detail(item_id)
            assert detail is not None and detail.url == url
    finally:
        db.close()
