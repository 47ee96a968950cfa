"""What the inbox workflow needs of the screen it attaches to (the inbox page provides it).

The workflow depends on this shape, not on ``page.py``, so the two modules do not import each
other; the page builds the workflow and passes itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QTableView, QTreeView, QVBoxLayout

from cadre_desk.services.inbox import InboxService, ItemDetail
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.flow_layout import FlowLayout
from cadre_desk.ui.inbox.item_list_model import ItemListModel
from cadre_desk.ui.inbox.reader import ReaderView
from cadre_desk.ui.inbox.source_tree_model import SourceTreeModel


class InboxHost(Protocol):
    list: QTableView
    list_model: ItemListModel
    tree: QTreeView
    tree_model: SourceTreeModel
    reader: ReaderView
    splitter: QSplitter
    top_bar: FlowLayout
    left_layout: QVBoxLayout
    middle_layout: QVBoxLayout
    toggle_read_action: QAction
    toggle_star_action: QAction
    status_changed: SignalInstance

    @property
    def service(self) -> InboxService: ...

    @property
    def runner(self) -> BackgroundRunner: ...

    @property
    def bus(self) -> DataBus: ...

    def apply_filter(self) -> None: ...

    def show_detail(self, detail: ItemDetail) -> None: ...

    def selected_ids(self) -> list[str]: ...

    def write_flags(
        self,
        ids: list[str],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        with_group: bool = False,
        then: Callable[[list[str]], None] | None = None,
    ) -> None: ...

    def addAction(self, action: QAction) -> None: ...
