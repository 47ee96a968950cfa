"""留言待回复: public messages to a run account, entered or pasted by hand, each with a
working-day reply deadline and a task in the task list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithId
from cadre_desk.domain.enums import TaskOrigin, TaskStatus
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.ids import new_id, stable_id
from cadre_desk.domain.own_messages import MessageState, message_state, reply_deadline
from cadre_desk.services.own.accounts import OwnAccountService
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source, Task
from cadre_desk.storage.own_models import OwnMessage

MAX_MESSAGE_CHARS = 5000


class MessageError(CadreError):
    next_step = "请检查留言内容和所属账号后重试。"


@dataclass(frozen=True)
class MessageView:
    id: str
    source_id: str
    source_name: str
    sender: str | None
    text: str
    received_at: datetime
    reply_due_at: datetime
    replied_at: datetime | None
    reply_note: str | None
    state: MessageState
    task_id: str | None


MESSAGES = Changes(own=True, tasks=True)  # each message has its reply task


def message_task_id(message_id: str) -> str:
    return stable_id("own-message", message_id)


class MessageService:
    def __init__(self, db: Database, accounts: OwnAccountService) -> None:
        self._db = db
        self._accounts = accounts

    def add(
        self,
        source_id: str,
        text: str,
        *,
        sender: str | None = None,
        received_at: datetime | None = None,
        reply_workdays: int | None = None,
    ) -> ChangesWithId:
        """Record a message awaiting a reply; its task is due at the working-day deadline."""
        body = text.strip()
        if not body:
            raise MessageError("留言内容为空。", "请粘贴或输入留言内容。")
        if len(body) > MAX_MESSAGE_CHARS:
            raise MessageError(
                f"留言有 {len(body)} 字，超过 {MAX_MESSAGE_CHARS} 字的上限。", "请只粘贴留言本身。"
            )
        if received_at is not None and received_at.tzinfo is None:
            raise MessageError("收到时间缺少时区。", "请用带时区的时间（例如 2026-12-01T09:00+08:00）。")
        account = self._accounts.account(source_id)
        workdays = reply_workdays or account.settings.reply_workdays
        if not 1 <= workdays <= 30:
            raise MessageError("回复期限须在 1 到 30 个工作日之间。")
        received = received_at or datetime.now(UTC)
        deadline = reply_deadline(received, workdays)
        message_id = new_id()
        task_id = message_task_id(message_id)
        now = datetime.now(UTC)
        with self._db.session() as session:
            session.add(
                Task(
                    id=task_id,
                    title=f"回复「{account.name}」留言：{_short(body)}"[:500],
                    notes=body,
                    origin=TaskOrigin.OWN.value,
                    due_at=deadline,
                    priority=1,
                    status=TaskStatus.OPEN.value,
                    source_id=source_id,
                    created_at=now,
                )
            )
            session.flush()
            session.add(
                OwnMessage(
                    id=message_id,
                    source_id=source_id,
                    sender=(sender or "").strip() or None,
                    text=body,
                    received_at=received,
                    reply_due_at=deadline,
                    task_id=task_id,
                    created_at=now,
                )
            )
        return ChangesWithId(message_id, MESSAGES)

    def mark_replied(
        self, message_id: str, note: str | None = None, replied_at: datetime | None = None
    ) -> Changes:
        moment = replied_at or datetime.now(UTC)
        with self._db.session() as session:
            message = session.get(OwnMessage, message_id)
            if message is None or message.deleted:
                raise MessageError("找不到这条留言，可能已被删除。")
            message.replied_at = moment
            if note is not None:
                message.reply_note = note.strip() or None
            task = session.get(Task, message.task_id) if message.task_id else None
            if task is not None and task.status == TaskStatus.OPEN.value:
                task.status = TaskStatus.DONE.value
                task.completed_at = moment
        return MESSAGES

    def remove(self, message_id: str) -> Changes:
        with self._db.session() as session:
            message = session.get(OwnMessage, message_id)
            if message is None:
                return NOTHING
            message.deleted = True
            task = session.get(Task, message.task_id) if message.task_id else None
            if task is not None and task.status == TaskStatus.OPEN.value:
                task.status = TaskStatus.CANCELLED.value
        return MESSAGES

    def messages(
        self, now: datetime | None = None, *, since: datetime | None = None, until: datetime | None = None
    ) -> list[MessageView]:
        """Messages of the run accounts, unanswered first, by deadline."""
        moment = now or datetime.now(UTC)
        ids = [a.source_id for a in self._accounts.accounts()]
        if not ids:
            return []
        with self._db.session() as session:
            query = (
                select(OwnMessage, Source.name)
                .join(Source, Source.id == OwnMessage.source_id)
                .where(OwnMessage.source_id.in_(ids), OwnMessage.deleted.is_(False))
            )
            if since is not None:
                query = query.where(OwnMessage.reply_due_at >= since)
            if until is not None:
                query = query.where(OwnMessage.received_at < until)
            rows = session.execute(query).all()
        views = [
            MessageView(
                m.id,
                m.source_id,
                name,
                m.sender,
                m.text,
                m.received_at,
                m.reply_due_at,
                m.replied_at,
                m.reply_note,
                message_state(m.reply_due_at, m.replied_at, moment),
                m.task_id,
            )
            for m, name in rows
        ]
        order = {
            MessageState.OVERDUE: 0,
            MessageState.PENDING: 1,
            MessageState.REPLIED_LATE: 2,
            MessageState.REPLIED: 3,
        }
        return sorted(views, key=lambda v: (order[v.state], v.reply_due_at))


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
