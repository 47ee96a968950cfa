"""Fixtures for the shipping area: built translations, isolated config and autostart folders."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]
BUILD_TRANSLATIONS = ROOT / "packaging" / "build_translations.py"


@pytest.fixture(scope="session")
def compiled_translations() -> None:
    """The .qm files are build products (gitignored): compile them like the install command."""
    subprocess.run([sys.executable, str(BUILD_TRANSLATIONS)], check=True, cwd=ROOT, capture_output=True)


@pytest.fixture(autouse=True)
def isolated_desktop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the real ~/.config: the data-folder pointer and autostart entries go to tmp."""
    config = tmp_path / "config"
    monkeypatch.setenv("CADRE_DESK_CONFIG_DIR", str(config / "cadre_desk"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


@pytest.fixture
def english(qapp: QApplication, compiled_translations: None) -> Iterator[QApplication]:
    from cadre_desk.ui.i18n import install_translator

    assert install_translator(qapp, "en")
    yield qapp
    install_translator(qapp, "zh_CN")


@pytest.fixture
def chinese(qapp: QApplication, compiled_translations: None) -> QApplication:
    from cadre_desk.ui.i18n import install_translator

    install_translator(qapp, "zh_CN")
    return qapp
