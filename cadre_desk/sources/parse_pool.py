"""Feed documents → item rows, in this process or in worker processes, sized to the work.

Parsing is CPU work; the event loop must keep fetching meanwhile. A refresh of a few sources
parses here (starting a process costs more than it saves). A refresh of many starts workers on
the first document, never before: each worker is a fresh interpreter (``spawn``: no fork of a
threaded GUI process, and no fork server kept alive beside them) that imports only the parser
modules, not the app. Workers exit with the refresh, and also when the app dies (``exit_with``).

A frozen build must call ``multiprocessing.freeze_support()`` before using workers.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

from cadre_desk.platform.process_guard import exit_with
from cadre_desk.sources.model import ItemRow

POOL_MIN_DOCUMENTS = 50  # fewer: parsed in this process
DOCUMENTS_PER_WORKER = 150  # one more worker for each this many documents, up to the cores
MAX_WORKERS = 4


def workers_for(documents: int, setting: int, cores: int | None = None) -> int:
    """How many worker processes parse ``documents`` (0: in this process).

    ``setting`` is ``fetch.parse_processes``: 1 = always in this process, N > 1 = N workers,
    0 = automatic: in this process below ``POOL_MIN_DOCUMENTS``, else one worker per
    ``DOCUMENTS_PER_WORKER``, at most the cores but one (the event loop and the storing thread
    keep that one busy)."""
    if setting > 1:
        return setting
    if setting == 1 or documents < POOL_MIN_DOCUMENTS:
        return 0
    spare = max(1, (cores or os.cpu_count() or 1) - 1)
    return max(1, min(MAX_WORKERS, spare, -(-documents // DOCUMENTS_PER_WORKER)))


def _rows_here(
    body: bytes, url: str, headers: Mapping[str, str], fetched_ms: int
) -> tuple[list[ItemRow], str | None]:
    from cadre_desk.sources.rows import feed_rows  # the parsers, only when parsing here

    return feed_rows(body, url, headers, fetched_ms)


class FeedRowsParsing:
    """``await parsing(body, url, headers, fetched_ms) -> (rows, notice)``; ``close()`` at the end."""

    def __init__(self, documents: int, setting: int = 0) -> None:
        self._workers = workers_for(documents, setting)
        self._pool: ProcessPoolExecutor | None = None

    @property
    def workers(self) -> int:
        return self._workers

    async def __call__(
        self, body: bytes, url: str, headers: Mapping[str, str], fetched_ms: int
    ) -> tuple[list[ItemRow], str | None]:
        if not self._workers:
            return _rows_here(body, url, headers, fetched_ms)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=exit_with,
                initargs=(os.getpid(),),
            )
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _rows_here, body, url, dict(headers), fetched_ms)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
