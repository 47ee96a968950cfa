"""The 我运营的账号 page (pytest-qt, real profile): models, colours, the 发布前自查 box,
marks through the writer, the rail entry, the add-source checkbox and the context menu."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from cadre_desk.app import build_context, build_main_window
from cadre_desk.domain.changes import ChangesWithIds
from cadre_desk.services.ingest import IngestService
from cadre_desk.services.own.accounts import OwnSettings
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.own.models import RED, YELLOW, CadenceModel
from cadre_desk.ui.own.page import OwnAccountsPage
from cadre_desk.ui.sources.add_dialog import TAB_MANUAL, AddSourceDialog
from tests.own.helpers import make_source, post


def _fill(desk: OwnDesk) -> str:
    now = datetime.now(UTC)
    source = make_source(desk.db, "柳林镇人民政府", created_at=now - timedelta(days=400))
    desk.accounts.mark_run(source, OwnSettings(warn_days=5))
    post(IngestService(desk.db), source, "镇里布署防讯工作", now - timedelta(days=10))
    desk.messages.add(source, "路灯坏了", received_at=now - timedelta(days=20))
    return source


@pytest.mark.slow
def test_page_models_colours_draft_and_marks(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    desk = OwnDesk(db)
    source = _fill(desk)
    runner = BackgroundRunner(lambda exc: pytest.fail(str(exc)))
    bus = DataBus()
    page = OwnAccountsPage(desk, runner, bus)
    qtbot.addWidget(page)
    for model in (page.cadence, page.wording, page.links, page.duties, page.messages, page.draft_hits):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    page.load()
    qtbot.waitUntil(lambda: page.cadence.rowCount() == 1, timeout=30_000)
    status = page.cadence.index(0, CadenceModel.STATUS_COLUMN)
    assert status.data() == "即将超期" and status.data(Qt.ItemDataRole.BackgroundRole) == YELLOW
    assert page.cadence.index(0, 6).data() == "4 天"
    assert page.tabs.tabText(1) == "错敏字 (4)" and page.tabs.tabText(4) == "留言 (1)"
    assert page.messages.index(0, 5).data() == "已超期"
    assert page.messages.index(0, 5).data(Qt.ItemDataRole.BackgroundRole) == RED

    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    table = page.draft_table

    def fits() -> bool:  # no horizontal scroll bar: the columns fit the table's pane
        return table.horizontalHeader().length() <= table.viewport().width()

    assert fits() and table.columnWidth(0) >= table.fontMetrics().horizontalAdvance("位置")
    page.draft.setPlainText("会议强调，牢记使命、不忘初心，认真布署。")
    page.draft.setFocus()
    qtbot.keyClick(page.draft, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.draft_hits.rowCount() == 2, timeout=30_000)
    assert page.draft_hits.index(0, 1).data() == "牢记使命、不忘初心"
    assert page.draft_hits.index(0, 4).data() == "严重"
    assert fits()
    assert len(page.draft.extraSelections()) == 2
    page.draft_table.setCurrentIndex(page.draft_hits.index(1, 0))
    page.draft_not_error.click()  # "布署" is fine for this account from now on
    qtbot.waitUntil(lambda: page.draft_hits.rowCount() == 1, timeout=30_000)
    assert "1 处已标记为此处无误" in page.draft_result.text()
    qtbot.waitUntil(lambda: page.tabs.tabText(1) == "错敏字 (2)", timeout=30_000)  # title and body
    assert {f.hit.term for f in page.wording.rows()} == {"防讯"}
    page.wording_table.setCurrentIndex(page.wording.index(0, 0))
    page.fixed_button.click()
    qtbot.waitUntil(lambda: page.tabs.tabText(1) == "错敏字 (0)", timeout=30_000)
    assert desk.wording.exempt_terms(source) == {"布署"}
    runner.wait_idle()


@pytest.mark.slow
def test_rail_page_add_dialog_and_context_menu(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx = build_context(tmp_path / "profile")
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        assert "own" in window.page_keys()
        sources_page = window.page("sources")
        dialog = AddSourceDialog(sources_page._services, window.runner, sources_page)  # type: ignore[attr-defined]
        qtbot.addWidget(dialog)
        dialog.tabs.setCurrentIndex(TAB_MANUAL)
        dialog.name.setText("柳林镇人民政府")
        dialog.run_by_unit.setChecked(True)
        added: list[ChangesWithIds] = []
        dialog.added.connect(added.append)
        dialog.submit()
        qtbot.waitUntil(lambda: bool(added), timeout=30_000)
        desk = OwnDesk(ctx.db)
        assert [a.name for a in desk.accounts.accounts()] == ["柳林镇人民政府"]
        table = sources_page.table  # type: ignore[attr-defined]
        texts = [action.text() for action in table.actions()]
        assert texts[-2:] == ["标记为本单位运营", "取消本单位运营标记"]
        sources_page.load()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: table.model().rowCount() == 1, timeout=30_000)
        table.setCurrentIndex(table.model().index(0, 0))
        table.actions()[-1].trigger()
        qtbot.waitUntil(lambda: desk.accounts.accounts() == [], timeout=30_000)
        window.show_page("own")
        page = window.page("own")
        assert isinstance(page, OwnAccountsPage)
        qtbot.waitUntil(lambda: "本单位运营" in page.summary.text(), timeout=30_000)
        window.runner.wait_idle()
        # The summary shows once, on the page; the status bar keeps the inbox's line.
        assert "本单位运营" not in window.status_label.text()
        assert "个来源" in window.status_label.text()
        window.close()
    finally:
        ctx.close()
