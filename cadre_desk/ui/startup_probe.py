"""Benchmark support: report when the inbox is first painted, then exercise it and quit.

Enabled only by ``CADRE_DESK_STARTUP_PROBE=1`` (used by ``benchmarks/bench_foundation.py``).
Prints ``PAINTED``, then scrolls through pages and opens items, prints ``PEAK_RSS_KB <n>``.
"""

from __future__ import annotations

import os
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

ENV_FLAG = "CADRE_DESK_STARTUP_PROBE"


def enabled() -> bool:
    return os.environ.get(ENV_FLAG) == "1"


class _PaintWatcher(QObject):
    def __init__(self, page: QObject, pages_to_scroll: int) -> None:
        super().__init__(page)
        self._page = page
        self._pages_to_scroll = pages_to_scroll
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            print("PAINTED", flush=True)
            QTimer.singleShot(0, self, self._exercise)
        return False

    def _exercise(self) -> None:
        page = self._page
        model = page.list_model  # type: ignore[attr-defined]
        if not page.list.isVisibleTo(page):  # type: ignore[attr-defined]
            self._pages_to_scroll = 0  # an empty profile shows its empty state: nothing to scroll
        for _ in range(self._pages_to_scroll):
            if not model.canFetchMore():
                break
            model.fetchMore()
            deadline = time.monotonic() + 30
            while model.fetching and time.monotonic() < deadline:  # pages load in the background
                QApplication.processEvents()
                time.sleep(0.001)
            QApplication.processEvents()
        for row in range(0, model.rowCount(), max(1, model.rowCount() // 50)):
            page.list.setCurrentIndex(model.index(row, 0))  # type: ignore[attr-defined]
            QApplication.processEvents()
        page.list.scrollToBottom()  # type: ignore[attr-defined]
        QApplication.processEvents()
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"ROWS {model.rowCount()}", flush=True)
        print(f"PEAK_RSS_KB {peak_kb}", flush=True)
        sys.stdout.flush()
        QApplication.quit()


def attach(inbox_page: QObject, pages_to_scroll: int = 25) -> None:
    """Watch the list's viewport, and the empty state that an empty profile shows instead of
    the list (without it, a start on an empty profile never reported a paint)."""
    watcher = _PaintWatcher(inbox_page, pages_to_scroll)
    inbox_page.list.viewport().installEventFilter(watcher)  # type: ignore[attr-defined]
    inbox_page.empty_state.installEventFilter(watcher)  # type: ignore[attr-defined]
