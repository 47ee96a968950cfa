"""The inbox at 1280 px in both languages: the reader keeps a useful width, the heading and
the reader's buttons are whole (no "All s", nothing behind a »-menu)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from cadre_desk.app import build_context, build_main_window
from cadre_desk.ui.inbox.page import pane_widths
from tests.factories import add_items, add_source


def test_source_list_gives_way_first() -> None:
    for total in (900, 1100, 1400, 2000):
        left, middle, reader = pane_widths(total)
        assert left + middle + reader == total
        assert 170 <= left <= 250 and reader >= 0.35 * (total - left)
    assert pane_widths(1100)[0] < pane_widths(2000)[0]


def _whole(widget: QWidget, text: str) -> bool:
    return widget.isVisible() and widget.width() >= widget.fontMetrics().horizontalAdvance(text)


def test_inbox_at_1280_px(interface_language: str, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    try:
        add_items(ctx.db, add_source(ctx.db), 5)
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        page = window.page("inbox")
        page.list.setCurrentIndex(page.list_model.index(0, 0))
        QApplication.processEvents()
        left, middle, reader = page.splitter.sizes()
        reader_box = page.splitter.widget(2)
        assert reader > reader_box.minimumSizeHint().width() + 150, page.splitter.sizes()
        assert reader >= 0.4 * (middle + reader)
        assert left < 250
        heading = page.heading.text().replace("<b>", "").replace("</b>", "")
        assert heading in ("全部来源", "All sources")
        assert _whole(page.heading, heading)
        for button in page.toolbar.buttons():
            assert _whole(button, button.text()), button.text()
            inside = button.mapTo(reader_box, button.rect().bottomRight())
            assert reader_box.rect().contains(inside), button.text()
        # every key of the inbox does one thing: two actions on one key make both dead
        keys = [
            action.shortcut().toString()
            for action in page.findChildren(QAction)
            if not action.shortcut().isEmpty() and action.isEnabled()
        ]
        assert "T" in keys and len(keys) == len(set(keys)), sorted(keys)
        window.runner.wait_idle()
        window.close()
    finally:
        ctx.close()
