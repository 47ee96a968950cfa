"""Task list model: one view (今天/已逾期/即将到期/已完成) over keyset-paged SQL.

The page loads rows in the background and hands them to ``set_rows``; further pages come
through ``canFetchMore``/``fetchMore`` with the loader the page installs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from cadre_desk.domain.enums import OperationKind
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.services.tasks import PAGE_SIZE, TaskRow, TaskView
from cadre_desk.ui.i18n import ui_label
from cadre_desk.ui.row_table_model import Index, RowTableModel

Loader = Callable[[tuple[int, str] | None], list[TaskRow]]


class Column(IntEnum):
    TITLE = 0
    DUE = 1
    KIND = 2
    SOURCE = 3
    MINUTES = 4


class TaskRole(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    PRIORITY = Qt.ItemDataRole.UserRole + 2
    ROW = Qt.ItemDataRole.UserRole + 3


_HEADERS = {
    Column.TITLE: QT_TRANSLATE_NOOP("TaskTableModel", "任务"),
    Column.DUE: QT_TRANSLATE_NOOP("TaskTableModel", "截止"),
    Column.KIND: QT_TRANSLATE_NOOP("TaskTableModel", "操作"),
    Column.SOURCE: QT_TRANSLATE_NOOP("TaskTableModel", "来源"),
    Column.MINUTES: QT_TRANSLATE_NOOP("TaskTableModel", "预计用时"),
}
_DONE_HEADERS = {Column.DUE: QT_TRANSLATE_NOOP("TaskTableModel", "完成时间")}
_PRIORITY_MARK = {1: "！", 2: "！！"}


def due_text(moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return QCoreApplication.translate("TaskTableModel", "不限")
    local = moment.astimezone(CHINA_TZ)
    today = (now or datetime.now(CHINA_TZ)).astimezone(CHINA_TZ).date()
    delta = (local.date() - today).days
    if delta == 0:
        return QCoreApplication.translate("TaskTableModel", "今天 {time}").format(
            time=local.strftime("%H:%M")
        )
    if delta == 1:
        return QCoreApplication.translate("TaskTableModel", "明天 {time}").format(
            time=local.strftime("%H:%M")
        )
    if delta == -1:
        return QCoreApplication.translate("TaskTableModel", "昨天 {time}").format(
            time=local.strftime("%H:%M")
        )
    if local.year == today.year:
        return local.strftime("%m-%d %H:%M")
    return local.strftime("%Y-%m-%d")


class TaskTableModel(RowTableModel[TaskRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), parent)
        self._view = TaskView.TODAY
        self._loader: Loader | None = None
        self._exhausted = True
        self._bold = QFont()
        self._bold.setBold(True)
        self._late = QColor(200, 40, 40)
        self._dim = QColor(Qt.GlobalColor.darkGray)

    # ----------------------------------------------------------------- loading

    @property
    def view(self) -> TaskView:
        return self._view

    def show_view(self, rows: list[TaskRow], view: TaskView, loader: Loader | None = None) -> None:
        """Replace the content with the first page of ``view``."""
        self._view = view
        self._loader = loader
        self._exhausted = loader is None or len(rows) < PAGE_SIZE
        self.set_rows(rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loader is None:
            return
        more = self._loader(self._rows[-1].key if self._rows else None)
        self._exhausted = len(more) < PAGE_SIZE
        if not more:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def remove_ids(self, task_ids: set[str]) -> None:
        """Drop rows that left this view (completed, snoozed) without a reload."""
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].id in task_ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    # ----------------------------------------------------------------- Qt model API

    def header(self, section: int) -> str:
        column = Column(section)
        text = (
            _DONE_HEADERS.get(column, _HEADERS[column]) if self._view == TaskView.DONE else _HEADERS[column]
        )
        return QCoreApplication.translate("TaskTableModel", text)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_for(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE:
            return row.title
        if role == Qt.ItemDataRole.FontRole and column == Column.TITLE and row.priority >= 2:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._view == TaskView.OVERDUE and column == Column.DUE:
                return self._late
            if self._view == TaskView.DONE:
                return self._dim
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TaskRole.ID:
            return row.id
        if role == TaskRole.PRIORITY:
            return row.priority
        if role == TaskRole.ROW:
            return row
        return None

    def _display(self, row: TaskRow, column: int) -> str | None:
        if column == Column.TITLE:
            mark = _PRIORITY_MARK.get(row.priority, "")
            notes = " ✎" if row.has_notes else ""
            return f"{mark}{row.title}{notes}"
        if column == Column.DUE:
            if self._view == TaskView.DONE:
                return due_text(row.completed_at)
            text = due_text(row.effective_at)
            if row.snoozed_until is not None and row.effective_at == row.snoozed_until:
                text = QCoreApplication.translate("TaskTableModel", "{time}（已推迟）").format(time=text)
            return text
        if column == Column.KIND:
            return ui_label(OperationKind(row.operation_kind)) if row.operation_kind else ""
        if column == Column.SOURCE:
            return row.source_name or ""
        if column == Column.MINUTES:
            if not row.expected_minutes:
                return ""
            return QCoreApplication.translate("TaskTableModel", "{n} 分钟").format(
                n=f"{row.expected_minutes:g}"
            )
        return None
