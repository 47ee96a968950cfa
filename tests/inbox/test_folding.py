"""Duplicate folding and the extended inbox filters on a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from cadre_desk.domain.changes import Changes
from cadre_desk.services.folding import FoldingService
from cadre_desk.services.inbox import InboxFilter, InboxService
from cadre_desk.storage.database import Database
from cadre_desk.storage.item_clusters import set_first_publishers
from cadre_desk.storage.models import Folder, Item, Task
from tests.factories import add_source
from tests.search.test_search import add_item

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def _reposted(db: Database) -> dict[str, str]:
    county = add_source(db, "清河县融媒体", level="county")
    town = add_source(db, "城关镇", level="township")
    village = add_source(db, "东风村", level="village")
    notice = "关于开展冬季森林防火检查的通知"
    ids = {
        "county": add_item(db, county, notice, "全文", days_ago=3),
        "town": add_item(db, town, notice, "全文", days_ago=2),
        "village": add_item(db, village, notice, "全文", days_ago=1),
        "other": add_item(db, town, "村民代表大会召开", "会议", days_ago=0),
    }
    return ids


def test_reposts_fold_into_the_first_publisher(db: Database) -> None:
    ids = _reposted(db)
    rows = InboxService(db).page(InboxFilter())
    assert [r.id for r in rows] == [ids["other"], ids["county"]]
    unfolded = InboxService(db).page(InboxFilter(fold_duplicates=False))
    assert len(unfolded) == 4
    info = FoldingService(db).fold_info([r.id for r in rows])
    assert ids["other"] not in info
    assert info[ids["county"]].other_items == 2
    assert info[ids["county"]].other_sources == ("城关镇", "东风村")
    group = FoldingService(db).group(ids["town"])
    assert [m.item_id for m in group] == [ids["county"], ids["town"], ids["village"]]
    assert [m.item_id for m in FoldingService(db).group(ids["other"])] == [ids["other"]]


def test_cluster_id_overrides_hash(db: Database) -> None:
    ids = _reposted(db)
    with db.session() as session:  # the analysis put a slightly edited repost in one cluster
        set_first_publishers(session.connection(), [(ids["other"], ids["town"])])
    rows = [r.id for r in InboxService(db).page(InboxFilter())]
    assert rows == [ids["town"], ids["county"]]  # county+village by hash; town+other by cluster
    assert FoldingService(db).fold_info([ids["town"]])[ids["town"]].other_items == 1


def test_view_of_one_source_does_not_hide_its_items(db: Database) -> None:
    ids = _reposted(db)
    with db.session() as session:
        village = session.get(Item, ids["village"])
        assert village is not None
        source = village.source_id
    assert [r.id for r in InboxService(db).page(InboxFilter(source_ids=(source,)))] == [ids["village"]]


def test_marking_one_read_marks_the_group_read(db: Database) -> None:
    ids = _reposted(db)
    change = InboxService(db).set_read([ids["village"]], with_group=True)
    assert set(change.item_ids) == {ids["county"], ids["town"], ids["village"]}
    assert change.read is True and change.changes == Changes(items=True)
    with db.session() as session:
        read = set(session.scalars(select(Item.id).where(Item.is_read.is_(True))))
    assert read == {ids["county"], ids["town"], ids["village"]}
    again = InboxService(db).set_read([ids["village"]], with_group=True)
    assert again.item_ids == () and not again.changes  # nothing to announce
    # a new repost of an already read notice arrives read
    late = add_item(db, add_source(db, "西山村"), "关于开展冬季森林防火检查的通知", "全文")
    with db.session() as session:
        assert FoldingService(db).read_if_group_read(session, [late]) == 1
        item = session.get(Item, late)
        assert item is not None and item.is_read


def test_a_repost_arrives_read_only_while_a_read_copy_is_live(db: Database) -> None:
    """The counters' shortcut (no live item read: nothing to look up) agrees with the lookup:
    muted or deleted copies never make a repost arrive read, one live read copy does."""
    ids = _reposted(db)
    folding = FoldingService(db)
    notice = "关于开展冬季森林防火检查的通知"
    with db.session() as session:  # nothing read yet; a muted copy is not a read one
        session.execute(
            update(Item).where(Item.id == ids["town"]).values(is_muted=True, **db.stamp_columns())
        )
    first = add_item(db, add_source(db, "南山村"), notice, "全文")
    with db.session() as session:
        assert folding.read_if_group_read(session, [first]) == 0
    InboxService(db).set_read([ids["county"]])
    with db.session() as session:  # the only read copy deleted: nothing live is read
        session.execute(
            update(Item).where(Item.id == ids["county"]).values(deleted=True, **db.stamp_columns())
        )
    second = add_item(db, add_source(db, "北山村"), notice, "全文")
    with db.session() as session:
        assert folding.read_if_group_read(session, [second]) == 0
    InboxService(db).set_read([ids["village"]])
    third = add_item(db, add_source(db, "西山村"), notice, "全文")
    with db.session() as session:
        assert folding.read_if_group_read(session, [third]) == 1


def test_task_folder_and_date_filters(db: Database) -> None:
    ids = _reposted(db)
    with db.session() as session:
        folder = Folder(name="重要")
        session.add(folder)
        session.flush()
        session.add(Task(title="检查", origin="item", item_id=ids["other"], created_at=NOW))
        session.execute(
            update(Item).where(Item.id == ids["county"]).values(folder_id=folder.id, **db.stamp_columns())
        )
    service = InboxService(db)
    assert [r.id for r in service.page(InboxFilter(has_task=True))] == [ids["other"]]
    assert [r.id for r in service.page(InboxFilter(folder_id=folder.id))] == [ids["county"]]
    window = InboxFilter(date_from=NOW - timedelta(days=2, hours=1), date_to=NOW - timedelta(hours=12))
    # the reposts in the window are folded into the original published before it
    assert [r.id for r in service.page(window)] == []
    assert {
        r.id
        for r in service.page(
            InboxFilter(date_from=window.date_from, date_to=window.date_to, fold_duplicates=False)
        )
    } == {ids["town"], ids["village"]}


def test_sort_by_source_pages_across_sources(db: Database) -> None:
    names = ["乙镇", "甲县", "丙村"]  # sorted by name: 丙村, 乙镇, 甲县 (code point order)
    ids = {name: add_source(db, name) for name in names}
    made = {
        name: [add_item(db, ids[name], f"{name}通知{n}", f"正文{name}{n}", days_ago=n) for n in range(3)]
        for name in names
    }
    service = InboxService(db)
    flt = InboxFilter(sort="source")
    first = service.page(flt, None, 4)
    rest = service.page(flt, first[-1].key, 4)
    rest += service.page(flt, rest[-1].key, 4)
    order = [r.id for r in first + rest]
    expected = [item for name in sorted(names) for item in made[name]]
    assert order == expected
    assert service.page(flt, rest[-1].key, 4) == []


def test_fold_subqueries_use_their_key_indexes(db: Database) -> None:
    """The planner once chose the time index and scanned every earlier item per row."""
    _reposted(db)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")  # statistics with no cluster ids at all: the bad case
        query = InboxService(db)._page_query(InboxFilter()).limit(200)
        sql = str(query.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
        plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert not [step for step in plan if step.startswith(("SCAN dup_", "SCAN mate_", "SCAN own_"))], plan
    for alias, index in (
        ("mate_c", "ix_item_clusters_cluster"),  # the row's cluster mates, then each by rowid
        ("dup_h", "ix_items_content_hash"),
        ("dup_u", "ix_items_canonical_url"),  # partial (rows without a hash): still usable
    ):
        assert any(step.startswith(f"SEARCH {alias} USING") and index in step for step in plan), plan
    for alias in ("own_c", "dup_c"):
        assert any(step.startswith(f"SEARCH {alias} USING INTEGER PRIMARY KEY") for step in plan), plan


def test_has_task_view_is_the_same_whichever_side_drives_the_query(db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Few open tasks: the query starts from them; many: it walks the time index. Same pages,
    newest first, folded, complete across page boundaries."""
    from cadre_desk.services import inbox as inbox_module
    from tests.factories import add_items

    county = add_source(db, "清河县人民政府")
    town = add_source(db, "城关镇")
    ids = add_items(db, county, 90)
    reposts = add_items(db, town, 30)  # the same titles (and hashes) again: folded into county's
    with db.session() as session:
        for n, item_id in enumerate(ids + reposts):
            status = "done" if n % 5 == 0 else "open"
            if n % 2 == 0 or item_id in reposts[:5]:
                session.add(
                    Task(title=f"任务{n}", origin="item", item_id=item_id, status=status, created_at=NOW)
                )

    def pages(flt: InboxFilter) -> list[str]:
        service, seen, after = InboxService(db), [], None
        while True:
            rows = service.page(flt, after, 7)
            seen += [r.id for r in rows]
            if len(rows) < 7:
                return seen
            after = rows[-1].key

    views = [
        InboxFilter(has_task=True),
        InboxFilter(has_task=True, unread_only=True),
        InboxFilter(has_task=True, sort="source"),
    ]
    from_tasks = [pages(flt) for flt in views]
    monkeypatch.setattr(inbox_module, "FEW_OPEN_TASKS", 0)
    by_time = [pages(flt) for flt in views]
    assert by_time == from_tasks
    assert len(from_tasks[0]) == len(set(from_tasks[0])) > 7
    with db.session() as session:
        open_items = set(session.scalars(select(Task.item_id).where(Task.status == "open")))
        published = {row[0]: row[1] for row in session.execute(select(Item.id, Item.published_at))}
    assert set(from_tasks[0]) <= open_items
    times = [published[i] for i in from_tasks[0]]
    assert times == sorted(times, reverse=True)


# --------------------------------------------------------------------------- copies that differ

FIRE_TITLE = "关于做好东山村森林防火工作的通知"
FIRE = [
    "各村民小组：",
    "当前已进入森林防火紧要期，气温高、降雨少，火险等级居高不下。为坚决防范森林火灾发生，现将有关事项通知如下。",
    "一、严格野外火源管控。东山村及周边林区100米范围内严禁烧荒、烧秸秆、烧纸祭祀等一切野外用火行为。",
    "二、加强巡山护林。东山村护林员要每日巡山不少于两次，在进山路口设立检查站，严查火种进山。",
    "三、落实值班值守。11月30日前实行24小时值班和领导带班制度，带班领导为张伟同志。",
    "四、及时报告火情。发现火情请立即拨打森林火警电话12119或镇应急办电话0791-5432100。",
    "特此通知。",
    "城关镇人民政府",
    "2026年11月16日",
]
ADDED = "我村将于11月20日组织全体护林员集中培训，请各组长通知到人。"


def _fire_group(db: Database) -> dict[str, str]:
    from tests.analysis.conftest import make_item

    county = add_source(db, "城关镇人民政府", level="township")
    town = add_source(db, "城关镇融媒体", level="township")
    village = add_source(db, "东山村", level="village")
    other_village = add_source(db, "西坪村", level="village")
    start = NOW - timedelta(days=3)
    other = "\n".join(p.replace("东山村", "西坪村").replace("11月30日", "12月10日") for p in FIRE)
    return {
        "original": make_item(db, county, FIRE_TITLE, "\n".join(FIRE), start),
        "furniture": make_item(
            db,
            town,
            "【转】" + FIRE_TITLE,
            "转自：城关镇人民政府\n" + "\n".join(FIRE) + "\n责任编辑：李四",
            start + timedelta(hours=2),
        ),
        "added": make_item(
            db, village, FIRE_TITLE, "\n".join([*FIRE[:5], ADDED, *FIRE[5:]]), start + timedelta(hours=3)
        ),
        # The same template for another village, with another deadline: another notice.
        "other": make_item(
            db, other_village, FIRE_TITLE.replace("东山村", "西坪村"), other, start + timedelta(hours=4)
        ),
    }


def test_folding_never_hides_a_different_notice_and_flags_differing_copies(db: Database, data_paths) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.services.analysis.clusters import update_clusters

    ids = _fire_group(db)
    update_clusters(db, data_paths.root)
    rows = [r.id for r in InboxService(db).page(InboxFilter())]
    assert ids["original"] in rows and ids["other"] in rows  # the other village's notice has its own row
    assert ids["furniture"] not in rows and ids["added"] not in rows
    folding = FoldingService(db)
    info = folding.fold_info(rows)
    assert info[ids["original"]].other_items == 2 and info[ids["original"]].differs
    assert ids["other"] not in info
    pairs = folding.differences(ids["original"])
    assert len(pairs) == 1 and ADDED[:12] in pairs[0].text and ADDED[:12] not in pairs[0].original_text
    assert pairs[0].original_source == "城关镇人民政府"
    assert folding.differences(ids["other"]) == []


def test_a_group_differing_only_in_furniture_is_not_flagged(db: Database, data_paths) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.services.analysis.clusters import update_clusters

    ids = _fire_group(db)
    with db.session() as session:  # without the village's added sentence
        session.execute(
            update(Item).where(Item.id == ids["added"]).values(deleted=True, **db.stamp_columns())
        )
    update_clusters(db, data_paths.root)
    folding = FoldingService(db)
    info = folding.fold_info([ids["original"]])
    assert info[ids["original"]].other_items == 1 and not info[ids["original"]].differs
    assert folding.differences(ids["original"]) == []


def test_marking_a_view_read_is_marking_each_row_read(db: Database) -> None:
    """ "Mark all read" is the one mark-read over a view's rows: folded, the copies elsewhere go
    with them (as when one is opened); unfolded, only the rows shown. Undo restores exactly
    what it changed."""
    ids = _reposted(db)
    service = InboxService(db)
    with db.session() as session:
        town = session.get(Item, ids["town"])
        assert town is not None
        town_view = InboxFilter(source_ids=(town.source_id,))

    def unread() -> set[str]:
        with db.session() as session:
            return set(session.scalars(select(Item.id).where(Item.is_read.is_(False))))

    unfolded = service.mark_view_read(replace(town_view, fold_duplicates=False))
    assert set(unfolded.item_ids) == {ids["town"], ids["other"]} and unfolded.read is True
    assert unread() == {ids["county"], ids["village"]}
    assert set(service.set_read(unfolded.item_ids, False).item_ids) == {ids["town"], ids["other"]}
    folded = service.mark_view_read(town_view)
    assert set(folded.item_ids) == set(ids.values()) and unread() == set()
    assert folded.changes == Changes(items=True)
    service.set_read(folded.item_ids, False)
    assert unread() == set(ids.values())
    assert service.mark_view_read(InboxFilter(starred_only=True)).item_ids == ()  # nothing to do


def test_a_batch_larger_than_the_parameter_limit_arrives_read_as_a_group(db: Database) -> None:
    """Windows builds of SQLite allow 32,766 bound parameters per statement (this one 250,000):
    the ingest check put every new item's fold key in one IN list. Simulated with a limit of 999."""
    import sqlite3

    from sqlalchemy import event

    from tests.factories import add_items

    first, repost = add_source(db), add_source(db)
    add_items(db, first, 3_000, read_every=1)  # read
    copies = add_items(db, repost, 3_000)  # the same notices reposted, unread

    def small_limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)

    db.engine.dispose()
    event.listen(db.engine, "connect", small_limit)
    try:
        with db.session() as session:
            assert FoldingService(db).read_if_group_read(session, copies) == 3_000
        with db.session() as session:
            assert session.scalar(select(func.count()).where(Item.id.in_(copies[:900]), Item.is_read)) == 900
    finally:
        event.remove(db.engine, "connect", small_limit)
        db.engine.dispose()
