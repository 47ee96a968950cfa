from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from cadre_desk.domain.recurrence import (
    CHINA_TZ,
    Preset,
    Recurrence,
    describe,
    detect_preset,
    due_after_item,
    is_cn_workday,
    occurrence_due,
    parse_hhmm,
    preset_rule,
    workday_calendar_covers,
)
from cadre_desk.domain.task_errors import InvalidRecurrenceError, InvalidTimeError


def dates(rule: str, anchor: date, start: date, end: date) -> list[date]:
    return Recurrence.parse(rule).dates(anchor, start, end)


def test_monthly_on_the_31st_falls_on_month_end_in_short_months() -> None:
    rule = preset_rule(Preset.MONTHLY, date(2026, 1, 31))
    assert rule is not None
    got = dates(rule, date(2026, 1, 31), date(2026, 1, 1), date(2026, 6, 30))
    assert got == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
    ]
    assert describe(rule) == "每月31日（小月为月末）"


def test_monthly_on_the_30th_in_a_leap_february() -> None:
    rule = preset_rule(Preset.MONTHLY, date(2028, 1, 30))
    assert rule is not None
    assert dates(rule, date(2028, 1, 30), date(2028, 2, 1), date(2028, 3, 31)) == [
        date(2028, 2, 29),
        date(2028, 3, 30),
    ]


def test_plain_rrule_on_the_31st_skips_short_months_as_rfc5545_says() -> None:
    got = dates("FREQ=MONTHLY;BYMONTHDAY=31", date(2026, 1, 1), date(2026, 1, 1), date(2026, 5, 31))
    assert got == [date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)]


def test_month_end_preset() -> None:
    rule = preset_rule(Preset.MONTH_END, date(2026, 1, 5))
    assert rule == "FREQ=MONTHLY;BYMONTHDAY=-1"
    assert dates(rule, date(2026, 1, 5), date(2026, 1, 1), date(2026, 3, 31)) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
    ]
    assert detect_preset(rule) == Preset.MONTH_END


def test_workdays_follow_national_day_make_up_days_2025() -> None:
    rule = preset_rule(Preset.WORKDAYS, date(2025, 9, 1))
    assert rule is not None
    got = dates(rule, date(2025, 9, 1), date(2025, 9, 27), date(2025, 10, 12))
    # 9-28 (Sun) and 10-11 (Sat) are make-up workdays; 10-1…10-8 are the 国庆/中秋 holiday.
    assert got == [
        date(2025, 9, 28),
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),
        date(2025, 10, 10),
        date(2025, 10, 11),
    ]
    # Plain Mon–Fri would be wrong on both counts.
    plain = dates("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", date(2025, 9, 1), date(2025, 9, 27), date(2025, 10, 12))
    assert date(2025, 10, 1) in plain and date(2025, 9, 28) not in plain


def test_workdays_around_spring_festival_2026() -> None:
    got = dates("FREQ=DAILY;X-CN-WORKDAY=1", date(2026, 1, 1), date(2026, 2, 13), date(2026, 2, 24))
    assert date(2026, 2, 14) in got  # Saturday make-up workday before 春节
    assert date(2026, 2, 16) not in got and date(2026, 2, 20) not in got  # 春节 holiday
    assert date(2026, 2, 24) in got


def test_workdays_beyond_the_published_schedule_fall_back_to_weekdays() -> None:
    assert workday_calendar_covers(2026)
    year = 2099
    assert not workday_calendar_covers(year)
    assert is_cn_workday(date(year, 1, 5)) is (date(year, 1, 5).weekday() < 5)


def test_weekly_preset_and_description() -> None:
    rule = preset_rule(Preset.WEEKLY, date(2026, 11, 23), (0, 3))
    assert rule == "FREQ=WEEKLY;BYDAY=MO,TH"
    assert describe(rule) == "每周一、四"
    assert dates(rule, date(2026, 11, 23), date(2026, 11, 23), date(2026, 12, 3)) == [
        date(2026, 11, 23),
        date(2026, 11, 26),
        date(2026, 11, 30),
        date(2026, 12, 3),
    ]


def test_dates_never_before_the_anchor() -> None:
    assert dates("FREQ=DAILY", date(2026, 11, 20), date(2026, 11, 1), date(2026, 11, 21)) == [
        date(2026, 11, 20),
        date(2026, 11, 21),
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "garbage",
        "FREQ=FOO",
        "FREQ=DAILY;BYDAY=XX",
        "FREQ=HOURLY",
        "DTSTART:20260101;FREQ=DAILY",
        "X-FOO=1",
    ],
)
def test_invalid_rules_raise_typed_error(bad: str) -> None:
    with pytest.raises(InvalidRecurrenceError) as info:
        Recurrence.parse(bad)
    assert info.value.user_message and info.value.next_step


def test_rule_that_never_happens_is_refused() -> None:
    rule = Recurrence.parse("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    with pytest.raises(InvalidRecurrenceError):
        rule.ensure_usable(date(2026, 1, 1))
    with pytest.raises(InvalidRecurrenceError):
        Recurrence.parse("FREQ=DAILY;UNTIL=20200101").ensure_usable(date(2026, 1, 1))


def test_rrule_prefix_and_case_are_normalized() -> None:
    parsed = Recurrence.parse("RRULE:freq=weekly;byday=mo")
    assert parsed.rule == "FREQ=WEEKLY;BYDAY=MO"


def test_occurrence_due_is_china_time() -> None:
    due = occurrence_due(date(2026, 11, 23), time(9, 0))
    assert due == datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    assert occurrence_due(date(2026, 11, 23), None).astimezone(CHINA_TZ).time() == time(17, 30)


def test_within_n_hours_crosses_midnight_and_month_end() -> None:
    published = datetime(2026, 11, 30, 23, 30, tzinfo=CHINA_TZ)
    due = due_after_item(published, 1)
    assert due.astimezone(CHINA_TZ) == datetime(2026, 12, 1, 0, 30, tzinfo=CHINA_TZ)
    assert due_after_item(published, 0.5).astimezone(CHINA_TZ).day == 1
    with pytest.raises(InvalidRecurrenceError):
        due_after_item(published, 0)


def test_parse_hhmm() -> None:
    assert parse_hhmm("9:05") == time(9, 5)
    assert parse_hhmm("17：30") == time(17, 30)
    assert parse_hhmm("") is None
    for bad in ("25:00", "9点", "12:60"):
        with pytest.raises(InvalidTimeError):
            parse_hhmm(bad)


def test_custom_rule_description_mentions_workdays() -> None:
    assert "仅工作日" in describe("FREQ=WEEKLY;BYDAY=MO,FR;X-CN-WORKDAY=1")
    assert describe(None, 1) == "每条新消息后 1 小时内"
