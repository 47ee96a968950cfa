"""Moving through the inbox from the keyboard: j/k, space (page the reader, then the next
unread item), with rows that are still loading in the background.

A move past the loaded rows asks for the next page and, while it is on its way, waits for it:
the move (or the search for the next unread item) is finished when the page arrives, and
forgotten when the list is reset.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractScrollArea, QTableView

from cadre_desk.ui.inbox.item_list_model import ItemListModel, ItemRole


class KeyboardNavigator:
    def __init__(
        self,
        item_list: QTableView,
        list_model: ItemListModel,
        reader: QAbstractScrollArea,
        active_view: Callable[[], QTableView],
        reading: Callable[[], bool],
    ) -> None:
        """``active_view()``: the item list or the search results; ``reading()``: an item is open
        in ``reader`` (space pages it before moving on)."""
        self._list = item_list
        self._list_model = list_model
        self._reader = reader
        self._active_view = active_view
        self._reading = reading
        # a move that reached the end of the loaded rows, resumed when a page arrives
        self._waiting_step = 0
        self._waiting_unread = False
        list_model.page_loaded.connect(self._page_loaded)
        list_model.modelReset.connect(self._forget_waiting)

    def move(self, step: int) -> None:
        view = self._active_view()
        model = view.model()
        self._waiting_step = 0
        row = view.currentIndex().row() + step if view.currentIndex().isValid() else 0
        if step > 0 and row >= model.rowCount():
            if model.canFetchMore(QModelIndex()):
                model.fetchMore(QModelIndex())
            if row >= model.rowCount() and self._page_on_its_way(view):
                self._waiting_step = step
                return
        if 0 <= row < model.rowCount():
            view.setCurrentIndex(model.index(row, 0))
            view.scrollTo(model.index(row, 0))

    def space(self) -> None:
        bar = self._reader.verticalScrollBar()
        if self._reading() and bar.value() < bar.maximum():
            bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
            return
        self.next_unread()

    def next_unread(self) -> None:
        view = self._active_view()
        model = view.model()
        self._waiting_unread = False
        start = view.currentIndex().row() + 1 if view.currentIndex().isValid() else 0
        row = start
        while True:
            if row >= model.rowCount():
                if self._page_on_its_way(view):
                    self._waiting_unread = True
                    return
                if not model.canFetchMore(QModelIndex()):
                    return
                model.fetchMore(QModelIndex())
                if row >= model.rowCount():
                    self._waiting_unread = self._page_on_its_way(view)
                    return
            if not model.index(row, 0).data(ItemRole.IS_READ):
                view.setCurrentIndex(model.index(row, 0))
                view.scrollTo(model.index(row, 0))
                return
            row += 1

    def _page_on_its_way(self, view: QTableView) -> bool:
        return view is self._list and self._list_model.fetching

    def _forget_waiting(self) -> None:
        self._waiting_step, self._waiting_unread = 0, False

    def _page_loaded(self) -> None:
        """A page loaded in the background: finish the j/↓ or space that was waiting for it."""
        if self._active_view() is not self._list:
            self._waiting_step, self._waiting_unread = 0, False
            return
        if self._waiting_step:
            self.move(self._waiting_step)
        elif self._waiting_unread:
            self.next_unread()
