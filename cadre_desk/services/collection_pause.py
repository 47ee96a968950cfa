"""Cyclic garbage collection held off while a large batch runs (a sync apply).

A batch that builds a few objects per record and frees them by reference counting gains nothing
from the cyclic collector, which would walk every one of them on each pass (a first sync of
100,000 records: ~0.5 s of its CPU). Two collectors exist: the interpreter's automatic one, which
``collections_paused`` switches off and puts back as it found it, and the GUI's, which collects on
the GUI thread on a timer (``ui.gc_guard``) and skips its ticks while ``paused()`` says a batch
runs. Without that, a sync run from the GUI had the GUI thread walk the apply's young objects
every second (and all of them at the minute's full collection) while holding the GIL.

Pauses may nest and overlap across threads: the last one to end restores the collector.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_active = 0
_was_enabled = False


def paused() -> bool:
    """Whether a batch is running with collections paused."""
    return _active > 0


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()
