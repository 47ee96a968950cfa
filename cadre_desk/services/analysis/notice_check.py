"""The second step of repost detection: MinHash candidates confirmed by what differs.

:mod:`cadre_desk.services.analysis.clusters` finds pairs whose shingle sets are near-equal;
this module reads both texts and keeps a pair only when
:func:`cadre_desk.domain.notice_diff.compare_notices` finds no changed fact (a date, amount,
document number, phone number, place or person). Identical stored texts (same
``content_hash``) need no diff. Each text is prepared once per run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
from sqlalchemy import Connection, text

from cadre_desk.domain.notice_diff import PreparedNotice, compare_notices, prepare_notice
from cadre_desk.storage.database import Database

_TEXTS_SQL = """SELECT i.rowid, i.title, i.content_html, i.summary, i.content_hash, s.name, s.owner_unit
FROM items i JOIN sources s ON s.id = i.source_id WHERE i.rowid IN ({marks})"""
_BATCH = 500


Query = Callable[[str], Iterable[Sequence[Any]]]


class NoticeTexts:
    """Texts of items by rowid, read in batches and prepared on first use."""

    def __init__(self, query: Query) -> None:
        self._query = query
        self._raw: dict[int, tuple[str, str | None, str | None, str | None, tuple[str, ...]]] = {}
        self._prepared: dict[int, PreparedNotice] = {}

    def load(self, rowids: Sequence[int]) -> None:
        missing = sorted({int(r) for r in rowids} - self._raw.keys())
        for start in range(0, len(missing), _BATCH):
            part = missing[start : start + _BATCH]
            marks = ", ".join(str(rowid) for rowid in part)  # integers from our own index
            rows = self._query(_TEXTS_SQL.format(marks=marks))
            for rowid, title, html, summary, digest, source, unit in rows:
                self._raw[int(rowid)] = (str(title or ""), html, summary, digest, (source or "", unit or ""))

    def digest(self, rowid: int) -> str | None:
        row = self._raw.get(rowid)
        return row[3] if row else None

    def same_body(self, left: int, right: int) -> bool:
        """The stored bodies are identical (only the titles can differ)."""
        a, b = self._raw.get(left), self._raw.get(right)
        return a is not None and b is not None and a[1:3] == b[1:3]

    def title_only(self, rowid: int) -> PreparedNotice | None:
        row = self._raw.get(rowid)
        return None if row is None else prepare_notice(row[0], None)

    def prepared(self, rowid: int) -> PreparedNotice | None:
        found = self._prepared.get(rowid)
        if found is None:
            row = self._raw.get(rowid)
            if row is None:
                return None
            found = self._prepared[rowid] = prepare_notice(row[0], row[1], row[2], row[4])
        return found


def same_notice_mask(query: Query, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For candidate pairs (rowid arrays), True where the texts are the same notice."""
    keep = np.ones(left.shape[0], dtype=bool)
    if not keep.size:
        return keep
    texts = NoticeTexts(query)
    texts.load(np.concatenate([left, right]).tolist())
    for n, (a, b) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        digest = texts.digest(a)
        if digest is not None and digest == texts.digest(b):
            continue
        if texts.same_body(a, b):  # one body: compare the titles alone (no body to prepare)
            prepared_a, prepared_b = texts.title_only(a), texts.title_only(b)
        else:
            prepared_a, prepared_b = texts.prepared(a), texts.prepared(b)
        if prepared_a is None or prepared_b is None:  # deleted meanwhile: no evidence either way
            continue
        keep[n] = compare_notices(prepared_a, prepared_b, explain=False).same_notice
    return keep


def check_pairs_in_file(db_path: str, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Worker process: :func:`same_notice_mask` over its own read-only connection."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        return same_notice_mask(lambda sql: conn.execute(sql).fetchall(), left, right)
    finally:
        conn.close()


# Below this many pairs a worker's start-up costs more than it saves.
PARALLEL_PAIRS = 4000


def confirm_pairs(
    db: Database,
    left: np.ndarray,
    right: np.ndarray,
    pool: ProcessPoolExecutor | None = None,
    workers: int = 1,
) -> np.ndarray:
    """True where candidate pair (left[i], right[i]) (item rowids) is one notice; with a
    process pool, the pairs are split into ``workers`` contiguous parts checked side by side."""
    left, right = np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64)
    if pool is not None and workers > 1 and left.size >= PARALLEL_PAIRS:
        bounds = np.linspace(0, left.size, workers + 1).astype(np.int64)
        parts = [
            pool.submit(check_pairs_in_file, str(db.path), left[lo:hi], right[lo:hi])
            for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)
        ]
        return np.concatenate([part.result() for part in parts])
    with db.engine.connect() as conn:
        return same_notice_mask(lambda sql: _rows(conn, sql), left, right)


def _rows(conn: Connection, sql: str) -> Iterable[Sequence[Any]]:
    return conn.execute(text(sql)).all()
