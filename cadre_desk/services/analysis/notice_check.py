"""The second step of repost detection: MinHash candidates confirmed by what differs.

:mod:`cadre_desk.services.analysis.clusters` finds pairs whose shingle sets are near-equal;
this module reads both texts and keeps a pair only when
:func:`cadre_desk.domain.notice_diff.compare_notices` finds no changed fact (a date, amount,
document number, phone number, place or person). Identical stored texts (same
``content_hash``) need no diff. Each text is prepared once per run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import Connection, text

from cadre_desk.domain.notice_diff import PreparedNotice, compare_notices, prepare_notice
from cadre_desk.storage.database import Database

_TEXTS_SQL = """SELECT i.rowid, i.title, i.content_html, i.summary, i.content_hash, s.name, s.owner_unit
FROM items i JOIN sources s ON s.id = i.source_id WHERE i.rowid IN ({marks})"""
_BATCH = 500


class NoticeTexts:
    """Texts of items by rowid, read in batches and prepared on first use."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._raw: dict[int, tuple[str, str | None, str | None, str | None, tuple[str, ...]]] = {}
        self._prepared: dict[int, PreparedNotice] = {}

    def load(self, rowids: Sequence[int]) -> None:
        missing = sorted({int(r) for r in rowids} - self._raw.keys())
        for start in range(0, len(missing), _BATCH):
            part = missing[start : start + _BATCH]
            marks = ", ".join(str(rowid) for rowid in part)  # integers from our own index
            rows = self._conn.execute(text(_TEXTS_SQL.format(marks=marks)))
            for rowid, title, html, summary, digest, source, unit in rows:
                self._raw[int(rowid)] = (str(title or ""), html, summary, digest, (source or "", unit or ""))

    def digest(self, rowid: int) -> str | None:
        row = self._raw.get(rowid)
        return row[3] if row else None

    def prepared(self, rowid: int) -> PreparedNotice | None:
        found = self._prepared.get(rowid)
        if found is None:
            row = self._raw.get(rowid)
            if row is None:
                return None
            found = self._prepared[rowid] = prepare_notice(row[0], row[1], row[2], row[4])
        return found


def same_notice_mask(conn: Connection, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For candidate pairs (rowid arrays), True where the texts are the same notice."""
    keep = np.ones(left.shape[0], dtype=bool)
    if not keep.size:
        return keep
    texts = NoticeTexts(conn)
    texts.load(np.concatenate([left, right]).tolist())
    for n, (a, b) in enumerate(zip(left.tolist(), right.tolist(), strict=True)):
        digest = texts.digest(a)
        if digest is not None and digest == texts.digest(b):
            continue
        prepared_a, prepared_b = texts.prepared(a), texts.prepared(b)
        if prepared_a is None or prepared_b is None:  # deleted meanwhile: no evidence either way
            continue
        keep[n] = compare_notices(prepared_a, prepared_b).same_notice
    return keep


def confirm_pairs(db: Database, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    with db.engine.connect() as conn:
        return same_notice_mask(conn, np.asarray(left, dtype=np.int64), np.asarray(right, dtype=np.int64))
