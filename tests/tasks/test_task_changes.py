"""Each task-area command says what it changed (a ``Changes`` or a result carrying one).

The windows refresh from these values alone, so a command that writes tasks but answers
``requirements`` would leave the task list stale: each case checks the rows as well.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount
from cadre_desk.domain.enums import OperationKind, TaskStatus
from cadre_desk.domain.quick_recurrence import parse_recurring
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.oplog import LogDraft
from cadre_desk.services.requirements import RequirementDraft
from cadre_desk.services.settings import Settings
from cadre_desk.services.task_area import build_task_area
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import OperationLog, Requirement, Task
from tests.factories import add_items, add_source

TASKS = Changes(tasks=True)
LOGS = Changes(operation_logs=True)
REQUIREMENTS = Changes(requirements=True)
TODAY = date(2026, 11, 23)


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_task_commands_name_tasks_and_logs(db: Database, data_paths: DataPaths) -> None:
    area = build_task_area(db, data_paths, Settings(db))
    created = area.tasks.create("报送月报", datetime.now(UTC) + timedelta(days=1))
    assert created.changes == TASKS and area.tasks.get(created.id).title == "报送月报"
    task = created.id
    assert area.tasks.set_priority(task, 2) == TASKS
    assert area.tasks.set_notes(task, "附照片") == TASKS
    assert area.tasks.set_due(task, datetime.now(UTC) + timedelta(days=2)) == TASKS
    assert area.tasks.snooze([task], datetime.now(UTC) + timedelta(hours=3)) == TASKS
    logs_before = _count(db, OperationLog)
    done = area.tasks.complete(task, minutes=5)
    assert done.changes == TASKS | LOGS and area.oplog.get(done.id).task_id == task
    assert _count(db, OperationLog) == logs_before + 1
    assert area.tasks.reopen(task, "没交上") == TASKS | LOGS
    assert area.tasks.get(task).status == TaskStatus.OPEN
    assert area.tasks.cancel(task) == TASKS


def test_item_task_twice_changes_nothing_the_second_time(db: Database, data_paths: DataPaths) -> None:
    area = build_task_area(db, data_paths, Settings(db))
    source = add_source(db)
    (item,) = add_items(db, source, 1)
    first = area.tasks.create_from_item(item)
    again = area.tasks.create_from_item(item)
    assert (first.changes, again.changes) == (TASKS, NOTHING) and first.id == again.id
    assert area.tasks.link_item(area.tasks.create("手动").id, item) == TASKS


def test_log_commands_name_the_log_only(db: Database, data_paths: DataPaths) -> None:
    area = build_task_area(db, data_paths, Settings(db))
    recorded = area.oplog.record(LogDraft(OperationKind.READ, minutes=2))
    corrected = area.oplog.correct(recorded.id, LogDraft(OperationKind.READ, minutes=3))
    retracted = area.oplog.retract(corrected.id, "记错了")
    assert {recorded.changes, corrected.changes, retracted.changes} == {LOGS}
    assert len({recorded.id, corrected.id, retracted.id}) == 3
    assert area.oplog.get(retracted.id).retracted


def test_requirement_commands_and_their_occurrences(db: Database, data_paths: DataPaths) -> None:
    area = build_task_area(db, data_paths, Settings(db))
    draft = RequirementDraft("每日学习打卡", OperationKind.STUDY_CHECKIN, "FREQ=DAILY", starts_on=TODAY)
    created = area.requirements.create(draft, today=TODAY)
    assert created.changes == REQUIREMENTS and _count(db, Task) == 0  # no task until generated
    generated = area.tasks.generate_occurrences(TODAY, TODAY + timedelta(days=2))
    assert (generated.count, generated.changes) == (3, TASKS) and _count(db, Task) == 3
    assert area.tasks.generate_occurrences(TODAY, TODAY + timedelta(days=2)).changes == NOTHING
    assert area.requirements.update(created.id, draft, today=TODAY) == REQUIREMENTS
    assert area.requirements.set_active(created.id, False) == REQUIREMENTS
    assert area.requirements.confirm_flag(created.id, "excessive_evidence") == REQUIREMENTS
    assert area.requirements.dismiss_flag(created.id, "excessive_evidence") == REQUIREMENTS
    assert area.requirements.refresh_all_suggestions().changes == REQUIREMENTS
    assert area.tasks.reschedule(created.id, TODAY).changes == TASKS
    assert area.requirements.remove(created.id) == REQUIREMENTS
    with db.session() as session:
        assert session.get(Requirement, created.id).deleted  # type: ignore[union-attr]


def test_completing_many_counts_and_names_what_it_wrote(db: Database, data_paths: DataPaths) -> None:
    area = build_task_area(db, data_paths, Settings(db))
    ids = [area.tasks.create(f"任务{n}").id for n in range(3)]
    done = area.tasks.complete_many(ids)
    assert (done.count, done.changes) == (3, TASKS | LOGS) and _count(db, OperationLog) == 3
    again = area.tasks.complete_many(ids)
    assert (again.count, again.changes) == (0, NOTHING) and _count(db, OperationLog) == 3


def test_quick_add_says_whether_a_requirement_was_made(db: Database, data_paths: DataPaths) -> None:
    area = build_task_area(db, data_paths, Settings(db))
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    one_off = area.quick_add("明天下午3点前报送月报", now=now)
    assert one_off.changes == TASKS and one_off.requirement_id is None
    recurring = parse_recurring("每个工作日 学习打卡", now)
    assert recurring is not None
    repeated = area.add_requirement(recurring, now=now)
    assert repeated.changes == REQUIREMENTS | TASKS and repeated.requirement_id
    area.tasks.refresh(TODAY)
    assert area.tasks.refresh(TODAY) == ChangesWithCount(0, NOTHING)  # the window stays as it is
