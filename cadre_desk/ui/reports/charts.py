"""QtCharts builders for the 统计 page: trend, top accounts, kinds, burden categories."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont

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


def _nice_max(value: float) -> float:
    if value <= 0:
        return 10.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    return float(((int(value) // magnitude) + 1) * magnitude)


def _minutes_axis(largest: float) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, _nice_max(largest))
    axis.setLabelFormat("%d")
    return axis


def _with_axes(
    chart: QChart, series: QAbstractSeries, *, bottom: QAbstractAxis, left: QAbstractAxis
) -> QChart:
    chart.addAxis(bottom, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(bottom)
    series.attachAxis(left)
    return chart


def trend_chart(labels: Sequence[str], minutes: Sequence[float], title: str) -> QChart:
    chart = _chart(title)
    series = QLineSeries()
    series.setName(_tr("分钟"))
    series.setColor(QColor(PALETTE[0]))
    series.setPointsVisible(len(labels) <= 40)
    for index, value in enumerate(minutes):
        series.append(QPointF(index, value))
    chart.addSeries(series)
    # Label at most ~10 days/weeks so Chinese dates stay readable.
    axis_x = QCategoryAxis()
    axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis_x.setRange(-0.5, max(len(labels), 1) - 0.5)
    step = max(1, -(-len(labels) // 10))
    for index in range(0, len(labels), step):
        axis_x.append(labels[index], index)
    axis_x.setGridLineVisible(False)
    axis_y = _minutes_axis(max(minutes, default=0))
    axis_y.setTitleText(_tr("分钟"))
    return _with_axes(chart, series, bottom=axis_x, left=axis_y)


def horizontal_bar_chart(labels: Sequence[str], minutes: Sequence[float], title: str) -> QChart:
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
    axis_y.append([_short(label) for label in reversed(labels)] or [" "])
    axis_y.setTruncateLabels(False)
    return _with_axes(chart, series, bottom=_minutes_axis(max(minutes, default=0) * 1.15), left=axis_y)


def column_chart(labels: Sequence[str], minutes: Sequence[float], title: str) -> QChart:
    chart = _chart(title)
    bar_set = QBarSet(_tr("分钟"))
    bar_set.setColor(QColor(PALETTE[1]))
    bar_set.append([float(v) for v in minutes])
    series = QBarSeries()
    series.append(bar_set)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([_short(label, 6) for label in labels] or [" "])
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
