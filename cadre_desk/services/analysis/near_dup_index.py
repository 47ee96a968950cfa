"""The persisted near-duplicate index: MinHash signatures and LSH band keys on disk.

Layout (a folder in the data dir, a cache that can always be rebuilt from the items):

* ``manifest.json`` — format, MinHash parameters, the list of segments, the watermark (the
  highest ``items.rowid`` indexed). Replaced atomically; a segment not named here is garbage.
* ``seg-<id>/`` — one immutable segment per rebuild or incremental update: ``rowids.npy``
  (int64, ascending), ``sigs.npy`` ((n, NUM_PERM) uint32: 256 bytes per item), ``sizes.npy``
  (distinct shingles), ``published.npy`` (ms), and per band the row positions sorted by
  their band key (``band_pos.npy``, (bands, m); int32, int64 in older segments). The keys
  themselves are not stored (they were 128 of 468 bytes per item at 1M items): a band's key
  is a hash of four signature values, so look-ups binary-search the positions and compute
  the keys of the rows they probe (:func:`bucket_starts`), and a full pass recomputes a band's
  keys in position order. Older segments' ``band_keys.npy`` is ignored and removed on commit.

Segments are memory-mapped, so a 1M-item index costs page cache, not heap. datasketch's
``MinHashLSH`` keeps its buckets in Python dicts (or Redis/Cassandra); at a million items that
is gigabytes, hence this sorted-array layout over the same banding parameters.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import json
import mmap
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.lib.format import open_memmap

from cadre_desk.domain.ids import new_id
from cadre_desk.services.analysis import signatures as sg

FORMAT = 2
MANIFEST = "manifest.json"
# A bucket with more members than this (boilerplate shared by many items, or a notice reposted
# by dozens of accounts) links each member only to its neighbour in the bucket instead of to
# every other member: memory stays bounded at a million items, and chains still connect it.
MAX_BUCKET_PAIRS = 16
MAX_SEGMENTS = 12  # more small segments than this are merged (see NearDupIndex.compact)


def give_back(array: np.ndarray) -> None:
    """Drop the pages of a memory-mapped array from this process's resident set.

    The data stays in the file (and the page cache): the next access reads it back. A pass over
    a 1M-item index (signatures 256 MB, band keys 128 MB, sorted bands 256 MB) otherwise keeps
    every page it touched counted in the process's memory until the map is closed. Written
    pages are flushed first. No-op for ordinary arrays and where ``madvise`` is missing.
    """
    mapped = getattr(array, "_mmap", None)  # np.memmap keeps its mmap.mmap here
    if mapped is None or not hasattr(mapped, "madvise") or not hasattr(mmap, "MADV_DONTNEED"):
        return
    if isinstance(array, np.memmap) and array.flags.writeable:
        array.flush()
    mapped.madvise(mmap.MADV_DONTNEED)


def release_freed_memory() -> None:
    """Give the C heap's freed pages back to the system (glibc ``malloc_trim``).

    Once a large block is freed, glibc raises its mmap threshold, so later numpy temporaries of
    tens of MB come from the heap and stay counted in the process after they are freed: at 1M
    items the rebuild's parent kept ~150 MB of freed candidate arrays through the text check.
    No-op where glibc is missing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # another C library (musl)
        return None


def _params() -> dict[str, Any]:
    bands, rows = sg.lsh_bands()
    return {
        "format": FORMAT,
        "num_perm": sg.NUM_PERM,
        "seed": sg.SEED,
        "scheme": sg.SCHEME,
        "shingle": sg.SHINGLE,
        "bands": bands,
        "rows": rows,
    }


@dataclass
class Segment:
    name: str
    rowids: np.ndarray
    sigs: np.ndarray
    sizes: np.ndarray
    published: np.ndarray  # int64 ms: reposts are looked for within a time window
    band_pos: np.ndarray  # (bands, m) positions into rowids/sigs sorted by band key (int32; older int64)

    def __len__(self) -> int:
        return int(self.rowids.shape[0])


def sorted_bands(keys: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Per band, the positions of indexable rows sorted (stably) by their key: (bands, m)."""
    usable = np.flatnonzero(sizes > 0)
    bands = keys.shape[1]
    out_pos = np.empty((bands, usable.size), dtype=position_type(sizes.shape[0]))
    for band in range(bands):
        out_pos[band] = usable[np.argsort(keys[usable, band], kind="stable")]
    return out_pos


def position_type(n: int) -> type[np.signedinteger[Any]]:
    """Positions among ``n`` items: 32-bit when they fit (64 of the 532 bytes per item of the
    analysis folder at 1M items were the upper halves of int64 positions)."""
    return np.int32 if n < 2**31 else np.int64


def write_sorted_bands(folder: Path, keys_by_band: np.ndarray, sizes: np.ndarray) -> None:
    """:func:`sorted_bands` written band by band into ``band_pos.npy``.

    ``keys_by_band`` ((bands, n): one band's keys contiguous) may be a memory map: only one
    band is in memory at a time, so a rebuild over 1,000,000 items does not hold every band's
    keys at once, nor touch every page of the keys to read a band."""
    usable = np.flatnonzero(sizes > 0)
    bands = keys_by_band.shape[0]
    out_pos = open_memmap(
        folder / "band_pos.npy", mode="w+", dtype=position_type(sizes.shape[0]), shape=(bands, usable.size)
    )
    for band in range(bands):
        column = np.asarray(keys_by_band[band])[usable]
        give_back(keys_by_band)
        out_pos[band] = usable[np.argsort(column, kind="stable")]
        del column
        give_back(out_pos)
    out_pos.flush()
    del out_pos


def bucket_pairs(
    keys_by_band: np.ndarray,
    band_pos: np.ndarray,
    chunk_members: int = 200_000,
    firsts: tuple[int, int] | None = None,
) -> Iterator[np.ndarray]:
    """Per band, the (i, j) position pairs (i < j) sharing a bucket: (k, 2) int64 arrays,
    yielded for about ``chunk_members`` bucket members at a time (whole buckets). With
    ``firsts`` = (lo, hi), only the pairs whose i is in [lo, hi): a pass over part of the items
    sorts and returns only its own pairs (at 1M items the rebuild makes three such passes).

    ``keys_by_band``: (bands, n) keys in position order (a memory map or
    :func:`band_keys_by_band`); ``band_pos``: the positions sorted per band.
    A pair colliding in several bands is yielded once per band; callers verify and dedupe.
    Yielding band by band, a chunk at a time, keeps memory bounded at a million items.
    """
    for band in range(band_pos.shape[0]):
        pos = np.array(band_pos[band])  # copies: the maps' pages are given back at once
        keys = np.asarray(keys_by_band[band])[pos]
        give_back(keys_by_band)
        give_back(band_pos)
        if keys.size < 2:
            continue
        same_as_next = keys[1:] == keys[:-1]
        if not same_as_next.any():
            continue
        # Keep only members of multi-member buckets, then pair each with the next d members.
        member = np.zeros(keys.size, dtype=bool)
        member[1:] |= same_as_next
        member[:-1] |= same_as_next
        keys_m = keys[member]
        pos_m = pos[member]
        del keys, pos, member, same_as_next
        bucket_starts = np.flatnonzero(np.r_[True, keys_m[1:] != keys_m[:-1]])
        wanted = np.arange(chunk_members, keys_m.size, chunk_members)
        cuts = np.unique(
            bucket_starts[np.minimum(np.searchsorted(bucket_starts, wanted), bucket_starts.size - 1)]
        )
        for lo, hi in itertools.pairwise([0, *[c for c in cuts.tolist() if c > 0], keys_m.size]):
            pairs = _pairs_in_buckets(keys_m[lo:hi], pos_m[lo:hi], firsts)
            if pairs.size:
                yield pairs


def _pairs_in_buckets(keys: np.ndarray, pos: np.ndarray, firsts: tuple[int, int] | None = None) -> np.ndarray:
    """Pairs among sorted members of whole buckets: each member with the next d members of its
    bucket (only the next one in buckets of more than ``MAX_BUCKET_PAIRS``); with ``firsts``,
    only those whose smaller position is in that range."""
    starts = np.r_[True, keys[1:] != keys[:-1]]
    run_id = np.cumsum(starts) - 1
    big = np.bincount(run_id)[run_id] > MAX_BUCKET_PAIRS
    found: list[np.ndarray] = []
    for d in range(1, MAX_BUCKET_PAIRS):
        if d >= keys.size:
            break
        same = run_id[d:] == run_id[:-d]
        if d > 1:
            same &= ~big[:-d]
        if not same.any():
            break
        a, b = pos[:-d][same], pos[d:][same]
        if firsts is not None:
            smaller = np.minimum(a, b)
            mine = (smaller >= firsts[0]) & (smaller < firsts[1])
            a, b = a[mine], b[mine]
        found.append(np.stack([a, b], axis=1))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    pairs.sort(axis=1)
    return pairs


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (sort-based: numpy's hash-based ``unique`` is slow on large int arrays)."""
    values = np.sort(values)
    if values.size < 2:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def components(n: int, edges: np.ndarray) -> np.ndarray:
    """Connected-component label (smallest member index) of each of ``n`` nodes.

    Hooking and shortcutting: each round links the root of every edge's larger end to the
    smaller root, then compresses every path to its root, and drops the edges already inside
    one component. Rounds grow logarithmically with the components' size, even for the long
    chains a week-long repost window makes (propagating labels along edges needs one round
    per hop of the longest chain). Labels are 32-bit when ``n`` fits (half the transients).
    """
    kind = np.int32 if n < 2**31 else np.int64
    labels = np.arange(n, dtype=kind)
    if edges.size == 0:
        return labels
    u, v = edges[:, 0].astype(kind, copy=False), edges[:, 1].astype(kind, copy=False)
    while True:
        lu, lv = labels[u], labels[v]
        differ = lu != lv
        if not differ.any():
            return labels
        u, v, lu, lv = u[differ], v[differ], lu[differ], lv[differ]
        np.minimum.at(labels, np.maximum(lu, lv), np.minimum(lu, lv))  # roots hook to smaller roots
        while True:
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped


def pair_codes(pairs: np.ndarray, n: int) -> np.ndarray:
    return pairs[:, 0].astype(np.int64) * np.int64(n) + pairs[:, 1]


def unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    """Distinct rows of a (k, 2) array of positions < n (1-D sort on i * n + j)."""
    if pairs.size == 0:
        return pairs.reshape(0, 2)
    codes = sorted_unique(pair_codes(pairs, n))
    return np.stack([codes // n, codes % n], axis=1)


class NearDupIndex:
    """Open with :meth:`open`; write segments with :meth:`add_segment`, then :meth:`commit`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.watermark = 0
        self.segments: list[Segment] = []

    @classmethod
    def open(cls, directory: Path) -> NearDupIndex:
        index = cls(directory)
        manifest = directory / MANIFEST
        if not manifest.exists():
            return index
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return index  # unreadable cache: treated as empty, the next run rebuilds it
        if data.get("params") != _params():
            return index  # written with other MinHash parameters: rebuild
        try:
            index.segments = [index._load(name) for name in data.get("segments", [])]
        except (OSError, ValueError):
            index.segments = []
            return index
        index.watermark = int(data.get("watermark", 0))
        return index

    @property
    def is_empty(self) -> bool:
        return not self.segments

    @property
    def item_count(self) -> int:
        return sum(len(segment) for segment in self.segments)

    def _load(self, name: str) -> Segment:
        folder = self.directory / name

        def load(file: str) -> np.ndarray:
            return np.load(folder / file, mmap_mode="r")

        return Segment(
            name,
            load("rowids.npy"),
            load("sigs.npy"),
            load("sizes.npy"),
            load("published.npy"),
            load("band_pos.npy"),
        )

    def new_segment_dir(self) -> Path:
        """A private folder to write a segment into (renamed into place by add_segment)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        folder = self.directory / f"tmp-{new_id()}"
        folder.mkdir()
        return folder

    def add_segment(self, folder: Path, keys_by_band: np.ndarray) -> Segment:
        """Finish a segment whose rowids/sigs/sizes were written into ``folder``."""
        write_sorted_bands(folder, keys_by_band, np.load(folder / "sizes.npy"))
        name = f"seg-{new_id()}"
        os.replace(folder, self.directory / name)
        segment = self._load(name)
        self.segments.append(segment)
        return segment

    def write_segment(
        self, rowids: np.ndarray, batch: sg.SignatureBatch, keys: np.ndarray, published: np.ndarray
    ) -> Segment:
        folder = self.new_segment_dir()
        np.save(folder / "rowids.npy", rowids.astype(np.int64))
        np.save(folder / "published.npy", published.astype(np.int64))
        np.save(folder / "sigs.npy", batch.sigs)
        np.save(folder / "sizes.npy", batch.sizes)
        return self.add_segment(folder, keys.T)

    def commit(self, watermark: int) -> None:
        """Make the current segment list and watermark durable; drop unreferenced folders."""
        self.watermark = watermark
        data = {"params": _params(), "segments": [s.name for s in self.segments], "watermark": watermark}
        tmp = self.directory / f".{MANIFEST}.{new_id()}"
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.directory / MANIFEST)
        keep = {s.name for s in self.segments}
        for child in self.directory.iterdir():
            if child.is_dir() and child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
            elif child.is_dir():
                with contextlib.suppress(OSError):  # still mapped by another process (Windows)
                    (child / _OLD_BAND_KEYS).unlink(missing_ok=True)

    def compact(self, max_segments: int = MAX_SEGMENTS) -> bool:
        """Merge every segment but the largest into one when there are too many (each incremental
        update adds a small segment). Cost is bounded by the small segments. Call ``commit`` after."""
        if len(self.segments) <= max_segments:
            return False
        largest = max(self.segments, key=len)
        small = [s for s in self.segments if s is not largest]
        order = np.argsort(np.concatenate([np.asarray(s.rowids) for s in small]), kind="stable")
        rowids = np.concatenate([np.asarray(s.rowids) for s in small])[order]
        sigs = np.concatenate([np.asarray(s.sigs) for s in small])[order]
        sizes = np.concatenate([np.asarray(s.sizes) for s in small])[order]
        published = np.concatenate([np.asarray(s.published) for s in small])[order]
        self.segments = [largest]
        self.write_segment(rowids, sg.SignatureBatch(sigs, sizes), sg.band_keys(sigs), published)
        return True

    def reset(self) -> None:
        """Forget every segment (a full rebuild starts from here)."""
        self.segments = []
        self.watermark = 0

    def candidates(self, keys: np.ndarray) -> list[tuple[int, np.ndarray, np.ndarray]]:
        """For query band keys (n, bands): per segment, (segment index, query rows, positions)."""
        out: list[tuple[int, np.ndarray, np.ndarray]] = []
        for seg_index, segment in enumerate(self.segments):
            queries: list[np.ndarray] = []
            positions: list[np.ndarray] = []
            for band in range(keys.shape[1]):
                band_pos = segment.band_pos[band]
                lo, counts = bucket_starts(segment.sigs, band_pos, band, keys[:, band])
                if not counts.any():
                    continue
                query_rows = np.repeat(np.arange(keys.shape[0]), counts)
                offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
                queries.append(query_rows)
                positions.append(np.asarray(band_pos[np.repeat(lo, counts) + offsets]))
            give_back(segment.sigs)
            if queries:
                stacked = np.stack([np.concatenate(queries), np.concatenate(positions)], axis=1)
                pairs = unique_pairs(stacked, len(segment) + 1)
                out.append((seg_index, pairs[:, 0], pairs[:, 1]))
        return out


_OLD_BAND_KEYS = "band_keys.npy"  # written by versions that stored the sorted keys


def bucket_starts(
    sigs: np.ndarray, band_pos: np.ndarray, band: int, queries: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where each query key's bucket starts among one band's sorted positions, and how many of
    its first ``MAX_BUCKET_PAIRS`` members there are (boilerplate buckets: a bounded sample).

    The same answer as ``searchsorted`` over the band's sorted keys (left, and right capped at
    ``MAX_BUCKET_PAIRS``), without the keys: a binary search, all queries in lockstep, that
    computes the key of each row it probes from its signature (a differential test holds it
    to ``searchsorted``).
    """
    m = band_pos.shape[0]
    lo = np.zeros(queries.shape[0], dtype=np.int64)
    hi = np.full(queries.shape[0], m, dtype=np.int64)
    active = np.flatnonzero(lo < hi)
    while active.size:
        mid = (lo[active] + hi[active]) // 2
        below = _keys_at(sigs, band_pos, band, mid) < queries[active]
        lo[active[below]] = mid[below] + 1
        hi[active[~below]] = mid[~below]
        active = active[lo[active] < hi[active]]
    window = lo[:, None] + np.arange(MAX_BUCKET_PAIRS)
    inside = window < m
    equal = np.zeros(window.shape, dtype=bool)
    equal[inside] = (
        _keys_at(sigs, band_pos, band, window[inside])
        == np.broadcast_to(queries[:, None], window.shape)[inside]
    )
    # Keys are sorted, so a bucket's members in the window come first: count until the first miss.
    counts = np.where(equal.all(axis=1), MAX_BUCKET_PAIRS, np.argmin(equal, axis=1))
    return lo, counts.astype(np.int64)


def _keys_at(sigs: np.ndarray, band_pos: np.ndarray, band: int, sorted_at: np.ndarray) -> np.ndarray:
    """The band keys of the rows at these places of the band's sorted positions."""
    return sg.band_key(sigs[np.asarray(band_pos[sorted_at])], band)


def band_keys_by_band(sigs: np.ndarray, step: int = 100_000) -> np.ndarray:
    """(bands, n) band keys in position order, computed from (memory-mapped) signatures a
    bounded slice at a time: what :func:`bucket_pairs` reads for an index's whole band."""
    bands, _rows = sg.lsh_bands()
    out = np.empty((bands, sigs.shape[0]), dtype=np.int64)
    for start in range(0, sigs.shape[0], step):
        out[:, start : start + step] = sg.band_keys(np.asarray(sigs[start : start + step])).T
        give_back(sigs)
    return out
