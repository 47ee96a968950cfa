"""Repost duties: "when the superior publishes X, repost it on my account within N minutes".

* The task (with its deadline) is created when the superior's matching item is stored
  (an ingest listener, in the same transaction), or when the cadre marks an item 重要.
* It closes itself when the run account's own feed shows the repost. The test is the repost
  detector of the 减负 analysis: the same fold group (near-duplicate cluster, content hash or
  canonical URL) or a MinHash near-duplicate by the same thresholds; an identical title also
  counts, since a WeChat repost often carries little text of its own. An operation-log entry
  records the two items and the delay as evidence.
* A missed deadline stays an open, overdue task (visible in the task list) and goes into the
  month's self-inspection report; a late repost closes the task and is reported as late.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount, ChangesWithId
from cadre_desk.domain.enums import OperationKind, TaskOrigin, TaskStatus
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.ids import new_id, stable_id
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.domain.summary import item_summary
from cadre_desk.services.own.accounts import OwnAccountService
from cadre_desk.services.own.repost_match import SEARCH_WINDOW, find_repost
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, OperationLog, Requirement, Source, Task
from cadre_desk.storage.own_models import OwnRepostDuty

# An item as the duties read it: keywords are looked for in its title and summary.
_DUTY_ITEM = (Item.id, Item.source_id, Item.title, Item.summary, Item.content_html, Item.published_at)

REPOST_MINUTES = 3.0  # expected minutes of one repost (the burden register counts it)


class DutyError(CadreError):
    next_step = "请检查上级账号、本单位账号和时限后重试。"


class DutyState(StrEnum):
    PENDING = "pending"  # 待转发
    MISSED = "missed"  # 已超时未转发
    ON_TIME = "on_time"  # 按时转发
    LATE = "late"  # 超时转发


DUTY_STATE_LABELS: dict[DutyState, tuple[str, str]] = {
    DutyState.PENDING: ("待转发", "To repost"),
    DutyState.MISSED: ("超时未转发", "Missed"),
    DutyState.ON_TIME: ("按时转发", "Reposted in time"),
    DutyState.LATE: ("超时转发", "Reposted late"),
}


@dataclass(frozen=True)
class DutyView:
    id: str
    requirement_id: str
    title: str
    superior_source_id: str
    superior_name: str
    own_source_id: str
    own_name: str
    keywords: tuple[str, ...]
    within_minutes: int
    active: bool


@dataclass(frozen=True)
class DutyTaskView:
    task_id: str
    duty_title: str
    own_name: str
    superior_name: str
    superior_item_id: str | None
    superior_title: str
    published_at: datetime | None
    due_at: datetime
    completed_at: datetime | None
    state: DutyState
    evidence: str | None

    @property
    def delay_minutes(self) -> int | None:
        if self.published_at is None or self.completed_at is None:
            return None
        return int((self.completed_at - self.published_at).total_seconds() // 60)


def duty_task_id(duty_id: str, item_id: str) -> str:
    return stable_id(duty_id, "item", item_id)


def duty_state(due_at: datetime, status: str, completed_at: datetime | None, now: datetime) -> DutyState:
    if status == TaskStatus.DONE.value and completed_at is not None:
        return DutyState.ON_TIME if completed_at <= due_at else DutyState.LATE
    return DutyState.MISSED if now > due_at else DutyState.PENDING


DUTIES = Changes(own=True, requirements=True)  # a duty is a requirement of the superior's account


def duty_task_changes(created: Sequence[str], closed: Sequence[str]) -> ChangesWithCount:
    """Tasks made (the count) and closed by a repost (each closing writes an operation log)."""
    changes = Changes(tasks=True, own=True) if created else NOTHING
    if closed:
        changes |= Changes(tasks=True, own=True, operation_logs=True)
    return ChangesWithCount(len(created), changes)


class RepostDutyService:
    def __init__(self, db: Database, accounts: OwnAccountService) -> None:
        self._db = db
        self._accounts = accounts

    # ----------------------------------------------------------------- duties

    def create(
        self,
        superior_source_id: str,
        own_source_id: str,
        keywords: Sequence[str] = (),
        within_minutes: int = 60,
        *,
        basis: str | None = None,
    ) -> ChangesWithId:
        if superior_source_id == own_source_id:
            raise DutyError("上级账号和本单位账号不能是同一个。")
        if not 1 <= within_minutes <= 7 * 24 * 60:
            raise DutyError("转发时限须在 1 分钟到 7 天之间。")
        if not self._accounts.is_run(own_source_id):
            raise DutyError("转发到的账号还没有标记为本单位运营。")
        words = tuple(dict.fromkeys(w.strip() for w in keywords if w.strip()))
        now = datetime.now(UTC)
        with self._db.session() as session:
            superior = session.get(Source, superior_source_id)
            own = session.get(Source, own_source_id)
            if superior is None or own is None:
                raise DutyError("找不到所选的账号，可能已被删除。")
            what = "、".join(words) if words else "标记为重要的信息"
            title = f"转发「{superior.name}」{what}到「{own.name}」（{_span(within_minutes)}内）"
            requirement = Requirement(
                id=new_id(),
                source_id=superior_source_id,
                title=title[:300],
                operation_kind=OperationKind.FORWARD.value,
                expected_minutes=REPOST_MINUTES,
                imposed_by=superior.owner_unit or superior.name,
                basis=basis,
                mandatory=True,
                notes="本单位运营账号的转发职责（上级发布后自动生成任务）",
            )
            session.add(requirement)
            session.flush()
            duty = OwnRepostDuty(
                id=new_id(),
                requirement_id=requirement.id,
                superior_source_id=superior_source_id,
                own_source_id=own_source_id,
                keywords=list(words),
                within_minutes=within_minutes,
                active=True,
                created_at=now,
            )
            session.add(duty)
            return ChangesWithId(duty.id, DUTIES)

    def set_active(self, duty_id: str, active: bool) -> Changes:
        with self._db.session() as session:
            duty = session.get(OwnRepostDuty, duty_id)
            if duty is None:
                raise DutyError("找不到这项转发职责。")
            duty.active = active
            requirement = session.get(Requirement, duty.requirement_id)
            if requirement is not None:
                requirement.active = active
        return DUTIES

    def duties(self, include_inactive: bool = False) -> list[DutyView]:
        with self._db.session() as session:
            superior = select(Source.id, Source.name).subquery()
            query = (
                select(OwnRepostDuty, Requirement.title, superior.c.name, Source.name)
                .join(Requirement, Requirement.id == OwnRepostDuty.requirement_id)
                .join(superior, superior.c.id == OwnRepostDuty.superior_source_id)
                .join(Source, Source.id == OwnRepostDuty.own_source_id)
                .where(OwnRepostDuty.deleted.is_(False))
                .order_by(Requirement.title)
            )
            if not include_inactive:
                query = query.where(OwnRepostDuty.active.is_(True))
            return [
                DutyView(
                    d.id,
                    d.requirement_id,
                    title,
                    d.superior_source_id,
                    sup_name,
                    d.own_source_id,
                    own_name,
                    tuple(d.keywords or ()),
                    int(d.within_minutes),
                    bool(d.active),
                )
                for d, title, sup_name, own_name in session.execute(query)
            ]

    # ----------------------------------------------------------------- ingest hook

    def on_new_items(self, session: Session, new_ids: list[str]) -> None:
        """Ingest listener: tasks for the superiors' new matching items, then close the tasks
        whose repost just arrived on a run account."""
        duties = _active_duties(session)
        if not duties:
            return
        superiors = {d.superior_source_id for d in duties}
        owns = {d.own_source_id for d in duties}
        rows: list[Any] = []
        for start in range(0, len(new_ids), 900):
            rows.extend(
                session.execute(
                    select(*_DUTY_ITEM).where(
                        Item.id.in_(new_ids[start : start + 900]),
                        Item.source_id.in_(superiors | owns),
                    )
                ).all()
            )
        self._create_tasks(session, duties, [r for r in rows if r[1] in superiors], by_hand=False)
        touched = {r[1] for r in rows if r[1] in owns}
        if touched:
            close_reposted(session, touched)

    def mark_important(self, item_id: str) -> ChangesWithCount:
        """The cadre marks a superior's item 重要: every duty on its account applies to it
        (the count is the tasks made)."""
        with self._db.session() as session:
            row = session.execute(select(*_DUTY_ITEM).where(Item.id == item_id)).one_or_none()
            if row is None:
                raise DutyError("找不到这条信息。")
            duties = [d for d in _active_duties(session) if d.superior_source_id == row[1]]
            if not duties:
                raise DutyError("这条信息的账号没有设置转发职责。", "请先在「我运营的账号」页添加转发职责。")
            created = self._create_tasks(session, duties, [row], by_hand=True)
            closed = close_reposted(session, {d.own_source_id for d in duties})
            return duty_task_changes(created, closed)

    def reconcile(self, since: datetime | None = None) -> ChangesWithCount:
        """Catch up outside ingest (CLI, the periodic check): tasks for matching or starred (重要)
        items published since ``since`` (default: a week ago, at most since the duty began), and
        closing by reposts. The count is the tasks created."""
        with self._db.session() as session:
            duties = _active_duties(session)
            if not duties:
                return ChangesWithCount(0, NOTHING)
            created: list[str] = []
            # Items of the last week by default: the ingest hook saw everything else as it arrived.
            window_start = since or datetime.now(UTC) - SEARCH_WINDOW
            for duty in duties:
                lower = max(duty.created_at, window_start)
                rows = session.execute(
                    select(*_DUTY_ITEM, Item.is_starred).where(
                        Item.source_id == duty.superior_source_id,
                        Item.deleted.is_(False),
                        Item.published_at >= lower,
                    )
                ).all()
                # A star in the inbox is the cadre's "重要" mark: the duty applies without keywords.
                created += self._create_tasks(
                    session, [duty], [r[:6] for r in rows if not r[6]], by_hand=False
                )
                created += self._create_tasks(session, [duty], [r[:6] for r in rows if r[6]], by_hand=True)
            closed = close_reposted(session, {d.own_source_id for d in duties})
            return duty_task_changes(created, closed)

    def _create_tasks(
        self, session: Session, duties: Sequence[OwnRepostDuty], rows: Iterable[Any], *, by_hand: bool
    ) -> list[str]:
        names = dict(session.execute(select(Source.id, Source.name)).all()) if duties else {}
        wanted: dict[str, Task] = {}
        now = datetime.now(UTC)
        for item_id, source_id, title, summary, content_html, published in rows:
            text = f"{title}\n{item_summary(summary, content_html) or ''}".lower()
            for duty in duties:
                if duty.superior_source_id != source_id:
                    continue
                if not by_hand and not any(k.lower() in text for k in duty.keywords or ()):
                    continue
                task_id = duty_task_id(duty.id, item_id)
                wanted[task_id] = Task(
                    id=task_id,
                    title=(
                        f"转发到「{names.get(duty.own_source_id, '')}」：{title}"
                        f"（{_span(duty.within_minutes)}内，来源「{names.get(source_id, '')}」）"
                    )[:500],
                    origin=TaskOrigin.REQUIREMENT.value,
                    due_at=published + timedelta(minutes=duty.within_minutes),
                    priority=2,
                    status=TaskStatus.OPEN.value,
                    requirement_id=duty.requirement_id,
                    item_id=item_id,
                    source_id=duty.own_source_id,
                    created_at=now,
                )
        if not wanted:
            return []
        known = set(session.scalars(select(Task.id).where(Task.id.in_(list(wanted)))))
        created = [task_id for task_id in wanted if task_id not in known]
        session.add_all(wanted[task_id] for task_id in created)
        session.flush()
        return created

    # ----------------------------------------------------------------- views

    def duty_tasks(self, now: datetime | None = None, since: datetime | None = None) -> list[DutyTaskView]:
        """Tasks of every duty (due since ``since``), newest first, with their state and evidence."""
        moment = now or datetime.now(UTC)
        with self._db.session() as session:
            duties = {d.requirement_id: d for d in session.scalars(select(OwnRepostDuty))}
            if not duties:
                return []
            names = dict(session.execute(select(Source.id, Source.name)).all())
            query = (
                select(Task, Requirement.title, Item.title, Item.published_at)
                .join(Requirement, Requirement.id == Task.requirement_id)
                .outerjoin(Item, Item.id == Task.item_id)
                .where(Task.requirement_id.in_(list(duties)), Task.deleted.is_(False))
                .where(Task.status != TaskStatus.CANCELLED.value)
                .order_by(Task.due_at.desc())
            )
            if since is not None:
                query = query.where(Task.due_at >= since)
            rows = session.execute(query).all()
            evidence = _evidence_by_task(session, [t.id for t, *_ in rows])
            out: list[DutyTaskView] = []
            for task, duty_title, item_title, published in rows:
                duty = duties[task.requirement_id or ""]
                due = task.due_at or moment
                out.append(
                    DutyTaskView(
                        task.id,
                        duty_title,
                        names.get(duty.own_source_id, ""),
                        names.get(duty.superior_source_id, ""),
                        task.item_id,
                        item_title or task.title,
                        published,
                        due,
                        task.completed_at,
                        duty_state(due, task.status, task.completed_at, moment),
                        evidence.get(task.id),
                    )
                )
            return out


def _span(minutes: int) -> str:
    if minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)} 天"
    if minutes % 60 == 0:
        return f"{minutes // 60} 小时"
    return f"{minutes} 分钟"


def _active_duties(session: Session) -> list[OwnRepostDuty]:
    return list(
        session.scalars(
            select(OwnRepostDuty).where(OwnRepostDuty.active.is_(True), OwnRepostDuty.deleted.is_(False))
        )
    )


def _evidence_by_task(session: Session, task_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for start in range(0, len(task_ids), 900):
        rows = session.execute(
            select(OperationLog.task_id, OperationLog.note).where(
                OperationLog.task_id.in_(task_ids[start : start + 900]), OperationLog.deleted.is_(False)
            )
        )
        for task_id, note in rows:
            if task_id and note:
                out[task_id] = note
    return out


# --------------------------------------------------------------------------- closing by repost


def close_reposted(session: Session, own_source_ids: Iterable[str]) -> list[str]:
    """Close the open duty tasks of these run accounts whose repost is in their feed; returns
    the closed task ids. Each closing writes an operation-log entry with the evidence."""
    owns = list(own_source_ids)
    if not owns:
        return []
    duties = {
        d.requirement_id: d
        for d in session.scalars(
            select(OwnRepostDuty).where(
                OwnRepostDuty.own_source_id.in_(owns), OwnRepostDuty.deleted.is_(False)
            )
        )
    }
    if not duties:
        return []
    # The detector looks a week past the superior's item: older open tasks cannot close any
    # more, and re-reading them at every check would grow without end.
    oldest_due = datetime.now(UTC) - SEARCH_WINDOW
    tasks = session.scalars(
        select(Task).where(
            Task.requirement_id.in_(list(duties)),
            Task.status == TaskStatus.OPEN.value,
            Task.deleted.is_(False),
            Task.item_id.is_not(None),
            Task.due_at >= oldest_due,
        )
    ).all()
    closed: list[str] = []
    now = datetime.now(UTC)
    names = dict(session.execute(select(Source.id, Source.name)).all()) if tasks else {}
    for task in tasks:
        duty = duties[task.requirement_id or ""]
        original = session.get(Item, task.item_id)
        if original is None:
            continue
        match = find_repost(session, original, duty.own_source_id)
        if match is None:
            continue
        repost, reason = match
        delay = max(0, int((repost.published_at - original.published_at).total_seconds() // 60))
        due = task.due_at or original.published_at + timedelta(minutes=duty.within_minutes)
        verdict = (
            "按时"
            if repost.published_at <= due
            else f"超时 {int((repost.published_at - due).total_seconds() // 60)} 分钟"
        )
        note = (
            f"自动识别转发：上级「{names.get(original.source_id, '')}」《{original.title}》"
            f"发布于 {_cst(original.published_at)}；"
            f"本号「{names.get(repost.source_id, '')}」《{repost.title}》发布于 {_cst(repost.published_at)}；"
            f"用时 {delay} 分钟，期限 {duty.within_minutes} 分钟，{verdict}。"
            f"判定依据：{reason}。上级条目 {original.id}，转发条目 {repost.id}。"
        )
        task.status = TaskStatus.DONE.value
        task.completed_at = repost.published_at
        session.add(
            OperationLog(
                operation_kind=OperationKind.FORWARD.value,
                performed_at=repost.published_at,
                minutes=REPOST_MINUTES,
                source_id=repost.source_id,
                task_id=task.id,
                requirement_id=task.requirement_id,
                item_id=repost.id,
                note=note,
                recorded_at=now,
            )
        )
        closed.append(task.id)
    session.flush()
    return closed


def _cst(moment: datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def repost_duty_listener(db: Database) -> Callable[[Session, list[str]], None]:
    """The ingest listener (``IngestService.add_listener``) that runs the repost duties."""
    service = RepostDutyService(db, OwnAccountService(db))
    return service.on_new_items
