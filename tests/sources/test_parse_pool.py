"""Parse workers: started only for a large refresh, sized to it, giving exactly what parsing here
gives (rows, notices, errors), and failing loudly (never hanging) when a worker dies."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from cadre_desk.sources.errors import NotAFeedError
from cadre_desk.sources.feed_rows import feed_rows
from cadre_desk.sources.parse_pool import (
    MAX_WORKERS,
    POOL_MIN_DOCUMENTS,
    FeedRowsParsing,
    ParseWorkerError,
    workers_for,
)
from tests.sources import samples

URL = "http://127.0.0.1/feeds/{n}.xml"
GBK = {"content-type": "text/xml"}


def test_workers_are_sized_to_the_work() -> None:
    assert workers_for(POOL_MIN_DOCUMENTS - 1, 0, cores=8) == 0  # a small refresh parses here
    assert workers_for(POOL_MIN_DOCUMENTS, 0, cores=8) == 1
    assert workers_for(250, 0, cores=8) == 3
    assert workers_for(500, 0, cores=2) == 1  # the refreshing process keeps one core busy
    assert workers_for(10_000, 0, cores=64) == MAX_WORKERS
    assert workers_for(10_000, 1, cores=8) == 0  # the setting: always in this process
    assert workers_for(3, 2, cores=8) == 2  # the setting: this many


def test_a_small_refresh_starts_no_process() -> None:
    async def run() -> tuple[int, int]:
        parsing = FeedRowsParsing(documents=3)
        rows, _notice = await parsing(samples.rss_feed(1, 4), URL.format(n=1), {}, 0)
        started = parsing.started
        await parsing.aclose()
        return len(rows), started

    assert asyncio.run(run()) == (4, 0)


def test_parsing_here_runs_beside_the_event_loop() -> None:
    """In this process a document is parsed on a thread: the loop goes on (fetching) meanwhile.
    Parsed on the loop itself, the heartbeat below would not beat while the document is read."""
    body = samples.rss_feed(7, 400, body_repeat=3)

    async def run() -> tuple[int, object]:
        parsing = FeedRowsParsing(documents=500, setting=1)
        try:
            task = asyncio.ensure_future(parsing(body, URL.format(n=7), {}, 42))
            beats = 0
            while not task.done():
                beats += 1
                await asyncio.sleep(0)
            return beats, task.result()
        finally:
            await parsing.aclose()

    beats, result = asyncio.run(run())
    assert result == feed_rows(body, URL.format(n=7), {}, 42)
    assert beats > 2


@pytest.mark.slow
def test_workers_give_what_parsing_here_gives() -> None:
    documents = [
        (samples.rss_feed(n, 6, encoding="gbk", declared="gb2312"), GBK)
        if n % 3 == 0
        else (samples.rss_feed(n, 6), {})
        for n in range(12)
    ]
    documents.append((b"<rss><channel><item><title>broken", {}))  # recovered, with a notice

    async def run() -> tuple[list[object], int]:
        parsing = FeedRowsParsing(documents=len(documents), setting=2)
        try:
            results = await asyncio.gather(
                *(parsing(body, URL.format(n=n), headers, 42) for n, (body, headers) in enumerate(documents))
            )
            return list(results), parsing.started
        finally:
            await parsing.aclose()

    results, started = asyncio.run(run())
    assert 1 <= started <= 2
    expected = [feed_rows(body, URL.format(n=n), headers, 42) for n, (body, headers) in enumerate(documents)]
    assert results == expected
    assert expected[-1][1]  # the broken one did carry a notice


@pytest.mark.slow
def test_an_error_in_a_worker_is_the_same_error_here() -> None:
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body>not a feed</body></html>"

    async def run() -> BaseException:
        parsing = FeedRowsParsing(documents=1, setting=2)
        try:
            with pytest.raises(NotAFeedError) as caught:
                await parsing(page, URL.format(n=0), {"content-type": "text/html"}, 0)
            return caught.value
        finally:
            await parsing.aclose()

    error = asyncio.run(run())
    assert error.user_message == "这个地址返回的是网页，不是订阅源。"


@pytest.mark.slow
def test_a_dead_worker_fails_its_documents_instead_of_hanging() -> None:
    async def run() -> None:
        parsing = FeedRowsParsing(documents=1, setting=2)
        try:
            await parsing(samples.rss_feed(1, 2), URL.format(n=1), {}, 0)  # the worker is up
            worker = parsing._workers[0]
            os.kill(worker.process.pid, signal.SIGKILL)
            await worker.process.wait()
            with pytest.raises(ParseWorkerError):
                await asyncio.wait_for(worker.parse((samples.rss_feed(2, 2), URL.format(n=2), {}, 0)), 10)
        finally:
            await parsing.aclose()

    asyncio.run(run())


@pytest.mark.slow
def test_this_process_parses_too_when_the_worker_has_a_backlog() -> None:
    documents = [samples.rss_feed(n, 5) for n in range(8)]

    async def run() -> tuple[list[object], int]:
        parsing = FeedRowsParsing(documents=500, setting=0)  # automatic: one worker, and help here
        parsing.max_workers = 1
        try:
            results = await asyncio.gather(
                *(parsing(body, URL.format(n=n), {}, 42) for n, body in enumerate(documents))
            )
            return list(results), parsing.parsed_here
        finally:
            await parsing.aclose()

    results, parsed_here = asyncio.run(run())
    assert 1 <= parsed_here < len(documents)
    assert results == [feed_rows(body, URL.format(n=n), {}, 42) for n, body in enumerate(documents)]
