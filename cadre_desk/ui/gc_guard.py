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
# During start-up (the window built, shown, its first pages loaded) the ticks freeze what exists
# instead of collecting it: modules, services and the window live as long as the app, and
# walking them was the GUI's longest stall right after start-up (the first young collection over
# ~100,000 objects: ~40 ms, a full one over ~130,000: ~75 ms, 50k-item profile). Later
# collections walk only what came after. What start-up left in cycles stays (bounded, once).
STARTUP_TICKS = 5


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
        if self._ticks <= STARTUP_TICKS:
            gc.freeze()  # moves the tracked objects aside: no walk, microseconds
            return
        # Young objects every second, everything every minute: cheap and bounded.
        gc.collect(2 if self._ticks % 60 == 0 else 0)
