"""The 收件箱 page: sources sidebar, item list, reader, and the parts it owns.

The page builds its parts and gives each plain callbacks: the search panel (box, results,
smart folders), the filter bar (filters, mark all read), the reader tool bar, the key map.
No part knows the page. The page holds what they share: which item is open, and the one
read/star path (:meth:`InboxPage.write_flags`). Keys: j/k or ↓/↑ next/previous, space pages
the reader then moves to the next unread, m read/unread, s star, t make task, l log an
operation, o open the original, x unfold duplicates, / search, Esc leave search, Alt+1…9 the
first nine views of the sidebar, Shift+A mark all read (Ctrl+Z undoes it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
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
from cadre_desk.services.analysis.details import DuplicatePair
from cadre_desk.services.folding import FoldingService, GroupMember
from cadre_desk.services.inbox import FlagChange, InboxService, ItemDetail, SourceDirectory
from cadre_desk.services.item_actions import ItemActions
from cadre_desk.services.rules import RulesService
from cadre_desk.services.search import SearchService
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.inbox.empty_state import EmptyInbox
from cadre_desk.ui.inbox.filter_bar import FilterBar
from cadre_desk.ui.inbox.group_diff import differences_html
from cadre_desk.ui.inbox.index_upkeep import IndexUpkeep
from cadre_desk.ui.inbox.item_commands import ItemCommands
from cadre_desk.ui.inbox.item_list_model import Column, ItemListModel, ItemRole
from cadre_desk.ui.inbox.key_map import KeyBinding, KeyMap
from cadre_desk.ui.inbox.keyboard_navigation import KeyboardNavigator
from cadre_desk.ui.inbox.reader import ReaderView
from cadre_desk.ui.inbox.reader_toolbar import ReaderToolbar
from cadre_desk.ui.inbox.search_panel import SearchPanel
from cadre_desk.ui.inbox.source_tree_model import GroupBy, SourceTreeModel, TreeRole


@dataclass(frozen=True)
class InboxTools:
    """The services the inbox's parts use besides the inbox service itself."""

    search: SearchService
    rules: RulesService
    folding: FoldingService
    actions: ItemActions


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
        tools: InboxTools,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._bus = bus
        self._folding = tools.folding
        self._search = tools.search
        self._directory = SourceDirectory()
        self._current_source_ids: tuple[str, ...] = ()
        self._current: ItemDetail | None = None  # the item in the reader
        self._differences: list[DuplicatePair] = []  # of its group, when the copies differ
        self._undo_ids: tuple[str, ...] = ()  # what the last "mark all read" changed
        self._loading_now = False  # load(): the first page on this thread, the window opens with it

        self.commands = ItemCommands(tools.actions, tools.rules, runner, bus, lambda: self._current, self)
        self.search = SearchPanel(
            tools.search,
            runner,
            on_shown=self._search_shown,
            on_result=self._open_by_id,
            on_error=self.commands.failed,
            parent=self,
        )
        self.filters = FilterBar(
            on_change=self.apply_filter, on_mark_all=self.mark_all_read, on_undo=self.undo_mark_all
        )
        self.toolbar = ReaderToolbar(
            on_star=self.toggle_star,
            on_task=self.commands.make_task,
            on_log=self.commands.log_operation,
            on_open_original=self.commands.open_original,
            on_member=self._open_member,
            on_compare=self._show_differences,
        )

        # --- left: sources, smart folders, rules
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
        self.rules_button = QPushButton(self.tr("消息规则…"))
        self.rules_button.clicked.connect(self.commands.open_rules)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.group_by)
        left_layout.addWidget(self.tree)
        left_layout.addWidget(self.search.folders)
        left_layout.addWidget(self.rules_button)

        # --- middle: search box, heading, filters, the list (or the search results)
        self.list_model = ItemListModel(service, self, folding=tools.folding, runner=runner)
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
        self.list.doubleClicked.connect(lambda index: self.list_model.toggle_expanded(index.row()))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.search.results_page)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        # the heading yields its width to the column (a long folder name must not widen the window)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.heading.setMinimumWidth(40)
        self.empty_state = EmptyInbox()
        self.empty_state.hide()
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.search.box)
        middle_layout.addWidget(self.heading)
        middle_layout.addWidget(self.filters)
        middle_layout.addWidget(self.stack)
        middle_layout.addWidget(self.empty_state, 1)

        # --- right: the reader under its tool bar
        self.reader = ReaderView(runner=runner)
        reader_box = QWidget()
        reader_layout = QVBoxLayout(reader_box)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(2)
        reader_layout.addWidget(self.toolbar)
        reader_layout.addWidget(self.reader, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(reader_box)
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

        # the list's j/k/space, waiting for background pages at the end of the loaded rows
        self.navigator = KeyboardNavigator(
            self.list, self.list_model, self.reader, self.active_view, lambda: self._current is not None
        )
        self.keys = KeyMap(self, self._key_table())
        self._index_upkeep = IndexUpkeep(tools.search, runner, self.status_changed.emit, self)
        bus.changed.connect(self._data_changed)

    def _key_table(self) -> list[KeyBinding]:
        table = [
            KeyBinding("J", self.tr("下一条"), lambda: self.navigator.move(1)),
            KeyBinding("K", self.tr("上一条"), lambda: self.navigator.move(-1)),
            KeyBinding("Space", self.tr("翻页/下一条未读"), self.navigator.space),
            KeyBinding("M", self.tr("标为已读/未读"), self.toggle_read),
            KeyBinding("S", self.tr("加星/取消星标"), self.toggle_star),
            KeyBinding("T", self.tr("建任务"), self.commands.make_task),
            KeyBinding("L", self.tr("记录操作"), self.commands.log_operation),
            KeyBinding("O", self.tr("打开原文"), self.commands.open_original),
            KeyBinding("X", self.tr("展开/收起重复"), self.toggle_group),
            KeyBinding("/", self.tr("搜索"), self.search.focus),
            KeyBinding("Esc", self.tr("返回收件箱"), self.search.close),
            KeyBinding("Shift+A", self.tr("全部标为已读"), self.mark_all_read),
            KeyBinding("Ctrl+Z", self.tr("撤销全部已读"), self.undo_mark_all),
        ]
        for n in range(1, 10):
            view = self.tr("切换到第 {n} 个视图").format(n=n)
            table.append(KeyBinding(f"Alt+{n}", view, lambda n=n: self.select_view(n - 1)))
        return table

    # ----------------------------------------------------------------- layout

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            self.splitter.setSizes(pane_widths(self.splitter.width() - 2 * self.splitter.handleWidth()))

    def _splitter_moved_by_user(self, _pos: int, _index: int) -> None:
        self._user_sized = True

    # ----------------------------------------------------------------- loading

    def load(self) -> None:
        """First load: on this thread and cheap (a directory of sources + one keyset page)."""
        self._set_directory(self._service.directory(), reset=True)
        everything = self.tree_model.index_of_all()
        already_selected = self.tree.currentIndex() == everything
        self._loading_now = True
        try:
            self.tree.setCurrentIndex(everything)  # a new selection applies the filter itself
            if already_selected:
                self.apply_filter()
        finally:
            self._loading_now = False
        self.tree.expandAll()

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
        self.stack.setVisible(not empty)
        self.status_changed.emit(
            self.tr("{sources} 个来源 · {unread} 条未读").format(
                sources=subscribed, unread=directory.total_unread
            )
        )

    def _data_changed(self, changes: Changes) -> None:
        if changes.items or changes.sources:
            self._runner.run(self._service.directory, lambda d: self._set_directory(d))
        if changes.sources:
            self.apply_filter()
        if changes.items:
            # new items reach the search index in the background, so searches stay instant
            QTimer.singleShot(0, self, self._index_in_background)
        if changes.saved_searches:
            self.search.reload_saved()

    def _index_in_background(self) -> None:
        search = self._search
        self._runner.run(lambda: search.index_pending(5_000), None, write=True)

    def catch_up_index(self) -> None:
        """After start-up: index what arrived while the app was closed (see IndexUpkeep)."""
        self._index_upkeep.catch_up()

    def _read_ahead(self, value: int) -> None:
        """Ask for the next page (in the background) two screens before the end, so a user
        scrolling down rarely reaches rows that are not there yet."""
        bar = self.list.verticalScrollBar()
        if bar.maximum() - value <= 2 * bar.pageStep() and self.list_model.canFetchMore():
            self.list_model.fetchMore()

    # ----------------------------------------------------------------- views and filters

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

    def select_view(self, n: int) -> None:
        """The n-th view of the sidebar: 0 all sources, then its groups (the top-level rows).
        (It used to look for the groups under "all sources", where there are none.)"""
        view = self.tree_model.index(n, 0)
        if view.isValid():
            self.search.close()
            self.tree.setCurrentIndex(view)

    def apply_filter(self) -> None:
        """Show the chosen sources through the filter bar's filters (the first page is queried
        in the background, except in :meth:`load`)."""
        flt = self.filters.view_filter(self._current_source_ids)
        if self._loading_now:
            self.list_model.load(flt)
        else:
            self.list_model.set_filter(flt)
        self._close_reader()

    def active_view(self) -> QTableView:
        return self.search.results if self.search.showing else self.list

    def _search_shown(self, showing: bool) -> None:
        self.stack.setCurrentIndex(1 if showing else 0)
        if not showing:
            self.list.setFocus()

    def toggle_group(self) -> None:
        if not self.search.showing and self.list.currentIndex().isValid():
            self.list_model.toggle_expanded(self.list.currentIndex().row())

    # ----------------------------------------------------------------- reading

    def _item_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._open_by_id(str(current.data(ItemRole.ID)))

    def _open_by_id(self, item_id: str) -> None:
        detail = self._service.detail(item_id)  # one row by primary key
        if detail is None:
            self._close_reader()
            return
        self.show_detail(detail)

    def _close_reader(self) -> None:
        self._current = None
        self.reader.show_placeholder()
        self.toolbar.clear()

    def show_detail(self, detail: ItemDetail) -> None:
        """Show ``detail``, name its group's other copies, and mark it (and them) read."""
        self._current = detail
        self.reader.show_item(detail)
        self.toolbar.show_item(detail)
        folding, item_id = self._folding, detail.id
        self._runner.run(
            lambda: (item_id, folding.group(item_id), folding.differences(item_id)), self._show_group
        )
        if not detail.is_read:
            service = self._service
            self.write_flags(lambda: service.set_read([item_id], True, with_group=True))

    def _show_group(self, answer: tuple[str, list[GroupMember], list[DuplicatePair]]) -> None:
        item_id, members, differences = answer
        if self._current is None or self._current.id != item_id:
            return  # the user moved on while this was loading
        self._differences = differences
        self.toolbar.show_group(item_id, members, bool(differences))

    def _open_member(self, item_id: str) -> None:
        """Another account's copy, from the "also published by" line (the line stays)."""
        detail = self._service.detail(item_id)
        if detail is not None:
            self.reader.show_item(detail)
            self._current = detail

    def _show_differences(self) -> None:
        self.reader.setHtml(differences_html(self._differences))

    # ----------------------------------------------------------------- read and star

    def selected_ids(self) -> list[str]:
        rows = {index.row() for index in self.list.selectionModel().selectedRows()}
        return [self.list_model.index(row, 0).data(ItemRole.ID) for row in sorted(rows)]

    def _targets(self) -> list[str]:
        """The selected rows, else the open item (in search results: the open item)."""
        shown = [self._current.id] if self._current is not None else []
        return shown if self.search.showing else self.selected_ids() or shown

    def toggle_read(self) -> None:
        ids = self._targets()
        if not ids:
            return
        row = self.active_view().currentIndex()
        read = not bool(row.data(ItemRole.IS_READ)) if row.isValid() else True
        service = self._service
        self.write_flags(lambda: service.set_read(ids, read, with_group=True))

    def toggle_star(self) -> None:
        ids = self._targets()
        if not ids:
            return
        row = self.list.currentIndex()
        if not self.search.showing and row.isValid():
            starred = not row.data(ItemRole.IS_STARRED)
        else:
            starred = not (self._current is not None and self._current.is_starred)
        service = self._service
        self.write_flags(lambda: service.set_starred(ids, starred))

    def write_flags(
        self,
        command: Callable[[], FlagChange],
        then: Callable[[FlagChange], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """The one read/star path of the inbox: the service ``command`` writes in the
        background; what it changed is shown in the list, the search results and the reader's
        tool bar, and announced on the bus; then ``then(change)``."""

        def done(change: FlagChange) -> None:
            self._show_flags(change)
            self._bus.announce(change.changes)
            if then is not None:
                then(change)

        self._runner.run(command, done, failed or self.commands.failed, write=True)

    def _show_flags(self, change: FlagChange) -> None:
        ids = list(change.item_ids)
        self.list_model.apply_flags(ids, read=change.read, starred=change.starred)
        if change.read is not None:
            self.search.mark_read(ids, change.read)
        current = self._current
        if change.starred is not None and current is not None and current.id in change.item_ids:
            self._current = replace(current, is_starred=change.starred)
            self.toolbar.show_starred(change.starred)

    def mark_all_read(self) -> None:
        """Every unread item of the view read (folded: with their copies elsewhere, as opening one
        does); Ctrl+Z undoes it."""
        flt, service = self.list_model.current_filter, self._service
        self.filters.marking_all()

        def done(change: FlagChange) -> None:
            self._undo_ids = change.item_ids
            self.filters.marked_all(len(change.item_ids))
            self._bus.status_message.emit(self.tr("已将 {n} 条消息标为已读").format(n=len(change.item_ids)))

        def failed(exc: BaseException) -> None:
            self.filters.marked_all(0)
            self.commands.failed(exc)

        self.write_flags(lambda: service.mark_view_read(flt), done, failed)

    def undo_mark_all(self) -> None:
        ids, self._undo_ids = list(self._undo_ids), ()
        if not ids:
            return
        self.filters.withdraw_undo()
        service = self._service

        def done(_change: FlagChange) -> None:
            self._bus.status_message.emit(self.tr("已撤销：{n} 条消息恢复为未读").format(n=len(ids)))

        self.write_flags(lambda: service.set_read(ids, False), done)
