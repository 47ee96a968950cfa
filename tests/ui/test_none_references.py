"""PySide6 6.12 on CPython 3.11 takes a reference from None on every void Qt call; without the
reserve made by ``cadre_desk.ui`` the interpreter aborts after some 70,000 such calls (a few
hundred repaints of the main window)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CALLS = 400_000
PROGRAM = f"""
import sys
{{setup}}
from PySide6.QtCore import QObject
thing = QObject()
for _ in range({CALLS}):
    thing.setObjectName("x")
print("alive")
"""


def run(setup: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM.format(setup=setup)], capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow  # a subprocess
def test_void_qt_calls_never_exhaust_none() -> None:
    done = run("import cadre_desk.ui")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "alive"
