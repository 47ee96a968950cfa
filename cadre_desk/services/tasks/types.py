"""The task service's values: views, rows, day bounds and counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.domain.task_errors import NotFoundError
from cadre_desk.services.oplog import OperationLogService
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Task
from cadre_desk.storage.types import from_ms

FALLBACK_ANCHOR = date(2024, 1, 1)  # same on every device when a requirement has no start date
PAGE_SIZE = 200


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str
    due_at: datetime | None
    snoozed_until: datetime | None
    priority: int
    status: str
    origin: str
    completed_at: datetime | None
    requirement_id: str | None
    source_id: str | None
    source_name: str | None
    item_id: str | None
    operation_kind: str | None
    expected_minutes: float | None
    has_notes: bool
    sort_ms: int  # the key the view is ordered by (with id)

    @property
    def effective_at(self) -> datetime | None:
        if self.snoozed_until and (self.due_at is None or self.snoozed_until > self.due_at):
            return self.snoozed_until
        return self.due_at

    @property
    def key(self) -> tuple[int, str]:
        return (self.sort_ms, self.id)


@dataclass(frozen=True)
class DayBounds:
    start: datetime
    end: datetime

    @classmethod
    def of(cls, day: date) -> DayBounds:
        start = datetime.combine(day, time.min, tzinfo=CHINA_TZ)
        return cls(start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC))


@dataclass(frozen=True)
class TaskCounts:
    today: int
    overdue: int
    upcoming: int
    done_today: int
    minutes_today: float


def ms_to_datetime(value: int | None) -> datetime | None:
    return from_ms(value) if value else None


class _TaskStore:
    """What the three parts of the task service share: the database and the operation log."""

    _db: Database
    _oplog: OperationLogService
    upcoming_days: int

    def _load(self, session: Session, task_id: str) -> Task:
        task = session.get(Task, task_id)
        if task is None or task.deleted:
            raise NotFoundError("找不到这项任务。")
        return task
