"""What a full rebuild changes, and writing it (issue 20 §4: bounded memory, little serial work).

Clusters live in ``item_clusters`` (item rowid → first publisher's rowid, integers). The old and
new assignments are int64 arrays compared by sorting; a rebuild that changes many rows rewrites
the table in one sorted insert with its index built afterwards (writing ~800k 32-character ids
into ``items`` and two of its indexes took 13.6 s of a 1M-item rebuild), one that changes few
replaces just those rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
from sqlalchemy import Connection

# Above this many changed rows, rewriting the whole table is cheaper than touching each row.
REWRITE_FROM = 20_000
_INDEX_SQL = "CREATE INDEX ix_item_clusters_cluster ON item_clusters (cluster)"


def current_clusters(conn: Connection, upto: int) -> tuple[np.ndarray, np.ndarray]:
    """(item rowid, cluster rowid) of every assigned item up to ``upto``, sorted by item (int64).

    Read through the driver's cursor into flat integer arrays: numpy building an array from
    SQLAlchemy rows took ~15 µs a row (2.2 s at 200k items, ~12 s at 1M), so a second
    rebuild was slower than the first."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("SELECT item, cluster FROM item_clusters WHERE item <= ? ORDER BY item", (upto,))
        parts = [np.empty(0, dtype=np.int64)]
        while rows := cursor.fetchmany(100_000):
            parts.append(
                np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=2 * len(rows))
            )
    finally:
        cursor.close()
    pairs = np.concatenate(parts).reshape(-1, 2)
    return np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1])


def cluster_changes(
    items: np.ndarray, clusters: np.ndarray, current_items: np.ndarray, current_clusters: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Items whose cluster differs from the wanted one: (item rowids, new cluster rowids; -1 for
    none), sorted by item. Items assigned now but alone in the new assignment get none."""
    order = np.argsort(current_items, kind="stable")
    current_items, current_clusters = current_items[order], current_clusters[order]
    if current_items.size:
        at = np.minimum(np.searchsorted(current_items, items), current_items.size - 1)
        found = current_items[at] == items
        same = found & (current_clusters[at] == clusters)
    else:
        at = np.zeros(items.size, dtype=np.int64)
        found = same = np.zeros(items.size, dtype=bool)
    kept = np.zeros(current_items.size, dtype=bool)
    kept[at[found]] = True
    alone = current_items[~kept]
    changed = np.concatenate([items[~same], alone]).astype(np.int64)
    wanted = np.concatenate([clusters[~same], np.full(alone.size, -1)]).astype(np.int64)
    order = np.argsort(changed, kind="stable")
    return changed[order], wanted[order]


def write_changes(conn: Connection, changed: np.ndarray, wanted: np.ndarray) -> int:
    """Apply (item, cluster or -1) changes to ``item_clusters`` in the caller's transaction."""
    if not changed.size:
        return 0
    driver = conn.exec_driver_sql
    gone = changed[wanted < 0].tolist()
    for start in range(0, len(gone), 50_000):
        driver("DELETE FROM item_clusters WHERE item = ?", [(g,) for g in gone[start : start + 50_000]])
    keep = wanted >= 0
    driver(
        "INSERT OR REPLACE INTO item_clusters (item, cluster) VALUES (?, ?)",
        list(zip(changed[keep].tolist(), wanted[keep].tolist(), strict=True)),
    )
    return int(changed.size)


def rewrite_clusters(conn: Connection, upto: int, items: np.ndarray, clusters: np.ndarray) -> None:
    """Replace every assignment up to ``upto`` by (items, clusters): one sorted insert into the
    table, its index dropped and built again (one sort instead of 800k random inserts)."""
    order = np.argsort(items, kind="stable")
    items, clusters = items[order], clusters[order]
    driver = conn.exec_driver_sql
    driver("DROP INDEX IF EXISTS ix_item_clusters_cluster")
    driver("DELETE FROM item_clusters WHERE item <= ?", (upto,))
    # The driver's cursor takes an iterator: no list of 800k tuples (the rebuild's peak is bounded).
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        insert = "INSERT INTO item_clusters (item, cluster) VALUES (?, ?)"
        cursor.executemany(insert, _pairs(items, clusters))  # type: ignore[arg-type]
    finally:
        cursor.close()
    driver(_INDEX_SQL)


def _pairs(items: np.ndarray, clusters: np.ndarray, step: int = 50_000) -> Iterator[tuple[int, int]]:
    for start in range(0, items.size, step):
        yield from zip(
            items[start : start + step].tolist(), clusters[start : start + step].tolist(), strict=True
        )
