"""The server's COPY text equals what psycopg's ``write_row`` sends, over generated rows (the
large-commit path on PostgreSQL), and held rows are found by one array query there."""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre_desk.domain.ids import new_id
from cadre_desk.server.rows import COPY_MIN_ROWS, copy_text
from cadre_desk.server.store import ServerStore
from tests.sync.test_server_api import task_record

pytestmark = pytest.mark.postgres

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
_ROWS = st.lists(
    st.tuples(_TEXT, st.sampled_from(["items", "tasks"]), _TEXT, st.integers(0, 2**62), st.none() | _TEXT),
    max_size=20,
)


@pytest.fixture(scope="module")
def connection(postgres_url: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(
        postgres_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    ) as conn:
        conn.execute("CREATE TEMPORARY TABLE copied (n SERIAL, a TEXT, b TEXT, c TEXT, d BIGINT, e TEXT)")
        yield conn


def _copied(conn: psycopg.Connection, write: str, rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    conn.execute("TRUNCATE copied")
    with conn.cursor() as cursor, cursor.copy("COPY copied (a, b, c, d, e) FROM STDIN") as copy:
        if write == "text":
            if rows:
                copy.write(copy_text(rows))
        else:
            for row in rows:
                copy.write_row(row)
    return conn.execute("SELECT a, b, c, d, e FROM copied ORDER BY n").fetchall()


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_ROWS)
def test_copy_text_stores_what_write_row_stores(
    connection: psycopg.Connection, rows: list[tuple[object, ...]]
) -> None:
    assert _copied(connection, "text", rows) == _copied(connection, "row", rows) == [tuple(r) for r in rows]


def test_copy_text_escapes_what_copy_reads_specially(connection: psycopg.Connection) -> None:
    rows = [("u", "items", "id", 1, '{"v":"a\\\\b \\"c\\" \\\\N"}'), ("u", "items", "id2", 2, "\\.")]
    rows.append(("u", "items", "id3", 3, "tab\there\nline\rcr"))
    assert _copied(connection, "text", rows) == rows


def test_staged_page_bodies_are_compressed_with_lz4(postgres_url: str) -> None:
    store = ServerStore(postgres_url)
    try:
        with store.engine.connect() as conn:
            method = conn.exec_driver_sql(
                "SELECT attcompression FROM pg_attribute "
                "WHERE attrelid = 'srv_staged_pages'::regclass AND attname = 'body'"
            ).scalar()
        assert method == "l"
        user = store.add_user(f"user-{new_id()[:12]}")
        session = new_id()
        records = [task_record(f"第{n}条，压缩后存放") for n in range(3000)]  # ~1 MB: compressed in TOAST
        store.stage(user, session, 0, 1, records)
        with store.engine.connect() as conn:
            compressed = conn.exec_driver_sql(
                "SELECT pg_column_compression(body) FROM srv_staged_pages WHERE session = %(s)s",
                {"s": session},
            ).scalar()
        assert compressed == "lz4"
        assert store.commit(user, session, 1) == len(records)
        assert json.loads(store.pull(user, 0).body)["records"][0] == records[0]
    finally:
        store.close()


def test_a_large_commit_counts_the_rows_for_the_planner_and_leaves_the_sample_size(postgres_url: str) -> None:
    """The ANALYZE after a COPY takes a small sample, for its transaction only: the row count the
    planner sees covers the new rows, and the connection keeps PostgreSQL's default target."""
    store = ServerStore(postgres_url)
    try:
        with store.engine.connect() as conn:
            before = conn.exec_driver_sql("SELECT count(*) FROM srv_rows").scalar() or 0
            default = conn.exec_driver_sql("SHOW default_statistics_target").scalar()
        user = store.add_user(f"user-{new_id()[:12]}")
        session = new_id()
        records = [task_record(f"第{n}条") for n in range(COPY_MIN_ROWS + 500)]
        store.stage(user, session, 0, 1, records)
        assert store.commit(user, session, 1) == len(records)
        with store.engine.connect() as conn:  # the pool hands out the commit's connection (LIFO)
            estimate = conn.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE relname = 'srv_rows'"
            ).scalar()
            assert conn.exec_driver_sql("SHOW default_statistics_target").scalar() == default
        assert estimate >= before + len(records)
    finally:
        store.close()
