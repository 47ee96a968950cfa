"""Quick-add of recurring work: “每个工作日 学习打卡”, “每周一 上午10点 报送周报”, “每月5日前 填报”.

Reads the recurrence (an RRULE as ``domain.recurrence`` stores it, with China's workday calendar
for 工作日), the time of day, the operation kind and the title from one typed line. A line with
no recurrence word returns None and is a one-off task (``domain.quick_add``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from cadre_desk.domain.cn_numerals import cn_number
from cadre_desk.domain.enums import OperationKind
from cadre_desk.domain.quick_add import (
    _CONNECTORS,
    _DATE_PATTERNS,
    _FULL_WIDTH,
    _MARK,
    _PERIOD_DEFAULT,
    _TIME_PATTERNS,
    NUM,
    _extract,
    _State,
)
from cadre_desk.domain.recurrence import CHINA_TZ, WORKDAY_PART, monthly_rule
from cadre_desk.domain.task_errors import QuickAddError

_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_OF_WEEK = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_DAY_OF_WEEK.update({str(n): n - 1 for n in range(1, 8)})
_WEEK = r"(?:周|星期|礼拜)"
_WD = r"[一二三四五六日天1-7]"
_EVERY = r"(?:每个?|逢)"

# Operation kinds by the words cadres use, most specific first.
_KIND_WORDS: tuple[tuple[str, OperationKind], ...] = (
    ("学习打卡", OperationKind.STUDY_CHECKIN),
    ("打卡", OperationKind.STUDY_CHECKIN),
    ("签到", OperationKind.STUDY_CHECKIN),
    ("答题", OperationKind.QUIZ),
    ("测试", OperationKind.QUIZ),
    ("截图", OperationKind.SCREENSHOT),
    ("留痕", OperationKind.SCREENSHOT),
    ("转发", OperationKind.FORWARD),
    ("分享", OperationKind.FORWARD),
    ("点赞", OperationKind.LIKE),
    ("评论", OperationKind.COMMENT),
    ("留言", OperationKind.COMMENT),
    ("接龙", OperationKind.GROUP_REPLY),
    ("群里", OperationKind.GROUP_REPLY),
    ("填报", OperationKind.REPORT),
    ("报送", OperationKind.REPORT),
    ("上报", OperationKind.REPORT),
    ("报表", OperationKind.REPORT),
    ("台账", OperationKind.REPORT),
    ("周报", OperationKind.REPORT),
    ("月报", OperationKind.REPORT),
    ("日报", OperationKind.REPORT),
    ("统计", OperationKind.REPORT),
    ("登录", OperationKind.INSTALL_LOGIN),
    ("学习", OperationKind.STUDY_CHECKIN),
    ("阅读", OperationKind.READ),
    ("观看", OperationKind.READ),
)


@dataclass(frozen=True)
class RecurringQuickAdd:
    title: str
    rrule: str
    due_time: time | None  # China time; None: the default time of the working day
    operation_kind: OperationKind
    recognized: tuple[str, ...]


def _weekdays(spec: str) -> list[int]:
    """“一、三、五” / “一至五” / “二和四” → weekday numbers."""
    spec = re.sub(_WEEK, "", spec)
    span = re.fullmatch(rf"({_WD})[至到~\-—－]({_WD})", spec)
    if span:
        first, last = _DAY_OF_WEEK[span[1]], _DAY_OF_WEEK[span[2]]
        return list(range(first, last + 1)) if first <= last else []
    return sorted({_DAY_OF_WEEK[char] for char in spec if char in _DAY_OF_WEEK})


def _weekly(days: list[int], interval: int = 1) -> str:
    if days == [0, 1, 2, 3, 4] and interval == 1:
        return f"FREQ=DAILY;{WORKDAY_PART}"  # 周一至周五 means the workdays, 调休 included
    every = f";INTERVAL={interval}" if interval > 1 else ""
    return f"FREQ=WEEKLY{every};BYDAY=" + ",".join(_CODES[d] for d in days)


def _interval(text: str | None) -> int | None:
    if not text:
        return 1
    return cn_number(text.replace("隔", "").replace("个", "")) or None


_WEEKLY_LIST = rf"{_WD}(?:[、,，和及与]{_WEEK}?{_WD}|[至到~\-—－]{_WEEK}?{_WD})*"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_EVERY}?(?:工作日|个工作日)(?:每天|每日)?|工作日每天|工作日内?每日"), "workdays"),
    (re.compile(rf"(?:每|逢){_WEEK}?{_WD}[至到~\-—－]{_WEEK}?{_WD}(?:每天|每日)?"), "week_span"),
    (re.compile(rf"{_WEEK}{_WD}[至到~\-—－]{_WEEK}?{_WD}(?:每天|每日)"), "week_span"),
    (
        re.compile(rf"每(?P<n>隔?{NUM}?)个?{_WEEK}\s*(?:的)?{_WEEK}?(?P<days>{_WEEKLY_LIST})(?![次个回遍])"),
        "weekly",
    ),
    (re.compile(rf"每(?P<n>隔?{NUM}?)个?{_WEEK}(?:[一1]次)?"), "weekly_plain"),
    (re.compile(r"每个?月(?:的)?(?:月底|月末|最后一天)|每月底|每月末"), "month_end"),
    (re.compile(r"每个?季度(?:的)?(?:末|最后一天|底)"), "quarter_end"),
    (re.compile(rf"每(?P<n>隔?{NUM}?)个?月(?:的)?(?P<day>{NUM})[日号]"), "monthly"),
    (re.compile(r"每个?月(?:[一1]次)?"), "month_end"),  # “每月报送月报”: by the month's end
    (re.compile(rf"每年(?:的)?(?P<month>{NUM})月(?P<day>{NUM})[日号]"), "yearly"),
    (re.compile(rf"每(?P<n>隔?{NUM})(?:天|日)"), "every_n_days"),
    (re.compile(r"(?:每天|每日|天天|每晚|每早)(?:[一1]次)?"), "daily"),
)


def parse_recurring(text: str, now: datetime) -> RecurringQuickAdd | None:
    """The recurring work in a typed line, or None when the line names no recurrence."""
    raw = re.sub(r"(每个?|逢)\s+", r"\1", text.translate(_FULL_WIDTH).strip())
    for pattern, kind in _RULES:
        match = pattern.search(raw)
        if match is None:
            continue
        rule = _rule(kind, match, now.astimezone(CHINA_TZ).date())
        if rule is None:
            continue
        rest = raw[: match.start()] + " " + raw[match.end() :]
        if any(date_pattern.search(rest) for date_pattern, _ in _DATE_PATTERNS):
            return None  # “明天前报送每日统计表”: a one-off task about a daily form
        return _finish(raw, match, rule, now)
    return None


def _rule(kind: str, match: re.Match[str], today: date) -> str | None:
    if kind == "workdays":
        return f"FREQ=DAILY;{WORKDAY_PART}"
    if kind == "daily":
        return "FREQ=DAILY"
    if kind == "every_n_days":
        n = _interval(match["n"])
        return None if n is None else ("FREQ=DAILY" if n == 1 else f"FREQ=DAILY;INTERVAL={n}")
    if kind == "week_span":
        return _weekly(_weekdays(match[0].lstrip("每逢").replace("每天", "").replace("每日", "")) or [])
    if kind == "weekly":
        n, days = _interval(match["n"]), _weekdays(match["days"])
        return None if n is None or not days else _weekly(days, n)
    if kind == "weekly_plain":  # “每周报送周报”: a weekly report is due by Friday
        n = _interval(match["n"])
        return None if n is None else _weekly([4], n)
    if kind == "month_end":
        return "FREQ=MONTHLY;BYMONTHDAY=-1"
    if kind == "quarter_end":
        return "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1"
    if kind == "monthly":
        n, day = _interval(match["n"]), cn_number(match["day"])
        if n is None or day is None or not 1 <= day <= 31:
            return None
        rule = monthly_rule(day)
        return rule if n == 1 else rule.replace("FREQ=MONTHLY", f"FREQ=MONTHLY;INTERVAL={n}")
    if kind == "yearly":
        month, day = cn_number(match["month"]), cn_number(match["day"])
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"
    return None


def _finish(raw: str, match: re.Match[str], rule: str, now: datetime) -> RecurringQuickAdd:
    remaining = raw[: match.start()] + _MARK * len(match[0]) + raw[match.end() :]
    local_now = now.astimezone(CHINA_TZ)
    state = _State(today=local_now.date(), now=local_now)
    if "晚" in match[0]:
        state.period = "晚上"
    elif "早" in match[0]:
        state.period = "早上"
    remaining = _extract(state, remaining, _TIME_PATTERNS)
    title = _CONNECTORS.sub(" ", remaining)
    title = re.sub(r"(?:下班|上班)(?:之前|以前|前)", " ", title)
    title = re.sub(r"\s+", " ", title).strip(" ，,。.:：;；、-的")
    if not title:
        raise QuickAddError("只写了重复时间，没有写要做的事。", "例如：每个工作日 学习打卡。")
    due = state.at or (_PERIOD_DEFAULT[state.period] if state.period else None)
    if state.at is None and "下班" in raw:
        due = None  # “下班前”: the end of the working day the cadre set
    kind = next((k for word, k in _KIND_WORDS if word in title), OperationKind.OTHER)
    return RecurringQuickAdd(
        title=title,
        rrule=rule,
        due_time=due,
        operation_kind=kind,
        recognized=(match[0], *state.recognized),
    )
