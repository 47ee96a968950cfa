"""Generating tasks: occurrences of requirements and tasks from inbox items.

Occurrence tasks get ``stable_id(requirement_id, "YYYY-MM-DD")`` (per-item ones
``stable_id(requirement_id, "item", item_id)``) and are inserted with ``ON CONFLICT DO
NOTHING``: generating twice, on two devices, or after a sync never makes a second row
(Taskwarrior #1290, Super Productivity #6398). A cancelled occurrence is a tombstone with the
same id, so it is not generated again either.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount
from cadre_desk.domain.enums import TaskOrigin, TaskStatus
from cadre_desk.domain.ids import stable_id
from cadre_desk.domain.recurrence import (
    Recurrence,
    china_date,
    due_after_item,
    occurrence_due,
    parse_hhmm,
)
from cadre_desk.services.tasks.types import FALLBACK_ANCHOR, DayBounds, _TaskStore
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Requirement, Task
from cadre_desk.storage.types import to_ms

TASKS = Changes(tasks=True)


def _created(count: int) -> ChangesWithCount:
    return ChangesWithCount(count, TASKS if count else NOTHING)


def _insert(db: Database) -> Any:
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    return sqlite_insert


class TaskOccurrences(_TaskStore):
    def generate_occurrences(
        self, start: date, end: date, requirement_ids: Sequence[str] | None = None
    ) -> ChangesWithCount:
        """Create the occurrence tasks of active requirements in ``[start, end]``; the count is
        how many rows were new. Idempotent."""
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
            return _created(self._insert_new(session, rows))

    def generate_item_tasks(self, since: datetime, until: datetime | None = None) -> ChangesWithCount:
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
                # Only items without this requirement's task yet (a tombstone counts as one):
                # at 1M items a week holds ~25,000 items that already have theirs, and hashing
                # their ids in Python on every start held the GIL for ~0.5 s.
                already = exists().where(Task.item_id == Item.id, Task.requirement_id == req.id)
                items = select(Item.id, Item.title, Item.published_at).where(
                    Item.source_id == req.source_id,
                    Item.deleted.is_(False),
                    Item.published_at >= to_ms(lower),
                    ~already,
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
                            # Normal, as an occurrence's: one task per pushed item, each with
                            # "！", made the mark mean nothing; the due time says how soon.
                            "priority": 0,
                            "status": TaskStatus.OPEN.value,
                            "requirement_id": req.id,
                            "occurrence_date": china_date(published).isoformat(),
                            "item_id": item_id,
                            "source_id": req.source_id,
                            "created_at": now,
                        }
                    )
            return _created(self._insert_new(session, rows))

    def refresh(self, today: date | None = None) -> ChangesWithCount:
        """What the app runs at start and each morning: a rolling window of occurrences."""
        day = today or china_date(datetime.now(UTC))
        created = self.generate_occurrences(day - timedelta(days=7), day + timedelta(days=self.upcoming_days))
        created_by_items = self.generate_item_tasks(DayBounds.of(day - timedelta(days=7)).start)
        return _created(created.count + created_by_items.count)

    def retire_future(self, requirement_id: str, today: date | None = None) -> ChangesWithCount:
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
        return _created(int(result.rowcount))  # type: ignore[attr-defined]

    def reschedule(self, requirement_id: str, today: date | None = None) -> ChangesWithCount:
        """After editing a requirement: drop its future occurrences and generate the new ones.

        Regenerated occurrences reuse their ids; a tombstoned one is revived. The count is the
        new rows; the tasks changed in any case (retired, revived or new)."""
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
        return ChangesWithCount(created.count, TASKS)

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
