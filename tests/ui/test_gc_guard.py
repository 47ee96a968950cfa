"""The GUI thread's collector: start-up's objects are frozen (no walk over them later), cycles
made after start-up are still collected on the GUI thread."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from cadre_desk.ui.gc_guard import STARTUP_TICKS, GuiThreadCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_start_up_is_frozen_and_later_cycles_collected(qapp: Any) -> None:
    collector = GuiThreadCollector()
    collector._timer.stop()  # ticked by hand
    try:
        frozen_before = gc.get_freeze_count()
        during_start_up = _Cycle()
        for _ in range(STARTUP_TICKS):
            collector.collect()
        assert gc.get_freeze_count() > frozen_before
        assert any(obj is during_start_up for obj in gc.get_objects()) is False  # frozen: not walked
        later = _Cycle()
        ref = weakref.ref(later)
        del later
        assert ref() is not None  # automatic collection is off: only the collector frees cycles
        collector.collect()  # a young collection
        assert ref() is None
    finally:
        collector.deleteLater()
