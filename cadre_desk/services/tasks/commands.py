"""Changing tasks: quick-add, create, edit, snooze, cancel, complete (with a log) and reopen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import select

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount, ChangesWithId
from cadre_desk.domain.enums import OperationKind, TaskOrigin, TaskStatus
from cadre_desk.domain.ids import new_id, stable_id
from cadre_desk.domain.quick_add import QuickAddResult, parse_quick_add
from cadre_desk.domain.task_errors import NotFoundError, PastDueError, QuickAddError
from cadre_desk.services.oplog import LogDraft
from cadre_desk.services.tasks.queries import TaskQueries
from cadre_desk.storage.models import Item, Requirement, Task

TASKS = Changes(tasks=True)
TASKS_AND_LOGS = Changes(tasks=True, operation_logs=True)  # a completion writes its log row


class TaskCommands(TaskQueries):
    """Changes need reads (``get``) too, so commands build on the queries."""

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
    ) -> ChangesWithId:
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
    ) -> ChangesWithId:
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
        return ChangesWithId(task.id, TASKS)

    def create_from_item(self, item_id: str, due_at: datetime | None = None) -> ChangesWithId:
        """One key in the inbox: the item becomes a task (the same item never twice)."""
        task_id = stable_id("item-task", item_id)
        with self._db.session() as session:
            existing = session.get(Task, task_id)
            if existing is not None and not existing.deleted:
                return ChangesWithId(task_id, NOTHING)
            found = session.execute(select(Item.title, Item.source_id).where(Item.id == item_id)).first()
            if found is None:
                raise NotFoundError("找不到这条消息。")
            if existing is not None:  # created, cancelled, now wanted again
                existing.deleted = False
                existing.status = TaskStatus.OPEN.value
                return ChangesWithId(task_id, TASKS)
        return self.create(
            found[0], due_at, item_id=item_id, source_id=found[1], origin=TaskOrigin.ITEM, task_id=task_id
        )

    # ----------------------------------------------------------------- changing

    def set_priority(self, task_id: str, priority: int) -> Changes:
        with self._db.session() as session:
            self._load(session, task_id).priority = max(0, min(2, priority))
        return TASKS

    def set_notes(self, task_id: str, notes: str) -> Changes:
        with self._db.session() as session:
            self._load(session, task_id).notes = notes.strip() or None
        return TASKS

    def set_due(self, task_id: str, due_at: datetime | None) -> Changes:
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.due_at = due_at
            task.snoozed_until = None
        return TASKS

    def link_item(self, task_id: str, item_id: str | None) -> Changes:
        with self._db.session() as session:
            task = self._load(session, task_id)
            if item_id is not None and session.get(Item, item_id) is None:
                raise NotFoundError("找不到这条消息。")
            task.item_id = item_id
        return TASKS

    def snooze(self, task_ids: Sequence[str], until: datetime) -> Changes:
        if until.tzinfo is None:
            raise ValueError("naive datetime")
        if until <= datetime.now(UTC):
            raise PastDueError("推迟到的时间已经过去了。", "请选一个以后的时间。")
        with self._db.session() as session:
            for task_id in task_ids:
                task = self._load(session, task_id)
                task.snoozed_until = until
                task.remind_at = None
        return TASKS

    def cancel(self, task_id: str) -> Changes:
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.CANCELLED.value
            task.deleted = True  # an occurrence tombstone: it is not generated again
        return TASKS

    def complete(
        self,
        task_id: str,
        minutes: float | None = None,
        note: str | None = None,
        evidence: Sequence[Any] = (),
        performed_at: datetime | None = None,
    ) -> ChangesWithId:
        """Mark done and append the operation log row (with evidence); the id is the log's."""
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
        log_id = self._oplog.record(draft).id
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.DONE.value
            task.completed_at = performed_at or datetime.now(UTC)
        return ChangesWithId(log_id, TASKS_AND_LOGS)

    def complete_with_log(self, task_id: str, draft: LogDraft) -> ChangesWithId:
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
        ).id
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.DONE.value
            task.completed_at = draft.performed_at or datetime.now(UTC)
        return ChangesWithId(log_id, TASKS_AND_LOGS)

    def complete_many(self, task_ids: Sequence[str]) -> ChangesWithCount:
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
        return ChangesWithCount(done, TASKS_AND_LOGS if done else NOTHING)

    def reopen(self, task_id: str, reason: str = "") -> Changes:
        """Undo a completion: the task is open again and its log rows are retracted (kept)."""
        with self._db.session() as session:
            task = self._load(session, task_id)
            task.status = TaskStatus.OPEN.value
            task.completed_at = None
        for log in self._oplog.for_task(task_id):
            if not log.superseded and not log.retracted:
                self._oplog.retract(log.id, reason or "任务重新打开")
        return TASKS_AND_LOGS
