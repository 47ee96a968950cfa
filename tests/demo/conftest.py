"""A demo profile generated once per test session and worker (deterministic; the tests only read it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from cadre_desk.demo import DemoSummary, generate_demo
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.database import Database, open_database

DEMO_NOW = datetime(2026, 11, 23, tzinfo=UTC)
DEMO_ITEMS = 5000


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    paths = DataPaths(tmp_path_factory.mktemp("demo") / "profile").ensure()
    db = open_database(paths)
    summary = generate_demo(db, items=DEMO_ITEMS, now=DEMO_NOW)
    yield db, summary
    db.close()


@pytest.fixture
def demo_db(demo: tuple[Database, DemoSummary]) -> Database:
    return demo[0]


@pytest.fixture
def summary(demo: tuple[Database, DemoSummary]) -> DemoSummary:
    return demo[1]
