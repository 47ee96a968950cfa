"""The burden register: flagged demands with category, account, imposing unit, date, evidence
and minutes per month — the fields units are asked for when reporting the fingertip burden."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from cadre_desk.domain.burden_rules import CATALOGUE_VERSION, suggest_flags
from cadre_desk.domain.enums import BurdenCategory
from cadre_desk.domain.labels import label
from cadre_desk.domain.recurrence import Recurrence, china_date
from cadre_desk.services.requirements import requirement_facts
from cadre_desk.services.tasks import FALLBACK_ANCHOR, DayBounds
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Attachment, Item, OperationLog, Requirement, Source
from cadre_desk.storage.types import to_ms

WINDOW_DAYS = 30


@dataclass(frozen=True)
class BurdenEntry:
    requirement_id: str
    category: str
    category_label: str
    confirmed: bool  # False: suggested by the catalogue, not yet confirmed
    requirement: str
    operation_kind: str
    account: str  # app / account / platform the demand comes through
    platform: str | None
    imposed_by: str
    basis: str
    since: date | None
    reason: str
    citation: str
    logs_in_window: int
    evidence_files: int
    minutes_in_window: float  # logged, last WINDOW_DAYS days
    estimated_minutes_per_month: float  # expected minutes × occurrences per month


@dataclass(frozen=True)
class BurdenRegister:
    entries: list[BurdenEntry]
    catalogue_version: str
    window_days: int

    @property
    def minutes_per_month(self) -> float:
        seen: set[str] = set()
        total = 0.0
        for entry in self.entries:
            if entry.confirmed and entry.requirement_id not in seen:
                seen.add(entry.requirement_id)
                total += max(entry.minutes_in_window, entry.estimated_minutes_per_month)
        return total


class BurdenService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def register(self, today: date | None = None, include_suggested: bool = False) -> BurdenRegister:
        day = today or china_date(datetime.now(UTC))
        window_end = DayBounds.of(day).end
        window_start = window_end - timedelta(days=WINDOW_DAYS)
        later = aliased(OperationLog)
        superseded = select(later.id).where(later.supersedes_id == OperationLog.id).exists()
        with self._db.session() as session:
            reqs = session.execute(
                select(Requirement, Source.name, Source.platform)
                .outerjoin(Source, Source.id == Requirement.source_id)
                .where(Requirement.deleted.is_(False))
            ).all()
            flagged = [
                (req, name, platform)
                for req, name, platform in reqs
                if req.confirmed_flags or (include_suggested and req.suggested_flags)
            ]
            ids = [req.id for req, _, _ in flagged]
            usage: dict[str, tuple[int, float]] = {}
            files: dict[str, int] = {}
            if ids:
                in_window = (
                    OperationLog.requirement_id.in_(ids),
                    OperationLog.performed_at >= to_ms(window_start),
                    OperationLog.performed_at < to_ms(window_end),
                    ~superseded,
                )
                for req_id, count, minutes in session.execute(
                    select(OperationLog.requirement_id, func.count(), func.sum(OperationLog.minutes))
                    .where(*in_window)
                    .group_by(OperationLog.requirement_id)
                ):
                    usage[str(req_id)] = (int(count), float(minutes or 0))
                for req_id, count in session.execute(
                    select(OperationLog.requirement_id, func.count(Attachment.id))
                    .join(Attachment, Attachment.operation_log_id == OperationLog.id)
                    .where(*in_window)
                    .group_by(OperationLog.requirement_id)
                ):
                    files[str(req_id)] = int(count)
            per_item_counts: dict[str, int] = {}
            for req, _, _ in flagged:
                if req.rrule is None and req.source_id:
                    per_item_counts[req.id] = int(
                        session.scalar(
                            select(func.count()).where(
                                Item.source_id == req.source_id,
                                Item.deleted.is_(False),
                                Item.published_at >= to_ms(window_start),
                                Item.published_at < to_ms(window_end),
                            )
                        )
                        or 0
                    )
        entries: list[BurdenEntry] = []
        for req, source_name, platform in flagged:
            facts = requirement_facts(req, source_name)
            reasons = {s.category.value: s for s in suggest_flags(facts)}
            if req.rrule:
                anchor = china_date(req.starts_on) if req.starts_on else FALLBACK_ANCHOR
                per_month = Recurrence.parse(req.rrule).per_month(max(anchor, day - timedelta(days=365)))
            else:
                per_month = per_item_counts.get(req.id, 0) * 30 / WINDOW_DAYS
            count, minutes = usage.get(req.id, (0, 0.0))
            categories = [(c, True) for c in req.confirmed_flags or []]
            if include_suggested:
                categories += [(c, False) for c in req.suggested_flags or []]
            for category, confirmed in categories:
                suggestion = reasons.get(category)
                entries.append(
                    BurdenEntry(
                        requirement_id=req.id,
                        category=category,
                        category_label=label(BurdenCategory(category)),
                        confirmed=confirmed,
                        requirement=req.title,
                        operation_kind=req.operation_kind,
                        account=source_name or "（未指定账号）",
                        platform=platform,
                        imposed_by=req.imposed_by or "（未填写）",
                        basis=req.basis or "",
                        since=china_date(req.starts_on) if req.starts_on else None,
                        reason=suggestion.reason
                        if suggestion
                        else ("用户确认" if confirmed else "导入的建议"),
                        citation=suggestion.citation_text if suggestion else "",
                        logs_in_window=count,
                        evidence_files=files.get(req.id, 0),
                        minutes_in_window=round(minutes, 1),
                        estimated_minutes_per_month=round(per_month * req.expected_minutes, 1),
                    )
                )
        entries.sort(key=lambda e: (not e.confirmed, e.category, -e.minutes_in_window, e.requirement))
        return BurdenRegister(entries, CATALOGUE_VERSION, WINDOW_DAYS)
