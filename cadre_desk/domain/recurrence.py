"""When a requirement falls due: RFC 5545 RRULEs (via dateutil) plus China's workday calendar.

A requirement stores its recurrence as RRULE text without DTSTART; its ``starts_on`` date is
the anchor. One extension: ``X-CN-WORKDAY=1`` keeps only the dates that are workdays under the
State Council holiday schedule, including make-up workdays (调休) that fall on weekends — plain
``BYDAY=MO,TU,WE,TH,FR`` is wrong around 国庆 and 春节. The calendar comes from the
``chinese_calendar`` package, which knows each year once the schedule is published (update it
yearly); for years it does not know yet we fall back to Monday–Friday and say so.

Dates are China Standard Time dates: an occurrence is "2026-10-09" on every device, whatever
the machine's time zone, which is what makes occurrence ids deterministic across devices.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import chinese_calendar
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr

from cadre_desk.domain.task_errors import InvalidRecurrenceError, InvalidTimeError

CHINA_TZ = ZoneInfo("Asia/Shanghai")
WORKDAY_PART = "X-CN-WORKDAY=1"
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_WEEKDAY_ZH = ("一", "二", "三", "四", "五", "六", "日")
_ALLOWED_FREQ = {DAILY, WEEKLY, MONTHLY, YEARLY}
# dateutil walks up to year 9999 looking for an impossible date (e.g. 2月31日): looking four
# years ahead is enough to know a rule is usable and stays fast.
_USABLE_WITHIN_DAYS = 4 * 366


class Preset(StrEnum):
    DAILY = "daily"  # 每天
    WORKDAYS = "workdays"  # 每个工作日（按法定节假日调休）
    WEEKLY = "weekly"  # 每周（某几天）
    MONTHLY = "monthly"  # 每月某日（小月取月末）
    MONTH_END = "month_end"  # 每月最后一天
    PER_ITEM = "per_item"  # 每条新消息后 N 小时内
    CUSTOM = "custom"  # 自定义 RRULE


# ----------------------------------------------------------------------------- workdays


@functools.lru_cache(maxsize=4096)
def is_cn_workday(day: date) -> bool:
    """A workday in mainland China: Mon–Fri minus statutory holidays plus make-up workdays."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5  # schedule not published / not in this package version yet


def workday_calendar_covers(year: int) -> bool:
    """Whether the installed holiday schedule knows ``year`` (else Mon–Fri is assumed)."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


# ----------------------------------------------------------------------------- rules


def _split_parts(text: str) -> list[str]:
    cleaned = text.strip()
    if cleaned.upper().startswith("RRULE:"):
        cleaned = cleaned[6:]
    return [p.strip() for p in cleaned.replace("\n", ";").split(";") if p.strip()]


@dataclass(frozen=True)
class Recurrence:
    """A parsed recurrence. ``rule`` is the normalized text stored in the database."""

    rule: str
    base: str  # the part dateutil reads (extensions removed)
    cn_workdays: bool

    @classmethod
    def parse(cls, text: str) -> Recurrence:
        """Read RRULE text or raise ``InvalidRecurrenceError`` with a message for people."""
        if not text or not text.strip():
            raise InvalidRecurrenceError("重复规则为空。")
        parts = _split_parts(text)
        cn_workdays = False
        base_parts: list[str] = []
        for part in parts:
            key, _, value = part.partition("=")
            key = key.upper()
            if key == "X-CN-WORKDAY":
                cn_workdays = value.strip() in {"1", "TRUE", "true"}
            elif key == "DTSTART":
                raise InvalidRecurrenceError("重复规则里不要写 DTSTART：开始日期请填在“开始日期”一栏。")
            elif key.startswith("X-"):
                raise InvalidRecurrenceError(f"不认识的扩展项：{part}")
            else:
                base_parts.append(f"{key}={value.strip().upper()}")
        base = ";".join(base_parts)
        try:
            parsed = rrulestr(base, dtstart=datetime(2026, 1, 1))
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise InvalidRecurrenceError(f"无法识别的重复规则“{text.strip()}”：{exc}") from exc
        if not isinstance(parsed, rrule):
            raise InvalidRecurrenceError(f"只支持单条重复规则：{text.strip()}")
        if parsed._freq not in _ALLOWED_FREQ:
            raise InvalidRecurrenceError("重复频率最小为“每天”；按小时的要求请用“新消息后 N 小时内”。")
        rule = base + (";" + WORKDAY_PART if cn_workdays else "")
        return cls(rule=rule, base=base, cn_workdays=cn_workdays)

    def _rrule(self, anchor: date) -> rrule:
        return _compiled(self.base, anchor)

    def dates(self, anchor: date, start: date, end: date) -> list[date]:
        """Occurrence dates in ``[start, end]`` (inclusive) for a rule anchored at ``anchor``."""
        if end < start:
            return []
        lower = max(start, anchor)
        found = self._rrule(anchor).between(
            datetime.combine(lower, time.min), datetime.combine(end, time.max), inc=True
        )
        days = [moment.date() for moment in found]
        if self.cn_workdays:
            days = [d for d in days if is_cn_workday(d)]
        return days

    def ensure_usable(self, anchor: date) -> None:
        """Raise when the rule produces no date in the next four years (e.g. 2月30日)."""
        horizon = anchor + timedelta(days=_USABLE_WITHIN_DAYS)
        first = self._rrule(anchor).after(datetime.combine(anchor, time.min), inc=True)
        if first is None or first.date() > horizon:
            raise InvalidRecurrenceError(f"重复规则“{self.rule}”从 {anchor.isoformat()} 起不会产生任何日期。")

    def per_month(self, anchor: date) -> float:
        """Average occurrences per month over the year after ``anchor`` (for burden estimates)."""
        return len(self.dates(anchor, anchor, anchor + timedelta(days=364))) / 12.0

    @property
    def preset(self) -> Preset:
        return detect_preset(self.rule)

    def describe(self) -> str:
        return describe(self.rule)


@functools.lru_cache(maxsize=8192)
def _compiled(base: str, anchor: date) -> rrule:
    compiled = rrulestr(base, dtstart=datetime.combine(anchor, time.min), cache=True)
    assert isinstance(compiled, rrule)
    return compiled


def preset_rule(preset: Preset, anchor: date, weekdays: tuple[int, ...] = ()) -> str | None:
    """The RRULE text of a preset; ``None`` for per-item requirements.

    ``MONTHLY`` anchored on the 29th–31st falls on the last day of shorter months (the usual
    meaning of "每月30日前报送"), instead of RFC 5545's skipping those months.
    """
    if preset == Preset.DAILY:
        return "FREQ=DAILY"
    if preset == Preset.WORKDAYS:
        return f"FREQ=DAILY;{WORKDAY_PART}"
    if preset == Preset.WEEKLY:
        days = weekdays or (anchor.weekday(),)
        return "FREQ=WEEKLY;BYDAY=" + ",".join(_WEEKDAY_CODES[d] for d in sorted(set(days)))
    if preset == Preset.MONTHLY:
        return monthly_rule(anchor.day)
    if preset == Preset.MONTH_END:
        return "FREQ=MONTHLY;BYMONTHDAY=-1"
    if preset == Preset.PER_ITEM:
        return None
    raise InvalidRecurrenceError("自定义规则请直接填写 RRULE 文本。")


def monthly_rule(day: int) -> str:
    """Every month on ``day``; 29–31 fall on the last day of shorter months."""
    if not 1 <= day <= 31:
        raise InvalidRecurrenceError(f"每月的日期应在 1 到 31 之间：{day}")
    if day <= 28:
        return f"FREQ=MONTHLY;BYMONTHDAY={day}"
    candidates = ",".join(str(d) for d in range(28, day + 1))
    return f"FREQ=MONTHLY;BYMONTHDAY={candidates};BYSETPOS=-1"


def monthly_day(rule: str) -> int | None:
    """The day a ``MONTHLY`` preset rule falls on (the inverse of ``monthly_rule``)."""
    match = re.search(r"BYMONTHDAY=([\d,]+)", rule.upper())
    return int(match.group(1).split(",")[-1]) if match else None


def detect_preset(rule: str | None) -> Preset:
    if rule is None:
        return Preset.PER_ITEM
    normalized = ";".join(sorted(_split_parts(rule.upper())))
    if normalized == "FREQ=DAILY":
        return Preset.DAILY
    if normalized == ";".join(sorted(["FREQ=DAILY", WORKDAY_PART])):
        return Preset.WORKDAYS
    if normalized == "BYMONTHDAY=-1;FREQ=MONTHLY":
        return Preset.MONTH_END
    if re.fullmatch(r"BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*;FREQ=WEEKLY", normalized):
        return Preset.WEEKLY
    if re.fullmatch(r"BYMONTHDAY=\d{1,2};FREQ=MONTHLY", normalized) or re.fullmatch(
        r"BYMONTHDAY=28(,\d\d)*;BYSETPOS=-1;FREQ=MONTHLY", normalized
    ):
        return Preset.MONTHLY
    return Preset.CUSTOM


def describe(rule: str | None, within_hours: float | None = None) -> str:
    """A short Chinese description for lists and reports."""
    if rule is None:
        if within_hours:
            return f"每条新消息后 {within_hours:g} 小时内"
        return "不重复"
    preset = detect_preset(rule)
    parts = {p.split("=", 1)[0]: p.split("=", 1)[1] for p in _split_parts(rule.upper()) if "=" in p}
    if preset == Preset.DAILY:
        return "每天"
    if preset == Preset.WORKDAYS:
        return "每个工作日（按法定节假日调休）"
    if preset == Preset.MONTH_END:
        return "每月最后一天"
    if preset == Preset.WEEKLY:
        days = [_WEEKDAY_ZH[_WEEKDAY_CODES.index(code)] for code in parts["BYDAY"].split(",")]
        return "每周" + "、".join(days)
    if preset == Preset.MONTHLY:
        days = parts["BYMONTHDAY"].split(",")
        if len(days) == 1:
            return f"每月{days[0]}日"
        return f"每月{days[-1]}日（小月为月末）"
    suffix = "，仅工作日" if WORKDAY_PART in rule.upper() else ""
    return f"自定义（{Recurrence.parse(rule).base}）{suffix}"


# ----------------------------------------------------------------------------- due moments


def parse_hhmm(text: str | None) -> time | None:
    """ "17:30" → time(17, 30); empty → None; anything else → ``InvalidTimeError``."""
    if text is None or not text.strip():
        return None
    match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidTimeError(f"时间“{text}”的格式不对。")
    return time(int(match.group(1)), int(match.group(2)))


DEFAULT_DUE = time(17, 30)  # end of the usual working day when a requirement names no time


def occurrence_due(day: date, due_time: time | None) -> datetime:
    """The moment (UTC) an occurrence on ``day`` is due: ``due_time`` China time, or day's end of work."""
    local = datetime.combine(day, due_time or DEFAULT_DUE, tzinfo=CHINA_TZ)
    return local.astimezone(UTC)


def due_after_item(published_at: datetime, within_hours: float) -> datetime:
    """ "Forward within N hours of a new item": due N hours after the item appeared."""
    if within_hours <= 0:
        raise InvalidRecurrenceError("“新消息后 N 小时内”的 N 必须大于 0。")
    if published_at.tzinfo is None:
        raise ValueError("naive datetime")
    return (published_at + timedelta(hours=within_hours)).astimezone(UTC)


def china_date(moment: datetime) -> date:
    """The calendar date in China of an aware moment."""
    return moment.astimezone(CHINA_TZ).date()
