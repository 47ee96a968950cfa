"""The inbox's working layer: search box and highlighted results, smart folders, filters,
duplicate groups, reader actions, mark-all-read with undo, rules, and the keyboard flow.

It attaches to an :class:`InboxPage` (which stays a plain sources/list/reader screen) so the
page's own code stays small. Keys: j/k or ↓/↑ next/previous, space pages the reader then
moves to the next unread, m read/unread, s star, t make task, l log an operation, o open the
original, / search, Esc leave search, Alt+1…9 the first nine views of the sidebar,
Shift+A mark all read (Ctrl+Z undoes it).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.analysis.details import DuplicatePair
from cadre_desk.services.folding import FoldingService, GroupMember
from cadre_desk.services.inbox import InboxFilter, ItemDetail
from cadre_desk.services.item_actions import ItemActions
from cadre_desk.services.rules import RulesService
from cadre_desk.services.search import SearchResult, SearchService
from cadre_desk.ui.flow_layout import FlowLayout
from cadre_desk.ui.inbox.group_diff import differences_html
from cadre_desk.ui.inbox.host import InboxHost
from cadre_desk.ui.inbox.index_upkeep import IndexUpkeep
from cadre_desk.ui.inbox.item_dialogs import LogOperationDialog, MakeTaskDialog, date_range
from cadre_desk.ui.inbox.item_list_model import ItemRole, short_time
from cadre_desk.ui.inbox.keyboard_navigation import KeyboardNavigator
from cadre_desk.ui.inbox.search_model import (
    HighlightDelegate,
    SavedSearchModel,
    SearchColumn,
    SearchResultsModel,
)

_SHOW_DIFFERENCES = "compare:"  # the link under the reader that shows a group's differences


@dataclass(frozen=True)
class InboxTools:
    search: SearchService
    rules: RulesService
    folding: FoldingService
    actions: ItemActions


PERIODS = (
    ("all", QT_TRANSLATE_NOOP("InboxWorkflow", "全部时间")),
    ("today", QT_TRANSLATE_NOOP("InboxWorkflow", "今天")),
    ("week", QT_TRANSLATE_NOOP("InboxWorkflow", "最近 7 天")),
    ("month", QT_TRANSLATE_NOOP("InboxWorkflow", "最近 30 天")),
    ("older", QT_TRANSLATE_NOOP("InboxWorkflow", "30 天以前")),
)


class InboxWorkflow(QObject):
    def __init__(self, page: InboxHost, tools: InboxTools, parent: QObject) -> None:
        super().__init__(parent)
        self.page = page
        self.tools = tools
        self._runner = page.runner
        self._bus = page.bus
        self._index_upkeep = IndexUpkeep(tools.search, self._runner, page.status_changed.emit, self)
        self._current: ItemDetail | None = None
        self._differences: list[DuplicatePair] = []  # of the open item's group (see _show_group)
        self._undo_ids: list[str] = []
        self._search_text = ""
        # keyboard navigation that reached the end of the loaded rows, resumed when a page arrives
        self.navigator = KeyboardNavigator(page, self.active_view, lambda: self._current is not None)

        # --- search box above everything in the middle column
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(
            self.tr("搜索标题、正文、作者、来源（/）  例：填报 来源:城关镇 after:2026-11-01")
        )
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(self.tr("搜索"))
        self.search_box.returnPressed.connect(self.run_search)
        page.middle_layout.insertWidget(0, self.search_box)

        # --- filter bar (next to the lead's 只看未读)
        self.starred_only = QCheckBox(self.tr("星标"))
        self.has_task = QCheckBox(self.tr("有任务"))
        self.fold = QCheckBox(self.tr("折叠重复"))
        self.fold.setChecked(True)
        self.fold.setToolTip(self.tr("同一通知被多个账号转发时只显示一行"))
        self.period = QComboBox()
        for key, text in PERIODS:
            self.period.addItem(QCoreApplication.translate("InboxWorkflow", text), key)
        self.mark_all = QPushButton(self.tr("全部已读"))
        self.mark_all.setToolTip(self.tr("把当前视图中的未读消息全部标为已读（Shift+A，可撤销）"))
        self.undo_button = QPushButton(self.tr("撤销"))
        self.undo_button.setVisible(False)
        for widget in (self.starred_only, self.has_task, self.fold):
            widget.toggled.connect(lambda _on: page.apply_filter())
            page.top_bar.addWidget(widget)
        self.period.currentIndexChanged.connect(lambda _i: page.apply_filter())
        page.top_bar.addWidget(self.period)
        self.sort = QComboBox()
        self.sort.addItem(self.tr("按时间"), "time")
        self.sort.addItem(self.tr("按来源"), "source")
        self.sort.setAccessibleName(self.tr("排序"))
        self.sort.currentIndexChanged.connect(lambda _i: page.apply_filter())
        page.top_bar.addWidget(self.sort)
        page.top_bar.addWidget(self.mark_all)
        page.top_bar.addWidget(self.undo_button)
        self.mark_all.clicked.connect(self.mark_all_read)
        self.undo_button.clicked.connect(self.undo_mark_all)

        # --- results view stacked over the list
        self.results_model = SearchResultsModel(page)
        self.results = QTableView()
        self.results.setModel(self.results_model)
        self.results.setItemDelegateForColumn(SearchColumn.TITLE, HighlightDelegate(self.results))
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setShowGrid(False)
        self.results.setWordWrap(False)
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.results.verticalHeader().setDefaultSectionSize(52)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(SearchColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(SearchColumn.SOURCE, 150)
        header.resizeSection(SearchColumn.PUBLISHED, 110)
        header.setHighlightSections(False)
        self.results.setAccessibleName(self.tr("搜索结果"))
        self.results.selectionModel().currentRowChanged.connect(self._result_changed)
        self.results_heading = QLabel()
        self.save_search = QPushButton(self.tr("保存为智能文件夹"))
        self.save_search.clicked.connect(self.save_current_search)
        self.leave_search = QPushButton(self.tr("返回收件箱"))
        self.leave_search.clicked.connect(self.close_search)
        results_page = QWidget()
        results_layout = QVBoxLayout(results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.results_heading, 1)
        bar.addWidget(self.save_search)
        bar.addWidget(self.leave_search)
        results_layout.addLayout(bar)
        results_layout.addWidget(self.results)
        self.stack = QStackedWidget()
        page.middle_layout.replaceWidget(page.list, self.stack)
        self.stack.addWidget(page.list)
        self.stack.addWidget(results_page)

        # --- smart folders and rules under the sources tree
        self.saved_model = SavedSearchModel(page)
        self.saved = QListView()
        self.saved.setModel(self.saved_model)
        self.saved.setMaximumHeight(110)
        self.saved.setAccessibleName(self.tr("智能文件夹"))
        self.saved.clicked.connect(self._saved_clicked)
        self.saved.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        delete_saved = QAction(self.tr("删除这个智能文件夹"), self.saved)
        delete_saved.triggered.connect(self._delete_saved)
        self.saved.addAction(delete_saved)
        self.saved_label = QLabel(self.tr("<b>智能文件夹</b>"))
        self.rules_button = QPushButton(self.tr("消息规则…"))
        self.rules_button.clicked.connect(self.open_rules)
        page.left_layout.addWidget(self.saved_label)
        page.left_layout.addWidget(self.saved)
        page.left_layout.addWidget(self.rules_button)

        # --- reader toolbar and "also published by"
        self.star_button = QToolButton()
        self.task_button = QToolButton()
        self.log_button = QToolButton()
        self.open_button = QToolButton()
        for button, text, slot in (
            (self.star_button, self.tr("☆ 星标"), self.toggle_star),
            (self.task_button, self.tr("建任务"), self.make_task),
            (self.log_button, self.tr("记录操作"), self.log_operation),
            (self.open_button, self.tr("打开原文"), self.open_original),
        ):
            button.setText(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(slot)
        self.also = QLabel()
        self.also.setWordWrap(True)
        self.also.setTextFormat(Qt.TextFormat.RichText)
        self.also.linkActivated.connect(self._open_member)
        self.also.setStyleSheet("color: palette(placeholder-text); padding: 2px 8px;")
        # The buttons wrap onto a second line when the reader pane is narrow (English labels,
        # a 1280-px screen): in a tool bar, 记录操作 and 打开原文 hid behind its » menu.
        toolbar = QWidget()
        toolbar.setObjectName("readerToolbar")
        toolbar_layout = FlowLayout(toolbar, spacing=2)
        toolbar_layout.setContentsMargins(8, 2, 8, 0)
        for button in (self.star_button, self.task_button, self.log_button, self.open_button):
            button.setAutoRaise(True)
            toolbar_layout.addWidget(button)
        reader_box = QWidget()
        reader_layout = QVBoxLayout(reader_box)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(2)
        reader_layout.addWidget(toolbar)
        reader_layout.addWidget(self.also)
        sizes = page.splitter.sizes()
        page.splitter.insertWidget(2, reader_box)
        reader_layout.addWidget(page.reader, 1)  # moves the reader out of the splitter into the box
        page.splitter.setStretchFactor(2, 2)
        page.splitter.setSizes(sizes)
        self._set_reader_enabled(False)

        page.list.doubleClicked.connect(lambda index: self.page.list_model.toggle_expanded(index.row()))
        self._install_keys()
        self._bus.changed.connect(self._data_changed)
        self.reload_saved()

    # ----------------------------------------------------------------- filters

    def refine(self, flt: InboxFilter) -> InboxFilter:
        start, end = date_range(str(self.period.currentData()))
        return replace(
            flt,
            starred_only=self.starred_only.isChecked(),
            has_task=self.has_task.isChecked(),
            fold_duplicates=self.fold.isChecked(),
            date_from=start,
            date_to=end,
            sort=str(self.sort.currentData()),
        )

    # ----------------------------------------------------------------- keyboard

    def _install_keys(self) -> None:
        page = self.page
        bindings: list[tuple[str, str, Any]] = [
            ("J", QT_TRANSLATE_NOOP("InboxWorkflow", "下一条"), lambda: self.move(1)),
            ("K", QT_TRANSLATE_NOOP("InboxWorkflow", "上一条"), lambda: self.move(-1)),
            ("Space", QT_TRANSLATE_NOOP("InboxWorkflow", "翻页/下一条未读"), self.space),
            ("T", QT_TRANSLATE_NOOP("InboxWorkflow", "建任务"), self.make_task),
            ("L", QT_TRANSLATE_NOOP("InboxWorkflow", "记录操作"), self.log_operation),
            ("O", QT_TRANSLATE_NOOP("InboxWorkflow", "打开原文"), self.open_original),
            ("X", QT_TRANSLATE_NOOP("InboxWorkflow", "展开/收起重复"), self.toggle_group),
            ("/", QT_TRANSLATE_NOOP("InboxWorkflow", "搜索"), self.focus_search),
            ("Esc", QT_TRANSLATE_NOOP("InboxWorkflow", "返回收件箱"), self.close_search),
            ("Shift+A", QT_TRANSLATE_NOOP("InboxWorkflow", "全部标为已读"), self.mark_all_read),
            ("Ctrl+Z", QT_TRANSLATE_NOOP("InboxWorkflow", "撤销全部已读"), self.undo_mark_all),
        ]
        view = QT_TRANSLATE_NOOP("InboxWorkflow", "切换到第 {n} 个视图")
        bindings += [(f"Alt+{n}", view, lambda n=n: self.select_view(n - 1)) for n in range(1, 10)]
        self.actions: dict[str, QAction] = {}
        for key, text, slot in bindings:
            title = QCoreApplication.translate("InboxWorkflow", text)
            action = QAction(title.format(n=key[4:]) if key.startswith("Alt+") else title, page)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            page.addAction(action)
            self.actions[key] = action
        # m and s come from the page; in search results they act on the shown item
        page.toggle_star_action.triggered.disconnect()
        page.toggle_star_action.triggered.connect(self.toggle_star)
        page.toggle_read_action.triggered.disconnect()
        page.toggle_read_action.triggered.connect(self.toggle_read)

    def toggle_group(self) -> None:
        if self.stack.currentIndex() == 0 and self.page.list.currentIndex().isValid():
            self.page.list_model.toggle_expanded(self.page.list.currentIndex().row())

    def active_view(self) -> QTableView:
        return self.results if self.stack.currentIndex() == 1 else self.page.list

    def move(self, step: int) -> None:
        self.navigator.move(step)

    def space(self) -> None:
        self.navigator.space()

    def next_unread(self) -> None:
        self.navigator.next_unread()

    def select_view(self, n: int) -> None:
        tree = self.page.tree
        model = self.page.tree_model
        views = [model.index(0, 0)]
        top = model.index(0, 0)
        views += [model.index(r, 0, top) for r in range(model.rowCount(top))]
        if 0 <= n < len(views) and views[n].isValid():
            self.close_search()
            tree.setCurrentIndex(views[n])

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # ----------------------------------------------------------------- reading

    def _set_reader_enabled(self, enabled: bool) -> None:
        for button in (self.star_button, self.task_button, self.log_button, self.open_button):
            button.setEnabled(enabled)
        if not enabled:
            self.also.setVisible(False)

    def opened(self, detail: ItemDetail) -> None:
        """The page showed ``detail``: mark it (and its duplicates) read, fill the toolbar."""
        self._current = detail
        self._set_reader_enabled(True)
        self.open_button.setEnabled(bool(detail.url))
        self.star_button.setText(self.tr("★ 已加星") if detail.is_starred else self.tr("☆ 星标"))
        folding = self.tools.folding
        self._runner.run(
            lambda: (detail.id, folding.group(detail.id), folding.differences(detail.id)), self._show_group
        )
        if not detail.is_read:
            self.page.write_flags([detail.id], read=True, with_group=True, then=self._marked_read)

    def _marked_read(self, ids: list[str]) -> None:
        for item_id in ids:
            self.results_model.mark_read(item_id)

    def _show_group(self, answer: tuple[str, list[GroupMember], list[DuplicatePair]]) -> None:
        item_id, members, self._differences = answer
        current = self._current
        if current is None or current.id != item_id:
            return  # the user moved on while this was loading
        others = [m for m in members if m.item_id != current.id]
        if not others:
            self.also.setVisible(False)
            return
        links = "、".join(
            f'<a href="{m.item_id}">{html.escape(m.source_name)}</a> {short_time(m.published_at)}'
            for m in others[:12]
        )
        more = self.tr(" 等 {n} 条").format(n=len(others)) if len(others) > 12 else ""
        if self._differences:  # the copies differ beyond repost furniture: offer the comparison
            compare = html.escape(self.tr("内容有差异，查看对比"))
            more += f' · <a href="{_SHOW_DIFFERENCES}">{compare}</a>'
        self.also.setText(self.tr("同时发布：") + links + more)
        self.also.setVisible(True)

    def _open_member(self, item_id: str) -> None:
        if item_id == _SHOW_DIFFERENCES:
            self.page.reader.setHtml(differences_html(self._differences))
            return
        detail = self.page.service.detail(item_id)
        if detail is not None:
            self.page.reader.show_item(detail)
            self._current = detail

    def _result_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        detail = self.page.service.detail(current.data(ItemRole.ID))
        if detail is not None:
            self.page.show_detail(detail)

    # ----------------------------------------------------------------- item actions

    def _targets(self) -> list[str]:
        if self.stack.currentIndex() == 1:
            return [self._current.id] if self._current else []
        return self.page.selected_ids() or ([self._current.id] if self._current else [])

    def toggle_star(self) -> None:
        ids = self._targets()
        if not ids:
            return
        starred = not (self._current.is_starred if self._current else False)
        if self.stack.currentIndex() == 0:
            row = self.page.list.currentIndex().row()
            starred = not self.page.list_model.index(row, 0).data(ItemRole.IS_STARRED)

        def done(_changed: list[str]) -> None:
            if self._current is not None and self._current.id in ids:
                self._current = replace(self._current, is_starred=starred)
                self.star_button.setText(self.tr("★ 已加星") if starred else self.tr("☆ 星标"))

        self.page.write_flags(ids, starred=starred, then=done)

    def toggle_read(self) -> None:
        ids = self._targets()
        if not ids:
            return
        row = self.active_view().currentIndex()
        read = not bool(row.data(ItemRole.IS_READ)) if row.isValid() else True

        def done(changed: list[str]) -> None:
            for item_id in changed:
                self.results_model.mark_read(item_id, read)

        self.page.write_flags(ids, read=read, with_group=True, then=done)

    def make_task(self) -> None:
        if self._current is None:
            return
        detail = self._current
        dialog = MakeTaskDialog(detail.title, self.page)
        if dialog.exec() != MakeTaskDialog.DialogCode.Accepted:
            return
        title, due, priority = dialog.title.text(), dialog.due_at(), int(dialog.priority.currentData())
        notes = dialog.notes.toPlainText() or None
        self._runner.run(
            lambda: self.tools.actions.make_task(detail.id, title, due, priority, notes),
            lambda _id: self._done(self.tr("已创建任务：{title}").format(title=title), Changes(tasks=True)),
            self._failed,
            write=True,
        )

    def log_operation(self) -> None:
        if self._current is None:
            return
        detail = self._current
        dialog = LogOperationDialog(detail.title, self.page)
        if dialog.exec() != LogOperationDialog.DialogCode.Accepted:
            return
        kind, minutes, note = dialog.operation(), dialog.minutes.value(), dialog.note.text()
        self._runner.run(
            lambda: self.tools.actions.log_operation(detail.id, kind, minutes, note),
            lambda _id: self._done(
                self.tr("已记录操作（{m} 分钟）").format(m=f"{minutes:.0f}"), Changes(operation_logs=True)
            ),
            self._failed,
            write=True,
        )

    def open_original(self) -> None:
        if self._current is not None and self._current.url:
            QDesktopServices.openUrl(QUrl(self._current.url))

    def _done(self, message: str, changes: Changes) -> None:
        self._bus.status_message.emit(message)
        self._bus.announce(changes)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CadreError):
            QMessageBox.warning(self.page, self.tr("未完成"), f"{exc.user_message}\n{exc.next_step}".strip())
        else:
            raise exc

    # ----------------------------------------------------------------- mark all read

    def mark_all_read(self) -> None:
        flt = self.page.list_model.current_filter
        self.mark_all.setEnabled(False)

        def done(ids: list[str]) -> None:
            self.mark_all.setEnabled(True)
            self._undo_ids = ids
            self.undo_button.setVisible(bool(ids))
            self.undo_button.setText(self.tr("撤销（{n} 条）").format(n=len(ids)))
            self.page.list_model.apply_flags(ids, read=True)
            self._bus.status_message.emit(self.tr("已将 {n} 条消息标为已读").format(n=len(ids)))
            self._bus.announce(Changes(items=True))

        self._runner.run(lambda: self.tools.actions.mark_all_read(flt), done, write=True)

    def undo_mark_all(self) -> None:
        ids = self._undo_ids
        if not ids:
            return
        self._undo_ids = []
        self.undo_button.setVisible(False)

        def done(_result: object) -> None:
            self.page.list_model.apply_flags(ids, read=False)
            self._bus.status_message.emit(self.tr("已撤销：{n} 条消息恢复为未读").format(n=len(ids)))
            self._bus.announce(Changes(items=True))

        self._runner.run(lambda: self.tools.actions.undo_mark_all_read(ids), done, write=True)

    # ----------------------------------------------------------------- search

    def run_search(self, text: str | None = None) -> None:
        query = self.search_box.text() if text is None else text
        if text is not None:
            self.search_box.setText(text)
        if not query.strip():
            self.close_search()
            return
        self._search_text = query
        self.results_heading.setText(self.tr("正在搜索“{q}”…").format(q=html.escape(query)))
        self.stack.setCurrentIndex(1)
        self._runner.run(lambda: self.tools.search.search(query), self._show_results, self._failed)

    def _show_results(self, result: SearchResult) -> None:
        self.results_model.set_result(result)
        count = len(result.hits)
        heading = self.tr("“{q}”：{n} 条结果").format(q=html.escape(self._search_text), n=count)
        if result.truncated:
            heading += self.tr("（匹配太多，只列出最新的 {n} 条）").format(n=count)
        if result.pending:
            heading += self.tr("（还有 {n} 条新消息正在建立索引）").format(n=result.pending)
        if result.query.warnings:
            heading += (
                "<br><span style='color:#b45309'>" + html.escape("；".join(result.query.warnings)) + "</span>"
            )
        self.results_heading.setText(heading)
        if count:
            self.results.setCurrentIndex(self.results_model.index(0, 0))
            self.results.setFocus()

    def close_search(self) -> None:
        if self.stack.currentIndex() == 1:
            self.stack.setCurrentIndex(0)
            self.results_model.set_result(None)
            self.saved.clearSelection()
            self.page.list.setFocus()

    def save_current_search(self) -> None:
        if not self._search_text:
            return
        name, ok = QInputDialog.getText(
            self.page, self.tr("保存为智能文件夹"), self.tr("名称："), text=self._search_text
        )
        if not ok:
            return
        try:
            self.tools.search.save_search(name, self._search_text)
        except CadreError as exc:
            self._failed(exc)
            return
        self.reload_saved()

    def reload_saved(self) -> None:
        rows = self.tools.search.saved_searches()
        self.saved_model.set_rows(rows)
        self.saved_label.setVisible(bool(rows))
        self.saved.setVisible(bool(rows))

    def _saved_clicked(self, index: QModelIndex) -> None:
        self.run_search(str(index.data(SavedSearchModel.QUERY)))

    def _delete_saved(self) -> None:
        index = self.saved.currentIndex()
        if index.isValid():
            self.tools.search.delete_saved_search(str(index.data(SavedSearchModel.ID)))
            self.reload_saved()

    # ----------------------------------------------------------------- rules & refresh

    def open_rules(self) -> None:
        from cadre_desk.ui.inbox.rules_dialog import RulesDialog

        dialog = RulesDialog(self.tools.rules, self._runner, self.page)
        dialog.rules_changed.connect(lambda: self._bus.announce(Changes(items=True, rules=True)))
        dialog.exec()

    def _data_changed(self, changes: Changes) -> None:
        if changes.items:
            # new items reach the index in the background, so searches stay instant
            QTimer.singleShot(0, self, self._index_in_background)
        if changes.saved_searches:
            self.reload_saved()

    def _index_in_background(self) -> None:
        self._runner.run(lambda: self.tools.search.index_pending(5_000), None, write=True)

    def catch_up_index(self) -> None:
        """After start-up: index what arrived while the app was closed (see IndexUpkeep)."""
        self._index_upkeep.catch_up()
