"""What sources hand to services: plain dataclasses, no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

PARSE_HEADERS = ("content-type", "content-location", "content-language")

ItemRow = dict[str, Any]  # one item's columns as stored (``sources.rows.prepare_rows`` makes them)


@dataclass(slots=True)
class ParsedItem:
    """One entry as read from a source. ``content_html`` is already sanitized."""

    guid: str
    title: str
    url: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    content_html: str | None = None
    text: str = ""  # plain text of the content, for the summary and the fingerprint


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    items: list[ParsedItem]
    format: str  # rss20, atom10, rss10, json, feedparser:<version>, webpage, imap, manual
    bozo: str | None = None  # a recovered problem worth showing (ill-formed XML recovered…)


@dataclass(slots=True)
class HttpResult:
    """The outcome of one conditional GET."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    permanent_redirect: str | None = None  # the new address after 301/308 chains
    elapsed_ms: int = 0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def parse_headers(self) -> dict[str, str]:
        """The response headers a parser needs: type/charset, base for links, language."""
        return {name: self.headers[name] for name in PARSE_HEADERS if self.headers.get(name)}


@dataclass(slots=True)
class FetchRequest:
    key: str  # the caller's id (usually the source id)
    url: str
    etag: str | None = None
    last_modified: str | None = None
    accept_cert_sha256: str | None = None  # per-source "trust this certificate"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SourceOutcome:
    """One source refreshed (success, not modified, or failure): item rows and fetch facts.

    Every source kind hands this on (``sources.kinds``); ``services.ingest`` stores it."""

    source_id: str
    attempted_at: datetime
    ok: bool
    rows: list[ItemRow] = field(default_factory=list)  # the items, as ``sources.rows`` prepares them
    status: int | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # plain Chinese, shown as the source's health
    next_step: str | None = None  # what the user can do about ``error``
    retry_after: float | None = None
    moved_to: str | None = None  # permanent redirect: the stored URL is updated
    cursor: dict[str, Any] | None = None  # e.g. IMAP UIDVALIDITY/UID
    duration_ms: int | None = None
    notice: str | None = None  # a recovered problem (ill-formed XML, bad bytes)
    document_url: str | None = None  # a feed's address after redirects (``rows.add_former_guids``)

    @property
    def item_count(self) -> int:
        return len(self.rows)
