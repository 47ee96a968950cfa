"""The points of the 统计 trend chart: days (or weeks) that are over, and the one still running.

Today is not over: drawn as a point of the line, its few minutes so far read as a drop to zero
("本月" on the 2nd fell from yesterday's 40 minutes to 0). The line stops at the last finished
day or week; the running one is a separate point the chart marks as partial; the future is left
out (no flat line through days that have not come)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from cadre_desk.services.reports.workload_types import DayLoad


@dataclass(frozen=True)
class TrendPoint:
    start: date  # the day, or the Monday of the week
    minutes: float


@dataclass(frozen=True)
class Trend:
    finished: list[TrendPoint] = field(default_factory=list)
    running: TrendPoint | None = None  # the day/week holding today, not over yet

    @property
    def points(self) -> list[TrendPoint]:
        return self.finished + ([self.running] if self.running is not None else [])


def daily_trend(days: Sequence[DayLoad], today: date) -> Trend:
    finished = [TrendPoint(d.day, d.minutes) for d in days if d.day < today]
    running = next((TrendPoint(d.day, d.minutes) for d in days if d.day == today), None)
    return Trend(finished, running)


def weekly_trend(days: Sequence[DayLoad], today: date) -> Trend:
    """ISO weeks touching the period, summed over its days up to today; the week holding today
    is running when today is in the period (a period that ended earlier is over as a whole)."""
    this_monday = today - timedelta(days=today.weekday())
    if not any(load.day == today for load in days):
        this_monday = date.max
    weeks: dict[date, float] = {}
    for load in days:
        if load.day > today:
            continue
        monday = load.day - timedelta(days=load.day.weekday())
        weeks[monday] = weeks.get(monday, 0.0) + load.minutes
    finished = [TrendPoint(monday, minutes) for monday, minutes in weeks.items() if monday < this_monday]
    running = TrendPoint(this_monday, weeks[this_monday]) if this_monday in weeks else None
    return Trend(finished, running)
