"""The sync dialog: USB/shared-folder bundles, the pairing key, the unit server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.errors import CadreError
from cadre_desk.services.sync.failsafe import MassDeletionError
from cadre_desk.services.sync.service import SyncService
from cadre_desk.services.sync.status import SyncStatus
from cadre_desk.ui.background import BackgroundRunner, NewestOnly
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.sync.report_text import export_text, import_text, server_text
from cadre_desk.ui.sync.status_text import detail_lines
from cadre_desk.ui.wrapping import WrappingPage


class SyncDialog(QDialog):
    def __init__(
        self, service: SyncService, runner: BackgroundRunner, bus: DataBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._bus = bus
        self._busy = False
        self._status_reads = NewestOnly()
        self.setWindowTitle(self.tr("同步"))

        self.tabs = QTabWidget()
        self.tabs.addTab(self._bundle_tab(), self.tr("U盘 / 共享文件夹"))
        self.tabs.addTab(self._server_tab(), self.tr("单位服务器"))

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label = QLabel()
        self.result_label.setObjectName("syncResult")
        self.result_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        status_box = QGroupBox(self.tr("同步状态"))
        status_layout = QVBoxLayout(status_box)
        status_layout.addWidget(self.status_label)
        layout.addWidget(status_box)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self.refresh()
        self._fit_wrapped_text()

    def _fit_wrapped_text(self) -> None:
        """Open tall enough for the wrapped explanations at the default width: a tab widget
        does not pass its pages' height-for-width on to the dialog's minimum size."""
        width = max(self.sizeHint().width(), 600)
        self.resize(width, max(self.sizeHint().height(), self.layout().totalHeightForWidth(width)))

    # -- tabs ----------------------------------------------------------------------------------

    def _bundle_tab(self) -> QWidget:
        page = WrappingPage()
        layout = QVBoxLayout(page)
        explain = QLabel(
            self.tr(
                "把本机的新更改导出到U盘或共享文件夹，再在另一台电脑上导入。每台设备写自己的子文件夹，"
                "文件经配对密钥签名，导入前完整校验，重复导入不会产生重复数据。"
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText(self.tr("例如 U 盘：/media/usb 或 E:\\"))
        browse = QPushButton(self.tr("选择…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("文件夹")))
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.export_button = QPushButton(self.tr("导出本机更改"))
        self.export_button.clicked.connect(self.export_bundle)
        self.import_button = QPushButton(self.tr("导入其他设备的更改"))
        self.import_button.clicked.connect(lambda: self.import_bundles(None))
        self.import_file_button = QPushButton(self.tr("导入单个同步文件…"))
        self.import_file_button.clicked.connect(self._pick_file)
        actions = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.import_file_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        # The key's state on its own wrapped line, the buttons below it: side by side they
        # did not fit the dialog's width (the buttons were squashed to thin lines).
        self.key_box = QGroupBox(self.tr("配对密钥"))
        key_layout = QVBoxLayout(self.key_box)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_key_button = QPushButton(self.tr("显示"))
        self.show_key_button.clicked.connect(self._show_key)
        self.new_key_button = QPushButton(self.tr("生成新密钥"))
        self.new_key_button.clicked.connect(self._new_key)
        self.enter_key_button = QPushButton(self.tr("输入密钥…"))
        self.enter_key_button.clicked.connect(self._enter_key)
        key_layout.addWidget(self.key_label)
        key_buttons = QHBoxLayout()
        for button in (self.show_key_button, self.new_key_button, self.enter_key_button):
            key_buttons.addWidget(button)
        key_buttons.addStretch(1)
        key_layout.addLayout(key_buttons)
        layout.addWidget(self.key_box)
        layout.addStretch(1)
        return page

    def _server_tab(self) -> QWidget:
        page = WrappingPage()
        form = QFormLayout(page)
        explain = QLabel(self.tr("单位架设了同步服务器时，填写地址和管理员发放的令牌；联网时会自动同步。"))
        explain.setWordWrap(True)
        form.addRow(explain)
        config = self._service.server()
        self.url_edit = QLineEdit(config[0] if config else "")
        self.url_edit.setPlaceholderText("http://10.1.2.3:8765")
        self.token_edit = QLineEdit(config[1] if config else "")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("服务器地址"), self.url_edit)
        form.addRow(self.tr("令牌"), self.token_edit)
        self.save_server_button = QPushButton(self.tr("保存"))
        self.save_server_button.clicked.connect(self.save_server)
        self.sync_button = QPushButton(self.tr("立即同步"))
        self.sync_button.clicked.connect(lambda: self.sync_now(False))
        self.unit_button = QPushButton(self.tr("单位减负统计…"))
        self.unit_button.setToolTip(self.tr("查看将要报送的内容，开启或关闭向单位报送减负统计"))
        self.unit_button.clicked.connect(self.open_unit_statistics)
        actions = QHBoxLayout()
        actions.addWidget(self.save_server_button)
        actions.addWidget(self.sync_button)
        actions.addStretch(1)
        actions.addWidget(self.unit_button)
        form.addRow(actions)
        return page

    def open_unit_statistics(self) -> None:
        from cadre_desk.ui.sync.unit_preview import UnitPreviewDialog

        UnitPreviewDialog(self._service, self._runner, self).exec()

    # -- state ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        shown, failed = self._status_reads.wrap(self._show_status, self._show_error)
        self._runner.run(self._service.status, shown, failed)
        fingerprint = self._service.pairing_fingerprint()
        self.key_label.setText(
            self.tr("已设置（指纹 {fp}）").format(fp=fingerprint)
            if fingerprint
            else self.tr("未设置：请生成或输入密钥")
        )

    def _show_status(self, status: SyncStatus) -> None:
        self.status_label.setText("\n".join(detail_lines(status)))

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self._busy = busy
        for button in (
            self.export_button,
            self.import_button,
            self.import_file_button,
            self.sync_button,
            self.save_server_button,
        ):
            button.setEnabled(not busy)
        if message:
            self.result_label.setText(message)

    def _run_write(
        self, work: Callable[[], Any], done: Callable[[Any], None], retry: Callable[[], None]
    ) -> None:
        self._set_busy(True, self.tr("正在处理，请稍候…"))

        def failed(exc: BaseException) -> None:
            self._set_busy(False, "")
            if isinstance(exc, MassDeletionError) and self._confirm_deletions(exc):
                retry()
                return
            self._show_error(exc)

        def succeeded(result: Any) -> None:
            self._set_busy(False)
            done(result)
            self.refresh()

        self._runner.run(work, succeeded, failed, write=True)

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, CadreError):
            text = exc.user_message + (f"\n{exc.next_step}" if exc.next_step else "")
            self.result_label.setText(self.tr("未完成：") + text)
            return
        raise exc  # unexpected: the crash dialog

    def _table_name(self, table: str) -> str:
        names = {
            "folders": self.tr("文件夹"),
            "sources": self.tr("订阅源"),
            "items": self.tr("信息"),
            "requirements": self.tr("要求"),
            "tasks": self.tr("任务"),
            "operation_logs": self.tr("操作记录（作废或更正）"),
            "rules": self.tr("规则"),
            "saved_searches": self.tr("智能文件夹"),
            "tags": self.tr("标签"),
        }
        return names.get(table, table)

    def deletion_question(self, exc: MassDeletionError) -> str:
        lines = "\n".join(
            self.tr("· {name}：共 {live} 条，将删除 {n} 条").format(
                name=self._table_name(table), live=live, n=deletions
            )
            for table, (deletions, live) in exc.by_table.items()
        )
        return self.tr("这次同步会删除本机的大部分数据：\n{lines}\n\n确定要在本机也删除它们吗？").format(
            lines=lines
        )

    def _confirm_deletions(self, exc: MassDeletionError) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("确认删除"),
            self.deletion_question(exc),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- actions -------------------------------------------------------------------------------

    def _folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        if not text:
            self.result_label.setText(self.tr("请先选择U盘或共享文件夹。"))
            return None
        return Path(text)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("选择U盘或共享文件夹"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择同步文件"), self.folder_edit.text(), self.tr("同步文件 (*.cdsync)")
        )
        if path:
            self.import_bundles(Path(path))

    def export_bundle(self) -> None:
        folder = self._folder()
        if folder is not None:
            self._run_write(
                lambda: self._service.export_bundle(folder),
                lambda report: self.result_label.setText(export_text(report)),
                self.export_bundle,
            )

    def import_bundles(self, target: Path | None, allow_mass_delete: bool = False) -> None:
        chosen = target or self._folder()
        if chosen is None:
            return

        def done(report: Any) -> None:
            self.result_label.setText(import_text(report))
            if report.changes:
                self._bus.announce(report.changes)

        self._run_write(
            lambda: self._service.import_bundles(chosen, allow_mass_delete=allow_mass_delete),
            done,
            lambda: self.import_bundles(chosen, True),
        )

    def save_server(self) -> None:
        try:
            self._service.configure_server(self.url_edit.text(), self.token_edit.text())
        except CadreError as exc:
            self._show_error(exc)
            return
        self.result_label.setText(self.tr("已保存服务器设置。"))
        self.refresh()

    def sync_now(self, allow_mass_delete: bool) -> None:
        def done(report: Any) -> None:
            self.result_label.setText(server_text(report))
            if report.changes:
                self._bus.announce(report.changes)

        self._run_write(
            lambda: self._service.sync_now(allow_mass_delete=allow_mass_delete),
            done,
            lambda: self.sync_now(True),
        )

    def _show_key(self) -> None:
        key = self._service.pairing_key()
        if key:
            QInputDialog.getText(
                self,
                self.tr("配对密钥"),
                self.tr("在其他设备上输入这把密钥："),
                QLineEdit.EchoMode.Normal,
                key,
            )

    def _new_key(self) -> None:
        if self._service.pairing_fingerprint():
            answer = QMessageBox.question(
                self,
                self.tr("生成新密钥"),
                self.tr("生成新密钥后，用旧密钥导出的同步文件将无法导入，其他设备也要输入新密钥。继续吗？"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._service.new_pairing_key()
        self.refresh()
        self._show_key()

    def _enter_key(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("输入配对密钥"), self.tr("另一台设备显示的配对密钥："))
        if ok and text.strip():
            try:
                self._service.set_pairing_key(text)
            except CadreError as exc:
                self._show_error(exc)
                return
            self.result_label.setText(self.tr("已保存配对密钥。"))
            self.refresh()
