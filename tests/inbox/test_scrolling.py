"""Scrolling the inbox never waits for SQL: pages past the first load in the background, arrive
in order and complete, pages of an old filter are dropped, and keyboard navigation that runs
past the loaded rows finishes when the next page arrives."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import update

from cadre_desk.services.folding import FoldingService
from cadre_desk.services.inbox import PAGE_SIZE, InboxFilter, InboxRow, InboxService
from cadre_desk.services.item_actions import ItemActions
from cadre_desk.services.rules import RulesService
from cadre_desk.services.search import SearchService
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.inbox.item_list_model import ItemListModel, ItemRole
from cadre_desk.ui.inbox.page import InboxPage, InboxTools
from tests.factories import add_items, add_source

Mode = QAbstractItemModelTester.FailureReportingMode


class RecordingInbox(InboxService):
    """The real service, noting which thread asked for each page."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.threads: list[threading.Thread] = []

    def page(self, *args: Any, **kwargs: Any) -> list[InboxRow]:
        self.threads.append(threading.current_thread())
        return super().page(*args, **kwargs)


@pytest.fixture
def runner(qtbot: Any) -> Iterator[BackgroundRunner]:
    errors: list[BaseException] = []
    background = BackgroundRunner(errors.append)
    yield background
    background.wait_idle()
    QApplication.processEvents()
    assert errors == []


def ids_of(model: ItemListModel) -> list[str]:
    return [model.index(r, 0).data(ItemRole.ID) for r in range(model.rowCount())]


def test_pages_after_the_first_load_off_the_gui_thread(
    qtbot: Any, db: Database, runner: BackgroundRunner
) -> None:
    source = add_source(db)
    ids = add_items(db, source, PAGE_SIZE * 2 + 17)  # newest first
    service = RecordingInbox(db)
    model = ItemListModel(service, folding=FoldingService(db), runner=runner)
    QAbstractItemModelTester(model, Mode.Fatal)
    model.load(InboxFilter())  # the window opens with its first page
    assert model.rowCount() == PAGE_SIZE
    model.fetchMore()
    assert model.fetching and not model.canFetchMore()  # one page in flight at a time
    model.fetchMore()  # ignored while one is loading
    assert model.rowCount() == PAGE_SIZE  # returned at once: the rows come later
    with qtbot.waitSignal(model.page_loaded, timeout=30_000):
        pass
    assert model.rowCount() == PAGE_SIZE * 2 and model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: not model.fetching, timeout=30_000)
    assert ids_of(model) == ids  # newest first, complete across page boundaries, no duplicates
    assert not model.canFetchMore()
    gui = threading.current_thread()
    # The first page on the GUI thread (the window opens with it), the next two in the
    # background, and no other query: the tester's fetchMore() before load() used to start a
    # background page that raced the first one (and was then dropped).
    assert len(service.threads) == 3
    assert service.threads[0] is gui and all(t is not gui for t in service.threads[1:])


def test_a_model_without_a_filter_yet_queries_nothing(
    qtbot: Any, db: Database, runner: BackgroundRunner
) -> None:
    """Before the first load() a view asking for more rows (on being shown, or the tester at
    once) gets none: no background query of the whole inbox for a page that would be dropped."""
    source = add_source(db)
    add_items(db, source, PAGE_SIZE + 5)
    service = RecordingInbox(db)
    model = ItemListModel(service, folding=FoldingService(db), runner=runner)
    QAbstractItemModelTester(model, Mode.Fatal)  # calls fetchMore() itself
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert not model.canFetchMore() and not model.fetching
    runner.wait_idle()
    QApplication.processEvents()
    assert service.threads == [] and model.rowCount() == 0
    model.load(InboxFilter())
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    assert service.threads == [threading.current_thread()]


def test_a_page_for_an_old_filter_is_dropped(qtbot: Any, db: Database, runner: BackgroundRunner) -> None:
    source = add_source(db)
    ids = add_items(db, source, PAGE_SIZE * 2, read_every=2)
    model = ItemListModel(InboxService(db), runner=runner)
    QAbstractItemModelTester(model, Mode.Fatal)
    model.load(InboxFilter())
    model.fetchMore()
    with qtbot.waitSignal(model.page_loaded, timeout=30_000):  # the new filter's first page
        model.set_filter(InboxFilter(unread_only=True))  # while the page of the old filter loads
        assert model.fetching and not model.canFetchMore()  # no page of the old rows meanwhile
    runner.wait_idle()  # the stale page has been handed to the GUI thread...
    QApplication.processEvents()  # ...is delivered here, and must be ignored
    unread = [item_id for n, item_id in enumerate(ids) if n % 2]
    assert ids_of(model) == unread[:PAGE_SIZE]
    assert model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: not model.fetching, timeout=30_000)
    assert ids_of(model) == unread


def test_a_filter_change_queries_off_the_gui_thread(
    qtbot: Any, db: Database, runner: BackgroundRunner
) -> None:
    source = add_source(db)
    ids = add_items(db, source, 30, read_every=3)
    service = RecordingInbox(db)
    model = ItemListModel(service, folding=FoldingService(db), runner=runner)
    QAbstractItemModelTester(model, Mode.Fatal)
    model.load(InboxFilter())
    assert ids_of(model) == ids
    gui = threading.current_thread()
    service.threads.clear()
    # two changes in a row: only the last one's rows are shown, whatever order they arrive in
    with qtbot.waitSignal(model.page_loaded, timeout=30_000):
        model.set_filter(InboxFilter(source_ids=("no-such-source",)))
        model.set_filter(InboxFilter(unread_only=True))
        assert ids_of(model) == ids  # the rows shown stay until the new ones arrive
    runner.wait_idle()
    QApplication.processEvents()  # whichever page came last is delivered by now
    assert ids_of(model) == [item_id for n, item_id in enumerate(ids) if n % 3]
    assert len(service.threads) == 2 and gui not in service.threads


@pytest.fixture
def page(qtbot: Any, db: Database, runner: BackgroundRunner) -> InboxPage:
    tools = InboxTools(SearchService(db), RulesService(db), FoldingService(db), ItemActions(db))
    widget = InboxPage(InboxService(db), runner, DataBus(), tools=tools)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    return widget


def test_keyboard_past_the_loaded_rows_waits_for_the_next_page(
    qtbot: Any, db: Database, page: InboxPage
) -> None:
    source = add_source(db)
    ids = add_items(db, source, PAGE_SIZE + 30)
    with db.session() as session:  # everything read except one item on the second page
        session.execute(update(Item).values(is_read=True, **db.stamp_columns()))
        session.execute(
            update(Item).where(Item.id == ids[PAGE_SIZE + 20]).values(is_read=False, **db.stamp_columns())
        )
    page.load()
    page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=20_000)
    page.list.setFocus()
    model = page.list_model
    assert model.rowCount() == PAGE_SIZE
    page.list.setCurrentIndex(model.index(PAGE_SIZE - 1, 0))
    qtbot.keyClick(page.list, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: page.list.currentIndex().row() == PAGE_SIZE, timeout=30_000)
    assert page.list.currentIndex().data(ItemRole.ID) == ids[PAGE_SIZE]

    page.list.setCurrentIndex(model.index(0, 0))
    page.navigator.next_unread()  # the only unread item is not loaded yet (if the view has not
    qtbot.waitUntil(  # fetched it already): found when its page arrives
        lambda: page.list.currentIndex().data(ItemRole.ID) == ids[PAGE_SIZE + 20], timeout=30_000
    )


def test_the_page_changes_filter_off_the_gui_thread(
    qtbot: Any, db: Database, runner: BackgroundRunner
) -> None:
    source = add_source(db)
    ids = add_items(db, source, 40, read_every=2)
    service = RecordingInbox(db)
    tools = InboxTools(SearchService(db), RulesService(db), FoldingService(db), ItemActions(db))
    page = InboxPage(service, runner, DataBus(), tools=tools)
    qtbot.addWidget(page)
    page.load()
    page.show()
    gui = threading.current_thread()
    assert service.threads == [gui]  # the window opens with its first page
    assert ids_of(page.list_model) == ids
    with qtbot.waitSignal(page.list_model.page_loaded, timeout=30_000):
        page.filters.unread_only.setChecked(True)
    assert ids_of(page.list_model) == [item_id for n, item_id in enumerate(ids) if n % 2]
    with qtbot.waitSignal(page.list_model.page_loaded, timeout=30_000):
        page.select_view(1)  # a group of the sidebar
    assert len(service.threads) == 3 and gui not in service.threads[1:]
    assert page.list_model.rowCount() == 20
