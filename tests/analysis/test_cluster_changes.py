"""The array diff of a rebuild's cluster assignment equals the dict diff it replaced."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cadre_desk.services.analysis.cluster_changes import ChangeList, cluster_changes


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
