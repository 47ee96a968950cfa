"""Reading tasks: the four views (keyset pages), counts, one task and its notes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select

from cadre_desk.domain.enums import TaskStatus, TaskView
from cadre_desk.domain.recurrence import (
    china_date,
)
from cadre_desk.domain.task_errors import NotFoundError
from cadre_desk.services.tasks.types import PAGE_SIZE, DayBounds, TaskCounts, TaskRow, _TaskStore
from cadre_desk.storage.models import Requirement, Source, Task
from cadre_desk.storage.types import to_ms


class TaskQueries(_TaskStore):
    def _base_query(self) -> Any:
        return (
            select(
                Task.id,
                Task.title,
                Task.due_at,
                Task.snoozed_until,
                Task.priority,
                Task.status,
                Task.origin,
                Task.completed_at,
                Task.requirement_id,
                Task.source_id,
                Source.name,
                Task.item_id,
                Requirement.operation_kind,
                Requirement.expected_minutes,
                Task.notes.is_not(None),
            )
            .outerjoin(Source, Source.id == Task.source_id)
            .outerjoin(Requirement, Requirement.id == Task.requirement_id)
            .where(Task.deleted.is_(False))
        )

    def page(
        self,
        view: TaskView,
        today: date | None = None,
        after: tuple[int, str] | None = None,
        limit: int = PAGE_SIZE,
    ) -> list[TaskRow]:
        """One page of a view, keyset-paged by ``(sort_ms, id)``."""
        bounds = DayBounds.of(today or china_date(datetime.now(UTC)))
        start_ms, end_ms = to_ms(bounds.start), to_ms(bounds.end)
        open_ = Task.status == TaskStatus.OPEN.value
        # The moment a task counts at: its due time, or later if snoozed past it.
        effective = case(
            (
                and_(
                    Task.snoozed_until.is_not(None),
                    or_(Task.due_at.is_(None), Task.snoozed_until > Task.due_at),
                ),
                Task.snoozed_until,
            ),
            else_=Task.due_at,
        )
        query = self._base_query()
        descending = False
        sort: Any
        if view == TaskView.TODAY:
            sort = func.coalesce(effective, end_ms)  # undated tasks sit at the end of today
            query = query.where(
                open_,
                or_(
                    and_(Task.due_at >= start_ms, Task.due_at < end_ms),
                    and_(Task.snoozed_until >= start_ms, Task.snoozed_until < end_ms),
                    and_(Task.due_at.is_(None), Task.snoozed_until.is_(None)),
                ),
                or_(effective.is_(None), and_(effective >= start_ms, effective < end_ms)),
            )
        elif view == TaskView.OVERDUE:
            sort = effective
            query = query.where(open_, Task.due_at < start_ms, effective < start_ms)
        elif view == TaskView.UPCOMING:
            sort = effective
            horizon = to_ms(bounds.end + timedelta(days=max(self.upcoming_days, 1) * 4))
            query = query.where(
                open_,
                or_(
                    and_(Task.due_at >= end_ms, Task.due_at < horizon),
                    and_(Task.snoozed_until >= end_ms, Task.snoozed_until < horizon),
                ),
                effective >= end_ms,
            )
        else:
            sort = Task.completed_at
            descending = True
            query = query.where(Task.status == TaskStatus.DONE.value, Task.completed_at.is_not(None))
        query = query.add_columns(sort)
        if after is not None:
            after_ms, after_id = after
            if descending:
                query = query.where(or_(sort < after_ms, and_(sort == after_ms, Task.id < after_id)))
            else:
                query = query.where(or_(sort > after_ms, and_(sort == after_ms, Task.id > after_id)))
        if descending:
            query = query.order_by(sort.desc(), Task.id.desc())
        elif view == TaskView.TODAY:
            query = query.order_by(sort, Task.id)
        else:
            query = query.order_by(sort, Task.id)
        with self._db.session() as session:
            rows = session.execute(query.limit(limit)).all()
        return [self._row(r) for r in rows]

    @staticmethod
    def _row(r: Any) -> TaskRow:
        sort_raw = r[15]
        sort_ms = sort_raw if isinstance(sort_raw, int) else (to_ms(sort_raw) if sort_raw else 0)
        return TaskRow(
            id=r[0],
            title=r[1],
            due_at=r[2],
            snoozed_until=r[3],
            priority=r[4] or 0,
            status=r[5],
            origin=r[6],
            completed_at=r[7],
            requirement_id=r[8],
            source_id=r[9],
            source_name=r[10],
            item_id=r[11],
            operation_kind=r[12],
            expected_minutes=r[13],
            has_notes=bool(r[14]),
            sort_ms=int(sort_ms),
        )

    def counts(self, today: date | None = None) -> TaskCounts:
        day = today or china_date(datetime.now(UTC))
        bounds = DayBounds.of(day)
        start_ms, end_ms = to_ms(bounds.start), to_ms(bounds.end)
        open_ = and_(Task.status == TaskStatus.OPEN.value, Task.deleted.is_(False))
        with self._db.session() as session:
            due_today = session.scalar(
                select(func.count()).where(
                    open_,
                    or_(
                        and_(Task.due_at >= start_ms, Task.due_at < end_ms),
                        and_(Task.due_at.is_(None), Task.snoozed_until.is_(None)),
                    ),
                    or_(Task.snoozed_until.is_(None), Task.snoozed_until < end_ms),
                )
            )
            overdue = session.scalar(
                select(func.count()).where(
                    open_,
                    Task.due_at < start_ms,
                    or_(Task.snoozed_until.is_(None), Task.snoozed_until < start_ms),
                )
            )
            upcoming = session.scalar(select(func.count()).where(open_, Task.due_at >= end_ms))
            done_today = session.scalar(
                select(func.count()).where(
                    Task.status == TaskStatus.DONE.value,
                    Task.deleted.is_(False),
                    Task.completed_at >= start_ms,
                    Task.completed_at < end_ms,
                )
            )
        return TaskCounts(
            today=int(due_today or 0),
            overdue=int(overdue or 0),
            upcoming=int(upcoming or 0),
            done_today=int(done_today or 0),
            minutes_today=self._oplog.minutes_on(day),
        )

    def get(self, task_id: str) -> TaskRow:
        query = self._base_query().add_columns(Task.due_at).where(Task.id == task_id)
        with self._db.session() as session:
            found = session.execute(query).first()
        if found is None:
            raise NotFoundError("找不到这项任务。")
        return self._row(found)

    def notes(self, task_id: str) -> str:
        with self._db.session() as session:
            task = self._load(session, task_id)
            return task.notes or ""

    # ----------------------------------------------------------------- creating
