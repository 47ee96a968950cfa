"""Near-duplicate clusters: keep ``item_clusters`` (item rowid → its cluster's first publisher).

Candidate pairs are found by MinHash and then confirmed by reading both texts
(:mod:`cadre_desk.services.analysis.notice_check`): a pair whose differences change a fact (a
date, amount, document number, phone number, place or person) is two notices, not a repost.

Two paths give the same result (a property test checks it for any arrival order):

* :func:`rebuild_clusters` signs every item (two worker processes for large profiles),
  writes one index segment, links bucket-mates whose MinHash estimate passes
  :func:`is_near_duplicate`, and takes connected components.
* :func:`update_clusters` signs only items above the index watermark, looks them up in the
  persisted index, and merges the clusters they touch.

The first publisher of a cluster is its earliest item, then the one from the higher level
(``Level.rank``), then the smaller id (so every device picks the same). Singletons have no
row. Only rows whose cluster really changed are written. Clusters are device-local: each device
computes its own, and sync never sends them (``item_clusters`` is a local table).
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.lib.format import open_memmap
from sqlalchemy import Connection, text

from cadre_desk.services.analysis import signatures as sg
from cadre_desk.services.analysis.cluster_changes import (
    REWRITE_FROM,
    cluster_changes,
    current_clusters,
    rewrite_clusters,
    write_changes,
)
from cadre_desk.services.analysis.item_signing import Chunk, level_rank, signed_chunks, worker_pool
from cadre_desk.services.analysis.near_dup_index import (
    NearDupIndex,
    bucket_pairs,
    components,
    give_back,
    pair_codes,
    release_freed_memory,
    sorted_bands,
    sorted_unique,
)
from cadre_desk.services.analysis.notice_check import confirm_pairs
from cadre_desk.storage.database import Database

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# Verified near-duplicate: estimated Jaccard of 5-gram sets ≥ JACCARD, or the shorter text is
# mostly contained in the longer one (truncated reposts) with a Jaccard that is not small.
# Tuned on benchmarks/eval_reposts (same-topic notices built on one template reach Jaccard
# ≈ 0.5 and containment ≈ 0.68; reposts with notes, footers and truncation stay above these).
JACCARD = 0.65
CONTAINMENT = 0.85
CONTAINMENT_MIN_JACCARD = 0.45
# Short texts (work-group messages) built on one template differ only in a few words: they need
# a higher Jaccard, and containment is only evidence for texts long enough to be truncated.
# A repost appears within days of the first publication; the same text much later (a yearly
# reminder, a daily template message) is a new notice. This also stops template texts from
# chaining a whole year of items into one cluster.
REPOST_WINDOW_MS = 7 * 24 * 3600 * 1000
SHORT_SHINGLES = 40
SHORT_JACCARD = 0.8
CONTAINMENT_MIN_SHINGLES = 60
PARALLEL_FROM = 40_000  # below this, worker start-up costs more than it saves


@dataclass(frozen=True)
class ClusterRun:
    """What one analysis pass did (shown in the CLI and the status bar)."""

    full_rebuild: bool
    items_signed: int
    indexed_total: int
    changed_rows: int
    seconds: float
    worker_processes: int = 0  # distinct worker processes that signed items (0: signed here)
    pairs_checked: int = 0  # MinHash candidates whose texts were compared (notice_check)
    check_seconds: float = 0.0  # time spent comparing them
    phases: tuple[tuple[str, float], ...] = ()  # (step, seconds) of a rebuild, for benchmarks


class _Phases:
    """Seconds per step of a rebuild (the benchmark prints them)."""

    def __init__(self) -> None:
        self.done: list[tuple[str, float]] = []
        self._mark = time.perf_counter()

    def end(self, name: str) -> None:
        now = time.perf_counter()
        self.done.append((name, now - self._mark))
        self._mark = now


def is_near_duplicate(est_jaccard: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Vectorized decision for candidate pairs (MinHash estimate + exact shingle counts)."""
    j = np.asarray(est_jaccard, dtype=np.float64)
    a = np.asarray(size_a, dtype=np.float64)
    b = np.asarray(size_b, dtype=np.float64)
    smaller = np.maximum(np.minimum(a, b), 1.0)
    containment = j / (1.0 + j) * (a + b) / smaller
    truncated = (
        (smaller >= CONTAINMENT_MIN_SHINGLES) & (containment >= CONTAINMENT) & (j >= CONTAINMENT_MIN_JACCARD)
    )
    long_enough = np.where(smaller < SHORT_SHINGLES, j >= SHORT_JACCARD, j >= JACCARD)
    return long_enough | truncated


def _verified_bucket_pairs(
    keys_by_band: np.ndarray, band_pos: np.ndarray, sigs: np.ndarray, sizes: np.ndarray, times: np.ndarray
) -> np.ndarray:
    """Verified near-duplicate pairs among bucket-mates, band by band (bounded memory).
    ``keys_by_band``: (bands, n) band keys in position order; ``band_pos``: sorted per band.

    A pair seen in an earlier band (accepted or rejected) is not verified again. Pairs
    published too far apart are dropped first: they need no signatures, and rejecting them
    again in a later band is cheaper than remembering them. Large indexes go in passes over
    ranges of the pairs' first item, so the set of pairs seen is a pass's only (at 1M items
    the whole set and its merge copy were the rebuild's peak memory).
    """
    n = sizes.shape[0]
    passes = max(1, -(-n // _ITEMS_PER_PASS))
    bounds = np.linspace(0, n, passes + 1).astype(np.int64).tolist()
    accepted: list[np.ndarray] = []
    for first, last in itertools.pairwise(bounds):
        seen = np.empty(0, dtype=np.int64)  # sorted codes of this pass's pairs verified so far
        for pairs in bucket_pairs(keys_by_band, band_pos, firsts=(first, last) if passes > 1 else None):
            codes = sorted_unique(pair_codes(pairs, n))
            del pairs
            codes = codes[_in_window(times[codes // n], times[codes % n])]
            at = np.searchsorted(seen, codes)
            if seen.size:
                known = (at < seen.size) & (seen[np.minimum(at, seen.size - 1)] == codes)
                codes, at = codes[~known], at[~known]
            if not codes.size:
                continue
            ok = np.zeros(codes.size, dtype=bool)
            # Signatures of a bounded slice at a time. Codes are sorted by their first item and
            # a pair's items are close in time (so in rowid): each slice reads a narrow stretch
            # of the memory-mapped signatures, given back before the next.
            for start in range(0, codes.size, _VERIFY_STEP):
                part = slice(start, start + _VERIFY_STEP)
                left, right = codes[part] // n, codes[part] % n
                ok[part] = _verify(
                    sigs[left], sigs[right], sizes[left], sizes[right], times[left], times[right]
                )
                give_back(sigs)
            accepted.append(codes[ok])
            seen = np.insert(seen, at, codes)  # a merge into one new array (codes are sorted)
        del seen
    kind = np.int32 if n < 2**31 else np.int64  # positions: 3M pairs at 1M items are 24 MB, not 48
    if not accepted:
        return np.empty((0, 2), dtype=kind)
    codes = sorted_unique(np.concatenate(accepted))
    del accepted
    pairs = np.empty((codes.size, 2), dtype=kind)
    pairs[:, 0] = codes // n
    pairs[:, 1] = codes % n
    del codes
    release_freed_memory()
    return pairs


_VERIFY_STEP = 50_000  # pairs whose signatures are gathered at once (2 x 256 bytes each)
_ITEMS_PER_PASS = 400_000  # candidate pairs are gathered for this many first items per pass


def _in_window(times_a: np.ndarray, times_b: np.ndarray) -> np.ndarray:
    return (
        np.abs(np.asarray(times_a, dtype=np.int64) - np.asarray(times_b, dtype=np.int64)) <= REPOST_WINDOW_MS
    )


def _verify(
    sigs_a: np.ndarray,
    sigs_b: np.ndarray,
    sizes_a: np.ndarray,
    sizes_b: np.ndarray,
    times_a: np.ndarray,
    times_b: np.ndarray,
) -> np.ndarray:
    ok = _in_window(times_a, times_b)
    for start in range(0, ok.size, _VERIFY_STEP):
        part = slice(start, start + _VERIFY_STEP)
        if not ok[part].any():
            continue
        est = sg.estimated_jaccard(np.asarray(sigs_a[part]), np.asarray(sigs_b[part]))
        ok[part] &= is_near_duplicate(est, sizes_a[part], sizes_b[part])
    return ok


def _estimates(sigs: np.ndarray, pairs: np.ndarray, step: int = _VERIFY_STEP) -> np.ndarray:
    """MinHash Jaccard estimates of position pairs, a bounded slice of signatures at a time."""
    out = np.empty(len(pairs), dtype=np.float32)
    for start in range(0, len(pairs), step):
        part = pairs[start : start + step]
        out[start : start + step] = sg.estimated_jaccard(
            np.asarray(sigs[part[:, 0]]), np.asarray(sigs[part[:, 1]])
        )
        give_back(sigs)
    return out


def _max_rowid(conn: Connection) -> int:
    return int(conn.execute(text("SELECT coalesce(max(rowid), 0) FROM items")).scalar_one())


def _index_dir(data_root: Path) -> Path:
    return data_root / "analysis" / "near-dup-index"


# --------------------------------------------------------------------------- writing clusters


def _write_rebuild(db: Database, upto: int, members: np.ndarray, canonical: np.ndarray) -> int:
    """Make ``item_clusters`` up to ``upto`` equal (members → canonical); returns rows changed."""
    with db.session() as session:
        conn = session.connection()
        current_items, current = current_clusters(conn, upto)
        changed, wanted = cluster_changes(members, canonical, current_items, current)
        del current_items, current
        if changed.size >= REWRITE_FROM:
            rewrite_clusters(conn, upto, members, canonical)
        else:
            write_changes(conn, changed, wanted)
    return int(changed.size)


# --------------------------------------------------------------------------- full rebuild


def rebuild_clusters(
    db: Database, data_root: Path, progress: Progress | None = None, *, workers: int = 2
) -> ClusterRun:
    started = time.perf_counter()
    with db.engine.connect() as conn:
        total = int(conn.execute(text("SELECT count(*) FROM items WHERE NOT deleted")).scalar_one())
    return _rebuild(db, data_root, progress, total >= PARALLEL_FROM, workers, started)


def _rebuild(
    db: Database, data_root: Path, progress: Progress | None, parallel: bool, workers: int, started: float
) -> ClusterRun:
    """The full rebuild. Signing and the text check each get their own process pool: between
    them (sorting bands, verifying candidates) no idle worker holds memory."""
    phases = _Phases()
    index = NearDupIndex.open(_index_dir(data_root))
    index.reset()
    bands, _rows = sg.lsh_bands()
    with db.engine.connect() as conn:
        upto = _max_rowid(conn)
        total = int(
            conn.execute(
                text("SELECT count(*) FROM items WHERE rowid <= :u AND NOT deleted"), {"u": upto}
            ).scalar_one()
        )
        folder = index.new_segment_dir()
        sigs = open_memmap(folder / "sigs.npy", mode="w+", dtype=np.uint32, shape=(total, sg.NUM_PERM))
        # Band-major: each band's keys are read back contiguously when the bands are sorted.
        keys = open_memmap(folder / "keys.tmp.npy", mode="w+", dtype=np.int64, shape=(bands, total))
        rowids = np.zeros(total, dtype=np.int64)
        sizes = np.zeros(total, dtype=np.int32)
        ids = np.zeros(total, dtype="S32")
        published = np.zeros(total, dtype=np.int64)
        ranks = np.zeros(total, dtype=np.int8)
        done = 0
        signers: set[int] = set()
        with worker_pool(workers, parallel) as pool:
            for chunk, batch in signed_chunks(conn, db.path, 0, upto, pool, workers):
                if chunk.signed_by and chunk.signed_by != os.getpid():
                    signers.add(chunk.signed_by)
                n = len(batch)
                end = min(done + n, total)  # rows deleted meanwhile only shrink the set
                part = slice(done, end)
                sigs[part] = batch.sigs[: end - done]
                keys[:, part] = sg.band_keys(batch.sigs[: end - done]).T
                rowids[part] = chunk.rowids[: end - done]
                sizes[part] = batch.sizes[: end - done]
                ids[part] = chunk.ids[: end - done]
                published[part] = chunk.published[: end - done]
                ranks[part] = chunk.ranks[: end - done]
                done = end
                give_back(sigs)  # written pages go to the file, not this process's memory
                give_back(keys)
                if progress is not None:
                    progress(done, total)
        phases.end("sign")
    sigs.flush()
    np.save(folder / "rowids.npy", rowids[:done])
    np.save(folder / "sizes.npy", sizes[:done])
    np.save(folder / "published.npy", published[:done])
    if done < total:  # keep the files consistent in length
        np.save(folder / "sigs.npy", np.asarray(sigs[:done]))
    del sigs
    segment = index.add_segment(folder, keys[:, :done])  # sorted band by band from the memory map
    phases.end("index")
    # The unsorted keys serve the candidate passes, then go: the index keeps only positions.
    pairs = _verified_bucket_pairs(
        keys[:, :done], segment.band_pos, segment.sigs, sizes[:done], published[:done]
    )
    del keys
    (index.directory / segment.name / "keys.tmp.npy").unlink(missing_ok=True)
    phases.end("candidates")
    checked, check_started = len(pairs), time.perf_counter()
    if pairs.size:
        likeness = _estimates(segment.sigs, pairs)
        with worker_pool(workers, parallel) as pool:  # processes start on the first task only
            kept = confirm_pairs(db, rowids[pairs[:, 0]], rowids[pairs[:, 1]], pool, workers, likeness)
        pairs = pairs[kept]
        del likeness, kept
        release_freed_memory()
    check_seconds = time.perf_counter() - check_started
    phases.end("text check")
    members, canonical = _canonical_assignment(
        done, pairs, rowids[:done], ids[:done], published[:done], ranks[:done]
    )
    phases.end("components")
    changed = _write_rebuild(db, upto, members, canonical)
    del members, canonical
    index.commit(upto)
    phases.end("write")
    seconds = time.perf_counter() - started
    return ClusterRun(
        True,
        done,
        index.item_count,
        changed,
        seconds,
        len(signers),
        checked,
        check_seconds,
        tuple(phases.done),
    )


def _canonical_assignment(
    n: int, edges: np.ndarray, rowids: np.ndarray, ids: np.ndarray, published: np.ndarray, ranks: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(item rowids, their first publishers' rowids) of the members of multi-item components."""
    if edges.size == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    labels = components(n, edges)
    members = sorted_unique(edges.ravel())
    member_labels = labels[members]
    # Sort members by component, then time, then higher level first, then id.
    order = np.lexsort((ids[members], -ranks[members].astype(np.int16), published[members], member_labels))
    sorted_members = members[order]
    sorted_labels = member_labels[order]
    first = np.r_[True, sorted_labels[1:] != sorted_labels[:-1]]
    canonical_pos = sorted_members[first][np.cumsum(first) - 1]
    return rowids[sorted_members].astype(np.int64), rowids[canonical_pos].astype(np.int64)


# --------------------------------------------------------------------------- incremental


def update_clusters(
    db: Database, data_root: Path, progress: Progress | None = None, *, workers: int = 2
) -> ClusterRun:
    """Index items added since the last run; rebuild when there is no usable index."""
    started = time.perf_counter()
    index = NearDupIndex.open(_index_dir(data_root))
    with db.engine.connect() as conn:
        upto = _max_rowid(conn)
        if index.is_empty or index.watermark > upto:
            conn.close()
            return rebuild_clusters(db, data_root, progress, workers=workers)
        pending = int(
            conn.execute(
                text("SELECT count(*) FROM items WHERE rowid > :a AND rowid <= :u AND NOT deleted"),
                {"a": index.watermark, "u": upto},
            ).scalar_one()
        )
        if pending > max(200_000, index.item_count // 2):
            conn.close()
            return rebuild_clusters(db, data_root, progress, workers=workers)
        chunks: list[Chunk] = []
        batches: list[sg.SignatureBatch] = []
        with worker_pool(workers, pending >= PARALLEL_FROM) as pool:
            for chunk, batch in signed_chunks(conn, db.path, index.watermark, upto, pool, workers):
                chunks.append(chunk)
                batches.append(batch)
                if progress is not None:
                    progress(sum(len(b) for b in batches), pending)
    if not chunks:
        index.commit(upto)
        return ClusterRun(False, 0, index.item_count, 0, time.perf_counter() - started)
    rowids = np.concatenate([c.rowids for c in chunks])
    published = np.concatenate([c.published for c in chunks])
    batch = sg.SignatureBatch(
        np.concatenate([b.sigs for b in batches]), np.concatenate([b.sizes for b in batches])
    )
    keys = sg.band_keys(batch.sigs)
    usable = batch.sizes > 0

    # Edges between new items and indexed ones.
    old_edges: list[tuple[int, int]] = []  # (new position, old rowid)
    for seg_index, queries, positions in index.candidates(np.where(usable[:, None], keys, -1)):
        segment = index.segments[seg_index]
        keep = usable[queries]
        queries, positions = queries[keep], positions[keep]
        if not queries.size:
            continue
        ok = _verify(
            batch.sigs[queries],
            segment.sigs[positions],
            batch.sizes[queries],
            segment.sizes[positions],
            published[queries],
            segment.published[positions],
        )
        old_rowids = np.asarray(segment.rowids)[positions[ok]]
        old_edges.extend(zip(queries[ok].tolist(), old_rowids.tolist(), strict=True))
    # Edges among the new items.
    pairs = _verified_bucket_pairs(
        keys.T, sorted_bands(keys, batch.sizes), batch.sigs, batch.sizes, published
    )
    # Second step: MinHash candidates confirmed by what differs between the texts.
    checked, check_started = len(pairs) + len(old_edges), time.perf_counter()
    if pairs.size or old_edges:
        # One call for both kinds of edges: a pair that others already join is not read.
        edges = np.asarray(old_edges, dtype=np.int64).reshape(-1, 2)
        kept = confirm_pairs(
            db,
            np.concatenate([rowids[pairs[:, 0]], rowids[edges[:, 0]]]),
            np.concatenate([rowids[pairs[:, 1]], edges[:, 1]]),
        )
        old_edges = [edge for edge, ok in zip(old_edges, kept[len(pairs) :].tolist(), strict=True) if ok]
        pairs = pairs[kept[: len(pairs)]]
    check_seconds = time.perf_counter() - check_started

    index.write_segment(rowids, batch, keys, published)
    changes = _merge_clusters(db, rowids, old_edges, pairs)
    with db.session() as session:
        changed = write_changes(session.connection(), *changes)
    index.compact()
    index.commit(upto)
    seconds = time.perf_counter() - started
    return ClusterRun(False, len(rowids), index.item_count, changed, seconds, 0, checked, check_seconds)


def _merge_clusters(
    db: Database, new_rowids: np.ndarray, old_edges: list[tuple[int, int]], new_pairs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Union the clusters touched by new edges; returns the (item rowids, cluster rowids) to write.
    Keys are item rowids; a cluster is named by its first publisher's rowid."""
    if not old_edges and not new_pairs.size:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    old_meta = _meta(db, sorted({rowid for _, rowid in old_edges}))
    parent: dict[int, int] = {}

    def find(key: int) -> int:
        root = key
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(key, key) != root:
            parent[key], key = root, parent[key]
        return root

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    new_keys = [int(rowid) for rowid in new_rowids]
    for left, right in new_pairs.tolist():
        union(new_keys[left], new_keys[right])
    for position, rowid in old_edges:
        meta = old_meta.get(rowid)
        if meta is None:  # deleted since it was indexed
            continue
        union(new_keys[position], meta["cluster"] or meta["rowid"])
    groups: dict[int, list[int]] = {}
    for key in list(parent):
        groups.setdefault(find(key), []).append(key)
    for key in {find(k) for k in parent}:
        groups.setdefault(key, [])
        if key not in groups[key]:
            groups[key].append(key)

    meta_by_rowid = _meta(db, sorted({k for members in groups.values() for k in members}))
    changes: dict[int, int] = {}
    clusters_to_move: list[tuple[int, int]] = []
    for members in groups.values():
        present = [k for k in members if k in meta_by_rowid]
        if len(present) < 1:
            continue
        canonical = min(present, key=lambda k: _order_key(meta_by_rowid[k]))
        for key in present:
            meta = meta_by_rowid[key]
            if meta["cluster"] == key and key != canonical:
                clusters_to_move.append((key, canonical))  # an existing cluster: relabel its members
            elif meta["cluster"] != canonical:
                changes[key] = canonical
    for old_cluster, canonical in clusters_to_move:
        changes.update(dict.fromkeys(_rowids_in_cluster(db, old_cluster), canonical))
    items = np.array(sorted(changes), dtype=np.int64)
    return items, np.array([changes[i] for i in items.tolist()], dtype=np.int64)


def _order_key(meta: dict[str, Any]) -> tuple[int, int, str]:
    return (int(meta["published"]), -level_rank(meta["level"]), str(meta["id"]))


_META_SQL = """SELECT i.rowid, i.id, i.published_at, s.level, k.cluster
FROM items i JOIN sources s ON s.id = i.source_id LEFT JOIN item_clusters k ON k.item = i.rowid
WHERE NOT i.deleted AND i.rowid IN (SELECT value FROM json_each(?))"""


def _meta(db: Database, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    with db.engine.connect() as conn:
        for start in range(0, len(rowids), 5000):
            part = json.dumps(list(rowids[start : start + 5000]))
            for r in conn.exec_driver_sql(_META_SQL, (part,)):
                out[r[0]] = {"rowid": r[0], "id": r[1], "published": r[2], "level": r[3], "cluster": r[4]}
    return out


def _rowids_in_cluster(db: Database, cluster: int) -> list[int]:
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT k.item FROM item_clusters k JOIN items i ON i.rowid = k.item"
            " WHERE k.cluster = ? AND NOT i.deleted",
            (cluster,),
        ).all()
    return [r[0] for r in rows]


def index_dir(data_root: Path) -> Path:
    return _index_dir(data_root)
