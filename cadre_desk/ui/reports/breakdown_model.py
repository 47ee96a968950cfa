"""Table model of one breakdown (by source, platform, level, unit, kind or burden category)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    count: int
    minutes: float


class BreakdownColumn(IntEnum):
    LABEL = 0
    COUNT = 1
    MINUTES = 2
    SHARE = 3


SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class BreakdownModel(QAbstractTableModel):
    """Rows are replaced wholesale when a new summary arrives (a few dozen rows at most)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[BreakdownRow] = []
        self._total_minutes = 0.0
        self._first_header = self.tr("名称")

    def set_rows(self, rows: list[BreakdownRow], first_header: str) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total_minutes = sum(row.minutes for row in rows)
        self._first_header = first_header
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def row_at(self, row: int) -> BreakdownRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(BreakdownColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(BreakdownColumn):
            return None
        return (self._first_header, self.tr("次数"), self.tr("分钟"), self.tr("占比"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = BreakdownColumn(index.column())
        share = row.minutes / self._total_minutes if self._total_minutes else 0.0
        if role == Qt.ItemDataRole.DisplayRole:
            if column == BreakdownColumn.LABEL:
                return row.label
            if column == BreakdownColumn.COUNT:
                return f"{row.count:,}"
            if column == BreakdownColumn.MINUTES:
                return f"{row.minutes:,.1f}"
            return f"{share:.1%}"
        if role == SORT_ROLE:
            return (row.label, row.count, row.minutes, share)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != BreakdownColumn.LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == BreakdownColumn.LABEL:
            return row.label
        return None
