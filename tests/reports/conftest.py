"""Fixtures for report tests: folders made truly unwritable with ``chattr +i``.

Tests run as root here, and root ignores permission bits, so a read-only folder is made
immutable instead (ext4 supports it); the fixture undoes it so tmp_path can be cleaned.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture
def make_immutable() -> Iterator[Callable[[Path], None]]:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    frozen: list[Path] = []

    def freeze(path: Path) -> None:
        result = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if result.returncode != 0:
            pytest.skip(f"cannot make {path} immutable here: {result.stderr.strip()}")
        frozen.append(path)

    yield freeze
    for path in frozen:
        subprocess.run(["chattr", "-i", str(path)], check=False)
