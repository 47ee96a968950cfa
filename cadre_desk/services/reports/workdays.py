"""The work-day calendar of a period: State Council workdays (with 调休) from chinese-calendar,
Monday to Friday for years it does not know yet (and a note saying so), and the day trend split
into minutes inside and outside working hours."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, timedelta

import chinese_calendar

from cadre_desk.services.reports.day_cube import DayRow
from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.workload_types import DayLoad, WorkHours, WorkTime

CALENDAR_NOTE = (
    "期间内有年份不在法定节假日日历中，这些日期按周一至周五计算工作日（请更新 chinese-calendar）。"
)


@functools.lru_cache(maxsize=4096)
def is_workday(day: date) -> tuple[bool, bool]:
    """(workday?, known to the State Council calendar?)."""
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:
        return day.weekday() < 5, False


def day_trend(period: Period, hours: WorkHours, day_rows: Sequence[DayRow]) -> tuple[list[DayLoad], WorkTime]:
    """Every day of ``period`` with its operations, and the period's working time; minutes count
    as "in working hours" only inside ``hours`` on a workday."""
    days: dict[date, DayLoad] = {day: DayLoad(day) for day in period.each_day()}
    in_hours = outside = 0.0
    workdays_cache: dict[date, bool] = {}
    calendar_known = True
    for day_number, inside, count, minutes in day_rows:
        day = date(1970, 1, 1) + timedelta(days=int(day_number))
        day_load = days.setdefault(day, DayLoad(day))
        day_load.count += int(count)
        day_load.minutes += float(minutes)
        if day not in workdays_cache:
            workdays_cache[day], known = is_workday(day)
            calendar_known = calendar_known and known
        if inside and workdays_cache[day]:
            day_load.minutes_in_hours += float(minutes)
            in_hours += float(minutes)
        else:
            outside += float(minutes)
    workdays = 0
    for day in period.each_day():
        is_work, known = is_workday(day)
        workdays += is_work
        calendar_known = calendar_known and known
    work = WorkTime(
        workdays=workdays,
        minutes_per_day=hours.per_day,
        hours_label=hours.label(),
        calendar_note=None if calendar_known else CALENDAR_NOTE,
        minutes_in_hours=in_hours,
        minutes_outside_hours=outside,
    )
    return sorted(days.values(), key=lambda d: d.day), work
