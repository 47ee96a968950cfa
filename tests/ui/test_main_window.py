from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from cadre_desk.app import build_context, build_main_window
from cadre_desk.storage.models import Item
from cadre_desk.ui.inbox.item_list_model import ItemRole
from tests.factories import add_items, add_source


def test_main_window_shows_inbox_and_marks_read_in_background(qtbot, tmp_path: Path) -> None:
    ctx = build_context(tmp_path / "profile")
    try:
        source = add_source(ctx.db)
        add_items(ctx.db, source, 25)
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        page = window.page("inbox")
        assert page.list_model.rowCount() == 25
        assert "25 条未读" in window.status_label.text()
        page.list.setCurrentIndex(page.list_model.index(0, 0))
        item_id = page.list_model.index(0, 0).data(ItemRole.ID)
        assert "森林防火" in page.reader.toPlainText()
        qtbot.waitUntil(lambda: page.list_model.index(0, 0).data(ItemRole.IS_READ) is True, timeout=20_000)
        qtbot.waitUntil(lambda: "24 条未读" in window.status_label.text(), timeout=20_000)
        with ctx.db.session() as session:
            assert session.get(Item, item_id).is_read  # type: ignore[union-attr]
        window.activateWindow()
        page.list.setFocus()
        qtbot.waitUntil(page.list.hasFocus, timeout=20_000)
        qtbot.keyClick(page.list, Qt.Key.Key_S)
        qtbot.waitUntil(lambda: page.list_model.index(0, 0).data(ItemRole.IS_STARRED) is True, timeout=20_000)
        window.close()
    finally:
        ctx.close()


def test_reader_blocks_remote_resources(qtbot) -> None:
    from PySide6.QtCore import QUrl

    from cadre_desk.ui.inbox.reader import ReaderView

    view = ReaderView()
    qtbot.addWidget(view)
    assert view.loadResource(2, QUrl("http://127.0.0.1/tracker.png")) is None
    assert view.loadResource(2, QUrl("file:///etc/passwd")) is None


def test_background_failure_after_window_closed_is_logged_not_shown(qtbot, tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        window.close()

        def late_failure() -> None:
            raise RuntimeError("late failure after close")

        window.runner.run(late_failure)
        window.runner.wait_idle()
        qtbot.waitUntil(lambda: "late failure after close" in caplog.text, timeout=20_000)
    finally:
        ctx.close()


def test_quit_is_the_last_entry_of_the_file_menu(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        texts = [action.text() for action in window.file_menu.actions() if not action.isSeparator()]
        assert texts[-1] == "退出(&Q)"
        assert "同步…" in texts  # added by the sync area after the window was built
        assert window.file_menu.actions()[-2].isSeparator()
        window.runner.wait_idle()
    finally:
        ctx.close()


def test_a_pages_status_line_shows_only_under_that_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    """我运营的账号's "2 个账号：0 个已超期…" stayed in the status bar under 统计 and 减负, read
    as if it were about them: each page's line shows while it is current; a page without one
    shows the inbox's (sources and unread)."""
    from PySide6.QtWidgets import QLabel

    from cadre_desk.platform.paths import DataPaths
    from cadre_desk.ui.background import BackgroundRunner
    from cadre_desk.ui.bus import DataBus
    from cadre_desk.ui.main_window import MainWindow

    window = MainWindow(
        DataPaths(Path("/nonexistent-profile")), BackgroundRunner(lambda exc: None), DataBus()
    )
    qtbot.addWidget(window)
    for key in ("inbox", "stats", "own"):
        window.add_page(key, key, QLabel(key))
    window.set_status("61 个来源 · 566 条未读")
    window.status_for("own")("2 个账号：0 个已超期")
    assert window.status_label.text() == "61 个来源 · 566 条未读"  # the inbox is showing
    window.show_page("own")
    assert window.status_label.text() == "2 个账号：0 个已超期"
    window.show_page("stats")
    assert window.status_label.text() == "61 个来源 · 566 条未读"
    window.set_status("61 个来源 · 565 条未读")
    assert window.status_label.text() == "61 个来源 · 565 条未读"
