"""One way to leave the GUI thread (Picard's ``run_task``, Anki's ``CollectionOp``).

``runner.run(work, on_success, on_error)`` runs ``work()`` on a pool thread and delivers its
result or exception back on the GUI thread. Writes go through ``write=True``: a pool of one
thread, so two writes never race for SQLite's single writer lock.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread: its slots run there, whichever thread emits."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, exc: BaseException) -> None:
        self._on_failure(exc)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        self.setAutoDelete(True)

    @Slot()
    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            exc.__cadre_traceback__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class BackgroundRunner(QObject):
    """Runs work off the GUI thread. ``default_error`` handles failures nobody else handles."""

    def __init__(self, default_error: Callable[[BaseException], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._default_error = default_error
        self._live: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        write: bool = False,
    ) -> None:
        relay: _Relay

        def succeeded(result: Any) -> None:
            self._live.discard(relay)
            if on_success is not None:
                on_success(result)

        def failed(exc: BaseException) -> None:
            self._live.discard(relay)
            log.error("background task failed: %s", getattr(exc, "__cadre_traceback__", exc))
            (on_error or self._default_error)(exc)

        relay = _Relay(succeeded, failed)
        self._live.add(relay)
        (self._writer if write else self._readers).start(_Job(work, relay))

    def wait_idle(self, msecs: int = 30_000) -> bool:
        """Block until every job finished (shutdown and tests)."""
        return self._readers.waitForDone(msecs) and self._writer.waitForDone(msecs)
