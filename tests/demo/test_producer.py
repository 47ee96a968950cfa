"""Items generated in a child process make the same profile, row for row, as in this process."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from cadre_desk.demo import generate_demo
from cadre_desk.demo.producer import ItemsJob, ItemsProducer
from cadre_desk.demo.world import SOURCES
from cadre_desk.domain.hlc import HybridLogicalClock
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.database import Database, open_database

NOW = datetime(2026, 11, 23, tzinfo=UTC)
_SYNC_COLUMNS = {"updated_at_hlc", "device_id", "hlc"}  # this device's clock and id: not the content


def _rows(db: Database, table: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        columns = [
            r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})") if r[1] not in _SYNC_COLUMNS
        ]
        return [
            tuple(r) for r in conn.execute(text(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid"))
        ]


@pytest.mark.slow
def test_child_process_makes_the_same_profile(tmp_path: Path) -> None:
    here, child = (open_database(DataPaths(tmp_path / name).ensure()) for name in ("here", "child"))
    try:
        # Over two chunks, so the queue carries several; mirrors and reposts included.
        a = generate_demo(here, items=12_000, days=30, seed=9, now=NOW, child_process=False)
        b = generate_demo(child, items=12_000, days=30, seed=9, now=NOW, child_process=True)
        assert a.repost_truth == b.repost_truth and a.reposts and a.mirrors
        assert (a.items, a.tasks, a.operation_logs) == (b.items, b.tasks, b.operation_logs)
        for table in ("items", "requirements", "tasks", "operation_logs", "source_stats", "change_log"):
            assert _rows(here, table) == _rows(child, table), table
        with child.engine.connect() as conn:  # stamps of the child's items precede the work's
            last_item = conn.execute(text("SELECT max(updated_at_hlc) FROM items")).scalar()
            first_task = conn.execute(text("SELECT min(updated_at_hlc) FROM tasks")).scalar()
        assert last_item < first_task
    finally:
        here.close()
        child.close()


@pytest.mark.slow
def test_a_failing_child_is_reported_with_its_traceback() -> None:
    broken = dataclasses.replace(SOURCES[0], topics=("no-such-topic",))  # fails at its first item
    job = ItemsJob(
        random.Random(2).getstate(), (broken,), {broken.key: "s1"}, frozenset(), 3000, 5, NOW, False, "d1", 0
    )
    producer = ItemsProducer(job, random.Random(2), HybridLogicalClock(), in_child=True)
    try:
        with pytest.raises(RuntimeError, match="no-such-topic"):
            list(producer.chunks())
    finally:
        producer.close()
