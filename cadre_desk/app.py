"""The composition root: builds paths, database, services and windows — in one place.

Nothing else holds the application, the database or a session in a module-level global.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cadre_desk.domain.errors import DatabaseLockedError
from cadre_desk.platform.instance_lock import InstanceLock
from cadre_desk.platform.paths import DataPaths, default_data_dir
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database, open_database

if TYPE_CHECKING:
    from cadre_desk.ui.inbox.workflow import InboxTools
    from cadre_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """Everything a front end (GUI, CLI, tests) needs, built once."""

    paths: DataPaths
    db: Database
    settings: Settings
    secrets: SecretStore
    lock: InstanceLock | None = None
    extras: dict[str, object] = field(default_factory=dict)

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()


def build_context(
    data_dir: Path | None = None,
    *,
    take_lock: bool = True,
    wait_seconds: float = 0.0,
    on_wait: Callable[[float], None] | None = None,
) -> AppContext:
    """Open a profile: lock it (waiting up to ``wait_seconds`` for another instance to let go),
    open/migrate its database, build the services."""
    paths = DataPaths(data_dir or default_data_dir()).ensure()
    lock = InstanceLock(paths.lock_file).acquire_waiting(wait_seconds, on_wait) if take_lock else None
    try:
        db = open_database(paths)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return AppContext(
        paths=paths,
        db=db,
        settings=Settings(db),
        secrets=SecretStore(paths.root / "secrets.enc"),
        lock=lock,
    )


def build_shared_context(data_dir: Path | None = None) -> AppContext:
    """Open a profile that may already be open in a window (CLI commands that run beside it).

    When no other instance holds the profile, it is locked and opened as usual (migrations may
    run). When one does, the database is opened without migrating: SQLite in WAL mode lets
    readers run beside the window, and a short write waits for the window's writer (busy
    timeout) like any other writer.
    """
    paths = DataPaths(data_dir or default_data_dir()).ensure()
    lock: InstanceLock | None
    try:
        lock = InstanceLock(paths.lock_file).acquire()
    except DatabaseLockedError:
        lock = None
    try:
        db = open_database(paths, run_migrations=lock is not None)
        if lock is None:
            _refuse_outdated_schema(db)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return AppContext(
        paths=paths,
        db=db,
        settings=Settings(db),
        secrets=SecretStore(paths.root / "secrets.enc"),
        lock=lock,
    )


def _refuse_outdated_schema(db: Database) -> None:
    from cadre_desk.storage import migrate

    with db.engine.connect() as conn:
        current = migrate.current_revision(conn)
    if current != migrate.head_revision():
        db.close()
        raise DatabaseLockedError(
            "数据库需要升级到这个版本的结构，但它正在另一个 cadre_desk 窗口中打开。",
            "请先关闭窗口（升级会在下次打开时自动进行，升级前会先备份），再运行这条命令。",
        )


def inbox_tools(ctx: AppContext) -> InboxTools:
    from cadre_desk.services.folding import FoldingService
    from cadre_desk.services.item_actions import ItemActions
    from cadre_desk.services.rules import RulesService
    from cadre_desk.services.search import SearchService
    from cadre_desk.ui.inbox.workflow import InboxTools

    return InboxTools(
        search=SearchService(ctx.db),
        rules=RulesService(ctx.db),
        folding=FoldingService(ctx.db),
        actions=ItemActions(ctx.db),
    )


def build_main_window(ctx: AppContext) -> MainWindow:
    """Assemble the GUI over a context. Qt is imported here only, so the CLI stays Qt-free."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from cadre_desk.services.inbox import InboxService
    from cadre_desk.ui.background import BackgroundRunner, ReleaseAfterFirstPaint
    from cadre_desk.ui.bus import DataBus
    from cadre_desk.ui.crash import show_error
    from cadre_desk.ui.desktop import attach_settings_action
    from cadre_desk.ui.inbox.page import InboxPage
    from cadre_desk.ui.main_window import MainWindow

    bus = DataBus()

    def report_error(exc: BaseException) -> None:
        # A job that ends after its window closed has nobody to show a dialog to: a modal box
        # then would block shutdown (and any test run) forever. Log it with its traceback.
        if window.isVisible():
            show_error(window, exc, ctx.paths.crash_reports)
        else:
            log.error("background task failed after its window closed: %r", exc, exc_info=exc)

    runner = BackgroundRunner(report_error)
    runner.hold()  # every page's first background load starts after the inbox is painted
    window = MainWindow(ctx.paths, runner, bus)
    attach_settings_action(window, window.file_menu, ctx.settings)

    inbox = InboxPage(InboxService(ctx.db), runner, bus, tools=inbox_tools(ctx))
    window.add_page("inbox", QCoreApplication.translate("MainWindow", "收件箱"), inbox)
    inbox.status_changed.connect(window.set_status)
    inbox.load()
    ReleaseAfterFirstPaint(runner, inbox.list.viewport())
    if inbox.workflow is not None:
        inbox.workflow.catch_up_index()

    def build_redundancy_page() -> QWidget:
        from cadre_desk.ui.analysis.page import RedundancyPage

        page = RedundancyPage(ctx.db, ctx.paths.root, ctx.settings, runner, bus, report_error)
        page.status_changed.connect(window.set_status)
        page.load()
        return page

    def build_stats_page() -> QWidget:
        from cadre_desk.services.reports.workload_report import ReportService
        from cadre_desk.ui.reports.page import StatsPage

        page = StatsPage(ReportService(ctx.db, ctx.settings, ctx.paths.attachments), runner, bus)
        page.refresh()
        return page

    # Built on first show: the analysis page pulls in numpy/scipy (over a second at start-up).
    window.add_page("redundancy", QCoreApplication.translate("MainWindow", "减负"), build_redundancy_page)
    window.add_page("stats", QCoreApplication.translate("MainWindow", "统计"), build_stats_page)

    from cadre_desk.services.sources import build_source_services
    from cadre_desk.ui.sources import install_sources_ui

    install_sources_ui(window, build_source_services(ctx.db, ctx.settings, ctx.secrets), ctx.settings)

    from cadre_desk.services.sync.service import SyncService
    from cadre_desk.ui.sync.status_widget import attach_sync

    attach_sync(window, SyncService(ctx.db, ctx.paths, ctx.secrets), runner, bus)

    from cadre_desk.ui.tasks.install import install_task_area

    ctx.extras["tasks"] = install_task_area(window, ctx.db, ctx.paths, ctx.settings)
    from cadre_desk.ui.own import install_own_page

    install_own_page(window, ctx.db, ctx.settings)
    # Polish, lay out and render the window once before it is shown: style, fonts and glyph
    # caches cost ~100 ms the first time. Shown afterwards, its first frame holds the inbox
    # page at once instead of ~100 ms later (benchmarks/_gui_probe.py).
    window.grab()
    return window
