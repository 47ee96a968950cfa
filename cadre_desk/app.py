"""The composition root: builds paths, database, services and windows — in one place.

Nothing else holds the application, the database or a session in a module-level global.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cadre_desk.domain.errors import DatabaseLockedError
from cadre_desk.platform.instance_lock import InstanceLock
from cadre_desk.platform.paths import DataPaths, default_data_dir
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database, open_database

if TYPE_CHECKING:
    from cadre_desk.services.analysis.desk import AnalysisDesk
    from cadre_desk.services.backups import BackupService
    from cadre_desk.services.folding import FoldingService
    from cadre_desk.services.inbox import InboxService
    from cadre_desk.services.item_actions import ItemActions
    from cadre_desk.services.own.desk import OwnDesk
    from cadre_desk.services.refresh import RefreshService
    from cadre_desk.services.reports.workload_report import ReportService
    from cadre_desk.services.rules import RulesService
    from cadre_desk.services.search import SearchService
    from cadre_desk.services.sources import SourceServices
    from cadre_desk.services.sync.service import SyncService
    from cadre_desk.services.task_area import TaskArea
    from cadre_desk.ui.inbox.page import InboxTools
    from cadre_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)
# How long the user leaves the inbox alone (no key, click, wheel or scroll) before the start-up
# jobs of the other pages run (ui/background.py ReleaseAfterFirstPaint).
STARTUP_QUIET_MS = 400


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
    return _open_context(paths, lock, shared=False)


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
    return _open_context(paths, lock, shared=lock is None)


def _open_context(paths: DataPaths, lock: InstanceLock | None, *, shared: bool) -> AppContext:
    """Open the database (migrating it unless another instance has it open) and build the
    context; the lock is given back if opening fails."""
    try:
        db = open_database(paths, run_migrations=not shared)
        if shared:
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


@dataclass(frozen=True)
class Services:
    """Every service of one open profile, built once by ``build_services``.

    Pages and dialogs are handed the ones they need, never the ``Database``. The analysis desk
    and the report service pull in numpy/scipy and the report stack: they are built on first
    use (the pages that use them are built on first show).
    """

    settings: Settings
    inbox: InboxService
    search: SearchService
    rules: RulesService
    folding: FoldingService
    item_actions: ItemActions
    sources: SourceServices
    tasks: TaskArea
    own: OwnDesk
    sync: SyncService
    backups: BackupService
    _ctx: AppContext = field(repr=False)

    @cached_property
    def analysis(self) -> AnalysisDesk:
        from cadre_desk.services.analysis.desk import AnalysisDesk

        return AnalysisDesk(self._ctx.db, self._ctx.paths.root, self.settings)

    @cached_property
    def reports(self) -> ReportService:
        from cadre_desk.services.reports.workload_report import ReportService

        return ReportService(self._ctx.db, self.settings, self._ctx.paths.attachments)


def build_source_area(ctx: AppContext) -> SourceServices:
    """The source services alone: what the source commands (list, add, OPML, capture) use.

    A headless refresh needs nothing else; building every area (inbox, tasks, sync, own
    accounts…) would only cost the refresh process their imports, time and memory."""
    from cadre_desk.services.sources import build_source_services

    return build_source_services(ctx.db, ctx.settings, ctx.secrets)


def build_refresh(ctx: AppContext) -> RefreshService:
    """The refresh alone, with the ingest and its listeners: what ``cadre-desk fetch`` runs.

    The listeners import their features (rules, repost duties) only when a stored batch
    concerns them (``services.ingest_listeners``), so a plain profile's refresh process loads
    the fetching, parsing and storing modules and nothing else."""
    from cadre_desk.services.ingest_listeners import build_ingest
    from cadre_desk.services.refresh import RefreshService

    return RefreshService(ctx.db, ctx.settings, ctx.secrets, build_ingest(ctx.db))


def build_services(ctx: AppContext) -> Services:
    """The one place the per-area builders are called."""
    from cadre_desk.services.backups import BackupService
    from cadre_desk.services.folding import FoldingService
    from cadre_desk.services.inbox import InboxService
    from cadre_desk.services.item_actions import ItemActions
    from cadre_desk.services.own.desk import OwnDesk
    from cadre_desk.services.refresh import http_settings_from
    from cadre_desk.services.rules import RulesService
    from cadre_desk.services.search import SearchService
    from cadre_desk.services.sync.service import SyncService
    from cadre_desk.services.task_area import build_task_area

    db = ctx.db
    return Services(
        settings=ctx.settings,
        inbox=InboxService(db),
        search=SearchService(db),
        rules=RulesService(db),
        folding=FoldingService(db),
        item_actions=ItemActions(db),
        sources=build_source_area(ctx),
        tasks=build_task_area(db, ctx.paths, ctx.settings),
        own=OwnDesk(db, http_settings_from(ctx.settings)),
        sync=SyncService(db, ctx.paths, ctx.secrets),
        backups=BackupService(ctx.paths),
        _ctx=ctx,
    )


def inbox_tools(services: Services) -> InboxTools:
    from cadre_desk.ui.inbox.page import InboxTools

    return InboxTools(
        search=services.search, rules=services.rules, folding=services.folding, actions=services.item_actions
    )


def build_main_window(ctx: AppContext, services: Services | None = None) -> MainWindow:
    """Assemble the GUI over a context. Qt is imported here only, so the CLI stays Qt-free."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QWidget

    from cadre_desk.ui.background import BackgroundRunner, ReleaseAfterFirstPaint
    from cadre_desk.ui.bus import DataBus
    from cadre_desk.ui.crash import show_error
    from cadre_desk.ui.desktop import attach_settings_action
    from cadre_desk.ui.inbox.page import InboxPage
    from cadre_desk.ui.main_window import MainWindow

    services = services or build_services(ctx)
    ctx.extras["services"] = services
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

    inbox = InboxPage(services.inbox, runner, bus, tools=inbox_tools(services))
    window.add_page("inbox", QCoreApplication.translate("MainWindow", "收件箱"), inbox)
    inbox.status_changed.connect(window.set_status)
    inbox.load()
    # The other pages' first loads start once the inbox is painted and the user has let it be
    # for a moment (not while the first scrolls load their pages), or when another page opens.
    ReleaseAfterFirstPaint(
        runner,
        inbox.list.viewport(),
        quiet_ms=STARTUP_QUIET_MS,
        activity=[inbox.list.verticalScrollBar().valueChanged, inbox.list_model.page_loaded],
        release_on=[window.stack.currentChanged],
        busy=lambda: inbox.list_model.fetching,
    )
    inbox.catch_up_index()

    def build_redundancy_page() -> QWidget:
        from cadre_desk.ui.analysis.page import RedundancyPage

        page = RedundancyPage(services.analysis, runner, bus, report_error)
        page.status_changed.connect(window.status_for("redundancy"))
        page.load()
        return page

    def build_stats_page() -> QWidget:
        from cadre_desk.ui.reports.page import StatsPage

        page = StatsPage(services.reports, runner, bus)
        page.refresh()
        return page

    # Built on first show: the analysis page pulls in numpy/scipy (over a second at start-up).
    window.add_page("redundancy", QCoreApplication.translate("MainWindow", "减负"), build_redundancy_page)
    window.add_page("stats", QCoreApplication.translate("MainWindow", "统计"), build_stats_page)

    from cadre_desk.ui.sources import install_sources_ui

    install_sources_ui(window, services.sources, ctx.settings)
    services.sources.schedule.start()  # ticks on its own thread; stopped when the window closes

    from cadre_desk.ui.sync.status_widget import attach_sync

    attach_sync(window, services.sync, runner, bus)

    from cadre_desk.ui.tasks.install import install_task_area

    ctx.extras["tasks"] = install_task_area(window, services.tasks)
    from cadre_desk.ui.own import install_own_page

    install_own_page(window, services.own)
    # Polish, lay out and render the window once before it is shown: style, fonts and glyph
    # caches cost ~100 ms the first time. Shown afterwards, its first frame holds the inbox
    # page at once instead of ~100 ms later (benchmarks/_gui_probe.py).
    window.grab()
    return window
