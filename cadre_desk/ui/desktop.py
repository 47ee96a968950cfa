"""Desktop integration wired by the launcher: icon, colour scheme, settings menu, tray start."""

from __future__ import annotations

import logging

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QSystemTrayIcon

from cadre_desk.services.settings import Settings
from cadre_desk.ui.theme import app_icon, follow_system_color_scheme

log = logging.getLogger(__name__)

DESKTOP_FILE_NAME = "cadre-desk"  # packaging/linux/cadre-desk.desktop: lets docks group our windows


def prepare_application(app: QApplication) -> None:
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    follow_system_color_scheme(app)


def attach_settings_action(window: QMainWindow, file_menu: QMenu, settings: Settings) -> QAction:
    """文件 › 设置… (Ctrl+,) opening the dialog generated from the settings declaration."""
    action = QAction(QApplication.translate("MainWindow", "设置(&S)…"), window)
    action.setShortcut(QKeySequence.StandardKey.Preferences)
    if action.shortcut().isEmpty():  # no platform default on most Linux desktops
        action.setShortcut(QKeySequence("Ctrl+,"))
    action.setObjectName("action:settings")

    def open_dialog() -> None:
        from cadre_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(settings, window.runner, window.bus, window)  # type: ignore[attr-defined]
        dialog.exec()

    action.triggered.connect(open_dialog)
    existing = file_menu.actions()
    file_menu.insertAction(existing[1] if len(existing) > 1 else None, action)  # after "open data folder"
    return action


def demo_command() -> tuple[str, list[str]]:
    """How to start this program on the demo profile (an installed bundle or the source tree)."""
    import sys

    if getattr(sys, "frozen", False):
        return sys.executable, ["--demo"]
    return sys.executable, ["-m", "cadre_desk", "--demo"]


def start_demo_instance() -> bool:
    """Open the demo profile in a second window (its own data folder, so it runs beside this
    one); the launcher builds the demo data on first use."""
    from PySide6.QtCore import QProcess

    program, arguments = demo_command()
    started = QProcess.startDetached(program, arguments)
    ok = bool(started[0] if isinstance(started, tuple) else started)
    log.info("demo window %s", "started" if ok else "could not be started")
    return ok


def tray_available(window: QMainWindow) -> bool:
    """A visible tray icon exists (the tray page of the tasks area may add one)."""
    icons = window.findChildren(QSystemTrayIcon) + [
        child
        for child in QApplication.instance().findChildren(QSystemTrayIcon)  # type: ignore[union-attr]
    ]
    return QSystemTrayIcon.isSystemTrayAvailable() and any(icon.isVisible() for icon in icons)


def show_main_window(window: QMainWindow, settings: Settings) -> str:
    """Show the window, or keep it in the tray / minimized when the user asked for that.

    Returns how it was shown ("normal", "tray", "minimized") for the log and tests.
    """
    if not settings.get("ui.start_minimized"):
        window.show()
        return "normal"
    if tray_available(window):
        log.info("started in the tray")
        return "tray"
    window.showMinimized()  # no tray on this desktop: never start invisible with no way back
    return "minimized"
