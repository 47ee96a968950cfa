"""Reading and setting near-duplicate clusters by item id (``models.ItemCluster`` holds rowids).

The analysis (``services.analysis.clusters``) writes clusters in bulk by rowid; these helpers
answer the id-level questions of the rest of the app and of tests: which cluster an item is in,
and every item's first publisher.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection


def clusters_of(conn: Connection, item_ids: Sequence[str]) -> dict[str, int]:
    """item id → its cluster (the first publisher's rowid), for the ids that are in a cluster."""
    if not item_ids:
        return {}
    rows = conn.exec_driver_sql(
        "SELECT i.id, k.cluster FROM items i JOIN item_clusters k ON k.item = i.rowid"
        " WHERE i.id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(item_ids)),),
    )
    return {str(item_id): int(cluster) for item_id, cluster in rows}


def first_publishers(conn: Connection) -> dict[str, str]:
    """item id → its cluster's first publisher's id, for every clustered item."""
    rows = conn.exec_driver_sql(
        "SELECT i.id, c.id FROM item_clusters k JOIN items i ON i.rowid = k.item"
        " JOIN items c ON c.rowid = k.cluster"
    )
    return {str(item): str(first) for item, first in rows}


def set_first_publishers(conn: Connection, pairs: Iterable[tuple[str, str | None]]) -> None:
    """Put each item (id) in the cluster first published by the other (id); None takes it out.
    The first publisher's own row is written too (a cluster names itself through it)."""
    for item_id, first_id in pairs:
        if first_id is None:
            conn.exec_driver_sql(
                "DELETE FROM item_clusters WHERE item = (SELECT rowid FROM items WHERE id = ?)", (item_id,)
            )
            continue
        for member in {item_id, first_id}:
            conn.exec_driver_sql(
                "INSERT OR REPLACE INTO item_clusters (item, cluster)"
                " SELECT i.rowid, c.rowid FROM items i, items c WHERE i.id = ? AND c.id = ?",
                (member, first_id),
            )
