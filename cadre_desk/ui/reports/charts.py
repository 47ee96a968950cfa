"""QtCharts builders for the 统计 page: trend, top accounts, kinds, burden categories."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractBarSeries,
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QHorizontalBarSeries,
    QLegend,
    QLineSeries,
    QPieSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

PALETTE = ["#2F6FB0", "#E07B39", "#3A9A5B", "#C0504D", "#8064A2", "#4BACC6", "#9B8B2E", "#7F7F7F"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("StatsCharts", text)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(False)
    return chart


MAX_INTERVALS = 5  # at most 6 ticks on a value axis


def nice_scale(largest: float) -> tuple[float, float]:
    """(top, step) of a value axis from 0 that holds ``largest``: the step is 1, 2 or 5 times a
    power of ten (whole numbers only: minutes), the top a multiple of it, at most 5 intervals.
    200 -> (200, 50): ticks 0/50/100/150/200, never 0/225/450/675/900."""
    if largest <= 0:
        return 10.0, 2.0
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            intervals = math.ceil(largest / step)
            if intervals <= MAX_INTERVALS:
                return float(max(intervals, 1) * step), float(step)
        magnitude *= 10


def _minutes_axis(largest: float, *, room_below: bool = False) -> QValueAxis:
    """``room_below``: the axis starts a little under 0 (no tick there), so a point at 0 is
    drawn whole instead of cut in half by the plot's edge."""
    top, step = nice_scale(largest)
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    if room_below:
        axis.setRange(-top * 0.04, top)
        axis.setTickType(QValueAxis.TickType.TicksDynamic)
        axis.setTickAnchor(0)
        axis.setTickInterval(step)
    else:
        axis.setRange(0, top)
        axis.setTickCount(round(top / step) + 1)
    return axis


def _explain_hovered_bar(view: QWidget, series: QAbstractBarSeries, names: Sequence[str]) -> None:
    """Hovering a bar shows its full category name (the axis label may be elided)."""

    def hovered(state: bool, index: int, _bar_set: QBarSet) -> None:
        # The view's tool tip shows when the pointer rests on the bar.
        view.setToolTip(names[index] if state and 0 <= index < len(names) else "")

    series.hovered.connect(hovered)


def _with_axes(
    chart: QChart, series: QAbstractSeries, *, bottom: QAbstractAxis, left: QAbstractAxis
) -> QChart:
    chart.addAxis(bottom, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(bottom)
    series.attachAxis(left)
    return chart


def trend_chart(
    labels: Sequence[str], minutes: Sequence[float], title: str, *, running_name: str = ""
) -> QChart:
    """A line through the days/weeks that are over. With ``running_name``, the last point is
    the day/week still running: not joined to the line (its minutes so far are not a drop),
    drawn as a hollow marker named in the legend."""
    chart = _chart(title)
    series = QLineSeries()
    series.setName(_tr("分钟"))
    series.setColor(QColor(PALETTE[0]))
    series.setPointsVisible(len(labels) <= 40)
    series.setMarkerSize(6)  # a lone finished day (the 2nd of a month) is still seen
    finished = len(minutes) - 1 if running_name and minutes else len(minutes)
    for index, value in enumerate(minutes[:finished]):
        series.append(QPointF(index, value))
    chart.addSeries(series)
    running = None
    if finished < len(minutes):
        running = QScatterSeries()
        running.setName(running_name)
        running.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeCircle)
        running.setMarkerSize(11)
        running.setColor(QColor("white"))
        running.setBorderColor(QColor(PALETTE[1]))
        running.append(QPointF(finished, minutes[finished]))
        chart.addSeries(running)
        legend = chart.legend()
        legend.setVisible(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        legend.markers(series)[0].setVisible(False)
    # Label at most ~10 days/weeks so Chinese dates stay readable.
    axis_x = QCategoryAxis()
    axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis_x.setRange(-0.5, max(len(labels), 1) - 0.5)
    step = max(1, -(-len(labels) // 10))
    for index in range(0, len(labels), step):
        axis_x.append(labels[index], index)
    axis_x.setGridLineVisible(False)
    axis_y = _minutes_axis(max(minutes, default=0), room_below=True)
    axis_y.setTitleText(_tr("分钟"))
    _with_axes(chart, series, bottom=axis_x, left=axis_y)
    if running is not None:
        running.attachAxis(axis_x)
        running.attachAxis(axis_y)
    return chart


def horizontal_bar_chart(
    labels: Sequence[str], minutes: Sequence[float], title: str, view: QWidget | None = None
) -> QChart:
    chart = _chart(title)
    bar_set = QBarSet(_tr("分钟"))
    bar_set.setColor(QColor(PALETTE[0]))
    # Horizontal bars grow bottom-up: reverse so the biggest is on top.
    bar_set.append([float(v) for v in reversed(minutes)])
    series = QHorizontalBarSeries()
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value")
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    axis_y = QBarCategoryAxis()
    axis_y.append(_distinct([_short(label) for label in reversed(labels)]) or [" "])
    axis_y.setTruncateLabels(False)  # elided by _short, whole words: Qt would cut them mid-glyph
    if view is not None:
        _explain_hovered_bar(view, series, list(reversed(labels)))
    return _with_axes(chart, series, bottom=_minutes_axis(max(minutes, default=0) * 1.15), left=axis_y)


def column_chart(
    labels: Sequence[str], minutes: Sequence[float], title: str, view: QWidget | None = None
) -> QChart:
    chart = _chart(title)
    bar_set = QBarSet(_tr("分钟"))
    bar_set.setColor(QColor(PALETTE[1]))
    bar_set.append([float(v) for v in minutes])
    series = QBarSeries()
    series.append(bar_set)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    # A few columns leave room for longer names ("Excessive evidence" was "Excessive e…").
    limit = 10 if len(labels) <= 4 else 8 if len(labels) <= 6 else 6
    axis_x.append(_distinct([_short(label, limit) for label in labels]) or [" "])
    axis_x.setTruncateLabels(False)
    if view is not None:
        _explain_hovered_bar(view, series, list(labels))
    return _with_axes(chart, series, bottom=axis_x, left=_minutes_axis(max(minutes, default=0)))


def pie_chart(labels: Sequence[str], minutes: Sequence[float], title: str) -> QChart:
    chart = _chart(title)
    series = QPieSeries()
    total = sum(minutes) or 1
    for index, (label, value) in enumerate(zip(labels, minutes, strict=True)):
        pie_slice = series.append(f"{label} {value / total:.0%}", float(value))
        pie_slice.setColor(QColor(PALETTE[index % len(PALETTE)]))
    series.setPieSize(0.78)
    chart.addSeries(series)
    legend = chart.legend()
    legend.setVisible(True)
    legend.setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


def _distinct(labels: list[str]) -> list[str]:
    """A category axis merges equal labels: two names elided alike get a zero-width mark each."""
    seen: dict[str, int] = {}
    out = []
    for text in labels:
        seen[text] = seen.get(text, -1) + 1
        out.append(text + "\u200b" * seen[text])
    return out


def _short(text: str, limit: int = 10) -> str:
    """At most ``limit`` Chinese characters wide; a Latin letter counts half (English labels
    would otherwise be cut after a few letters)."""
    budget = limit * 2
    width = 0
    for position, char in enumerate(text):
        width += 2 if ord(char) >= 0x2E80 else 1
        if width > budget:
            return text[: max(1, position - 1)] + "…"
    return text
