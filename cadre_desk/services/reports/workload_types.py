"""Workload results: what a summary of a period holds (counts, minutes, breakdowns, the day
trend, working time, the burden report rows) and the options that shape it. Plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cadre_desk.services.reports.periods import Period

DAY_MS = 86_400_000
CST_OFFSET_MS = 8 * 3_600_000
NO_SOURCE = "（未关联账号）"
NO_UNIT = "（未注明）"
NO_LEVEL = "（未注明层级）"
UNFLAGGED = "（未标记）"
TOP_SOURCES = 10


@dataclass(frozen=True)
class ReportOptions:
    """What goes into a report. ``source_ids`` None means every source."""

    source_ids: frozenset[str] | None = None
    include_notes: bool = False
    include_thumbnails: bool = False
    anonymize: bool = False
    include_detail: bool = True


@dataclass(frozen=True)
class WorkHours:
    start_minute: int = 8 * 60 + 30
    end_minute: int = 17 * 60 + 30

    @classmethod
    def parse(cls, start: str, end: str) -> WorkHours:
        def minutes(text: str, fallback: int) -> int:
            try:
                hours, _, mins = text.strip().partition(":")
                value = int(hours) * 60 + int(mins or 0)
            except ValueError:
                return fallback
            return value if 0 <= value <= 24 * 60 else fallback

        hours = cls(minutes(start, cls.start_minute), minutes(end, cls.end_minute))
        return hours if hours.end_minute > hours.start_minute else cls()

    @property
    def per_day(self) -> int:
        return self.end_minute - self.start_minute

    def label(self) -> str:
        start, end = divmod(self.start_minute, 60), divmod(self.end_minute, 60)
        return f"{start[0]:02d}:{start[1]:02d}–{end[0]:02d}:{end[1]:02d}"


@dataclass
class Bucket:
    key: str
    label: str
    count: int = 0
    minutes: float = 0.0


@dataclass
class SourceLoad:
    source_id: str | None
    name: str
    platform: str
    level: str
    count: int = 0
    minutes: float = 0.0
    items_received: int = 0
    items_read: int = 0


@dataclass
class TaskOutcome:
    on_time: int = 0
    late: int = 0  # done after the deadline
    overdue: int = 0  # still open after the deadline
    pending: int = 0  # open, deadline not reached

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.overdue + self.pending


@dataclass
class DayLoad:
    day: date
    count: int = 0
    minutes: float = 0.0
    minutes_in_hours: float = 0.0


@dataclass
class WorkTime:
    workdays: int
    minutes_per_day: int
    hours_label: str
    calendar_note: str | None
    minutes_in_hours: float
    minutes_outside_hours: float

    @property
    def work_minutes(self) -> int:
        return self.workdays * self.minutes_per_day


@dataclass
class BurdenRow:
    category: str  # BurdenCategory value
    confirmed: bool
    account: str
    platform: str
    imposed_by: str
    requirement: str
    basis: str
    count: int
    minutes: float
    minutes_per_month: float
    work_share: float
    evidence: list[str] = field(default_factory=list)
    thumbnails: list[tuple[str, str]] = field(default_factory=list)  # (sha256, caption)


@dataclass
class WorkloadSummary:
    period: Period
    options: ReportOptions
    total_count: int
    total_minutes: float
    checkin_count: int
    corrected_count: int
    by_source: list[SourceLoad]
    by_platform: list[Bucket]
    by_level: list[Bucket]
    by_unit: list[Bucket]
    by_kind: list[Bucket]
    by_burden: list[Bucket]
    items_received: int
    items_read: int
    tasks: TaskOutcome
    days: list[DayLoad]
    work: WorkTime
    burden: list[BurdenRow]
    aliases: dict[str, str]  # source id → shown name (anonymized or real)

    @property
    def is_empty(self) -> bool:
        return self.total_count == 0 and self.items_received == 0 and self.tasks.total == 0

    @property
    def work_share(self) -> float:
        return self.total_minutes / self.work.work_minutes if self.work.work_minutes else 0.0

    def top_sources(self, limit: int = TOP_SOURCES) -> list[SourceLoad]:
        return [s for s in self.by_source if s.count][:limit]

    def weeks(self) -> list[tuple[date, int, float]]:
        """(Monday, count, minutes) per ISO week touching the period."""
        weeks: dict[date, list[float]] = {}
        for load in self.days:
            monday = load.day - timedelta(days=load.day.weekday())
            bucket = weeks.setdefault(monday, [0, 0.0])
            bucket[0] += load.count
            bucket[1] += load.minutes
        return [(monday, int(values[0]), values[1]) for monday, values in weeks.items()]
