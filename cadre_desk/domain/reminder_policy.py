"""When a reminder may be shown: working hours, quiet hours, China's workdays.

Many units forbid after-hours messages; a reminder that falls in quiet hours (or outside
working hours, when the user asks for working hours only) is moved to the next moment it is
allowed, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from cadre_desk.domain.recurrence import CHINA_TZ, is_cn_workday


def _within(moment: time, start: time, end: time) -> bool:
    """``start <= moment < end`` on a clock face (the interval may wrap past midnight)."""
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


@dataclass(frozen=True)
class ReminderPolicy:
    working_start: time = time(8, 30)
    working_end: time = time(17, 30)
    quiet_start: time = time(20, 0)
    quiet_end: time = time(8, 0)
    working_hours_only: bool = True
    lead: timedelta = timedelta(minutes=30)

    def allowed(self, moment: datetime) -> bool:
        local = moment.astimezone(CHINA_TZ)
        clock = local.time()
        if _within(clock, self.quiet_start, self.quiet_end):
            return False
        if self.working_hours_only:
            return is_cn_workday(local.date()) and _within(clock, self.working_start, self.working_end)
        return True

    def next_allowed(self, moment: datetime) -> datetime:
        """``moment`` itself if allowed, else the first allowed moment after it (UTC)."""
        if self.allowed(moment):
            return moment.astimezone(UTC)
        local = moment.astimezone(CHINA_TZ)
        opening = self.working_start if self.working_hours_only else self.quiet_end
        for offset in range(0, 40):  # the longest holiday (春节) is well under 40 days
            day = local.date() + timedelta(days=offset)
            candidate = datetime.combine(day, opening, tzinfo=CHINA_TZ)
            if candidate > local and self.allowed(candidate):
                return candidate.astimezone(UTC)
        return moment.astimezone(UTC)

    def reminder_at(self, due_at: datetime, remind_at: datetime | None = None) -> datetime:
        """When to remind about a task due at ``due_at`` (explicit ``remind_at`` wins)."""
        return self.next_allowed(remind_at or (due_at - self.lead))
