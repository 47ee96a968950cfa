"""Child process of bench_inbox: open the real main window on a profile, report first page
painted after show and the process's peak RSS."""

from __future__ import annotations

import resource
import time
from pathlib import Path


def _peak_rss_mb() -> float:
    """VmHWM of this process: ru_maxrss survives execve on Linux and would report the parent's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def probe(profile: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from cadre_desk.app import build_context, build_main_window

    app = QApplication.instance() or QApplication([])
    ctx = build_context(profile, take_lock=False)
    began = time.perf_counter()
    window = build_main_window(ctx)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    window.grab()  # forces a full paint of the first page
    painted = (time.perf_counter() - began) * 1000
    # scroll through a few pages (fetchMore) as a user would
    inbox = window.page("inbox")
    view = getattr(inbox, "list", None)
    if view is not None:
        for _ in range(20):
            view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
            app.processEvents()
    rss = _peak_rss_mb()
    print(f"GUI: window built and first page painted in {painted:.0f} ms; peak RSS {rss:.0f} MB")
    window.close()
    ctx.close()
