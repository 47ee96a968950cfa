"""Manual capture: pasted WeChat links or text become items of a source, and are never lost.

A link's identity is its canonical key (``__biz``/``mid``/``idx``/``sn``, or the short
``/s/<id>`` form until the page names its long key). Capturing an article again fills in what
the stored item lacks (the page's title and text, a pasted title or text); it is reported as a
duplicate only when it adds nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime

from sqlalchemy import or_, select

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.ingest import IngestReport, IngestService
from cadre_desk.services.source_lookup import resolve_source
from cadre_desk.sources import capture as capture_source
from cadre_desk.sources.errors import SourceError
from cadre_desk.sources.http import HttpFetcher, HttpSettings
from cadre_desk.sources.model import FetchRequest, ParsedItem
from cadre_desk.sources.sanitize import html_to_text
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item

log = logging.getLogger(__name__)


class NothingToCaptureError(CadreError):
    next_step = "请粘贴 mp.weixin.qq.com 文章链接或通知文字。"


# New items may also have made tasks: inbox rules and repost duties run as they are stored.
NEW_ITEMS = Changes(items=True, sources=True, tasks=True, own=True, operation_logs=True)
UPDATED_ITEMS = Changes(items=True, sources=True)


@dataclass(slots=True)
class CaptureReport(IngestReport):
    @property
    def changes(self) -> Changes:
        if self.new_items:
            return NEW_ITEMS
        return UPDATED_ITEMS if self.updated_items else NOTHING


class CaptureService:
    def __init__(
        self, db: Database, ingest: IngestService, http_settings: Callable[[], HttpSettings]
    ) -> None:
        self._db = db
        self._ingest = ingest
        self._http_settings = http_settings

    def capture(self, source: str, pasted: str, *, online: bool = True) -> CaptureReport:
        """Store pasted links/text as items of a source (its id or name); reads WeChat pages
        when reachable."""
        source_id = resolve_source(self._db, source)
        entries = capture_source.split_paste(pasted)
        if not entries:
            raise NothingToCaptureError("没有识别到链接或文字。")
        pages = self._pages(entries) if online else {}
        now = datetime.now(UTC)
        captured: list[tuple[ParsedItem, bool, set[str]]] = []
        for entry in entries:
            page = pages.get(entry.url or "")
            keys = {key for key in (entry.canonical, entry.url) if key}
            if page is not None and page.usable:
                item = capture_source.online_item(entry, page, now)
                captured.append((item, True, keys | {item.guid}))
            else:
                item = capture_source.offline_item(entry, now)
                captured.append((item, False, keys | {item.guid}))
        stored = self._stored(source_id, set().union(*(keys for _, _, keys in captured)))
        items: list[ParsedItem] = []
        unchanged = 0
        for item, from_page, keys in captured:
            prior = next((stored[key] for key in (item.guid, *sorted(keys)) if key in stored), None)
            if prior is None:
                items.append(item)
                continue
            stored_guid, stored_item = prior
            merged = capture_source.merge_capture(stored_item, item, from_page=from_page)
            if merged is None:
                unchanged += 1
                continue
            merged.guid = stored_guid  # the stored identity stays: an update, not a second item
            items.append(merged)
        stored_report = self._ingest.store_items(source_id, items) if items else IngestReport(sources=1)
        report = CaptureReport(**{f.name: getattr(stored_report, f.name) for f in fields(IngestReport)})
        report.duplicates += unchanged
        return report

    def _stored(self, source_id: str, keys: set[str]) -> dict[str, tuple[str, capture_source.StoredCapture]]:
        """Stored items whose GUID or canonical URL is one of ``keys``, by each of the two."""
        wanted = sorted(keys)
        with self._db.session() as session:
            rows = session.execute(
                select(
                    Item.guid,
                    Item.canonical_url,
                    Item.title,
                    Item.author,
                    Item.content_html,
                    Item.summary,
                    Item.published_at,
                ).where(
                    Item.source_id == source_id, or_(Item.guid.in_(wanted), Item.canonical_url.in_(wanted))
                )
            ).all()
        found: dict[str, tuple[str, capture_source.StoredCapture]] = {}
        for guid, url, title, author, content_html, summary, published_at in rows:
            record = capture_source.StoredCapture(
                title=title,
                author=author,
                content_html=content_html,
                text=html_to_text(content_html) if content_html else (summary or ""),
                published_at=published_at,
            )
            found.setdefault(guid, (guid, record))
            if url:
                found.setdefault(url, (guid, record))
        return found

    def _pages(self, entries: list[capture_source.CaptureEntry]) -> dict[str, capture_source.WechatPage]:
        urls = [e.url for e in entries if e.url]
        if not urls:
            return {}
        settings = HttpSettings(
            proxy=self._http_settings().proxy,
            connect_timeout=5,
            read_timeout=10,
            total_timeout=15,
            max_retries=0,
        )

        async def run() -> dict[str, capture_source.WechatPage]:
            pages: dict[str, capture_source.WechatPage] = {}
            async with HttpFetcher(settings) as fetcher:
                requests = [FetchRequest(key=url, url=url) for url in urls]
                async for request, result in fetcher.fetch_many(requests):
                    if isinstance(result, SourceError):
                        log.info("capture offline for %s: %s", request.url, result.user_message)
                        continue
                    pages[request.url] = capture_source.parse_wechat_page(
                        result.body, result.final_url, result.headers.get("content-type")
                    )
            return pages

        return asyncio.run(run())
