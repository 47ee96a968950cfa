"""Per-source facts the detectors work from, gathered with a handful of grouped queries."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.recurrence import Recurrence, china_date
from cadre_desk.services.analysis.item_counts import (
    drop_cluster_sources,
    load_cluster_sources,
    reposts_by_source,
)
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.types import from_ms, to_ms

log = logging.getLogger(__name__)

MONTH_DAYS = 30


@dataclass(frozen=True)
class AnalysisParams:
    """Thresholds of one analysis run (from settings; tests pass their own)."""

    now: datetime
    zombie_days: int = 14
    dead_days: int = 7
    window_days: int = 90
    repost_share: float = 0.6
    overlap_share: float = 0.6
    minutes_per_item: float = 1.0
    minutes_per_account: float = 10.0

    @classmethod
    def from_settings(cls, settings: Settings, now: datetime) -> AnalysisParams:
        """The user-facing threshold (zombie days) from settings; the rest are the defaults above."""
        return cls(now=now, zombie_days=int(settings.get("analysis.zombie_days")))


@dataclass
class RequirementCost:
    title: str
    operation_kind: str
    expected_minutes: float
    per_month: float  # occurrences per month

    @property
    def minutes_per_month(self) -> float:
        return self.expected_minutes * self.per_month


@dataclass
class SourceFacts:
    id: str
    name: str
    kind: str
    platform: str
    owner_unit: str | None
    level: str | None
    category: str
    created_at: datetime
    keep_reason: str | None
    last_item_at: datetime | None = None
    items_30d: int = 0
    items_window: int = 0
    reposts_window: int = 0
    valued_30d: int = 0  # items read, starred or acted on
    logged_minutes_30d: float = 0.0
    requirements: list[RequirementCost] = field(default_factory=list)

    @property
    def required_minutes_month(self) -> float:
        return sum(r.minutes_per_month for r in self.requirements)

    @property
    def operation_minutes_month(self) -> float:
        """Minutes of required operations per month: what is logged, at least what is required."""
        return max(self.required_minutes_month, self.logged_minutes_30d)

    def monthly_cost(self, params: AnalysisParams) -> dict[str, float]:
        watch = params.minutes_per_account
        reading = self.items_30d * params.minutes_per_item
        operations = self.operation_minutes_month
        return {
            "watch": round(watch, 1),
            "reading": round(reading, 1),
            "operations": round(operations, 1),
            "total": round(watch + reading + operations, 1),
        }


def occurrences_per_month(rrule: str | None, items_per_month: int, start: datetime, now: datetime) -> float:
    """How often a requirement recurs in the next 30 days (per new item when it has no RRULE).

    Uses the shared recurrence rules (``domain.recurrence``: RRULE plus ``X-CN-WORKDAY=1``)."""
    if not rrule:
        return float(items_per_month)
    try:
        recurrence = Recurrence.parse(rrule)
        anchor = china_date(start)
        first = china_date(now)
        return float(len(recurrence.dates(anchor, first, first + timedelta(days=MONTH_DAYS - 1))))
    except (CadreError, ValueError, TypeError) as exc:
        log.warning("unreadable RRULE %r: %s", rrule, exc)
        return 0.0


def _rows(conn: Connection, sql: str, **params: Any) -> list[Any]:
    return list(conn.execute(text(sql), params).all())


def gather_facts(db: Database, params: AnalysisParams) -> dict[str, SourceFacts]:
    """Facts of every subscribed, live source."""
    now_ms = to_ms(params.now)
    window_ms = to_ms(params.now - timedelta(days=params.window_days))
    month_ms = to_ms(params.now - timedelta(days=MONTH_DAYS))
    facts: dict[str, SourceFacts] = {}
    with db.engine.connect() as conn:
        for r in _rows(
            conn,
            """SELECT s.id, s.name, s.kind, s.platform, s.owner_unit, s.level, s.category, s.created_at,
                      s.keep_reason, st.last_item_at
               FROM sources s LEFT JOIN source_stats st ON st.source_id = s.id
               WHERE NOT s.deleted AND s.subscribed AND s.merged_into_id IS NULL""",
        ):
            facts[r[0]] = SourceFacts(
                id=r[0],
                name=r[1],
                kind=r[2],
                platform=r[3],
                owner_unit=r[4],
                level=r[5],
                category=r[6],
                created_at=from_ms(int(r[7])),
                keep_reason=r[8],
                last_item_at=from_ms(int(r[9])) if r[9] else None,
            )
        for source_id, window, month, valued in _rows(
            conn,
            """SELECT source_id, count(*), sum(published_at >= :m),
                      sum(published_at >= :m AND (is_read OR is_starred))
               FROM items INDEXED BY ix_items_source_published
               WHERE NOT deleted AND published_at >= :w AND published_at <= :now
               GROUP BY source_id""",
            m=month_ms,
            w=window_ms,
            now=now_ms,
        ):
            if source_id in facts:
                f = facts[source_id]
                f.items_window, f.items_30d, f.valued_30d = int(window), int(month or 0), int(valued or 0)
        load_cluster_sources(conn)
        for source_id, reposts in reposts_by_source(conn, window_ms, now_ms).items():
            if source_id in facts:
                facts[source_id].reposts_window = reposts
        drop_cluster_sources(conn)
        for source_id, acted in _rows(
            conn,
            """SELECT i.source_id, count(DISTINCT o.item_id)
               FROM operation_logs o JOIN items i ON i.id = o.item_id
               WHERE NOT o.deleted AND o.performed_at >= :m AND o.performed_at <= :now
                 AND NOT (i.is_read OR i.is_starred) GROUP BY i.source_id""",
            m=month_ms,
            now=now_ms,
        ):
            if source_id in facts:
                facts[source_id].valued_30d += int(acted)
        for source_id, minutes in _rows(
            conn,
            """SELECT source_id, sum(minutes) FROM operation_logs o
               WHERE NOT deleted AND source_id IS NOT NULL AND performed_at >= :m AND performed_at <= :now
                 AND NOT EXISTS (SELECT 1 FROM operation_logs s WHERE s.supersedes_id = o.id)
               GROUP BY source_id""",
            m=month_ms,
            now=now_ms,
        ):
            if source_id in facts:
                facts[source_id].logged_minutes_30d = float(minutes or 0)
        for source_id, title, kind, rule, minutes, starts_on in _rows(
            conn,
            """SELECT source_id, title, operation_kind, rrule, expected_minutes, starts_on FROM requirements
               WHERE NOT deleted AND active AND source_id IS NOT NULL
                 AND (ends_on IS NULL OR ends_on >= :now) AND (starts_on IS NULL OR starts_on <= :horizon)""",
            now=now_ms,
            horizon=to_ms(params.now + timedelta(days=MONTH_DAYS)),
        ):
            if source_id not in facts:
                continue
            start = from_ms(int(starts_on)) if starts_on else params.now - timedelta(days=1)
            per_month = occurrences_per_month(rule, facts[source_id].items_30d, start, params.now)
            facts[source_id].requirements.append(RequirementCost(title, kind, float(minutes or 0), per_month))
    return facts
