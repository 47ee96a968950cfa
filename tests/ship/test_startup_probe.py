"""The start-up probe that bench_foundation times must report a paint on an empty profile, which
shows the empty state instead of the list (it used to wait forever for the list's paint)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _probe(profile: Path) -> dict[str, str]:
    env = dict(os.environ, CADRE_DESK_STARTUP_PROBE="1", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "cadre_desk", "--data-dir", str(profile)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line.split(maxsplit=1) for line in done.stdout.splitlines() if line.strip()]
    return {parts[0]: (parts[1] if len(parts) > 1 else "") for parts in lines}


@pytest.mark.slow
def test_probe_reports_the_first_paint_of_an_empty_profile(tmp_path: Path) -> None:
    report = _probe(tmp_path / "empty")
    assert "PAINTED" in report
    assert report["ROWS"] == "0"
    assert int(report["PEAK_RSS_KB"]) > 10_000
