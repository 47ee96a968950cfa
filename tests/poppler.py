"""poppler-utils (pdftotext, pdffonts, pdftoppm) for the PDF tests, one way for every test.

The test command installs poppler-utils, so under CI a missing tool is a failure; on a
developer's machine without it the PDF tests are skipped with the same reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HINT = "poppler-utils is not installed (apt-get install -y poppler-utils; command 2 of the README does)"


def poppler(tool: str, *args: str) -> str:
    """Run one poppler tool and return its standard output."""
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool}: {HINT}")
        pytest.skip(f"{tool}: {HINT}")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def pdf_text(path: Path, *, layout: bool = False) -> str:
    return poppler("pdftotext", *(["-layout"] if layout else []), str(path), "-")


def pdf_fonts(path: Path) -> str:
    return poppler("pdffonts", str(path))


def render_pages(path: Path, prefix: Path, dpi: int = 30) -> list[Path]:
    poppler("pdftoppm", "-r", str(dpi), "-png", str(path), str(prefix))
    return sorted(prefix.parent.glob(prefix.name + "*.png"))
