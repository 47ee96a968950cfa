"""Status-bar indicator: last sync, pending changes, errors; runs automatic server sync."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from cadre_desk.services.sync.service import SyncService
from cadre_desk.services.sync.status import SyncStatus
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.sync.status_text import detail_lines, short_text


class SyncStatusWidget(QToolButton):
    """Shows the sync state in one line; a click opens the sync dialog."""

    def __init__(
        self, service: SyncService, runner: BackgroundRunner, bus: DataBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._bus = bus
        self._loading = False
        self._syncing = False
        self.status: SyncStatus | None = None
        self.setObjectName("syncStatus")
        self.setAutoRaise(True)
        self.setText(self.tr("同步：读取中…"))
        self.setAccessibleName(self.tr("同步状态"))
        self.clicked.connect(self.open_dialog)
        self._refresh_soon = QTimer(self, singleShot=True, interval=1500)
        self._refresh_soon.timeout.connect(self.refresh)
        bus.changed.connect(self._data_changed)
        self._auto = QTimer(self, interval=max(1, service.auto_minutes) * 60_000)
        self._auto.timeout.connect(self.auto_sync)
        self._auto.start()
        QTimer.singleShot(5_000, self, self.auto_sync)  # soon after start-up, off the GUI thread

    def _data_changed(self, _changes: object) -> None:
        self._refresh_soon.start()

    def refresh(self) -> None:
        if self._loading:
            self._refresh_soon.start()
            return
        self._loading = True
        self._runner.run(self._service.status, self._show, self._failed)

    def _show(self, status: SyncStatus) -> None:
        self._loading = False
        self.status = status
        self.setText(short_text(status))
        self.setToolTip("\n".join(detail_lines(status)))

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.setText(self.tr("同步状态不可用"))
        self.setToolTip(str(exc))

    def auto_sync(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        self._runner.run(self._service.auto_sync, self._synced, self._auto_failed, write=True)

    def _synced(self, report: Any) -> None:
        self._syncing = False
        if report is not None and report.changes:
            self._bus.announce(report.changes)
        self.refresh()

    def _auto_failed(self, _exc: BaseException) -> None:
        # Recorded as the peer's last error by the client: the indicator shows it, no pop-up.
        self._syncing = False
        self.refresh()

    def open_dialog(self) -> None:
        from cadre_desk.ui.sync.dialog import SyncDialog

        dialog = SyncDialog(self._service, self._runner, self._bus, self.window())
        dialog.finished.connect(lambda _result: self.refresh())
        dialog.open()


def attach_sync(
    window: Any, service: SyncService, runner: BackgroundRunner, bus: DataBus
) -> SyncStatusWidget:
    """Put the sync indicator in the window's status bar and "同步…" in its File menu."""
    from PySide6.QtCore import QCoreApplication

    indicator = SyncStatusWidget(service, runner, bus, window)
    window.statusBar().addPermanentWidget(indicator)
    action = QAction(QCoreApplication.translate("MainWindow", "同步…"), window)
    window.add_file_action(action)
    action.triggered.connect(indicator.open_dialog)
    indicator.refresh()
    return indicator
