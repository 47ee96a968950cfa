"""What a full rebuild changes, kept in arrays (issue 20 §4: bounded memory at 1M items).

The old and new assignments were dicts of strings: at 1,000,000 items they took hundreds of MB.
Here both are S32 arrays, compared by sorting, and the changes are decoded to strings one write
batch at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, text


def current_clusters(conn: Connection, upto: int) -> tuple[np.ndarray, np.ndarray]:
    """(item id, cluster id) of the clustered live items up to ``upto``, as S32 arrays, streamed."""
    result = conn.execute(
        text("SELECT id, cluster_id FROM items WHERE cluster_id IS NOT NULL AND rowid <= :u AND NOT deleted"),
        {"u": upto},
    )
    item_parts, cluster_parts = [np.empty(0, dtype="S32")], [np.empty(0, dtype="S32")]
    for rows in result.partitions(50_000):
        item_parts.append(np.array([r[0] for r in rows], dtype="S32"))
        cluster_parts.append(np.array([r[1] for r in rows], dtype="S32"))
    return np.concatenate(item_parts), np.concatenate(cluster_parts)


def cluster_changes(
    item_ids: np.ndarray, clusters: np.ndarray, current_ids: np.ndarray, current_clusters: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Items whose cluster id differs from the wanted one: (ids, new cluster ids; b"" for none).

    Items clustered now but alone in the new assignment get none."""
    order = np.argsort(current_ids, kind="stable")
    current_ids, current_clusters = current_ids[order], current_clusters[order]
    if current_ids.size:
        at = np.minimum(np.searchsorted(current_ids, item_ids), current_ids.size - 1)
        found = current_ids[at] == item_ids
    else:
        at = np.zeros(item_ids.size, dtype=np.int64)
        found = np.zeros(item_ids.size, dtype=bool)
    same = found & (current_clusters[at] == clusters) if current_ids.size else found
    kept = np.zeros(current_ids.size, dtype=bool)
    kept[at[found]] = True
    alone = current_ids[~kept]
    return (
        np.concatenate([item_ids[~same], alone]),
        np.concatenate([clusters[~same], np.zeros(alone.size, dtype="S32")]),
    )


class ChangeList(Sequence[tuple[str, str | None]]):
    """(item id, cluster id or None) pairs over two S32 arrays, decoded one batch at a time."""

    def __init__(self, item_ids: np.ndarray, clusters: np.ndarray) -> None:
        self._items, self._clusters = item_ids, clusters

    def __len__(self) -> int:
        return int(self._items.size)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [
                (item.decode(), cluster.decode() or None)
                for item, cluster in zip(self._items[index], self._clusters[index], strict=True)
            ]
        return (self._items[index].decode(), self._clusters[index].decode() or None)
