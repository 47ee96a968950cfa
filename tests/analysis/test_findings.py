"""Findings: thresholds and dates, evidence, decisions that survive recomputation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from cadre_desk.domain.enums import FindingKind, FindingStatus
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis import actions
from cadre_desk.services.analysis.clusters import update_clusters
from cadre_desk.services.analysis.facts import AnalysisParams, occurrences_per_month
from cadre_desk.services.analysis.findings import followed_count, list_findings, refresh_findings, what_if
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import (
    FetchHistory,
    Finding,
    OperationLog,
    Requirement,
    Source,
    SourceFetchState,
)
from tests.analysis.conftest import NOW, make_item, make_source, random_text
from tests.analysis.test_clusters import FLOOD, FLOOD_OTHER_COUNTY, MEETING

PARAMS = AnalysisParams(now=NOW)


def kinds(db: Database, source_id: str) -> set[FindingKind]:
    return {r.kind for r in list_findings(db) if r.source_id == source_id}


@pytest.mark.parametrize(
    ("silent", "expected"),
    [
        (timedelta(days=13), False),
        (timedelta(days=13, hours=23, minutes=59), False),
        (timedelta(days=14), True),
        (timedelta(days=15), True),
        (timedelta(days=60), True),
    ],
)
def test_zombie_threshold_in_days(db: Database, silent: timedelta, expected: bool) -> None:
    """No new item for 14 days (the 2019 inspection rule) makes a zombie; 13 days 23:59 does not."""
    days_silent = silent.days
    source = make_source(db, "某局公众号", created_at=NOW - timedelta(days=100))
    make_item(db, source, "最后一条", MEETING, NOW - silent)
    refresh_findings(db, PARAMS)
    assert (FindingKind.ZOMBIE in kinds(db, source)) is expected
    if expected:
        row = next(r for r in list_findings(db) if r.kind == FindingKind.ZOMBIE)
        assert row.evidence["days_silent"] == days_silent
        assert row.evidence["last_item_at"].startswith((NOW - timedelta(days=days_silent)).date().isoformat())
        assert row.minutes_saved_per_month >= PARAMS.minutes_per_account


def test_zombie_days_come_from_settings(db: Database) -> None:
    source = make_source(db, "某局公众号")
    make_item(db, source, "最后一条", MEETING, NOW - timedelta(days=20))
    settings = Settings(db)
    settings.set("analysis.zombie_days", 30)
    refresh_findings(db, AnalysisParams.from_settings(settings, NOW))
    assert FindingKind.ZOMBIE not in kinds(db, source)
    settings.set("analysis.zombie_days", 14)
    refresh_findings(db, AnalysisParams.from_settings(settings, NOW))
    assert FindingKind.ZOMBIE in kinds(db, source)


def test_never_posting_and_new_sources(db: Database) -> None:
    old = make_source(db, "从不更新的号", created_at=NOW - timedelta(days=40))
    new = make_source(db, "刚关注的号", created_at=NOW - timedelta(days=3))
    mailbox = make_source(
        db, "政务邮箱", kind="imap", platform="mailbox", created_at=NOW - timedelta(days=40)
    )
    refresh_findings(db, PARAMS)
    assert FindingKind.ZOMBIE in kinds(db, old)
    assert not kinds(db, new) and not kinds(db, mailbox)


def test_only_reposts_counts_as_sleeping(db: Database, data_paths: DataPaths) -> None:
    county = make_source(db, "县融媒", level="county")
    village = make_source(db, "东村", level="village")
    make_item(db, village, "村里原创", MEETING, NOW - timedelta(days=30))
    for n, text in enumerate([FLOOD, FLOOD_OTHER_COUNTY]):
        make_item(db, county, f"通知{n}", text, NOW - timedelta(days=5 + n))
        make_item(db, village, f"转：通知{n}", "转自：县融媒\n" + text, NOW - timedelta(days=4 + n))
    update_clusters(db, data_paths.root)
    refresh_findings(db, PARAMS)
    zombie = next(r for r in list_findings(db) if r.source_id == village and r.kind == FindingKind.ZOMBIE)
    assert zombie.evidence["reason"] == "only_reposts" and zombie.evidence["items_in_period"] == 2
    assert FindingKind.ZOMBIE not in kinds(db, county)


def test_repost_share_and_first_publisher(db: Database, data_paths: DataPaths) -> None:
    county = make_source(db, "县融媒", level="county")
    town = make_source(db, "城关镇", level="township")
    texts = [random_text(n) for n in range(6)]
    for n, text in enumerate(texts):
        make_item(db, county, f"县通知{n}", text, NOW - timedelta(days=n + 1))
        make_item(db, town, f"转发县通知{n}", "来源：县融媒\n" + text, NOW - timedelta(days=n + 1, hours=-2))
    make_item(db, town, "镇原创", FLOOD_OTHER_COUNTY, NOW - timedelta(days=2))
    update_clusters(db, data_paths.root)
    refresh_findings(db, PARAMS)
    rows = [r for r in list_findings(db) if r.kind == FindingKind.REPOST]
    assert [r.source_id for r in rows] == [town]
    assert rows[0].related_source_id == county
    assert rows[0].evidence["reposts"] == 6 and rows[0].evidence["items"] == 7
    assert rows[0].evidence["examples"][0]["original_source"] == "县融媒"
    overlap = [r for r in list_findings(db) if r.kind == FindingKind.OVERLAP]
    assert [(r.source_id, r.related_source_id) for r in overlap] == [(town, county)]


def test_duplicate_accounts_of_one_unit(db: Database) -> None:
    a = make_source(db, "清河县人社局", owner_unit="清河县人力资源和社会保障局", platform="wechat_account")
    b = make_source(
        db, "清河人社服务号", owner_unit="清河县人力资源和社会保障局（官方）", platform="wechat_account"
    )
    c = make_source(db, "清河县人社局网站", owner_unit="清河县人力资源和社会保障局", platform="portal")
    make_item(db, a, "a1", FLOOD, NOW - timedelta(days=1))
    make_item(db, a, "a2", FLOOD_OTHER_COUNTY, NOW - timedelta(days=2))
    make_item(db, b, "b1", MEETING, NOW - timedelta(days=1))
    # Two columns of one portal, two work groups of one office: normal, not duplicate accounts.
    column = make_source(
        db, "清河县人社局网站·政策", owner_unit="清河县人力资源和社会保障局", platform="portal"
    )
    group_a = make_source(db, "人社局工作群", owner_unit="清河县人力资源和社会保障局", platform="work_group")
    group_b = make_source(db, "人社局业务群", owner_unit="清河县人力资源和社会保障局", platform="work_group")
    for source in (c, column, group_a, group_b):
        make_item(db, source, "近况", MEETING, NOW - timedelta(days=1))
    refresh_findings(db, PARAMS)
    dup = [r for r in list_findings(db) if r.kind == FindingKind.DUPLICATE_ACCOUNT]
    assert [(r.source_name, r.related_source_name) for r in dup] == [("清河人社服务号", "清河县人社局")]
    assert dup[0].evidence["platform"] == "wechat_account" and len(dup[0].evidence["accounts"]) == 2


def _fetch_state(
    db: Database, source_id: str, success_days_ago: float | None, failures_days_ago: list[float]
) -> None:
    """The fetch state and history the ingest service writes: failed attempts after a last success."""
    attempts = sorted(failures_days_ago, reverse=True)
    with db.session() as session:
        session.add(
            SourceFetchState(
                source_id=source_id,
                last_success_at=NOW - timedelta(days=success_days_ago)
                if success_days_ago is not None
                else None,
                last_attempt_at=NOW - timedelta(days=attempts[-1]),
                consecutive_errors=len(attempts),
                last_error="服务器返回 404",
                last_status=404,
            )
        )
        if success_days_ago is not None:
            session.add(
                FetchHistory(
                    source_id=source_id, attempted_at=NOW - timedelta(days=success_days_ago), ok=True
                )
            )
        for days in attempts:
            session.add(
                FetchHistory(
                    source_id=source_id,
                    attempted_at=NOW - timedelta(days=days),
                    ok=False,
                    status=404,
                    error="服务器返回 404",
                )
            )


def test_dead_source_from_fetch_state(db: Database) -> None:
    dead = make_source(db, "失效的门户栏目", kind="webpage", platform="portal")
    flaky = make_source(db, "偶尔失败的号")
    make_item(db, dead, "旧", MEETING, NOW - timedelta(days=2))
    make_item(db, flaky, "新", MEETING, NOW - timedelta(days=1))
    _fetch_state(db, dead, 9.5, [9, 7, 5, 3, 1, 0])
    _fetch_state(db, flaky, 1, [0.5, 0])
    refresh_findings(db, PARAMS)
    row = next(r for r in list_findings(db) if r.kind == FindingKind.DEAD)
    assert row.source_id == dead and row.evidence["days_failing"] == 9
    assert row.summary.startswith("已连续 9 天抓取失败（6 次）")
    assert row.evidence["attempts"][0]["status"] == 404
    assert FindingKind.DEAD not in kinds(db, flaky)


@pytest.mark.parametrize(
    ("success_days_ago", "failures_days_ago"),
    [
        (None, [0]),  # a year-old source that failed once (the demo's "365 天 … 1 次")
        (None, [0.2, 0.1, 0]),  # three failures within hours: an outage
        (30, [6.9, 4, 2, 0]),  # failing for just under the 7-day span
        (30, [20, 0]),  # a long span but only two attempts
    ],
)
def test_dead_needs_repeated_failures_over_days(
    db: Database, success_days_ago: float | None, failures_days_ago: list[float]
) -> None:
    source = make_source(
        db, "门户栏目", kind="webpage", platform="portal", created_at=NOW - timedelta(days=365)
    )
    make_item(db, source, "近况", MEETING, NOW - timedelta(days=1))
    _fetch_state(db, source, success_days_ago, failures_days_ago)
    refresh_findings(db, PARAMS)
    assert FindingKind.DEAD not in kinds(db, source)


def test_dead_counts_days_from_the_first_failure_not_from_creation(db: Database) -> None:
    source = make_source(
        db, "从未成功的栏目", kind="webpage", platform="portal", created_at=NOW - timedelta(days=365)
    )
    _fetch_state(db, source, None, [8, 6, 4, 2, 0])
    refresh_findings(db, PARAMS)
    row = next(r for r in list_findings(db) if r.kind == FindingKind.DEAD)
    assert row.evidence["days_failing"] == 8 and row.evidence["consecutive_errors"] == 5


def test_low_value_high_burden(db: Database) -> None:
    app = make_source(db, "某学习App", platform="app", kind="manual")
    useful = make_source(db, "县政府网", platform="portal")
    for n in range(5):
        make_item(db, app, f"学习{n}", MEETING + str(n), NOW - timedelta(days=n + 1))
        make_item(db, useful, f"通知{n}", FLOOD + str(n), NOW - timedelta(days=n + 1), is_read=True)
    with db.session() as session:
        session.add(
            Requirement(
                source_id=app,
                title="每日学习打卡",
                operation_kind="study_checkin",
                rrule="FREQ=DAILY",
                expected_minutes=15,
            )
        )
        session.add(
            Requirement(
                source_id=useful,
                title="每日浏览",
                operation_kind="read",
                rrule="FREQ=DAILY",
                expected_minutes=5,
            )
        )
    refresh_findings(db, PARAMS)
    row = next(r for r in list_findings(db) if r.kind == FindingKind.LOW_VALUE)
    assert row.source_id == app
    assert 29 * 15 <= row.evidence["required_minutes_month"] <= 31 * 15
    assert row.minutes_saved_per_month >= row.evidence["required_minutes_month"]
    assert FindingKind.LOW_VALUE not in kinds(db, useful)


def test_logged_minutes_count_and_superseded_logs_do_not(db: Database) -> None:
    group = make_source(db, "镇工作群", platform="work_group", kind="manual")
    make_item(db, group, "接龙", MEETING, NOW - timedelta(days=1))
    with db.session() as session:
        first = OperationLog(
            operation_kind="report",
            performed_at=NOW - timedelta(days=2),
            minutes=300,
            source_id=group,
            recorded_at=NOW,
        )
        session.add(first)
        session.flush()
        session.add(
            OperationLog(
                operation_kind="report",
                performed_at=NOW - timedelta(days=2),
                minutes=40,
                source_id=group,
                supersedes_id=first.id,
                recorded_at=NOW,
            )
        )
    refresh_findings(db, PARAMS)
    row = next(r for r in list_findings(db) if r.kind == FindingKind.LOW_VALUE)
    assert row.evidence["logged_minutes_30d"] == 40


def test_keep_persists_until_evidence_changes(db: Database) -> None:
    service = make_source(db, "12345 热线", category="livelihood", created_at=NOW - timedelta(days=100))
    make_item(db, service, "旧通知", MEETING, NOW - timedelta(days=40))
    refresh_findings(db, PARAMS)
    actions.keep_source(db, service, "民生服务账号，群众办事需要")
    assert not list_findings(db)
    refresh_findings(db, AnalysisParams(now=NOW + timedelta(days=3)))  # still silent: same evidence
    assert not list_findings(db)
    kept = list_findings(db, statuses=[FindingStatus.KEPT])
    assert kept and kept[0].keep_reason == "民生服务账号，群众办事需要"
    # New evidence: it posted again and went silent again.
    make_item(db, service, "新通知", FLOOD, NOW + timedelta(days=1))
    refresh_findings(db, AnalysisParams(now=NOW + timedelta(days=30)))
    reopened = list_findings(db)
    assert [r.source_id for r in reopened] == [service]
    assert "证据已变化" in (reopened[0].status_reason or "")


def test_dismiss_persists_and_keep_needs_reason(db: Database) -> None:
    source = make_source(db, "某号")
    make_item(db, source, "旧", MEETING, NOW - timedelta(days=30))
    refresh_findings(db, PARAMS)
    (row,) = list_findings(db)
    actions.dismiss_finding(db, row.id, "上级要求保留")
    refresh_findings(db, PARAMS)
    assert not list_findings(db)
    with db.session() as session:
        assert session.get(Finding, row.id).status_reason == "上级要求保留"
    with pytest.raises(actions.AnalysisActionError):
        actions.keep_source(db, source, "   ")
    actions.reopen_finding(db, row.id)
    assert [r.id for r in list_findings(db)] == [row.id]


def test_unsubscribe_and_merge_are_reversible(db: Database) -> None:
    a = make_source(db, "甲")
    b = make_source(db, "乙")
    make_item(db, a, "旧", MEETING, NOW - timedelta(days=30))
    make_item(db, b, "新", FLOOD, NOW - timedelta(days=1))
    refresh_findings(db, PARAMS)
    assert followed_count(db) == 2
    actions.unsubscribe(db, a)
    with db.session() as session:
        assert session.get(Source, a).subscribed is False
        assert session.scalars(select(Finding.status)).all() == [FindingStatus.APPLIED]
    refresh_findings(db, PARAMS)  # an unsubscribed source is not analysed; the applied finding stays
    assert followed_count(db) == 1 and not list_findings(db)
    actions.resubscribe(db, a)
    assert [r.source_id for r in list_findings(db)] == [a]
    actions.merge_source(db, a, b)
    with db.session() as session:
        assert session.get(Source, a).merged_into_id == b
    with pytest.raises(actions.AnalysisActionError):
        actions.merge_source(db, b, a)  # a is merged already
    with pytest.raises(actions.AnalysisActionError):
        actions.merge_source(db, b, b)


def test_what_if_counts_each_source_once(db: Database, data_paths: DataPaths) -> None:
    a = make_source(db, "甲", owner_unit="某局")
    b = make_source(db, "乙", owner_unit="某局")
    c = make_source(db, "丙")
    make_item(db, c, "新", FLOOD, NOW - timedelta(days=1))
    make_item(db, a, "旧", MEETING, NOW - timedelta(days=30))
    make_item(db, a, "旧2", FLOOD_OTHER_COUNTY, NOW - timedelta(days=32))
    make_item(db, b, "旧", FLOOD, NOW - timedelta(days=31))
    refresh_findings(db, PARAMS)
    rows = list_findings(db)
    on_b = [r for r in rows if r.source_id == b]
    assert {r.kind for r in on_b} == {FindingKind.ZOMBIE, FindingKind.DUPLICATE_ACCOUNT}
    result = what_if(rows, [r.id for r in rows], followed_count(db))
    assert result.accounts_followed == 3 and result.accounts_left == 1
    per_source = {r.source_id: r.minutes_saved_per_month for r in rows}
    assert result.minutes_saved_per_month == pytest.approx(sum(per_source.values()))
    assert what_if(rows, [], 3).minutes_saved_per_month == 0


def test_occurrences_per_month() -> None:
    assert occurrences_per_month("FREQ=WEEKLY;BYDAY=MO", 0, NOW, NOW) in (4.0, 5.0)
    assert occurrences_per_month(None, 12, NOW, NOW) == 12.0
    assert occurrences_per_month("garbage", 0, NOW, NOW) == 0.0
    workdays = occurrences_per_month("FREQ=DAILY;X-CN-WORKDAY=1", 0, NOW, NOW)
    assert 18 <= workdays <= 23  # China's workdays only


def test_recompute_without_change_writes_nothing(db: Database) -> None:
    source = make_source(db, "某号")
    make_item(db, source, "旧", MEETING, NOW - timedelta(days=30))
    first = refresh_findings(db, PARAMS)
    assert first.opened == 1
    second = refresh_findings(db, PARAMS)
    assert (second.opened, second.updated, second.unchanged) == (0, 0, 1)
    with db.session() as session:
        session.execute(
            insert(Source),
            [
                {
                    "id": "x" * 32,
                    "kind": "rss",
                    "name": "新号",
                    "platform": "app",
                    "category": "news",
                    "created_at": NOW,
                    **db.stamp_columns(),
                }
            ],
        )
    assert refresh_findings(db, PARAMS).retired == 0


def test_overlap_never_drops_the_account_a_duplicate_finding_keeps(
    db: Database, data_paths: DataPaths
) -> None:
    """Two accounts of one unit: the duplicate finding keeps the one with more originals; the
    overlap finding must not advise the opposite (adopting both would drop both accounts)."""
    unit = "柳林镇人民政府"
    main = make_source(db, "柳林镇人民政府", level="township", owner_unit=unit)
    twin = make_source(db, "柳林镇政府发布", level="township", owner_unit=unit)
    for n in range(5):  # main publishes first, twin pushes the same posts hours later
        text = random_text(200 + n)
        make_item(db, main, f"通知{n}", text, NOW - timedelta(days=n + 1))
        make_item(
            db, twin, f"转发通知{n}", "来源：柳林镇人民政府\n" + text, NOW - timedelta(days=n + 1, hours=-3)
        )
    make_item(db, main, "镇原创", random_text(300), NOW - timedelta(days=2))  # main: 6 originals, 83 % shared
    for n in range(2):
        make_item(
            db, twin, f"发布原创{n}", random_text(310 + n), NOW - timedelta(days=3 + n)
        )  # twin: 2, 71 %
    update_clusters(db, data_paths.root)
    refresh_findings(db, PARAMS)
    rows = list_findings(db)
    duplicate = [(r.source_id, r.related_source_id) for r in rows if r.kind == FindingKind.DUPLICATE_ACCOUNT]
    overlap = [(r.source_id, r.related_source_id) for r in rows if r.kind == FindingKind.OVERLAP]
    assert duplicate == [(twin, main)]
    assert overlap == [(twin, main)]  # the same direction: follow main, drop twin
    assert followed_count(db) - what_if(rows, [r.id for r in rows], followed_count(db)).accounts_left == 1
