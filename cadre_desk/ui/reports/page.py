"""The 统计 page: period picker, key figures, QtCharts charts, a breakdown table, export.

Every recomputation runs on the background runner; results of an older request are dropped
when a newer one was started (the user flicking through periods never sees stale numbers).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.labels import label
from cadre_desk.services.reports.periods import Period, custom, relative
from cadre_desk.services.reports.trend import daily_trend, weekly_trend
from cadre_desk.services.reports.workload_report import DAY_TREND_MAX_DAYS, ReportService
from cadre_desk.services.reports.workload_types import UNFLAGGED, Bucket, ReportOptions, WorkloadSummary
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.i18n import ui_label
from cadre_desk.ui.reports import charts
from cadre_desk.ui.reports.breakdown_model import SORT_ROLE, BreakdownModel, BreakdownRow

CUSTOM = "custom"


class _Figure(QFrame):
    """One key figure: a big number and a caption."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("figure")
        self.value = QLabel("—")
        self.value.setObjectName("figureValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("figureCaption")
        self.detail = QLabel("")
        self.detail.setObjectName("figureCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def show_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class StatsPage(QWidget):
    """统计: how much time the fingertip work took in a period, and where it came from."""

    status_changed = Signal(str)
    summary_ready = Signal(object)  # WorkloadSummary, after it is shown

    def __init__(
        self, service: ReportService, runner: BackgroundRunner, bus: DataBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._bus = bus
        self._generation = 0
        self.summary: WorkloadSummary | None = None
        self.last_compute_ms: float | None = None
        self._period: Period | None = None
        self._open_on_data = True  # the first computation may move to the latest month with data
        self._latest_month: Period | None = None

        self.period_box = QComboBox()
        self.period_box.setAccessibleName(self.tr("统计期间"))
        for text, key in (
            (self.tr("本周"), "this-week"),
            (self.tr("本月"), "this-month"),
            (self.tr("上月"), "last-month"),
            (self.tr("本季度"), "this-quarter"),
            (self.tr("今年"), "this-year"),
            (self.tr("自定义…"), CUSTOM),
        ):
            self.period_box.addItem(text, key)
        self.period_box.setCurrentIndex(1)
        self.first_edit = QDateEdit()
        self.last_edit = QDateEdit()
        for edit in (self.first_edit, self.last_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setVisible(False)
            edit.dateChanged.connect(self._custom_changed)
        self.first_edit.setAccessibleName(self.tr("开始日期"))
        self.last_edit.setAccessibleName(self.tr("结束日期"))
        self.to_label = QLabel(self.tr("至"))
        self.to_label.setVisible(False)
        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        self.busy_label = QLabel()
        self.busy_label.setObjectName("figureCaption")
        self.export_button = QPushButton(self.tr("导出报告…"))
        self.export_button.clicked.connect(self.open_export_dialog)
        self.period_box.currentIndexChanged.connect(self._period_choice_changed)

        heading = QLabel(self.tr("工作量统计"))
        heading.setObjectName("pageHeading")
        bar = QHBoxLayout()
        bar.addWidget(heading)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("统计期间：")))
        bar.addWidget(self.period_box)
        bar.addWidget(self.first_edit)
        bar.addWidget(self.to_label)
        bar.addWidget(self.last_edit)
        bar.addWidget(self.period_label)
        bar.addStretch(1)
        bar.addWidget(self.busy_label)
        bar.addWidget(self.export_button)

        self.figure_count = _Figure(self.tr("操作次数"))
        self.figure_minutes = _Figure(self.tr("操作耗时"))
        self.figure_share = _Figure(self.tr("占工作时间"))
        self.figure_after = _Figure(self.tr("下班后及节假日"))
        self.figure_items = _Figure(self.tr("收到信息"))
        self.figure_tasks = _Figure(self.tr("任务按时完成"))
        figures = QHBoxLayout()
        for figure in (
            self.figure_count,
            self.figure_minutes,
            self.figure_share,
            self.figure_after,
            self.figure_items,
            self.figure_tasks,
        ):
            figures.addWidget(figure, 1)

        self.trend_view = self._chart_view()
        self.top_view = self._chart_view()
        self.kind_view = self._chart_view()
        self.burden_view = self._chart_view()
        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(self.trend_view, 0, 0)
        grid.addWidget(self.top_view, 0, 1)
        grid.addWidget(self.kind_view, 1, 0)
        grid.addWidget(self.burden_view, 1, 1)

        self.dimension_box = QComboBox()
        self.dimension_box.setAccessibleName(self.tr("分类方式"))
        for text, key in (
            (self.tr("按账号"), "source"),
            (self.tr("按平台"), "platform"),
            (self.tr("按层级"), "level"),
            (self.tr("按要求单位"), "unit"),
            (self.tr("按操作类型"), "kind"),
            (self.tr("按负担类别"), "burden"),
        ):
            self.dimension_box.addItem(text, key)
        self.dimension_box.currentIndexChanged.connect(self._show_breakdown)
        self.breakdown_model = BreakdownModel(self)
        self.breakdown_proxy = QSortFilterProxyModel(self)
        self.breakdown_proxy.setSourceModel(self.breakdown_model)
        self.breakdown_proxy.setSortRole(SORT_ROLE)
        self.breakdown = QTableView()
        self.breakdown.setModel(self.breakdown_proxy)
        self.breakdown.setSortingEnabled(True)
        self.breakdown.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.breakdown.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.breakdown.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.breakdown.verticalHeader().setVisible(False)
        self.breakdown.setAlternatingRowColors(True)
        self.breakdown.setAccessibleName(self.tr("分类统计表"))
        header = self.breakdown.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.breakdown.setMinimumHeight(220)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setObjectName("figureCaption")
        self.empty_hint = QLabel()
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setObjectName("emptyHint")
        self.latest_button = QPushButton()
        self.latest_button.clicked.connect(self.show_latest_month)
        self.empty_bar = QFrame()
        self.empty_bar.setObjectName("emptyBar")
        empty_layout = QHBoxLayout(self.empty_bar)
        empty_layout.setContentsMargins(10, 6, 10, 6)
        empty_layout.addWidget(self.empty_hint, 1)
        empty_layout.addWidget(self.latest_button)
        self.empty_bar.setVisible(False)

        table_bar = QHBoxLayout()
        table_heading = QLabel(self.tr("分类统计"))
        table_heading.setObjectName("sectionHeading")
        table_bar.addWidget(table_heading)
        table_bar.addWidget(self.dimension_box)
        table_bar.addStretch(1)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(12, 8, 12, 12)
        content_layout.addLayout(bar)
        content_layout.addWidget(self.empty_bar)
        content_layout.addLayout(figures)
        content_layout.addLayout(grid)
        content_layout.addLayout(table_bar)
        content_layout.addWidget(self.breakdown)
        content_layout.addWidget(self.note_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.setStyleSheet(
            "#figure { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }"
            "#figureValue { font-size: 20px; font-weight: 600; color: #1F4E79; }"
            "#figureCaption { color: palette(placeholder-text); }"
            "#sectionHeading { font-size: 14px; font-weight: 600; }"
            "#periodLabel { color: palette(placeholder-text); padding-left: 6px; }"
            "#emptyBar { background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
        )
        bus.changed.connect(self._data_changed)

    def _chart_view(self) -> QChartView:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(260)
        return view

    # ------------------------------------------------------------------ period

    def current_period(self) -> Period:
        key = self.period_box.currentData()
        if key == CUSTOM:
            first = self.first_edit.date().toPython()
            last = self.last_edit.date().toPython()
            assert isinstance(first, date) and isinstance(last, date)
            return custom(first, last)
        return relative(str(key))

    def set_custom_period(self, first: date, last: date) -> None:
        if self.period_box.currentData() != CUSTOM:
            # Switch without the handler, which would copy the previous period into the edits.
            self.period_box.blockSignals(True)
            self.period_box.setCurrentIndex(self.period_box.findData(CUSTOM))
            self.period_box.blockSignals(False)
            for widget in (self.first_edit, self.to_label, self.last_edit):
                widget.setVisible(True)
        for edit, day in ((self.first_edit, first), (self.last_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self.refresh()

    def show_period(self, period: Period) -> None:
        """Show ``period``: 上月 when it is last month, else as a custom range."""
        if period == relative("last-month"):
            self.period_box.setCurrentIndex(self.period_box.findData("last-month"))
        else:
            self.set_custom_period(period.first, period.last)

    def show_latest_month(self) -> None:
        if self._latest_month is not None:
            self.show_period(self._latest_month)

    def _period_choice_changed(self) -> None:
        is_custom = self.period_box.currentData() == CUSTOM
        if is_custom and self._period is not None:
            for edit, day in ((self.first_edit, self._period.first), (self.last_edit, self._period.last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        for widget in (self.first_edit, self.to_label, self.last_edit):
            widget.setVisible(is_custom)
        self.refresh()

    def _custom_changed(self) -> None:
        if self.period_box.currentData() == CUSTOM:
            self.refresh()

    def _data_changed(self, changes: Changes) -> None:
        c = changes
        if c.operation_logs or c.items or c.tasks or c.requirements or c.sources or c.settings or c.findings:
            self.refresh()

    # ------------------------------------------------------------------ compute

    def refresh(self) -> None:
        """Recompute the summary of the chosen period in the background."""
        try:
            period = self.current_period()
        except CadreError as exc:
            self.period_label.setText(exc.user_message)
            return
        self._period = period
        self._generation += 1
        generation = self._generation
        self.period_label.setText(f"{period.first:%Y-%m-%d} – {period.last:%Y-%m-%d}")
        self.busy_label.setText(self.tr("正在计算…"))
        service = self._service
        may_move, self._open_on_data = self._open_on_data, False

        def work() -> tuple[WorkloadSummary, float, Period | None]:
            started = time.perf_counter()
            summary = service.summary(period, ReportOptions(include_detail=False))
            elapsed = (time.perf_counter() - started) * 1000
            # An empty period points to the latest month that has data (the page opens there).
            latest = service.latest_month_with_data() if summary.is_empty else None
            return summary, elapsed, latest

        def done(result: tuple[WorkloadSummary, float, Period | None]) -> None:
            summary, elapsed, latest = result
            if generation != self._generation:
                return
            if may_move and latest is not None and latest != period:
                self.show_period(latest)  # opens on the latest month with data, not an empty 本月
                return
            self._latest_month = latest
            self._show(generation, summary, elapsed)

        self._runner.run(work, done, self._failed(generation))

    def _failed(self, generation: int) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.busy_label.setText(self.tr("计算失败"))
            from cadre_desk.ui.crash import show_error

            show_error(self, exc)

        return failed

    def _show(self, generation: int, summary: WorkloadSummary, elapsed_ms: float) -> None:
        if generation != self._generation:
            return  # a newer period was chosen meanwhile
        self.summary = summary
        self.last_compute_ms = elapsed_ms
        self.busy_label.setText(self.tr("计算用时 {ms} 毫秒").format(ms=f"{elapsed_ms:.0f}"))
        self._show_figures(summary)
        self._show_charts(summary)
        self._show_breakdown()
        notes = []
        self._show_empty_hint(summary)
        if summary.work.calendar_note:
            notes.append(summary.work.calendar_note)
        if summary.corrected_count:
            notes.append(self.tr("有 {n} 条记录经过更正，只计入最新版本。").format(n=summary.corrected_count))
        self.note_label.setText("　".join(notes))
        self.status_changed.emit(
            self.tr("{period}：{count} 次操作，{hours} 小时").format(
                period=summary.period.label,
                count=summary.total_count,
                hours=f"{summary.total_minutes / 60:.1f}",
            )
        )
        self.summary_ready.emit(summary)

    def _show_empty_hint(self, summary: WorkloadSummary) -> None:
        self.empty_bar.setVisible(summary.is_empty)
        if not summary.is_empty:
            return
        text = self.tr("该期间没有任何操作记录、收到的信息或到期任务。")
        latest = self._latest_month
        if latest is not None and latest != summary.period:
            label = self.tr("{year}年{month}月").format(year=latest.first.year, month=latest.first.month)
            text += self.tr("最近的记录在 {month}。").format(month=label)
            self.latest_button.setText(self.tr("查看 {month}").format(month=label))
        else:
            text += self.tr("在“任务”页记录一次操作（或导入同步数据）后，这里会显示统计。")
        self.latest_button.setVisible(latest is not None and latest != summary.period)
        self.empty_hint.setText(text)

    def _show_figures(self, summary: WorkloadSummary) -> None:
        work = summary.work
        tasks = summary.tasks
        self.figure_count.show_value(
            f"{summary.total_count:,}", self.tr("其中考核打卡 {n} 次").format(n=summary.checkin_count)
        )
        self.figure_minutes.show_value(
            self.tr("{h} 小时").format(h=f"{summary.total_minutes / 60:,.1f}"),
            self.tr("{m} 分钟").format(m=f"{summary.total_minutes:,.0f}"),
        )
        self.figure_share.show_value(
            f"{summary.work_share:.1%}",
            self.tr("{d} 个工作日，{hours}").format(d=work.workdays, hours=work.hours_label),
        )
        self.figure_after.show_value(
            self.tr("{h} 小时").format(h=f"{work.minutes_outside_hours / 60:,.1f}"),
            self.tr("工作时间内 {h} 小时").format(h=f"{work.minutes_in_hours / 60:,.1f}"),
        )
        self.figure_items.show_value(
            f"{summary.items_received:,}", self.tr("已读 {n} 条").format(n=f"{summary.items_read:,}")
        )
        done = tasks.on_time + tasks.late
        self.figure_tasks.show_value(
            f"{tasks.on_time}/{done}" if done else "—",
            self.tr("逾期完成 {late}，逾期未完成 {overdue}").format(late=tasks.late, overdue=tasks.overdue),
        )

    def _replace_chart(self, view: QChartView, chart: QChart) -> None:
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _show_charts(self, summary: WorkloadSummary) -> None:
        today = date.today()
        if summary.period.days <= DAY_TREND_MAX_DAYS:
            trend = daily_trend(summary.days, today)
            labels = [f"{p.start.month}-{p.start.day:02d}" for p in trend.points]
            title = self.tr("每日操作耗时（分钟）")
            running_name = self.tr("今天（未结束）")
        else:
            trend = weekly_trend(summary.days, today)
            labels = [f"{p.start:%m-%d}" for p in trend.points]
            title = self.tr("每周操作耗时（分钟）")
            running_name = self.tr("本周（未结束）")
        minutes = [p.minutes for p in trend.points]
        self._replace_chart(
            self.trend_view,
            charts.trend_chart(labels, minutes, title, running_name=running_name if trend.running else ""),
        )
        top = summary.top_sources()
        self._replace_chart(
            self.top_view,
            charts.horizontal_bar_chart(
                [s.name for s in top],
                [round(s.minutes, 1) for s in top],
                self.tr("最耗时的 10 个账号（分钟）"),
                self.top_view,
            ),
        )
        kinds = summary.by_kind[:7]
        rest = sum(b.minutes for b in summary.by_kind[7:])
        labels = [self._bucket_label(b) for b in kinds] + ([self.tr("其他")] if rest else [])
        values = [b.minutes for b in kinds] + ([rest] if rest else [])
        self._replace_chart(self.kind_view, charts.pie_chart(labels, values, self.tr("按操作类型")))
        burden = summary.by_burden
        self._replace_chart(
            self.burden_view,
            charts.column_chart(
                [self._bucket_label(b) for b in burden],
                [round(b.minutes, 1) for b in burden],
                self.tr("按负担类别（分钟）"),
                self.burden_view,
            ),
        )

    def _show_breakdown(self) -> None:
        summary = self.summary
        if summary is None:
            return
        key = self.dimension_box.currentData()
        if key == "source":
            rows = [BreakdownRow(s.name, s.count, s.minutes) for s in summary.by_source if s.count]
        else:
            buckets = {
                "platform": summary.by_platform,
                "level": summary.by_level,
                "unit": summary.by_unit,
                "kind": summary.by_kind,
                "burden": summary.by_burden,
            }[str(key)]
            rows = [BreakdownRow(self._bucket_label(b), b.count, b.minutes) for b in buckets]
        headers = {
            "source": self.tr("账号"),
            "platform": self.tr("平台"),
            "level": self.tr("层级"),
            "unit": self.tr("要求单位"),
            "kind": self.tr("操作类型"),
            "burden": self.tr("负担类别"),
        }
        self.breakdown_model.set_rows(rows, headers[str(key)])

    def _bucket_label(self, bucket: Bucket) -> str:
        """Vocabulary buckets (operation kind, level, …) in the interface language; names as stored."""
        if bucket.key == "" and bucket.label == UNFLAGGED:
            return self.tr("（未标记）")
        if bucket.key and label(bucket.key) == bucket.label:
            return ui_label(bucket.key)
        return bucket.label

    # ------------------------------------------------------------------ export

    def open_export_dialog(self) -> None:
        from cadre_desk.ui.reports.export_dialog import ExportDialog

        period = self._period or self.current_period()
        dialog = ExportDialog(self._service, self._runner, period, self)
        dialog.exported.connect(
            lambda path: self._bus.status_message.emit(self.tr("报告已导出：{path}").format(path=path))
        )
        dialog.open()
