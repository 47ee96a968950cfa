"""The unit statistics, shown before anything is sent: exactly the JSON a sync would post,
what it never contains, and the switch (turning it off deletes what was sent)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from cadre_desk.services.sync.service import SyncService
from cadre_desk.ui.background import BackgroundRunner


class UnitPreviewDialog(QDialog):
    def __init__(self, service: SyncService, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self.setWindowTitle(self.tr("向单位报送减负统计"))
        explain = QLabel(
            self.tr(
                "开启后，每次与单位服务器同步时，会把下面这些统计匿名报送给单位：各关注账号每月的用时、"
                "各类操作次数、确认的减负问题和分析结论。服务器只保存化名，协调员只能看到至少 3 位干部"
                "共同的汇总数字。不会报送：文章内容、备注、留痕文件、事项标题、您的姓名和单位。"
            )
        )
        explain.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setPlainText(self.tr("正在计算…"))
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.enable_button = QPushButton(self.tr("开启报送"))
        self.enable_button.clicked.connect(lambda: self._switch(True))
        self.disable_button = QPushButton(self.tr("关闭报送并删除已报送的统计"))
        self.disable_button.clicked.connect(lambda: self._switch(False))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.enable_button)
        buttons.addWidget(self.disable_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.state_label)
        layout.addLayout(buttons)
        self.resize(760, 560)
        self.enable_button.setEnabled(False)  # only once the cadre can see what will be sent
        self._runner.run(self._service.unit_preview, self._show_preview, self._show_error)
        self._show_state(self._service.unit_reporting())

    def _show_preview(self, text: str) -> None:
        self.preview.setPlainText(text)
        self.enable_button.setEnabled(not self._service.unit_reporting())

    def _show_state(self, on: bool) -> None:
        self.state_label.setText(
            self.tr("当前：已开启，同步时报送。") if on else self.tr("当前：未开启（默认）。")
        )
        self.disable_button.setEnabled(on)

    def _switch(self, on: bool) -> None:
        def done(removed: int | None) -> None:
            self._show_state(on)
            self.enable_button.setEnabled(not on)
            if not on and removed is not None:
                self.state_label.setText(self.tr("已关闭，并删除了服务器上已报送的统计。"))

        self._runner.run(lambda: self._service.set_unit_reporting(on), done, self._show_error, write=True)

    def _show_error(self, exc: BaseException) -> None:
        from cadre_desk.domain.errors import CadreError

        if isinstance(exc, CadreError):
            step = f"\n{exc.next_step}" if exc.next_step else ""
            self.state_label.setText(self.tr("未完成：") + exc.user_message + step)
            return
        raise exc
