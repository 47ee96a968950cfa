"""Set-based item queries of the analysis, read from one covering index.

``ix_items_source_published`` holds (source_id, published_at, deleted, is_read, is_starred)
and the rowid: every count and grouping below reads that index, never the items
table (its rows carry the texts, so reading them made the findings step cost what the page cache
happened to hold), and finds an item's cluster in ``item_clusters`` by that rowid (integers, a
small table). ``INDEXED BY`` and ``CROSS JOIN`` pin the plan: statistics or their absence never
send a query back to the table.

A cluster is named by its first publisher's rowid; that item's source comes from the temporary
table ``cluster_sources`` (cluster → source id), filled once per connection by
:func:`load_cluster_sources` with one scan of the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

COVERING = "INDEXED BY ix_items_source_published"
# Not a repost: alone, the first publisher itself, or a cluster first published by the same source.
ORIGINAL = "(k.cluster IS NULL OR k.cluster = i.rowid OR c.source_id = i.source_id)"
# An item's cluster (LEFT: none for an item alone), and that cluster's first source.
WITH_CLUSTER = "LEFT JOIN item_clusters k ON k.item = i.rowid"
IN_CLUSTER = "CROSS JOIN item_clusters k ON k.item = i.rowid"
# A repost: in a cluster first published by another source.
REPOST = "k.cluster != i.rowid AND c.source_id != i.source_id"


def load_cluster_sources(conn: Connection) -> None:
    """(Re)fill ``temp.cluster_sources``: the source of every item some item names as its cluster."""
    conn.execute(text("DROP TABLE IF EXISTS temp.cluster_sources"))
    conn.execute(
        text("CREATE TEMP TABLE cluster_sources (cluster INTEGER PRIMARY KEY, source_id TEXT NOT NULL)")
    )
    conn.execute(
        text(
            f"""INSERT INTO temp.cluster_sources (cluster, source_id)
            SELECT rowid, source_id FROM items {COVERING}
            WHERE rowid IN (SELECT item FROM item_clusters WHERE cluster = item)"""
        )
    )


def drop_cluster_sources(conn: Connection) -> None:
    conn.execute(text("DROP TABLE IF EXISTS temp.cluster_sources"))


def reposts_by_source(conn: Connection, window_ms: int, now_ms: int) -> dict[str, int]:
    """Items per source in (window, now] first published by another source."""
    rows = conn.execute(
        text(
            f"""SELECT i.source_id, count(*) FROM items i {COVERING} {IN_CLUSTER}
                 CROSS JOIN temp.cluster_sources c ON c.cluster = k.cluster
               WHERE NOT i.deleted AND i.published_at >= :w AND i.published_at <= :now
                 AND {REPOST} GROUP BY i.source_id"""
        ),
        {"w": window_ms, "now": now_ms},
    ).all()
    return {r[0]: int(r[1]) for r in rows}


@dataclass(frozen=True)
class OriginalCount:
    total: int
    originals: int


def originals_by_source(conn: Connection, since_ms: int) -> dict[str, OriginalCount]:
    """Items per source published since ``since_ms``, and how many of them are not reposts."""
    rows = conn.execute(
        text(
            f"""SELECT i.source_id, count(*), sum({ORIGINAL})
               FROM items i {COVERING} {WITH_CLUSTER}
                 LEFT JOIN temp.cluster_sources c ON c.cluster = k.cluster
               WHERE NOT i.deleted AND i.published_at >= :since GROUP BY i.source_id"""
        ),
        {"since": since_ms},
    ).all()
    return {r[0]: OriginalCount(int(r[1] or 0), int(r[2] or 0)) for r in rows}


def last_original_ms(conn: Connection, source_id: str) -> int | None:
    """When the source last published something that is not a repost (walks back from its newest)."""
    value = conn.execute(
        text(
            f"""SELECT i.published_at FROM items i {COVERING} {WITH_CLUSTER}
                 LEFT JOIN temp.cluster_sources c ON c.cluster = k.cluster
               WHERE i.source_id = :s AND NOT i.deleted AND {ORIGINAL}
               ORDER BY i.published_at DESC LIMIT 1"""
        ),
        {"s": source_id},
    ).scalar()
    return int(value) if value is not None else None


@dataclass(frozen=True)
class RepostOrigin:
    source_id: str
    source_name: str
    count: int
    latest_ms: int


def repost_origins(conn: Connection, window_ms: int, source_ids: set[str]) -> dict[str, list[RepostOrigin]]:
    """Per source, where its reposts since ``window_ms`` were first published: most first, then the
    origin reposted most recently (the order a count over the newest-first list gives)."""
    if not source_ids:
        return {}
    rows = conn.execute(
        text(
            f"""SELECT i.source_id, c.source_id, s.name, count(*), max(i.published_at)
               FROM items i {COVERING} {IN_CLUSTER}
                 CROSS JOIN temp.cluster_sources c ON c.cluster = k.cluster
                 JOIN sources s ON s.id = c.source_id
               WHERE NOT i.deleted AND i.published_at >= :w AND {REPOST}
               GROUP BY i.source_id, c.source_id"""
        ),
        {"w": window_ms},
    ).all()
    out: dict[str, list[RepostOrigin]] = {}
    for source_id, origin, name, count, latest in rows:
        if source_id in source_ids:
            out.setdefault(source_id, []).append(RepostOrigin(origin, name, int(count), int(latest)))
    for origins in out.values():
        origins.sort(key=lambda o: (-o.count, -o.latest_ms))
    return out


def latest_reposts(conn: Connection, source_id: str, window_ms: int, limit: int) -> list[Any]:
    """The source's newest reposts beside their first publication (walks back from its newest)."""
    return list(
        conn.execute(
            text(
                f"""SELECT i.id, i.title, i.published_at, c.id, c.title, c.published_at, c.source_id, s.name
                   FROM items i {COVERING} {IN_CLUSTER} CROSS JOIN items c ON c.rowid = k.cluster
                     JOIN sources s ON s.id = c.source_id
                   WHERE i.source_id = :s AND NOT i.deleted AND i.published_at >= :w AND {REPOST}
                   ORDER BY i.published_at DESC LIMIT :n"""
            ),
            {"s": source_id, "w": window_ms, "n": limit},
        ).all()
    )


def cluster_source_pairs(conn: Connection, window_ms: int) -> Any:
    """Distinct (cluster, source) pairs of items since ``window_ms``, ordered by cluster."""
    return conn.execute(
        text(
            f"""SELECT DISTINCT k.cluster, i.source_id FROM items i {COVERING} {IN_CLUSTER}
               WHERE NOT i.deleted AND i.published_at >= :w
               ORDER BY k.cluster"""
        ),
        {"w": window_ms},
    )
