"""Portal columns without a feed (通知公告、工作动态): find the item list, extract entries, and
enrich article pages from government meta tags and the usual CMS body containers.

Auto-detection looks for a parent whose children repeat the same tag (``li``, ``tr``, ``div``,
``dd``…), most of them holding a link with a title-length text, preferably with a date, and not
inside navigation. It returns CSS selectors the user can correct in the preview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from cadre_desk.sources.charset import decode
from cadre_desk.sources.dates import looks_like_date, parse_chinese_date
from cadre_desk.sources.errors import WebpageError
from cadre_desk.sources.model import ParsedItem
from cadre_desk.sources.sanitize import html_to_text, plain_title, sanitize_html

_NAV_HINT = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|foot|links|friend|tab|top", re.I)
_SAFE_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_ROW_TAGS = {"li", "tr", "div", "dd", "dt", "p", "article", "section", "dl", "span"}
BODY_SELECTORS = (
    ".TRS_UEDITOR",
    ".TRS_Editor",
    "#zoom",
    "#UCAP-CONTENT",
    ".pages_content",
    ".article-content",
    ".article_content",
    "#js_content",
    ".view.TRS_UEDITOR",
    "#content",
    ".content",
    "article",
)
_META_NAMES = ("ArticleTitle", "PubDate", "ContentSource", "SiteName", "ColumnName", "Author", "Description")


@dataclass(frozen=True, slots=True)
class ListSelectors:
    """CSS selectors for a list page; title/link/date are relative to one item."""

    item: str
    title: str = "a"
    link: str = "a"
    date: str = ""  # empty: look for a date anywhere in the item's text

    def as_config(self) -> dict[str, str]:
        return {"item": self.item, "title": self.title, "link": self.link, "date": self.date}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> ListSelectors:
        return cls(
            item=str(config.get("item") or ""),
            title=str(config.get("title") or "a"),
            link=str(config.get("link") or "a"),
            date=str(config.get("date") or ""),
        )


@dataclass(slots=True)
class WebEntry:
    title: str
    url: str
    published_at: datetime | None


@dataclass(slots=True)
class ListCandidate:
    selectors: ListSelectors
    score: float
    entries: list[WebEntry] = field(default_factory=list)


@dataclass(slots=True)
class ArticleInfo:
    title: str | None
    published_at: datetime | None
    content_source: str | None  # 来源
    site_name: str | None
    column_name: str | None
    content_html: str | None
    text: str


def parse_html(data: bytes | str, content_type: str | None = None) -> Any:
    text = data if isinstance(data, str) else decode(data, content_type).text
    if not text.strip():
        raise WebpageError("网页是空的。")
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise WebpageError(f"无法解析网页：{exc}") from exc


def _link_text(anchor: Any) -> str:
    text = plain_title(anchor.text_content())
    full = plain_title(anchor.get("title") or "")
    # Portals truncate long titles in the list ("关于做好…") and keep the full one in title=.
    return full if len(full) > len(text.rstrip("…. ")) else text


def _best_anchor(row: Any) -> Any | None:
    best, best_len = None, 0
    for anchor in row.iter("a"):
        if not anchor.get("href") or anchor.get("href", "").startswith(("javascript:", "#")):
            continue
        length = len(_link_text(anchor))
        if length > best_len:
            best, best_len = anchor, length
    return best


def _in_navigation(element: Any) -> bool:
    node = element
    for _ in range(6):
        if node is None:
            return False
        if node.tag in ("nav", "header", "footer"):
            return True
        marker = f"{node.get('id', '')} {node.get('class', '')}"
        if _NAV_HINT.search(marker):
            return True
        node = node.getparent()
    return False


def _simple_selector(element: Any) -> str:
    ident = element.get("id", "")
    if ident and _SAFE_IDENT.match(ident):
        return f"#{ident}"
    classes = [c for c in (element.get("class") or "").split() if _SAFE_IDENT.match(c)]
    return element.tag + "".join(f".{c}" for c in classes[:2])


def _css_path(element: Any, doc: Any, tag: str, expected: int) -> str:
    """The shortest ancestor path (up to three steps or an id) selecting exactly the rows."""
    parts: list[str] = []
    node = element
    while node is not None and node.tag not in ("html", "body"):
        parts.insert(0, _simple_selector(node))
        candidate = " > ".join(parts)
        try:
            if len(doc.cssselect(f"{candidate} > {tag}")) == expected:
                return candidate
        except Exception:  # odd class names: keep walking up
            pass
        if parts[0].startswith("#") or len(parts) >= 3:
            break
        node = node.getparent()
    return " > ".join(parts) or element.tag


def _date_selector(rows: list[Any]) -> str:
    for row in rows[:3]:
        for element in row.iter():
            if element is row or element.tag == "a" or not isinstance(element.tag, str):
                continue
            own = (element.text or "").strip()
            if own and looks_like_date(own) and len(own) <= 30:
                return (
                    _simple_selector(element)
                    if not _simple_selector(element).startswith("#")
                    else element.tag
                )
    return ""


def detect_lists(
    data: bytes | str, base_url: str, content_type: str | None = None, limit: int = 3
) -> list[ListCandidate]:
    """Likely item lists on a portal column page, best first, each with a preview of entries."""
    doc = parse_html(data, content_type)
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    scored: list[tuple[float, Any, str, list[Any]]] = []
    for parent in doc.iter():
        if not isinstance(parent.tag, str):
            continue
        children = [c for c in parent if isinstance(c.tag, str)]
        if len(children) < 4:
            continue
        tags: dict[str, int] = {}
        for child in children:
            tags[child.tag] = tags.get(child.tag, 0) + 1
        tag, count = max(tags.items(), key=lambda kv: kv[1])
        if count < 4 or tag not in _ROW_TAGS:
            continue
        rows = [c for c in children if c.tag == tag]
        linked = [(row, _best_anchor(row)) for row in rows]
        titles = [len(_link_text(a)) for _row, a in linked if a is not None]
        if len(titles) < 4 or len(titles) / len(rows) < 0.6:
            continue
        average = sum(titles) / len(titles)
        if average < 6:
            continue  # menus and pagers: short link texts
        dated = sum(1 for row in rows if looks_like_date(row.text_content()))
        score = len(titles) * min(average, 40) * (1 + 2 * dated / len(rows))
        if _in_navigation(parent):
            score *= 0.2
        scored.append((score, parent, tag, rows))
    scored.sort(key=lambda entry: entry[0], reverse=True)
    candidates: list[ListCandidate] = []
    seen: set[str] = set()
    for score, parent, tag, rows in scored:
        item_selector = f"{_css_path(parent, doc, tag, len(rows))} > {tag}"
        if item_selector in seen:
            continue
        seen.add(item_selector)
        selectors = ListSelectors(item=item_selector, date=_date_selector(rows))
        try:
            entries = extract_entries(doc, base_url, selectors)
        except WebpageError:
            continue
        if entries:
            candidates.append(ListCandidate(selectors, score, entries))
        if len(candidates) >= limit:
            break
    return candidates


def extract_entries(data: bytes | str | Any, base_url: str, selectors: ListSelectors) -> list[WebEntry]:
    """Entries of a list page using (possibly user-corrected) selectors."""
    doc = data if hasattr(data, "cssselect") else parse_html(data)
    try:
        rows = doc.cssselect(selectors.item)
    except Exception as exc:  # cssselect raises several parse error types
        raise WebpageError(f"CSS 选择器有误：{selectors.item}（{exc}）") from exc
    entries: list[WebEntry] = []
    seen: set[str] = set()
    for row in rows:
        anchor = _pick(row, selectors.link) if selectors.link else _best_anchor(row)
        if anchor is not None and anchor.tag != "a":
            anchor = next(anchor.iter("a"), None)
        if anchor is None or not anchor.get("href"):
            continue
        href = anchor.get("href", "").strip()
        if href.startswith(("javascript:", "#")):
            continue
        title_node = _pick(row, selectors.title) if selectors.title else anchor
        title = _link_text(title_node) if title_node is not None else _link_text(anchor)
        if not title:
            continue
        url = urljoin(base_url, href)
        if url in seen:
            continue
        seen.add(url)
        date_node = _pick(row, selectors.date) if selectors.date else None
        date_text = (
            date_node.text_content() if date_node is not None else row.text_content().replace(title, " ")
        )
        entries.append(WebEntry(title=title, url=url, published_at=parse_chinese_date(date_text)))
    return entries


def _pick(row: Any, selector: str) -> Any | None:
    try:
        found = row.cssselect(selector)
    except Exception as exc:
        raise WebpageError(f"CSS 选择器有误：{selector}（{exc}）") from exc
    return found[0] if found else None


def _meta(doc: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in doc.iter("meta"):
        name = meta.get("name") or meta.get("property") or ""
        content = (meta.get("content") or "").strip()
        if name and content:
            values.setdefault(name.lower(), content)
    return values


def parse_article(data: bytes | str, url: str, content_type: str | None = None) -> ArticleInfo:
    """Title, date, source and body of an article page (government meta tags first)."""
    doc = parse_html(data, content_type)
    meta = _meta(doc)
    title = meta.get("articletitle") or meta.get("og:title")
    if not title:
        heading = doc.find(".//h1")
        title = heading.text_content() if heading is not None else doc.findtext(".//title")
    published = parse_chinese_date(meta.get("pubdate") or meta.get("firstpublishedtime") or "")
    body_node = None
    for selector in BODY_SELECTORS:
        found = doc.cssselect(selector)
        if found:
            body_node = max(found, key=lambda n: len(n.text_content()))
            break
    content_html = None
    if body_node is not None:
        content_html = sanitize_html(lxml.html.tostring(body_node, encoding="unicode"), url)
    if published is None:
        published = _date_near_title(doc)
    text = html_to_text(content_html)
    return ArticleInfo(
        title=plain_title(title) or None,
        published_at=published,
        content_source=meta.get("contentsource") or _labelled(doc, "来源"),
        site_name=meta.get("sitename"),
        column_name=meta.get("columnname"),
        content_html=content_html,
        text=text,
    )


_LABELLED = re.compile(
    r"(发布时间|发布日期|时间|日期)[:：]\s*([^\s|｜]{6,20}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
)


def _date_near_title(doc: Any) -> datetime | None:
    text = doc.text_content()[:20000]
    match = _LABELLED.search(text)
    return parse_chinese_date(match.group(2)) if match else None


def _labelled(doc: Any, label: str) -> str | None:
    match = re.search(label + r"[:：]\s*([^\s|｜]{2,40})", doc.text_content()[:20000])
    return match.group(1) if match else None


def entries_to_items(entries: list[WebEntry]) -> list[ParsedItem]:
    return [ParsedItem(guid=e.url, title=e.title, url=e.url, published_at=e.published_at) for e in entries]


def enrich(item: ParsedItem, article: ArticleInfo) -> ParsedItem:
    """An item from the list, completed with what its article page says."""
    item.title = article.title or item.title
    item.published_at = article.published_at or item.published_at
    item.author = article.content_source or item.author
    item.content_html = article.content_html
    item.text = article.text
    return item
