"""Search in the inbox: the search box, the highlighted results, and the smart folders (saved
searches). Three widgets the page places where it wants them (``box`` above the list,
``results_page`` stacked over the list, ``folders`` under the sources), given what to call
when results are shown or left, when a result is chosen, and when something fails."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.errors import CadreError
from cadre_desk.services.search import SearchResult, SearchService
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.inbox.item_list_model import ItemRole
from cadre_desk.ui.inbox.search_model import (
    HighlightDelegate,
    SavedSearchModel,
    SearchColumn,
    SearchResultsModel,
)


class SearchPanel(QObject):
    def __init__(
        self,
        search: SearchService,
        runner: BackgroundRunner,
        *,
        on_shown: Callable[[bool], None],
        on_result: Callable[[str], None],
        on_error: Callable[[BaseException], None],
        parent: QWidget,
    ) -> None:
        """``on_shown(True)`` when results are to be shown, ``on_shown(False)`` when left;
        ``on_result(item id)`` when a result is chosen; ``on_error`` for a failed search or save."""
        super().__init__(parent)
        self._search = search
        self._runner = runner
        self._on_shown = on_shown
        self._on_result = on_result
        self._on_error = on_error
        self._parent = parent
        self._text = ""  # the query whose results are shown
        self.showing = False

        self.box = QLineEdit()
        self.box.setPlaceholderText(
            self.tr("搜索标题、正文、作者、来源（/）  例：填报 来源:城关镇 after:2026-11-01")
        )
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName(self.tr("搜索"))
        self.box.returnPressed.connect(lambda: self.run())

        self.results_model = SearchResultsModel(self)
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
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.save_button = QPushButton(self.tr("保存为智能文件夹"))
        self.save_button.clicked.connect(self.save_current)
        self.leave_button = QPushButton(self.tr("返回收件箱"))
        self.leave_button.clicked.connect(self.close)
        self.results_page = QWidget()
        results_layout = QVBoxLayout(self.results_page)
        results_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.leave_button)
        results_layout.addLayout(bar)
        results_layout.addWidget(self.results)

        self.saved_model = SavedSearchModel(self)
        self.saved = QListView()
        self.saved.setModel(self.saved_model)
        self.saved.setMaximumHeight(110)
        self.saved.setAccessibleName(self.tr("智能文件夹"))
        self.saved.clicked.connect(self._saved_clicked)
        self.saved.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        delete_saved = QAction(self.tr("删除这个智能文件夹"), self.saved)
        delete_saved.triggered.connect(self._delete_saved)
        self.saved.addAction(delete_saved)
        self.folders = QWidget()
        folders_layout = QVBoxLayout(self.folders)
        folders_layout.setContentsMargins(0, 0, 0, 0)
        folders_layout.addWidget(QLabel(self.tr("<b>智能文件夹</b>")))
        folders_layout.addWidget(self.saved)
        self.reload_saved()

    # ----------------------------------------------------------------- searching

    def focus(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def run(self, text: str | None = None) -> None:
        """Search for ``text`` (else the box's text) in the background and show the results."""
        if text is not None:
            self.box.setText(text)
        query = self.box.text()
        if not query.strip():
            self.close()
            return
        self._text = query
        self.heading.setText(self.tr("正在搜索“{q}”…").format(q=html.escape(query)))
        self.showing = True
        self._on_shown(True)
        search = self._search
        self._runner.run(lambda: search.search(query), self._show, self._on_error)

    def _show(self, result: SearchResult) -> None:
        self.results_model.set_result(result)
        count = len(result.hits)
        heading = self.tr("“{q}”：{n} 条结果").format(q=html.escape(self._text), n=count)
        if result.truncated:
            heading += self.tr("（匹配太多，只列出最新的 {n} 条）").format(n=count)
        if result.pending:
            heading += self.tr("（还有 {n} 条新消息正在建立索引）").format(n=result.pending)
        if result.query.warnings:
            heading += (
                "<br><span style='color:#b45309'>" + html.escape("；".join(result.query.warnings)) + "</span>"
            )
        self.heading.setText(heading)
        if count:
            self.results.setCurrentIndex(self.results_model.index(0, 0))
            self.results.setFocus()

    def close(self) -> None:
        """Leave the results (the page shows its list again)."""
        if not self.showing:
            return
        self.showing = False
        self.results_model.set_result(None)
        self.saved.clearSelection()
        self._on_shown(False)

    def _result_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._on_result(str(current.data(ItemRole.ID)))

    def current_item_id(self) -> str | None:
        index = self.results.currentIndex()
        return str(index.data(ItemRole.ID)) if index.isValid() else None

    def current_is_read(self) -> bool | None:
        index = self.results.currentIndex()
        return bool(index.data(ItemRole.IS_READ)) if index.isValid() else None

    def mark_read(self, item_ids: Iterable[str], read: bool) -> None:
        """Reflect read state written elsewhere (the page's one read path) in the results."""
        for item_id in item_ids:
            self.results_model.mark_read(item_id, read)

    # ----------------------------------------------------------------- smart folders

    def save_current(self) -> None:
        if not self._text:
            return
        name, ok = QInputDialog.getText(
            self._parent, self.tr("保存为智能文件夹"), self.tr("名称："), text=self._text
        )
        if not ok:
            return
        try:
            self._search.save_search(name, self._text)
        except CadreError as exc:
            self._on_error(exc)
            return
        self.reload_saved()

    def reload_saved(self) -> None:
        rows = self._search.saved_searches()
        self.saved_model.set_rows(rows)
        self.folders.setVisible(bool(rows))

    def _saved_clicked(self, index: QModelIndex) -> None:
        self.run(str(index.data(SavedSearchModel.QUERY)))

    def _delete_saved(self) -> None:
        index = self.saved.currentIndex()
        if index.isValid():
            self._search.delete_saved_search(str(index.data(SavedSearchModel.ID)))
            self.reload_saved()
