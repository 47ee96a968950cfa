"""The trend chart's points: today (or this week) is not over, so it is not a drop in the line."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import QLineSeries, QScatterSeries

from cadre_desk.services.reports.trend import TrendPoint, daily_trend, weekly_trend
from cadre_desk.services.reports.workload_types import DayLoad
from cadre_desk.ui.reports import charts


def _month(first: date, minutes: list[float]) -> list[DayLoad]:
    """Every day of a 30-day period, as the summary has them (future days included, at 0)."""
    return [
        DayLoad(first + timedelta(days=i), minutes=minutes[i] if i < len(minutes) else 0.0) for i in range(30)
    ]


def test_this_month_on_the_2nd_ends_the_line_yesterday_and_marks_today_running() -> None:
    days = _month(date(2026, 12, 1), [40.0, 0.0])
    trend = daily_trend(days, today=date(2026, 12, 2))
    assert trend.finished == [TrendPoint(date(2026, 12, 1), 40.0)]
    assert trend.running == TrendPoint(date(2026, 12, 2), 0.0)
    assert [p.start for p in trend.points] == [date(2026, 12, 1), date(2026, 12, 2)]


def test_on_the_1st_only_today_and_a_past_month_has_no_running_day() -> None:
    first = daily_trend(_month(date(2026, 12, 1), [5.0]), today=date(2026, 12, 1))
    assert first.finished == [] and first.running == TrendPoint(date(2026, 12, 1), 5.0)
    past = daily_trend(_month(date(2026, 10, 1), [1.0] * 30), today=date(2026, 12, 2))
    assert len(past.finished) == 30 and past.running is None


def test_weeks_stop_at_this_week_which_is_running() -> None:
    # 2026-12-02 is a Wednesday; the period starts on Monday 2026-11-16.
    days = _month(date(2026, 11, 16), [10.0] * 30)
    trend = weekly_trend(days, today=date(2026, 12, 2))
    assert trend.finished == [
        TrendPoint(date(2026, 11, 16), 70.0),
        TrendPoint(date(2026, 11, 23), 70.0),
    ]
    assert trend.running == TrendPoint(date(2026, 11, 30), 30.0)  # Mon–Wed so far, no future
    # A period that ended before today is over as a whole, even mid-week.
    ended = weekly_trend(days[:17], today=date(2026, 12, 4))  # up to Wednesday 12-02
    assert ended.running is None and ended.finished[-1] == TrendPoint(date(2026, 11, 30), 30.0)


def test_chart_joins_only_finished_points_and_marks_the_running_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = charts.trend_chart(["12-01", "12-02"], [40.0, 0.0], "t", running_name="今天（未结束）")
    lines = [s for s in chart.series() if isinstance(s, QLineSeries) and not isinstance(s, QScatterSeries)]
    marks = [s for s in chart.series() if isinstance(s, QScatterSeries)]
    assert [(p.x(), p.y()) for p in lines[0].points()] == [(0.0, 40.0)]
    assert len(marks) == 1 and [(p.x(), p.y()) for p in marks[0].points()] == [(1.0, 0.0)]
    assert marks[0].name() == "今天（未结束）" and chart.legend().isVisible()
    plain = charts.trend_chart(["10-01", "10-02"], [3.0, 4.0], "t")
    assert len(plain.series()) == 1 and plain.series()[0].count() == 2
    assert not plain.legend().isVisible()
