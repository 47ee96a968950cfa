"""The 统计 page and the export dialog, offscreen with real widgets and a real database."""

from __future__ import annotations

import math
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from cadre_desk.app import build_context, build_main_window
from cadre_desk.domain.changes import Changes
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.reports.periods import custom, month
from cadre_desk.services.reports.workload_report import ReportService
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.reports import charts
from cadre_desk.ui.reports.breakdown_model import BreakdownModel, BreakdownRow
from cadre_desk.ui.reports.export_dialog import ExportDialog
from cadre_desk.ui.reports.page import StatsPage
from tests.reports import oracle
from tests.reports.world import SOURCES, populate

Mode = QAbstractItemModelTester.FailureReportingMode
OCTOBER = custom(date(2026, 10, 1), date(2026, 10, 31))


def test_breakdown_model_passes_model_tester(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = BreakdownModel()
    QAbstractItemModelTester(model, Mode.Fatal)
    model.set_rows([BreakdownRow("学习强国", 3, 30.0), BreakdownRow("平安青山App", 1, 10.0)], "账号")
    assert model.rowCount() == 2 and model.columnCount() == 4
    assert model.index(0, 3).data() == "75.0%"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "账号"
    model.set_rows([], "平台")
    assert model.rowCount() == 0


@pytest.fixture
def page_env(qtbot, db: Database, data_paths: DataPaths):  # type: ignore[no-untyped-def]
    populate(
        db,
        start=datetime(2026, 9, 24, 16, tzinfo=UTC),
        days=42,
        events=1500,
        attachments_dir=data_paths.attachments,
    )
    runner = BackgroundRunner(lambda exc: pytest.fail(f"background failure: {exc!r}"))
    bus = DataBus()
    service = ReportService(db, Settings(db), data_paths.attachments)
    page = StatsPage(service, runner, bus)
    qtbot.addWidget(page)
    yield page, runner, bus, service, db
    runner.wait_idle()


def test_stats_page_shows_sql_totals_and_follows_period(qtbot, page_env) -> None:  # type: ignore[no-untyped-def]
    page, runner, _bus, _service, db = page_env
    page.resize(1400, 1000)
    page.show()
    page.refresh()  # as the window does at start: "this month" first
    page.set_custom_period(OCTOBER.first, OCTOBER.last)
    qtbot.waitUntil(lambda: page.summary is not None and page.summary.period == OCTOBER, timeout=30_000)
    with db.engine.connect() as conn:
        ((count, minutes),) = oracle.query(conn, oracle.TOTALS, OCTOBER.start_ms, OCTOBER.end_ms)
    assert page.figure_count.value.text() == f"{count:,}"
    assert page.figure_minutes.detail.text() == f"{minutes:,.0f} 分钟"
    assert page.breakdown_model.rowCount() == len([s for s in page.summary.by_source if s.count])
    for view in (page.trend_view, page.top_view, page.kind_view, page.burden_view):
        assert view.chart() is not None and view.chart().series()
    page.dimension_box.setCurrentIndex(page.dimension_box.findData("kind"))
    assert page.breakdown_model.headerData(0, Qt.Orientation.Horizontal) == "操作类型"
    # Quickly choosing another period: only the newest request's result is shown.
    november = custom(date(2026, 11, 1), date(2026, 11, 5))
    page.set_custom_period(date(2026, 10, 5), date(2026, 10, 6))
    page.set_custom_period(november.first, november.last)
    qtbot.waitUntil(lambda: page.summary.period == november, timeout=30_000)
    runner.wait_idle()  # the older request's result has been handed to the GUI thread...
    QApplication.processEvents()  # ...and is delivered (and must be ignored) here
    assert page.summary.period == november
    with db.engine.connect() as conn:
        ((count, _),) = oracle.query(conn, oracle.TOTALS, november.start_ms, november.end_ms)
    assert page.figure_count.value.text() == f"{count:,}"
    page.grab().save(str(Path(db.path).parent / "stats-page.png"))


def test_stats_page_recomputes_when_data_changes(qtbot, page_env) -> None:  # type: ignore[no-untyped-def]
    page, runner, bus, _service, _db = page_env
    page.set_custom_period(OCTOBER.first, OCTOBER.last)
    qtbot.waitUntil(lambda: page.summary is not None, timeout=30_000)
    first = page.summary
    with qtbot.waitSignal(page.summary_ready, timeout=30_000):
        bus.announce(Changes(operation_logs=True))
    assert page.summary is not first
    second = page.summary
    bus.announce(Changes(own=True))  # not shown on this page: no recomputation
    runner.wait_idle()
    assert page.summary is second


def test_export_dialog_exports_chosen_content(qtbot, page_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page, runner, _bus, service, _db = page_env
    dialog = ExportDialog(service, runner, OCTOBER, page)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.sources_model.rowCount() == len(SOURCES), timeout=30_000)
    qtbot.waitUntil(lambda: "工作量统计报告" in dialog.preview.toPlainText(), timeout=30_000)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    dialog.anonymize_box.setChecked(True)
    dialog.detail_box.setChecked(False)
    dialog._check_all(False)
    dialog.sources_model.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.options().source_ids is not None and len(dialog.options().source_ids) == 1
    qtbot.waitUntil(lambda: "账号01" in dialog.preview.toPlainText(), timeout=30_000)
    target = tmp_path / "导出" / "十月.csv"
    target.parent.mkdir()
    dialog.target_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as signal:
        dialog.start_export()
    written = target.with_suffix(".zip").resolve()  # several tables: one CSV each, zipped
    assert signal.args == [str(written)] and not target.exists()
    with zipfile.ZipFile(written) as archive:
        text = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    assert "账号01" in text and "账号02" not in text and "期间内全部操作" not in text
    assert all(name not in text for name, *_ in SOURCES)


def test_export_dialog_shows_clear_error_for_unwritable_target(
    qtbot, page_env, tmp_path: Path, make_immutable
) -> None:  # type: ignore[no-untyped-def]
    page, runner, _bus, service, _db = page_env
    dialog = ExportDialog(service, runner, OCTOBER, page)
    qtbot.addWidget(dialog)
    folder = tmp_path / "只读"
    folder.mkdir()
    make_immutable(folder)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    dialog.target_edit.setText(str(folder / "报告.pdf"))
    dialog.start_export()
    qtbot.waitUntil(lambda: "无法在" in dialog.error_label.text(), timeout=20_000)
    assert "换一个" in dialog.error_label.text()
    assert dialog.export_button.isEnabled()
    assert list(folder.iterdir()) == []
    runner.wait_idle()


def test_main_window_has_stats_page(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    try:
        now = datetime.now(UTC)
        populate(ctx.db, start=now - timedelta(days=3), days=3, events=50, items=10, tasks=5)
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        page = window.page("stats")
        assert isinstance(page, StatsPage)
        qtbot.waitUntil(lambda: page.summary is not None, timeout=30_000)
        window.show_page("stats")
        window.runner.wait_idle()
        window.close()
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "largest", [0, 0.4, 1, 3, 7, 9.5, 17, 49, 66, 70, 99, 200, 201, 640, 899, 1234, 45_001]
)
def test_value_axes_have_round_ticks(largest: float) -> None:
    top, step = charts.nice_scale(largest)
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert mantissa in (1, 2, 5) and step >= 1  # whole minutes: 1, 2, 5, 10, 20, 50…
    intervals = round(top / step)
    assert intervals * step == top and 1 <= intervals <= charts.MAX_INTERVALS
    assert top >= largest and (largest == 0 or intervals == 1 or top - step < largest)  # no empty top


def test_charts_get_round_ticks_and_full_names_on_hover(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCharts import QBarCategoryAxis, QChartView, QValueAxis

    view = QChartView()
    qtbot.addWidget(view)
    long_name = "清河县人民政府办公室政务信息公开专栏（通知公告）"
    chart = charts.horizontal_bar_chart([long_name, "学习强国"], [180.0, 20.0], "最耗时", view)
    view.setChart(chart)
    (value_axis,) = [a for a in chart.axes() if isinstance(a, QValueAxis)]
    ticks = [
        value_axis.min() + n * (value_axis.max() - value_axis.min()) / (value_axis.tickCount() - 1)
        for n in range(value_axis.tickCount())
    ]
    assert ticks == [0, 50, 100, 150, 200, 250]  # 180 × 1.15 headroom for the value labels
    (category_axis,) = [a for a in chart.axes() if isinstance(a, QBarCategoryAxis)]
    shown = category_axis.categories()
    assert shown[1].endswith("…") and long_name.startswith(shown[1][:-1])  # elided, not cut mid-way
    (series,) = chart.series()
    (bar_set,) = series.barSets()
    series.hovered.emit(True, 1, bar_set)  # the biggest bar is drawn on top (index 1)
    assert view.toolTip() == long_name
    series.hovered.emit(False, 1, bar_set)
    assert view.toolTip() == ""


def test_stats_page_opens_on_the_latest_month_with_data(qtbot, page_env) -> None:  # type: ignore[no-untyped-def]
    page, runner, _bus, _service, _db = page_env  # operations from 2026-09-25 to 2026-11-05
    november = month(2026, 11)
    page.resize(1400, 1000)
    page.show()
    page.refresh()  # "this month" is empty (the clock is past November 2026): move to November
    qtbot.waitUntil(lambda: page.summary is not None, timeout=30_000)
    runner.wait_idle()
    qtbot.waitUntil(
        lambda: (page.summary.period.first, page.summary.period.last) == (november.first, november.last),
        timeout=20_000,
    )
    assert not page.summary.is_empty and not page.empty_bar.isVisible()
    # An empty period chosen by hand stays, with a hint and a way to the latest month.
    page.set_custom_period(date(2026, 6, 1), date(2026, 6, 30))
    qtbot.waitUntil(
        lambda: page.summary.period.first == date(2026, 6, 1) and page.empty_bar.isVisible(), timeout=30_000
    )
    assert "2026年11月" in page.empty_hint.text() and page.latest_button.isVisible()
    page.latest_button.click()
    qtbot.waitUntil(lambda: page.summary.period.first == november.first, timeout=30_000)
    assert not page.empty_bar.isVisible()
