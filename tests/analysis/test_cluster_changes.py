"""The rebuild's memory-bounded steps equal what they replaced: the array diff of the cluster
assignment (was a dict diff) and the band sort written from a memory map (was in memory)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from numpy.lib.format import open_memmap

from cadre_desk.services.analysis.cluster_changes import ChangeList, cluster_changes
from cadre_desk.services.analysis.near_dup_index import sorted_bands, write_sorted_bands


def _dict_diff(desired: dict[str, str], current: dict[str, str]) -> set[tuple[str, str | None]]:
    """The rebuild's former code: changed or new members, then the formerly clustered now alone."""
    now = dict(current)
    changes = {(item, cluster) for item, cluster in desired.items() if now.pop(item, None) != cluster}
    return changes | {(item, None) for item in now}


@pytest.mark.parametrize("seed", range(30))
def test_array_diff_equals_dict_diff(seed: int) -> None:
    rng = random.Random(seed)
    ids = [f"{rng.getrandbits(128):032x}" for _ in range(rng.randrange(0, 300))]
    clusters = ids[: max(1, len(ids) // 10)] if ids else ["0" * 32]
    current = {i: rng.choice(clusters) for i in ids if rng.random() < 0.5}
    desired = {i: rng.choice(clusters) for i in ids if rng.random() < 0.5}
    for item in list(desired)[: len(desired) // 2]:  # many unchanged, as in a second rebuild
        if item in current:
            desired[item] = current[item]
    item_ids, new_clusters = cluster_changes(
        np.array(list(desired), dtype="S32"),
        np.array(list(desired.values()), dtype="S32"),
        np.array(list(current), dtype="S32"),
        np.array(list(current.values()), dtype="S32"),
    )
    changes = ChangeList(item_ids, new_clusters)
    assert len(changes) == len(_dict_diff(desired, current))
    assert set(changes[0 : len(changes)]) == _dict_diff(desired, current)
    if len(changes):
        assert changes[0] == changes[0:1][0]


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
