"""Feed documents → item rows, in this process or in worker processes, sized to the work.

Parsing is CPU work; the event loop must keep fetching meanwhile. A refresh of a few feeds
parses here, on one thread beside the event loop (starting a process costs more than it
saves). A refresh of many starts a worker process, also on two cores: parsing on a thread here
shares the GIL with fetching and storing, so the refresh ran on one core. bench_sources' 500
feeds on two cores (load ~2): a thread here 4.6-5.0 s wall for 4.8-5.1 s CPU, ~115 MB; two
workers 2.8-3.3 s wall for 3.9-4.7 s CPU, ~164 MB for the process tree. The first worker starts
at its first document and more while documents wait, up to the number its size asks for:
each is a fresh interpreter running ``parse_worker`` (the parsers only, not the app; no fork of
a threaded GUI process) and talks over its stdin/stdout pipes, read by this event loop. No
fork server, resource tracker or semaphore sits beside them, and a worker ends when its input
closes: at the end of the refresh, or when the refreshing process dies, even by kill -9.

With automatic sizing this process also parses a document itself (on its one parse thread)
when every worker already has ``HELP_BACKLOG`` waiting: on two cores there is one worker, which
bounded the refresh while this process idled for about half of it (bench_sources, 500 feeds:
3.5-3.7 -> 3.0-3.2 s wall). No worker starts before the refresh knows how many documents it
has and what ``fetch.parse_processes`` says: a refresh too small for a worker never pays for a
second interpreter (~25 MB).

A frozen build (no ``python -m``) parses in this process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import sys
from collections import deque
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from cadre_desk.sources.model import ItemRow
from cadre_desk.sources.parse_worker import LENGTH_BYTES, frame

log = logging.getLogger(__name__)

POOL_MIN_DOCUMENTS = 50  # fewer: parsed in this process
DOCUMENTS_PER_WORKER = 100  # a refresh may use one worker per this many documents, up to the cores
MAX_WORKERS = 4
BACKLOG_PER_WORKER = 4  # documents waiting per running worker before another one is started
HELP_BACKLOG = 2  # documents waiting in every worker before this process parses one itself
_CLOSE_WAIT_SECONDS = 5.0

ParseResult = tuple[list[ItemRow], str | None]


def workers_for(documents: int, setting: int, cores: int | None = None) -> int:
    """At most how many worker processes parse ``documents`` (0: in this process).

    ``setting`` is ``fetch.parse_processes``: 1 = always in this process, N > 1 = up to N
    workers, 0 = automatic: in this process below ``POOL_MIN_DOCUMENTS``, else one worker per
    ``DOCUMENTS_PER_WORKER`` documents, at most ``MAX_WORKERS`` and one per core but one: this
    process (HTTP, unpickling rows, storing) keeps a core busy itself, and a worker more than
    the cores only adds its start-up and ~30 MB."""
    if getattr(sys, "frozen", False):
        return 0
    if setting > 1:
        return setting
    if setting == 1 or documents < POOL_MIN_DOCUMENTS:
        return 0
    spare = max(1, (cores or os.cpu_count() or 1) - 1)
    return max(1, min(MAX_WORKERS, spare, -(-documents // DOCUMENTS_PER_WORKER)))


class ParseWorkerError(RuntimeError):
    """A worker ended before answering (killed, out of memory)."""


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.waiting: deque[asyncio.Future[ParseResult]] = deque()
        self.reader = asyncio.ensure_future(self._read_answers())

    @property
    def alive(self) -> bool:
        return not self.reader.done()

    async def parse(self, job: tuple[bytes, str, dict[str, str], int]) -> ParseResult:
        assert self.process.stdin is not None
        if not self.alive:
            raise ParseWorkerError("解析进程已经退出。")
        answer: asyncio.Future[ParseResult] = asyncio.get_running_loop().create_future()
        self.waiting.append(answer)
        try:
            self.process.stdin.write(frame(job))
            await self.process.stdin.drain()
        except ConnectionError as exc:  # the worker died; the reader fails what it left
            if not answer.done():
                answer.set_exception(ParseWorkerError("解析进程意外退出。"))
            raise ParseWorkerError("解析进程意外退出。") from exc
        return await answer

    async def _read_answers(self) -> None:
        assert self.process.stdout is not None
        stdout = self.process.stdout
        try:
            while True:
                header = await stdout.readexactly(LENGTH_BYTES)
                kind, value = pickle.loads(await stdout.readexactly(int.from_bytes(header, "big")))
                answer = self.waiting.popleft()
                if answer.done():  # cancelled meanwhile
                    continue
                if kind == "ok":
                    answer.set_result(value)
                else:
                    answer.set_exception(value)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        for answer in self.waiting:
            if not answer.done():
                answer.set_exception(ParseWorkerError("解析进程意外退出。"))
        self.waiting.clear()

    async def close(self) -> None:
        stdin = self.process.stdin
        if stdin is not None and not stdin.is_closing():
            stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), _CLOSE_WAIT_SECONDS)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
        self.reader.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.reader


class FeedRowsParsing:
    """``await parsing(body, url, headers, fetched_ms) -> (rows, notice)``; ``await aclose()``."""

    def __init__(self, documents: int, setting: int = 0) -> None:
        self.max_workers = workers_for(documents, setting)
        self._workers: list[_Worker] = []
        self._starting: asyncio.Task[None] | None = None
        self._thread: ThreadPoolExecutor | None = None
        # Automatic sizing: this process parses a document itself when every worker has a
        # backlog and its own parse thread is idle (on two cores one worker is all there is).

        self.helps = setting == 0
        self._here = 0  # documents being parsed in this process now
        self.parsed_here = 0

    @property
    def started(self) -> int:
        return len(self._workers)

    async def __call__(
        self, body: bytes, url: str, headers: Mapping[str, str], fetched_ms: int
    ) -> ParseResult:
        if self.max_workers:
            await self._grow()
        alive = [worker for worker in self._workers if worker.alive]
        if not alive:  # parsing here, no worker could be started, or they died
            return await self._parse_here(body, url, headers, fetched_ms)
        worker = min(alive, key=lambda w: len(w.waiting))
        if self.helps and self._here == 0 and len(worker.waiting) >= HELP_BACKLOG:
            return await self._parse_here(body, url, headers, fetched_ms)
        return await worker.parse((body, url, dict(headers), fetched_ms))

    async def _parse_here(
        self, body: bytes, url: str, headers: Mapping[str, str], fetched_ms: int
    ) -> ParseResult:
        from cadre_desk.sources.feed_rows import feed_rows  # the parsers, only when parsing here

        if self._thread is None:  # one: documents are parsed in the order they arrive
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="feed-parse")
        loop = asyncio.get_running_loop()
        self._here += 1
        try:
            return await loop.run_in_executor(self._thread, feed_rows, body, url, headers, fetched_ms)
        finally:
            self._here -= 1
            self.parsed_here += 1

    async def _grow(self) -> None:
        """Start the first worker now, another when documents wait for the running ones."""
        backlog = sum(len(w.waiting) for w in self._workers)
        wanted = not self._workers or (
            len(self._workers) < self.max_workers and backlog >= BACKLOG_PER_WORKER * len(self._workers)
        )
        if wanted and self._starting is None:
            self._starting = asyncio.ensure_future(self._start_one())
        if not self._workers and self._starting is not None:
            await asyncio.shield(self._starting)

    async def _start_one(self) -> None:
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "cadre_desk.sources.parse_worker",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
            )
            self._workers.append(_Worker(process))
        except OSError:
            log.warning("cannot start a parse worker; parsing in this process", exc_info=True)
            self.max_workers = len(self._workers)
        finally:
            self._starting = None

    async def aclose(self) -> None:
        if self._starting is not None:
            with contextlib.suppress(Exception):
                await self._starting
        if self._thread is not None:
            self._thread.shutdown(wait=False, cancel_futures=True)
        workers, self._workers = self._workers, []
        await asyncio.gather(*(worker.close() for worker in workers), return_exceptions=True)
