"""The flat table model every list page shares: a Python list of rows and fixed columns.

Subclasses say what their columns are called (``header``) and what a cell shows (``data``,
usually starting with ``row = self.row_for(index)``); counting, headers, resets and
whole-row refreshes live here once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    def __init__(self, column_count: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._column_count = column_count
        self._rows: list[RowT] = []

    # ----------------------------------------------------------------- for subclasses

    def header(self, section: int) -> str:
        """The title of column ``section`` (already translated)."""
        raise NotImplementedError

    def row_for(self, index: Index) -> RowT | None:
        """The row behind a cell, or None for an invalid or stale index."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    # ----------------------------------------------------------------- for views and pages

    def set_rows(self, rows: Iterable[RowT]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> Sequence[RowT]:
        return self._rows

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def refresh_row(self, row: int, roles: Sequence[int] = ()) -> None:
        """Tell views that every cell of ``row`` changed."""
        self.dataChanged.emit(self.index(row, 0), self.index(row, self._column_count - 1), list(roles))

    # ----------------------------------------------------------------- Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self._column_count

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self._column_count
        ):
            return self.header(section)
        return None
