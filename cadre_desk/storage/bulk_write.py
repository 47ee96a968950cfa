"""Bulk inserts that pay the change log, source counters and search queue once per batch.

Every row inserted into a synced table fires per-row triggers (``storage.triggers``): a
change-log entry, and for ``items`` the ``source_stats`` counters and a search-queue entry. For
one edit that is the right place; for 5,000 rows in one ``executemany`` it is most of the cost.
Inside ``bulk_insert(conn, table)`` a row of ``bulk_write_guard`` names the table, the INSERT
triggers stand aside, and on leaving the block ``triggers.batch_statements`` do their work for
every row written since the block began (rows after the rowid noted on entry), set-based and in
insertion order. The result is the same rows the triggers would have written: a property test
(tests/storage/test_bulk_write.py) compares both paths.

The guard row lives only inside the caller's transaction: it is deleted before the block ends,
and a crash or rollback takes it away with the rows (SQLite has one writer, so no other
connection can see it). UPDATE triggers are never guarded: single edits keep their mechanism.

A guarded trigger is still entered for every row to evaluate its WHEN clause, and measured
that costs nearly what the trigger's own work does. So the block also drops the table's INSERT
triggers and re-creates them from their stored SQL (``sqlite_master``, verbatim) before it
ends, in the same transaction: a rollback or a kill -9 restores them with everything else.
``insert_rows`` takes this path only for batches large enough to pay for the schema change.

A load that spans several transactions (a large demo profile, committed every 50,000 items so
the WAL stays bounded) can go further: ``defer_plain_indexes`` drops the table's plain indexes
for the whole load and notes their SQL in ``deferred_indexes`` in the same transaction;
``restore_deferred_indexes`` builds them at the end, one sort each instead of a B-tree insert
per row and index. Should the load never get there (killed), opening the file builds them
(``storage.migrate``), so no profile is left without its indexes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection

from cadre_desk.storage.triggers import (
    BULK_GUARD_TABLE,
    DEVICES_TABLE,
    REGISTER_DEVICE_SQL,
    batch_statements,
    insert_trigger_names,
)

BULK_MIN_ROWS = 256  # below this, the per-row triggers cost less than dropping and re-creating them


def insert_rows(
    conn: Connection, table: str, sql: str, params: Sequence[Any], devices: Sequence[str] | None = None
) -> None:
    """``executemany`` of ``sql`` (an INSERT into ``table``); large batches through ``bulk_insert``
    (``devices``: see there)."""
    if len(params) < BULK_MIN_ROWS:
        conn.exec_driver_sql(sql, params)
        return
    with bulk_insert(conn, table, rows=len(params), devices=devices):
        conn.exec_driver_sql(sql, params)


def _plain_indexes(conn: Connection, table: str) -> list[tuple[str, str]]:
    """(name, stored SQL) of the table's own non-unique indexes (CREATE INDEX, not constraints)."""
    names = [
        row[1]
        for row in conn.exec_driver_sql(f'PRAGMA index_list("{table}")')
        if row[3] == "c" and not row[2]  # (seq, name, unique, origin, partial)
    ]
    if not names:
        return []
    marks = ", ".join("?" for _ in names)
    stored = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks}) ORDER BY name",
        tuple(names),
    )
    return [(str(name), str(sql)) for name, sql in stored]


def _has_table(conn: Connection, name: str) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).first()
    return found is not None


def _bulk_available(conn: Connection) -> bool:
    return _has_table(conn, BULK_GUARD_TABLE)


DEFERRED_TABLE = "deferred_indexes"


def defer_plain_indexes(conn: Connection, table: str) -> list[str]:
    """Drop ``table``'s plain indexes until ``restore_deferred_indexes`` (same or a later
    transaction), noting their SQL in ``deferred_indexes`` in this transaction. Returns the
    names dropped (none on another backend or a schema before migration 0011)."""
    if conn.dialect.name != "sqlite" or not _has_table(conn, DEFERRED_TABLE):
        return []
    indexes = _plain_indexes(conn, table)
    for name, sql in indexes:
        conn.exec_driver_sql(
            f"INSERT INTO {DEFERRED_TABLE} (name, table_name, sql) VALUES (?, ?, ?)", (name, table, sql)
        )
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [name for name, _sql in indexes]


def restore_deferred_indexes(conn: Connection) -> list[str]:
    """Build every index ``defer_plain_indexes`` dropped, in the caller's transaction; returns
    their names."""
    if conn.dialect.name != "sqlite" or not _has_table(conn, DEFERRED_TABLE):
        return []
    pending = conn.exec_driver_sql(f"SELECT name, sql FROM {DEFERRED_TABLE} ORDER BY name").all()
    if not pending:
        return []  # nothing written: opening a file must not take the write lock for this
    for name, sql in pending:
        exists = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)
        ).first()
        if exists is None:
            conn.exec_driver_sql(sql)
    conn.exec_driver_sql(f"DELETE FROM {DEFERRED_TABLE}")
    return [str(name) for name, _sql in pending]


@contextmanager
def bulk_insert(
    conn: Connection, table: str, *, rows: int = 0, devices: Sequence[str] | None = None
) -> Iterator[None]:
    """Insert many rows into ``table`` inside this block (same transaction as ``conn``).

    Only INSERTs into ``table`` belong inside: an UPDATE in the block still fires its own
    triggers at once, so its change-log entry would come before the batch's entries.

    ``rows``: how many rows the block will insert, if known. When they are at least as many as
    the table holds (a first sync, a new profile), its plain indexes are dropped too and built
    again from their stored SQL at the end: one sort instead of a B-tree insert per row and index
    (100,000 items into an empty table: ~2.0 s CPU -> ~1.3 s). Unique indexes stay: they check.

    ``devices``: the ``device_id`` values of the rows, in order of first appearance, if the
    caller knows them (ingest stamps every row with this device's). They are numbered for the
    change log at once instead of by reading the batch's rows back (1-3 % of an ingest's CPU).
    A row whose device is not among them makes the change-log insert fail (NOT NULL), loudly.
    """
    if conn.dialect.name != "sqlite" or not _bulk_available(conn):
        yield  # no triggers to stand aside (another backend, or a schema before migration 0008)
        return
    mark = int(conn.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').scalar_one())
    numbered = _has_table(conn, DEVICES_TABLE)  # the change log numbers devices (migration 0018)
    conn.exec_driver_sql(f"INSERT INTO {BULK_GUARD_TABLE} (table_name) VALUES (?)", (table,))
    names = insert_trigger_names(table)
    marks = ", ".join("?" for _ in names)
    stored = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})", tuple(names)
    ).all()
    for name, _sql in stored:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    indexes = _plain_indexes(conn, table) if rows and rows >= mark else []
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        # Also after a failed statement: rows an interrupted executemany left in a transaction
        # the caller goes on to commit must not escape the log.
        for _name, sql in (*indexes, *stored):
            conn.exec_driver_sql(sql)
        conn.exec_driver_sql(f"DELETE FROM {BULK_GUARD_TABLE} WHERE table_name = ?", (table,))
        if devices is not None and numbered:
            conn.exec_driver_sql(REGISTER_DEVICE_SQL, [(device, device) for device in devices])
        for statement in batch_statements(table, str(mark), numbered, scan_devices=devices is None):
            conn.exec_driver_sql(statement)
