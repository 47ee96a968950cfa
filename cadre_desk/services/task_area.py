"""Assembles the task-area services over one profile (used by app.py, the CLI and tests)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.domain.ids import stable_id
from cadre_desk.domain.quick_recurrence import RecurringQuickAdd, parse_recurring
from cadre_desk.domain.recurrence import (
    DEFAULT_DUE,
    Recurrence,
    china_date,
    describe,
    occurrence_due,
    parse_hhmm,
)
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.burden import BurdenService
from cadre_desk.services.oplog import DEFAULT_MAX_BYTES, EvidenceStore, OperationLogService
from cadre_desk.services.reminders import ReminderService, policy_from_settings
from cadre_desk.services.requirements import RequirementDraft, RequirementService
from cadre_desk.services.settings import Settings
from cadre_desk.services.source_lookup import resolve_source
from cadre_desk.services.tasks import TaskService
from cadre_desk.storage.database import Database


@dataclass(frozen=True)
class QuickAdded:
    """What a quick-add line became: a one-off task, or a requirement and its next task."""

    title: str
    task_id: str | None
    requirement_id: str | None = None
    schedule: str = ""  # how a requirement recurs, in Chinese
    due_at: datetime | None = None  # the task's deadline (the next occurrence's, if recurring)
    changes: Changes = NOTHING


@dataclass
class TaskArea:
    requirements: RequirementService
    oplog: OperationLogService
    tasks: TaskService
    burden: BurdenService
    reminders: ReminderService
    settings: Settings
    db: Database

    def resolve_source(self, reference: str) -> str:
        """The source a user named (its name, id or id prefix)."""
        return resolve_source(self.db, reference)

    def default_due_time(self) -> time:
        """Tasks given only a date fall due at the end of the working day (``work.hours_end``)."""
        return parse_hhmm(self.settings.get("work.hours_end")) or DEFAULT_DUE

    def quick_add(
        self,
        text: str,
        *,
        now: datetime | None = None,
        allow_past: bool = False,
        source_id: str | None = None,
    ) -> QuickAdded:
        """One typed line: “每个工作日 学习打卡” becomes a requirement whose tasks are generated;
        “明天下午3点前报送月报” a one-off task."""
        moment = now or datetime.now(UTC)
        recurring = parse_recurring(text, moment)
        if recurring is None:
            added = self.tasks.quick_add(
                text, moment, self.default_due_time(), allow_past=allow_past, source_id=source_id
            )
            row = self.tasks.get(added.id)
            return QuickAdded(row.title, added.id, due_at=row.due_at, changes=added.changes)
        return self.add_requirement(recurring, now=moment, source_id=source_id)

    def add_requirement(
        self,
        recurring: RecurringQuickAdd,
        *,
        now: datetime | None = None,
        source_id: str | None = None,
        operation_kind: str | None = None,
        expected_minutes: float | None = None,
        imposed_by: str | None = None,
        basis: str | None = None,
    ) -> QuickAdded:
        """A requirement from a recurring line, with its tasks for the coming days generated."""
        moment = now or datetime.now(UTC)
        today = china_date(moment)
        draft = RequirementDraft(
            title=recurring.title,
            operation_kind=operation_kind or recurring.operation_kind.value,
            rrule=recurring.rrule,
            due_time=recurring.due_time.strftime("%H:%M") if recurring.due_time else None,
            source_id=source_id,
            imposed_by=imposed_by,
            basis=basis,
        )
        if expected_minutes is not None:
            draft = replace(draft, expected_minutes=expected_minutes)
        created = self.requirements.create(draft, today=today)
        requirement_id = created.id
        generated = self.tasks.generate_occurrences(
            today, today + timedelta(days=self.tasks.upcoming_days), [requirement_id]
        )
        upcoming = Recurrence.parse(recurring.rrule).dates(today, today, today + timedelta(days=400))
        next_day = next((day for day in upcoming if occurrence_due(day, recurring.due_time) >= moment), None)
        return QuickAdded(
            title=recurring.title,
            task_id=stable_id(requirement_id, next_day.isoformat()) if next_day else None,
            requirement_id=requirement_id,
            schedule=describe(recurring.rrule),
            due_at=occurrence_due(next_day, recurring.due_time) if next_day else None,
            changes=created.changes | generated.changes,
        )


def build_task_area(db: Database, paths: DataPaths, settings: Settings) -> TaskArea:
    evidence = EvidenceStore(paths.attachments, max_bytes=DEFAULT_MAX_BYTES)
    oplog = OperationLogService(db, evidence)
    return TaskArea(
        requirements=RequirementService(db),
        oplog=oplog,
        tasks=TaskService(db, oplog),
        burden=BurdenService(db),
        reminders=ReminderService(db, policy_from_settings(settings), paths.root),
        settings=settings,
        db=db,
    )
