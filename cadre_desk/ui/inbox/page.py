"""The 收件箱 page: sources sidebar, item list, reader."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import Changes
from cadre_desk.services.inbox import InboxFilter, InboxService, ItemDetail, SourceDirectory
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.flow_layout import FlowLayout
from cadre_desk.ui.inbox.empty_state import EmptyInbox
from cadre_desk.ui.inbox.item_list_model import Column, ItemListModel, ItemRole
from cadre_desk.ui.inbox.reader import ReaderView
from cadre_desk.ui.inbox.source_tree_model import GroupBy, SourceTreeModel, TreeRole
from cadre_desk.ui.inbox.workflow import InboxTools, InboxWorkflow


class UnreadBadgeDelegate(QStyledItemDelegate):
    """Draws the unread count right-aligned, like mail clients do."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        unread = index.data(TreeRole.UNREAD) or 0
        badge = str(unread) if unread else ""
        width = option.fontMetrics.horizontalAdvance(badge) + 14 if badge else 0
        shrunk = QStyleOptionViewItem(option)
        shrunk.rect = option.rect.adjusted(0, 0, -width, 0)
        super().paint(painter, shrunk, index)
        if badge:
            painter.save()
            rect = QRect(option.rect.right() - width, option.rect.top(), width - 4, option.rect.height())
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), badge)
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 40, max(hint.height(), 26))


def pane_widths(total: int) -> list[int]:
    """Sources, list and reader widths for a splitter ``total`` pixels wide: the source list
    gives way first (16 %, 170-250 px), the reader gets 45 % of the rest."""
    left = max(170, min(250, int(total * 0.16)))
    reader = int((total - left) * 0.45)
    return [left, total - left - reader, reader]


class InboxPage(QWidget):
    status_changed = Signal(str)

    def __init__(
        self,
        service: InboxService,
        runner: BackgroundRunner,
        bus: DataBus,
        parent: QWidget | None = None,
        tools: InboxTools | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._bus = bus
        self._directory = SourceDirectory()
        self._current_source_ids: tuple[str, ...] = ()

        self.tree_model = SourceTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(UnreadBadgeDelegate(self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName(self.tr("来源列表"))
        self.tree.selectionModel().selectionChanged.connect(self._source_selected)

        self.group_by = QComboBox()
        self.group_by.addItem(self.tr("按类别分组"), GroupBy.CATEGORY)
        self.group_by.addItem(self.tr("按层级分组"), GroupBy.LEVEL)
        self.group_by.setAccessibleName(self.tr("分组方式"))
        self.group_by.currentIndexChanged.connect(self._group_changed)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.group_by)
        left_layout.addWidget(self.tree)
        self.left_layout = left_layout

        self.list_model = ItemListModel(
            service, self, folding=tools.folding if tools else None, runner=runner
        )
        self.list = QTableView()
        self.list.setModel(self.list_model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setAlternatingRowColors(True)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.list.verticalHeader().setDefaultSectionSize(30)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.SOURCE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.PUBLISHED, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.SOURCE, 150)
        header.resizeSection(Column.PUBLISHED, 110)
        header.setHighlightSections(False)
        self.list.setAccessibleName(self.tr("消息列表"))
        self.list.selectionModel().currentRowChanged.connect(self._item_changed)
        self.list.verticalScrollBar().valueChanged.connect(self._read_ahead)

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        # the heading yields its width to the column (a long folder name must not widen the window)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.heading.setMinimumWidth(40)
        self.unread_only = QCheckBox(self.tr("只看未读"))
        self.unread_only.toggled.connect(lambda _checked: self.apply_filter())
        # The heading has a line of its own and the filters wrap onto a second line when the
        # column is narrow: in one row (English) they cut the heading to "All s" and made the
        # column so wide that the reader was left with its minimum width.
        top = FlowLayout()
        top.addWidget(self.unread_only)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.heading)
        middle_layout.addLayout(top)
        middle_layout.addWidget(self.list)
        self.empty_state = EmptyInbox()
        self.empty_state.hide()
        middle_layout.addWidget(self.empty_state, 1)
        self.top_bar = top
        self.middle_layout = middle_layout

        self.reader = ReaderView(runner=runner)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        left.setMinimumWidth(170)  # source names stay readable
        splitter.setSizes([250, 620, 480])
        splitter.setChildrenCollapsible(False)
        splitter.splitterMoved.connect(self._splitter_moved_by_user)
        self._user_sized = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self.splitter = splitter

        self.toggle_read_action = QAction(self.tr("标为已读/未读"), self)
        self.toggle_read_action.setShortcut(QKeySequence("M"))
        self.toggle_read_action.triggered.connect(self.toggle_read)
        self.toggle_star_action = QAction(self.tr("加星/取消星标"), self)
        self.toggle_star_action.setShortcut(QKeySequence("S"))
        self.toggle_star_action.triggered.connect(self.toggle_star)
        for action in (self.toggle_read_action, self.toggle_star_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

        bus.changed.connect(self._data_changed)
        # search, smart folders, filters, rules, keyboard flow (ui/inbox/workflow.py)
        self.workflow = InboxWorkflow(self, tools, self) if tools is not None else None

    # ----------------------------------------------------------------- layout

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            self.splitter.setSizes(pane_widths(self.splitter.width() - 2 * self.splitter.handleWidth()))

    def _splitter_moved_by_user(self, _pos: int, _index: int) -> None:
        self._user_sized = True

    # ----------------------------------------------------------------- loading

    def load(self) -> None:
        """First load: synchronous and cheap (a directory of sources + one keyset page)."""
        self._set_directory(self._service.directory(), reset=True)
        everything = self.tree_model.index_of_all()
        already_selected = self.tree.currentIndex() == everything
        self.tree.setCurrentIndex(everything)  # a new selection applies the filter itself
        self.tree.expandAll()
        if already_selected:
            self.apply_filter()

    def _set_directory(self, directory: SourceDirectory, reset: bool = False) -> None:
        self._directory = directory
        if reset:
            self.tree_model.set_directory(directory)
        else:
            self.tree_model.update_counts(directory)
        self.list_model.set_source_names(directory.names())
        subscribed = sum(1 for s in directory.sources if s.subscribed)
        empty = not any(s.subscribed and s.item_count for s in directory.sources)
        self.empty_state.set_has_sources(subscribed > 0)
        self.empty_state.setVisible(empty)
        self._list_area().setVisible(not empty)
        self.status_changed.emit(
            self.tr("{sources} 个来源 · {unread} 条未读").format(
                sources=subscribed, unread=directory.total_unread
            )
        )

    def _list_area(self) -> QWidget:
        """The list, or the stack that holds it and the search results (inbox workflow)."""
        holder = self.list.parentWidget()
        return holder if isinstance(holder, QStackedWidget) else self.list

    def _data_changed(self, changes: Changes) -> None:
        if changes.items or changes.sources:
            self._runner.run(self._service.directory, lambda d: self._set_directory(d))
        if changes.sources:
            self.apply_filter()

    def _read_ahead(self, value: int) -> None:
        """Ask for the next page (in the background) two screens before the end, so a user
        scrolling down rarely reaches rows that are not there yet."""
        bar = self.list.verticalScrollBar()
        if bar.maximum() - value <= 2 * bar.pageStep() and self.list_model.canFetchMore():
            self.list_model.fetchMore()

    # ----------------------------------------------------------------- interaction

    def _group_changed(self) -> None:
        self.tree_model.set_group_by(GroupBy(self.group_by.currentData()))
        self.tree.expandAll()
        self.tree.setCurrentIndex(self.tree_model.index_of_all())

    def _source_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        index = indexes[0]
        self._current_source_ids = tuple(index.data(TreeRole.SOURCE_IDS) or ())
        self.heading.setText(f"<b>{index.data(Qt.ItemDataRole.DisplayRole)}</b>")
        self.apply_filter()

    @property
    def service(self) -> InboxService:
        return self._service

    @property
    def runner(self) -> BackgroundRunner:
        return self._runner

    @property
    def bus(self) -> DataBus:
        return self._bus

    def apply_filter(self) -> None:
        flt = InboxFilter(source_ids=self._current_source_ids, unread_only=self.unread_only.isChecked())
        if self.workflow is not None:
            flt = self.workflow.refine(flt)
        self.list_model.set_filter(flt)
        self.reader.show_placeholder()

    def _item_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        item_id = current.data(ItemRole.ID)
        detail = self._service.detail(item_id)  # one row by primary key
        if detail is None:
            self.reader.show_placeholder()
            return
        self.show_detail(detail)

    def show_detail(self, detail: ItemDetail) -> None:
        self.reader.show_item(detail)
        if self.workflow is not None:
            self.workflow.opened(detail)
        elif not detail.is_read:
            self.write_flags([detail.id], read=True)

    def selected_ids(self) -> list[str]:
        rows = {index.row() for index in self.list.selectionModel().selectedRows()}
        return [self.list_model.index(row, 0).data(ItemRole.ID) for row in sorted(rows)]

    def toggle_read(self) -> None:
        ids = self.selected_ids()
        if ids:
            currently_read = self.list_model.index(self.list.currentIndex().row(), 0).data(ItemRole.IS_READ)
            self.write_flags(ids, read=not currently_read)

    def toggle_star(self) -> None:
        ids = self.selected_ids()
        if ids:
            starred = self.list_model.index(self.list.currentIndex().row(), 0).data(ItemRole.IS_STARRED)
            self.write_flags(ids, starred=not starred)

    def write_flags(
        self,
        ids: list[str],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        with_group: bool = False,
        then: Callable[[list[str]], None] | None = None,
    ) -> None:
        """The one read/star path of the inbox: write in the background, update the list, tell
        the views, then ``then(changed ids)`` (the workflow's search results and tool bar)."""

        def work() -> list[str]:
            changed = self._service.set_read(ids, read, with_group=with_group) if read is not None else []
            if starred is not None:
                self._service.set_starred(ids, starred)
                changed = list(ids)
            return changed

        def done(changed: list[str]) -> None:
            self.list_model.apply_flags(changed, read=read, starred=starred)
            self._bus.announce(Changes(items=True))
            if then is not None:
                then(changed)

        self._runner.run(work, done, write=True)
