"""``cadre-desk --self-test``: prove an installation works, without touching the user's data.

On a temporary profile it opens the database (running every migration), checks the bundled
resources and translations, renders the main window, and exits 0 — or 1, naming what
failed. The Linux bundle smoke test (packaging/build_linux.sh) runs it under Xvfb; the
normal test suite runs it from source, offscreen.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from cadre_desk import __version__
from cadre_desk.platform.resources import is_frozen, resource_path, resource_root

log = logging.getLogger(__name__)


def emit(line: str) -> None:
    """Print a result line; a windowed Windows build has no stdout, so it goes to the log too."""
    log.info("self-test: %s", line)
    if sys.stdout is not None:
        print(line, flush=True)


class SelfTest:
    def __init__(self, app: QApplication, profile: Path) -> None:
        self.app = app
        self.profile = profile
        self.failures = 0

    def check(self, name: str, run: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail = run()
        except Exception as exc:  # reported, counted, never hidden
            self.failures += 1
            emit(f"FAIL {name}: {type(exc).__name__}: {exc}")
            log.debug("self-test %s failed:\n%s", name, traceback.format_exc())
            return
        emit(f"ok   {name} ({(time.perf_counter() - started) * 1000:.0f} ms) {detail}")

    def resources(self) -> str:
        from cadre_desk.ui.theme import app_icon

        svg = resource_path("icons", "cadre_desk.svg")
        if not svg.is_file():
            raise FileNotFoundError(svg)
        if app_icon().isNull() or app_icon().pixmap(64, 64).isNull():
            raise RuntimeError("the app icon does not render (Qt svg/image plugins missing?)")
        return str(resource_root())

    def translations(self) -> str:
        from cadre_desk.ui.i18n import install_translator

        try:
            if not install_translator(self.app, "en"):
                raise FileNotFoundError(resource_path("i18n", "cadre_desk_en.qm"))
            english = QCoreApplication.translate("SettingsDialog", "常规")
            if english == "常规":
                raise RuntimeError("the English translation is loaded but empty")
        finally:
            install_translator(self.app, "zh_CN")
        return f"en: 常规 → {english}"

    def pdf_font(self) -> str:
        """PDF export embeds a CJK TrueType font; bundles ship one, installs find the system's."""
        from cadre_desk.platform.fonts import find_cjk_truetype_font

        font = find_cjk_truetype_font()
        if is_frozen() and sys.platform != "win32" and resource_root() not in font.path.parents:
            raise RuntimeError(f"the bundled font is missing; found only {font.path}")
        return str(font.path)

    def database(self) -> str:
        from sqlalchemy import select

        from cadre_desk.app import build_context
        from cadre_desk.storage import migrate
        from cadre_desk.storage.models import Setting

        ctx = build_context(self.profile)
        try:
            with ctx.db.engine.connect() as conn:
                revision = migrate.current_revision(conn)
            if revision != migrate.head_revision():
                raise RuntimeError(f"schema at {revision}, expected {migrate.head_revision()}")
            ctx.settings.set("user.unit", "自检")
            with ctx.db.session() as session:
                stored = session.scalar(select(Setting.value).where(Setting.key == "user.unit"))
            if stored != "自检":
                raise RuntimeError("a setting did not round-trip through the database")
        finally:
            ctx.close()
        return f"migrated to {revision}"

    def main_window(self) -> str:
        from cadre_desk.app import build_context, build_main_window

        ctx = build_context(self.profile)
        try:
            window = build_main_window(ctx)
            window.show()
            deadline = time.monotonic() + 10
            while not window.isVisible() and time.monotonic() < deadline:
                self.app.processEvents()
            for _ in range(20):
                self.app.processEvents()
            image = window.grab().toImage()
            if image.isNull() or image.width() < 200:
                raise RuntimeError("the main window did not render")
            colours = {
                image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)
            }
            if len(colours) < 3:
                raise RuntimeError("the main window rendered blank")
            window.close()
            window.runner.shutdown()
            # Destroyed, not only hidden: its timers (tray reminders, refresh) would otherwise go
            # on writing into the temporary profile after it is deleted.
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        finally:
            ctx.close()
        return f"{image.width()}×{image.height()}, {len(colours)} colours sampled"


def run_self_test(args: argparse.Namespace) -> int:
    from cadre_desk.ui.theme import configure_high_dpi

    emit(
        f"cadre_desk {__version__} self-test ({'frozen' if is_frozen() else 'source'}, "
        f"Python {sys.version.split()[0]})"
    )
    if QApplication.instance() is None:
        configure_high_dpi()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    temp = Path(tempfile.mkdtemp(prefix="cadre-desk-selftest-"))
    test = SelfTest(app, temp / "profile")
    try:
        test.check("resources", test.resources)
        test.check("translations", test.translations)
        test.check("PDF font", test.pdf_font)
        test.check("database and migrations", test.database)
        test.check("main window", test.main_window)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    emit("self-test " + ("passed" if test.failures == 0 else f"FAILED ({test.failures})"))
    return 0 if test.failures == 0 else 1
