"""MinHash signatures of items: character 5-gram shingles → datasketch MinHash.

Shingle hashing is vectorized with numpy (a polynomial hash over the code points of each
5-character window, folded to 32 bits); datasketch then applies its permutations
(``affine32`` scheme) and keeps the minimum per permutation. ``hashfunc=int`` hands our shingle
hashes to datasketch unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from cadre_desk.domain.text_normalize import normalize_item

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


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@lru_cache(maxsize=1)
def lsh_bands() -> tuple[int, int]:
    """(bands, rows per band) as datasketch's MinHashLSH picks them for our threshold."""
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
    # ``int`` as hashfunc: our shingle hashes pass through unchanged, at C speed.
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch(hashes.tolist())
    return LeanMinHash(minhash)


def signatures_of_texts(normalized_texts: Sequence[str]) -> SignatureBatch:
    sigs = np.full((len(normalized_texts), NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    sizes = np.zeros(len(normalized_texts), dtype=np.int32)
    # One MinHash reused (``clear`` between texts): constructing one per text costs more than
    # hashing a short notice.
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=_permutations(), scheme=SCHEME)
    for row, text in enumerate(normalized_texts):
        hashes = shingle_hashes(text)
        if hashes.size == 0:
            continue
        minhash.clear()
        minhash.update_batch(hashes.tolist())
        sigs[row] = minhash.hashvalues
        sizes[row] = hashes.size
    return SignatureBatch(sigs, sizes)


def signatures_of_items(rows: Sequence[tuple[str, str | None, str | None]]) -> SignatureBatch:
    """Signatures of (title, content_html, summary) rows. Top-level so worker processes can run it."""
    return signatures_of_texts([normalize_item(title, html, summary) for title, html, summary in rows])


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """One 63-bit key per LSH band: (n, bands) int64, equal keys = same band values."""
    bands, rows = lsh_bands()
    n = sigs.shape[0]
    keys = np.zeros((n, bands), dtype=np.uint64)
    wide = sigs.astype(np.uint64)
    for band in range(bands):
        acc = np.full(n, ((band + 1) * int(_FOLD)) & 0xFFFFFFFFFFFFFFFF, dtype=np.uint64)
        for column in range(band * rows, (band + 1) * rows):
            acc = (acc ^ wide[:, column]) * _POLY
            acc ^= acc >> np.uint64(29)
        keys[:, band] = acc
    return (keys >> np.uint64(1)).astype(np.int64)


def estimated_jaccard(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Row-wise MinHash Jaccard estimates of two (m, NUM_PERM) signature arrays."""
    return np.asarray((left == right).mean(axis=1), dtype=np.float64)


def jaccard(left: np.ndarray, right: np.ndarray) -> float:
    """datasketch's estimate for one pair (used in evidence and tests)."""
    a = LeanMinHash(seed=SEED, hashvalues=left, scheme=SCHEME)
    b = LeanMinHash(seed=SEED, hashvalues=right, scheme=SCHEME)
    return float(a.jaccard(b))
