"""One straight path per source kind: fetch → parse → item rows (as Miniflux refreshes a feed).

Each function takes what it needs to reach its source and returns a ``SourceOutcome`` holding
the items as rows (``sources.rows``) and the fetch facts (validators, redirect, cursor). Nothing
here touches the database: what a kind needs to know about stored items (a portal column opens
only the article pages not stored yet) is asked through a callback. Failures are raised as
``SourceError``; the caller turns them into a failed outcome and goes on with other sources.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cadre_desk.domain.timestamps import to_ms
from cadre_desk.sources.errors import SourceError, WebpageError
from cadre_desk.sources.http import HttpFetcher
from cadre_desk.sources.model import FetchRequest, HttpResult, ItemRow, ParsedItem, SourceOutcome
from cadre_desk.sources.rows import prepare_rows

if TYPE_CHECKING:  # a refresh of feeds alone loads neither (lxml.html, imaplib and email)
    from cadre_desk.sources import imap

log = logging.getLogger(__name__)

ARTICLES_PER_REFRESH = 10  # article pages a portal column opens per refresh, politely

# (body, final url, parse headers, fetched ms) -> (rows, notice): in this process or a worker's
FeedRowsParser = Callable[[bytes, str, Mapping[str, str], int], Awaitable[tuple[list[ItemRow], str | None]]]
KnownGuids = Callable[[list[str]], Awaitable[set[str]]]


def _outcome(request: FetchRequest, attempted: datetime, result: HttpResult) -> SourceOutcome:
    return SourceOutcome(
        request.key,
        attempted,
        ok=True,
        status=result.status,
        not_modified=result.not_modified,
        etag=result.etag,
        last_modified=result.last_modified,
        moved_to=result.permanent_redirect,
    )


async def fetch_feed(
    fetcher: HttpFetcher, request: FetchRequest, attempted: datetime, parse: FeedRowsParser
) -> SourceOutcome:
    """An RSS/Atom/JSON feed: conditional GET, then ``parse`` (``sources.feed_rows``)."""
    result = await fetcher.fetch(request)
    outcome = _outcome(request, attempted, result)
    if not result.not_modified:
        outcome.rows, outcome.notice = await parse(
            result.body, result.final_url, result.parse_headers, to_ms(attempted)
        )
        outcome.document_url = result.final_url
    return outcome


async def fetch_column(
    fetcher: HttpFetcher,
    request: FetchRequest,
    attempted: datetime,
    config: Mapping[str, Any],
    known_guids: KnownGuids,
) -> SourceOutcome:
    """A portal column (通知公告): the list page → entries (the user's selectors, else the list
    found automatically) → a few new article pages opened for title, date, source and body."""
    from cadre_desk.sources import webpage

    result = await fetcher.fetch(request)
    outcome = _outcome(request, attempted, result)
    if result.not_modified:
        return outcome
    selectors_config = config.get("selectors") or {}
    content_type = result.headers.get("content-type")
    if selectors_config.get("item"):
        selectors = webpage.ListSelectors.from_config(selectors_config)
        document = webpage.parse_html(result.body, content_type)
        entries = webpage.extract_entries(document, result.final_url, selectors)
    else:
        candidates = webpage.detect_lists(result.body, result.final_url, content_type, limit=1)
        entries = candidates[0].entries if candidates else []
    if not entries:
        raise WebpageError("栏目页上没有找到文章列表。", "请打开订阅源设置，在预览中修改 CSS 选择器。")
    items = webpage.entries_to_items(entries)
    if config.get("fetch_articles", True):
        known = await known_guids([item.guid for item in items])
        fresh = [item for item in items if item.guid not in known][:ARTICLES_PER_REFRESH]
        await asyncio.gather(*(_enrich(fetcher, request.key, item) for item in fresh))
    outcome.rows = prepare_rows(items, to_ms(attempted))
    return outcome


async def _enrich(fetcher: HttpFetcher, key: str, item: ParsedItem) -> None:
    """Complete a list entry from its article page; an unreachable page leaves it as listed."""
    from cadre_desk.sources import webpage

    assert item.url is not None
    try:
        page = await fetcher.fetch(FetchRequest(key=key, url=item.url))
        article = webpage.parse_article(page.body, page.final_url, page.headers.get("content-type"))
    except SourceError as exc:
        log.info("article %s not enriched: %s", item.url, exc.user_message)
        return
    webpage.enrich(item, article)


async def fetch_mailbox(
    source_id: str,
    attempted: datetime,
    account: imap.ImapAccount,
    password: str,
    cursor: dict[str, Any],
    timeout: float,
) -> SourceOutcome:
    """An IMAP folder: the messages after the cursor (on a thread: imaplib blocks)."""
    from cadre_desk.sources import imap

    items, new_cursor = await asyncio.to_thread(imap.fetch_new, account, password, cursor, timeout)
    rows = prepare_rows(items, to_ms(attempted))
    return SourceOutcome(source_id, attempted, ok=True, rows=rows, cursor=new_cursor)
