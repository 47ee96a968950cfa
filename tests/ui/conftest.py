"""UI fixtures: the interface in each language (compiled .qm, installed for one test)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_translations() -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_translations.py")],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )


@pytest.fixture(params=["zh_CN", "en"])
def interface_language(
    request: pytest.FixtureRequest, qapp: QApplication, built_translations: None
) -> Iterator[str]:
    from cadre_desk.ui.i18n import install_translator

    install_translator(qapp, request.param)
    yield request.param
    install_translator(qapp, "zh_CN")
