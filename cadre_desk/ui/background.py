"""One way to leave the GUI thread (Picard's ``run_task``, Anki's ``CollectionOp``).

``runner.run(work, on_success, on_error)`` runs ``work()`` on a pool thread and delivers its
result or exception back on the GUI thread. Writes go through ``write=True``: a pool of one
thread, so two writes never race for SQLite's single writer lock.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    SignalInstance,
    Slot,
)

from cadre_desk.domain.errors import CadreError

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread and is owned by the runner (a Qt child), so neither the worker
    thread nor the cyclic collector ever frees it: it deletes itself on the GUI thread once it
    has delivered. It also holds the work, so whatever the work captured (often a widget) is
    released on the GUI thread, never in the worker."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.work: Callable[[], Any] | None = work
        self._on_success: Callable[[Any], None] | None = on_success
        self._on_failure: Callable[[BaseException], None] | None = on_failure
        self.on_done: Callable[[], None] | None = None  # on the GUI thread, after delivery
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    def _release(self) -> tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]:
        callbacks = (self._on_success, self._on_failure)
        self.work = self._on_success = self._on_failure = None
        self.deleteLater()
        return callbacks

    def _runner_closed(self) -> bool:
        runner = self.parent()
        return isinstance(runner, BackgroundRunner) and runner.closed

    def _done(self) -> None:
        on_done, self.on_done = self.on_done, None
        if on_done is not None:
            on_done()

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        on_success, _ = self._release()
        try:
            if on_success is not None and not self._runner_closed():
                _deliver(on_success, result)
        finally:
            self._done()

    @Slot(object)
    def _deliver_failure(self, exc: BaseException) -> None:
        _, on_failure = self._release()
        try:
            if on_failure is None:
                return
            if self._runner_closed():
                log_failure(exc)  # nobody is left to show it to, but it is not lost from the log
                return
            _deliver(on_failure, exc)
        finally:
            self._done()


def _deliver(callback: Callable[[Any], None], value: object) -> None:
    """Call back on the GUI thread, unless the page that asked is gone: a result that arrives
    after its page (or window) was closed and deleted has nobody left to show it to."""
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, QObject) and not shiboken6.isValid(owner):
        log.debug("background result dropped: its %s was deleted", type(owner).__name__)
        return
    try:
        callback(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise
        log.debug("background result dropped: its receiver was deleted (%s)", exc)


class _Job(QRunnable):
    def __init__(self, relay: _Relay) -> None:
        super().__init__()
        self._relay = relay
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        relay = self._relay
        work = relay.work
        if work is None:
            return
        yield_cpu_to_gui()
        try:
            result = work()
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            exc.__cadre_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            # The traceback's frames hold the work's locals (often widgets): drop them here so
            # the last reference to a widget is never released on this thread.
            exc.__traceback__ = None
            del work
            self._emit(relay.failed, exc)
        else:
            del work
            self._emit(relay.succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the runner (and its window) is gone: nobody wants the result
            log.debug("background result dropped: its window was closed")


# Jobs run at a lower CPU priority than the GUI thread (nice +5: the scheduler gives the GUI
# thread about three times their share when both want a core). A paint of the inbox list costs
# ~8 ms of CPU alone; on 2 busy cores, beside the page loads and start-up jobs of the same
# process, it stretched to 50-120 ms. Linux and the BSDs set it per thread; elsewhere no-op.
JOB_NICENESS = 5
_lowered = threading.local()


def yield_cpu_to_gui() -> None:
    """Lower this (pool) thread's priority once; the GUI thread keeps its own."""
    if getattr(_lowered, "done", False):
        return
    _lowered.done = True
    if not sys.platform.startswith("linux"):
        return  # elsewhere PRIO_PROCESS with a thread id names a process, not a thread
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, max(os.getpriority(os.PRIO_PROCESS, thread), JOB_NICENESS))
    except OSError as exc:  # a sandbox that forbids it: jobs run at the GUI's priority
        log.debug("could not lower a job thread's priority: %s", exc)


# While a job runs Python code (building task occurrences, indexing), the GUI thread waits for
# the GIL on every call into Python (each data() of a paint) for up to the switch interval:
# 5 ms by default made one paint of the inbox take 100-380 ms at start-up. 0.5 ms keeps paints
# near their idle cost (measured: benchmarks/_gui_probe.py, longest stall while scrolling).
GIL_SWITCH_INTERVAL_S = 0.0005


class BackgroundRunner(QObject):
    """Runs work off the GUI thread. ``default_error`` handles failures nobody else handles."""

    def __init__(self, default_error: Callable[[BaseException], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_INTERVAL_S))
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        # The reads held at start-up run one after another on their own thread once released:
        # all at once they took both cores from the first scrolls (at 1M items the task
        # occurrences and the sync status, ~120-150 ms of CPU each, ran side by side while the
        # user scrolled), and the inbox pages asked for meanwhile queued behind them.
        self._held_reads = QThreadPool(self)
        self._held_reads.setMaxThreadCount(1)
        self._default_error = default_error
        self._held: list[tuple[QThreadPool, _Relay]] | None = None
        self._holding = False  # new jobs join the held ones (until the first paint)
        self._paused = False  # the held jobs not started yet wait (the user is busy)
        self._one_in_flight = False  # a held job dispatched by release_gradually() is running
        self.closed = False

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        write: bool = False,
    ) -> None:
        if self.closed:
            # After shutdown the window and its profile are going away: a page reacting late
            # (a write's result arriving after the last wait) must not reopen the database.
            log.debug("background work dropped: the runner was shut down")
            return
        default_error = self._default_error

        def failed(exc: BaseException) -> None:
            log_failure(exc)
            (on_error or default_error)(exc)

        relay = _Relay(work, on_success or _ignore, failed, self)
        pool = self._writer if write else self._readers
        if self._holding and self._held is not None:
            self._held.append((pool, relay))
        else:
            pool.start(_Job(relay))

    def hold(self) -> None:
        """Queue jobs instead of starting them, until :meth:`release`.

        At start-up every page asks for its data at once (the task area alone computes for a
        second in Python); started before the window's first paint they took the CPU and the
        GIL from it: the first inbox page was painted 100 ms after show instead of 15 ms.
        """
        if self._held is None:
            self._held = []
        self._holding = True

    def stop_holding(self) -> None:
        """Start the jobs asked for from now on at once (the pages of the list the user scrolls);
        those queued so far wait for :meth:`release`."""
        self._holding = False

    def release(self) -> None:
        """Start the jobs queued since :meth:`hold`, in the order they were asked for: the
        writes on the writer, the reads one at a time beside the reads asked for from now on."""
        held, self._held = self._held, None
        self._holding = False
        self._paused = False
        for pool, relay in held or ():
            (self._held_reads if pool is self._readers else pool).start(_Job(relay))

    def release_gradually(self) -> None:
        """Start the jobs queued since :meth:`hold` one at a time, in order: each starts once the
        one before has delivered its result, unless :meth:`pause_held` was asked for meanwhile.
        Between two of them the GUI thread has the process to itself, so a user who comes back
        to the window meets at most the one job already running (tens of ms), not the rest."""
        self._holding = False
        self._paused = False
        self._start_next_held()

    def pause_held(self) -> None:
        """The held jobs not started yet wait for :meth:`resume_held` (the user is busy)."""
        self._paused = True

    def resume_held(self) -> None:
        self._paused = False
        self._start_next_held()

    @property
    def holding_jobs(self) -> bool:
        """Held jobs are still waiting to start (or one of them, started alone, is running)."""
        return bool(self._held) or self._one_in_flight

    held_finished = Signal()

    def _start_next_held(self) -> None:
        if self._one_in_flight or self._paused or self._holding:
            return
        if not self._held:
            if self._held is not None:
                self._held = None
                self.held_finished.emit()
            return
        pool, relay = self._held.pop(0)
        self._one_in_flight = True
        relay.on_done = self._held_one_done
        (self._held_reads if pool is self._readers else pool).start(_Job(relay))

    def _held_one_done(self) -> None:
        self._one_in_flight = False
        self._start_next_held()

    def report_error(self, exc: BaseException) -> None:
        """Hand a failure to the default handler (for on_error callbacks that clean up first)."""
        self._default_error(exc)

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until every job finished (shutdown and tests)."""
        self.release()
        return all(pool.waitForDone(msecs) for pool in (self._held_reads, self._readers, self._writer))

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Let started and queued work finish (a pending write is never lost), then refuse new
        work and drop the results still on their way to the GUI thread: their pages would only
        start more reads of a profile that is being closed."""
        finished = self.wait_idle(msecs)
        self.closed = True
        return finished


class NewestOnly:
    """Delivers only the answer of the newest request of one kind.

    Reads run in parallel on the pool, so a read asked for earlier can finish later (a busy
    machine schedules its thread late) and would paint an older state over a newer one: the
    sync dialog showed "上次U盘导入：从未" after an import because its opening status read
    arrived after the post-import one.
    """

    def __init__(self) -> None:
        self._newest = 0

    def wrap(
        self, on_success: Callable[[Any], None], on_error: Callable[[BaseException], None]
    ) -> tuple[Callable[[Any], None], Callable[[BaseException], None]]:
        self._newest += 1
        ticket = self._newest

        def success(result: Any) -> None:
            if ticket == self._newest:
                on_success(result)

        def failure(exc: BaseException) -> None:
            if ticket == self._newest:  # an older one was logged by the runner already
                on_error(exc)

        return success, failure


def log_failure(exc: BaseException) -> None:
    """One line for an expected failure (a bad feed address, a server that does not answer):
    the user is shown its message and next step, a traceback would only bury real errors.
    Anything else is logged with the traceback of the thread it was raised in."""
    if isinstance(exc, CadreError):
        log.warning("background task ended with %s: %s", type(exc).__name__, exc.user_message)
    else:
        log.error("background task failed: %s", getattr(exc, "__cadre_traceback__", repr(exc)))


def _ignore(_result: Any) -> None:
    return None


class ReleaseAfterFirstPaint(QObject):
    """Releases a held runner once ``widget`` has been painted for the first time and the user
    has then left the GUI quiet for ``quiet_ms`` (no key, click, wheel or touch, no ``activity``
    signal such as the list's scroll bar moving, and ``busy()`` false, such as a page of the list
    still loading), or after ``fallback_ms`` if it is never painted (the window starts in the
    tray).

    The start-up jobs (task occurrences, sync status, tray counts…) hold the GIL and a core for
    tens of milliseconds each; started while the user scrolls the inbox at 1M items they made
    the GUI thread miss frames. With ``quiet_ms`` they start one at a time, and a user who comes
    back while they run pauses the ones not started yet until the next quiet moment. A
    ``release_on`` signal (the user opens another page, which needs their data) starts them all
    at once; ``most_ms`` after the paint they start anyway."""

    def __init__(
        self,
        runner: BackgroundRunner,
        widget: QObject,
        fallback_ms: int = 1000,
        *,
        quiet_ms: int = 0,
        most_ms: int = 15_000,
        activity: Sequence[SignalInstance] = (),
        release_on: Sequence[SignalInstance] = (),
        busy: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(runner)
        self._runner = runner
        self._released = False  # all held jobs started (or the gate gave up watching)
        self._dispatching = False  # the held jobs are being started one at a time
        self._busy = busy  # e.g. a page the user scrolled to is still loading: not quiet yet
        self._quiet = QTimer(self, singleShot=True, interval=quiet_ms)
        self._quiet.timeout.connect(self._quiet_elapsed)
        self._painted = False
        self._widget = widget
        widget.installEventFilter(self)
        app = QCoreApplication.instance()
        self._app = app if quiet_ms > 0 else None
        if self._app is not None:
            self._app.installEventFilter(self)
        self._activity = list(activity)
        for signal in self._activity:
            signal.connect(self._active)
        for signal in release_on:
            signal.connect(self._release)
        runner.held_finished.connect(self._release)
        self._most_ms = most_ms
        QTimer.singleShot(fallback_ms, self, self._fallback)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _USER_INPUT:
            self._active()
        # (a hidden widget rendered ahead of showing is painted too: that does not count)
        elif kind == QEvent.Type.Paint and watched is self._widget and getattr(watched, "isVisible", bool)():
            self._painted = True
            watched.removeEventFilter(self)
            if self._quiet.interval() > 0:
                self._runner.stop_holding()  # what the user asks for now (the next page) starts at once
            QTimer.singleShot(self._most_ms, self, self._release)
            self._quiet.start()  # the jobs start on a later turn of the event loop, after the paint
        return False

    def _active(self, *_args: object) -> None:
        if self._released or not self._painted:
            return
        self._quiet.start()  # the user is busy: wait for the next quiet moment
        if self._dispatching:
            self._runner.pause_held()  # the job running goes on; the next ones wait

    def _quiet_elapsed(self) -> None:
        if self._busy is not None and self._busy():
            self._quiet.start()
        elif self._dispatching:
            self._runner.resume_held()
        elif self._quiet.interval() == 0:
            self._release()  # no quiet moment asked for: everything at once after the paint
        else:
            self._dispatching = True
            self._runner.release_gradually()
            if not self._runner.holding_jobs:
                self._release()

    def _fallback(self) -> None:
        if not self._painted:
            self._release()

    def _release(self, *_args: object) -> None:
        """Start whatever is still held at once and stop watching the user."""
        if self._released:
            return
        self._released = True
        self._quiet.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
        self._runner.held_finished.disconnect(self._release)
        self._runner.release()


_USER_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)
