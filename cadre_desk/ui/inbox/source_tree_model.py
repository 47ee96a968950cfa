"""The sources sidebar: 全部 → groups (by category or by level) → sources, with unread counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from cadre_desk.domain.enums import Category, Level
from cadre_desk.domain.labels import label
from cadre_desk.services.inbox import SourceDirectory, SourceOverview
from cadre_desk.ui.i18n import current_language

Index = QModelIndex | QPersistentModelIndex

CATEGORY_ORDER = [c.value for c in Category]
LEVEL_ORDER = [lv.value for lv in Level]


class TreeRole(IntEnum):
    UNREAD = Qt.ItemDataRole.UserRole + 1
    SOURCE_IDS = Qt.ItemDataRole.UserRole + 2  # tuple of source ids under this node; () = all
    NODE_KIND = Qt.ItemDataRole.UserRole + 3  # "all" | "group" | "source"


class GroupBy(IntEnum):
    CATEGORY = 0
    LEVEL = 1


@dataclass(eq=False)
class _Node:
    kind: str
    title: str
    unread: int = 0
    source_ids: tuple[str, ...] = ()
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    muted: bool = False  # unsubscribed sources are shown dimmed

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class SourceTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self._language = language or current_language()
        self._group_by = GroupBy.CATEGORY
        self._directory = SourceDirectory()
        self._root = _Node("root", "")
        self._bold = QFont()
        self._bold.setBold(True)

    # ----------------------------------------------------------------- loading

    def set_directory(self, directory: SourceDirectory) -> None:
        self.beginResetModel()
        self._directory = directory
        self._root = self._build()
        self.endResetModel()

    def update_counts(self, directory: SourceDirectory) -> None:
        """New counts for the same sources: repaint in place (keeps selection and expansion)."""
        same_sources = [s.id for s in directory.sources] == [s.id for s in self._directory.sources]
        if not same_sources:
            self.set_directory(directory)
            return
        self._directory = directory
        fresh = self._build()
        self._copy_counts(fresh, self._root, QModelIndex())

    def _copy_counts(self, fresh: _Node, current: _Node, parent_index: QModelIndex) -> None:
        for row, (new_child, old_child) in enumerate(zip(fresh.children, current.children, strict=False)):
            index = self.index(row, 0, parent_index)
            if new_child.unread != old_child.unread:
                old_child.unread = new_child.unread
                self.dataChanged.emit(index, index, [TreeRole.UNREAD, Qt.ItemDataRole.FontRole])
            self._copy_counts(new_child, old_child, index)

    def set_group_by(self, group_by: GroupBy) -> None:
        if group_by != self._group_by:
            self._group_by = group_by
            self.set_directory(self._directory)

    @property
    def group_by(self) -> GroupBy:
        return self._group_by

    def _build(self) -> _Node:
        root = _Node("root", "")
        every = _Node(
            "all",
            QCoreApplication.translate("SourceTreeModel", "全部来源"),
            self._directory.total_unread,
            (),
            root,
        )
        root.children.append(every)
        groups: dict[str, list[SourceOverview]] = {}
        for source in self._directory.sources:
            key = source.category if self._group_by == GroupBy.CATEGORY else (source.level or "")
            groups.setdefault(key, []).append(source)
        order = CATEGORY_ORDER if self._group_by == GroupBy.CATEGORY else LEVEL_ORDER
        for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
            members = groups[key]
            title = (
                label(key, self._language) if key else QCoreApplication.translate("SourceTreeModel", "未分级")
            )
            group = _Node(
                "group",
                title,
                sum(s.unread_count for s in members if s.subscribed),
                tuple(s.id for s in members if s.subscribed),
                root,
            )
            for source in sorted(members, key=lambda s: (not s.subscribed, s.name)):
                group.children.append(
                    _Node(
                        "source",
                        source.name,
                        source.unread_count,
                        (source.id,),
                        group,
                        muted=not source.subscribed,
                    )
                )
            root.children.append(group)
        return root

    # ----------------------------------------------------------------- Qt model API

    def _node(self, index: Index) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.title
        if role == TreeRole.UNREAD:
            return node.unread
        if role == TreeRole.SOURCE_IDS:
            return node.source_ids
        if role == TreeRole.NODE_KIND:
            return node.kind
        if role == Qt.ItemDataRole.FontRole and (node.kind != "source" or node.unread):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and node.muted:
            return QColor(Qt.GlobalColor.gray)
        if role == Qt.ItemDataRole.ToolTipRole and node.muted:
            return QCoreApplication.translate("SourceTreeModel", "已取消关注（历史保留）")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{node.title}，未读 {node.unread}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def index_of_all(self) -> QModelIndex:
        return self.index(0, 0)
