"""Refreshing sources: which to refresh, how many at once, storing in batches, progress, cancel.

Used the same way by the GUI (in a background thread, with progress and a cancel button), the
schedule (``refresh_schedule``: sources whose interval has passed) and ``cadre-desk fetch``.
Each source kind's own path (fetch → parse → rows) is in ``sources.kinds``; this module only
decides what runs when, and hands the rows to ``ingest``: one asyncio loop runs the kinds'
paths concurrently, and storing runs on a worker thread in batches so SQLite writes overlap
with fetching and parsing.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.enums import SourceKind
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.ingest import IngestReport, IngestService
from cadre_desk.services.settings import Settings
from cadre_desk.sources import kinds
from cadre_desk.sources.errors import MailError, SourceError
from cadre_desk.sources.http import HttpFetcher, HttpSettings
from cadre_desk.sources.kinds import FeedRowsParser
from cadre_desk.sources.model import FetchRequest, SourceOutcome
from cadre_desk.sources.parse_pool import FeedRowsParsing
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Source, SourceFetchState

log = logging.getLogger(__name__)

FETCHABLE = (SourceKind.RSS.value, SourceKind.WEBPAGE.value, SourceKind.IMAP.value)
DEMO_SOURCE = "demo"  # key in Source.config: generated demo data, never fetched
_STORE_BATCH_ITEMS = 1000


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
    next_steps: dict[str, str] = field(default_factory=dict)  # source name -> what to do

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
        self._one_at_a_time = threading.Lock()

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
        """Refresh these sources (default: every subscribed one). One refresh runs at a time:
        this waits for one under way (the scheduled one) unless cancelled meanwhile."""
        cancel = cancel or threading.Event()
        while not self._one_at_a_time.acquire(timeout=0.25):
            if cancel.is_set():
                return RefreshReport(cancelled=True)
        try:
            return self._refresh_now(source_ids, only_due, progress, cancel)
        finally:
            self._one_at_a_time.release()

    def refresh_if_idle(
        self,
        source_ids: Sequence[str] | None = None,
        *,
        only_due: bool = False,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> RefreshReport | None:
        """Like ``refresh``, but None at once when another refresh is under way."""
        if not self._one_at_a_time.acquire(blocking=False):
            return None
        try:
            return self._refresh_now(source_ids, only_due, progress, cancel or threading.Event())
        finally:
            self._one_at_a_time.release()

    def _refresh_now(
        self,
        source_ids: Sequence[str] | None,
        only_due: bool,
        progress: ProgressCallback | None,
        cancel: threading.Event,
    ) -> RefreshReport:
        sources = self.load_sources(source_ids, only_due=only_due)
        return asyncio.run(self._refresh(sources, progress, cancel))

    async def _refresh(
        self,
        sources: list[SourceRef],
        progress: ProgressCallback | None,
        cancel: threading.Event,
    ) -> RefreshReport:
        started = time.monotonic()
        report = RefreshReport(total=len(sources))
        feeds = sum(1 for source in sources if source.kind == SourceKind.RSS.value)
        setting = int(self._settings.get("fetch.parse_processes"))
        # Workers only now, sized by the feeds to parse and the setting (parse_pool.workers_for).
        parser = FeedRowsParsing(feeds, setting)
        # Batches are stored one after another on one thread of their own: with the default
        # executor each batch could land on another of its threads, and each thread's own malloc
        # arena kept its share of the batches' memory (500 feeds: peak RSS ~2 MB higher).
        writer = ThreadPoolExecutor(1, thread_name_prefix="refresh-store")
        try:
            return await self._refresh_with(sources, parser, writer, progress, cancel, report, started)
        finally:
            await parser.aclose()
            await asyncio.to_thread(writer.shutdown)  # a batch under way is finished, off the loop

    async def _refresh_with(
        self,
        sources: list[SourceRef],
        parser: FeedRowsParser,
        writer: ThreadPoolExecutor,
        progress: ProgressCallback | None,
        cancel: threading.Event,
        report: RefreshReport,
        started: float,
    ) -> RefreshReport:
        pending: list[SourceOutcome] = []
        pending_items = 0
        loop = asyncio.get_running_loop()
        store_task: asyncio.Future[IngestReport] | None = None

        async def flush() -> None:
            nonlocal pending, pending_items, store_task
            if store_task is not None:
                report.ingest.add(await store_task)
                store_task = None
            if pending:
                batch, pending, pending_items = pending, [], 0
                store_task = asyncio.ensure_future(loop.run_in_executor(writer, self._ingest.store, batch))

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
                    waiting.add(asyncio.ensure_future(self._one(fetcher, parser, source)))

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
                            if outcome.next_step:
                                report.next_steps[source.name] = outcome.next_step
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
            if report.ingest.new_items or report.ingest.updated_items:
                await loop.run_in_executor(writer, self._ingest.checkpoint)
        report.seconds = time.monotonic() - started
        return report

    async def _one(
        self, fetcher: HttpFetcher, parser: FeedRowsParser, source: SourceRef
    ) -> tuple[SourceRef, SourceOutcome]:
        attempted = datetime.now(UTC)
        started = time.monotonic()
        try:
            if source.kind == SourceKind.IMAP.value:
                outcome = await self._mailbox(source, attempted)
            elif source.kind == SourceKind.WEBPAGE.value:

                async def known(guids: list[str]) -> set[str]:
                    return await asyncio.to_thread(self.known_guids, source.id, guids)

                request = self._request(source)
                outcome = await kinds.fetch_column(fetcher, request, attempted, source.config, known)
            else:
                outcome = await kinds.fetch_feed(fetcher, self._request(source), attempted, parser)
        except SourceError as exc:
            outcome = SourceOutcome(
                source.id,
                attempted,
                ok=False,
                status=exc.status,
                error=exc.user_message,
                next_step=exc.next_step or None,
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

    async def _mailbox(self, source: SourceRef, attempted: datetime) -> SourceOutcome:
        from cadre_desk.sources.imap import ImapAccount  # mailboxes only: imaplib, email

        account = ImapAccount.from_config(source.config)
        password = self._secrets.get(source.config.get("secret_name") or account.secret_name())
        if password is None:
            raise MailError("还没有保存这个邮箱的密码。", "请在订阅源设置中输入邮箱密码。")
        timeout = float(self._settings.get("fetch.timeout_seconds"))
        return await kinds.fetch_mailbox(source.id, attempted, account, password, source.cursor, timeout)

    def known_guids(self, source_id: str, guids: list[str]) -> set[str]:
        """Which of these GUIDs are already stored for the source."""
        with self._db.session() as session:
            rows = session.scalars(select(Item.guid).where(Item.source_id == source_id, Item.guid.in_(guids)))
            return set(rows)


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
