"""The inbox page's parts on their own, each given plain callbacks (no page): filter bar, key
map, reader tool bar, search panel. Real widgets offscreen, real database and runner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QTableView, QWidget

from cadre_desk.services.folding import GroupMember
from cadre_desk.services.inbox import ItemDetail
from cadre_desk.services.search import SearchService
from cadre_desk.storage.database import Database
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.inbox.filter_bar import FilterBar
from cadre_desk.ui.inbox.key_map import KeyBinding, KeyMap
from cadre_desk.ui.inbox.reader_toolbar import COMPARE_LINK, ReaderToolbar
from cadre_desk.ui.inbox.search_panel import SearchPanel
from tests.factories import add_source
from tests.search.test_search import add_item

WHEN = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def test_filter_bar_says_what_changed_and_which_filter(qtbot: Any) -> None:
    calls: list[str] = []
    bar = FilterBar(lambda: calls.append("change"), lambda: calls.append("all"), lambda: calls.append("undo"))
    qtbot.addWidget(bar)
    bar.show()
    flt = bar.view_filter(("s1",))
    assert flt.source_ids == ("s1",) and flt.fold_duplicates and not flt.unread_only
    assert flt.date_from is None and flt.sort == "time"
    bar.unread_only.setChecked(True)
    bar.starred_only.setChecked(True)
    bar.fold.setChecked(False)
    bar.period.setCurrentIndex(bar.period.findData("week"))
    bar.sort.setCurrentIndex(bar.sort.findData("source"))
    assert calls == ["change"] * 5
    flt = bar.view_filter(())
    assert flt.unread_only and flt.starred_only and not flt.fold_duplicates and not flt.has_task
    assert flt.date_from is not None and flt.date_to is None and flt.sort == "source"
    # mark all read: one press at a time, then the undo button offers what changed
    qtbot.mouseClick(bar.mark_all, Qt.MouseButton.LeftButton)
    bar.marking_all()
    assert calls[-1] == "all" and not bar.mark_all.isEnabled()
    bar.marked_all(3)
    assert bar.mark_all.isEnabled() and bar.undo_button.isVisible() and "3" in bar.undo_button.text()
    qtbot.mouseClick(bar.undo_button, Qt.MouseButton.LeftButton)
    assert calls[-1] == "undo"
    bar.withdraw_undo()
    assert not bar.undo_button.isVisible()
    bar.marked_all(0)  # nothing was unread: nothing to undo
    assert not bar.undo_button.isVisible()


def test_key_map_runs_the_callback_of_its_key(qtbot: Any) -> None:
    host = QWidget()
    field = QTableView(host)  # a child with the focus, as the item list has (a line edit takes letters)
    qtbot.addWidget(host)
    ran: list[str] = []
    keys = KeyMap(
        host,
        [
            KeyBinding("J", "下一条", lambda: ran.append("j")),
            KeyBinding("Shift+A", "全部标为已读", lambda: ran.append("A")),
        ],
    )
    assert keys.keys() == ["J", "Shift+A"] and keys.actions["J"].text() == "下一条"
    host.show()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host, timeout=20_000)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(field, Qt.Key.Key_J)  # a shortcut of the widget, even from a child
    assert ran == ["A", "j"]
    with pytest.raises(ValueError, match="twice"):
        KeyMap(host, [KeyBinding("J", "a", lambda: None), KeyBinding("J", "b", lambda: None)])


def _detail(url: str | None = "https://example.gov.cn/a", starred: bool = False) -> ItemDetail:
    return ItemDetail("i1", "s1", "县政府", "通知", None, url, WHEN, "<p>全文</p>", None, False, starred)


def test_reader_toolbar_shows_the_item_and_its_copies(qtbot: Any) -> None:
    calls: list[str] = []
    bar = ReaderToolbar(
        on_star=lambda: calls.append("star"),
        on_task=lambda: calls.append("task"),
        on_log=lambda: calls.append("log"),
        on_open_original=lambda: calls.append("open"),
        on_member=lambda item_id: calls.append("member " + item_id),
        on_compare=lambda: calls.append("compare"),
    )
    qtbot.addWidget(bar)
    bar.show()
    assert not any(button.isEnabled() for button in bar.buttons())  # nothing shown yet
    bar.show_item(_detail(url=None, starred=True))
    assert bar.star_button.isEnabled() and not bar.open_button.isEnabled()
    assert bar.star_button.text() == "★ 已加星"
    bar.show_starred(False)
    assert bar.star_button.text() == "☆ 星标"
    for button in bar.buttons()[:3]:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert calls == ["star", "task", "log"]

    members = [
        GroupMember("i1", "s1", "县政府", "通知", WHEN, False),
        GroupMember("i2", "s2", "城关镇", "通知", WHEN, True),
    ]
    bar.show_group("i1", members[:1], differs=False)  # alone in its group: no line
    assert not bar.also.isVisible()
    bar.show_group("i1", members, differs=True)
    text = bar.also.text()
    assert bar.also.isVisible() and "城关镇" in text and "县政府" not in text and COMPARE_LINK in text
    bar.also.linkActivated.emit("i2")
    bar.also.linkActivated.emit(COMPARE_LINK)
    assert calls[-2:] == ["member i2", "compare"]
    many = [GroupMember(f"m{n}", "s", f"村{n}", "通知", WHEN, False) for n in range(15)]
    bar.show_group("i1", members[:1] + many, differs=False)
    assert "村14" not in bar.also.text() and "15" in bar.also.text()
    bar.clear()
    assert not bar.also.isVisible() and not bar.task_button.isEnabled()


@pytest.fixture
def runner(qtbot: Any) -> Iterator[BackgroundRunner]:
    errors: list[BaseException] = []
    background = BackgroundRunner(errors.append)
    yield background
    background.wait_idle()
    QApplication.processEvents()
    assert errors == []


def test_search_panel_searches_offers_results_and_smart_folders(
    qtbot: Any, db: Database, runner: BackgroundRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    town = add_source(db, "城关镇")
    wanted = add_item(db, town, "请于周五前完成低保数据填报", "填报系统地址见附件。")
    add_item(db, town, "村民代表大会召开", "会议审议了村规民约。")
    shown: list[bool] = []
    opened: list[str] = []
    failures: list[BaseException] = []
    parent = QWidget()
    qtbot.addWidget(parent)
    panel = SearchPanel(
        SearchService(db),
        runner,
        on_shown=shown.append,
        on_result=opened.append,
        on_error=failures.append,
        parent=parent,
    )
    assert not panel.folders.isVisibleTo(parent)  # no smart folder saved yet
    panel.box.setText("填报")
    panel.run()
    assert shown == [True] and panel.showing
    qtbot.waitUntil(lambda: panel.results_model.rowCount() == 1, timeout=30_000)
    assert opened == [wanted] and panel.current_item_id() == wanted
    assert "1" in panel.heading.text() and panel.current_is_read() is False
    panel.mark_read([wanted], True)
    assert panel.current_is_read() is True
    # saving names the search; the folder list appears and runs it again when clicked
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("低保", True))
    panel.save_current()
    assert panel.saved_model.rowCount() == 1 and panel.folders.isVisibleTo(parent)
    panel.close()
    assert shown == [True, False] and panel.results_model.rowCount() == 0
    panel.box.clear()
    panel.saved.clicked.emit(panel.saved_model.index(0, 0))
    assert panel.box.text() == "填报" and shown[-1] is True
    qtbot.waitUntil(lambda: panel.results_model.rowCount() == 1, timeout=30_000)
    # an empty query leaves the results; a second close changes nothing
    panel.run("   ")
    panel.close()
    assert shown == [True, False, True, False] and failures == []
