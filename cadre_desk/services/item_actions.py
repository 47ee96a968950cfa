"""What a cadre does with an item from the reader besides reading it: make a task, log an
operation. (Read and star, one item or a whole view, are ``InboxService``'s.)"""

from __future__ import annotations

from datetime import UTC, datetime

from cadre_desk.domain.changes import Changes, ChangesWithId
from cadre_desk.domain.enums import OperationKind, TaskOrigin, TaskStatus
from cadre_desk.domain.errors import CadreError
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, OperationLog, Task


class ItemActionError(CadreError):
    next_step = "请检查填写的内容后重试。"


class ItemActions:
    def __init__(self, db: Database) -> None:
        self._db = db

    def make_task(
        self, item_id: str, title: str, due_at: datetime | None, priority: int = 0, notes: str | None = None
    ) -> ChangesWithId:
        """A task from the item; its id, and that tasks changed."""
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
            return ChangesWithId(task.id, Changes(tasks=True))

    def log_operation(
        self, item_id: str, kind: OperationKind, minutes: float, note: str | None = None
    ) -> ChangesWithId:
        """An operation done on the item; the record's id, and that operation logs changed."""
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
            return ChangesWithId(log.id, Changes(operation_logs=True))
