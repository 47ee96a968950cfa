"""What a cadre does with an item from the reader: make a task, log an operation, mark a whole
view read (and undo it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cadre_desk.domain.enums import OperationKind, TaskOrigin, TaskStatus
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.inbox import InboxFilter, InboxService
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, OperationLog, Task

MAX_MARK_ALL = 1_000_000


class ItemActionError(CadreError):
    next_step = "请检查填写的内容后重试。"


class ItemActions:
    def __init__(self, db: Database) -> None:
        self._db = db

    def make_task(
        self, item_id: str, title: str, due_at: datetime | None, priority: int = 0, notes: str | None = None
    ) -> str:
        title = title.strip()
        if not title:
            raise ItemActionError("任务需要一个标题。")
        with self._db.session() as session:
            item = session.get(Item, item_id)
            if item is None or item.deleted:
                raise ItemActionError("这条消息已不存在，无法创建任务。", "请刷新列表后重试。")
            task = Task(
                title=title[:500],
                notes=notes,
                origin=TaskOrigin.ITEM.value,
                due_at=due_at,
                priority=max(0, min(priority, 2)),
                status=TaskStatus.OPEN.value,
                item_id=item_id,
                source_id=item.source_id,
                created_at=datetime.now(UTC),
            )
            session.add(task)
            session.flush()
            return task.id

    def log_operation(
        self, item_id: str, kind: OperationKind, minutes: float, note: str | None = None
    ) -> str:
        if not 0 <= minutes <= 24 * 60:
            raise ItemActionError("用时应在 0 到 1440 分钟之间。")
        now = datetime.now(UTC)
        with self._db.session() as session:
            item = session.get(Item, item_id)
            if item is None:
                raise ItemActionError("这条消息已不存在。", "请刷新列表后重试。")
            log = OperationLog(
                operation_kind=kind.value,
                performed_at=now,
                minutes=minutes,
                source_id=item.source_id,
                item_id=item_id,
                note=note or None,
                recorded_at=now,
            )
            session.add(log)
            session.flush()
            return log.id

    def mark_all_read(self, flt: InboxFilter) -> list[str]:
        """Mark every unread item of a view read (folded duplicates included); returns the ids
        changed so the UI can undo."""
        inbox = InboxService(self._db)
        query = inbox._page_query(replace(flt, unread_only=True, fold_duplicates=False))
        ids_query = select(query.subquery().c.id).limit(MAX_MARK_ALL)
        with self._db.session() as session:
            ids = list(session.scalars(ids_query))
            self._set_read(session, ids, True)
        return ids

    def undo_mark_all_read(self, item_ids: Sequence[str]) -> None:
        with self._db.session() as session:
            self._set_read(session, list(item_ids), False)

    def _set_read(self, session: Session, ids: list[str], read: bool) -> None:
        for start in range(0, len(ids), 500):
            session.execute(
                update(Item)
                .where(Item.id.in_(ids[start : start + 500]))
                .values(is_read=read, **self._db.stamp_columns())
                .execution_options(synchronize_session=False)
            )
