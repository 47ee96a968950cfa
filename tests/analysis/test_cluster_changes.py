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
    expected_keys, expected_pos = sorted_bands(np.asarray(keys_by_band).T, sizes)
    assert np.array_equal(np.load(tmp_path / "band_keys.npy"), expected_keys)
    assert np.array_equal(np.load(tmp_path / "band_pos.npy"), expected_pos)


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
