"""Search correctness on a real database: 1/2/3+ character Chinese, English, mixed, filters,
highlighting, index maintenance, hostile input."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, update

from cadre_desk.domain.ids import new_id
from cadre_desk.domain.search_query import parse_query
from cadre_desk.services.search import SavedSearchError, SearchService
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Source
from tests.factories import add_source

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def add_item(
    db: Database, source_id: str, title: str, body: str = "", *, days_ago: int = 0, author: str | None = None
) -> str:
    item_id = new_id()
    with db.session() as session:
        session.execute(
            insert(Item),
            [
                {
                    "id": item_id,
                    "source_id": source_id,
                    "guid": item_id,
                    "title": title,
                    "author": author,
                    "published_at": NOW - timedelta(days=days_ago),
                    "fetched_at": NOW,
                    "content_html": f"<p>{body}</p>" if body else None,
                    "content_hash": hashlib.sha256((title + body).encode()).hexdigest(),
                    **db.stamp_columns(),
                }
            ],
        )
    return item_id


@pytest.fixture
def corpus(db: Database) -> dict[str, str]:
    county = add_source(db, "清河县人民政府", level="county")
    town = add_source(db, "城关镇便民服务", level="township")
    ids = {
        "fire": add_item(
            db, county, "关于做好冬季森林防火工作的通知", "各村要落实<b>防火</b>责任。", days_ago=1
        ),
        "report": add_item(db, town, "请于本周五前完成低保数据填报", "填报系统地址见附件。", days_ago=2),
        "village": add_item(db, town, "村民代表大会召开", "会议审议了村规民约。", days_ago=3),
        "covid": add_item(
            db,
            county,
            "COVID-19疫苗接种安排",
            "Government notice: vaccination schedule.",
            days_ago=10,
            author="卫健委",
        ),
        "rural": add_item(db, county, "乡村振兴工作推进会", "推进乡村振兴，建设美丽乡村。", days_ago=30),
        "broken": add_item(db, town, "乡村，振兴 宣讲", "标点把词语隔开。", days_ago=40),
    }
    return ids


def found(db: Database, q: str, **kw: object) -> set[str]:
    return {hit.item_id for hit in SearchService(db).search(q, **kw).hits}  # type: ignore[arg-type]


def test_one_character_query(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "村") == {corpus["fire"], corpus["village"], corpus["rural"], corpus["broken"]}
    assert found(db, "苗") == {corpus["covid"]}


def test_two_character_query(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "填报") == {corpus["report"]}
    assert found(db, "村民") == {corpus["village"]}
    assert found(db, "防汛") == set()


def test_three_and_more_characters(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "村规民") == {corpus["village"]}
    assert found(db, "森林防火") == {corpus["fire"]}
    assert found(db, "冬季森林防火工作") == {corpus["fire"]}
    # adjacency matters: the characters of the query in another order do not match
    assert found(db, "火防林森") == set()


def test_english_case_insensitive_and_prefix(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "covid") == {corpus["covid"]}
    assert found(db, "GOVERN") == {corpus["covid"]}  # prefix of "Government"
    assert found(db, "vaccination schedule") == {corpus["covid"]}
    assert found(db, '"schedule vaccination"') == set()


def test_mixed_chinese_english(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "covid-19疫苗") == {corpus["covid"]}
    assert found(db, "COVID 疫苗") == {corpus["covid"]}
    assert found(db, "19疫苗接种") == {corpus["covid"]}
    assert found(db, "19疫") == {corpus["covid"]}  # a single character at the end of a phrase
    assert found(db, "苗接种") == {corpus["covid"]}  # starting inside a run


def test_phrases_and_several_terms(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "“乡村振兴”") == {corpus["rural"]}
    assert found(db, '"乡村，振兴"') == {corpus["broken"]}  # punctuation in a phrase matches punctuation
    assert found(db, "乡村振兴 推进会") == {corpus["rural"]}
    assert found(db, "乡村 宣讲") == {corpus["broken"]}


def test_author_and_source_name_are_searched(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "卫健委") == {corpus["covid"]}
    assert found(db, "城关镇") == {corpus["report"], corpus["village"], corpus["broken"]}
    assert found(db, "城关镇 填报") == {corpus["report"]}


def test_filters(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "村 source:清河县") == {corpus["fire"], corpus["rural"]}
    assert found(db, "村 来源：城关") == {corpus["village"], corpus["broken"]}
    assert found(db, "村 level:乡") == {corpus["village"], corpus["broken"]}
    assert found(db, "level:county") == {corpus["fire"], corpus["covid"], corpus["rural"]}
    day = (NOW - timedelta(days=2)).astimezone(timezone(timedelta(hours=8))).date().isoformat()
    assert found(db, f"date:{day}") == {corpus["report"]}
    since = (NOW - timedelta(days=11)).date().isoformat()
    assert found(db, f"村 after:{since}") == {corpus["fire"], corpus["village"]}
    assert found(db, "source:不存在的来源") == set()


def test_highlight_and_snippet(db: Database, corpus: dict[str, str]) -> None:
    hit = SearchService(db).search("防火").hits[0]
    assert [s for s, matched in hit.title_segments if matched] == ["防火"]
    assert "".join(s for s, _ in hit.title_segments) == "关于做好冬季森林防火工作的通知"
    assert ("防火", True) in hit.snippet_segments
    hit = SearchService(db).search("乡村 振兴").hits
    broken = next(h for h in hit if h.item_id == corpus["broken"])
    assert [s for s, matched in broken.title_segments if matched] == ["乡村", "振兴"]


def test_ranking_prefers_title_matches(db: Database) -> None:
    source = add_source(db)
    body_only = add_item(db, source, "工作简报", "本周开展了防汛检查。", days_ago=0)
    in_title = add_item(db, source, "防汛检查通知", "请各单位配合。", days_ago=5)
    hits = SearchService(db).search("防汛").hits
    assert [h.item_id for h in hits] == [in_title, body_only]
    by_time = SearchService(db).search("防汛", sort="time").hits
    assert [h.item_id for h in by_time] == [body_only, in_title]


def test_index_follows_edits_and_deletions(db: Database, corpus: dict[str, str]) -> None:
    service = SearchService(db)
    assert found(db, "村民代表") == {corpus["village"]}
    with db.session() as session:
        session.execute(
            update(Item)
            .where(Item.id == corpus["village"])
            .values(title="居民议事会召开", content_html="<p>讨论停车问题</p>", **db.stamp_columns())
        )
        session.execute(
            update(Item).where(Item.id == corpus["fire"]).values(deleted=True, **db.stamp_columns())
        )
    assert service.pending() == 2
    assert found(db, "村民代表") == set()
    assert found(db, "停车") == {corpus["village"]}
    assert found(db, "森林防火") == set()
    assert service.pending() == 0
    # read/star changes do not re-queue
    with db.session() as session:
        session.execute(update(Item).values(is_read=True, **db.stamp_columns()))
    assert service.pending() == 0
    assert service.rebuild() == 5
    assert found(db, "停车") == {corpus["village"]}


def test_search_indexes_queue_before_answering(db: Database) -> None:
    source = add_source(db)
    add_item(db, source, "新到的填报通知")
    assert SearchService(db).pending() == 1
    result = SearchService(db).search("填报")
    assert len(result.hits) == 1 and result.pending == 0


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        "AND",
        "OR NOT",
        "NEAR(",
        "a*",
        "*",
        "^",
        "title:村",
        "(村",
        "村)",
        "-村",
        "'",
        "\\",
        "\x00",
        "source:",
        "level:火星",
        "date:2026-13-45",
        "date:..",
        "{title}:x",
        "col:",
        "：",
        "“",
        "」",
    ],
)
def test_syntax_characters_are_safe(db: Database, corpus: dict[str, str], text: str) -> None:
    query = parse_query(text)
    result = SearchService(db).search(text)
    if query.is_empty:
        assert result.hits == ()
        return
    haystacks = searchable_texts(db)
    for hit in result.hits:  # whatever the syntax, a hit holds every word that was typed
        haystack = haystacks[hit.item_id]
        for term in query.terms:
            assert all(group in haystack for group in term.groups), (text, hit.title)


def searchable_texts(db: Database) -> dict[str, str]:
    """Each item's title, body, author and source name, case-folded: the brute-force oracle."""
    with db.session() as session:
        rows = session.execute(
            select(Item.id, Item.title, Item.content_html, Item.author, Source.name).join(Source)
        ).all()
    return {row[0]: " ".join(part or "" for part in row[1:]).casefold() for row in rows}


def test_syntax_text_is_searched_literally(db: Database, corpus: dict[str, str]) -> None:
    assert found(db, "村 OR 火星") == set()  # OR is a word to look for, not an operator
    assert found(db, "(村规") == {corpus["village"]}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(
        alphabet=st.sampled_from(list("村民\"*()^:-+ ANDORNEAR{}'“”「」：.,，。 \\\t防火x1")), max_size=30
    )
)
def test_any_text_never_raises(db: Database, text: str) -> None:
    result = SearchService(db).search(text)
    for hit in result.hits:
        assert hit.title


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_parser_accepts_any_unicode(text: str) -> None:
    query = parse_query(text)
    folded = text.casefold()
    for term in query.terms:  # every term is made of what was typed, nothing invented or lost
        assert term.groups and all(group in folded for group in term.groups)
        assert term.text in text
    for name in query.source_names:
        assert name in text
    if query.date_from and query.date_to:
        assert query.date_from <= query.date_to
    assert all(isinstance(warning, str) and warning for warning in query.warnings)
    if any(ch.isalnum() for ch in text) and ":" not in text and "：" not in text:
        assert not query.is_empty  # plain words are never dropped


def test_saved_searches(db: Database) -> None:
    service = SearchService(db)
    saved = service.save_search("填报任务", "填报 level:乡")
    assert [s.name for s in service.saved_searches()] == ["填报任务"]
    with pytest.raises(SavedSearchError):
        service.save_search("填报任务", "别的")
    with pytest.raises(SavedSearchError):
        service.save_search("空的", "   ")
    service.delete_saved_search(saved.id)
    assert service.saved_searches() == []


def _bulk_items(
    db: Database, rows: list[tuple[str, str, datetime]], deleted: frozenset[int] = frozenset()
) -> list[str]:
    ids = []
    values = []
    for n, (source_id, title, published) in enumerate(rows):
        item_id = new_id()
        ids.append(item_id)
        values.append(
            {
                "id": item_id,
                "source_id": source_id,
                "guid": item_id,
                "title": title,
                "published_at": published,
                "fetched_at": NOW,
                "content_hash": hashlib.sha256(f"{title}{n}".encode()).hexdigest(),
                "deleted": n in deleted,
                **db.stamp_columns(),
            }
        )
    with db.session() as session:
        session.execute(insert(Item), values)
    return ids


def test_source_name_matches_are_newest_first_and_complete_across_sources(db: Database) -> None:
    """A term naming several sources merges each source's newest items (one index range per
    source): the merged list is the true newest-first order, across source boundaries, with
    deleted items and other sources left out, and the window says when more exist."""
    named = [add_source(db, f"城关镇{suffix}", level="township") for suffix in ("便民服务", "党建", "卫生院")]
    other = add_source(db, "清河县人民政府")
    rows = []
    for n in range(700):  # interleaved in time; equal timestamps across sources too
        source = named[n % 3] if n % 7 else other
        rows.append((source, f"第{n}号通知", NOW - timedelta(hours=n // 2)))
    ids = _bulk_items(db, rows, deleted=frozenset({1, 2, 50}))
    wanted = sorted(
        (
            (row[2], item_id)
            for n, (row, item_id) in enumerate(zip(rows, ids, strict=True))
            if row[0] != other and n not in {1, 2, 50}
        ),
        reverse=True,
    )
    result = SearchService(db).search("城关镇", sort="time", limit=500)
    assert [h.item_id for h in result.hits] == [item_id for _published, item_id in wanted[:500]]
    assert result.truncated
    dates = [h.published_at for h in result.hits]
    assert dates == sorted(dates, reverse=True)
    # a date filter bounds every source's range the same way
    cst = timezone(timedelta(hours=8))
    day = (NOW - timedelta(days=5)).astimezone(cst).date()
    end = datetime(day.year, day.month, day.day, tzinfo=cst) + timedelta(days=1)
    bounded = SearchService(db).search(f"城关镇 before:{day.isoformat()}", sort="time").hits
    expected = [item_id for published, item_id in wanted if published < end][:200]
    assert 0 < len(expected) < len(wanted)
    assert [h.item_id for h in bounded] == expected


def test_many_named_sources_use_the_date_ordered_scan(db: Database) -> None:
    """More sources than are merged one by one: same answer through the date index."""
    from cadre_desk.services.search import MAX_MERGED_SOURCES

    named = [add_source(db, f"东风村第{n}组", level="village") for n in range(MAX_MERGED_SOURCES + 3)]
    rows = [(named[n % len(named)], f"通知{n}", NOW - timedelta(minutes=n)) for n in range(120)]
    ids = _bulk_items(db, rows)
    hits = SearchService(db).search("东风村", sort="time").hits
    assert [h.item_id for h in hits] == ids
