"""Tasks: occurrences of requirements, tasks from inbox items and by hand; the four views.

Occurrence tasks get ``stable_id(requirement_id, "YYYY-MM-DD")`` (per-item ones
``stable_id(requirement_id, "item", item_id)``) and are inserted with ``ON CONFLICT DO
NOTHING``: generating twice, on two devices, or after a sync never makes a second row
(Taskwarrior #1290, Super Productivity #6398). A cancelled occurrence is a tombstone with the
same id, so it is not generated again either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cadre_desk.domain.enums import OperationKind, TaskOrigin, TaskStatus
from cadre_desk.domain.ids import new_id, stable_id
from cadre_desk.domain.quick_add import QuickAddResult, parse_quick_add
from cadre_desk.domain.recurrence import (
    CHINA_TZ,
    Recurrence,
    china_date,
    due_after_item,
    occurrence_due,
    parse_hhmm,
)
from cadre_desk.domain.task_errors import NotFoundError, PastDueError, QuickAddError
from cadre_desk.services.oplog import LogDraft, OperationLogService
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Requirement, Source, Task
from cadre_desk.storage.types import from_ms, to_ms

FALLBACK_ANCHOR = date(2024, 1, 1)  # same on every device when a requirement has no start date
PAGE_SIZE = 200


class TaskView(StrEnum):
    TODAY = "today"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"
    DONE = "done"


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


def _insert(db: Database) -> Any:
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    return sqlite_insert


class TaskService:
    def __init__(self, db: Database, oplog: OperationLogService, upcoming_days: int = 14) -> None:
        self._db = db
        self._oplog = oplog
        self.upcoming_days = upcoming_days

    # ----------------------------------------------------------------- occurrences

    def generate_occurrences(
        self, start: date, end: date, requirement_ids: Sequence[str] | None = None
    ) -> int:
        """Create the occurrence tasks of active requirements in ``[start, end]``; returns how
        many rows were new. Idempotent."""
        query = select(Requirement).where(
            Requirement.deleted.is_(False), Requirement.active.is_(True), Requirement.rrule.is_not(None)
        )
        if requirement_ids is not None:
            query = query.where(Requirement.id.in_(list(requirement_ids)))
        now = datetime.now(UTC)
        rows: list[dict[str, Any]] = []
        with self._db.session() as session:
            for req in session.scalars(query):
                anchor = china_date(req.starts_on) if req.starts_on else FALLBACK_ANCHOR
                last = min(end, china_date(req.ends_on)) if req.ends_on else end
                due_time = parse_hhmm(req.due_time)
                for day in Recurrence.parse(req.rrule or "").dates(anchor, start, last):
                    rows.append(
                        {
                            "id": stable_id(req.id, day.isoformat()),
                            "title": req.title,
                            "origin": TaskOrigin.REQUIREMENT.value,
                            "due_at": occurrence_due(day, due_time),
                            "priority": 0,
                            "status": TaskStatus.OPEN.value,
                            "requirement_id": req.id,
                            "occurrence_date": day.isoformat(),
                            "source_id": req.source_id,
                            "created_at": now,
                        }
                    )
            return self._insert_new(session, rows)

    def generate_item_tasks(self, since: datetime, until: datetime | None = None) -> int:
        """Tasks for "within N hours of a new item" requirements, one per new item."""
        now = datetime.now(UTC)
        rows: list[dict[str, Any]] = []
        with self._db.session() as session:
            reqs = session.scalars(
                select(Requirement).where(
                    Requirement.deleted.is_(False),
                    Requirement.active.is_(True),
                    Requirement.rrule.is_(None),
                    Requirement.within_hours.is_not(None),
                    Requirement.source_id.is_not(None),
                )
            ).all()
            for req in reqs:
                lower = max(since, req.starts_on) if req.starts_on else since
                items = select(Item.id, Item.title, Item.published_at).where(
                    Item.source_id == req.source_id,
                    Item.deleted.is_(False),
                    Item.published_at >= to_ms(lower),
                )
                if until is not None:
                    items = items.where(Item.published_at < to_ms(until))
                if req.ends_on is not None:
                    items = items.where(Item.published_at < to_ms(req.ends_on + timedelta(days=1)))
                for item_id, item_title, published in session.execute(items):
                    rows.append(
                        {
                            "id": stable_id(req.id, "item", item_id),
                            "title": f"{req.title}：{item_title}"[:500],
                            "origin": TaskOrigin.REQUIREMENT.value,
                            "due_at": due_after_item(published, req.within_hours or 1),
                            "priority": 1,
                            "status": TaskStatus.OPEN.value,
                            "requirement_id": req.id,
                            "occurrence_date": china_date(published).isoformat(),
                            "item_id": item_id,
                            "source_id": req.source_id,
                            "created_at": now,
                        }
                    )
            return self._insert_new(session, rows)

    def refresh(self, today: date | None = None) -> int:
        """What the app runs at start and each morning: a rolling window of occurrences."""
        day = today or china_date(datetime.now(UTC))
        created = self.generate_occurrences(day - timedelta(days=7), day + timedelta(days=self.upcoming_days))
        created += self.generate_item_tasks(DayBounds.of(day - timedelta(days=7)).start)
        return created

    def retire_future(self, requirement_id: str, today: date | None = None) -> int:
        """Tombstone open, untouched future occurrences (after a rule change or retirement)."""
        start = DayBounds.of(today or china_date(datetime.now(UTC))).end
        with self._db.session() as session:
            result = session.execute(
                update(Task)
                .where(
                    Task.requirement_id == requirement_id,
                    Task.status == TaskStatus.OPEN.value,
                    Task.deleted.is_(False),
                    Task.due_at >= to_ms(start),
                    Task.notes.is_(None),
                )
                .values(deleted=True, **self._db.stamp_columns())
                .execution_options(synchronize_session=False)
            )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def reschedule(self, requirement_id: str, today: date | None = None) -> int:
        """After editing a requirement: drop its future occurrences and generate the new ones.

        Regenerated occurrences reuse their ids; a tombstoned one is revived."""
        day = today or china_date(datetime.now(UTC))
        self.retire_future(requirement_id, day)
        with self._db.session() as session:
            session.execute(
                update(Task)
                .where(Task.requirement_id == requirement_id, Task.deleted.is_(True))
                .where(Task.due_at >= to_ms(DayBounds.of(day).end))
                .values(deleted=False, **self._db.stamp_columns())
                .execution_options(synchronize_session=False)
            )
        # Revived rows outside the new schedule are tombstoned again by a second pass.
        created = self.generate_occurrences(
            day, day + timedelta(days=self.upcoming_days), requirement_ids=[requirement_id]
        )
        self._tombstone_off_schedule(requirement_id, day)
        return created

    def _tombstone_off_schedule(self, requirement_id: str, day: date) -> None:
        end = day + timedelta(days=self.upcoming_days)
        with self._db.session() as session:
            req = session.get(Requirement, requirement_id)
            if req is None:
                return
            wanted: set[str] = set()
            if req.rrule and req.active and not req.deleted:
                anchor = china_date(req.starts_on) if req.starts_on else FALLBACK_ANCHOR
                wanted = {
                    stable_id(req.id, d.isoformat())
                    for d in Recurrence.parse(req.rrule).dates(anchor, day + timedelta(days=1), end)
                }
            stale = session.scalars(
                select(Task.id).where(
                    Task.requirement_id == requirement_id,
                    Task.deleted.is_(False),
                    Task.status == TaskStatus.OPEN.value,
                    Task.item_id.is_(None),
                    Task.due_at >= to_ms(DayBounds.of(day).end),
                )
            ).all()
            drop = [task_id for task_id in stale if task_id not in wanted]
            if drop:
                session.execute(
                    update(Task)
                    .where(Task.id.in_(drop))
                    .values(deleted=True, **self._db.stamp_columns())
                    .execution_options(synchronize_session=False)
                )

    def _insert_new(self, session: Session, rows: list[dict[str, Any]]) -> int:
        """Insert the rows whose id is not there yet (tombstones count as there)."""
        if not rows:
            return 0
        existing: set[str] = set()
        ids = [row["id"] for row in rows]
        for start in range(0, len(ids), 900):  # stay under SQLite's parameter limit
            existing.update(session.scalars(select(Task.id).where(Task.id.in_(ids[start : start + 900]))))
        fresh = [{**row, **self._db.stamp_columns()} for row in rows if row["id"] not in existing]
        if not fresh:
            return 0
        # ON CONFLICT DO NOTHING still guards against a row another writer added meanwhile.
        statement = _insert(self._db)(Task).on_conflict_do_nothing(index_elements=["id"])
        session.execute(statement, fresh)
        return len(fresh)

    # ----------------------------------------------------------------- views

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

    def parse(
        self, text: str, now: datetime | None = None, default_time: time = time(17, 30)
    ) -> QuickAddResult:
        return parse_quick_add(text, now or datetime.now(UTC), default_time)

    def quick_add(
        self,
        text: str,
        now: datetime | None = None,
        default_time: time = time(17, 30),
        allow_past: bool = False,
        source_id: str | None = None,
    ) -> str:
        """Create a task from one typed line; a date in the past needs ``allow_past``."""
        parsed = self.parse(text, now, default_time)
        if parsed.in_past and not allow_past:
            due = parsed.due_local()
            raise PastDueError(f"“{'、'.join(parsed.recognized)}”是过去的时间（{due:%m月%d日 %H:%M}）。")
        return self.create(parsed.title, parsed.due_at, priority=parsed.priority, source_id=source_id)

    def create(
        self,
        title: str,
        due_at: datetime | None = None,
        *,
        priority: int = 0,
        notes: str | None = None,
        item_id: str | None = None,
        source_id: str | None = None,
        origin: str = TaskOrigin.MANUAL,
        task_id: str | None = None,
    ) -> str:
        if not title.strip():
            raise QuickAddError("任务内容不能为空。")
        task = Task(
            id=task_id or new_id(),
            title=title.strip()[:500],
            notes=(notes or "").strip() or None,
            origin=TaskOrigin(origin).value,
            due_at=due_at,
            priority=max(0, min(2, priority)),
            status=TaskStatus.OPEN.value,
            item_id=item_id,
            source_id=source_id,
            created_at=datetime.now(UTC),
        )
        with self._db.session() as session:
            session.add(task)
        return task.id

    def create_from_item(self, item_id: str, due_at: datetime | None = None) -> str:
        """One key in the inbox: the item becomes a task (the same item never twice)."""
        task_id = stable_id("item-task", item_id)
        with self._db.session() as session:
            existing = session.get(Task, task_id)
            if existing is not None and not existing.deleted:
                return task_id
            found = session.execute(select(Item.title, Item.source_id).where(Item.id == item_id)).first()
            if found is None:
                raise NotFoundError("找不到这条消息。")
            if existing is not None:  # created, cancelled, now wanted again
                existing.deleted = False
                existing.status = TaskStatus.OPEN.value
                return task_id
        return self.create(
            found[0], due_at, item_id=item_id, source_id=found[1], origin=TaskOrigin.ITEM, task_id=task_id
        )

    # ----------------------------------------------------------------- changing

    def _load(self, session: Session, task_id: str) -> Task:
        task = session.get(Task, task_id)
        if task is None or task.deleted:
            raise NotFoundError("找不到这项任务。")
        return task

    def set_priority(self, task_id: str, priority: int) -> None:
        with self._db.session() as session:
            self._load(session, task_id).priority = max(0, min(2, priority))

    def set_notes(self, task_id: str, notes: str) -> None:
        with self._db.session() as session:
            self._load(session, task_id).notes = notes.strip() or None

    def set_due(self, task_id: str, due_at: datetime | None) -> None:
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.due_at = due_at
            task.snoozed_until = None

    def link_item(self, task_id: str, item_id: str | None) -> None:
        with self._db.session() as session:
            task = self._load(session, task_id)
            if item_id is not None and session.get(Item, item_id) is None:
                raise NotFoundError("找不到这条消息。")
            task.item_id = item_id

    def snooze(self, task_ids: Sequence[str], until: datetime) -> None:
        if until.tzinfo is None:
            raise ValueError("naive datetime")
        if until <= datetime.now(UTC):
            raise PastDueError("推迟到的时间已经过去了。", "请选一个以后的时间。")
        with self._db.session() as session:
            for task_id in task_ids:
                task = self._load(session, task_id)
                task.snoozed_until = until
                task.remind_at = None

    def cancel(self, task_id: str) -> None:
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.CANCELLED.value
            task.deleted = True  # an occurrence tombstone: it is not generated again

    def complete(
        self,
        task_id: str,
        minutes: float | None = None,
        note: str | None = None,
        evidence: Sequence[Any] = (),
        performed_at: datetime | None = None,
    ) -> str:
        """Mark done and append the operation log row (with evidence). Returns the log id."""
        with self._db.session() as session:
            task = self._load(session, task_id)
            req = session.get(Requirement, task.requirement_id) if task.requirement_id else None
            kind = req.operation_kind if req else OperationKind.OTHER.value
            spent = minutes if minutes is not None else (req.expected_minutes if req else 0)
            draft = LogDraft(
                operation_kind=kind,
                minutes=spent,
                performed_at=performed_at,
                note=note,
                is_checkin=kind == OperationKind.STUDY_CHECKIN,
                task_id=task.id,
                requirement_id=task.requirement_id,
                source_id=task.source_id,
                item_id=task.item_id,
                evidence=tuple(evidence),
            )
        log_id = self._oplog.record(draft)
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.DONE.value
            task.completed_at = performed_at or datetime.now(UTC)
        return log_id

    def complete_with_log(self, task_id: str, draft: LogDraft) -> str:
        """Mark done with a log the user filled in (kind, minutes, note, evidence)."""
        row = self.get(task_id)
        log_id = self._oplog.record(
            replace(
                draft,
                task_id=task_id,
                requirement_id=draft.requirement_id or row.requirement_id,
                source_id=draft.source_id or row.source_id,
                item_id=draft.item_id or row.item_id,
            )
        )
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.DONE.value
            task.completed_at = draft.performed_at or datetime.now(UTC)
        return log_id

    def complete_many(self, task_ids: Sequence[str]) -> int:
        """Bulk completion: each task gets its own log row with the expected minutes."""
        now = datetime.now(UTC)
        done = 0
        with self._db.session() as session:
            drafts = []
            for task_id in task_ids:
                task = session.get(Task, task_id)
                if task is None or task.deleted or task.status != TaskStatus.OPEN.value:
                    continue
                req = session.get(Requirement, task.requirement_id) if task.requirement_id else None
                kind = req.operation_kind if req else OperationKind.OTHER.value
                drafts.append(
                    LogDraft(
                        operation_kind=kind,
                        minutes=req.expected_minutes if req else 0,
                        performed_at=now,
                        note="批量完成",
                        is_checkin=kind == OperationKind.STUDY_CHECKIN,
                        task_id=task.id,
                        requirement_id=task.requirement_id,
                        source_id=task.source_id,
                        item_id=task.item_id,
                    )
                )
                task.status = TaskStatus.DONE.value
                task.completed_at = now
                done += 1
            self._oplog.record_many(drafts, session)
        return done

    def reopen(self, task_id: str, reason: str = "") -> None:
        """Undo a completion: the task is open again and its log rows are retracted (kept)."""
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.OPEN.value
            task.completed_at = None
        for log in self._oplog.for_task(task_id):
            if not log.superseded and not log.retracted:
                self._oplog.retract(log.id, reason or "任务重新打开")


def ms_to_datetime(value: int | None) -> datetime | None:
    return from_ms(value) if value else None
