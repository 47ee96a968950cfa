"""Shared fixtures: a real SQLite file per test, offscreen Qt, an in-memory keyring."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts=false")

import cadre_desk.ui  # noqa: F401  (reserves references to None before any Qt call: see there)
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.database import Database, open_database


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps secrets in memory (tests only)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True, scope="session")
def gui_thread_garbage_collection() -> Iterator[None]:
    """The app's collection policy (cadre_desk.ui.gc_guard): cycles are collected only on the
    main thread. A collection that starts in a background job's thread and frees a closed
    window's widgets crashes Qt. Everything imported so far is frozen, so later collections do
    not walk the hundreds of thousands of module-level objects (Qt bindings, SQLAlchemy...)."""
    gc.disable()
    gc.freeze()
    yield
    gc.unfreeze()
    gc.enable()


# Young garbage tolerated between full collections for tests that never touch Qt.
PURE_TEST_GARBAGE = 200_000


@pytest.fixture(autouse=True)
def collect_after_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Collect cycles on the main thread where they may hold Qt objects.

    A test that used Qt (``qtbot``/``qapp``) leaves closed windows in cycles: collect them here,
    on the main thread, before the next test starts background threads. A pure test's garbage
    holds no Qt object; it is collected only once enough has piled up (collecting after every
    test cost ~75 % of the suite's time)."""
    yield
    uses_qt = bool({"qtbot", "qapp"} & set(request.fixturenames))
    if uses_qt or gc.get_count()[0] > PURE_TEST_GARBAGE:
        gc.collect()


# A real server or another process behind a fixture makes a test slow, wherever it sits.
SLOW_FIXTURES = frozenset({"dovecot", "server_process", "postgres_url"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if uses & SLOW_FIXTURES or item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "profile").ensure()


@pytest.fixture
def db(data_paths: DataPaths) -> Iterator[Database]:
    database = open_database(data_paths)
    yield database
    database.close()
