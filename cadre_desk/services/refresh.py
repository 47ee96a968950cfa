"""Refreshing sources: fetch concurrently, parse, store in batches, report progress, cancel.

Used the same way by the GUI (in a background thread, with progress and a cancel button), the
scheduler (sources whose interval has passed) and ``cadre-desk fetch``. One asyncio loop does
the HTTP; parsing runs on the loop as responses arrive; storing runs on a worker thread in
batches so SQLite writes overlap with fetching and parsing.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.context import BaseContext
from typing import Any

from sqlalchemy import or_, select

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.enums import SourceKind
from cadre_desk.platform.process_guard import exit_with
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.ingest import IngestReport, IngestService, SourceOutcome
from cadre_desk.services.item_rows import parse_feed_rows
from cadre_desk.services.settings import Settings
from cadre_desk.sources import imap as imap_source
from cadre_desk.sources import webpage
from cadre_desk.sources.errors import MailError, SourceError
from cadre_desk.sources.http import HttpFetcher, HttpSettings
from cadre_desk.sources.model import FetchRequest, HttpResult, ParsedItem
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Source, SourceFetchState
from cadre_desk.storage.types import to_ms

log = logging.getLogger(__name__)

FETCHABLE = (SourceKind.RSS.value, SourceKind.WEBPAGE.value, SourceKind.IMAP.value)
DEMO_SOURCE = "demo"  # key in Source.config: generated demo data, never fetched
_STORE_BATCH_ITEMS = 3000
_ARTICLES_PER_REFRESH = 10
_POOL_MIN_SOURCES = 50  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True, slots=True)
class SourceRef:
    id: str
    kind: str
    name: str
    url: str | None
    config: dict[str, Any]
    etag: str | None
    last_modified: str | None
    cursor: dict[str, Any]


@dataclass(slots=True)
class RefreshProgress:
    done: int
    total: int
    source_name: str
    ok: bool
    message: str | None = None


@dataclass(slots=True)
class RefreshReport:
    total: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    ingest: IngestReport = field(default_factory=IngestReport)
    errors: dict[str, str] = field(default_factory=dict)  # source name -> message

    @property
    def changes(self) -> Changes:
        """A refresh that looked at any source changed its fetch state, maybe its items."""
        return Changes(items=True, sources=True, fetch_state=True) if self.total else Changes()


ProgressCallback = Callable[[RefreshProgress], None]


class RefreshService:
    def __init__(self, db: Database, settings: Settings, secrets: SecretStore, ingest: IngestService) -> None:
        self._db = db
        self._settings = settings
        self._secrets = secrets
        self._ingest = ingest
        self._parse_pool: Executor | None = None

    def http_settings(self) -> HttpSettings:
        return http_settings_from(self._settings)

    def load_sources(
        self, source_ids: Sequence[str] | None = None, *, only_due: bool = False
    ) -> list[SourceRef]:
        now = datetime.now(UTC)
        query = (
            select(
                Source.id,
                Source.kind,
                Source.name,
                Source.url,
                Source.config,
                SourceFetchState.etag,
                SourceFetchState.last_modified,
                SourceFetchState.cursor,
            )
            .outerjoin(SourceFetchState, SourceFetchState.source_id == Source.id)
            .where(Source.deleted.is_(False), Source.kind.in_(FETCHABLE))
        )
        if source_ids is not None:
            query = query.where(Source.id.in_(list(source_ids)))
        else:
            query = query.where(Source.subscribed.is_(True))
        if only_due:
            query = query.where(
                or_(SourceFetchState.next_fetch_at.is_(None), SourceFetchState.next_fetch_at <= now)
            )
        with self._db.session() as session:
            rows = session.execute(query).all()
        # Demo sources live on made-up hosts: fetching them could only fail (cadre_desk.demo marks them).
        return [
            SourceRef(r[0], r[1], r[2], r[3], dict(r[4] or {}), r[5], r[6], dict(r[7] or {}))
            for r in rows
            if not (r[4] or {}).get(DEMO_SOURCE)
        ]

    def refresh(
        self,
        source_ids: Sequence[str] | None = None,
        *,
        only_due: bool = False,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> RefreshReport:
        sources = self.load_sources(source_ids, only_due=only_due)
        return asyncio.run(self._refresh(sources, progress, cancel or threading.Event()))

    async def _refresh(
        self, sources: list[SourceRef], progress: ProgressCallback | None, cancel: threading.Event
    ) -> RefreshReport:
        started = time.monotonic()
        report = RefreshReport(total=len(sources))
        self._parse_pool = self._start_parse_pool(len(sources))
        try:
            return await self._refresh_with(sources, progress, cancel, report, started)
        finally:
            if self._parse_pool is not None:
                self._parse_pool.shutdown(wait=False, cancel_futures=True)
                self._parse_pool = None

    def _start_parse_pool(self, source_count: int) -> Executor | None:
        """Worker processes for feed parsing (CPU-bound) so the event loop keeps fetching.

        ``forkserver`` workers (``spawn`` on Windows) start from a clean interpreter (safe from
        a GUI thread) with the parser modules preloaded. ``fetch.parse_processes``: 1 =
        in-process (default: measured here the loopback server, not parsing, bounded the wall
        time), 0 = automatic, N = N workers.
        A frozen build must call ``multiprocessing.freeze_support()`` before using it.
        """
        wanted = int(self._settings.get("fetch.parse_processes"))
        if wanted == 0:
            wanted = min(os.cpu_count() or 1, 4) if source_count >= _POOL_MIN_SOURCES else 1
        if wanted <= 1:
            return None
        context: BaseContext
        if "forkserver" in multiprocessing.get_all_start_methods():
            forkserver = multiprocessing.get_context("forkserver")
            forkserver.set_forkserver_preload(["cadre_desk.services.item_rows"])
            context = forkserver
        else:  # Windows
            context = multiprocessing.get_context("spawn")
        # Workers exit when this process dies, even by kill -9 (they are the fork server's
        # children, so nothing else would tell them).
        return ProcessPoolExecutor(
            max_workers=wanted, mp_context=context, initializer=exit_with, initargs=(os.getpid(),)
        )

    async def _refresh_with(
        self,
        sources: list[SourceRef],
        progress: ProgressCallback | None,
        cancel: threading.Event,
        report: RefreshReport,
        started: float,
    ) -> RefreshReport:
        pending: list[SourceOutcome] = []
        pending_items = 0
        store_task: asyncio.Future[IngestReport] | None = None

        async def flush() -> None:
            nonlocal pending, pending_items, store_task
            if store_task is not None:
                report.ingest.add(await store_task)
                store_task = None
            if pending:
                batch, pending, pending_items = pending, [], 0
                store_task = asyncio.ensure_future(asyncio.to_thread(self._ingest.store, batch))

        async with HttpFetcher(self.http_settings()) as fetcher:
            # Sources are started lazily, a bounded number at a time: parsed feeds waiting for the
            # (slower) store would otherwise pile up in memory.
            queue = iter(sources)
            in_flight = max(8, fetcher.settings.global_limit * 2)
            waiting: set[asyncio.Future[tuple[SourceRef, SourceOutcome]]] = set()

            def top_up() -> None:
                while len(waiting) < in_flight:
                    source = next(queue, None)
                    if source is None:
                        return
                    waiting.add(asyncio.ensure_future(self._one(fetcher, source)))

            top_up()
            try:
                done = 0
                while waiting:
                    finished, waiting = await asyncio.wait(
                        waiting, timeout=0.25, return_when=asyncio.FIRST_COMPLETED
                    )
                    if cancel.is_set():
                        report.cancelled = True
                        break
                    for task in finished:
                        source, outcome = task.result()
                        done += 1
                        if outcome.ok:
                            report.fetched += 1
                            report.not_modified += outcome.not_modified
                        else:
                            report.failed += 1
                            report.errors[source.name] = outcome.error or ""
                        pending.append(outcome)
                        pending_items += outcome.item_count
                        if pending_items >= _STORE_BATCH_ITEMS or (store_task is None and len(pending) >= 50):
                            await flush()
                        if progress is not None:
                            progress(
                                RefreshProgress(done, len(sources), source.name, outcome.ok, outcome.error)
                            )
                    top_up()
            finally:
                for task in waiting:
                    task.cancel()
                await asyncio.gather(*waiting, return_exceptions=True)
            await flush()
            await flush()
        report.seconds = time.monotonic() - started
        return report

    async def _one(self, fetcher: HttpFetcher, source: SourceRef) -> tuple[SourceRef, SourceOutcome]:
        attempted = datetime.now(UTC)
        started = time.monotonic()
        try:
            if source.kind == SourceKind.IMAP.value:
                outcome = await self._imap(source, attempted)
            elif source.kind == SourceKind.WEBPAGE.value:
                outcome = await self._webpage(fetcher, source, attempted)
            else:
                outcome = await self._feed(fetcher, source, attempted)
        except SourceError as exc:
            outcome = SourceOutcome(
                source.id,
                attempted,
                ok=False,
                status=exc.status,
                error=exc.user_message,
                retry_after=exc.retry_after,
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in one parser must not stop the other sources; logged
            log.exception("refreshing %s (%s) failed", source.name, source.url)
            outcome = SourceOutcome(
                source.id, attempted, ok=False, error=f"内部错误：{type(exc).__name__}: {exc}"
            )
        outcome.duration_ms = int((time.monotonic() - started) * 1000)
        return source, outcome

    def _request(self, source: SourceRef) -> FetchRequest:
        if not source.url:
            raise SourceError("这个订阅源没有地址。", "请在订阅源设置中填写地址。")
        return FetchRequest(
            key=source.id,
            url=source.url,
            etag=source.etag,
            last_modified=source.last_modified,
            accept_cert_sha256=source.config.get("accept_cert_sha256"),
        )

    @staticmethod
    def _base_outcome(source: SourceRef, attempted: datetime, result: HttpResult) -> SourceOutcome:
        return SourceOutcome(
            source.id,
            attempted,
            ok=True,
            status=result.status,
            not_modified=result.not_modified,
            etag=result.etag,
            last_modified=result.last_modified,
            moved_to=result.permanent_redirect,
        )

    async def _feed(self, fetcher: HttpFetcher, source: SourceRef, attempted: datetime) -> SourceOutcome:
        result = await fetcher.fetch(self._request(source))
        outcome = self._base_outcome(source, attempted, result)
        if result.not_modified:
            return outcome
        job = functools.partial(
            parse_feed_rows,
            result.body,
            result.final_url,
            result.parse_headers,
            to_ms(attempted),
        )
        if self._parse_pool is not None:
            rows, notice = await asyncio.get_running_loop().run_in_executor(self._parse_pool, job)
        else:
            rows, notice = job()
        outcome.prepared = rows
        outcome.notice = notice
        return outcome

    async def _webpage(self, fetcher: HttpFetcher, source: SourceRef, attempted: datetime) -> SourceOutcome:
        result = await fetcher.fetch(self._request(source))
        outcome = self._base_outcome(source, attempted, result)
        if result.not_modified:
            return outcome
        selectors_config = source.config.get("selectors") or {}
        content_type = result.headers.get("content-type")
        if selectors_config.get("item"):
            selectors = webpage.ListSelectors.from_config(selectors_config)
            entries = webpage.extract_entries(
                webpage.parse_html(result.body, content_type), result.final_url, selectors
            )
        else:
            candidates = webpage.detect_lists(result.body, result.final_url, content_type, limit=1)
            entries = candidates[0].entries if candidates else []
        if not entries:
            raise SourceError("栏目页上没有找到文章列表。", "请打开订阅源设置，在预览中修改 CSS 选择器。")
        items = webpage.entries_to_items(entries)
        if source.config.get("fetch_articles", True):
            await self._enrich(fetcher, source, items)
        outcome.items = items
        return outcome

    async def _enrich(self, fetcher: HttpFetcher, source: SourceRef, items: list[ParsedItem]) -> None:
        """Open the article pages of entries not stored yet (a few per refresh, politely)."""
        known = await asyncio.to_thread(self.known_guids, source.id, [i.guid for i in items])
        fresh = [i for i in items if i.guid not in known][:_ARTICLES_PER_REFRESH]

        async def one(item: ParsedItem) -> None:
            assert item.url is not None
            try:
                page = await fetcher.fetch(FetchRequest(key=source.id, url=item.url))
                article = webpage.parse_article(page.body, page.final_url, page.headers.get("content-type"))
            except SourceError as exc:
                log.info("article %s not enriched: %s", item.url, exc.user_message)
                return
            webpage.enrich(item, article)

        await asyncio.gather(*(one(item) for item in fresh))

    def known_guids(self, source_id: str, guids: list[str]) -> set[str]:
        """Which of these GUIDs are already stored for the source."""
        with self._db.session() as session:
            rows = session.scalars(select(Item.guid).where(Item.source_id == source_id, Item.guid.in_(guids)))
            return set(rows)

    async def _imap(self, source: SourceRef, attempted: datetime) -> SourceOutcome:
        account = imap_source.ImapAccount.from_config(source.config)
        password = self._secrets.get(source.config.get("secret_name") or account.secret_name())
        if password is None:
            raise MailError("还没有保存这个邮箱的密码。", "请在订阅源设置中输入邮箱密码。")
        timeout = float(self._settings.get("fetch.timeout_seconds"))
        items, cursor = await asyncio.to_thread(
            imap_source.fetch_new, account, password, source.cursor, timeout
        )
        return SourceOutcome(source.id, attempted, ok=True, items=items, cursor=cursor)


def http_settings_from(settings: Settings) -> HttpSettings:
    """The fetcher's settings as the user set them (proxy, timeouts, size cap, limits)."""
    timeout = float(settings.get("fetch.timeout_seconds"))
    return HttpSettings(
        proxy=settings.get("fetch.proxy") or None,
        connect_timeout=min(timeout, 15.0),
        read_timeout=timeout,
        total_timeout=timeout * 3,
        max_bytes=int(settings.get("fetch.max_mb")) * 1024 * 1024,
        per_host=max(1, int(settings.get("fetch.per_host_limit"))),
        global_limit=max(1, int(settings.get("fetch.global_limit"))),
    )
