"""Keeping the search index up to date and tidy in the background, with progress shown.

After start-up the queue of items that arrived while the app was closed (a large import or
demo generation can leave a million) is indexed in short write transactions, so the app's
other writes interleave, with the progress in the status bar. A long catch-up is followed by
merging the index's segments one bounded step at a time on idle (what ``optimize`` does at
once, for tens of seconds, at 1M items). Last, what the first search reads is warmed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from cadre_desk.services.search import TIDY_AFTER, IndexStats, SearchService
from cadre_desk.ui.background import BackgroundRunner

CATCH_UP_STEP = 5_000  # queued items per background write transaction
IDLE_STEP_MS = 200  # between background steps: the app's own writes interleave


class IndexUpkeep(QObject):
    def __init__(
        self,
        search: SearchService,
        runner: BackgroundRunner,
        show_status: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._search = search
        self._runner = runner
        self._show_status = show_status
        self._indexed = 0

    def catch_up(self) -> None:
        self._indexed = 0
        self._index_step()

    def _index_step(self) -> None:
        self._runner.run(lambda: self._search.index_pending(CATCH_UP_STEP), self._indexed_some, write=True)

    def _indexed_some(self, stats: IndexStats) -> None:
        self._indexed += stats.indexed
        if stats.pending:
            total = self._indexed + stats.pending
            self._show_status(
                self.tr("正在建立搜索索引… {done}/{total}").format(done=self._indexed, total=total)
            )
            QTimer.singleShot(50, self, self._index_step)
        elif self._indexed >= TIDY_AFTER:
            self._show_status(self.tr("搜索索引已建立（{n} 条），正在整理…").format(n=self._indexed))
            QTimer.singleShot(IDLE_STEP_MS, self, self._tidy_step)
        else:
            self._warm()

    def _tidy_step(self) -> None:
        self._runner.run(self._search.tidy_step, self._tidied_some, write=True)

    def _tidied_some(self, more: bool) -> None:
        if more:
            QTimer.singleShot(IDLE_STEP_MS, self, self._tidy_step)
        else:
            self._show_status(self.tr("搜索索引已整理完毕"))
            self._warm()

    def _warm(self) -> None:
        self._runner.run(self._search.warm, None)
