"""Sync fixtures: several real profiles (devices) sharing one pairing key."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.sync import pairing
from tests.sync.helpers import Replica

PAIRING_KEY = "0123456789abcdef" * 4


def replica_factory(base: Path, template: Path) -> tuple[Callable[..., Replica], list[Replica]]:
    made: list[Replica] = []

    def make(name: str, **kwargs: object) -> Replica:
        paths = DataPaths(base / name).ensure()
        shutil.copyfile(template, paths.database)
        secrets = SecretStore(paths.root / "secrets.enc")
        pairing.set_key(secrets, PAIRING_KEY)
        replica = Replica.open(name, paths, secrets, **kwargs)  # type: ignore[arg-type]
        made.append(replica)
        return replica

    return make, made


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Each phase's report on the test item (``item.rep_call``...): a fixture's teardown can tell
    whether the test failed, and then print what explains it (the server's log)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def make_replica(tmp_path: Path, template_database: Path) -> Iterator[Callable[..., Replica]]:
    make, made = replica_factory(tmp_path, template_database)
    yield make
    for replica in made:
        replica.close()


from tests.sync.server_fixtures import (  # noqa: E402 - fixtures shared by the server tests
    live_server,
    postgres_url,
    server_db_url,
    server_process,
    store,
)

__all__ = ["live_server", "postgres_url", "server_db_url", "server_process", "store"]
