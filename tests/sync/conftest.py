"""Sync fixtures: several real profiles (devices) sharing one pairing key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.sync import pairing
from tests.sync.helpers import Replica

PAIRING_KEY = "0123456789abcdef" * 4


@pytest.fixture
def make_replica(tmp_path: Path) -> Iterator[Callable[..., Replica]]:
    made: list[Replica] = []

    def make(name: str, **kwargs: object) -> Replica:
        paths = DataPaths(tmp_path / name).ensure()
        secrets = SecretStore(paths.root / "secrets.enc")
        pairing.set_key(secrets, PAIRING_KEY)
        replica = Replica.open(name, paths, secrets, **kwargs)  # type: ignore[arg-type]
        made.append(replica)
        return replica

    yield make
    for replica in made:
        replica.close()
