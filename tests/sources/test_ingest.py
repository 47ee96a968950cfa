from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from pytest import MonkeyPatch
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from cadre_desk.domain.timestamps import to_ms
from cadre_desk.sources.feed_rows import feed_rows
from cadre_desk.sources.model import ParsedItem, SourceOutcome
from cadre_desk.sources.rows import prepare_rows
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import ChangeLog, FetchHistory, Item, SourceFetchState, SourceStats
from tests.sources.helpers import add_feed, services_for

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def item(
    guid: str, title: str = "关于冬季防火的通知", body: str = "各村：请做好防火。", url: str | None = None
) -> ParsedItem:
    return ParsedItem(
        guid=guid,
        title=title,
        url=url or f"https://www.example.gov.cn/art/{guid}.html",
        published_at=NOW,
        content_html=f"<p>{body}</p>",
        text=body,
    )


def outcome(source_id: str, items: list[ParsedItem], **kw: object) -> SourceOutcome:
    rows = prepare_rows(items, to_ms(NOW))
    return SourceOutcome(source_id=source_id, attempted_at=NOW, ok=True, rows=rows, status=200, **kw)  # type: ignore[arg-type]


def count_items(db: Database, source_id: str) -> int:
    with db.session() as session:
        return int(
            session.scalar(select(func.count()).select_from(Item).where(Item.source_id == source_id)) or 0
        )


def test_same_guid_stored_once(db: Database) -> None:
    services = services_for(db)
    sid = add_feed(services, "县政府", "http://127.0.0.1/f.xml")
    first = services.ingest.store([outcome(sid, [item("a"), item("b", "另一条通知", "内容二")])])
    again = services.ingest.store([outcome(sid, [item("a"), item("b", "另一条通知", "内容二")])])
    assert first.new_items == 2 and again.new_items == 0 and again.duplicates == 2
    assert count_items(db, sid) == 2


def test_canonical_url_with_tracking_params_is_same_item(db: Database) -> None:
    services = services_for(db)
    sid = add_feed(services, "镇公众号", "http://127.0.0.1/wx.xml")
    link = "https://mp.weixin.qq.com/s?__biz=MzA3&mid=2651&idx=1&sn=abc&chksm=123&scene=21#rd"
    other = "https://mp.weixin.qq.com/s?__biz=MzA3&mid=2651&idx=1&sn=abc&scene=126&sessionid=9"
    services.ingest.store([outcome(sid, [item("g1", url=link)])])
    report = services.ingest.store([outcome(sid, [item("g2", url=other)])])
    assert report.new_items == 0 and count_items(db, sid) == 1


def test_same_content_different_guid_is_duplicate(db: Database) -> None:
    services = services_for(db)
    sid = add_feed(services, "村务公开", "http://127.0.0.1/c.xml")
    services.ingest.store([outcome(sid, [item("x1", url="http://a.gov.cn/1")])])
    report = services.ingest.store([outcome(sid, [item("x2", url="http://a.gov.cn/2")])])
    assert report.duplicates == 1 and count_items(db, sid) == 1


def test_edited_item_updates_in_place_and_is_logged(db: Database) -> None:
    services = services_for(db)
    sid = add_feed(services, "县政府", "http://127.0.0.1/f.xml")
    services.ingest.store([outcome(sid, [item("a", body="原文")])])
    report = services.ingest.store(
        [outcome(sid, [item("a", title="关于冬季防火的通知（更正）", body="更正后的内容")])]
    )
    assert report.updated_items == 1 and report.new_items == 0
    with db.session() as session:
        row = session.scalars(select(Item).where(Item.source_id == sid)).one()
        assert row.title.endswith("（更正）") and row.summary_text == "更正后的内容"
        updates = session.scalars(
            select(ChangeLog).where(
                ChangeLog.entity == "items", ChangeLog.row_id == row.id, ChangeLog.op == "update"
            )
        ).all()
        assert len(updates) == 1 and "title" in (updates[0].fields or "")


def test_user_deleted_item_is_not_resurrected(db: Database) -> None:
    services = services_for(db)
    sid = add_feed(services, "县政府", "http://127.0.0.1/f.xml")
    services.ingest.store([outcome(sid, [item("a")])])
    with db.session() as session:
        row = session.scalars(select(Item)).one()
        row.deleted = True
    report = services.ingest.store([outcome(sid, [item("a", body="改过的")])])
    assert report.new_items == 0 and report.updated_items == 0


def test_fetch_state_history_and_stats(db: Database) -> None:
    services = services_for(db)
    good = add_feed(services, "好的源", "http://127.0.0.1/good.xml")
    bad = add_feed(services, "坏的源", "http://127.0.0.1/bad.xml")
    failure = SourceOutcome(
        source_id=bad, attempted_at=NOW, ok=False, status=503, error="服务器暂时不可用（HTTP 503）"
    )
    report = services.ingest.store([outcome(good, [item("a"), item("b", "二", "二")], etag='"e1"'), failure])
    assert report.new_items == 2 and report.failed == 1
    services.ingest.store([failure])
    with db.session() as session:
        good_state = session.get(SourceFetchState, good)
        bad_state = session.get(SourceFetchState, bad)
        assert good_state is not None and bad_state is not None
        assert good_state.etag == '"e1"' and good_state.consecutive_errors == 0
        assert good_state.last_success_at == NOW
        assert bad_state.consecutive_errors == 2 and bad_state.last_error == "服务器暂时不可用（HTTP 503）"
        assert bad_state.next_fetch_at is not None and bad_state.next_fetch_at > NOW
        assert session.scalar(select(func.count()).select_from(FetchHistory)) == 3
        stats = session.get(SourceStats, good)
        assert stats is not None and stats.item_count == 2 and stats.unread_count == 2


def test_listener_gets_new_ids_and_a_broken_listener_loses_nothing(db: Database) -> None:
    services = services_for(db)
    sid = add_feed(services, "县政府", "http://127.0.0.1/f.xml")
    seen: list[list[str]] = []

    def good(session: Session, new_ids: list[str]) -> None:
        seen.append(new_ids)
        assert session.scalar(select(func.count()).select_from(Item).where(Item.id.in_(new_ids))) == len(
            new_ids
        )

    def broken(session: Session, new_ids: list[str]) -> None:
        session.execute(text("UPDATE items SET title = 'x'"))  # refused by the stamp trigger
        raise RuntimeError("rule bug")

    services.ingest.add_listener(broken)
    services.ingest.add_listener(good)
    report = services.ingest.store([outcome(sid, [item("a"), item("b", "二", "二")])])
    assert seen == [report.new_item_ids] and len(report.new_item_ids) == 2
    assert count_items(db, sid) == 2


def test_outcome_of_unknown_source_does_not_stop_others(db: Database) -> None:
    services = services_for(db)
    good = add_feed(services, "好的源", "http://127.0.0.1/good.xml")
    missing_source = "0" * 32
    report = services.ingest.store([outcome(missing_source, [item("z")]), outcome(good, [item("a")])])
    assert count_items(db, good) == 1
    assert report.new_items == 1


def test_database_failure_in_one_source_falls_back_to_per_source_savepoints(db: Database) -> None:
    services = services_for(db)
    good = add_feed(services, "好的源", "http://127.0.0.1/good.xml")
    bad = add_feed(services, "坏的源", "http://127.0.0.1/bad.xml")
    with db.engine.begin() as conn:  # a database-level refusal of one item, like a broken constraint
        conn.exec_driver_sql(
            "CREATE TRIGGER test_refuse_boom BEFORE INSERT ON items WHEN NEW.title = 'BOOM' "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        )
    report = services.ingest.store(
        [
            outcome(bad, [item("x", title="BOOM", body="坏")]),
            outcome(good, [item("a"), item("b", "二", "二")]),
        ]
    )
    assert report.new_items == 2 and report.failed == 1
    assert count_items(db, good) == 2 and count_items(db, bad) == 0
    with db.session() as session:
        state = session.get(SourceFetchState, bad)
        assert state is not None and (state.last_error or "").startswith("保存失败")


def test_two_devices_store_the_same_feed_item_under_the_same_id(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.platform.paths import DataPaths
    from cadre_desk.storage.database import open_database
    from cadre_desk.storage.models import Source

    first = open_database(DataPaths(tmp_path / "a").ensure())
    second = open_database(DataPaths(tmp_path / "b").ensure())
    try:
        sid = add_feed(services_for(first), "县政府", "http://127.0.0.1/f.xml")
        with first.session() as session:  # the source reached the second device by sync
            source = session.get(Source, sid)
            assert source is not None
            copy = {attr.key: getattr(source, attr.key) for attr in Source.__mapper__.column_attrs}
        with second.session() as session:
            session.add(Source(**copy))
        ids = []
        for database in (first, second):
            services_for(database).ingest.store([outcome(sid, [item("same-guid")])])
            with database.session() as session:
                ids.append(session.scalar(select(Item.id).where(Item.source_id == sid)))
        assert ids[0] is not None and ids[0] == ids[1]
    finally:
        first.close()
        second.close()


def test_item_stored_under_an_old_resolved_id_keeps_its_identity(db: Database) -> None:
    # Older versions stored feedparser's resolved id ("right" -> "http://127.0.0.1/feeds/right");
    # ids are now stored as published. The same entry, edited, must update that item.
    services = services_for(db)
    url = "http://127.0.0.1/feeds/county.xml"
    sid = add_feed(services, "县政府", url)
    old = ParsedItem(guid="http://127.0.0.1/feeds/right", title="通知", content_html="<p>旧</p>", text="旧")
    services.ingest.store([outcome(sid, [old])])
    document = """<rss version="2.0"><channel><title>t</title><item><guid>right</guid><title>通知</title>
    <description>new body</description></item></channel></rss>""".encode()
    rows, _notice = feed_rows(document, url, {}, to_ms(NOW))
    report = services.ingest.store([SourceOutcome(sid, NOW, ok=True, rows=rows, document_url=url)])
    assert (report.new_items, report.updated_items) == (0, 1)
    with db.session() as session:
        items = session.scalars(select(Item).where(Item.source_id == sid)).all()
        assert [(row.guid, row.summary_text) for row in items] == [("right", "new body")]


def test_storing_a_batch_never_scans_the_items_table(db: Database) -> None:
    """Every read ingest makes is an index probe: a refresh of a large profile must not pay for
    every stored item (an ``IN (SELECT DISTINCT source_id FROM items)`` once did, 1.2 s at 200k)."""
    from sqlalchemy import event

    services = services_for(db)
    busy = add_feed(services, "县政府", "http://127.0.0.1/a.xml")
    quiet = add_feed(services, "镇政府", "http://127.0.0.1/b.xml")
    services.ingest.store([outcome(busy, [item(f"g{n}", body=f"第{n}条") for n in range(300)])])
    statements: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        services.ingest.store(
            [outcome(busy, [item("g1"), item("new", body="新的一条")]), outcome(quiet, [item("q1")])]
        )
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert any("EXISTS" in statement for statement, _ in statements)
    raw = db.engine.raw_connection()
    try:
        for statement, parameters in statements:
            plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
            assert not [step for step in plan if step.startswith("SCAN items")], (statement, plan)
    finally:
        raw.close()


def test_store_leaves_the_wal_checkpoint_to_the_end_of_the_run(
    db: Database, monkeypatch: MonkeyPatch
) -> None:
    import cadre_desk.storage.database as database

    def file_digest() -> bytes:
        return hashlib.sha256(db.path.read_bytes()).digest()

    monkeypatch.setattr(database, "DEFAULT_AUTOCHECKPOINT_PAGES", 1)  # every ordinary commit checkpoints
    db.engine.dispose()
    services = services_for(db)
    sid = add_feed(services, "县政府", "http://127.0.0.1/f.xml")  # an ordinary commit: checkpointed
    before = file_digest()
    items = [item(f"g{n}", f"第{n}号通知", "各村：请做好防火。" * 40) for n in range(60)]
    report = services.ingest.store([outcome(sid, items)])
    assert report.new_items == 60
    assert file_digest() == before  # committed into the WAL only
    with db.engine.connect() as conn:  # the store's connection is back to the ordinary limit
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1
    services.ingest.checkpoint()
    assert file_digest() != before
    assert count_items(db, sid) == 60
