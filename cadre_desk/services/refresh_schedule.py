"""The scheduled refresh: it ticks on its own thread, decides whether to run, refreshes due sources.

Every ``check_every`` seconds, while 自动刷新 is on, the sources whose interval has passed are
refreshed (never two refreshes at once: a tick while another refresh runs is skipped).
Front ends only listen: ``add_listener(on_finished, on_failed)`` is told of each scheduled run
(on the schedule's thread — a GUI hands it to its own thread). ``stop()`` is for good: it
cancels a running scheduled refresh, waits for it to store what it fetched, and no tick starts
another (the window closes, the database goes away next).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from cadre_desk.services.refresh import ProgressCallback, RefreshReport, RefreshService
from cadre_desk.services.settings import Settings

log = logging.getLogger(__name__)

CHECK_EVERY_SECONDS = 60.0
_STOP_WAIT_SECONDS = 30.0

FinishedListener = Callable[[RefreshReport], None]
FailedListener = Callable[[BaseException], None]


class RefreshSchedule:
    def __init__(
        self, refresh: RefreshService, settings: Settings | None, check_every: float = CHECK_EVERY_SECONDS
    ) -> None:
        self._refresh = refresh
        self._settings = settings
        self.check_every = check_every
        self._stopped = threading.Event()
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._listeners: list[tuple[FinishedListener, FailedListener | None]] = []
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ listening

    def add_listener(self, on_finished: FinishedListener, on_failed: FailedListener | None = None) -> None:
        with self._lock:
            self._listeners.append((on_finished, on_failed))

    def remove_listener(self, on_finished: FinishedListener) -> None:
        with self._lock:
            self._listeners = [pair for pair in self._listeners if pair[0] is not on_finished]

    # ------------------------------------------------------------------ running

    @property
    def running(self) -> bool:
        """The ticking thread is alive (started, not stopped)."""
        return self._thread is not None and self._thread.is_alive() and not self.stopped

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def start(self) -> None:
        """Start ticking (the first tick comes ``check_every`` seconds from now)."""
        if self._thread is not None or self.stopped:
            return
        self._thread = threading.Thread(target=self._tick_until_stopped, name="refresh-schedule", daemon=True)
        self._thread.start()

    def stop(self, wait: float = _STOP_WAIT_SECONDS) -> None:
        """Stop for good; a scheduled refresh under way is cancelled and waited for."""
        self._stopped.set()
        self._cancel.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)
            if thread.is_alive():
                log.warning("the scheduled refresh did not stop within %.0f s", wait)

    def wanted(self) -> bool:
        """A tick refreshes only while the schedule runs and the user left 自动刷新 on."""
        if self.stopped:
            return False
        return self._settings is None or bool(self._settings.get("fetch.auto_refresh"))

    def run_due(self, progress: ProgressCallback | None, cancel: threading.Event) -> RefreshReport | None:
        """Refresh the sources whose interval has passed; None if another refresh is running."""
        return self._refresh.refresh_if_idle(only_due=True, progress=progress, cancel=cancel)

    def tick(self) -> RefreshReport | None:
        """One tick, as the thread runs it: refresh due sources if wanted, tell the listeners."""
        if not self.wanted():
            return None
        try:
            report = self.run_due(None, self._cancel)
        except Exception as exc:  # told to the listeners (the GUI's crash dialog) and logged
            log.exception("scheduled refresh failed")
            for _finished, failed in self._current_listeners():
                if failed is not None:
                    failed(exc)
            return None
        if report is not None:
            for finished, _failed in self._current_listeners():
                finished(report)
        return report

    def _current_listeners(self) -> list[tuple[FinishedListener, FailedListener | None]]:
        with self._lock:
            return list(self._listeners)

    def _tick_until_stopped(self) -> None:
        while not self._stopped.wait(self.check_every):
            self.tick()
