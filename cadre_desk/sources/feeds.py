"""Feed parsing: RSS 0.9x/1.0/2.0, Atom, JSON Feed.

Bytes are decoded here (``charset.decode``) because parsers cannot see HTTP headers and garble
``gb2312``-declared GBK. Then:

* a **fast path** with lxml for well-formed RSS 2.0 and Atom 1.0 — the common case — that refuses
  (falls back) on anything it does not fully understand (``xml:base``, XHTML content, RSS 1.0,
  ill-formed XML…), so it never returns something feedparser would read differently;
* **feedparser** for everything else, including ill-formed XML it can recover;
* JSON Feed read directly.

Documents declaring XML entities (entity-expansion bombs, external entities) are refused before
any parser sees them, as defusedxml does by default.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from feedparser.datetimes import _parse_date
from lxml import etree

from cadre_desk.sources.charset import decode, set_xml_encoding
from cadre_desk.sources.errors import NotAFeedError, UnsafeContentError
from cadre_desk.sources.model import ParsedFeed, ParsedItem
from cadre_desk.sources.sanitize import html_to_text, plain_title, sanitize_html

_ENTITY_DECL = re.compile(r"<!ENTITY", re.I)
_XML_BASE = "xml:base"
_RELATIVE_REF = re.compile(r"""(?:href|src)\s*=\s*["']?(?!https?:|//|mailto:|tel:|data:|#)""", re.I)
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")
_HTML_START = re.compile(r"^\s*(?:<!DOCTYPE\s+html|<html|<head|<body)", re.I)
_FEED_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(["'])(.*?)\2""")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")


class _NotFast(Exception):
    """The fast path does not handle this document: use feedparser."""


def refuse_entities(text: str) -> None:
    """Refuse documents that declare entities (billion laughs, quadratic blow-up, XXE)."""
    head = text[:65536]
    if "<!DOCTYPE" in head.upper() and _ENTITY_DECL.search(text):
        raise UnsafeContentError("内容包含 XML 实体定义（可能是“实体炸弹”或外部实体攻击），已拒绝读取。")


def parse_feed(data: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document. Raises ``NotAFeedError`` or ``UnsafeContentError``."""
    decoded = decode(data, content_type)
    text = decoded.text.lstrip("\ufeff")
    stripped = text.lstrip()
    if stripped.startswith("{") or (content_type or "").split(";")[0].strip().endswith("json"):
        return _parse_json_feed(stripped, url)
    refuse_entities(text)
    if _HTML_START.match(stripped[:512]):
        raise _not_a_feed_html(text, url)
    xml_bytes = set_xml_encoding(text).encode("utf-8")
    try:
        feed = _fast_parse(xml_bytes, text, url)
    except _NotFast:
        feed = _feedparser_parse(xml_bytes, url)
    if decoded.replaced and not feed.bozo:
        feed.bozo = f"部分字符无法按 {decoded.encoding} 解码，已用“�”替代"
    return feed


# --------------------------------------------------------------------------- fast path

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def _fast_parse(xml_bytes: bytes, text: str, url: str) -> ParsedFeed:
    if _XML_BASE in text:
        raise _NotFast
    try:
        root = etree.fromstring(xml_bytes, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _NotFast from exc
    if root.tag == "rss":
        return _fast_rss(root, url)
    if root.tag == _ATOM + "feed":
        return _fast_atom(root, url)
    raise _NotFast


def _text(element: Any) -> str:
    return "".join(element.itertext()) if len(element) else (element.text or "")


def _date(value: str | None) -> datetime | None:
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = parsedate_to_datetime(value)
        if parsed.tzinfo is not None:
            return parsed.astimezone(UTC)
    except (TypeError, ValueError, IndexError):
        pass
    struct = _parse_date(value)
    if struct is None:
        return None
    return datetime(*struct[:6]).replace(tzinfo=UTC)


def _absolute(base: str, link: str | None) -> str | None:
    if not link:
        return None
    if link.startswith(("http://", "https://")) and " " not in link:
        return link  # urljoin is costly and would return it unchanged
    return urljoin(base, link)


def _item_guid(guid: str | None, link: str | None, title: str, body: str) -> str:
    if guid:
        return guid
    if link:
        return link
    return "sha1:" + hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()


def _content(body_html: str | None, base: str) -> tuple[str | None, str]:
    if body_html and _RELATIVE_REF.search(body_html) and not base.startswith("http"):
        raise _NotFast
    clean = sanitize_html(body_html, base)
    return clean, html_to_text(clean)


def _fast_rss(root: Any, url: str) -> ParsedFeed:
    channel = root.find("channel")
    if channel is None:
        raise _NotFast
    feed_title = channel.findtext("title")
    feed_link = channel.findtext("link")
    items: list[ParsedItem] = []
    for node in channel.iterfind("item"):
        title = link = guid = author = published = description = encoded = None
        permalink = True
        for child in node:
            tag = child.tag
            if tag == "title":
                title = _text(child)
            elif tag == "link":
                link = (child.text or "").strip() or link
            elif tag == "guid":
                guid = (child.text or "").strip() or None
                permalink = child.get("isPermaLink", "true").lower() != "false"
            elif tag == "description":
                description = _text(child)
            elif tag == _CONTENT_ENCODED:
                encoded = _text(child)
            elif tag == "pubDate" or (tag == _DC + "date" and published is None):
                published = child.text
            elif tag == "author" or (tag == _DC + "creator" and author is None):
                author = (child.text or "").strip() or None
            elif not isinstance(tag, str):
                continue
        if link is None and guid and permalink and guid.startswith(("http://", "https://")):
            link = guid
        link = _absolute(url, link)
        body = encoded or description
        content_html, text = _content(body, url)
        clean_title = plain_title(title)
        if author:
            named = _EMAIL_NAME.match(author)
            author = named.group(1).strip() if named else author
        items.append(
            ParsedItem(
                guid=_item_guid(guid, link, clean_title, text),
                title=clean_title,
                url=link,
                author=author,
                published_at=_date(published),
                content_html=content_html,
                text=text,
            )
        )
    return ParsedFeed(plain_title(feed_title) or None, feed_link, items, "rss20")


def _atom_text(node: Any) -> str:
    kind = node.get("type", "text")
    if kind == "xhtml" or "xhtml" in kind:
        raise _NotFast
    value = _text(node)
    if kind in ("html", "text/html"):
        return value
    return _escape(value)


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fast_atom(root: Any, url: str) -> ParsedFeed:
    feed_title = root.findtext(_ATOM + "title")
    feed_link = None
    for link_node in root.iterfind(_ATOM + "link"):
        if link_node.get("rel", "alternate") == "alternate":
            feed_link = link_node.get("href")
            break
    items: list[ParsedItem] = []
    for entry in root.iterfind(_ATOM + "entry"):
        title_html = guid = link = author = published = updated = content = summary = None
        for child in entry:
            tag = child.tag
            if tag == _ATOM + "id":
                guid = (child.text or "").strip() or None
            elif tag == _ATOM + "title":
                title_html = _atom_text(child)
            elif tag == _ATOM + "link":
                if child.get("rel", "alternate") == "alternate" and link is None:
                    link = child.get("href")
            elif tag == _ATOM + "published":
                published = child.text
            elif tag == _ATOM + "updated":
                updated = child.text
            elif tag == _ATOM + "author" and author is None:
                author = (child.findtext(_ATOM + "name") or "").strip() or None
            elif tag == _ATOM + "content":
                if child.get("src"):
                    continue
                content = _atom_text(child)
            elif tag == _ATOM + "summary":
                summary = _atom_text(child)
        link = _absolute(url, link)
        content_html, text = _content(content or summary, url)
        clean_title = plain_title(title_html)
        items.append(
            ParsedItem(
                guid=_item_guid(guid, link, clean_title, text),
                title=clean_title,
                url=link,
                author=author,
                published_at=_date(published or updated),
                content_html=content_html,
                text=text,
            )
        )
    return ParsedFeed(plain_title(feed_title) or None, feed_link, items, "atom10")


# --------------------------------------------------------------------------- feedparser


def _struct_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        struct = entry.get(key)
        if struct:
            return datetime(*struct[:6]).replace(tzinfo=UTC)
    return None


def _feedparser_parse(xml_bytes: bytes, url: str) -> ParsedFeed:
    result = feedparser.parse(
        xml_bytes,
        response_headers={"content-type": "application/xml; charset=utf-8", "content-location": url},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not result.get("version") and not result.entries:
        problem = result.get("bozo_exception")
        raise NotAFeedError(
            f"返回的内容不是可识别的订阅源（RSS/Atom）{'：' + str(problem) if problem else ''}"
        )
    items: list[ParsedItem] = []
    for entry in result.entries:
        body_html = None
        base = url
        if entry.get("content"):
            first = entry["content"][0]
            body_html = first.get("value")
            base = first.get("base") or url
            if first.get("type") == "text/plain" and body_html:
                body_html = _escape(body_html)
        elif entry.get("summary"):
            body_html = entry["summary"]
            base = entry.get("summary_detail", {}).get("base") or url
        content_html = sanitize_html(body_html, base if base.startswith("http") else url)
        text = html_to_text(content_html)
        title = plain_title(entry.get("title"))
        link = entry.get("link")
        link = urljoin(base, link) if link else None
        items.append(
            ParsedItem(
                guid=_item_guid(entry.get("id"), link, title, text),
                title=title,
                url=link,
                author=entry.get("author") or None,
                published_at=_struct_date(entry),
                content_html=content_html,
                text=text,
            )
        )
    bozo = None
    if result.get("bozo"):
        bozo = f"订阅源格式不规范，已尽量恢复：{result.get('bozo_exception')}"
    return ParsedFeed(
        plain_title(result.feed.get("title")) or None,
        result.feed.get("link"),
        items,
        f"feedparser:{result.get('version') or 'unknown'}",
        bozo,
    )


# --------------------------------------------------------------------------- JSON Feed


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
            body = _escape(str(raw["content_text"])).replace("\n", "<br>")
        body = body or raw.get("summary")
        content_html = sanitize_html(body, url)
        text = html_to_text(content_html)
        title = plain_title(str(raw.get("title") or ""))
        authors = raw.get("authors") or ([raw["author"]] if isinstance(raw.get("author"), dict) else [])
        author = next((a.get("name") for a in authors if isinstance(a, dict) and a.get("name")), None)
        raw_id = raw.get("id")
        items.append(
            ParsedItem(
                guid=_item_guid(str(raw_id) if raw_id not in (None, "") else None, link, title, text),
                title=title,
                url=link,
                author=author,
                published_at=_date(raw.get("date_published") or raw.get("date_modified")),
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
