"""The inbox screen driven like a cadre drives it: keyboard flow, search, smart folders, rules
dialog. Real widgets offscreen, real database, real background runner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import select

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.rules import parse_rule
from cadre_desk.services.folding import FoldingService
from cadre_desk.services.inbox import InboxFilter, InboxService
from cadre_desk.services.item_actions import ItemActions
from cadre_desk.services.rules import RulesService
from cadre_desk.services.search import SearchService
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, OperationLog, Task
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.inbox.item_list_model import ItemListModel, ItemRole
from cadre_desk.ui.inbox.page import InboxPage, InboxTools
from cadre_desk.ui.inbox.rules_dialog import RulesDialog, RulesListModel
from cadre_desk.ui.inbox.search_model import SavedSearchModel, SearchResultsModel, SearchRole
from tests.factories import add_source
from tests.search.test_search import add_item

Mode = QAbstractItemModelTester.FailureReportingMode


def tools(db: Database) -> InboxTools:
    return InboxTools(SearchService(db), RulesService(db), FoldingService(db), ItemActions(db))


@pytest.fixture
def items(db: Database) -> dict[str, str]:
    county = add_source(db, "清河县人民政府", level="county")
    town = add_source(db, "城关镇", level="township", category="news")
    notice = "关于开展冬季森林防火检查的通知"
    return {
        "a": add_item(db, county, "请于周五前完成低保数据填报", "填报系统地址见附件。", days_ago=0),
        "b": add_item(db, county, notice, "全文", days_ago=1),
        "b_repost": add_item(db, town, notice, "全文", days_ago=0),
        "c": add_item(db, town, "村民代表大会召开", "会议审议了村规民约。", days_ago=2),
        "d": add_item(db, town, "环境整治现场会", "清理垃圾。", days_ago=3),
    }


@pytest.fixture
def page(qtbot: Any, db: Database, items: dict[str, str]) -> Iterator[InboxPage]:
    errors: list[BaseException] = []
    runner = BackgroundRunner(errors.append)
    widget = InboxPage(InboxService(db), runner, DataBus(), tools=tools(db))
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.load()
    widget.show()
    yield widget
    runner.wait_idle()
    QApplication.processEvents()
    assert errors == []


def settle(qtbot: Any, page: InboxPage) -> None:
    page._runner.wait_idle()
    qtbot.wait(30)
    page._runner.wait_idle()
    qtbot.wait(30)


def refocus(qtbot: Any, page: InboxPage) -> None:
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=20_000)
    page.list.setFocus()


def current_id(page: InboxPage) -> str | None:
    view = page.active_view()
    return view.currentIndex().data(ItemRole.ID) if view.currentIndex().isValid() else None


def read_state(db: Database) -> dict[str, bool]:
    with db.session() as session:
        return {r[0]: bool(r[1]) for r in session.execute(select(Item.id, Item.is_read))}


def test_models_pass_the_model_tester(qtbot: Any, db: Database, items: dict[str, str]) -> None:
    folded = ItemListModel(InboxService(db), folding=FoldingService(db))
    QAbstractItemModelTester(folded, Mode.Fatal)
    folded.set_filter(InboxFilter())
    assert folded.rowCount() == 4
    notice_row = next(r for r in range(4) if folded.index(r, 0).data(ItemRole.ID) == items["b"])
    assert "另有 1 个账号发布" in folded.index(notice_row, 0).data()
    assert "城关镇" in folded.index(notice_row, 0).data(Qt.ItemDataRole.ToolTipRole)
    # expanding the folded row shows the repost under it; the keyset continues where the page ended
    assert folded.toggle_expanded(notice_row)
    assert folded.rowCount() == 5 and folded.is_expanded(notice_row)
    assert folded.index(notice_row + 1, 0).data(ItemRole.ID) == items["b_repost"]
    assert "↳" in folded.index(notice_row + 1, 0).data()
    assert folded.toggle_expanded(notice_row + 1)  # from a member: collapses its group
    assert folded.rowCount() == 4 and not folded.is_expanded(notice_row)
    assert not folded.toggle_expanded(0)  # nothing folded into the first row

    results = SearchResultsModel()
    QAbstractItemModelTester(results, Mode.Fatal)
    results.set_result(SearchService(db).search("填报"))
    assert results.rowCount() == 1
    assert '<span style="background:#fde68a">填报</span>' in results.index(0, 0).data(SearchRole.HTML)
    results.mark_read(items["a"])
    assert results.index(0, 0).data(ItemRole.IS_READ) is True
    results.set_result(None)

    saved = SavedSearchModel()
    QAbstractItemModelTester(saved, Mode.Fatal)
    SearchService(db).save_search("填报", "填报 level:县")
    saved.set_rows(SearchService(db).saved_searches())
    assert saved.index(0, 0).data(SavedSearchModel.QUERY) == "填报 level:县"

    rules = RulesListModel()
    QAbstractItemModelTester(rules, Mode.Fatal)
    spec = parse_rule(
        "r", {"items": [{"field": "title", "op": "contains", "value": "x"}]}, {"items": [{"type": "star"}]}
    )
    rules.set_rules([spec], {})
    assert rules.rowCount() == 1 and "标题包含 x" in rules.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_keyboard_flow(qtbot: Any, page: InboxPage, db: Database, items: dict[str, str]) -> None:
    page.list.setFocus()
    # folded: the county notice stands for its repost; newest first
    assert [page.list_model.index(r, 0).data(ItemRole.ID) for r in range(page.list_model.rowCount())] == [
        items["a"],
        items["b"],
        items["c"],
        items["d"],
    ]
    page.list.setCurrentIndex(page.list_model.index(0, 0))
    assert current_id(page) == items["a"]
    qtbot.keyClick(page.list, Qt.Key.Key_J)
    assert current_id(page) == items["b"]
    settle(qtbot, page)
    # opening the notice marked it and its repost read, and shows who else published it
    state = read_state(db)
    assert state[items["a"]] and state[items["b"]] and state[items["b_repost"]]
    assert page.toolbar.also.isVisible() and "城关镇" in page.toolbar.also.text()
    qtbot.keyClick(page.list, Qt.Key.Key_X)  # unfold the notice: its repost appears under it
    assert page.list_model.rowCount() == 5
    assert page.list_model.index(2, 0).data(ItemRole.ID) == items["b_repost"]
    qtbot.keyClick(page.list, Qt.Key.Key_X)
    assert page.list_model.rowCount() == 4
    qtbot.keyClick(page.list, Qt.Key.Key_K)
    assert current_id(page) == items["a"]
    # m: back to unread; s: star
    qtbot.keyClick(page.list, Qt.Key.Key_M)
    settle(qtbot, page)
    assert read_state(db)[items["a"]] is False
    qtbot.keyClick(page.list, Qt.Key.Key_S)
    settle(qtbot, page)
    with db.session() as session:
        assert session.get(Item, items["a"]).is_starred  # type: ignore[union-attr]
    # space: the reader is short, so it moves to the next unread item (c; b was read)
    qtbot.keyClick(page.list, Qt.Key.Key_Space)
    assert current_id(page) == items["c"]
    settle(qtbot, page)

    # t: make a task (dialog accepted), l: log an operation
    def accept_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.accept()

    QTimer.singleShot(100, accept_dialog)
    qtbot.keyClick(page.list, Qt.Key.Key_T)
    refocus(qtbot, page)  # offscreen has no window manager to give focus back after a dialog
    QTimer.singleShot(100, accept_dialog)
    qtbot.keyClick(page.list, Qt.Key.Key_L)
    settle(qtbot, page)
    with db.session() as session:
        task = session.scalars(select(Task)).one()
        log = session.scalars(select(OperationLog)).one()
    assert task.item_id == items["c"] and task.title == "村民代表大会召开" and task.due_at is not None
    assert log.item_id == items["c"] and log.operation_kind == "forward" and log.minutes == 5
    refocus(qtbot, page)
    # Shift+A marks the whole view read; Ctrl+Z brings the unread back
    qtbot.keyClick(page.list, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    settle(qtbot, page)
    assert all(read_state(db).values())
    assert page.filters.undo_button.isVisible()
    qtbot.keyClick(page.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, page)
    state = read_state(db)
    assert not state[items["a"]] and not state[items["d"]] and state[items["c"]]
    # Alt+2: the first group of the sidebar (the county's category), Alt+1: all sources again
    with qtbot.waitSignal(page.list_model.page_loaded, timeout=30_000):
        qtbot.keyClick(page.list, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    group = page.tree.currentIndex()
    assert not group.parent().isValid() and group.row() == 1 and page.tree_model.rowCount(group) >= 1
    assert page.list_model.rowCount() < 4
    with qtbot.waitSignal(page.list_model.page_loaded, timeout=30_000):
        qtbot.keyClick(page.list, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert page.tree.currentIndex().row() == 0 and page.list_model.rowCount() == 4


def test_search_from_the_keyboard_and_smart_folders(
    qtbot: Any, page: InboxPage, db: Database, items: dict[str, str]
) -> None:
    search = page.search
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Slash)
    assert search.box.hasFocus()
    search.box.insert("村 来源:城关镇")  # QTest cannot type CJK; the input method would
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    settle(qtbot, page)
    assert page.stack.currentIndex() == 1 and page.active_view() is search.results
    found = [
        search.results_model.index(r, 0).data(ItemRole.ID) for r in range(search.results_model.rowCount())
    ]
    assert set(found) == {items["c"]}
    assert "1 条结果" in search.heading.text()
    # the first result is open in the reader, and opening it marked it read there too
    qtbot.waitUntil(lambda: search.current_is_read() is True, timeout=20_000)
    assert "村民代表大会召开" in page.reader.toPlainText()
    # j/k and typing j in the search box: the box keeps its text
    qtbot.keyClick(search.box, Qt.Key.Key_J)
    assert search.box.text().endswith("j")
    SearchService(db).save_search("城关镇村务", "村 来源:城关镇")
    search.reload_saved()
    assert search.saved.isVisibleTo(page)
    qtbot.keyClick(search.results, Qt.Key.Key_Escape)
    assert page.stack.currentIndex() == 0 and page.active_view() is page.list
    search.saved.clicked.emit(search.saved_model.index(0, 0))
    settle(qtbot, page)
    assert page.stack.currentIndex() == 1 and search.results_model.rowCount() == 1
    assert search.box.text() == "村 来源:城关镇"
    # hostile input shows a result list, never an error
    search.run('"" AND ( NEAR * ^')
    settle(qtbot, page)
    assert search.results_model.rowCount() == 0


def test_filters_star_task_and_unfold(
    qtbot: Any, page: InboxPage, db: Database, items: dict[str, str]
) -> None:
    filters, model = page.filters, page.list_model

    def change(action: Any) -> None:  # a filter change loads its first page in the background
        with qtbot.waitSignal(model.page_loaded, timeout=30_000):
            action()

    change(lambda: filters.fold.setChecked(False))
    assert model.rowCount() == 5
    change(lambda: filters.fold.setChecked(True))
    ItemActions(db).make_task(items["d"], "整治", None)
    change(lambda: filters.has_task.setChecked(True))
    assert [model.index(r, 0).data(ItemRole.ID) for r in range(model.rowCount())] == [items["d"]]
    change(lambda: filters.has_task.setChecked(False))
    change(lambda: filters.period.setCurrentIndex(filters.period.findData("older")))
    assert model.rowCount() == 0


def test_rules_dialog_builds_previews_and_applies(
    qtbot: Any, db: Database, items: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = BackgroundRunner(lambda exc: (_ for _ in ()).throw(exc))
    dialog = RulesDialog(RulesService(db), runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list_model.rowCount() == 0 and len(dialog.condition_rows) == 1
    dialog.name.setText("填报转任务")
    dialog.condition_rows[0].text_value.setText("填报")
    dialog.action_rows[0].days.setValue(3)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    runner.wait_idle()
    qtbot.waitUntil(lambda: dialog.preview_table.rowCount() == 1, timeout=20_000)
    assert "5 条消息中有 1 条匹配" in dialog.preview_label.text()
    assert dialog.preview_table.item(0, 0).text() == "请于周五前完成低保数据填报"
    # a second condition on the source, then save and apply
    row = dialog.add_condition()
    row.field.setCurrentIndex(row.field.findData("source"))
    row.choice_value.setCurrentIndex(row.choice_value.findText("清河县人民政府"))
    star = dialog.add_action()
    star.kind.setCurrentIndex(star.kind.findData("star"))
    announced: list[Changes] = []
    dialog.rules_changed.connect(announced.append)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    runner.wait_idle()
    qtbot.waitUntil(lambda: "新建 1 个任务" in dialog.preview_label.text(), timeout=20_000)
    # what the inbox announces: the saved rule, then what applying it changed
    assert announced == [Changes(rules=True), Changes(items=True, tasks=True)]
    assert dialog.list_model.rowCount() == 1
    with db.session() as session:
        task = session.scalars(select(Task)).one()
        assert task.item_id == items["a"] and task.origin == "rule"
        assert session.get(Item, items["a"]).is_starred  # type: ignore[union-attr]
    saved = RulesService(db).rules()[0]
    assert [c.field.value for c in saved.conditions] == ["title", "source"]
    # reopening shows the saved rule as it was built
    again = RulesDialog(RulesService(db), runner)
    qtbot.addWidget(again)
    again.rule_list.setCurrentIndex(again.list_model.index(0))
    assert again.name.text() == "填报转任务" and len(again.condition_rows) == 2
    assert again.condition_rows[1].choice_value.currentText() == "清河县人民政府"
    # a broken regex is refused with a message, nothing saved
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    again.new_rule()
    again.name.setText("坏规则")
    again.condition_rows[0].op.setCurrentIndex(again.condition_rows[0].op.findData("regex"))
    again.condition_rows[0].text_value.setText("第(\\d+期")
    again.save(apply=False)
    assert warnings and "正则表达式有误" in warnings[0]
    assert len(RulesService(db).rules()) == 1
    runner.wait_idle()
