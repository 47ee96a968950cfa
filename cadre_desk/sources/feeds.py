"""Feed parsing: RSS 0.9x/1.0/2.0, Atom, JSON Feed.

Bytes are decoded here (``charset.decode``) because parsers cannot see HTTP headers and garble
``gb2312``-declared GBK. Then:

* a **fast path** with lxml (``fast_feed``) for well-formed RSS 2.0 and Atom 1.0 — the common
  case — that reads elements as feedparser does and steps aside (``NotFast``) on anything it does
  not reproduce exactly; a differential test over generated documents holds it to that;
* **feedparser** for everything else, including ill-formed XML it can recover;
* JSON Feed read directly.

The response's ``Content-Location`` sets the base for relative links, ``Content-Language`` goes
to feedparser. A document that needed recovery (ill-formed XML, unknown or wrong declared
encoding, undecodable bytes, a non-feed content type, double-encoded UTF-8) is still read, and
``ParsedFeed.bozo`` says why in plain Chinese.

Documents declaring XML entities (entity-expansion bombs, external entities) are refused before
any parser sees them, as defusedxml does by default, wherever the declaration sits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin
from xml.sax import SAXParseException

from cadre_desk.sources import feedparser_parts
from cadre_desk.sources.charset import decode, set_xml_encoding, utf8_as_declared
from cadre_desk.sources.errors import NotAFeedError, UnsafeContentError
from cadre_desk.sources.fast_feed import NotFast, fast_parse
from cadre_desk.sources.feed_fields import (
    body_of,
    escape,
    item_guid,
    link_from_guid,
    looks_double_encoded,
    looks_double_encoded_utf8,
    parse_date,
    title_of,
)
from cadre_desk.sources.model import ParsedFeed, ParsedItem
from cadre_desk.sources.sanitize import html_to_text, plain_title, sanitize_html

_DOCTYPE = re.compile(r"<!DOCTYPE", re.I)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
_HTML_START = re.compile(r"^\s*(?:<!DOCTYPE\s+html|<html|<head|<body)", re.I)
_FEED_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(["'])(.*?)\2""")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")

_feedparser: Any = None  # the package, once a document has gone to it (``_feedparser_package``)


def _feedparser_package() -> Any:
    """feedparser, imported at the first document the fast path declines (a parse worker then
    runs its package start-up: ``feedparser_parts``)."""
    global _feedparser
    if _feedparser is None:
        package = feedparser_parts.full()
        # Ids are stored as published: feedparser resolves <guid>/<id> against the document
        # address ("right" -> "http://host/right"), which changes an item's identity when the feed
        # moves or is read by the other path. Only the id is exempted; links stay resolved.
        for parser_class in (package.api.StrictFeedParser, package.api.LooseFeedParser):
            parser_class.can_be_relative_uri = set(parser_class.can_be_relative_uri) - {"id"}
        _feedparser = package
    return _feedparser


def refuse_entities(text: str) -> None:
    """Refuse documents that declare entities (billion laughs, quadratic blow-up, XXE).

    The whole text is searched: a declaration after a long comment is still a declaration."""
    if _ENTITY_DECL.search(text) and _DOCTYPE.search(text):
        raise UnsafeContentError("内容包含 XML 实体定义（可能是“实体炸弹”或外部实体攻击），已拒绝读取。")


def parse_feed(
    data: bytes,
    *,
    url: str,
    content_type: str | None = None,
    headers: Mapping[str, str] | None = None,
    fast: bool = True,
) -> ParsedFeed:
    """Parse a feed document. Raises ``NotAFeedError`` or ``UnsafeContentError``.

    ``headers`` are the response headers (lower-case names); ``fast=False`` forces feedparser."""
    headers = headers or {}
    content_type = content_type or headers.get("content-type")
    decoded = decode(data, content_type)
    text = decoded.text.lstrip("\ufeff")
    stripped = text.lstrip()
    problems = _decoding_problems(decoded.mislabelled, decoded.replaced, decoded.encoding, content_type)
    if stripped.startswith("{") or (content_type or "").split(";")[0].strip().endswith("json"):
        feed = _parse_json_feed(stripped, url)
        double_encoded = looks_double_encoded(stripped)
    else:
        refuse_entities(text)
        if _HTML_START.match(stripped[:512]):
            raise _not_a_feed_html(text, url)
        base = urljoin(url, headers["content-location"].strip()) if headers.get("content-location") else url
        xml_bytes = data if utf8_as_declared(data, decoded) else set_xml_encoding(text).encode("utf-8")
        fast_feed = _fast_or_none(xml_bytes, base) if fast else None
        feed = fast_feed or _feedparser_parse(xml_bytes, url, base, headers.get("content-language"))
        double_encoded = looks_double_encoded_utf8(xml_bytes)
    if double_encoded:
        problems.append("部分文字像是被重复编码的 UTF-8（如“Ã©”“â€¦”），可能显示为乱码")
    if feed.bozo:
        problems.insert(0, feed.bozo)
    feed.bozo = "；".join(problems) or None
    return feed


def _fast_or_none(xml_bytes: bytes, base: str) -> ParsedFeed | None:
    try:
        return fast_parse(xml_bytes, base)
    except NotFast:
        return None


def _decoding_problems(
    mislabelled: str | None, replaced: bool, encoding: str, content_type: str | None
) -> list[str]:
    problems: list[str] = []
    if mislabelled:
        problems.append(mislabelled)
    if replaced:
        problems.append(f"部分字符无法按 {encoding} 解码，已用“�”替代")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type and not ("xml" in media_type or "json" in media_type or media_type == "text/html"):
        problems.append(f"服务器声明的内容类型是 {media_type}，不是订阅源格式")
    return problems


# --------------------------------------------------------------------------- feedparser


def _struct_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        struct = dict.get(entry, key)  # FeedParserDict.get would map updated to published, warning
        if struct:
            return datetime(*struct[:6]).replace(tzinfo=UTC)
    return None


def _is_atom(result: Any) -> bool:
    return str(result.get("version") or "").startswith("atom")


def _literal_title(detail: Any, atom: bool) -> bool:
    return atom and (detail or {}).get("type") == "text/plain"


def _entry_body(entry: Any, doc_base: str) -> tuple[str | None, str, str]:
    """(value, content type, base) of the body: the first non-empty content, else the summary."""
    for content in entry.get("content") or []:
        if content.get("value"):
            return content["value"], content.get("type") or "text/html", content.get("base") or doc_base
    detail = entry.get("summary_detail") or {}
    return entry.get("summary"), detail.get("type") or "text/html", detail.get("base") or doc_base


def _xml_problem(exc: Any) -> str:
    """A recovered parse error in plain words: where it is and what the parser said."""
    if isinstance(exc, SAXParseException):
        return f"XML 不规范（第 {exc.getLineNumber()} 行第 {exc.getColumnNumber()} 列：{exc.getMessage()}）"
    return f"XML 不规范（{exc}）"


def _feedparser_parse(xml_bytes: bytes, url: str, base: str, language: str | None = None) -> ParsedFeed:
    response_headers = {"content-type": "application/xml; charset=utf-8", "content-location": base}
    if language:
        response_headers["content-language"] = language
    result = _feedparser_package().parse(
        xml_bytes, response_headers=response_headers, sanitize_html=False, resolve_relative_uris=False
    )
    if not result.get("version") and not result.entries:
        problem = result.get("bozo_exception")
        raise NotAFeedError(
            f"返回的内容不是可识别的订阅源（RSS/Atom）{'：' + str(problem) if problem else ''}"
        )
    atom = _is_atom(result)
    items: list[ParsedItem] = []
    for entry in result.entries:
        value, content_type, body_base = _entry_body(entry, base)
        content_html, text = body_of(value, content_type, body_base if body_base.startswith("http") else url)
        title = title_of(entry.get("title"), _literal_title(entry.get("title_detail"), atom))
        guid = entry.get("id")
        link = entry.get("link")
        if entry.get("guidislink") and link is not None and link == guid:
            link = link_from_guid(guid)
        detail = entry.get("author_detail") or {}
        items.append(
            ParsedItem(
                guid=item_guid(guid, link, title, text),
                title=title,
                url=link or None,
                author=detail.get("name") or detail.get("email") or entry.get("author") or None,
                published_at=_struct_date(entry),
                content_html=content_html,
                text=text,
            )
        )
    bozo = _xml_problem(result.get("bozo_exception")) if result.get("bozo") else None
    feed_title = title_of(result.feed.get("title"), _literal_title(result.feed.get("title_detail"), atom))
    return ParsedFeed(
        feed_title or None,
        result.feed.get("link") or None,
        items,
        f"feedparser:{result.get('version') or 'unknown'}",
        bozo,
    )


# --------------------------------------------------------------------------- JSON Feed


def _json_date(value: Any) -> datetime | None:
    return parse_date(value.strip()) if isinstance(value, str) and value.strip() else None


def _parse_json_feed(text: str, url: str) -> ParsedFeed:
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise NotAFeedError(f"JSON 格式有误，无法读取：{exc}") from exc
    if not isinstance(document, dict) or "items" not in document:
        raise NotAFeedError("这是 JSON 数据，但不是 JSON Feed 订阅源（缺少 items）。")
    items: list[ParsedItem] = []
    for raw in document.get("items") or []:
        if not isinstance(raw, dict):
            continue
        link = raw.get("url") or raw.get("external_url")
        link = urljoin(url, link) if isinstance(link, str) and link else None
        body = raw.get("content_html")
        if not body and raw.get("content_text"):
            body = escape(str(raw["content_text"])).replace("\n", "<br>")
        body = body or raw.get("summary")
        content_html = sanitize_html(body, url)
        text = html_to_text(content_html)
        title = plain_title(str(raw.get("title") or ""))
        authors = raw.get("authors") or ([raw["author"]] if isinstance(raw.get("author"), dict) else [])
        author = next((a.get("name") for a in authors if isinstance(a, dict) and a.get("name")), None)
        raw_id = raw.get("id")
        items.append(
            ParsedItem(
                guid=item_guid(str(raw_id) if raw_id not in (None, "") else None, link, title, text),
                title=title,
                url=link,
                author=author,
                published_at=_json_date(raw.get("date_published") or raw.get("date_modified")),
                content_html=content_html,
                text=text,
            )
        )
    return ParsedFeed(
        plain_title(document.get("title")) or None, document.get("home_page_url"), items, "json"
    )


# --------------------------------------------------------------------------- discovery


def discover_feed_links(html_text: str, base_url: str) -> list[str]:
    """Feed addresses a web page advertises with ``<link rel="alternate" type="…rss+xml">``."""
    found: list[str] = []
    for tag in _FEED_LINK.findall(html_text[:200_000]):
        attrs = {name.lower(): value for name, _q, value in _ATTR.findall(tag)}
        if "alternate" in attrs.get("rel", "").lower() and attrs.get("type", "").lower() in _FEED_TYPES:
            href = attrs.get("href")
            if href:
                absolute = urljoin(base_url, href)
                if absolute not in found:
                    found.append(absolute)
    return found


def _not_a_feed_html(text: str, url: str) -> NotAFeedError:
    links = discover_feed_links(text, url)
    if links:
        error = NotAFeedError(f"这个地址是网页，网页里声明了订阅源：{links[0]}", "请改用这个订阅源地址添加。")
    else:
        error = NotAFeedError("这个地址返回的是网页，不是订阅源。")
    error.discovered = links  # type: ignore[attr-defined]
    return error
