"""Dead-link check of the run accounts' recent posts and hand-entered 菜单 links.

It goes through the feed fetcher (``sources.http.HttpFetcher``): the same proxy, timeouts,
per-host and global concurrency limits, Retry-After handling and size cap as a refresh, with
tighter limits (links are many small checks on other people's servers). Results are kept per
account and URL, the outcome in plain Chinese.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from cadre_desk.domain.changes import Changes
from cadre_desk.services.own.accounts import OwnAccountService
from cadre_desk.sources.errors import HttpStatusError, SourceError, TooLargeError
from cadre_desk.sources.http import HttpFetcher, HttpSettings
from cadre_desk.sources.model import FetchRequest, HttpResult
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Source
from cadre_desk.storage.own_models import OwnLinkCheck

_HREF = re.compile(r"""href\s*=\s*["'](https?://[^"'\s<>]+)["']""", re.IGNORECASE)
DEFAULT_DAYS = 30
MAX_LINKS = 300  # per run: a polite ceiling; the rest is checked next time (oldest results first)

_STATUS_TEXT = {
    401: "需要登录才能打开",
    403: "服务器拒绝访问，可能仅限内网或需要登录",
    404: "页面不存在，链接已失效",
    410: "页面已被删除",
    429: "对方服务器要求降低访问频率，稍后再查",
}


@dataclass(frozen=True)
class LinkToCheck:
    source_id: str
    url: str
    item_id: str | None
    origin: str  # "post" | "menu"


@dataclass(frozen=True)
class LinkResult:
    source_id: str
    source_name: str
    url: str
    item_id: str | None
    item_title: str | None
    origin: str
    checked_at: datetime
    ok: bool
    status: int | None
    outcome: str
    recorded: bool


@dataclass(frozen=True)
class LinkCheckRun:
    checked: int
    broken: int
    left_for_later: int
    network_used: bool
    note: str = ""

    @property
    def changes(self) -> Changes:
        """Stored outcomes show on the account page."""
        return Changes(own=True) if self.checked else Changes()


def link_outcome(result: HttpResult | SourceError) -> tuple[bool, int | None, str]:
    """(ok, HTTP status, plain-Chinese outcome) of one fetch."""
    if isinstance(result, HttpResult):
        if result.final_url != result.url:
            return True, result.status, f"可以打开（HTTP {result.status}，已跳转到 {result.final_url}）"
        return True, result.status, f"可以打开（HTTP {result.status}）"
    if isinstance(result, TooLargeError):
        return True, 200, "可以打开（页面较大，只检查了开头）"
    if isinstance(result, HttpStatusError) and result.status:
        status = result.status
        text = _STATUS_TEXT.get(status) or ("对方服务器出错，稍后再查" if status >= 500 else "请求被拒绝")
        return False, status, f"{text}（HTTP {status}）"
    return False, result.status, str(result.args[0]) if result.args else type(result).__name__


def links_in_html(html: str | None) -> list[str]:
    return list(dict.fromkeys(_HREF.findall(html or "")))


class LinkCheckService:
    def __init__(self, db: Database, accounts: OwnAccountService, http: HttpSettings | None = None) -> None:
        self._db = db
        self._accounts = accounts
        base = http or HttpSettings()
        # Tighter than a refresh: two connections per host, four in all, one retry, 2 MB read.
        self.http = dataclasses.replace(
            base,
            per_host=min(base.per_host, 2),
            global_limit=min(base.global_limit, 4),
            max_retries=min(base.max_retries, 1),
            max_bytes=min(base.max_bytes, 2 * 1024 * 1024),
            total_timeout=min(base.total_timeout, 30.0),
        )

    def links_to_check(self, days: int = DEFAULT_DAYS, now: datetime | None = None) -> list[LinkToCheck]:
        since = (now or datetime.now(UTC)) - timedelta(days=days)
        out: dict[tuple[str, str], LinkToCheck] = {}
        views = self._accounts.accounts()
        ids = [v.source_id for v in views]
        for view in views:
            for url in view.settings.menu_links:
                out[(view.source_id, url)] = LinkToCheck(view.source_id, url, None, "menu")
        if ids:
            with self._db.session() as session:
                rows = session.execute(
                    select(Item.id, Item.source_id, Item.content_html)
                    .where(Item.source_id.in_(ids), Item.deleted.is_(False), Item.published_at >= since)
                    .order_by(Item.published_at.desc())
                )
                for item_id, source_id, html in rows:
                    for url in links_in_html(html):
                        out.setdefault((source_id, url), LinkToCheck(source_id, url, item_id, "post"))
        return list(out.values())

    def check(
        self, *, days: int = DEFAULT_DAYS, network_allowed: bool = True, now: datetime | None = None
    ) -> LinkCheckRun:
        """Check the links now (oldest results first, at most ``MAX_LINKS``) and store outcomes."""
        links = self.links_to_check(days, now)
        if not network_allowed:
            return LinkCheckRun(0, 0, len(links), False, "演示数据：链接检查结果为预置记录，不访问网络。")
        checked_at = self._checked_at()
        links.sort(key=lambda link: checked_at.get((link.source_id, link.url), 0))
        batch, rest = links[:MAX_LINKS], links[MAX_LINKS:]
        results = asyncio.run(self._fetch_all(batch))
        moment = now or datetime.now(UTC)
        rows: list[dict[str, Any]] = []
        for link, result in zip(batch, results, strict=True):
            ok, status, outcome = link_outcome(result)
            rows.append(
                {
                    "source_id": link.source_id,
                    "url": link.url,
                    "item_id": link.item_id,
                    "origin": link.origin,
                    "checked_at": moment,
                    "ok": ok,
                    "status": status,
                    "outcome": outcome,
                    "recorded": False,
                }
            )
        self.store(rows)
        return LinkCheckRun(len(rows), sum(1 for r in rows if not r["ok"]), len(rest), True)

    async def _fetch_all(self, links: Sequence[LinkToCheck]) -> list[HttpResult | SourceError]:
        requests = [FetchRequest(key=str(n), url=link.url) for n, link in enumerate(links)]
        results: list[HttpResult | SourceError | None] = [None] * len(links)
        async with HttpFetcher(self.http) as fetcher:
            async for request, result in fetcher.fetch_many(requests):
                results[int(request.key)] = result
        return [r if r is not None else SourceError("未检查") for r in results]

    def store(self, rows: list[dict[str, Any]]) -> Changes:
        """Keep outcomes (one row per account and address; a newer check replaces the older)."""
        if not rows:
            return Changes()
        with self._db.session() as session:
            statement = sqlite_insert(OwnLinkCheck)
            updates = {key: statement.excluded[key] for key in rows[0] if key not in ("source_id", "url")}
            session.execute(
                statement.on_conflict_do_update(index_elements=["source_id", "url"], set_=updates), rows
            )
        return Changes(own=True)

    def _checked_at(self) -> dict[tuple[str, str], int]:
        with self._db.session() as session:
            rows = session.execute(select(OwnLinkCheck.source_id, OwnLinkCheck.url, OwnLinkCheck.checked_at))
            return {(s, u): int(at.timestamp()) for s, u, at in rows}

    def results(self, *, broken_only: bool = False) -> list[LinkResult]:
        """Stored outcomes of the run accounts' links, broken ones first."""
        ids = [v.source_id for v in self._accounts.accounts()]
        if not ids:
            return []
        with self._db.session() as session:
            query = (
                select(OwnLinkCheck, Source.name, Item.title)
                .join(Source, Source.id == OwnLinkCheck.source_id)
                .outerjoin(Item, Item.id == OwnLinkCheck.item_id)
                .where(OwnLinkCheck.source_id.in_(ids))
                .order_by(OwnLinkCheck.ok, Source.name, OwnLinkCheck.url)
            )
            if broken_only:
                query = query.where(OwnLinkCheck.ok.is_(False))
            return [
                LinkResult(
                    row.source_id,
                    name,
                    row.url,
                    row.item_id,
                    title,
                    row.origin,
                    row.checked_at,
                    bool(row.ok),
                    row.status,
                    row.outcome,
                    bool(row.recorded),
                )
                for row, name, title in session.execute(query)
            ]
