"""Bulk inserts (``storage.bulk_write``) leave exactly what the per-row triggers leave.

Each example runs one random sequence of writes twice on the same database, each time inside a
transaction that is rolled back afterwards: once with every insert going through the per-row
triggers, once with the bulk inserts inside ``bulk_insert``. The change log, the source
counters and the search queue must be equal row for row, sequence numbers included.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from cadre_desk.demo.items import COLUMNS, INSERT_SQL
from cadre_desk.storage.bulk_write import bulk_insert
from cadre_desk.storage.database import Database
from cadre_desk.storage.triggers import BULK_GUARD_TABLE, batch_statements
from tests.factories import add_items, add_source

SOURCES = 3
DEVICE = "d" * 32
DEVICES = [DEVICE, "e" * 32, "f" * 32]  # numbered for the change log in order of first appearance

_row = st.fixed_dictionaries(
    {
        "source": st.integers(0, SOURCES - 1),
        "device": st.sampled_from([0, 0, 0, 1, 2]),
        "deleted": st.booleans(),
        "is_read": st.booleans(),
        "is_starred": st.booleans(),
        "is_muted": st.booleans(),
        "published_at": st.integers(1_700_000_000_000, 1_800_000_000_000),
    }
)
# (insert, as a bulk insert, rows, the caller lists the rows' devices)
_insert = st.tuples(st.just("insert"), st.booleans(), st.lists(_row, min_size=1, max_size=6), st.booleans())
_edit = st.tuples(
    st.just("edit"),
    st.integers(0, 10_000),  # which item so far (modulo their number)
    st.sampled_from(["is_read", "is_starred", "is_muted", "deleted", "published_at", "title"]),
    st.integers(0, 1_800_000_000_000),
)
_writes = st.lists(st.one_of(_insert, _edit), min_size=1, max_size=12)


@pytest.fixture
def prepared(db: Database) -> Iterator[tuple[Database, list[str], list[str]]]:
    sources = [add_source(db, f"源{n}") for n in range(SOURCES)]
    existing = add_items(db, sources[0], 2)  # a source that already has counters
    yield db, sources, existing


def _item(n: int, stamp: int, source_id: str, row: dict[str, Any]) -> tuple[Any, ...]:
    values = {
        "id": f"{n:032x}",
        "updated_at_hlc": stamp,
        "device_id": DEVICES[row.get("device", 0)],
        "deleted": row["deleted"],
        "source_id": source_id,
        "guid": f"guid-{n}",
        "url": None,
        "canonical_url": None,
        "title": f"通知{n}",
        "author": None,
        "published_at": row["published_at"],
        "fetched_at": row["published_at"],
        "summary": None,
        "content_html": f"<p>正文{n}</p>",
        "content_hash": None,
        "is_read": row["is_read"],
        "is_starred": row["is_starred"],
        "is_muted": row["is_muted"],
        "folder_id": None,
        "cluster_id": None,
    }
    return tuple(values[c] for c in COLUMNS)


def _run(conn: Connection, writes: list[Any], sources: list[str], existing: list[str], bulk: bool) -> None:
    stamp = 10**18  # later than any stamp of the prepared rows
    ids = list(existing)
    for write in writes:
        stamp += 1
        if write[0] == "insert":
            _, as_bulk, rows, listed = write
            params = [_item(len(ids) + k, stamp, sources[r["source"]], r) for k, r in enumerate(rows)]
            ids += [p[0] for p in params]
            if bulk and as_bulk:
                devices = (
                    list(dict.fromkeys(p[COLUMNS.index("device_id")] for p in params)) if listed else None
                )
                with bulk_insert(conn, "items", devices=devices):
                    conn.exec_driver_sql(INSERT_SQL, params)
            else:
                conn.exec_driver_sql(INSERT_SQL, params)
        else:
            _, which, column, value = write
            new_value: Any = value if column in ("published_at",) else f"标题{value}"
            if column not in ("published_at", "title"):
                new_value = value % 2
            conn.exec_driver_sql(
                f"UPDATE items SET {column} = ?, updated_at_hlc = ?, device_id = ? WHERE id = ?",
                (new_value, stamp, DEVICE, ids[which % len(ids)]),
            )


def _state(conn: Connection) -> dict[str, list[tuple[Any, ...]]]:
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]

    return {
        "change_log": rows(
            "SELECT seq, entity, row_id, hlc, device, op, fields FROM change_log ORDER BY seq"
        ),
        "source_stats": rows("SELECT * FROM source_stats ORDER BY source_id"),
        "change_devices": rows("SELECT no, device_id FROM change_devices ORDER BY no"),
        "search_queue": rows("SELECT seq, item_id FROM search_queue ORDER BY seq"),
        "guard": rows(f"SELECT * FROM {BULK_GUARD_TABLE}"),
    }


def _outcome(db: Database, writes: list[Any], sources: list[str], existing: list[str], bulk: bool) -> Any:
    with db.engine.connect() as conn:
        transaction = conn.begin()
        try:
            _run(conn, writes, sources, existing, bulk)
            return _state(conn)
        finally:
            transaction.rollback()


_DELETED = {"deleted": True, "is_read": False, "is_starred": False, "is_muted": False, "published_at": 5}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writes=_writes)
# A new source whose first rows are all deleted: row by row its last_item_at becomes 0, not NULL.
@example(writes=[("insert", True, [{**_DELETED, "source": 1}, {**_DELETED, "source": 1}], False)])
@example(
    writes=[
        ("insert", True, [{**_DELETED, "source": 2}], True),
        ("insert", True, [{**_DELETED, "source": 2}], False),
    ]
)
def test_bulk_inserts_leave_what_per_row_triggers_leave(
    prepared: tuple[Database, list[str], list[str]], writes: list[Any]
) -> None:
    db, sources, existing = prepared
    per_row = _outcome(db, writes, sources, existing, bulk=False)
    bulk = _outcome(db, writes, sources, existing, bulk=True)
    assert bulk == per_row
    assert bulk["guard"] == []
    inserted = sum(len(w[2]) for w in writes if w[0] == "insert")
    assert sum(1 for e in bulk["change_log"] if e[5] == "insert" and e[1] == "items") == inserted + len(
        existing
    )


def test_bulk_insert_skips_the_row_triggers_while_it_runs(db: Database) -> None:
    """The guard really stands the triggers aside (else the batch would double every entry)."""
    source_id = add_source(db)
    row = {"deleted": False, "is_read": False, "is_starred": True, "is_muted": False, "published_at": 1}
    triggers_sql = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    with db.engine.connect() as conn:
        installed = conn.exec_driver_sql(triggers_sql).all()
    with db.engine.begin() as conn, bulk_insert(conn, "items"):
        conn.exec_driver_sql(INSERT_SQL, [_item(n, 10**18, source_id, row) for n in range(3)])
        inside = conn.exec_driver_sql("SELECT count(*) FROM change_log WHERE entity = 'items'").scalar_one()
        assert inside == 0
    with db.engine.connect() as conn:
        state = _state(conn)
    assert [e[5] for e in state["change_log"] if e[1] == "items"] == ["insert"] * 3
    assert [s[1:4] for s in state["source_stats"]] == [(3, 3, 3)]
    assert len(state["search_queue"]) == 3 and state["guard"] == []
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql(triggers_sql).all() == installed  # re-created verbatim


def test_a_batch_larger_than_its_table_rebuilds_the_plain_indexes(db: Database) -> None:
    source_id = add_source(db)
    row = {"deleted": False, "is_read": False, "is_starred": False, "is_muted": False, "published_at": 1}
    schema_sql = "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'items' ORDER BY name"
    with db.engine.connect() as conn:
        installed = conn.exec_driver_sql(schema_sql).all()
    plain = [name for _, name, sql in installed if sql and sql.startswith("CREATE INDEX")]
    assert plain  # the table has plain indexes to stand aside
    with db.engine.begin() as conn, bulk_insert(conn, "items", rows=5):
        conn.exec_driver_sql(INSERT_SQL, [_item(n, 10**18, source_id, row) for n in range(5)])
        inside = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert not inside & set(plain)  # dropped for the batch ...
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql(schema_sql).all() == installed  # ... and built again, verbatim
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM items INDEXED BY ix_items_published").scalar_one() == 5
        )
    with (
        pytest.raises(Exception, match="UNIQUE"),
        db.engine.begin() as conn,
        bulk_insert(conn, "items", rows=9),
    ):
        conn.exec_driver_sql(INSERT_SQL, [_item(n, 10**18, source_id, row) for n in range(9)])  # 0-4 again
    with db.engine.connect() as conn:  # unique indexes kept checking; the rollback restored the rest
        assert conn.exec_driver_sql(schema_sql).all() == installed
        assert conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one() == 5


def test_failed_bulk_insert_leaves_no_guard_behind(db: Database) -> None:
    source_id = add_source(db)
    row = {"deleted": False, "is_read": False, "is_starred": False, "is_muted": False, "published_at": 1}
    params = [_item(0, 10**18, source_id, row)] * 2  # the second is a duplicate key
    with db.engine.connect() as conn:
        with pytest.raises(Exception, match="UNIQUE"), bulk_insert(conn, "items"):
            conn.exec_driver_sql(INSERT_SQL, params)
        conn.commit()  # the caller goes on: what was written is logged, the guard is gone
        state = _state(conn)
    assert state["guard"] == []
    assert [e[2] for e in state["change_log"] if e[1] == "items"] == [f"{0:032x}"]
    assert [s[1] for s in state["source_stats"]] == [1]


def test_batch_statements_read_only_the_batch_rows(db: Database) -> None:
    """Each batch statement reaches the new rows by rowid range. A plan that walks a whole index
    (the planner chose the (source_id, guid) index for the counters' GROUP BY) costs time in
    proportion to the table, on every batch: quadratic over a bulk load."""
    source_id = add_source(db)
    add_items(db, source_id, 3)
    with db.engine.connect() as conn:
        for statement in batch_statements("items", "2"):
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement)]
            reads = [step for step in plan if step.startswith(("SCAN r", "SEARCH r"))]
            assert reads == ["SEARCH r USING INTEGER PRIMARY KEY (rowid>?)"], (statement, plan)


def test_a_row_whose_device_the_caller_did_not_list_fails_the_batch_loudly(db: Database) -> None:
    source_id = add_source(db)
    row = {"deleted": False, "is_read": False, "is_starred": False, "is_muted": False, "published_at": 1}
    params = [_item(n, 10**18, source_id, {**row, "device": n % 2}) for n in range(3)]
    with (
        pytest.raises(IntegrityError, match="NOT NULL"),
        db.engine.begin() as conn,
        bulk_insert(conn, "items", devices=[DEVICES[0]]),
    ):
        conn.exec_driver_sql(INSERT_SQL, params)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM items WHERE id = ?", (params[0][0],)).scalar() == 0
