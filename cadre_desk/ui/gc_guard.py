"""Garbage collection only on the GUI thread (as qutebrowser's GarbageCollector and Anki do).

Python's cyclic collector runs in whichever thread happens to allocate. If it frees a Qt object
caught in a reference cycle (a closed window's widgets, a finished job's relay) from a worker
thread, Qt crashes. So automatic collection is switched off and the GUI thread collects on a
timer instead; reference counting still frees everything that is not in a cycle immediately.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from cadre_desk.services import collection_pause

INTERVAL_MS = 1000
# During start-up (the window built, shown, its first pages loaded) the ticks freeze what exists
# instead of collecting it: modules, services and the window live as long as the app, and
# walking them was the GUI's longest stall right after start-up (the first young collection over
# ~100,000 objects: ~40 ms, a full one over ~130,000: ~75 ms, 50k-item profile). Later
# collections walk only what came after. What start-up left in cycles stays (bounded, once).
STARTUP_TICKS = 5
FULL_EVERY_TICKS = 60
# A young collection walks every container allocated since the last one, in any thread: while
# a background job builds a large result (an export's 200,000 rows, a sync apply's records) that
# was up to 2 million objects and 100-150 ms on the GUI thread (a tick during scrolling missed
# ~8 frames), and it frees nothing the job still holds. Above this many the collection waits
# until the user has left the window alone for IDLE_MS (most such objects are freed by
# reference counting when the job ends, and the count drops again), at most MOST_DEFER_S.
YOUNG_BUDGET = 20_000  # ~1-2 ms of walking
IDLE_MS = 500
MOST_DEFER_S = 30.0

_USER_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)
        self._ticks = 0
        self._last_input = 0.0  # time.monotonic() of the user's last key, click, move or wheel
        self._deferred_since: float | None = None
        self._full_due = False
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in _USER_INPUT:
            self._last_input = time.monotonic()
        return False

    def collect(self) -> None:
        self._ticks += 1
        if self._ticks <= STARTUP_TICKS:
            gc.freeze()  # moves the tracked objects aside: no walk, microseconds
            return
        # Young objects every second, everything every minute: cheap and bounded.
        self._full_due = self._full_due or self._ticks % FULL_EVERY_TICKS == 0
        if collection_pause.paused():
            # A sync apply is building its records on a worker thread: a pass now would walk
            # them (holding the GIL, so stalling the apply too) only to find them alive, even
            # with the user away. The ticks resume when it ends; most of it is freed by then.
            return
        now = time.monotonic()
        small = gc.get_count()[0] <= YOUNG_BUDGET and not self._full_due
        idle = now - self._last_input >= IDLE_MS / 1000
        waited_enough = self._deferred_since is not None and now - self._deferred_since >= MOST_DEFER_S
        if not (small or idle or waited_enough):
            if self._deferred_since is None:
                self._deferred_since = now
            return
        self._deferred_since = None
        gc.collect(2 if self._full_due else 0)
        self._full_due = False
