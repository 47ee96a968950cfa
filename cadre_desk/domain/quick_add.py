"""Quick-add: read a task and its deadline from what a cadre types.

"明天下午3点前报送安全生产月报" → title "报送安全生产月报", due tomorrow 15:00 China time.
Understands relative days (今天/明天/后天/大后天/今晚/明早), weekdays (周五/星期五/下周一/
本周三), dates (11月30日, 十一月三十号, 2026-12-01, 11/30), days of the month (25号/月底),
offsets (3天后/两小时后/半小时后/一周内), times (下午3点/三点半/15:30/晚上八点/中午12点) and
the usual deadline words (前/之前/截止/最晚), with Chinese numerals.

A focused parser rather than a general NLP library: dateparser misses "后天" and most of these
forms, and the phrases cadres type are few and regular. Tested on those phrases.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from cadre_desk.domain.cn_numerals import cn_number
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.domain.task_errors import QuickAddError

_FULL_WIDTH = str.maketrans("０１２３４５６７８９：／－．！　", "0123456789:/-.! ")

NUM = r"(?:\d{1,4}|[零〇一二两三四五六七八九十百]{1,4})"
PERIOD = r"(?:凌晨|清晨|早上|早晨|上午|中午|午后|下午|傍晚|晚上|夜里|夜间|晚)"
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_WEEKDAY.update({str(n): n - 1 for n in range(1, 8)})
# When only a part of the day is named, the deadline is the end of that part.
_PERIOD_DEFAULT = {
    "凌晨": time(6, 0),
    "清晨": time(8, 0),
    "早上": time(9, 0),
    "早晨": time(9, 0),
    "上午": time(12, 0),
    "中午": time(13, 0),
    "午后": time(15, 0),
    "下午": time(18, 0),
    "傍晚": time(19, 0),
    "晚上": time(21, 0),
    "晚": time(21, 0),
    "夜里": time(23, 0),
    "夜间": time(23, 0),
}
_EVENING = {"下午", "午后", "傍晚", "晚上", "晚", "夜里", "夜间"}
_MARK = "\x00"


@dataclass(frozen=True)
class QuickAddResult:
    title: str
    due_at: datetime | None  # aware UTC
    has_time: bool  # the text named a time of day (else the default time was used)
    priority: int  # 0 normal, 1 high, 2 urgent
    recognized: tuple[str, ...]  # the words read as date/time, to show the user
    in_past: bool

    def due_local(self) -> datetime | None:
        return self.due_at.astimezone(CHINA_TZ) if self.due_at else None


@dataclass
class _State:
    today: date
    now: datetime  # China time
    day: date | None = None
    at: time | None = None
    period: str | None = None
    exact: datetime | None = None  # offsets in hours/minutes
    recognized: list[str] = field(default_factory=list)
    rolled_from_past: bool = False


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _month_day(state: _State, month: int, day: int, year: int | None) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    candidate_year = year or state.today.year
    if day > calendar.monthrange(candidate_year, month)[1]:
        return None
    found = date(candidate_year, month, day)
    # "1月5日" typed in December means next January; a date a few weeks back is a typo to flag.
    if year is None and (state.today - found).days > 60:
        found = date(candidate_year + 1, month, day)
    return found


# ----------------------------------------------------------------------------- date handlers


def _iso_date(state: _State, m: re.Match[str]) -> bool:
    found = _month_day(state, int(m["month"]), int(m["day"]), int(m["year"]))
    state.day = found
    return found is not None


def _cn_date(state: _State, m: re.Match[str]) -> bool:
    month, day = cn_number(m["month"]), cn_number(m["day"])
    year = cn_number(m["year"]) if m["year"] else None
    if month is None or day is None:
        return False
    found = _month_day(state, month, day, year)
    state.day = found
    return found is not None


def _slash_date(state: _State, m: re.Match[str]) -> bool:
    found = _month_day(state, int(m["month"]), int(m["day"]), None)
    state.day = found
    return found is not None


_RELATIVE_DAYS = {"今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}
_RELATIVE_WITH_PERIOD = {
    "今晚": (0, "晚上"),
    "今夜": (0, "夜里"),
    "今早": (0, "早上"),
    "明早": (1, "早上"),
    "明晨": (1, "清晨"),
    "明晚": (1, "晚上"),
    "后天晚上": (2, "晚上"),
}


def _relative_day(state: _State, m: re.Match[str]) -> bool:
    word = m[0]
    if word in _RELATIVE_WITH_PERIOD:
        offset, period = _RELATIVE_WITH_PERIOD[word]
        state.period = period
    else:
        offset = _RELATIVE_DAYS[word]
    state.day = state.today + timedelta(days=offset)
    return True


def _weekday(state: _State, m: re.Match[str]) -> bool:
    prefix = (m["prefix"] or "").replace("个", "")
    target = _WEEKDAY[m["day"]]
    monday = state.today - timedelta(days=state.today.weekday())
    if prefix in {"这", "本"}:
        state.day = monday + timedelta(days=target)
    elif prefix == "下":
        state.day = monday + timedelta(days=7 + target)
    elif prefix == "下下":
        state.day = monday + timedelta(days=14 + target)
    elif prefix == "上":
        state.day = monday + timedelta(days=target - 7)
    else:  # the next such day, today included
        state.day = state.today + timedelta(days=(target - state.today.weekday()) % 7)
    return True


def _offset(state: _State, m: re.Match[str]) -> bool:
    amount_text, unit = m["amount"], m["unit"]
    if amount_text == "半":
        amount = 0.5
    else:
        parsed = cn_number(amount_text)
        if parsed is None:
            return False
        amount = float(parsed) + (0.5 if m["half"] else 0)
    if unit in {"小时", "钟头"}:
        state.exact = state.now + timedelta(hours=amount)
    elif unit == "分钟":
        state.exact = state.now + timedelta(minutes=amount)
    elif unit in {"天", "日"}:
        state.day = state.today + timedelta(days=round(amount))
    elif unit in {"周", "星期", "礼拜"}:
        state.day = state.today + timedelta(days=round(amount * 7))
    else:  # 月
        year, month = _add_months(state.today, round(amount))
        state.day = min(
            date(year, month, min(state.today.day, calendar.monthrange(year, month)[1])),
            _end_of_month(year, month),
        )
    return True


def _month_end(state: _State, m: re.Match[str]) -> bool:
    if m[0].endswith("年底") or m[0].endswith("年末"):
        state.day = date(state.today.year, 12, 31)
        return True
    shift = 1 if (m["which"] or "").startswith("下") else 0
    year, month = _add_months(state.today, shift)
    state.day = _end_of_month(year, month)
    return True


def _day_of_month(state: _State, m: re.Match[str]) -> bool:
    day = cn_number(m["day"])
    if day is None or not 1 <= day <= 31:
        return False
    shift = 1 if (m["which"] or "").startswith("下") else 0
    for extra in range(0, 13):
        year, month = _add_months(state.today, shift + extra)
        if day > calendar.monthrange(year, month)[1]:
            continue
        found = date(year, month, day)
        if shift or found >= state.today:
            state.day = found
            return True
    return False


# ----------------------------------------------------------------------------- time handlers


def _apply_period(hour: int, period: str | None) -> int:
    if period in _EVENING and hour < 12:
        return hour + 12
    if period == "中午" and hour < 6:
        return hour + 12
    if period in {"凌晨"} and hour == 12:
        return 0
    if period is None and 1 <= hour <= 6:
        return hour + 12  # "3点前" in an office means 15:00
    return hour


def _clock(state: _State, m: re.Match[str]) -> bool:
    hour, minute = int(m["hour"]), int(m["minute"])
    period = m["period"] or state.period
    hour = _apply_period(hour, period) if period else hour
    if hour > 23 or minute > 59:
        return False
    state.at = time(hour, minute)
    return True


def _hour(state: _State, m: re.Match[str]) -> bool:
    hour = cn_number(m["hour"])
    if hour is None or hour > 24:
        return False
    period = m["period"] or state.period
    if hour == 24:
        hour, minute = 23, 59
    else:
        minute = 0
        rest = m["rest"] or ""
        if rest == "半":
            minute = 30
        elif rest == "一刻":
            minute = 15
        elif rest == "三刻":
            minute = 45
        elif m["minute"]:
            parsed = cn_number(m["minute"])
            if parsed is None or parsed > 59:
                return False
            minute = parsed
        hour = _apply_period(hour, period)
    if hour > 23:
        return False
    state.at = time(hour, minute)
    return True


def _period_only(state: _State, m: re.Match[str]) -> bool:
    state.period = m[0]
    return True


Handler = Callable[[_State, re.Match[str]], bool]
_NOT_AN_ID = r"(?![楼栋层室门线路号文令件院届次期批])"

_DATE_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (
        re.compile(r"(?P<year>\d{4})[-/.年](?P<month>\d{1,2})[-/.月](?P<day>\d{1,2})[日号]?"),
        _iso_date,
    ),
    (
        re.compile(rf"(?:(?P<year>\d{{4}})年)?(?P<month>{NUM})月(?P<day>{NUM})[日号]?{_NOT_AN_ID}"),
        _cn_date,
    ),
    (re.compile(r"(?<![\d:.])(?P<month>\d{1,2})[/](?P<day>\d{1,2})(?![\d:/])"), _slash_date),
    (re.compile(r"后天晚上|大后天|后天|明天|明日|今天|今日|今晚|今夜|今早|明早|明晨|明晚"), _relative_day),
    (
        re.compile(
            r"(?P<prefix>下下个?|下个?|这个?|本|上个?)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天1-7])"
        ),
        _weekday,
    ),
    (
        re.compile(
            rf"(?P<amount>{NUM}|半)(?P<half>个半)?个?(?P<unit>小时|钟头|分钟|天|日|周|星期|礼拜|月)"
            r"(?:后|以后|之后|内|以内|之内)"
        ),
        _offset,
    ),
    (re.compile(r"(?P<which>本月|这个月|下个?月)?(?:月底|月末)|年底|年末"), _month_end),
    (
        re.compile(rf"(?<![第月\d])(?P<which>本月|这个月|下个?月)?(?P<day>{NUM})[日号]{_NOT_AN_ID}"),
        _day_of_month,
    ),
)
_TIME_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (re.compile(rf"(?P<period>{PERIOD})?(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})"), _clock),
    (
        re.compile(
            rf"(?P<period>{PERIOD})?(?P<hour>{NUM})[点時时](?:(?P<rest>半|一刻|三刻|整)|(?P<minute>{NUM})分?)?"
        ),
        _hour,
    ),
    (re.compile(PERIOD), _period_only),
)

_CONNECTORS = re.compile(
    rf"(?:请于|务必于|务必在|请在|最晚|最迟|截止到|截至|截止|在|于|到)?\s*{_MARK}+\s*"
    r"(?:之前|以前|前|为止|截止|内|以内)?"
)
_PRIORITY_WORDS = (("特急", 2), ("紧急", 2), ("加急", 2), ("急", 1), ("重要", 1))


def _extract(
    state: _State, text: str, patterns: tuple[tuple[re.Pattern[str], Handler], ...], first_only: bool = True
) -> str:
    for pattern, handler in patterns:
        for match in pattern.finditer(text):
            if match[0] == "一点" and state.period is None:
                continue  # "快一点" is not one o'clock
            if handler(state, match):
                state.recognized.append(match[0])
                text = text[: match.start()] + _MARK * len(match[0]) + text[match.end() :]
                if first_only:
                    return text
                break
    return text


def parse_quick_add(text: str, now: datetime, default_time: time = time(17, 30)) -> QuickAddResult:
    """Read a task from one line. ``now`` is aware; the result's ``due_at`` is UTC."""
    if now.tzinfo is None:
        raise ValueError("naive datetime")
    raw = text.translate(_FULL_WIDTH).strip()
    if not raw:
        raise QuickAddError("没有输入任务内容。")
    priority = 0
    bangs = len(re.findall(r"!", raw))
    if bangs:
        priority = 2 if bangs >= 2 else 1
        raw = raw.replace("!", " ").strip()
    for word, level in _PRIORITY_WORDS:
        if word in raw:
            priority = max(priority, level)
            break

    local_now = now.astimezone(CHINA_TZ)
    state = _State(today=local_now.date(), now=local_now)
    remaining = _extract(state, raw, _DATE_PATTERNS)
    if state.exact is None:
        remaining = _extract(state, remaining, _TIME_PATTERNS)
    title = _CONNECTORS.sub(" ", remaining)
    title = re.sub(r"\s+", " ", title).strip(" ，,。.:：;；、-")
    if not title:
        raise QuickAddError("只写了时间，没有写要做的事。")

    due_local: datetime | None
    has_time = state.exact is not None or state.at is not None
    if state.exact is not None:
        due_local = state.exact
    elif state.day is None and state.at is None and state.period is None:
        due_local = None
    else:
        at = state.at or (_PERIOD_DEFAULT[state.period] if state.period else default_time)
        day = state.day or state.today
        due_local = datetime.combine(day, at, tzinfo=CHINA_TZ)
        if state.day is None and due_local < local_now:
            due_local += timedelta(days=1)  # "3点开会" typed at 16:00 means tomorrow
    due_at = due_local.astimezone(UTC) if due_local else None
    in_past = due_local is not None and due_local < local_now
    return QuickAddResult(
        title=title,
        due_at=due_at,
        has_time=has_time,
        priority=priority,
        recognized=tuple(state.recognized),
        in_past=in_past,
    )
