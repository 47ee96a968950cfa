"""Source management screens: the 订阅源 page, add-source and manual-capture dialogs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction

from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import SourceServices

if TYPE_CHECKING:
    from cadre_desk.ui.main_window import MainWindow
    from cadre_desk.ui.sources.page import SourcesPage


def install_sources_ui(window: MainWindow, services: SourceServices, settings: Settings) -> SourcesPage:
    """Add the 订阅源 page and the File-menu actions; the page shows the scheduled refresh's runs
    (the schedule itself ticks in the service, started by the composition root)."""
    from cadre_desk.ui.sources.page import SourcesPage

    def tr(text: str) -> str:
        return QCoreApplication.translate("SourcesMenu", text)

    page = SourcesPage(services, settings, window.runner, window.bus)
    window.add_page("sources", tr("订阅源"), page)
    menu = window.file_menu
    first = menu.actions()[0] if menu.actions() else None
    actions = []
    for text, slot in (
        (tr("添加订阅源…"), page.open_add_dialog),
        (tr("手动收录…"), page.open_capture_dialog),
        (tr("导入 OPML…"), page.choose_opml_import),
        (tr("导出 OPML…"), page.choose_opml_export),
    ):
        action = QAction(text, window)
        action.triggered.connect(slot)
        actions.append(action)
    actions.insert(2, page.refresh_action)
    window.addAction(page.refresh_action)
    for action in actions:
        menu.insertAction(first, action) if first is not None else menu.addAction(action)
    if first is not None:
        menu.insertSeparator(first)
    _offer_in_empty_inbox(window, page)
    page.load()
    window.installEventFilter(_StopOnClose(page, services, window))
    return page


def _offer_in_empty_inbox(window: MainWindow, page: SourcesPage) -> None:
    """The empty inbox's buttons lead here (add, OPML, catalogue) or to the demo profile."""
    from cadre_desk.ui.desktop import start_demo_instance

    if "inbox" not in window.page_keys():
        return
    empty = getattr(window.page("inbox"), "empty_state", None)
    if empty is None:
        return
    empty.add_source.connect(page.open_add_dialog)
    empty.import_opml.connect(page.choose_opml_import)
    empty.choose_from_catalogue.connect(page.open_catalogue_dialog)
    empty.open_demo.connect(start_demo_instance)


class _StopOnClose(QObject):
    """Stops the scheduled refresh when the main window closes (the database goes away next)."""

    def __init__(self, page: SourcesPage, services: SourceServices, parent: QObject) -> None:
        super().__init__(parent)
        self._page = page
        self._services = services

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self._page.stop_listening()
            self._services.schedule.stop()
            self._page.cancel_refresh()
        return False
