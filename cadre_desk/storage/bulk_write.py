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
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from cadre_desk.storage.triggers import BULK_GUARD_TABLE, batch_statements


def _bulk_available(conn: Connection) -> bool:
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (BULK_GUARD_TABLE,)
    ).first()
    return found is not None


@contextmanager
def bulk_insert(conn: Connection, table: str) -> Iterator[None]:
    """Insert many rows into ``table`` inside this block (same transaction as ``conn``).

    Only INSERTs into ``table`` belong inside: an UPDATE in the block still fires its own
    triggers at once, so its change-log entry would come before the batch's entries.
    """
    if conn.dialect.name != "sqlite" or not _bulk_available(conn):
        yield  # no triggers to stand aside (another backend, or a schema before migration 0008)
        return
    mark = int(conn.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').scalar_one())
    conn.exec_driver_sql(f"INSERT INTO {BULK_GUARD_TABLE} (table_name) VALUES (?)", (table,))
    try:
        yield
    finally:
        # Also after a failed statement: rows an interrupted executemany left in a transaction
        # the caller goes on to commit must not escape the log.
        conn.exec_driver_sql(f"DELETE FROM {BULK_GUARD_TABLE} WHERE table_name = ?", (table,))
        for statement in batch_statements(table, str(mark)):
            conn.exec_driver_sql(statement)
