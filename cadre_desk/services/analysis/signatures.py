"""MinHash signatures of items: character 5-gram shingles → datasketch's MinHash values.

Shingle hashing is vectorized with numpy (a polynomial hash over the code points of each
5-character window, folded to 32 bits). The MinHash values are those datasketch's ``MinHash``
(``affine32`` scheme, its permutations for our seed) gives for these hashes, computed for a
whole block of texts at once (:func:`signatures_of_texts`); :func:`datasketch_signatures` is
the one-text-at-a-time reference a differential test compares against.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from cadre_desk.domain.text_normalize import normalize_item

if TYPE_CHECKING:
    from datasketch import LeanMinHash

# datasketch is imported where it is used: it brings scipy (~40 MB), and the worker processes
# that sign items need only the permutations, which the parent hands them (``permutations``).

SHINGLE = 5
NUM_PERM = 64
SEED = 1
SCHEME = "affine32"
# Texts shorter than this (after normalization) carry too little to call them reposts.
MIN_CHARS = 10
# LSH banding chosen by datasketch for recall at Jaccard ≥ 0.5 (false negatives weigh 0.7):
# candidates are verified afterwards, so a low LSH threshold costs time, not precision.
LSH_THRESHOLD = 0.5
LSH_WEIGHTS = (0.3, 0.7)

_POLY = np.uint64(0x100000001B3)  # FNV-style odd multiplier
_FOLD = np.uint64(0x9E3779B97F4A7C15)  # golden-ratio multiplicative folding to 32 bits
_SHIFT32 = np.uint64(32)


@dataclass(frozen=True)
class SignatureBatch:
    """Signatures of a batch of texts; rows with ``sizes == 0`` are too short to index."""

    sigs: np.ndarray  # (n, NUM_PERM) uint32
    sizes: np.ndarray  # (n,) int32: number of distinct shingles

    def __len__(self) -> int:
        return int(self.sizes.shape[0])


# What datasketch picks for our parameters, written down: importing datasketch brings scipy
# (~0.5 s and ~40 MB per process). tests/analysis/test_check_at_scale.py checks both against
# datasketch (``datasketch_permutations``, ``datasketch_bands``).
LSH_BANDS = (16, 4)


@lru_cache(maxsize=1)
def permutations() -> np.ndarray:
    """datasketch's ``affine32`` permutation parameters (a odd, b) for our seed: (2, NUM_PERM) uint32,
    drawn as ``MinHash._init_permutations`` draws them."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


def datasketch_permutations() -> np.ndarray:
    from datasketch import MinHash

    return np.asarray(MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations)


def lsh_bands() -> tuple[int, int]:
    """(bands, rows per band) as datasketch's MinHashLSH picks them for our threshold."""
    return LSH_BANDS


def datasketch_bands() -> tuple[int, int]:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    return int(lsh.b), int(lsh.r)


def shingle_hashes(normalized: str) -> np.ndarray:
    """Distinct 32-bit hashes of the character 5-grams of a normalized text."""
    if len(normalized) < MIN_CHARS:
        return np.empty(0, dtype=np.uint32)
    points = np.frombuffer(normalized.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(points) - SHINGLE + 1
    acc = points[:count].copy()
    for offset in range(1, SHINGLE):
        acc = acc * _POLY + points[offset : offset + count]
    folded = ((acc * _FOLD) >> _SHIFT32).astype(np.uint32)
    folded.sort()
    distinct = np.empty(folded.size, dtype=bool)
    distinct[0] = True
    np.not_equal(folded[1:], folded[:-1], out=distinct[1:])
    return folded[distinct]


def minhash_of(hashes: np.ndarray) -> LeanMinHash:
    from datasketch import LeanMinHash, MinHash

    # ``int`` as hashfunc: our shingle hashes pass through unchanged, at C speed.
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=permutations(), scheme=SCHEME)
    minhash.update_batch(hashes.tolist())
    return LeanMinHash(minhash)


def signatures_of_texts(normalized_texts: Sequence[str], perms: np.ndarray | None = None) -> SignatureBatch:
    """MinHash signatures of many texts at once, equal to datasketch's one text at a time.

    datasketch's ``MinHash.update_batch`` (``affine32``) pre-mixes each shingle hash with the
    MurmurHash3 finalizer and keeps per permutation the minimum of ``a * h + b`` (mod 2^32).
    Here the shingles of a whole block of texts go through that arithmetic as one numpy array
    and ``np.minimum.reduceat`` takes each text's minimum: no Python loop per text or shingle
    (datasketch converts every hash through ``hashfunc`` in Python). A differential test holds
    it to :func:`datasketch_signatures`. ``perms``: :func:`permutations` (computed here if
    not given).
    """
    perms = permutations() if perms is None else perms
    count = len(normalized_texts)
    sigs = np.full((count, NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.zeros(count, dtype=np.int32)
    start = 0
    while start < count:
        end, chars = start, 0
        while end < count and (chars < _BLOCK_CHARS or end == start):
            chars += len(normalized_texts[end])
            end += 1
        rows, hashes = _block_shingles(normalized_texts[start:end])
        if hashes.size:
            _block_minhash(rows, hashes, perms, sigs[start:end], sizes[start:end])
        start = end
    return SignatureBatch(sigs, sizes)


# Texts are signed in blocks of about this many characters (numpy temporaries stay ~10 MB).
_BLOCK_CHARS = 200_000
_PERM_BLOCK = 16_384  # shingles per (shingles x permutations) product


def _block_shingles(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(text row, shingle hash) of the distinct 5-gram hashes of each text, sorted by row then
    hash; texts shorter than ``MIN_CHARS`` have none. Same hashes as :func:`shingle_hashes`."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    lengths[lengths < MIN_CHARS] = 0
    kept = [t for t, n in zip(texts, lengths.tolist(), strict=True) if n]
    if not kept:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)
    points = np.frombuffer("".join(kept).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    total = points.size - SHINGLE + 1
    acc = points[:total].copy()
    for offset in range(1, SHINGLE):
        acc = acc * _POLY + points[offset : offset + total]
    folded = ((acc * _FOLD) >> _SHIFT32).astype(np.uint64)
    # Window i belongs to the text it starts in, if it ends there too.
    windows = np.maximum(lengths - SHINGLE + 1, 0)
    text_starts = np.cumsum(lengths) - lengths
    row_of = np.repeat(np.arange(len(texts), dtype=np.uint64), windows)
    starts = np.repeat(text_starts, windows) + (
        np.arange(windows.sum()) - np.repeat(np.cumsum(windows) - windows, windows)
    )
    keys = (row_of << _SHIFT32) | folded[starts]
    keys.sort()
    distinct = np.empty(keys.size, dtype=bool)
    distinct[0] = True
    np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
    keys = keys[distinct]
    return (keys >> _SHIFT32).astype(np.int64), (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer, as datasketch applies it before its permutations."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def _block_minhash(
    rows: np.ndarray, hashes: np.ndarray, perms: np.ndarray, sigs: np.ndarray, sizes: np.ndarray
) -> None:
    """Fill ``sigs``/``sizes`` of the rows present in ``rows`` (sorted) from their hashes."""
    a, b = perms
    mixed = _fmix32(hashes)
    present, first = np.unique(rows, return_index=True)
    sizes[present] = np.diff(np.r_[first, rows.size]).astype(np.int32)
    # Whole texts per product block, so each reduceat segment lies inside one block.
    bounds = [0]
    for cut in first.tolist()[1:]:
        if cut - bounds[-1] >= _PERM_BLOCK:
            bounds.append(cut)
    bounds.append(rows.size)
    a_col, b_col = a[:, None], b[:, None]
    for lo, hi in itertools.pairwise(bounds):
        # (permutations, shingles): the minimum runs along contiguous rows, much faster than
        # reducing the transposed layout. uint32 arithmetic wraps mod 2^32 as datasketch's does.
        product = a_col * mixed[None, lo:hi] + b_col
        inside = (first >= lo) & (first < hi)
        sigs[present[inside]] = np.minimum.reduceat(product, first[inside] - lo, axis=1).T


def datasketch_signatures(normalized_texts: Sequence[str]) -> SignatureBatch:
    """The reference: datasketch's MinHash fed one text at a time (tests compare against it)."""
    from datasketch import MinHash

    sigs = np.full((len(normalized_texts), NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.zeros(len(normalized_texts), dtype=np.int32)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=permutations(), scheme=SCHEME)
    for row, text in enumerate(normalized_texts):
        hashes = shingle_hashes(text)
        if hashes.size == 0:
            continue
        minhash.clear()
        minhash.update_batch(hashes.tolist())
        sigs[row] = minhash.hashvalues
        sizes[row] = hashes.size
    return SignatureBatch(sigs, sizes)


def signatures_of_items(
    rows: Sequence[tuple[str, str | None, str | None]], perms: np.ndarray | None = None
) -> SignatureBatch:
    """Signatures of (title, content_html, summary) rows. Top-level so worker processes can run it."""
    return signatures_of_texts([normalize_item(title, html, summary) for title, html, summary in rows], perms)


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """One 63-bit key per LSH band: (n, bands) int64, equal keys = same band values."""
    bands, _rows = lsh_bands()
    keys = np.empty((sigs.shape[0], bands), dtype=np.int64)
    for band in range(bands):
        keys[:, band] = band_key(sigs, band)
    return keys


def band_key(sigs: np.ndarray, band: int) -> np.ndarray:
    """The keys of one LSH band: (n,) int64 (a column of :func:`band_keys`). ``sigs`` may be
    a memory map: only that band's columns are read."""
    _bands, rows = lsh_bands()
    n = sigs.shape[0]
    columns = np.asarray(sigs[:, band * rows : (band + 1) * rows]).astype(np.uint64)
    acc = np.full(n, ((band + 1) * int(_FOLD)) & 0xFFFFFFFFFFFFFFFF, dtype=np.uint64)
    for column in range(rows):
        acc = (acc ^ columns[:, column]) * _POLY
        acc ^= acc >> np.uint64(29)
    return (acc >> np.uint64(1)).astype(np.int64)


def estimated_jaccard(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Row-wise MinHash Jaccard estimates of two (m, NUM_PERM) signature arrays."""
    # count_nonzero: no float copy of the (m, NUM_PERM) comparison; k / NUM_PERM is exact.
    return np.count_nonzero(left == right, axis=1) / np.float64(left.shape[1])


def jaccard(left: np.ndarray, right: np.ndarray) -> float:
    """datasketch's estimate for one pair (used in evidence and tests)."""
    from datasketch import LeanMinHash

    a = LeanMinHash(seed=SEED, hashvalues=left, scheme=SCHEME)
    b = LeanMinHash(seed=SEED, hashvalues=right, scheme=SCHEME)
    return float(a.jaccard(b))
