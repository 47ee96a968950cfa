"""The split index (``search_fts`` without a prefix index + ``search_chars`` for one character)
finds exactly the documents the former single index with ``prefix='1'`` found (migration 0009).

Documents and queries are drawn from a small alphabet, so that terms match often, runs of CJK
characters meet Latin words and punctuation, and one-character terms mix with longer ones.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, text
from sqlalchemy.exc import OperationalError

from cadre_desk.domain.ids import new_id
from cadre_desk.domain.search_query import parse_query
from cadre_desk.storage import search_index
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item
from tests.factories import add_source

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
CJK = "村乡镇县防汛通知填报会议民"
PIECES = [*CJK, "gov", "notice", "19", "，", " ", "。", "a"]
FORMER_DDL = """CREATE VIRTUAL TABLE former USING fts5(
    title, body, author, meta, content='', columnsize=0, prefix='1',
    tokenize='unicode61 remove_diacritics 2')"""

texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=30).map("".join)
authors = st.sampled_from([None, "卫健委", "村委会 gov"])
documents = st.lists(st.tuples(texts, texts, authors, st.integers(0, 2)), min_size=1, max_size=25)
query_texts = st.lists(
    st.lists(st.sampled_from([*CJK, "gov", "no", "19", "，"]), min_size=1, max_size=4).map("".join),
    min_size=1,
    max_size=3,
).map(" ".join)


def _former_matches(former: sqlite3.Connection, expression: str, scope: list[str] | None) -> set[int]:
    """What the former single table answered: the same expression with ``meta :`` scope."""
    if scope:
        expression += " AND meta : (" + " OR ".join(f'"{search_index.source_token(s)}"' for s in scope) + ")"
    return {row[0] for row in former.execute("SELECT rowid FROM former WHERE former MATCH ?", (expression,))}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    docs=documents,
    queries=st.lists(query_texts, min_size=1, max_size=6),
    scoped=st.booleans(),
    check_ratio=st.sampled_from([0, 10**12]),  # every single character checked per row, or none
)
def test_split_index_matches_the_former_prefix_index(
    db: Database,
    docs: list[tuple[str, str, str | None, int]],
    queries: list[str],
    scoped: bool,
    check_ratio: int,
) -> None:
    sources = [add_source(db, f"源{n}") for n in range(3)]
    ids = []
    with db.session() as session:
        for title, body, author, source in docs:
            item_id = new_id()
            ids.append(item_id)
            session.execute(
                insert(Item),
                [
                    {
                        "id": item_id,
                        "source_id": sources[source],
                        "guid": item_id,
                        "title": title,
                        "author": author,
                        "published_at": NOW,
                        "fetched_at": NOW,
                        "content_html": f"<p>{body}</p>" if body else None,
                        "content_hash": hashlib.sha256((title + body).encode()).hexdigest(),
                        **db.stamp_columns(),
                    }
                ],
            )
    with db.engine.begin() as conn:
        search_index.index_pending(conn)
        doc_of = {
            row[0]: row[1]
            for row in conn.execute(
                text("SELECT i.id, d.doc FROM search_docs d JOIN items i ON i.rowid = d.item")
            )
        }
    former = sqlite3.connect(":memory:")
    former.execute(FORMER_DDL)
    former.executemany(
        "INSERT INTO former (rowid, title, body, author, meta) VALUES (?, ?, ?, ?, ?)",
        [
            (
                doc_of[item_id],
                search_index.tokenizable(title),
                search_index.tokenizable(search_index.html_to_text(f"<p>{body}</p>" if body else None)),
                search_index.tokenizable(author),
                search_index.source_token(sources[source]),
            )
            for item_id, (title, body, author, source) in zip(ids, docs, strict=True)
        ],
    )
    scope = sorted(sources[:2]) if scoped else None
    search_index.CHECK_COST_RATIO, ratio = check_ratio, search_index.CHECK_COST_RATIO
    try:
        with db.engine.connect() as conn:
            for query_text in queries:
                terms = [(t.groups, t.prefix) for t in parse_query(query_text).terms]
                if not terms:
                    continue
                former_expression = " AND ".join(search_index.term_expression(g, p) for g, p in terms)
                expected = _former_matches(former, former_expression, scope)
                plan = search_index.plan_match(conn, terms, scope)
                table = plan.table
                sql = f"SELECT f.rowid FROM {table} AS f WHERE {table} MATCH :m"
                if plan.chars is not None:
                    sql += " AND " + search_index.chars_check("f")
                    fallback = {
                        row[0]
                        for row in conn.execute(
                            text(f"SELECT rowid FROM {table} WHERE {table} MATCH :m"), {"m": plan.fallback}
                        )
                    }
                    assert fallback == expected, (query_text, "fallback")
                found = {
                    row[0] for row in conn.execute(text(sql), {"m": plan.expression, "chars": plan.chars})
                }
                assert found == expected, (query_text, plan)
    finally:
        search_index.CHECK_COST_RATIO = ratio
        former.close()
        with db.engine.begin() as conn:  # hypothesis reuses the database: start each example empty
            for table in (search_index.FTS_TABLE, search_index.CHARS_TABLE):
                conn.execute(text(f"INSERT INTO {table} ({table}) VALUES ('delete-all')"))
            conn.execute(text("DELETE FROM search_docs"))
            conn.execute(text("UPDATE items SET deleted = 1, updated_at_hlc = updated_at_hlc + 1"))
            conn.execute(text("DELETE FROM search_queue"))


def test_a_common_character_beside_a_term_is_checked_per_row_and_a_slow_check_gives_way(
    db: Database,
) -> None:
    from cadre_desk.services.search import SearchService

    source = add_source(db, "清河县人民政府")
    with db.session() as session:
        session.execute(
            insert(Item),
            [
                {
                    "id": f"i{n}",
                    "source_id": source,
                    "guid": f"g{n}",
                    "title": "防汛通知" if n % 2 else "防汛安排",
                    "published_at": NOW,
                    "fetched_at": NOW,
                    "content_html": "<p>各村落实</p>" if n % 3 else "<p>县里落实</p>",
                    "content_hash": f"h{n}",
                    **db.stamp_columns(),
                }
                for n in range(60)
            ],
        )
    service = SearchService(db)
    service.index_pending()
    expected = {f"i{n}" for n in range(60) if n % 3}
    ratio, budget = search_index.CHECK_COST_RATIO, search_index.CHECK_BUDGET_S
    search_index.CHECK_COST_RATIO = 1  # 60 documents: a character in 8 of them is common
    try:
        with db.engine.connect() as conn:
            plan = search_index.plan_match(conn, [(("防汛",), False), (("村",), False)])
            rare = search_index.plan_match(conn, [(("防汛",), False), (("洪",), False)])
        assert plan.chars == '"村"' and plan.expression == '"防汛"'
        assert plan.fallback == '"防汛" AND "村" *'
        assert rare.chars is None and rare.expression == '"防汛" AND "洪" *'  # in no document
        assert {hit.item_id for hit in service.search("防汛 村").hits} == expected
        search_index.CHECK_BUDGET_S = -1.0  # every check runs out of time: the term scan answers
        with (
            db.engine.connect() as conn,
            pytest.raises(OperationalError, match="interrupted"),
            search_index.time_budget(conn, search_index.CHECK_BUDGET_S),
        ):
            conn.execute(
                text(
                    "SELECT count(*) FROM search_fts AS f WHERE search_fts MATCH :m "
                    f"AND {search_index.chars_check('f')}"
                ),
                {"m": plan.expression, "chars": plan.chars},
            ).all()
        assert {hit.item_id for hit in service.search("防汛 村").hits} == expected
    finally:
        search_index.CHECK_COST_RATIO, search_index.CHECK_BUDGET_S = ratio, budget


def test_single_characters_go_to_the_character_table() -> None:
    assert search_index.match_expression([(("村",), False)])[0] == search_index.CHARS_TABLE
    assert search_index.match_expression([(("村",), False), (("镇",), False)], ["ab"]) == (
        search_index.CHARS_TABLE,
        '"村" AND "镇" AND ("srcab")',
    )
    # with a longer term, the character is a prefix term of the main table (a term scan)
    assert search_index.match_expression([(("村",), False), (("通知",), False)]) == (
        search_index.FTS_TABLE,
        '"村" * AND "通知"',
    )
    assert search_index.match_expression([(("a",), True)])[0] == search_index.FTS_TABLE
