"""Real Xvfb screenshots of the wizard and the settings dialog, in zh_CN and English."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.ship.conftest import ROOT

SHOTS = ("wizard-welcome", "wizard-sources", "wizard-hours", "settings-general", "settings-work")


def _distinct_colours(image: QImage) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), 13) for y in range(0, image.height(), 11)})


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is installed by the test command")
def test_xvfb_screenshots_in_both_languages(tmp_path: Path, compiled_translations: None) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [
            "xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
            sys.executable, str(ROOT / "packaging" / "screenshots.py"), str(tmp_path),
        ],
        env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    for name in SHOTS:
        chinese = QImage(str(tmp_path / f"{name}-zh_CN.png"))
        english = QImage(str(tmp_path / f"{name}-en.png"))
        assert not chinese.isNull() and not english.isNull(), name
        assert chinese.width() >= 500 and chinese.height() >= 300, name
        assert _distinct_colours(chinese) > 8, f"{name} looks blank"
        assert chinese != english, f"{name}: the English screenshot shows the same pixels as Chinese"
