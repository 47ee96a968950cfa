"""Update cadence of the accounts the cadre runs, judged against inspection rules.

Inspections count **calendar days**: a holiday (春节, 国庆) is no excuse under the two-week
rule, so nothing here skips holidays. Holidays are still listed on the timeline so the cadre
can plan posts before a long break.

A rule is either a maximum gap ("at least one post in any N consecutive days") or a minimum
count per calendar week ("≥ 3 posts each week, Monday to Sunday"). Whether reposts count as
updates is a per-account switch; the rule says its default and the page says which applies.

Bump ``PRESETS_VERSION`` when a preset or its citation changes; the self-inspection report
prints the version it was checked against.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

import chinese_calendar

PRESETS_VERSION = "2026.1"
DEFAULT_WARN_DAYS = 5


class CadencePreset(StrEnum):
    GOV_TWO_WEEKS = "gov_2019_two_weeks"  # 国办 两周未更新 单项否决
    ANHUI_15_DAYS = "anhui_2016_15_days"  # 安徽 15 天
    EVERY_10_DAYS = "county_10_days"  # 每 10 天
    WEEKLY_3 = "county_weekly_3"  # 每周 ≥ 3 条
    CUSTOM = "custom"


class CadenceLevel(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


@dataclass(frozen=True)
class CadenceRule:
    preset: CadencePreset
    label_zh: str
    label_en: str
    max_gap_days: int | None = None  # breach when no counted post in this many calendar days
    min_posts_per_week: int | None = None  # breach when a calendar week ends with fewer posts
    counts_reposts: bool = True
    veto: bool = True  # 单项否决 (True) or 扣分 (False) in the self-inspection report
    citation: str = ""

    def label(self, language: str = "zh_CN") -> str:
        return self.label_en if language.startswith("en") else self.label_zh

    def describe(self, language: str = "zh_CN") -> str:
        en = language.startswith("en")
        parts: list[str] = []
        if self.max_gap_days:
            parts.append(
                f"at least one post in any {self.max_gap_days} calendar days"
                if en
                else f"任意连续 {self.max_gap_days} 个自然日内至少更新 1 条"
            )
        if self.min_posts_per_week:
            parts.append(
                f"at least {self.min_posts_per_week} posts each week (Mon–Sun)"
                if en
                else f"每周（周一至周日）至少 {self.min_posts_per_week} 条"
            )
        reposts = (
            ("reposts count" if self.counts_reposts else "reposts do not count")
            if en
            else ("转载计入更新" if self.counts_reposts else "转载不计入更新")
        )
        return ("; " if en else "；").join([*parts, reposts])


PRESETS: dict[CadencePreset, CadenceRule] = {
    CadencePreset.GOV_TWO_WEEKS: CadenceRule(
        CadencePreset.GOV_TWO_WEEKS,
        "国办：两周未更新（单项否决）",
        "State Council: no update in two weeks (veto)",
        max_gap_days=14,
        citation="国务院办公厅秘书局《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）："
        "政务新媒体监测时间点前 2 周内无更新的，单项否决。",
    ),
    CadencePreset.ANHUI_15_DAYS: CadenceRule(
        CadencePreset.ANHUI_15_DAYS,
        "安徽：15 天内须更新",
        "Anhui: update within 15 days",
        max_gap_days=15,
        citation="安徽省人民政府办公厅 2016 年关于政务新媒体管理的通知（要点：15 天内须有更新）；"
        "以本省现行文件为准。",
    ),
    CadencePreset.EVERY_10_DAYS: CadenceRule(
        CadencePreset.EVERY_10_DAYS,
        "县级要求：每 10 天更新",
        "County rule: update every 10 days",
        max_gap_days=10,
        veto=False,
        citation="部分县（区）政务新媒体管理办法的常见要求（每 10 天至少更新 1 次）；以本地文件为准。",
    ),
    CadencePreset.WEEKLY_3: CadenceRule(
        CadencePreset.WEEKLY_3,
        "县级要求：每周至少 3 条",
        "County rule: at least 3 posts a week",
        min_posts_per_week=3,
        veto=False,
        citation="部分县（区）政务新媒体管理办法的常见要求（每周发布不少于 3 条）；以本地文件为准。",
    ),
    CadencePreset.CUSTOM: CadenceRule(
        CadencePreset.CUSTOM,
        "自定义",
        "Custom",
        max_gap_days=14,
        veto=False,
        citation="本单位自定的更新要求。",
    ),
}
DEFAULT_PRESET = CadencePreset.GOV_TWO_WEEKS


def rule_for(
    preset: str,
    *,
    counts_reposts: bool | None = None,
    custom_max_gap_days: int | None = None,
    custom_min_posts_per_week: int | None = None,
) -> CadenceRule:
    """The rule of an account: its preset, with the account's own choices applied."""
    try:
        base = PRESETS[CadencePreset(preset)]
    except ValueError:
        base = PRESETS[DEFAULT_PRESET]
    if base.preset == CadencePreset.CUSTOM:
        gap = custom_max_gap_days if custom_max_gap_days and custom_max_gap_days > 0 else None
        weekly = (
            custom_min_posts_per_week if custom_min_posts_per_week and custom_min_posts_per_week > 0 else None
        )
        if gap is None and weekly is None:
            gap = base.max_gap_days
        base = replace(base, max_gap_days=gap, min_posts_per_week=weekly)
    if counts_reposts is not None:
        base = replace(base, counts_reposts=counts_reposts)
    return base


@dataclass(frozen=True)
class Post:
    day: date  # China date of publication
    original: bool  # False when the repost detector found it first published elsewhere


@dataclass(frozen=True)
class Holiday:
    name: str
    first: date
    last: date
    confirmed: bool  # from the State Council schedule (False: fixed-date guess, not yet published)


@dataclass(frozen=True)
class CadenceStatus:
    rule: CadenceRule
    today: date
    last_post: date | None  # any post, reposts included
    last_original: date | None
    last_counted: date | None  # the one the rule looks at
    days_since_last: int | None  # of ``last_counted``
    days_left: int | None  # before the next breach (0 or less: in breach)
    breach_on: date | None  # the day the breach happens (or happened)
    level: CadenceLevel
    posts_this_week: int = 0
    posts_last_week: int = 0
    holidays: tuple[Holiday, ...] = field(default_factory=tuple)

    @property
    def in_breach(self) -> bool:
        return self.level == CadenceLevel.RED


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def evaluate_cadence(
    rule: CadenceRule,
    posts: Sequence[Post],
    today: date,
    warn_days: int = DEFAULT_WARN_DAYS,
    *,
    since: date | None = None,
) -> CadenceStatus:
    """Where an account stands today under ``rule``.

    ``since``: when the account started to be watched (no post yet: the clock runs from then).
    Gap rules: the breach day is the last counted post's day + ``max_gap_days`` (from then on,
    the trailing window of that many days holds no post); yellow within ``warn_days`` of it.
    Weekly rules: red when last week fell short, yellow when this week still misses posts and
    ends within ``warn_days``.
    """
    last_post = max((p.day for p in posts if p.day <= today), default=None)
    last_original = max((p.day for p in posts if p.original and p.day <= today), default=None)
    last_counted = last_post if rule.counts_reposts else last_original
    counted = [p for p in posts if p.day <= today and (rule.counts_reposts or p.original)]
    level = CadenceLevel.GREEN
    days_left: int | None = None
    breach_on: date | None = None
    days_since = (today - last_counted).days if last_counted else None
    this_week = last_week = 0
    if rule.max_gap_days:
        anchor = last_counted or since
        if anchor is not None:
            breach_on = anchor + timedelta(days=rule.max_gap_days)
            days_left = (breach_on - today).days
            if days_left <= 0:
                level = CadenceLevel.RED
            elif days_left <= warn_days:
                level = CadenceLevel.YELLOW
        else:
            level = CadenceLevel.RED
    if rule.min_posts_per_week:
        start = _week_start(today)
        this_week = sum(1 for p in counted if p.day >= start)
        last_week = sum(1 for p in counted if start - timedelta(days=7) <= p.day < start)
        week_end = start + timedelta(days=7)
        week_left = (week_end - today).days
        watched_last_week = since is None or since <= start - timedelta(days=7)
        if watched_last_week and last_week < rule.min_posts_per_week:
            level = CadenceLevel.RED
            breach_on = breach_on or start
        if this_week < rule.min_posts_per_week:
            if days_left is None or week_left < days_left:
                days_left, breach_on = week_left, week_end
            if level == CadenceLevel.GREEN and week_left <= warn_days:
                level = CadenceLevel.YELLOW
    return CadenceStatus(
        rule=rule,
        today=today,
        last_post=last_post,
        last_original=last_original,
        last_counted=last_counted,
        days_since_last=days_since,
        days_left=days_left,
        breach_on=breach_on,
        level=level,
        posts_this_week=this_week,
        posts_last_week=last_week,
        holidays=upcoming_holidays(today, today + timedelta(days=max(30, rule.max_gap_days or 0))),
    )


# --------------------------------------------------------------------------- holidays

# Fixed-date statutory holidays, used for years the installed schedule does not know yet.
_FIXED = ((1, 1, 1, "元旦"), (5, 1, 5, "劳动节"), (10, 1, 7, "国庆节"))
_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


@functools.lru_cache(maxsize=1024)
def _holiday_name(day: date) -> tuple[bool, str | None]:
    """(schedule known, holiday name or None) for one day."""
    try:
        is_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        for month, first, length, fixed in _FIXED:
            if day.month == month and first <= day.day < first + length:
                return False, fixed
        return False, None
    if not is_holiday or not name:
        return True, None
    return True, _NAMES.get(str(name), str(name))


@functools.lru_cache(maxsize=64)
def upcoming_holidays(start: date, end: date) -> tuple[Holiday, ...]:
    """Statutory holidays overlapping ``[start, end]``, merged into runs of days."""
    out: list[Holiday] = []
    day = start
    while day <= end:
        known, name = _holiday_name(day)
        if name is None:
            day += timedelta(days=1)
            continue
        if out and out[-1].name == name and out[-1].last == day - timedelta(days=1):
            out[-1] = replace(out[-1], last=day)
        else:
            out.append(Holiday(name, day, day, known))
        day += timedelta(days=1)
    return tuple(out)


# --------------------------------------------------------------------------- past breaches


@dataclass(frozen=True)
class Breach:
    first: date  # first day in breach
    last: date  # last day in breach (inclusive)
    last_post_before: date | None
    resumed_on: date | None  # the counted post that ended it (None: still in breach)
    detail: str

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


def breaches_between(
    rule: CadenceRule, posts: Sequence[Post], first: date, last: date, *, since: date | None = None
) -> list[Breach]:
    """Breaches of ``rule`` overlapping ``[first, last]`` (for the self-inspection report)."""
    counted = sorted({p.day for p in posts if rule.counts_reposts or p.original})
    out: list[Breach] = []
    if rule.max_gap_days:
        out += _gap_breaches(rule, counted, first, last, since)
    if rule.min_posts_per_week:
        out += _weekly_breaches(rule.min_posts_per_week, counted_posts(rule, posts), first, last, since)
    return out


def counted_posts(rule: CadenceRule, posts: Sequence[Post]) -> list[date]:
    return [p.day for p in posts if rule.counts_reposts or p.original]


def _gap_breaches(
    rule: CadenceRule, days: list[date], first: date, last: date, since: date | None
) -> list[Breach]:
    gap = rule.max_gap_days or 0
    anchors = list(days)
    if since is not None and (not days or since < days[0]):
        anchors.insert(0, since)
    what = "更新" if rule.counts_reposts else "原创更新"
    out: list[Breach] = []
    for index, anchor in enumerate(anchors):
        following = anchors[index + 1] if index + 1 < len(anchors) else None
        lo = max(anchor + timedelta(days=gap), first)
        hi = min(following - timedelta(days=1) if following else last, last)
        if lo > hi:
            continue
        silent = ((following or last + timedelta(days=1)) - anchor).days - 1
        detail = f"自 {anchor:%Y-%m-%d} 起连续 {silent} 天无{what}（规则：{gap} 天）"
        out.append(Breach(lo, hi, anchor if anchor in days else None, following, detail))
    return out


def _weekly_breaches(
    minimum: int, days: list[date], first: date, last: date, since: date | None
) -> list[Breach]:
    out: list[Breach] = []
    week = _week_start(first)
    while week + timedelta(days=6) <= last:
        end = week + timedelta(days=6)
        if since is None or since <= week:
            count = sum(1 for day in days if week <= day <= end)
            if count < minimum:
                detail = f"{week:%m月%d日}起一周仅 {count} 条（规则：每周至少 {minimum} 条）"
                out.append(Breach(week, end, None, None, detail))
        week += timedelta(days=7)
    return out
