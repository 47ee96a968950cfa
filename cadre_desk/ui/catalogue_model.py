"""Table model of the built-in account catalogue, for the first-run wizard."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from cadre_desk.domain.labels import label
from cadre_desk.services.catalogue import CATALOGUE, CatalogueChoice, CatalogueEntry
from cadre_desk.ui.i18n import current_language

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    USE = 0
    KIND = 1
    NAME = 2
    LEVEL = 3
    CATEGORY = 4
    FEED_URL = 5


class CatalogueModel(QAbstractTableModel):
    """Tick the accounts you follow; names are filled from the county/township and editable."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: tuple[CatalogueEntry, ...] = CATALOGUE
        self._checked = [entry.suggested for entry in self.entries]
        self._edited_names: dict[int, str] = {}
        self._urls = ["" for _ in self.entries]
        self._county = ""
        self._township = ""
        self._language = current_language()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.USE: QCoreApplication.translate("CatalogueModel", "选用"),
            Column.KIND: QCoreApplication.translate("CatalogueModel", "类型"),
            Column.NAME: QCoreApplication.translate("CatalogueModel", "账号名称"),
            Column.LEVEL: QCoreApplication.translate("CatalogueModel", "层级"),
            Column.CATEGORY: QCoreApplication.translate("CatalogueModel", "分类"),
            Column.FEED_URL: QCoreApplication.translate("CatalogueModel", "订阅地址（可选）"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def name(self, row: int) -> str:
        if row in self._edited_names:
            return self._edited_names[row]
        return self.entries[row].name_for(self._county, self._township)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), Column(index.column())
        entry = self.entries[row]
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.USE:
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == Column.KIND:
                return QCoreApplication.translate("Catalogue", entry.kind_label)
            if column == Column.NAME:
                return self.name(row)
            if column == Column.LEVEL:
                return label(entry.level, self._language)
            if column == Column.CATEGORY:
                return label(entry.category, self._language)
            if column == Column.FEED_URL:
                return self._urls[row]
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.FEED_URL:
            return QCoreApplication.translate(
                "CatalogueModel", "有 RSS 订阅地址（如 RSSHub、wewe-rss）时填写；留空则作为手动录入的账号"
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.USE and entry.mandatory:
            return QCoreApplication.translate("CatalogueModel", "通常是上级要求关注的账号")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = Column(index.column())
        if column == Column.USE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column in (Column.NAME, Column.FEED_URL):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), Column(index.column())
        if column == Column.USE and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
            self._checked[row] = checked
        elif column == Column.NAME and role == Qt.ItemDataRole.EditRole:
            text = str(value).strip()
            if not text:
                return False
            self._edited_names[row] = text
        elif column == Column.FEED_URL and role == Qt.ItemDataRole.EditRole:
            self._urls[row] = str(value).strip()
        else:
            return False
        self.dataChanged.emit(index, index, [role, Qt.ItemDataRole.DisplayRole])
        return True

    def set_places(self, county: str, township: str) -> None:
        """Refill the names the user has not edited from the county and township names."""
        self._county, self._township = county.strip(), township.strip()
        if self.entries:
            top = self.index(0, Column.NAME)
            bottom = self.index(len(self.entries) - 1, Column.NAME)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])

    def set_all_checked(self, checked: bool) -> None:
        self._checked = [checked for _ in self.entries]
        if self.entries:
            top, bottom = self.index(0, Column.USE), self.index(len(self.entries) - 1, Column.USE)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.CheckStateRole])

    def choices(self) -> list[CatalogueChoice]:
        return [
            CatalogueChoice(entry=entry, name=self.name(row), feed_url=self._urls[row])
            for row, entry in enumerate(self.entries)
            if self._checked[row]
        ]
