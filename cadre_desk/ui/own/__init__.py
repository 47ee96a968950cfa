"""The 我运营的账号 page and the "标记为本单位运营" actions on the 订阅源 page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from cadre_desk.services.own.desk import OwnDesk
    from cadre_desk.ui.main_window import MainWindow


def install_own_page(window: MainWindow, desk: OwnDesk) -> None:
    """Register the page (built on first show) and the source-table context actions."""

    def build() -> QWidget:
        from cadre_desk.ui.own.page import OwnAccountsPage

        page = OwnAccountsPage(desk, window.runner, window.bus)
        # No status line of its own: its summary is on the page (it was shown twice).
        page.load()
        return page

    window.add_page("own", QCoreApplication.translate("MainWindow", "我运营的账号"), build)
    add_source_actions(window, desk)
    start_periodic_checks(window, desk)


CHECK_EVERY_MS = 30 * 60 * 1000
FIRST_CHECK_MS = 5000


def start_periodic_checks(window: MainWindow, desk: object) -> QTimer:
    """Cadence tasks (the tray reminds of them) and repost duties (items starred as 重要
    included), shortly after start and every half hour, whether the page was opened or not."""
    from cadre_desk.services.own.desk import CheckPass, OwnDesk

    assert isinstance(desk, OwnDesk)

    def done(result: CheckPass) -> None:
        window.bus.announce(result.changes)

    def check() -> None:
        window.runner.run(desk.run_checks, done, write=True)

    timer = QTimer(window)
    timer.setInterval(CHECK_EVERY_MS)
    timer.timeout.connect(check)
    timer.start()
    QTimer.singleShot(FIRST_CHECK_MS, window, check)
    return timer


def add_source_actions(window: MainWindow, desk: object) -> None:
    """Right-click on the 订阅源 table: mark or unmark the selected source as 本单位运营."""
    from cadre_desk.services.own.desk import OwnDesk

    assert isinstance(desk, OwnDesk)
    if "sources" not in window.page_keys():
        return
    sources = window.page("sources")
    table = getattr(sources, "table", None)
    selected = getattr(sources, "selected_source_id", None)
    if table is None or selected is None:
        return

    def mark(run: bool) -> None:
        source_id = selected()
        if not source_id:
            return
        accounts = desk.accounts
        work = (lambda: accounts.mark_run(source_id).changes) if run else (lambda: accounts.unmark(source_id))
        window.runner.run(work, window.bus.announce, write=True)
        window.bus.status_message.emit(
            QCoreApplication.translate("OwnAccounts", "已标记为本单位运营")
            if run
            else QCoreApplication.translate("OwnAccounts", "已取消本单位运营标记")
        )

    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for text, run in (
        (QCoreApplication.translate("OwnAccounts", "标记为本单位运营"), True),
        (QCoreApplication.translate("OwnAccounts", "取消本单位运营标记"), False),
    ):
        action = QAction(text, table)
        action.triggered.connect(lambda _checked=False, run=run: mark(run))
        table.addAction(action)
