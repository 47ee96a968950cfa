"""Garbage collection only on the GUI thread (as qutebrowser's GarbageCollector and Anki do).

Python's cyclic collector runs in whichever thread happens to allocate. If it frees a Qt object
caught in a reference cycle (a closed window's widgets, a finished job's relay) from a worker
thread, Qt crashes. So automatic collection is switched off and the GUI thread collects on a
timer instead; reference counting still frees everything that is not in a cycle immediately.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)
        self._ticks = 0

    def collect(self) -> None:
        self._ticks += 1
        # Young objects every second, everything every minute: cheap and bounded.
        gc.collect(2 if self._ticks % 60 == 0 else 0)
