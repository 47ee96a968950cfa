"""Start the GUI: open the profile (explaining any problem), then show the main window."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cadre_desk import APP_NAME, __version__
from cadre_desk.app import AppContext, build_context, build_main_window, build_services
from cadre_desk.domain.changes import Changes
from cadre_desk.domain.errors import CadreError, DatabaseCorruptError
from cadre_desk.platform.logging_setup import configure_logging
from cadre_desk.platform.paths import DataPaths, default_data_dir
from cadre_desk.services.backups import BackupService
from cadre_desk.services.first_run import apply_first_run, apply_first_run_settings
from cadre_desk.ui import startup_probe
from cadre_desk.ui.crash import install_excepthook
from cadre_desk.ui.desktop import prepare_application, show_main_window
from cadre_desk.ui.first_run import first_run_needed, run_first_run_wizard
from cadre_desk.ui.gc_guard import GuiThreadCollector
from cadre_desk.ui.i18n import install_translator
from cadre_desk.ui.single_instance import SingleInstance, bring_to_front
from cadre_desk.ui.theme import configure_high_dpi

log = logging.getLogger(__name__)

DAILY_BACKUP_DELAY_MS = 3000


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    configure_high_dpi()
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("cadre_desk")
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    prepare_application(app)
    return app


def _ask(title: str, text: str, detail: str = "") -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text)
    if detail:
        box.setInformativeText(detail)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def _explain(exc: CadreError) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "cadre_desk", exc.user_message)
    if exc.next_step:
        box.setInformativeText(exc.next_step)
    box.exec()


def open_profile_interactively(data_dir: Path) -> AppContext | None:
    """Open the profile; on a damaged database offer the last good backup (never deleting)."""
    try:
        return build_context(data_dir)
    except DatabaseCorruptError as exc:
        if not exc.latest_backup:
            _explain(exc)
            return None
        if not _ask(
            "cadre_desk",
            exc.user_message,
            f"是否从最近一次完好的备份恢复？\n{exc.latest_backup}\n损坏的文件会保留在原文件夹中，不会删除。",
        ):
            return None
        kept = BackupService(DataPaths(data_dir)).restore(Path(exc.latest_backup))
        log.warning("restored from backup; damaged file kept at %s", kept)
        return build_context(data_dir)
    except CadreError as exc:
        _explain(exc)
        return None


def _prepare_demo(ctx: AppContext) -> None:
    """Fill an empty demo profile with the realistic sample data, analysed."""
    from cadre_desk.demo.profile import prepare_demo_profile

    prepare_demo_profile(ctx.db, ctx.paths.root, ctx.settings)


def launch_gui(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    app = _application()
    collector = GuiThreadCollector(app)  # noqa: F841 - lives as long as the application
    if getattr(args, "demo", False):
        from cadre_desk.platform.paths import demo_data_dir

        data_dir = args.data_dir or demo_data_dir()
    else:
        data_dir = args.data_dir or default_data_dir()
    plan = None
    if first_run_needed(args):
        plan = run_first_run_wizard(app)
        if plan is None:
            return 0  # cancelled: nothing was created
        data_dir = plan.data_dir
    instance = SingleInstance(data_dir)
    if instance.forward_to_running(sys.argv[1:]):
        log.info("another window is open on %s: brought it to the front", data_dir)
        return 0
    ctx = open_profile_interactively(data_dir)
    if ctx is None:
        return 2
    configure_logging(ctx.paths.logs, getattr(args, "debug", False))
    install_excepthook(ctx.paths.crash_reports)
    if plan is not None:
        apply_first_run_settings(ctx.settings, plan)  # before the services read them
    install_translator(app, ctx.settings.get("ui.language"))
    if getattr(args, "demo", False):
        _prepare_demo(ctx)
    services = build_services(ctx)
    if plan is not None:
        try:
            apply_first_run(plan, services.sources.sources, services.sources.own_accounts)
        except CadreError as exc:
            _explain(exc)
    window = build_main_window(ctx, services)
    if startup_probe.enabled():
        startup_probe.attach(window.page("inbox"))
    shown = show_main_window(window, ctx.settings)
    instance.listen()
    instance.activation_requested.connect(lambda _argv: bring_to_front(window))
    instance.data_changed.connect(lambda tables: window.bus.announce(Changes.of_tables(tables)))
    log.info("main window %s after %.0f ms", shown, (time.perf_counter() - started) * 1000)
    backups = services.backups
    # On idle after start-up, in its own thread (not the GUI's job pool), stopped at quit.
    QTimer.singleShot(DAILY_BACKUP_DELAY_MS, window, backups.start_daily)
    quit_after = getattr(args, "quit_after_ms", None)
    if quit_after is not None:
        QTimer.singleShot(int(quit_after), app.quit)
    try:
        return app.exec()
    finally:
        if not backups.stop():
            log.warning("the daily backup did not stop within a second; it is taken again later")
        window.runner.shutdown()
        ctx.close()
