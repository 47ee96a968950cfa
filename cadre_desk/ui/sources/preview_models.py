"""Small models for the add-source dialog: entry previews and pickable bridge accounts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from cadre_desk.services.source_types import BEIJING, BridgeAccount

_Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """(title, date, link) rows of a feed or web page preview."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, datetime | None, str]] = []

    def set_rows(self, rows: list[tuple[str, datetime | None, str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            headers = (  # literal calls so lupdate extracts them
                QCoreApplication.translate("PreviewModel", "标题"),
                QCoreApplication.translate("PreviewModel", "日期"),
                QCoreApplication.translate("PreviewModel", "链接"),
            )
            return headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        title, when, link = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return title
            if index.column() == 1:
                if when is None:
                    return ""
                local = when.astimezone(BEIJING)  # portal dates are Beijing dates
                return (
                    local.strftime("%Y-%m-%d")
                    if (local.hour, local.minute) == (0, 0)
                    else local.strftime("%Y-%m-%d %H:%M")
                )
            return link
        return None


class AccountsModel(QAbstractListModel):
    """Bridge accounts with a check box each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._accounts: list[BridgeAccount] = []
        self._checked: list[bool] = []

    def set_accounts(self, accounts: list[BridgeAccount]) -> None:
        self.beginResetModel()
        self._accounts = list(accounts)
        self._checked = [True] * len(accounts)
        self.endResetModel()

    def checked(self) -> list[BridgeAccount]:
        return [a for a, c in zip(self._accounts, self._checked, strict=True) if c]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._accounts)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._accounts)):
            return None
        account = self._accounts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{account.name}（{account.id}）"
        if role == Qt.ItemDataRole.ToolTipRole:
            return account.intro or account.id
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        state = value.value if hasattr(value, "value") else value
        self._checked[index.row()] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
