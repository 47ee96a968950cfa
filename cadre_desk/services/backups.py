"""Backups as a use case: the daily upkeep on idle, a backup now, disk use, and restore.

The GUI, the CLI (``backup``, ``doctor``) and start-up all go through this service, never
through the storage functions directly. The daily backup runs in a thread of its own (not in
the GUI's job pool), gently (a pause between copy steps), and stops within one step when
asked: quitting the app never waits more than about a second for it. A stopped backup leaves
nothing behind and is taken again at the next start. After the backup, the same thread gives
pages freed by deletions back to the file system (``storage/space.py``), in small steps.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage import backup as store
from cadre_desk.storage import space

log = logging.getLogger(__name__)

IDLE_STEP_PAUSE = 0.002  # seconds between 4 MB steps of the daily backup: gentle on an office PC
STOP_WAIT = 1.0  # seconds quitting waits for a running backup to stop

BackupUsage = store.BackupUsage
BackupCancelled = store.BackupCancelled


class BackupService:
    def __init__(self, paths: DataPaths) -> None:
        self._paths = paths
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ daily, in the background
    def start_daily(
        self,
        done: Callable[[Path | None], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        today: date | None = None,
    ) -> bool:
        """Start today's backup in a background thread unless one runs; False if one runs.

        ``done``/``failed`` are called from that thread (the caller hops to its own thread).
        """
        if self.running:
            return False
        self._cancel.clear()

        def work() -> None:
            try:
                written = store.daily_backup(
                    self._paths.database,
                    self._paths.backups,
                    today,
                    cancel=self._cancel,
                    pause=IDLE_STEP_PAUSE,
                )
                space.release_free_pages(self._paths.database, self._cancel)
            except store.BackupCancelled:
                log.info("daily backup stopped before it finished; it is taken again at the next start")
                return
            except Exception as exc:  # reported to the caller, logged, never lost
                log.error("daily backup failed: %s", exc)
                if failed is not None:
                    failed(exc)
                return
            if written is not None:
                log.info("daily backup %s", written)
            if done is not None:
                done(written)

        self._thread = threading.Thread(target=work, name="daily-backup", daemon=True)
        self._thread.start()
        return True

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a running backup to finish; True if none runs any more."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def stop(self, wait: float = STOP_WAIT) -> bool:
        """Ask a running backup to stop and wait up to ``wait`` seconds; True if it has stopped."""
        thread = self._thread
        if thread is None:
            return True
        self._cancel.set()
        thread.join(wait)
        return not thread.is_alive()

    # ------------------------------------------------------------------ on demand
    def backup_now(self, dest: Path | None = None, stamp: str = "") -> Path:
        """A verified full backup now (the CLI's ``backup``), to ``dest`` or ``backups/manual-*``."""
        target = dest or self._paths.backups / f"manual-{stamp}.db"
        return store.backup_database(self._paths.database, target)

    def usage(self) -> BackupUsage:
        return store.backup_usage(self._paths.backups)

    def backups(self) -> list[Path]:
        return store.list_backups(self._paths.backups)

    def latest_good(self) -> Path | None:
        return store.latest_good_backup(self._paths.backups)

    def restore(self, backup: Path) -> Path:
        """Put ``backup`` in place of the database; returns where the damaged file was kept."""
        return store.restore_backup(backup, self._paths.database)

    def database_ok(self) -> bool:
        return store.integrity_ok(self._paths.database)

    def space(self) -> space.SpaceReport:
        """Bytes per table and index, items, and free pages (``doctor --full``)."""
        return space.space_report(self._paths.database)

    def compact(self, stamp: str) -> tuple[int, int]:
        """Back up, then rewrite the database in incremental auto-vacuum mode (app closed)."""
        self.backup_now(stamp=f"{stamp}-before-compact")
        return space.compact(self._paths.database)
