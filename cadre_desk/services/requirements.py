"""The catalogue of required operations: create, edit, retire, and burden-flag suggestions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.domain.burden_rules import FlagSuggestion, RequirementFacts, suggest_flags
from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount, ChangesWithId
from cadre_desk.domain.enums import BurdenCategory, OperationKind
from cadre_desk.domain.recurrence import CHINA_TZ, Recurrence, china_date, describe, parse_hhmm
from cadre_desk.domain.task_errors import InvalidRecurrenceError, NotFoundError, QuickAddError
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Requirement, Source, SourceStats
from cadre_desk.storage.types import from_ms

REQUIREMENTS = Changes(requirements=True)  # tasks change only when occurrences are (re)generated


@dataclass(frozen=True)
class RequirementDraft:
    """What the editor (or the CLI) submits."""

    title: str
    operation_kind: str = OperationKind.OTHER
    rrule: str | None = "FREQ=DAILY"  # None: per new item, needs ``within_hours``
    due_time: str | None = None  # "HH:MM" China time
    within_hours: float | None = None
    expected_minutes: float = 5
    source_id: str | None = None
    imposed_by: str | None = None
    basis: str | None = None
    mandatory: bool = True
    starts_on: date | None = None
    ends_on: date | None = None
    notes: str | None = None


@dataclass(frozen=True)
class RequirementView:
    id: str
    title: str
    operation_kind: str
    rrule: str | None
    schedule: str  # Chinese description
    due_time: str | None
    within_hours: float | None
    expected_minutes: float
    source_id: str | None
    source_name: str | None
    imposed_by: str | None
    basis: str | None
    mandatory: bool
    active: bool
    starts_on: date | None
    ends_on: date | None
    notes: str | None
    suggested: tuple[str, ...]
    confirmed: tuple[str, ...]
    dismissed: tuple[str, ...]
    suggestions: tuple[FlagSuggestion, ...] = field(default=())

    def draft(self) -> RequirementDraft:
        return RequirementDraft(
            title=self.title,
            operation_kind=self.operation_kind,
            rrule=self.rrule,
            due_time=self.due_time,
            within_hours=self.within_hours,
            expected_minutes=self.expected_minutes,
            source_id=self.source_id,
            imposed_by=self.imposed_by,
            basis=self.basis,
            mandatory=self.mandatory,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
            notes=self.notes,
        )


def day_start_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CHINA_TZ).astimezone(UTC)


def validate_draft(draft: RequirementDraft, today: date) -> RequirementDraft:
    """Check a draft, returning it normalized; raise a typed error on bad input."""
    title = draft.title.strip()
    if not title:
        raise QuickAddError("要求的名称不能为空。", "请写明要做什么，例如“每日学习打卡”。")
    kind = OperationKind(draft.operation_kind)
    starts_on = draft.starts_on or today
    if draft.ends_on is not None and draft.ends_on < starts_on:
        raise InvalidRecurrenceError("结束日期早于开始日期。", "请把结束日期改到开始日期之后，或留空。")
    rrule = draft.rrule.strip() if draft.rrule else None
    if rrule:
        recurrence = Recurrence.parse(rrule)
        recurrence.ensure_usable(starts_on)
        rrule = recurrence.rule
    elif not draft.within_hours:
        raise InvalidRecurrenceError(
            "没有填写重复规则，也没有填写“新消息后 N 小时内”。",
            "请选择重复方式，或填写新消息后几小时内完成。",
        )
    if draft.within_hours is not None and draft.within_hours <= 0:
        raise InvalidRecurrenceError("“新消息后 N 小时内”的 N 必须大于 0。")
    if rrule is None and draft.source_id is None:
        raise InvalidRecurrenceError(
            "“新消息后 N 小时内”需要指定来源账号。", "请选择是哪个公众号/平台的新消息需要处理。"
        )
    due = parse_hhmm(draft.due_time)
    minutes = float(draft.expected_minutes)
    if not 0 <= minutes <= 24 * 60:
        raise QuickAddError("预计用时应在 0 到 1440 分钟之间。", "请填写完成一次大约需要的分钟数。")
    return replace(
        draft,
        title=title,
        operation_kind=kind.value,
        rrule=rrule,
        due_time=due.strftime("%H:%M") if due else None,
        starts_on=starts_on,
        expected_minutes=minutes,
    )


class RequirementService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----------------------------------------------------------------- reading

    def catalogue(self, include_inactive: bool = False) -> list[RequirementView]:
        query = (
            select(Requirement, Source.name)
            .outerjoin(Source, Source.id == Requirement.source_id)
            .where(Requirement.deleted.is_(False))
            .order_by(Requirement.title, Requirement.id)
        )
        if not include_inactive:
            query = query.where(Requirement.active.is_(True))
        with self._db.session() as session:
            return [self._view(req, name) for req, name in session.execute(query).all()]

    def get(self, requirement_id: str, with_suggestions: bool = True) -> RequirementView:
        with self._db.session() as session:
            found = session.execute(
                select(Requirement, Source.name)
                .outerjoin(Source, Source.id == Requirement.source_id)
                .where(Requirement.id == requirement_id, Requirement.deleted.is_(False))
            ).first()
            if found is None:
                raise NotFoundError("找不到这条要求。")
            view = self._view(found[0], found[1])
            if with_suggestions:
                view = replace(view, suggestions=tuple(self._suggest(session, found[0])))
        return view

    def source_choices(self) -> list[tuple[str, str]]:
        """(id, name) of the sources a requirement can point at, by name."""
        with self._db.session() as session:
            rows = session.execute(
                select(Source.id, Source.name).where(Source.deleted.is_(False)).order_by(Source.name)
            ).all()
        return [(row[0], row[1]) for row in rows]

    @staticmethod
    def _view(req: Requirement, source_name: str | None) -> RequirementView:
        return RequirementView(
            id=req.id,
            title=req.title,
            operation_kind=req.operation_kind,
            rrule=req.rrule,
            schedule=describe(req.rrule, req.within_hours),
            due_time=req.due_time,
            within_hours=req.within_hours,
            expected_minutes=req.expected_minutes,
            source_id=req.source_id,
            source_name=source_name,
            imposed_by=req.imposed_by,
            basis=req.basis,
            mandatory=req.mandatory,
            active=req.active,
            starts_on=china_date(req.starts_on) if req.starts_on else None,
            ends_on=china_date(req.ends_on) if req.ends_on else None,
            notes=req.notes,
            suggested=tuple(req.suggested_flags or ()),
            confirmed=tuple(req.confirmed_flags or ()),
            dismissed=tuple(req.dismissed_flags or ()),
        )

    # ----------------------------------------------------------------- writing

    def create(self, draft: RequirementDraft, today: date | None = None) -> ChangesWithId:
        clean = validate_draft(draft, today or china_date(datetime.now(UTC)))
        req = Requirement(title=clean.title, operation_kind=clean.operation_kind)
        self._apply(req, clean)
        with self._db.session() as session:
            session.add(req)
            session.flush()
            self._refresh_suggestions(session, req)
        return ChangesWithId(req.id, REQUIREMENTS)

    def update(self, requirement_id: str, draft: RequirementDraft, today: date | None = None) -> Changes:
        clean = validate_draft(draft, today or china_date(datetime.now(UTC)))
        with self._db.session() as session:
            req = self._load(session, requirement_id)
            self._apply(req, clean)
            session.flush()
            self._refresh_suggestions(session, req)
        return REQUIREMENTS

    def set_active(self, requirement_id: str, active: bool) -> Changes:
        with self._db.session() as session:
            self._load(session, requirement_id).active = active
        return REQUIREMENTS

    def remove(self, requirement_id: str) -> Changes:
        """Retire a requirement (a tombstone: its history and logs stay)."""
        with self._db.session() as session:
            req = self._load(session, requirement_id)
            req.deleted = True
            req.active = False
        return REQUIREMENTS

    @staticmethod
    def _apply(req: Requirement, clean: RequirementDraft) -> None:
        req.title = clean.title
        req.operation_kind = clean.operation_kind
        req.rrule = clean.rrule
        req.due_time = clean.due_time
        req.within_hours = clean.within_hours
        req.expected_minutes = clean.expected_minutes
        req.source_id = clean.source_id
        req.imposed_by = (clean.imposed_by or "").strip() or None
        req.basis = (clean.basis or "").strip() or None
        req.mandatory = clean.mandatory
        req.starts_on = day_start_utc(clean.starts_on) if clean.starts_on else None
        req.ends_on = day_start_utc(clean.ends_on) if clean.ends_on else None
        req.notes = (clean.notes or "").strip() or None
        req.active = True

    @staticmethod
    def _load(session: Session, requirement_id: str) -> Requirement:
        req = session.get(Requirement, requirement_id)
        if req is None or req.deleted:
            raise NotFoundError("找不到这条要求。")
        return req

    # ----------------------------------------------------------------- burden flags

    def confirm_flag(self, requirement_id: str, category: str) -> Changes:
        return self._move_flag(requirement_id, BurdenCategory(category).value, confirm=True)

    def dismiss_flag(self, requirement_id: str, category: str) -> Changes:
        return self._move_flag(requirement_id, BurdenCategory(category).value, confirm=False)

    def _move_flag(self, requirement_id: str, category: str, confirm: bool) -> Changes:
        with self._db.session() as session:
            req = self._load(session, requirement_id)
            confirmed = [c for c in req.confirmed_flags or [] if c != category]
            dismissed = [c for c in req.dismissed_flags or [] if c != category]
            (confirmed if confirm else dismissed).append(category)
            req.confirmed_flags = sorted(confirmed)
            req.dismissed_flags = sorted(dismissed)
            req.suggested_flags = [c for c in req.suggested_flags or [] if c != category]
        return REQUIREMENTS

    def refresh_all_suggestions(self) -> ChangesWithCount:
        """Re-check every requirement against the catalogue (after a catalogue update)."""
        with self._db.session() as session:
            reqs = session.scalars(select(Requirement).where(Requirement.deleted.is_(False))).all()
            for req in reqs:
                self._refresh_suggestions(session, req, related=False)
        return ChangesWithCount(len(reqs), REQUIREMENTS if reqs else NOTHING)

    def _refresh_suggestions(self, session: Session, req: Requirement, related: bool = True) -> None:
        suggestions = self._suggest(session, req)
        decided = set(req.confirmed_flags or []) | set(req.dismissed_flags or [])
        fresh = sorted({s.category.value for s in suggestions} - decided)
        if fresh != list(req.suggested_flags or []):
            req.suggested_flags = fresh
        if related and req.operation_kind == OperationKind.REPORT:
            # Multiple reporting is symmetric: the other side of the pair gets the flag too.
            others = session.scalars(
                select(Requirement).where(
                    Requirement.deleted.is_(False),
                    Requirement.operation_kind == OperationKind.REPORT.value,
                    Requirement.id != req.id,
                )
            ).all()
            for other in others:
                self._refresh_suggestions(session, other, related=False)

    def _suggest(self, session: Session, req: Requirement) -> list[FlagSuggestion]:
        others: Sequence[RequirementFacts] = ()
        if req.operation_kind == OperationKind.REPORT:
            rows = session.execute(
                select(Requirement, Source.name)
                .outerjoin(Source, Source.id == Requirement.source_id)
                .where(
                    Requirement.deleted.is_(False),
                    Requirement.active.is_(True),
                    Requirement.operation_kind == OperationKind.REPORT.value,
                    Requirement.id != req.id,
                )
            ).all()
            others = [requirement_facts(other, name) for other, name in rows]
        source_name, silent_days = None, None
        if req.source_id:
            found = session.execute(
                select(Source.name, SourceStats.last_item_at)
                .outerjoin(SourceStats, SourceStats.source_id == Source.id)
                .where(Source.id == req.source_id)
            ).first()
            if found is not None:
                source_name = found[0]
                if found[1]:
                    silent_days = (datetime.now(UTC) - from_ms(found[1])).days
        return suggest_flags(requirement_facts(req, source_name, silent_days), others)


def requirement_facts(
    req: Requirement, source_name: str | None, silent_days: int | None = None
) -> RequirementFacts:
    """What the burden rules look at, from a stored requirement."""
    return RequirementFacts(
        id=req.id,
        title=req.title,
        operation_kind=req.operation_kind,
        rrule=req.rrule,
        within_hours=req.within_hours,
        mandatory=req.mandatory,
        imposed_by=req.imposed_by,
        basis=req.basis,
        notes=req.notes,
        source_id=req.source_id,
        source_name=source_name,
        source_silent_days=silent_days,
    )
