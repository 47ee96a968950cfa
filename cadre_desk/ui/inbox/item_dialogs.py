"""Small dialogs from the reader: make a task from an item, log an operation on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from cadre_desk.domain.enums import OperationKind
from cadre_desk.ui.i18n import ui_label


class MakeTaskDialog(QDialog):
    def __init__(self, item_title: str, parent: QWidget | None = None, due_days: int = 3) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("由消息创建任务"))
        self.setMinimumWidth(520)
        self.title = QLineEdit(item_title)
        due = QDateTime.currentDateTime().addDays(due_days)
        due.setTime(QTime(17, 30))
        self.due = QDateTimeEdit(due)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.priority = QComboBox()
        for text, value in ((self.tr("普通"), 0), (self.tr("重要"), 1), (self.tr("紧急"), 2)):
            self.priority.addItem(text, value)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("备注（可选）"))
        self.notes.setFixedHeight(80)
        form = QFormLayout(self)
        form.addRow(self.tr("任务"), self.title)
        form.addRow(self.tr("截止时间"), self.due)
        form.addRow(self.tr("优先级"), self.priority)
        form.addRow(self.tr("备注"), self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建任务"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def due_at(self) -> datetime:
        return datetime.fromtimestamp(self.due.dateTime().toSecsSinceEpoch(), tz=UTC)


class LogOperationDialog(QDialog):
    def __init__(self, item_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录一次操作"))
        self.setMinimumWidth(480)
        self.kind = QComboBox()
        for kind in OperationKind:
            self.kind.addItem(ui_label(kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(OperationKind.FORWARD)))
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0, 1440)
        self.minutes.setDecimals(0)
        self.minutes.setValue(5)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("例如：转发到村民群"))
        form = QFormLayout(self)
        form.addRow(self.tr("消息"), QLineEdit(item_title, readOnly=True))
        form.addRow(self.tr("操作"), self.kind)
        form.addRow(self.tr("用时"), self.minutes)
        form.addRow(self.tr("说明"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("记录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def operation(self) -> OperationKind:
        return OperationKind(self.kind.currentData())


def date_range(choice: str, now: datetime | None = None) -> tuple[datetime | None, datetime | None]:
    """The filter bar's period choices as a [from, to) range in local time."""
    local = (now or datetime.now().astimezone()).astimezone()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    if choice == "today":
        return midnight, None
    if choice == "week":
        return midnight - timedelta(days=6), None
    if choice == "month":
        return midnight - timedelta(days=29), None
    if choice == "older":
        return None, midnight - timedelta(days=29)
    return None, None
