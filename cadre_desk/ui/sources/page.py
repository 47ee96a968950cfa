"""The 订阅源 page: every source with its health, refresh with progress and cancel, OPML, capture.

A refresh the user starts runs on the reader pool, not the single writer: it lasts long and its
writes are short batches, so the user's own edits (marking read…) are never queued behind it.
The scheduled refresh runs in the service (``services.refresh_schedule``, on its own thread);
this page only shows what each scheduled run reported.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import Changes, ChangesWithIds
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.refresh import RefreshProgress, RefreshReport
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import OpmlImportReport, SourceServices
from cadre_desk.ui.background import BackgroundRunner, NewestOnly
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.service_text import service_text
from cadre_desk.ui.sources.health_model import HealthColumn, HealthRole, SourceHealthModel

log = logging.getLogger(__name__)


class _Progress(QObject):
    """Carries progress from a worker thread to the GUI thread (queued signal delivery)."""

    step = Signal(int, int, str)
    scheduled = Signal(object)  # RefreshReport of a scheduled run (from the schedule's thread)
    scheduled_failed = Signal(object)  # the exception of a scheduled run that broke


class SourcesPage(QWidget):
    status_changed = Signal(str)
    refresh_finished = Signal(object)  # RefreshReport

    def __init__(
        self,
        services: SourceServices,
        settings: Settings,
        runner: BackgroundRunner,
        bus: DataBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._runner = runner
        self._reads = NewestOnly()  # a data change while a read runs
        self._bus = bus
        self._cancel: threading.Event | None = None
        self._progress = _Progress(self)
        self._progress.step.connect(self._on_step)

        self.model = SourceHealthModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(self.tr("订阅源健康状况"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HealthColumn.NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(HealthColumn.NAME, 260)
        header.resizeSection(HealthColumn.KIND, 90)
        header.resizeSection(HealthColumn.ITEMS, 70)
        header.resizeSection(HealthColumn.LAST_SUCCESS, 140)
        header.setStretchLastSection(True)

        heading = QLabel(self.tr("订阅源"))
        heading.setObjectName("pageHeading")
        self.summary = QLabel()
        self.summary.setObjectName("sourcesSummary")

        self.add_button = QPushButton(self.tr("添加订阅源…"))
        self.capture_button = QPushButton(self.tr("手动收录…"))
        self.refresh_button = QPushButton(self.tr("全部刷新"))
        self.refresh_selected_button = QPushButton(self.tr("刷新所选"))
        self.import_button = QPushButton(self.tr("导入 OPML…"))
        self.export_button = QPushButton(self.tr("导出 OPML…"))
        self.cancel_button = QPushButton(self.tr("取消刷新"))
        self.cancel_button.hide()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.add_button.clicked.connect(self.open_add_dialog)
        self.capture_button.clicked.connect(self.open_capture_dialog)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.refresh_selected_button.clicked.connect(self.refresh_selected)
        self.import_button.clicked.connect(self.choose_opml_import)
        self.export_button.clicked.connect(self.choose_opml_export)
        self.cancel_button.clicked.connect(self.cancel_refresh)

        bar = QHBoxLayout()
        for button in (
            self.add_button,
            self.capture_button,
            self.refresh_button,
            self.refresh_selected_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.progress)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.refresh_action = QAction(self.tr("刷新全部订阅源"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(lambda: self.refresh())

        # The schedule ticks in the service, on its own thread; its reports reach this page
        # through queued signals (delivered on the GUI thread).
        self._progress.scheduled.connect(self._refreshed_on_schedule)
        self._progress.scheduled_failed.connect(self._show_error)
        self._tell_scheduled = self._progress.scheduled.emit  # kept: the same callable to remove
        services.schedule.add_listener(self._tell_scheduled, self._progress.scheduled_failed.emit)
        bus.changed.connect(self._data_changed)

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        self._runner.run(
            self._services.sources.health, *self._reads.wrap(self._loaded, self._runner.report_error)
        )

    def _loaded(self, rows: list) -> None:
        self.model.set_rows(rows)
        failing = self.model.failing_count()
        text = self.tr("共 {n} 个订阅源").format(n=len(rows))
        if failing:
            text += self.tr("，{n} 个连续失败").format(n=failing)
        recovered = self.model.recovered_count()
        if recovered:
            text += self.tr("，{n} 个格式有误（已尽量读取）").format(n=recovered)
        self.summary.setText(text)

    def _data_changed(self, changes: Changes) -> None:
        if changes.sources or changes.fetch_state:
            self.load()

    # ------------------------------------------------------------------ refresh

    @property
    def refreshing(self) -> bool:
        return self._cancel is not None

    def stop_listening(self) -> None:
        """The window closes: scheduled runs are no longer shown here."""
        self._services.schedule.remove_listener(self._tell_scheduled)

    def refresh_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        ids = [self.model.row_at(row).source_id for row in sorted(rows)]
        if ids:
            self.refresh(ids)

    def refresh(self, source_ids: list[str] | None = None) -> None:
        """Refresh these sources, or all of them."""
        if self.refreshing:
            return
        cancel = self._cancel = threading.Event()
        emit = self._progress.step.emit

        def progress(step: RefreshProgress) -> None:
            emit(step.done, step.total, step.source_name)

        def work() -> RefreshReport:
            return self._services.refresh.refresh(source_ids, progress=progress, cancel=cancel)

        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("正在刷新…"))
        self.progress.show()
        self.cancel_button.show()
        self.refresh_button.setEnabled(False)
        self._runner.run(work, self._refreshed, self._refresh_failed)

    def cancel_refresh(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("正在取消…"))

    def _on_step(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%v/%m {name}").format(name=name[:12]))

    def _finish_refresh(self) -> None:
        self._cancel = None
        self.progress.hide()
        self.cancel_button.hide()
        self.cancel_button.setEnabled(True)
        self.refresh_button.setEnabled(True)

    def _refreshed(self, report: RefreshReport) -> None:
        self._finish_refresh()
        self._show_report(report)

    def _refreshed_on_schedule(self, report: RefreshReport) -> None:
        self._show_report(report)

    def _show_report(self, report: RefreshReport) -> None:
        ingest = report.ingest
        text = self.tr("刷新完成：{total} 个订阅源，新增 {new} 条，失败 {failed} 个").format(
            total=report.total, new=ingest.new_items, failed=report.failed
        )
        if report.cancelled:
            text = self.tr("已取消刷新：已保存新增的 {new} 条").format(new=ingest.new_items)
        if report.total:
            self._bus.status_message.emit(text)
            self._bus.announce(report.changes)
        self.refresh_finished.emit(report)

    def _refresh_failed(self, exc: BaseException) -> None:
        self._finish_refresh()
        self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, CadreError):
            QMessageBox.warning(
                self,
                self.tr("操作未完成"),
                f"{service_text(exc.user_message)}\n\n{service_text(exc.next_step)}",
            )
        else:
            raise exc  # unexpected: the crash dialog shows it with a copyable report

    # ------------------------------------------------------------------ dialogs

    def open_add_dialog(self) -> None:
        from cadre_desk.ui.sources.add_dialog import AddSourceDialog

        dialog = AddSourceDialog(self._services, self._runner, self)
        dialog.added.connect(self._source_added)
        dialog.open()

    def open_catalogue_dialog(self) -> None:
        from cadre_desk.ui.sources.catalogue_dialog import CatalogueDialog

        dialog = CatalogueDialog(self._services, self._runner, self)
        dialog.added.connect(lambda added: (self._bus.announce(added.changes), self.refresh()))
        dialog.open()

    def _source_added(self, added: ChangesWithIds) -> None:
        self._bus.announce(added.changes)
        self.refresh(list(added.ids))

    def open_capture_dialog(self) -> None:
        from cadre_desk.ui.sources.capture_dialog import CaptureDialog

        dialog = CaptureDialog(self._services, self._runner, self)
        dialog.captured.connect(lambda report: self._bus.announce(report.changes))
        dialog.open()

    def choose_opml_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入 OPML"), "", self.tr("OPML 文件 (*.opml *.xml);;所有文件 (*)")
        )
        if path:
            self.import_opml(Path(path))

    def import_opml(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            QMessageBox.warning(self, self.tr("无法读取文件"), f"{path}\n{exc.strerror}")
            return
        dialog = QProgressDialog(self.tr("正在导入订阅源…"), "", 0, 0, self)
        dialog.setCancelButton(None)  # one transaction: it either all lands or nothing does
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        relay = _Progress(dialog)
        relay.step.connect(lambda done, total, _name: (dialog.setMaximum(total), dialog.setValue(done)))
        self.opml_progress = dialog

        def work() -> OpmlImportReport:
            return self._services.sources.import_opml(
                data, lambda done, total: relay.step.emit(done, total, "")
            )

        def done(report: OpmlImportReport) -> None:
            dialog.close()
            self._bus.announce(report.changes)
            self._bus.status_message.emit(
                self.tr("导入完成：新增 {added} 个，跳过已有 {skipped} 个").format(
                    added=report.added, skipped=report.skipped_existing
                )
            )

        def failed(exc: BaseException) -> None:
            dialog.close()
            self._show_error(exc)

        dialog.show()
        self._runner.run(work, done, failed, write=True)

    def choose_opml_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 OPML"), "cadre_desk-订阅源.opml", self.tr("OPML 文件 (*.opml)")
        )
        if path:
            self.export_opml(Path(path))

    def export_opml(self, path: Path) -> None:
        def work() -> Path:
            partial = path.with_name(path.name + ".partial")
            partial.write_bytes(self._services.sources.export_opml())
            partial.replace(path)  # atomic: never a half-written file under the chosen name
            return path

        self._runner.run(
            work,
            lambda written: self._bus.status_message.emit(self.tr("已导出到 {path}").format(path=written)),
            self._show_error,
        )

    def selected_source_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.siblingAtColumn(0).data(HealthRole.SOURCE_ID) if index.isValid() else None
