"""The generated world: counts, coverage, zombies, duplicates, stats, change log, safe content."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import text

from cadre_desk.demo import DemoSummary
from cadre_desk.domain.enums import Level, Platform, SourceKind
from cadre_desk.domain.fingerprint import content_hash
from cadre_desk.domain.summary import item_summary
from cadre_desk.domain.urls import item_url
from cadre_desk.sources.sanitize import html_to_text, sanitize_html
from cadre_desk.storage.database import Database
from cadre_desk.storage.types import to_ms
from tests.demo.conftest import DEMO_ITEMS, DEMO_NOW

DAY_MS = 86_400_000


def _rows(db: Database, sql: str, **params: object) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql), params)]


def test_counts_match_summary_and_request(demo_db: Database, summary: DemoSummary) -> None:
    [(items, sources, folders, reqs, tasks, logs)] = _rows(
        demo_db,
        "SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM sources),"
        " (SELECT count(*) FROM folders), (SELECT count(*) FROM requirements),"
        " (SELECT count(*) FROM tasks), (SELECT count(*) FROM operation_logs)",
    )
    assert items == summary.items == DEMO_ITEMS
    assert 55 <= sources == summary.sources <= 65
    assert folders == summary.folders >= 4
    assert reqs == summary.requirements >= 8
    assert tasks == summary.tasks > 20
    assert logs == summary.operation_logs > 150


def test_items_span_the_period_and_stay_before_now(demo_db: Database) -> None:
    [(first, last, fetched_max)] = _rows(
        demo_db, "SELECT min(published_at), max(published_at), max(fetched_at) FROM items"
    )
    now_ms = to_ms(DEMO_NOW)
    assert now_ms - 90 * DAY_MS <= first < now_ms - 85 * DAY_MS
    assert now_ms - DAY_MS < last < now_ms
    assert fetched_max <= now_ms


def test_levels_platforms_and_kinds_are_covered(demo_db: Database) -> None:
    rows = _rows(
        demo_db, "SELECT kind, platform, level, category, mandatory, required_by, url, config FROM sources"
    )
    assert {Level(r[2]) for r in rows} >= {
        Level.PROVINCE,
        Level.CITY,
        Level.COUNTY,
        Level.TOWNSHIP,
        Level.VILLAGE,
    }
    platforms = {Platform(r[1]) for r in rows}
    assert platforms >= {
        Platform.WECHAT_ACCOUNT,
        Platform.PORTAL,
        Platform.STUDY_PLATFORM,
        Platform.MAILBOX,
        Platform.WORK_GROUP,
    }
    assert {SourceKind(r[0]) for r in rows} == set(SourceKind)
    assert len({r[3] for r in rows}) >= 5
    mandatory = [r for r in rows if r[4]]
    assert 10 <= len(mandatory) < len(rows)
    assert all(r[5] for r in mandatory), "a mandatory source names who required it"
    wechat_urls = [r[6] for r in rows if r[1] == "wechat_account"]
    assert any(u.startswith("http://rsshub.local/wechat/") for u in wechat_urls)
    assert any("/feeds/" in u and u.endswith(".rss") for u in wechat_urls)
    import json

    for kind, *_rest, config_json in rows:
        config = json.loads(config_json)
        if kind == "imap":
            assert config["host"] and config["folder"]
            assert not any("pass" in key.lower() for key in config), "no password in the config"
        if kind == "webpage":
            assert config["list_selector"] and config["title_selector"]


def test_village_accounts_publish_rarely_county_daily(demo_db: Database) -> None:
    per_level = dict(
        _rows(
            demo_db,
            "SELECT s.level, count(i.id) * 1.0 / count(DISTINCT s.id) FROM sources s"
            " LEFT JOIN items i ON i.source_id = s.id WHERE s.platform = 'wechat_account' GROUP BY s.level",
        )
    )
    assert per_level["county"] > 3 * per_level["village"]
    [(fabu,)] = _rows(
        demo_db,
        "SELECT count(DISTINCT (published_at + 28800000) / 86400000) FROM items i"
        " JOIN sources s ON s.id = i.source_id WHERE s.name = '清河发布'",
    )
    assert fabu >= 85, "the county media account publishes (almost) every day"


def test_zombies_are_silent_for_weeks(demo_db: Database, summary: DemoSummary) -> None:
    rows = _rows(
        demo_db,
        "SELECT s.name, s.level, max(i.published_at) FROM sources s JOIN items i ON i.source_id = s.id"
        " GROUP BY s.id",
    )
    cutoff = to_ms(DEMO_NOW - timedelta(days=21))
    silent = {name for name, _level, last in rows if last < cutoff}
    assert len(summary.zombies) >= 4
    assert set(summary.zombies) <= silent
    # Besides the declared zombies, only a rarely posting village account may happen to be quiet.
    assert all(level == "village" for name, level, last in rows if name in silent - set(summary.zombies))
    assert len(silent) <= len(summary.zombies) + 1


def test_duplicate_accounts_share_unit_and_platform(demo_db: Database, summary: DemoSummary) -> None:
    rows = _rows(demo_db, "SELECT name, owner_unit, platform FROM sources")
    unit = {name: (owner, platform) for name, owner, platform in rows}
    assert len(summary.duplicate_accounts) >= 2
    for duplicate, primary in summary.duplicate_accounts:
        assert unit[duplicate] == unit[primary]


def test_source_stats_match_the_items(demo_db: Database) -> None:
    stats = _rows(
        demo_db,
        "SELECT source_id, item_count, unread_count, starred_count, last_item_at"
        " FROM source_stats ORDER BY 1",
    )
    aggregate = _rows(
        demo_db,
        "SELECT source_id, count(*), sum(NOT is_read AND NOT is_muted), sum(is_starred), max(published_at)"
        " FROM items WHERE NOT deleted GROUP BY source_id ORDER BY 1",
    )
    assert stats == aggregate
    assert sum(r[2] for r in stats) > 0 and sum(r[3] for r in stats) > 0


def test_change_log_has_a_row_per_written_row(demo_db: Database, summary: DemoSummary) -> None:
    logged = dict(
        _rows(demo_db, "SELECT entity, count(*) FROM change_log WHERE op = 'insert' GROUP BY entity")
    )
    assert logged["items"] == summary.items
    assert logged["sources"] == summary.sources
    assert logged["requirements"] == summary.requirements
    assert logged["tasks"] == summary.tasks
    assert logged["operation_logs"] == summary.operation_logs
    [(distinct, total)] = _rows(demo_db, "SELECT count(DISTINCT updated_at_hlc), count(*) FROM items")
    assert distinct == total, "every row carries its own HLC stamp"


def test_older_items_are_mostly_read(demo_db: Database) -> None:
    now_ms = to_ms(DEMO_NOW)
    [(old_read, recent_read, starred)] = _rows(
        demo_db,
        "SELECT avg(CASE WHEN published_at < :old THEN is_read END),"
        " avg(CASE WHEN published_at >= :recent THEN is_read END), sum(is_starred) FROM items",
        old=now_ms - 14 * DAY_MS,
        recent=now_ms - 2 * DAY_MS,
    )
    assert old_read > 0.8
    assert recent_read < 0.5
    assert 10 <= starred < DEMO_ITEMS * 0.05


def test_content_is_safe_html_with_consistent_summary_and_hash(demo_db: Database) -> None:
    rows = _rows(
        demo_db, "SELECT title, summary, content_html, content_hash FROM items ORDER BY id LIMIT 400"
    )
    for title, summary, content_html, digest in rows:
        assert title and "<" not in title
        assert summary is None  # the body's start, derived when read
        derived = item_summary(summary, content_html)
        assert derived and 0 < len(derived) <= 200 and "<" not in derived
        assert sanitize_html(content_html) == content_html
        assert digest == content_hash(title, html_to_text(content_html))


def test_titles_are_chinese_and_varied(demo_db: Database) -> None:
    titles = [r[0] for r in _rows(demo_db, "SELECT title FROM items")]
    assert len(set(titles)) > 0.55 * len(titles)
    words = Counter(
        w for t in titles for w in ("防火", "医保", "人居环境", "学习贯彻", "会议", "通知", "防汛")
    )
    assert all(
        word in "".join(titles) for word in ("森林防火", "医保", "人居环境", "学习贯彻", "会议", "通知")
    )
    assert words


def test_guids_and_urls_have_the_shape_of_their_source(demo_db: Database) -> None:
    rows = _rows(
        demo_db,
        "SELECT s.kind, s.platform, i.guid, i.url, i.canonical_url FROM items i"
        " JOIN sources s ON s.id = i.source_id",
    )
    for kind, platform, guid, stored, canonical in rows:
        assert stored is None  # every link is its canonical URL: derived when read
        url = item_url(stored, canonical)
        if kind == "rss":
            assert url.startswith("https://mp.weixin.qq.com/s/") and guid == url
        elif kind == "webpage":
            assert url.endswith(".html") and guid == url
        elif kind == "imap":
            assert guid.startswith("<") and guid.endswith(">") and url is None
        elif platform == "work_group":
            assert guid.startswith("manual:") and url is None
