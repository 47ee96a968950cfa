"""The scheduled refresh: when it looks, whether it may run, what it refreshes.

The rule lives here, beside the refresh it drives; the GUI only ticks it (one timer set to
``check_every_ms``) and shows what a run reported. Once stopped (the window closes, the
database goes away next) a tick never starts a refresh again.
"""

from __future__ import annotations

import threading

from cadre_desk.services.refresh import ProgressCallback, RefreshReport, RefreshService
from cadre_desk.services.settings import Settings

CHECK_EVERY_SECONDS = 60


class RefreshSchedule:
    def __init__(self, refresh: RefreshService, settings: Settings | None) -> None:
        self._refresh = refresh
        self._settings = settings
        self._stopped = threading.Event()
        self.check_every_ms = CHECK_EVERY_SECONDS * 1000

    def stop(self) -> None:
        self._stopped.set()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def wanted(self) -> bool:
        """A tick refreshes only while the schedule runs and the user left 自动刷新 on."""
        if self.stopped:
            return False
        return self._settings is None or bool(self._settings.get("fetch.auto_refresh"))

    def run_due(self, progress: ProgressCallback | None, cancel: threading.Event) -> RefreshReport:
        """Refresh the sources whose interval has passed (off the GUI thread)."""
        return self._refresh.refresh(None, only_due=True, progress=progress, cancel=cancel)
