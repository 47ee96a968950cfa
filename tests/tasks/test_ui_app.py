"""The task area inside the real main window: pages registered, inbox key Shift+T makes a task."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from sqlalchemy import select

from cadre_desk.app import build_context, build_main_window
from cadre_desk.domain.enums import TaskOrigin
from cadre_desk.storage.models import Task
from tests.factories import add_items, add_source


def test_pages_registered_and_item_becomes_task(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    try:
        source = add_source(ctx.db, "清河县人民政府")
        (item_id,) = add_items(ctx.db, source, 1)
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        for key in ("tasks", "requirements", "burden"):
            assert window.page(key) is not None
        inbox = window.page("inbox")
        qtbot.waitUntil(lambda: inbox.list.model().rowCount() == 1, timeout=20_000)  # type: ignore[attr-defined]
        inbox.list.selectRow(0)  # type: ignore[attr-defined]
        action = inbox.findChild(QAction, "action:item-to-task")
        assert action is not None and action.shortcut().toString() == "Shift+T"
        action.trigger()
        window.runner.wait_idle()
        qtbot.waitUntil(lambda: _item_tasks(ctx) == [item_id], timeout=20_000)
        action.trigger()  # the same item twice: still one task
        window.runner.wait_idle()
        assert _item_tasks(ctx) == [item_id]
        screens = ctx.extras["tasks"]
        window.show_page("tasks")
        qtbot.waitUntil(lambda: screens.tasks.model.rowCount() == 1, timeout=20_000)  # type: ignore[attr-defined]
        window.runner.wait_idle()
    finally:
        ctx.close()


def _item_tasks(ctx) -> list[str]:  # type: ignore[no-untyped-def]
    with ctx.db.session() as session:
        return list(session.scalars(select(Task.item_id).where(Task.origin == TaskOrigin.ITEM.value)))
