"""Requirements, tasks for recent occurrences and 30 days of operation logs."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from cadre_desk.demo.work import demo_priority
from cadre_desk.domain.enums import BurdenCategory, OperationKind, TaskOrigin
from cadre_desk.domain.ids import stable_id
from cadre_desk.domain.recurrence import Recurrence
from cadre_desk.storage.database import Database
from cadre_desk.storage.types import to_ms
from tests.demo.conftest import DEMO_NOW

DAY_MS = 86_400_000


def _rows(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def test_requirements_are_realistic(demo_db: Database) -> None:
    rows = _rows(
        demo_db,
        "SELECT id, operation_kind, rrule, within_hours, expected_minutes, imposed_by, basis,"
        " suggested_flags, source_id FROM requirements",
    )
    kinds = {OperationKind(r[1]) for r in rows}
    assert kinds >= {
        OperationKind.STUDY_CHECKIN,
        OperationKind.FORWARD,
        OperationKind.REPORT,
        OperationKind.SCREENSHOT,
        OperationKind.LIKE,
        OperationKind.GROUP_REPLY,
    }
    for _id, _kind, rule, within, minutes, imposed_by, basis, flags, source_id in rows:
        assert rule or within, "either recurring or due within hours of each pushed item"
        if rule:
            assert Recurrence.parse(rule).dates(date(2026, 11, 1), date(2026, 11, 1), date(2026, 11, 30))
        assert minutes > 0 and imposed_by and basis and source_id
        for flag in json.loads(flags):
            BurdenCategory(flag)
    assert any(r[3] == 1.0 for r in rows), "forward within one hour"
    assert any(r[2] and "WEEKLY" in r[2] for r in rows)


def test_occurrence_tasks_use_stable_ids_and_cover_recent_days(demo_db: Database) -> None:
    rows = _rows(
        demo_db,
        "SELECT t.id, t.requirement_id, t.occurrence_date, t.origin, t.status, t.due_at, t.item_id,"
        " t.completed_at FROM tasks t",
    )
    now_ms = to_ms(DEMO_NOW)
    assert {r[3] for r in rows} == {TaskOrigin.REQUIREMENT}
    occurrence = [r for r in rows if r[6] is None]
    per_item = [r for r in rows if r[6] is not None]
    assert occurrence and per_item
    for task_id, requirement_id, day, *_ in occurrence:
        assert task_id == stable_id(requirement_id, day)
    for task_id, requirement_id, _day, _origin, _status, _due, item_id, _done in per_item:
        assert task_id == stable_id(requirement_id, "item", item_id)
    assert all(now_ms - 9 * DAY_MS < r[5] < now_ms + 4 * DAY_MS for r in occurrence)
    assert {r[4] for r in rows} == {"open", "done"}
    assert all((r[4] == "done") == (r[7] is not None) for r in rows)
    assert any(r[4] == "open" and r[5] > now_ms for r in rows), "upcoming tasks"


def test_task_priorities_are_mostly_normal_with_a_few_marked(demo_db: Database) -> None:
    rows = _rows(demo_db, "SELECT id, priority FROM tasks")
    counts = Counter(priority for _id, priority in rows)
    assert counts[0] > 0.8 * len(rows), counts  # every task carried a "！" before
    assert counts[1] and counts[2] and counts[2] < counts[1], counts
    # Drawn from the id: the same seed gives the same marks.
    assert all(priority == demo_priority(task_id) for task_id, priority in rows)


def test_operation_logs_follow_the_requirements(demo_db: Database) -> None:
    now_ms = to_ms(DEMO_NOW)
    logs = _rows(
        demo_db,
        "SELECT l.performed_at, l.minutes, l.is_checkin, l.operation_kind, r.operation_kind, l.item_id,"
        " i.published_at, l.recorded_at, l.supersedes_id, l.task_id FROM operation_logs l"
        " JOIN requirements r ON r.id = l.requirement_id LEFT JOIN items i ON i.id = l.item_id",
    )
    assert logs
    assert all(now_ms - 31 * DAY_MS <= r[0] < now_ms for r in logs), "30 days of logs, none in the future"
    assert all(r[1] > 0 for r in logs)
    assert all(r[3] == r[4] for r in logs)
    assert all(r[7] >= r[0] for r in logs), "recorded after it was done"
    assert any(r[2] for r in logs) and not all(r[2] for r in logs)
    item_logs = [r for r in logs if r[5]]
    assert item_logs and all(r[0] > r[6] for r in item_logs), "a forward follows the article"
    assert any(r[8] for r in logs), "a correction supersedes an earlier entry"
    assert any(r[9] for r in logs), "recent logs point at their task"
    days = {(r[0] + 8 * 3_600_000) // DAY_MS for r in logs if not r[5]}
    assert len(days) >= 28, "check-ins on (almost) every day"
    daily_minutes = sum(r[1] for r in logs) / 30
    assert 20 < daily_minutes < 240


def test_study_checkin_most_days(demo_db: Database) -> None:
    [(count,)] = _rows(
        demo_db,
        "SELECT count(*) FROM operation_logs WHERE operation_kind = 'study_checkin' AND is_checkin"
        f" AND performed_at >= {to_ms(DEMO_NOW - timedelta(days=30))}",
    )
    assert 22 <= count <= 36  # daily check-in (~90 % done) plus the weekly 清风 check-in


def test_task_service_recognises_the_demo_occurrences(demo_db: Database, tmp_path: Path) -> None:
    """Generating the same window with the app's task service adds no duplicate of a demo task."""
    from cadre_desk.domain.recurrence import china_date
    from cadre_desk.services.oplog import EvidenceStore, OperationLogService
    from cadre_desk.services.tasks import TaskService

    service = TaskService(demo_db, OperationLogService(demo_db, EvidenceStore(tmp_path / "evidence")))
    today = china_date(DEMO_NOW)
    [(before,)] = _rows(demo_db, "SELECT count(*) FROM tasks")
    added = service.generate_occurrences(today - timedelta(days=7), today + timedelta(days=3))
    [(after,)] = _rows(demo_db, "SELECT count(*) FROM tasks")
    assert added.count == after - before == 0 and not added.changes
