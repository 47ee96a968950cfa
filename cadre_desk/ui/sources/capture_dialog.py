"""手动收录: paste WeChat links or notice text into a manual source. Works offline."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.enums import SourceKind
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.capture import CaptureReport
from cadre_desk.services.sources import SourceHealth, SourceServices
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.service_text import service_text


class CaptureDialog(QDialog):
    captured = Signal(object)  # CaptureReport (its ``changes`` say what to refresh)

    def __init__(
        self, services: SourceServices, runner: BackgroundRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("手动收录"))
        self.resize(640, 440)
        self._services = services
        self._runner = runner
        self.source = QComboBox()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            self.tr(
                "粘贴一个或多个微信文章链接（mp.weixin.qq.com/…），每行一个，可带标题；\n也可以直接粘贴通知文字。"
            )
        )
        self.online = QCheckBox(self.tr("联网读取文章标题、公众号和发布时间（断网时自动跳过）"))
        self.online.setChecked(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("收录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("收录到"), self.source)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.online)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self._runner.run(self._services.sources.health, self._sources_loaded)

    def _sources_loaded(self, rows: list[SourceHealth]) -> None:
        manual = [r for r in rows if r.kind == SourceKind.MANUAL.value]
        for row in manual:
            self.source.addItem(row.name, row.source_id)
        if manual:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        else:
            self.message.setText(self.tr("还没有“手动收录”类型的订阅源：请先在“添加订阅源”中添加一个。"))

    def submit(self) -> None:
        source_id, pasted, online = (
            self.source.currentData(),
            self.text.toPlainText(),
            self.online.isChecked(),
        )
        self.setEnabled(False)
        self.message.setText(self.tr("正在收录…"))
        self._runner.run(
            lambda: self._services.sources.capture(source_id, pasted, online=online),
            self._done,
            self._failed,
            write=True,
        )

    def _done(self, report: CaptureReport) -> None:
        self.setEnabled(True)
        self.captured.emit(report)
        self.message.setText(
            self.tr("已收录 {new} 条，重复 {dup} 条。").format(new=report.new_items, dup=report.duplicates)
        )
        self.text.clear()

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(exc, CadreError):
            raise exc
        self.message.setText(f"{service_text(exc.user_message)}\n{service_text(exc.next_step)}")
