"""The second step of repost detection: MinHash candidates confirmed by what differs.

:mod:`cadre_desk.services.analysis.clusters` finds pairs whose shingle sets are near-equal;
this module reads both texts and keeps a pair only when
:func:`cadre_desk.domain.notice_diff.compare_notices` finds no changed fact (a date, amount,
document number, phone number, place or person). Identical stored texts (same
``content_hash``) need no diff. The folded titles are compared first: a fact changed in the
titles makes two notices whatever the bodies say, so a body is prepared only for pairs the
titles do not decide (about half of them on the demo profiles, where notices built on one
template differ in their titles' dates, places and issue numbers). Each text is prepared once
per run.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

import numpy as np
from sqlalchemy import Connection, text

from cadre_desk.domain.notice_diff import (
    PreparedNotice,
    fold_title,
    prepare_notice,
    same_notice,
    titles_change_a_fact,
)
from cadre_desk.services.analysis.near_dup_index import components, release_freed_memory, sorted_unique
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
        self._titles: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._raw)

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

    def title(self, rowid: int) -> str | None:
        """The folded title (:func:`fold_title`): the title check needs no body prepared."""
        found = self._titles.get(rowid)
        if found is None:
            row = self._raw.get(rowid)
            if row is None:
                return None
            found = self._titles[rowid] = fold_title(row[0])
        return found

    def prepared(self, rowid: int) -> PreparedNotice | None:
        found = self._prepared.get(rowid)
        if found is None:
            row = self._raw.get(rowid)
            if row is None:
                return None
            found = self._prepared[rowid] = prepare_notice(row[0], row[1], row[2], row[4])
        return found


class _Joined:
    """Union-find over item rowids: which items confirmed pairs already join."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def find(self, rowid: int) -> int:
        parent = self._parent
        root = rowid
        while parent.get(root, root) != root:
            root = parent[root]
        while rowid != root:
            parent[rowid], rowid = root, parent.get(rowid, root)
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)


def joined_mask(query: Query, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For candidate pairs (rowid arrays), True where the two items end up in one cluster.

    A pair is read only when no pair confirmed before it already joins its items: its verdict
    could not change the connected components, so the clusters are the same as when every
    pair is compared (a reminder reposted 6,000 times costs about 6,000 comparisons, not one
    per candidate pair). Pairs with identical stored texts go first (they need no diff), and a
    verdict is reused for every pair whose two prepared texts were compared already.
    """
    keep = np.zeros(left.shape[0], dtype=bool)
    joined = _Joined()
    texts = NoticeTexts(query)
    verdicts: dict[tuple[int, int], bool] = {}  # by the two prepared texts' numbers
    keys: dict[tuple[str, tuple[str, ...]], int] = {}
    for start in range(0, keep.size, CHUNK_PAIRS):
        # Bounded memory: texts (and the verdicts that keep prepared texts alive) are forgotten
        # past a cap; only the union-find (integers) spans the whole slice.
        if len(texts) > CACHED_ITEMS:
            texts = NoticeTexts(query)
        if len(keys) > CACHED_ITEMS:
            verdicts, keys = {}, {}
        part_left, part_right = left[start : start + CHUNK_PAIRS], right[start : start + CHUNK_PAIRS]
        texts.load(np.concatenate([part_left, part_right]).tolist())
        pairs = list(zip(part_left.tolist(), part_right.tolist(), strict=True))
        costly: list[int] = []
        for n, (a, b) in enumerate(pairs, start):
            digest = texts.digest(a)
            if digest is not None and digest == texts.digest(b):
                keep[n] = True
                joined.union(a, b)
            else:
                costly.append(n)
        for n in costly:
            a, b = pairs[n - start]
            if joined.find(a) == joined.find(b):
                keep[n] = True  # already one cluster: the verdict cannot change it
                continue
            title_a, title_b = texts.title(a), texts.title(b)
            if title_a is None or title_b is None:
                verdict = True  # deleted meanwhile: no evidence either way
            elif titles_change_a_fact(title_a, title_b):
                verdict = False  # the titles decide (as in same_notice): no body to prepare
            elif texts.same_body(a, b):
                verdict = True  # one body, and titles without a changed fact
            else:
                prepared_a, prepared_b = texts.prepared(a), texts.prepared(b)
                assert prepared_a is not None and prepared_b is not None
                verdict = _verdict(verdicts, keys, prepared_a, prepared_b)
            if verdict:
                keep[n] = True
                joined.union(a, b)
    return keep


# A worker holds the texts of at most about this many items (and checks pairs in chunks).
CHUNK_PAIRS = 5000
CACHED_ITEMS = 10_000


def _verdict(
    verdicts: dict[tuple[int, int], bool],
    keys: dict[tuple[str, tuple[str, ...]], int],
    left: PreparedNotice,
    right: PreparedNotice,
) -> bool:
    """The verdict of :func:`same_notice` (compare_notices'), reused for texts compared before
    (it is a pure function of the two prepared texts); equal texts are one notice without a diff."""
    key = (_text_key(keys, left), _text_key(keys, right))
    verdict = verdicts.get(key)
    if verdict is None:
        verdict = verdicts[key] = key[0] == key[1] or same_notice(left, right)
    return verdict


def _text_key(keys: dict[tuple[str, tuple[str, ...]], int], prepared: PreparedNotice) -> int:
    """A small number per distinct prepared text (equal numbers: equal texts)."""
    return keys.setdefault((prepared.title, prepared.sentences), len(keys))


def check_pairs_in_file(db_path: str, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Worker process: :func:`joined_mask` over its own read-only connection."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        return joined_mask(lambda sql: conn.execute(sql).fetchall(), left, right)
    finally:
        conn.close()


# Pairs are checked in slices of whole candidate components of about this many pairs (a slice
# never splits a component smaller than ``max_part``, so pairs already joined by others are
# still skipped); a component larger than that is cut, so that the workers share it.
SLICE_PAIRS = 20_000
# No task gets more pairs than this: its union-find (a dict over the items it joins) stays small.
MAX_PART = 250_000


def component_slices(
    left: np.ndarray, right: np.ndarray, size: int = SLICE_PAIRS, max_part: int | None = None
) -> list[np.ndarray]:
    """Pair indices grouped into slices of whole connected components of the candidate graph,
    largest first; components of more than ``max_part`` pairs are cut into parts of that size."""
    labels = _pair_components(left, right)
    order = _narrow(np.argsort(labels, kind="stable"))  # slices are views of it
    sorted_labels = labels[order]
    starts = np.flatnonzero(np.r_[True, sorted_labels[1:] != sorted_labels[:-1]]).tolist()
    bounds = [*starts, len(order)]
    slices: list[np.ndarray] = []
    begin = 0
    for lo, hi in itertools.pairwise(bounds):
        if max_part is not None and hi - lo > max_part:
            if lo > begin:
                slices.append(order[begin:lo])
            slices.extend(order[cut : min(cut + max_part, hi)] for cut in range(lo, hi, max_part))
            begin = hi
        elif hi - begin >= size:
            slices.append(order[begin:hi])
            begin = hi
    if begin < len(order):
        slices.append(order[begin:])
    slices.sort(key=len, reverse=True)  # the longest first: the workers finish together
    return slices


def _narrow(values: np.ndarray) -> np.ndarray:
    """Integers as int32 when they fit, else int64 (rowids and pair indices held through the
    text check: 3M candidate pairs at 1M items)."""
    if values.size and (int(values.max()) >= 2**31 or int(values.min()) < -(2**31)):
        return values.astype(np.int64, copy=False)
    return values.astype(np.int32, copy=False)


def _pair_components(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The candidate-graph component of each pair (the smallest node index of its component,
    nodes numbered by rowid), in 32-bit integers where they fit: at 1M items (3M pairs) the
    int64 copies of the sorted node list and edges were ~200 MB of the parent's peak."""
    top = int(max(left.max(), right.max())) + 1
    if top >= 2**31 or min(int(left.min()), int(right.min())) < 0:
        nodes = sorted_unique(np.concatenate([left, right]))
        edges = np.stack([np.searchsorted(nodes, left), np.searchsorted(nodes, right)], axis=1)
        return components(nodes.size, edges)[edges[:, 0]]
    present = np.zeros(top, dtype=bool)
    present[left] = True
    present[right] = True
    number = np.cumsum(present, dtype=np.int32) - 1  # a node's index among the sorted rowids
    count = int(number[-1]) + 1
    del present
    edges = np.empty((left.size, 2), dtype=np.int32)
    edges[:, 0] = number[left]
    edges[:, 1] = number[right]
    del number
    return components(count, edges)[edges[:, 0]]


# Below this many pairs a worker's start-up costs more than it saves.
PARALLEL_PAIRS = 4000


def confirm_pairs(
    db: Database,
    left: np.ndarray,
    right: np.ndarray,
    pool: ProcessPoolExecutor | None = None,
    workers: int = 1,
    likeness: np.ndarray | None = None,
) -> np.ndarray:
    """True where candidate pair (left[i], right[i]) (item rowids) ends up in one cluster: its
    texts are one notice, or other confirmed pairs join it anyway (see :func:`joined_mask`).

    Pairs go in slices of whole candidate components (:func:`component_slices`); with a process
    pool the slices are spread over the workers. ``likeness`` (the MinHash estimates): within a
    slice the likeliest reposts are checked first, so more of the other pairs are already joined
    (the clusters do not depend on the order)."""
    left, right = _narrow(np.asarray(left)), _narrow(np.asarray(right))
    keep = np.zeros(left.size, dtype=bool)
    if not left.size:
        return keep
    parallel = pool is not None and workers > 1 and left.size >= PARALLEL_PAIRS
    # With workers: a few slices per worker, and no part more than a worker's share (one giant
    # component would leave the other workers idle).
    size = max(1000, min(SLICE_PAIRS, left.size // (4 * workers))) if parallel else SLICE_PAIRS
    max_part = min(MAX_PART, max(size, left.size // (2 * workers))) if parallel else None
    slices = component_slices(left, right, size, max_part)
    slices = [_check_order(part, left, likeness) for part in slices]
    release_freed_memory()  # the slicing's temporaries, before the workers grow
    if parallel:
        assert pool is not None
        # A few tasks in flight per worker: the pairs of every slice are not all copied for
        # the workers at once.
        pending: dict[Future[np.ndarray], np.ndarray] = {}
        for part in slices:
            pending[pool.submit(check_pairs_in_file, str(db.path), left[part], right[part])] = part
            if len(pending) >= 2 * workers:
                finished, _running = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    keep[pending.pop(future)] = future.result()
        for future, part in pending.items():
            keep[part] = future.result()
        return keep
    with db.engine.connect() as conn:
        for part in slices:
            keep[part] = joined_mask(lambda sql: _rows(conn, sql), left[part], right[part])
    return keep


def _check_order(part: np.ndarray, left: np.ndarray, likeness: np.ndarray | None) -> np.ndarray:
    """A slice's pairs by rowid (items are stored in time order, so a chunk of pairs needs few
    texts and the capped text cache keeps them), and within each chunk the likeliest reposts
    first (joining their items early lets more of the chunk be skipped)."""
    part = part[np.argsort(left[part], kind="stable")]
    if likeness is None:
        return part
    for start in range(0, part.size, CHUNK_PAIRS):
        block = part[start : start + CHUNK_PAIRS]
        part[start : start + CHUNK_PAIRS] = block[np.argsort(-likeness[block], kind="stable")]
    return part


def _rows(conn: Connection, sql: str) -> Iterable[Sequence[Any]]:
    return conn.execute(text(sql)).all()
