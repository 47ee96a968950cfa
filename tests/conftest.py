"""Shared fixtures: a real SQLite file per test, offscreen Qt, an in-memory keyring."""

from __future__ import annotations

import gc
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.fonts=false")

import cadre_desk.ui  # noqa: F401  (reserves references to None before any Qt call: see there)
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.database import Database, open_database

# Hypothesis: no per-example deadline and no "too slow" check by default. Both measure wall time,
# which a shared 2-core machine stretches many times over (a 200 ms deadline turns a paused test
# into DeadlineExceeded or Flaky). Example counts stay as each test sets them.
settings.register_profile("cadre", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "cadre"))


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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After each test, on the main thread: collect its cycles, then freeze what survives.

    Runs once the test's fixtures are torn down and pytest has let go of their values, so a
    test's closed windows and databases are freed here, before the next test starts background
    threads (a collection in a worker thread that frees Qt objects crashes Qt). Freezing the
    survivors (session and module fixtures, caches) keeps each later collection to the objects
    the next test made: collecting the whole heap after every Qt test walked 300,000-600,000
    live objects each time, 0.3-2 s per test, a fifth of the suite's CPU. What a module
    fixture leaves in cycles when it ends stays in memory (a few per module)."""
    yield
    gc.collect()
    gc.freeze()


# A real server or another process behind a fixture makes a test slow, wherever it sits.
SLOW_FIXTURES = frozenset({"dovecot", "server_process", "postgres_url"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if uses & SLOW_FIXTURES or item.get_closest_marker("postgres"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def logging_left_as_found() -> Iterator[None]:
    """What a test configures in logging goes with it. ``cadre-desk-server serve`` run in-process
    (refusing its arguments) once left 'cadre_desk' with propagate=False and a handler on that
    test's captured stderr: later tests in the worker got '--- Logging error ---' in their
    output (test_tasks_add_list_complete_and_log failed so) and caplog saw no cadre_desk record.
    pytest's own capture handlers on the root logger come and go per phase and are left alone."""
    package, root = logging.getLogger("cadre_desk"), logging.getLogger()
    saved = (package.level, package.propagate, list(package.handlers), root.level, set(root.handlers))
    yield
    package.setLevel(saved[0])
    package.propagate = saved[1]
    package.handlers[:] = saved[2]
    root.setLevel(saved[3])
    for handler in set(root.handlers) - saved[4]:
        if not type(handler).__module__.startswith("_pytest"):
            root.removeHandler(handler)


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


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database without a device row, made once per worker: copying it is
    ~10 ms of CPU, migrating a new file ~100 ms (and ~0.5 s of wall time on a busy machine)."""
    paths = DataPaths(tmp_path_factory.mktemp("template")).ensure()
    database = open_database(paths)
    with database.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM device")
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return paths.database


@pytest.fixture
def db(data_paths: DataPaths, template_database: Path) -> Iterator[Database]:
    """A fresh profile's database (a copy of the migrated template, opened as the app opens
    it: schema check, triggers, a new device id). tests/storage migrates real files itself."""
    shutil.copyfile(template_database, data_paths.database)
    database = open_database(data_paths)
    yield database
    database.close()
