"""The fast path: lxml over well-formed RSS 2.0 and Atom 1.0, read the way feedparser reads them.

Elements are named as feedparser names them (namespace URI → feedparser's prefix, else the
document's prefix; lower case), so ``dc:title``, ``atom:link`` inside RSS or ``<PubDate>`` mean
the same here as there. Anything whose effect on the stored fields is not reproduced exactly
raises ``NotFast`` and the document goes to feedparser: a DOCTYPE, ``xml:base``, XHTML content, nested
markup inside a text element, repeated author or summary elements, elements feedparser maps to
a stored field that are not handled here (``itunes:summary``, ``media:title``…), e-mail
addresses in authors, a non-http document base. ``tests/sources/test_feed_differential.py``
holds the two paths to the same result over generated documents.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

from feedparser.urls import _urljoin
from lxml import etree

from cadre_desk.sources.feed_fields import (
    HTML_TYPES,
    body_of,
    feedparser_text,
    item_guid,
    link_from_guid,
    parse_date,
    split_author,
    title_of,
)
from cadre_desk.sources.feedparser_parts import NAMESPACES, handles, looks_like_html
from cadre_desk.sources.model import ParsedFeed, ParsedItem

_ATOM_FEED = "{http://www.w3.org/2005/Atom}feed"
_ATOM_ENTRY = "{http://www.w3.org/2005/Atom}entry"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)
_NAMESPACES = {uri.lower(): prefix for uri, prefix in NAMESPACES.items()}
_ENTITY_IN_LINK = re.compile("&([A-Za-z0-9_]+);")
# scheme, host, then optional path, non-empty query and fragment; no spaces or controls
_PLAIN_ABSOLUTE = re.compile(
    r"https?://[A-Za-z0-9.\-:@_~%!$&'()*+,;=]+(?:/[^\x00-\x20?#]*)?(?:\?[^\x00-\x20#]+)?(?:#[^\x00-\x20]+)?"
)

_TITLE = frozenset({"title", "dc:title"})
_LINK = "link"
_GUID = frozenset({"guid", "id"})
_SUMMARY = frozenset({"description", "dc:description", "summary"})
_CONTENT = frozenset({"content", "content:encoded"})
_PUBLISHED = frozenset({"pubdate", "published", "issued", "dcterms:issued"})
_UPDATED = frozenset({"updated", "modified", "lastbuilddate", "dc:date", "dcterms:modified"})
_CREATED = frozenset({"created", "dcterms:created"})
_AUTHOR = frozenset({"author", "managingeditor", "dc:creator", "dc:author"})
# feedparser handles these, but they never reach a stored field (when they carry no markup)
_HARMLESS = frozenset(
    {
        "category",
        "dc:subject",
        "comments",
        "enclosure",
        "media:content",
        "media:thumbnail",
        "media:keywords",
        "media:category",
        "wfw:commentrss",
        "wfw:comment",
        "slash:comments",
        "rights",
        "copyright",
        "dc:rights",
        "dc:language",
        "language",
        "dc:publisher",
    }
)
_TYPE_NAMES = {
    "text": "text/plain",
    "plain": "text/plain",
    "html": "text/html",
    "xhtml": "application/xhtml+xml",
}
# feed-level elements whose children never reach an entry in feedparser
_FEED_CONTAINERS = frozenset(
    {"image", "textinput", "skiphours", "skipdays", "author", "contributor", "cloud"}
)
_SUMMARY_DEFAULT = {"description": "text/html", "dc:description": "text/html", "summary": "text/plain"}
_CONTENT_DEFAULT = {"content": "text/plain", "content:encoded": "text/html"}


class NotFast(Exception):
    """The fast path does not handle this document: use feedparser."""


def fast_parse(xml_bytes: bytes, base: str) -> ParsedFeed:
    """Read a UTF-8 document (its declaration, if any, saying UTF-8) or raise ``NotFast``."""
    if b"xml:base" in xml_bytes or not base.startswith(("http://", "https://")):
        raise NotFast
    try:
        root = etree.fromstring(xml_bytes, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise NotFast from exc
    if root.getroottree().docinfo.doctype:
        raise NotFast  # feedparser takes the version (and entities) from a DOCTYPE
    if root.tag == "rss":
        return _rss(root, base)
    if root.tag == _ATOM_FEED:
        return _atom(root, base)
    raise NotFast


_names: dict[str, str] = {}  # tags whose name does not depend on the document's prefix
_prefixed_names: dict[tuple[str, str | None], str] = {}


def _name(element: Any) -> str:
    """feedparser's name for an element: ``prefix:local`` in lower case, or ``local``.

    A namespace feedparser knows gives its own prefix; an unknown one the document's."""
    tag = element.tag
    found = _names.get(tag)
    if found is not None:
        return found
    if tag[0] != "{":
        found = _names[tag] = tag.lower()
        return found
    uri, local = tag[1:].split("}", 1)
    lowered = uri.lower()
    if "backend.userland.com/rss" in lowered:
        lowered = "http://backend.userland.com/rss"
    known = _NAMESPACES.get(lowered)
    if known is not None:
        found = _names[tag] = f"{known.lower()}:{local.lower()}" if known else local.lower()
        return found
    key = (tag, element.prefix)
    found = _prefixed_names.get(key)
    if found is None:
        prefix = element.prefix
        found = _prefixed_names[key] = f"{prefix.lower()}:{local.lower()}" if prefix else local.lower()
    return found


def _handled_by_feedparser(name: str) -> bool:
    return handles(name)


def _attrs(element: Any) -> dict[str, str]:
    """Attributes keyed as feedparser keys them (lower case, without namespace).

    A ``base`` attribute (feedparser honours it like ``xml:base``) sends the document away."""
    items = element.items()
    if not items:
        return {}
    attrs = {key.rsplit("}", 1)[-1].lower(): value for key, value in items}
    if "base" in attrs:
        raise NotFast
    return attrs


def _resolve(base: str, link: str) -> str:
    """feedparser's ``_urljoin``; a plain absolute http(s) address comes back unchanged from it,
    so it skips the (costly) split and join."""
    if _PLAIN_ABSOLUTE.fullmatch(link):
        return link
    return _urljoin(base, link)


def _href(attrs: dict[str, str]) -> str | None:
    """feedparser's ``_enforce_href``: ``url`` or ``uri`` stand for ``href``."""
    enforced = attrs.get("url", attrs.get("uri", attrs.get("href")))
    return enforced if enforced else attrs.get("href")


def _alternate_html(attrs: dict[str, str]) -> bool:
    rel = attrs.get("rel", "alternate")
    kind = attrs.get("type", "application/atom+xml" if rel == "self" else "text/html")
    return rel == "alternate" and _content_type({"type": kind}, "") in HTML_TYPES


def _raw_text(element: Any) -> str:
    if len(element):  # markup or processing instructions inside: feedparser rebuilds them
        raise NotFast
    return (element.text or "").strip()


def _content_type(attrs: dict[str, str], default: str) -> str:
    kind = attrs.get("type", default).lower()
    return _TYPE_NAMES.get(kind, kind)


def _is_base64(attrs: dict[str, str], content_type: str) -> bool:
    if attrs.get("mode", "") == "base64":
        return True
    return not (content_type.startswith("text/") or content_type.endswith(("+xml", "/xml")))


def _content_value(element: Any, attrs: dict[str, str], content_type: str) -> str:
    if content_type == "application/xhtml+xml":
        raise NotFast
    value = _raw_text(element)
    if _is_base64(attrs, content_type):
        try:
            value = base64.decodebytes(value.encode("utf8")).decode("utf8")
        except (binascii.Error, binascii.Incomplete, UnicodeDecodeError):
            pass
    return feedparser_text(value)


@dataclass(slots=True)
class _Body:
    value: str
    content_type: str


class _Entry:
    """Feedparser's state for one entry, as far as the stored fields need it."""

    __slots__ = (
        "atom",
        "author",
        "author_texts",
        "authors",
        "base",
        "contents",
        "dates",
        "guid",
        "guid_is_link",
        "has_content",
        "link",
        "summary",
        "title",
        "title_literal",
    )

    def __init__(self, atom: bool, base: str) -> None:
        self.atom = atom
        self.base = base
        self.title: str | None = None
        self.title_literal = False
        self.link: str | None = None  # None: 'link' not in feedparser's entry yet
        self.guid: str | None = None
        self.guid_is_link: bool | None = None
        self.summary: _Body | None = None
        self.contents: list[_Body] = []
        self.has_content = False
        self.dates: dict[str, str] = {}
        self.author: str | None = None
        self.authors = 0
        self.author_texts = 0

    def read(self, element: Any) -> None:
        name = _name(element)
        reader = _READERS.get(name)
        if reader is not None:
            reader(self, element, name)
        elif name in _HARMLESS or not _handled_by_feedparser(name):
            if len(element):
                raise NotFast  # feedparser reads elements nested in it as the entry's own
        else:
            raise NotFast

    def _date(self, element: Any, name: str) -> None:
        kind = "published" if name in _PUBLISHED else "updated" if name in _UPDATED else "created"
        self.dates[kind] = feedparser_text(_raw_text(element))

    def _title(self, element: Any, _element_name: str = "") -> None:
        if self.title:  # the first non-empty title wins (feedparser's title_depth)
            _raw_text(element)
            return
        attrs = _attrs(element)
        content_type = _content_type(attrs, "text/plain")
        self.title = _content_value(element, attrs, content_type)
        self.title_literal = self.atom and content_type == "text/plain"

    def _link(self, element: Any, _element_name: str = "") -> None:
        attrs = _attrs(element)
        href = _href(attrs)
        if href is None:
            raw = _raw_text(element)
            value = feedparser_text(_resolve(self.base, raw) if raw else "")
            if "&" in value:
                value = _ENTITY_IN_LINK.sub(r"&\g<1>", value.replace("&amp;", "&"))
            self.link = value
        elif _alternate_html(attrs):
            self.link = _resolve(self.base, href)

    def _guid(self, element: Any, _element_name: str = "") -> None:
        attrs = _attrs(element)
        permalink = attrs.get("ispermalink", "true") == "true"
        value = feedparser_text(_raw_text(element))
        self.guid = value
        if self.guid_is_link is None:  # feedparser saves it once (setdefault)
            self.guid_is_link = permalink and self.link is None
        if permalink and self.link is None:
            self.link = value

    def _summary(self, element: Any, name: str) -> None:
        if self.summary is not None and not self.has_content:
            raise NotFast  # feedparser would read this one as content
        attrs = _attrs(element)
        content_type = _content_type(attrs, _SUMMARY_DEFAULT[name])
        value = _content_value(element, attrs, content_type)
        self.summary = _Body(value, self._html_guess(content_type, value))

    def _content(self, element: Any, name: str) -> None:
        attrs = _attrs(element)
        content_type = _content_type(attrs, _CONTENT_DEFAULT[name])
        if "src" in attrs:
            if _raw_text(element):
                raise NotFast
            value = ""
        else:
            value = _content_value(element, attrs, content_type)
        self.has_content = True
        copied = content_type in ({"text/plain"} | HTML_TYPES)
        content_type = self._html_guess(content_type, value)
        self.contents.append(_Body(value, content_type))
        if copied and self.summary is None:
            self.summary = _Body(value, content_type)

    def _html_guess(self, content_type: str, value: str) -> str:
        if not self.atom and content_type == "text/plain" and looks_like_html(value):
            return "text/html"
        return content_type

    def _author(self, element: Any, _element_name: str = "") -> None:
        if len(element):  # Atom: <author><name/><email/></author>
            self.authors += 1
            if self.authors > 1 or self.author_texts or (element.text or "").strip():
                raise NotFast
            parts: dict[str, str] = {}
            for child in element:
                part = _name(child) if isinstance(child.tag, str) else ""
                if part not in ("name", "email", "uri", "url") or part in parts:
                    raise NotFast
                parts[part] = feedparser_text(_raw_text(child))
            self.author = parts.get("name") or parts.get("email") or None
            return
        if self.authors:
            raise NotFast
        # RSS: feedparser keeps the first non-empty author's name (or e-mail) as author_detail
        value = feedparser_text(_raw_text(element))
        self.author_texts += 1
        if value and self.author is None:
            name, email = split_author(value)
            self.author = name or email or None

    def item(self) -> ParsedItem:
        link = self.link
        if self.guid_is_link and link is not None and link == self.guid:
            link = link_from_guid(self.guid)
        body = next((c for c in self.contents if c.value), None) or self.summary
        content_html, text = body_of(body.value, body.content_type, self.base) if body else (None, "")
        title = title_of(self.title, self.title_literal)
        published = None
        for kind in ("published", "updated", "created"):
            if kind in self.dates:
                published = parse_date(self.dates[kind])
                if published is not None:
                    break
        return ParsedItem(
            guid=item_guid(self.guid, link, title, text),
            title=title,
            url=link or None,
            author=self.author,
            published_at=published,
            content_html=content_html,
            text=text,
        )


_READERS: dict[str, Any] = {
    **dict.fromkeys(_TITLE, _Entry._title),
    _LINK: _Entry._link,
    **dict.fromkeys(_GUID, _Entry._guid),
    **dict.fromkeys(_SUMMARY, _Entry._summary),
    **dict.fromkeys(_CONTENT, _Entry._content),
    **dict.fromkeys(_PUBLISHED | _UPDATED | _CREATED, _Entry._date),
    **dict.fromkeys(_AUTHOR, _Entry._author),
}


def _entries(nodes: Any, atom: bool, base: str) -> list[ParsedItem]:
    items: list[ParsedItem] = []
    for node in nodes:
        keys = node.keys()
        if keys and any(k.rsplit("}", 1)[-1] != "lang" for k in keys):
            raise NotFast  # rdf:about, lastmod, href on an item set fields in feedparser
        entry = _Entry(atom, base)
        for child in node:
            if isinstance(child.tag, str):
                entry.read(child)
        items.append(entry.item())
    return items


def _feed_fields(container: Any, base: str, atom: bool, entry_tag: str) -> tuple[str | None, str | None]:
    """Title and link of the feed itself; repeated ones go to feedparser, and so do entries
    feedparser would find but a tag lookup would not (``<Item>``, items inside a wrapper)."""
    title: str | None = None
    title_literal = False
    link: str | None = None
    titles = links = 0
    for child in container:
        if not isinstance(child.tag, str):
            continue
        name = _name(child)
        if name in _TITLE:
            titles += 1
            attrs = _attrs(child)
            content_type = _content_type(attrs, "text/plain")
            title = _content_value(child, attrs, content_type)
            title_literal = atom and content_type == "text/plain"
        elif name == _LINK:
            attrs = _attrs(child)
            href = _href(attrs)
            if href is None:
                links += 1
                raw = _raw_text(child)
                value = feedparser_text(_resolve(base, raw) if raw else "")
                link = _ENTITY_IN_LINK.sub(r"&\g<1>", value)
            elif _alternate_html(attrs):
                links += 1
                link = _resolve(base, href)
        elif name in ("item", "entry"):
            if child.tag != entry_tag:
                raise NotFast
        elif len(child) and name not in _FEED_CONTAINERS:
            raise NotFast
    if titles > 1 or links > 1:
        raise NotFast
    return (title_of(title, title_literal) or None), (link or None)


def _rss(root: Any, base: str) -> ParsedFeed:
    channels = [child for child in root if isinstance(child.tag, str)]
    if len(channels) != 1 or channels[0].tag != "channel":
        raise NotFast
    channel = channels[0]
    _attrs(root), _attrs(channel)
    title, link = _feed_fields(channel, base, False, "item")
    return ParsedFeed(title, link, _entries(channel.iterchildren("item"), False, base), "rss20")


def _atom(root: Any, base: str) -> ParsedFeed:
    _attrs(root)
    title, link = _feed_fields(root, base, True, _ATOM_ENTRY)
    entries = root.iterchildren(_ATOM_ENTRY)
    return ParsedFeed(title, link, _entries(entries, True, base), "atom10")
