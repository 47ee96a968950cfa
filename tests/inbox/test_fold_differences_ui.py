"""A folded row whose copies differ says so, and the reader shows the comparison."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.clusters import update_clusters
from cadre_desk.services.inbox import InboxService
from cadre_desk.storage.database import Database
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.i18n import install_translator
from cadre_desk.ui.inbox.item_list_model import ItemRole
from cadre_desk.ui.inbox.page import InboxPage
from tests.inbox.test_folding import ADDED, _fire_group
from tests.inbox.test_inbox_ui import settle, tools


@pytest.fixture
def page(qtbot: Any, db: Database, data_paths: DataPaths) -> Iterator[tuple[InboxPage, dict[str, str]]]:
    ids = _fire_group(db)
    update_clusters(db, data_paths.root)
    language = os.environ.get("CADRE_SCREENSHOT_LANGUAGE")  # screenshots in another language
    app = QApplication.instance()
    if language and app is not None:
        install_translator(app, language)
    errors: list[BaseException] = []
    runner = BackgroundRunner(errors.append)
    widget = InboxPage(InboxService(db), runner, DataBus(), tools=tools(db))
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.load()
    widget.show()
    yield widget, ids
    runner.wait_idle()
    QApplication.processEvents()
    if language and app is not None:
        install_translator(app, "zh_CN")
    assert errors == []


@pytest.mark.slow
def test_differing_group_is_marked_and_compared(qtbot: Any, page: tuple[InboxPage, dict[str, str]]) -> None:
    widget, ids = page
    model = widget.list_model
    rows = {model.index(r, 0).data(ItemRole.ID): r for r in range(model.rowCount())}
    assert set(rows) == {ids["original"], ids["other"]}
    marked = QCoreApplication.translate("ItemListModel", "  ·  内容有差异").strip(" ·")
    compare = QCoreApplication.translate("ReaderToolbar", "内容有差异，查看对比")
    assert marked in model.index(rows[ids["original"]], 0).data()
    assert marked not in model.index(rows[ids["other"]], 0).data()

    widget.list.setCurrentIndex(model.index(rows[ids["original"]], 0))
    settle(qtbot, widget)
    also = widget.toolbar.also
    qtbot.waitUntil(lambda: compare in also.text(), timeout=20_000)
    also.linkActivated.emit("compare:")
    assert ADDED[:12] in widget.reader.toPlainText()
    assert "#d4f5d4" in widget.reader.toHtml()  # the added sentence is marked as an insertion
    if os.environ.get("CADRE_SCREENSHOTS"):
        out = Path(os.environ["CADRE_SCREENSHOTS"])
        out.mkdir(parents=True, exist_ok=True)
        widget.grab().save(
            str(out / f"fold-differences-{os.environ.get('CADRE_SCREENSHOT_LANGUAGE', 'zh_CN')}.png")
        )

    # Opening the other village's notice: its own row, nothing to compare.
    widget.list.setCurrentIndex(model.index(rows[ids["other"]], 0))
    settle(qtbot, widget)
    qtbot.waitUntil(lambda: not also.isVisible(), timeout=20_000)
