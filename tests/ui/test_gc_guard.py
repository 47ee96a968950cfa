"""The GUI thread's collector: start-up's objects are frozen (no walk over them later), cycles
made after start-up are still collected on the GUI thread, except while a sync apply runs."""

from __future__ import annotations

import gc
import weakref
from typing import Any

from cadre_desk.services import collection_pause
from cadre_desk.services.collection_pause import collections_paused
from cadre_desk.ui.gc_guard import FULL_EVERY_TICKS, STARTUP_TICKS, GuiThreadCollector


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


def test_a_large_young_generation_waits_while_the_user_is_busy(qapp: Any, monkeypatch: Any) -> None:
    """A background job's big result (an export's rows) fills the young generation: walking it
    on the GUI thread stalled scrolling for 100+ ms, so the collector waits until the user has
    left the window alone (or a full minute's collection is due then too)."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QWidget

    from cadre_desk.ui import gc_guard

    collector = GuiThreadCollector()
    collector._timer.stop()
    widget = QWidget()
    try:
        for _ in range(STARTUP_TICKS):
            collector.collect()
        job_result = [[n] for n in range(gc_guard.YOUNG_BUDGET + 5_000)]  # held by a running job
        cycle = _Cycle()
        ref = weakref.ref(cycle)
        del cycle
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
        QCoreApplication.sendEvent(widget, key)  # the user scrolls with the keyboard
        collector.collect()
        assert ref() is not None  # not walked while the user is busy
        monkeypatch.setattr(gc_guard, "IDLE_MS", 0)  # ...and now the user has let the window be
        collector.collect()
        assert ref() is None
        del job_result
    finally:
        widget.deleteLater()
        collector.deleteLater()


def test_no_collection_on_the_gui_thread_while_a_sync_apply_runs(qapp: Any) -> None:
    collector = GuiThreadCollector()
    collector._timer.stop()
    try:
        for _ in range(STARTUP_TICKS):
            collector.collect()
        garbage = _Cycle()
        ref = weakref.ref(garbage)
        del garbage
        with collections_paused():
            for _ in range(FULL_EVERY_TICKS + 1):  # a full collection falls due meanwhile too
                collector.collect()
            assert ref() is not None
        collector.collect()  # the full collection, once the apply has ended
        assert ref() is None
        assert not collector._full_due
    finally:
        collector.deleteLater()


def test_overlapping_pauses_restore_the_collector_when_the_last_ends() -> None:
    gc.enable()
    try:
        with collections_paused():
            with collections_paused():
                assert not gc.isenabled()
            assert collection_pause.paused() and not gc.isenabled()
        assert not collection_pause.paused() and gc.isenabled()
    finally:
        gc.disable()
