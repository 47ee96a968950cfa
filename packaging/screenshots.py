#!/usr/bin/env python3
"""Screenshots of the first-run wizard and the settings dialog in zh_CN and English.

    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \
        python packaging/screenshots.py OUT_DIR

Grabs the real X server pixels (QScreen.grabWindow), so what is saved is what a user on that
display sees. Used by tests/ship/test_screenshots.py and for the AppStream listing. Works on
a temporary profile and config folder; nothing of the user's is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_TEMP = Path(tempfile.mkdtemp(prefix="cadre-desk-shots-"))
os.environ["CADRE_DESK_CONFIG_DIR"] = str(_TEMP / "config")
os.environ["XDG_CONFIG_HOME"] = str(_TEMP / "xdg")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cadre_desk.app import build_context  # noqa: E402
from cadre_desk.services.first_run import FirstRunPlan  # noqa: E402
from cadre_desk.ui.background import BackgroundRunner  # noqa: E402
from cadre_desk.ui.first_run import FirstRunWizard  # noqa: E402
from cadre_desk.ui.i18n import install_translator  # noqa: E402
from cadre_desk.ui.settings_dialog import SettingsDialog  # noqa: E402
from cadre_desk.ui.theme import configure_high_dpi  # noqa: E402


def settle(app: QApplication, ms: int = 250) -> None:
    """Let the window map and paint on the X server."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(app: QApplication, widget: QWidget, target: Path) -> Path:
    widget.raise_()
    widget.activateWindow()
    settle(app)
    screen = widget.screen()
    pixmap = screen.grabWindow(widget.winId())
    if pixmap.isNull() or pixmap.width() < 100:  # platforms without window grabbing
        pixmap = widget.grab()
    pixmap.save(str(target))
    print(target)
    return target


def main(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    configure_high_dpi()
    app = QApplication([sys.argv[0]])
    ctx = build_context(_TEMP / "profile")
    runner = BackgroundRunner(lambda exc: None)
    try:
        for language in ("zh_CN", "en"):
            install_translator(app, language)
            wizard = FirstRunWizard(FirstRunPlan(data_dir=_TEMP / "data", language=language))
            wizard.show()
            shoot(app, wizard, out_dir / f"wizard-welcome-{language}.png")
            wizard.next()
            wizard.next()
            wizard.sources.county.setText("清河县")
            wizard.sources.township.setText("城关镇")
            shoot(app, wizard, out_dir / f"wizard-sources-{language}.png")
            wizard.next()
            shoot(app, wizard, out_dir / f"wizard-hours-{language}.png")
            wizard.close()
            dialog = SettingsDialog(ctx.settings, runner)
            dialog.show()
            shoot(app, dialog, out_dir / f"settings-general-{language}.png")
            dialog.tabs.setCurrentIndex(2)
            shoot(app, dialog, out_dir / f"settings-work-{language}.png")
            dialog.close()
    finally:
        runner.wait_idle()
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "screenshots"))
