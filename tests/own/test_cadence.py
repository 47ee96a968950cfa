"""Cadence rules: calendar days, reposts counted or not, warnings, past breaches."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cadre_desk.domain.own_cadence import (
    PRESETS,
    CadenceLevel,
    CadencePreset,
    Post,
    breaches_between,
    evaluate_cadence,
    rule_for,
    upcoming_holidays,
)

TODAY = date(2026, 9, 28)  # a Monday, three days before 国庆


def test_two_week_rule_counts_calendar_days_through_a_holiday() -> None:
    rule = PRESETS[CadencePreset.GOV_TWO_WEEKS]
    status = evaluate_cadence(rule, [Post(TODAY - timedelta(days=10), True)], TODAY, warn_days=5)
    assert status.days_since_last == 10
    assert status.days_left == 4
    assert status.breach_on == date(2026, 10, 2)  # inside the National Day holiday: no excuse
    assert status.level == CadenceLevel.YELLOW
    assert any(h.name == "国庆节" and h.first <= date(2026, 10, 2) <= h.last for h in status.holidays)


def test_levels_green_yellow_red() -> None:
    rule = PRESETS[CadencePreset.GOV_TWO_WEEKS]
    green = evaluate_cadence(rule, [Post(TODAY - timedelta(days=2), True)], TODAY, 5)
    red = evaluate_cadence(rule, [Post(TODAY - timedelta(days=14), True)], TODAY, 5)
    assert (green.level, green.days_left) == (CadenceLevel.GREEN, 12)
    assert (red.level, red.days_left) == (CadenceLevel.RED, 0)


def test_reposts_count_only_when_the_rule_says_so() -> None:
    posts = [Post(TODAY - timedelta(days=20), True), Post(TODAY - timedelta(days=1), False)]
    counting = evaluate_cadence(
        rule_for(CadencePreset.GOV_TWO_WEEKS.value, counts_reposts=True), posts, TODAY
    )
    strict = evaluate_cadence(rule_for(CadencePreset.GOV_TWO_WEEKS.value, counts_reposts=False), posts, TODAY)
    assert counting.level == CadenceLevel.GREEN and counting.last_counted == TODAY - timedelta(days=1)
    assert strict.level == CadenceLevel.RED and strict.last_counted == TODAY - timedelta(days=20)
    assert strict.last_original == TODAY - timedelta(days=20)


def test_weekly_rule() -> None:
    rule = PRESETS[CadencePreset.WEEKLY_3]
    friday = date(2026, 10, 16)
    last_week = [Post(date(2026, 10, 6), True), Post(date(2026, 10, 7), True), Post(date(2026, 10, 8), True)]
    status = evaluate_cadence(rule, [*last_week, Post(date(2026, 10, 13), True)], friday, warn_days=3)
    assert status.posts_this_week == 1 and status.posts_last_week == 3
    assert status.level == CadenceLevel.YELLOW and status.days_left == 3
    short = evaluate_cadence(rule, last_week[:2], friday, warn_days=3)
    assert short.level == CadenceLevel.RED  # last week ended with two posts


def test_custom_rule_and_unknown_preset() -> None:
    custom = rule_for("custom", custom_max_gap_days=7)
    assert custom.max_gap_days == 7
    assert rule_for("no-such-preset").preset == CadencePreset.GOV_TWO_WEEKS


def test_no_post_yet_counts_from_when_watching_began() -> None:
    rule = PRESETS[CadencePreset.EVERY_10_DAYS]
    status = evaluate_cadence(rule, [], TODAY, since=TODAY - timedelta(days=3))
    assert status.days_left == 7 and status.last_post is None


def test_upcoming_holidays_for_a_year_the_schedule_does_not_know() -> None:
    holidays = upcoming_holidays(date(2030, 9, 28), date(2030, 10, 10))
    assert [(h.name, h.first, h.last, h.confirmed) for h in holidays] == [
        ("国庆节", date(2030, 10, 1), date(2030, 10, 7), False)
    ]


@given(
    st.lists(st.integers(min_value=0, max_value=120), max_size=30),
    st.integers(min_value=3, max_value=30),
)
def test_gap_breaches_agree_with_a_day_by_day_walk(offsets: list[int], gap: int) -> None:
    """Oracle: a day is in breach when none of the previous ``gap`` days (itself included) had a post."""
    rule = rule_for("custom", custom_max_gap_days=gap)
    start = date(2026, 1, 1)
    posts = [Post(start + timedelta(days=o), True) for o in offsets]
    first, last = start + timedelta(days=20), start + timedelta(days=110)
    since = start
    days = {p.day for p in posts}
    expected = set()
    day = first
    while day <= last:
        window = {day - timedelta(days=k) for k in range(gap)}
        anchor_ok = any(d in days for d in window) or day - since < timedelta(days=gap)
        if not anchor_ok:
            expected.add(day)
        day += timedelta(days=1)
    found = set()
    for breach in breaches_between(rule, posts, first, last, since=since):
        found |= {breach.first + timedelta(days=k) for k in range(breach.days)}
    assert found == expected
