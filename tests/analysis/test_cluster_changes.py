"""The rebuild's memory-bounded steps equal what they replaced: the array diff of the cluster
assignment (was a dict diff) and the band sort written from a memory map (was in memory)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from numpy.lib.format import open_memmap
from sqlalchemy import create_engine

from cadre_desk.services.analysis.cluster_changes import (
    cluster_changes,
    current_clusters,
    rewrite_clusters,
    write_changes,
)
from cadre_desk.services.analysis.near_dup_index import sorted_bands, write_sorted_bands


def _dict_diff(desired: dict[int, int], current: dict[int, int]) -> set[tuple[int, int]]:
    """The rebuild's former code: changed or new members, then the formerly clustered now alone
    (-1: no cluster)."""
    now = dict(current)
    changes = {(item, cluster) for item, cluster in desired.items() if now.pop(item, None) != cluster}
    return changes | {(item, -1) for item in now}


def _assignments(seed: int) -> tuple[dict[int, int], dict[int, int]]:
    rng = random.Random(seed)
    items = rng.sample(range(1, 10_000), rng.randrange(0, 300))
    clusters = items[: max(1, len(items) // 10)] if items else [1]
    current = {i: rng.choice(clusters) for i in items if rng.random() < 0.5}
    desired = {i: rng.choice(clusters) for i in items if rng.random() < 0.5}
    for item in list(desired)[: len(desired) // 2]:  # many unchanged, as in a second rebuild
        if item in current:
            desired[item] = current[item]
    return desired, current


def _arrays(mapping: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    return np.array(list(mapping), dtype=np.int64), np.array(list(mapping.values()), dtype=np.int64)


@pytest.mark.parametrize("seed", range(30))
def test_array_diff_equals_dict_diff(seed: int) -> None:
    desired, current = _assignments(seed)
    changed, wanted = cluster_changes(*_arrays(desired), *_arrays(current))
    assert list(changed) == sorted(changed.tolist())
    assert set(zip(changed.tolist(), wanted.tolist(), strict=True)) == _dict_diff(desired, current)
    assert len(changed) == len(_dict_diff(desired, current))


@pytest.mark.parametrize("seed", range(10))
def test_rewriting_the_table_equals_writing_the_changes(seed: int) -> None:
    """The two ways a rebuild writes (whole table above REWRITE_FROM changes, else row by row)
    leave the same table, and items above the rebuild's watermark keep their rows."""
    desired, current = _assignments(seed)
    above = {20_000 + n: 20_000 for n in range(3)}  # added during the rebuild: untouched
    tables = []
    for whole in (False, True):
        engine = create_engine("sqlite://")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "CREATE TABLE item_clusters (item INTEGER PRIMARY KEY, cluster INTEGER NOT NULL)"
            )
            conn.exec_driver_sql("CREATE INDEX ix_item_clusters_cluster ON item_clusters (cluster)")
            conn.exec_driver_sql(
                "INSERT INTO item_clusters VALUES (?, ?)", list({**current, **above}.items())
            )
            now_items, now_clusters = current_clusters(conn, 10_000)
            assert dict(zip(now_items.tolist(), now_clusters.tolist(), strict=True)) == current
            if whole:
                rewrite_clusters(conn, 10_000, *_arrays(desired))
            else:
                write_changes(conn, *cluster_changes(*_arrays(desired), now_items, now_clusters))
            tables.append(dict(conn.exec_driver_sql("SELECT item, cluster FROM item_clusters").all()))
            plan = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT item FROM item_clusters WHERE cluster = 1"
            ).all()
            assert "ix_item_clusters_cluster" in str(plan)
        engine.dispose()
    assert tables[0] == tables[1] == {**desired, **above}


@pytest.mark.parametrize("seed", range(5))
def test_bands_written_from_a_memory_map_equal_the_in_memory_sort(seed: int, tmp_path: Path) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 2000))
    keys_by_band = open_memmap(tmp_path / "keys.npy", mode="w+", dtype=np.int64, shape=(16, n))
    keys_by_band[:] = rng.integers(0, 50, size=(16, n))  # many equal keys: the stable order matters
    sizes = rng.integers(0, 3, size=n).astype(np.int32)  # some unusable (size 0)
    write_sorted_bands(tmp_path, keys_by_band, sizes)
    expected_pos = sorted_bands(np.asarray(keys_by_band).T, sizes)
    assert np.array_equal(np.load(tmp_path / "band_pos.npy"), expected_pos)
    assert not (tmp_path / "band_keys.npy").exists()  # derivable from the signatures: not stored
    usable = np.flatnonzero(sizes > 0)
    for band in range(16):  # a stable sort of the usable rows by key
        order = usable[np.argsort(np.asarray(keys_by_band[band])[usable], kind="stable")]
        assert np.array_equal(expected_pos[band], order)


def test_band_positions_are_32_bit_and_older_64_bit_segments_still_answer(tmp_path: Path) -> None:
    """Positions take 4 bytes (the analysis folder: 532 -> 468 bytes per item); a segment written
    before, with int64 positions, gives the same candidates."""
    from cadre_desk.services.analysis import signatures as sg
    from cadre_desk.services.analysis.near_dup_index import NearDupIndex

    rng = np.random.default_rng(3)
    n = 300
    sigs = rng.integers(0, 2**32, size=(n, sg.NUM_PERM), dtype=np.uint64).astype(np.uint32)
    sigs[1::3] = sigs[0::3][: len(sigs[1::3])]  # near-duplicates: equal signatures
    batch = sg.SignatureBatch(sigs, np.full(n, 50, dtype=np.int32))
    keys = sg.band_keys(sigs)
    rowids, published = np.arange(1, n + 1, dtype=np.int64), np.zeros(n, dtype=np.int64)
    answers = []
    for widen in (False, True):
        index = NearDupIndex.open(tmp_path / f"index-{widen}")
        index.write_segment(rowids, batch, keys, published)
        index.commit(n)
        folder = index.directory / index.segments[0].name
        assert np.load(folder / "band_pos.npy").dtype == np.int32
        if widen:  # as an older version wrote it
            np.save(folder / "band_pos.npy", np.load(folder / "band_pos.npy").astype(np.int64))
        reopened = NearDupIndex.open(index.directory)
        ((_seg, queries, positions),) = reopened.candidates(keys[:30])
        answers.append(sorted(zip(queries.tolist(), positions.tolist(), strict=True)))
    assert answers[0] == answers[1] and len(answers[0]) > 30


@pytest.mark.parametrize("seed", range(6))
def test_bucket_starts_without_stored_keys_equal_searchsorted_over_the_sorted_keys(seed: int) -> None:
    """Look-ups compute the keys of the rows they probe from the signatures: the same bucket
    starts and (capped) sizes as ``searchsorted`` over the sorted keys the index used to store."""
    from cadre_desk.services.analysis import signatures as sg
    from cadre_desk.services.analysis.near_dup_index import MAX_BUCKET_PAIRS, bucket_starts, sorted_bands

    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 600))
    base = rng.integers(0, 2**32, size=(max(n // 20, 1), sg.NUM_PERM), dtype=np.uint64).astype(np.uint32)
    sigs = base[rng.integers(0, base.shape[0], n)] if n else np.empty((0, sg.NUM_PERM), dtype=np.uint32)
    noise = rng.random(sigs.shape) < rng.choice([0.0, 0.05, 0.5])  # buckets of every size
    sigs[noise] = rng.integers(0, 2**32, size=int(noise.sum()), dtype=np.uint64).astype(np.uint32)
    sizes = rng.integers(0, 3, n).astype(np.int32)  # some rows unusable (not in the bands)
    keys = sg.band_keys(sigs)
    band_pos = sorted_bands(keys, sizes)
    queries = np.concatenate([keys[rng.integers(0, max(n, 1), 50)] if n else keys, sg.band_keys(base)])
    queries[::7] = -1  # an unusable query row
    for band in range(keys.shape[1]):
        sorted_keys = keys[band_pos[band], band]
        want_lo = np.searchsorted(sorted_keys, queries[:, band], side="left")
        want_hi = np.minimum(
            np.searchsorted(sorted_keys, queries[:, band], side="right"), want_lo + MAX_BUCKET_PAIRS
        )
        lo, counts = bucket_starts(sigs, band_pos[band], band, queries[:, band])
        found = counts > 0
        assert np.array_equal(counts, want_hi - want_lo)
        assert np.array_equal(lo[found], want_lo[found])  # where a bucket exists, it starts there


def test_segments_written_with_stored_keys_still_answer_and_lose_the_keys_on_commit(tmp_path: Path) -> None:
    """Segments written before keep working; their band_keys.npy (128 bytes per item) goes."""
    from cadre_desk.services.analysis import signatures as sg
    from cadre_desk.services.analysis.near_dup_index import NearDupIndex

    rng = np.random.default_rng(5)
    n = 400
    sigs = rng.integers(0, 2**32, size=(n, sg.NUM_PERM), dtype=np.uint64).astype(np.uint32)
    sigs[1::4] = sigs[0::4][: len(sigs[1::4])]
    batch = sg.SignatureBatch(sigs, np.full(n, 50, dtype=np.int32))
    keys = sg.band_keys(sigs)
    index = NearDupIndex.open(tmp_path)
    index.write_segment(np.arange(1, n + 1, dtype=np.int64), batch, keys, np.zeros(n, dtype=np.int64))
    index.commit(n)
    before = NearDupIndex.open(tmp_path).candidates(keys[:40])
    folder = tmp_path / index.segments[0].name
    band_pos = np.load(folder / "band_pos.npy")
    old_keys = np.stack([keys[band_pos[b], b] for b in range(band_pos.shape[0])])
    np.save(folder / "band_keys.npy", old_keys)  # as an older version wrote it
    reopened = NearDupIndex.open(tmp_path)
    after = reopened.candidates(keys[:40])
    assert [(s, q.tolist(), p.tolist()) for s, q, p in after] == [
        (s, q.tolist(), p.tolist()) for s, q, p in before
    ]
    assert len(before[0][1]) > 40
    reopened.commit(n)
    assert not (folder / "band_keys.npy").exists()
