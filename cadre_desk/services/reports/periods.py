"""Report periods: this week/month/quarter/year, a named month/quarter/ISO week/year, or a
custom range of days. Days are China Standard Time calendar days; ranges may cross years."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cadre_desk.domain.errors import ReportPeriodError
from cadre_desk.services.reports.document import REPORT_TZ

MAX_DAYS = 3 * 366  # a longer range is almost always a typo (2062 for 2026)


@dataclass(frozen=True)
class Period:
    """Inclusive range of calendar days ``first``..``last`` with a label for people."""

    first: date
    last: date
    label: str

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start_ms(self) -> int:
        """Epoch milliseconds of ``first`` 00:00 China time (inclusive)."""
        return _midnight_ms(self.first)

    @property
    def end_ms(self) -> int:
        """Epoch milliseconds of the day after ``last`` 00:00 China time (exclusive)."""
        return _midnight_ms(self.last + timedelta(days=1))

    @property
    def months(self) -> float:
        """Length in average months, for "minutes per month"."""
        return self.days / (365.2425 / 12)

    def each_day(self) -> list[date]:
        return [self.first + timedelta(days=offset) for offset in range(self.days)]


def _midnight_ms(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=REPORT_TZ).timestamp() * 1000)


def today_local() -> date:
    return datetime.now(REPORT_TZ).date()


def month(year: int, number: int) -> Period:
    first = date(year, number, 1)
    following = date(year + (number == 12), number % 12 + 1, 1)
    return Period(first, following - timedelta(days=1), f"{year}年{number}月")


def quarter(year: int, number: int) -> Period:
    first_month = 3 * (number - 1) + 1
    start = month(year, first_month)
    end = month(year, first_month + 2)
    return Period(start.first, end.last, f"{year}年第{'一二三四'[number - 1]}季度")


def iso_week(year: int, number: int) -> Period:
    first = date.fromisocalendar(year, number, 1)
    last = first + timedelta(days=6)
    return Period(first, last, f"{year}年第{number}周（{_short(first)}–{_short(last)}）")


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31), f"{number}年")


def custom(first: date, last: date) -> Period:
    if last < first:
        raise ReportPeriodError(f"结束日期 {last} 早于开始日期 {first}。")
    if (last - first).days + 1 > MAX_DAYS:
        raise ReportPeriodError(f"统计期间太长（{(last - first).days + 1} 天），最多 {MAX_DAYS} 天。")
    return Period(first, last, f"{first.isoformat()} 至 {last.isoformat()}")


def _short(day: date) -> str:
    return f"{day.month}月{day.day}日"


RELATIVE = ("this-week", "this-month", "this-quarter", "this-year", "last-week", "last-month")
_RELATIVE_ZH = {
    "本周": "this-week",
    "本月": "this-month",
    "本季度": "this-quarter",
    "今年": "this-year",
    "本年": "this-year",
    "上周": "last-week",
    "上月": "last-month",
}


def relative(name: str, today: date | None = None) -> Period:
    today = today or today_local()
    name = _RELATIVE_ZH.get(name, name)
    if name == "this-week":
        iso = today.isocalendar()
        return iso_week(iso.year, iso.week)
    if name == "last-week":
        iso = (today - timedelta(days=7)).isocalendar()
        return iso_week(iso.year, iso.week)
    if name == "this-month":
        return month(today.year, today.month)
    if name == "last-month":
        previous = today.replace(day=1) - timedelta(days=1)
        return month(previous.year, previous.month)
    if name == "this-quarter":
        return quarter(today.year, (today.month - 1) // 3 + 1)
    if name == "this-year":
        return year(today.year)
    raise ReportPeriodError(f"无法识别的统计期间：{name}")


_DATE = r"(\d{4})-(\d{1,2})-(\d{1,2})"


def parse_period(text: str, today: date | None = None) -> Period:
    """Parse what people type: ``2026-10``, ``2026-Q4``, ``2026-W43``, ``2026``,
    ``2026-09-15..2026-10-14`` (or ``至`` between), ``本月``/``this-month``…"""
    value = text.strip().replace("～", "..").replace("至", "..")
    try:
        if value in RELATIVE or value in _RELATIVE_ZH:
            return relative(value, today)
        if match := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
            return month(int(match[1]), int(match[2]))
        if match := re.fullmatch(r"(\d{4})-?[Qq]([1-4])", value):
            return quarter(int(match[1]), int(match[2]))
        if match := re.fullmatch(r"(\d{4})-?[Ww](\d{1,2})", value):
            return iso_week(int(match[1]), int(match[2]))
        if match := re.fullmatch(r"(\d{4})", value):
            return year(int(match[1]))
        if match := re.fullmatch(_DATE + r"\s*\.\.\s*" + _DATE, value):
            first = date(int(match[1]), int(match[2]), int(match[3]))
            last = date(int(match[4]), int(match[5]), int(match[6]))
            return custom(first, last)
        if match := re.fullmatch(_DATE, value):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return Period(day, day, day.isoformat())
    except ValueError as exc:  # month 13, week 54, 2月30日…
        raise ReportPeriodError(f"统计期间“{text}”中的日期不存在（{exc}）。") from exc
    raise ReportPeriodError(f"无法识别的统计期间：“{text}”。")
