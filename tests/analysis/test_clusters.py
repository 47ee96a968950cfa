"""Near-duplicate clusters: detection, first publisher, incremental = rebuild in any order."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.clusters import components, rebuild_clusters, update_clusters
from cadre_desk.services.analysis.near_dup_index import NearDupIndex
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.item_clusters import first_publishers
from cadre_desk.storage.models import ChangeLog, Item
from tests.analysis.conftest import NOW, make_item, make_source

FLOOD = (
    "各乡镇人民政府，县直各单位：为切实做好2026年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下。"
    "一、压实防汛责任。各乡镇要严格落实防汛行政首长负责制，主要负责同志要靠前指挥。"
    "二、加强隐患排查。对山塘水库、地质灾害隐患点、危旧房屋开展拉网式排查，建立台账，限期整改。"
    "三、严格值班值守。汛期实行24小时值班和领导带班制度，遇重大情况及时报告县防汛办。"
)
FLOOD_OTHER_COUNTY = (
    "各镇（街道）、区直各部门：为做好今年汛期防汛抗洪工作，保障群众安全度汛，现就有关工作通知如下。"
    "一、落实工作责任。各镇街要成立防汛工作专班，明确包片领导和网格责任人。"
    "二、做好物资储备。各单位要备足编织袋、救生衣、发电机等防汛物资，定期检查维护。"
    "三、强化预警转移。接到暴雨预警后，要提前转移低洼地带和危险区域群众。"
)
MEETING = (
    "今天下午三点在村委会二楼会议室召开全体党员大会，传达学习上级会议精神，请全体党员准时参加，不得无故缺席。"
)


def clusters(db: Database) -> dict[str, str | None]:
    """item id → its cluster's first publisher's id (None: alone)."""
    with db.session() as session:
        ids = list(session.scalars(select(Item.id)))
        first = first_publishers(session.connection())
    return {item_id: first.get(item_id) for item_id in ids}


def test_repost_with_prefix_note_and_footer_joins_the_original(db: Database, data_paths: DataPaths) -> None:
    county = make_source(db, "清河县融媒体中心", level="county")
    town = make_source(db, "城关镇人民政府", level="township")
    original = make_item(db, county, "关于做好防汛工作的通知", FLOOD, NOW)
    repost = make_item(
        db,
        town,
        "转发：关于做好防汛工作的通知",
        "转自：清河县融媒体中心\n编者按：请各村认真落实。\n"
        + FLOOD.replace("。", "。\n")
        + "\n责任编辑：李四\n审核：王五",
        NOW + timedelta(hours=3),
    )
    other = make_item(db, town, "关于做好汛期工作的通知", FLOOD_OTHER_COUNTY, NOW + timedelta(hours=1))
    meeting = make_item(db, town, "开会通知", MEETING, NOW)
    run = update_clusters(db, data_paths.root)
    assert run.full_rebuild
    got = clusters(db)
    assert got[original] == original and got[repost] == original
    assert got[other] is None and got[meeting] is None


def test_first_publisher_is_earliest_then_higher_level(db: Database, data_paths: DataPaths) -> None:
    city = make_source(db, "市应急管理局", level="city")
    county = make_source(db, "县应急管理局", level="county")
    village = make_source(db, "东村", level="village")
    same_time_county = make_item(db, county, "防汛通知", FLOOD, NOW)
    same_time_city = make_item(db, city, "防汛通知", FLOOD, NOW)
    later_village = make_item(db, village, "转：防汛通知", FLOOD, NOW + timedelta(minutes=5))
    update_clusters(db, data_paths.root)
    got = clusters(db)
    assert {got[same_time_county], got[same_time_city], got[later_village]} == {same_time_city}
    # An even earlier post (arriving later, e.g. after a sync) becomes the first publisher.
    earliest = make_item(db, village, "防汛通知（转）", FLOOD, NOW - timedelta(hours=1))
    update_clusters(db, data_paths.root)
    got = clusters(db)
    assert {got[same_time_county], got[same_time_city], got[later_village], got[earliest]} == {earliest}


def test_the_same_text_weeks_later_is_a_new_notice(db: Database, data_paths: DataPaths) -> None:
    county = make_source(db, "县融媒", level="county")
    town = make_source(db, "镇政府", level="township")
    spring = make_item(db, county, "防汛通知", FLOOD, NOW)
    repost = make_item(db, town, "转发防汛通知", FLOOD, NOW + timedelta(days=6))
    next_year = make_item(db, county, "防汛通知", FLOOD, NOW + timedelta(days=365))
    update_clusters(db, data_paths.root)
    got = clusters(db)
    assert got[spring] == got[repost] == spring and got[next_year] is None
    late = make_item(db, town, "转发防汛通知", FLOOD, NOW + timedelta(days=366))
    update_clusters(db, data_paths.root)
    assert clusters(db)[late] == next_year


def test_unchanged_clusters_write_no_rows(db: Database, data_paths: DataPaths) -> None:
    county = make_source(db, "县融媒", level="county")
    town = make_source(db, "镇政府", level="township")
    make_item(db, county, "防汛通知", FLOOD, NOW)
    make_item(db, town, "防汛通知", FLOOD, NOW + timedelta(hours=1))
    first = update_clusters(db, data_paths.root)
    assert first.changed_rows == 2
    with db.session() as session:
        logged = session.query(ChangeLog).count()
    again = rebuild_clusters(db, data_paths.root)
    assert again.changed_rows == 0
    nothing_new = update_clusters(db, data_paths.root)
    assert nothing_new.items_signed == 0 and not nothing_new.full_rebuild
    with db.session() as session:
        assert session.query(ChangeLog).count() == logged


def test_index_persists_and_is_incremental(db: Database, data_paths: DataPaths) -> None:
    county = make_source(db, "县融媒", level="county")
    for n in range(5):
        make_item(db, county, f"通知{n}", f"第{n}号通知：" + MEETING * (n + 1), NOW + timedelta(minutes=n))
    update_clusters(db, data_paths.root)
    index = NearDupIndex.open(data_paths.root / "analysis" / "near-dup-index")
    assert index.item_count == 5 and index.watermark > 0
    make_item(db, county, "防汛", FLOOD, NOW)
    run = update_clusters(db, data_paths.root)
    assert not run.full_rebuild and run.items_signed == 1 and run.indexed_total == 6
    assert len(NearDupIndex.open(data_paths.root / "analysis" / "near-dup-index").segments) == 2


def test_many_incremental_updates_are_compacted(db: Database, data_paths: DataPaths) -> None:
    from cadre_desk.services.analysis.near_dup_index import MAX_SEGMENTS

    county = make_source(db, "县融媒", level="county")
    town = make_source(db, "镇政府", level="township")
    first = make_item(db, county, "防汛", FLOOD, NOW)
    update_clusters(db, data_paths.root)
    for n in range(MAX_SEGMENTS + 3):
        make_item(db, town, f"会议{n}", f"第{n}次：" + MEETING * 2 + str(n), NOW + timedelta(hours=n))
        update_clusters(db, data_paths.root)
    repost = make_item(db, town, "转发防汛", "转自：县融媒\n" + FLOOD, NOW + timedelta(days=1))
    update_clusters(db, data_paths.root)
    index = NearDupIndex.open(data_paths.root / "analysis" / "near-dup-index")
    assert len(index.segments) <= MAX_SEGMENTS and index.item_count == MAX_SEGMENTS + 5
    assert clusters(db)[repost] == first
    incremental = clusters(db)
    rebuild_clusters(db, data_paths.root)
    assert clusters(db) == incremental
    folders = [p for p in (data_paths.root / "analysis" / "near-dup-index").iterdir() if p.is_dir()]
    assert len(folders) == 1  # unreferenced segment folders are removed


def test_corrupt_manifest_triggers_rebuild(db: Database, data_paths: DataPaths) -> None:
    county = make_source(db, "县融媒", level="county")
    make_item(db, county, "防汛", FLOOD, NOW)
    update_clusters(db, data_paths.root)
    (data_paths.root / "analysis" / "near-dup-index" / "manifest.json").write_text(
        "{broken", encoding="utf-8"
    )
    assert update_clusters(db, data_paths.root).full_rebuild


def test_components_merge_chains() -> None:
    import numpy as np

    labels = components(6, np.array([[4, 5], [1, 2], [2, 5]]))
    assert labels.tolist() == [0, 1, 1, 3, 1, 1]


# --------------------------------------------------------------------------- any arrival order

TEXTS = [FLOOD, FLOOD_OTHER_COUNTY, MEETING * 2]
VARIANTS = [
    lambda t: t,
    lambda t: "转自：县融媒体中心\n" + t + "\n责任编辑：张三",
    lambda t: "编者按：请认真学习。\n" + t[: int(len(t) * 0.8)],
    lambda t: t.replace("。", "。\n").replace("，", ", "),
]
LEVELS = ["city", "county", "township", "village"]

item_spec = st.tuples(
    st.integers(0, len(TEXTS) - 1), st.integers(0, len(VARIANTS) - 1), st.integers(0, 3), st.integers(0, 5)
)


def _fresh(tmp: Path, template: Path) -> tuple[DataPaths, Database]:
    paths = DataPaths(tmp / new_id()).ensure()
    shutil.copyfile(template, paths.database)  # a migrated empty profile, ~10x quicker than migrating
    return paths, open_database(paths)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=st.lists(item_spec, min_size=2, max_size=9), order=st.randoms(use_true_random=False), data=st.data()
)
def test_clusters_do_not_depend_on_arrival_order(
    tmp_path: Path, template_database: Path, specs: list, order, data
) -> None:
    items = [(new_id(), spec) for spec in specs]
    shuffled = list(items)
    order.shuffle(shuffled)
    batch_sizes = data.draw(st.lists(st.integers(1, 4), min_size=len(items), max_size=len(items)))
    results = []
    for arrival in (items, shuffled):
        paths, db = _fresh(tmp_path, template_database)
        try:
            sources = [make_source(db, f"账号{level}", level=level) for level in LEVELS]
            pos = 0
            for size in batch_sizes:
                for item_id, (text_no, variant, level, hours) in arrival[pos : pos + size]:
                    make_item(
                        db,
                        sources[level],
                        "通知",
                        VARIANTS[variant](TEXTS[text_no]),
                        NOW + timedelta(hours=hours),
                        item_id=item_id,
                    )
                pos += size
                update_clusters(db, paths.root)
                if pos >= len(arrival):
                    break
            incremental = clusters(db)
            rebuild_clusters(db, paths.root)
            assert clusters(db) == incremental
            results.append(incremental)
        finally:
            db.close()
    assert results[0] == results[1]
    # Items from one text (any variant) always share a cluster.
    for text_no in range(len(TEXTS)):
        same = {results[0][item_id] for item_id, spec in items if spec[0] == text_no}
        if len([1 for _, spec in items if spec[0] == text_no]) > 1:
            assert len(same) == 1 and None not in same


def test_rebuild_uses_worker_processes(db: Database, data_paths: DataPaths, monkeypatch) -> None:
    from cadre_desk.services.analysis import clusters as module
    from cadre_desk.services.analysis import item_signing, notice_check

    monkeypatch.setattr(module, "PARALLEL_FROM", 10)
    monkeypatch.setattr(item_signing, "CHUNK", 7)
    monkeypatch.setattr(notice_check, "PARALLEL_PAIRS", 2)  # texts are checked in the workers too
    county = make_source(db, "县融媒", level="county")
    town = make_source(db, "镇政府", level="township")
    for n in range(15):
        head = "转自：县融媒\n" if n % 2 else ""
        make_item(db, county, "防汛通知", head + FLOOD[n * 3 :], NOW + timedelta(days=n))
    # The same template with another deadline: the text check (in a worker) keeps it apart.
    other = make_item(db, town, "防汛通知", FLOOD.replace("24小时", "48小时"), NOW + timedelta(days=1))
    make_item(db, town, "转发", FLOOD, NOW + timedelta(days=30))
    run = rebuild_clusters(db, data_paths.root, workers=2)
    assert run.items_signed == 17 and run.pairs_checked >= 2
    assert run.worker_processes >= 1  # chunks were signed in spawned processes, not here
    serial = rebuild_clusters(db, data_paths.root, workers=1)
    assert serial.worker_processes == 0 and serial.changed_rows == 0  # same clusters either way
    with db.engine.connect() as conn:
        clustered = conn.execute(text("SELECT count(*) FROM item_clusters")).scalar_one()
    assert clustered >= 2
    assert clusters(db)[other] is None
