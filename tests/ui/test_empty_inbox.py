"""A first run that ends with an empty inbox offers ways to get sources, not an empty list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cadre_desk.app import build_context, build_main_window
from cadre_desk.domain.changes import Changes
from cadre_desk.ui.sources.add_dialog import AddSourceDialog
from cadre_desk.ui.sources.catalogue_dialog import CatalogueDialog
from tests.factories import add_items, add_source


def test_empty_inbox_offers_sources_and_goes_away_with_items(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        inbox = window.page("inbox")
        empty = inbox.empty_state
        assert empty.isVisible() and not inbox.list.isVisible()
        assert [b.text() for b in empty.buttons] == [
            "添加订阅源…",
            "导入 OPML…",
            "从目录选择…",
            "打开演示数据",
        ]

        empty.buttons[0].click()
        add = window.findChild(AddSourceDialog)
        assert add is not None and add.isVisible()
        add.reject()

        empty.buttons[2].click()
        catalogue = window.findChild(CatalogueDialog)
        assert catalogue is not None and catalogue.isVisible()
        catalogue.page.model.set_all_checked(False)
        catalogue.page.model.set_all_checked(True)
        catalogue.page.county.setText("清河县")
        catalogue.buttons.accepted.emit()
        qtbot.waitUntil(lambda: not catalogue.isVisible(), timeout=30_000)
        # sources now, but nothing fetched yet: still the empty state, saying so
        qtbot.waitUntil(lambda: "还没有取回内容" in empty.explain.text(), timeout=30_000)

        add_items(ctx.db, add_source(ctx.db, "清河发布"), 3)
        window.bus.announce(Changes(items=True, sources=True))
        qtbot.waitUntil(lambda: not empty.isVisible(), timeout=30_000)
        QApplication.processEvents()
        assert inbox.list.isVisible()
        window.runner.wait_idle()
        window.close()
    finally:
        ctx.close()


@pytest.mark.slow
def test_demo_command_opens_the_demo_profile() -> None:
    import subprocess

    from cadre_desk.ui.desktop import demo_command

    program, arguments = demo_command()
    assert arguments[-1] == "--demo"
    # the same command line, asked for help instead, is understood by the program
    result = subprocess.run([program, *arguments[:-1], "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--demo" in result.stdout
