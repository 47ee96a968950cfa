"""``exit_with``: a process ends when the one it watches is gone (pidfd, or polling without it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A "parent" that starts a watcher of itself (in its own session, so it is not our child's
# child when the parent dies), prints the watcher's pid, then waits to be killed.
_PARENT = """
import os, subprocess, sys, time
watcher = subprocess.Popen(
    [sys.executable, "-c", sys.argv[1], str(os.getpid()), sys.argv[2]], start_new_session=True
)
print(watcher.pid, flush=True)
time.sleep(120)
"""
_WATCHER = """
import os, sys, time
if sys.argv[2] == "poll":
    del os.pidfd_open
from cadre_desk.platform import process_guard
process_guard.POLL_SECONDS = 0.2
process_guard.exit_with(int(sys.argv[1]))
time.sleep(120)
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("mode", ["pidfd", "poll"])
def test_a_watcher_exits_soon_after_the_watched_process_is_killed(mode: str) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, _WATCHER, mode], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    watcher = int(parent.stdout.readline())
    try:
        time.sleep(1.5)  # the watcher has started watching
        assert not _gone(watcher)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while not _gone(watcher) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(watcher)
    finally:
        if parent.poll() is None:
            parent.kill()
        if not _gone(watcher):
            os.kill(watcher, signal.SIGKILL)  # ours: started by the parent above
