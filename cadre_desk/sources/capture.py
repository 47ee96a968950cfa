"""Manual capture for accounts with no feed: pasted WeChat links or plain text become items.

Works offline: a WeChat link is canonicalized by ``__biz``/``mid``/``idx``/``sn`` and stored
with whatever the paste says; when the page is reachable, its title, account and publish time
are read from it.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import lxml.html

from cadre_desk.domain.urls import canonical_url, canonical_wechat_url
from cadre_desk.sources.charset import decode
from cadre_desk.sources.model import ParsedItem
from cadre_desk.sources.sanitize import html_to_text, plain_title, sanitize_html

_URL = re.compile(r"https?://[^\s<>\"'，。；、）)】]+")
_JS_VAR = r"""var\s+{name}\s*=\s*(?:htmlDecode\()?\s*["']([^"']*)["']"""
_CT = re.compile(r"""var\s+ct\s*=\s*["']?(\d{9,11})""")
_CREATE_TIME = re.compile(r"""create_time\s*[:=]\s*["']?(\d{9,11})""")
_TITLE_MAX = 80  # a longer line is article text, not a title

WECHAT_PLACEHOLDER_TITLE = "微信文章（联网后可补全标题）"
UNTITLED = "（无标题）"


@dataclass(slots=True)
class CaptureEntry:
    """One thing found in a paste: a link (with the text around it as a hint) or plain text."""

    url: str | None
    canonical: str | None
    hint: str  # text pasted on the same line, used as the title when offline
    text: str = ""


def split_paste(pasted: str) -> list[CaptureEntry]:
    """Links found in pasted text (one entry each), or the whole text as one entry.

    A link's title is the text on its own line, else the line just above it. When the paste
    holds exactly one link, the other lines are that article's text (copied from the page).
    """
    entries: list[CaptureEntry] = []
    seen: set[str] = set()
    loose: list[str] = []  # lines without a link, in order
    loose_before: list[int] = []  # per entry: how many loose lines came before its link
    for line in pasted.splitlines():
        matches = list(_URL.finditer(line))
        if not matches:
            if line.strip():
                loose.append(line.strip())
            continue
        hint = plain_title(_URL.sub(" ", line)).strip(" -—:：|")
        for match in matches:
            url = match.group(0).rstrip(".,;")
            canonical = canonical_wechat_url(url) or canonical_url(url)
            if canonical in seen:
                continue
            seen.add(canonical or url)
            entries.append(CaptureEntry(url=url, canonical=canonical, hint=hint))
            loose_before.append(len(loose))
    if not entries:
        return (
            [CaptureEntry(url=None, canonical=None, hint="", text=pasted.strip())] if pasted.strip() else []
        )
    if len(entries) == 1:
        entry = entries[0]
        lines = list(loose)
        if not entry.hint and lines and len(lines[0]) <= _TITLE_MAX:
            entry.hint = plain_title(lines.pop(0))
        entry.text = "\n".join(lines)
        return entries
    used: set[int] = set()
    for entry, before in zip(entries, loose_before, strict=True):
        above = before - 1
        if not entry.hint and above >= 0 and above not in used and len(loose[above]) <= _TITLE_MAX:
            entry.hint = plain_title(loose[above])
            used.add(above)
    return entries


def offline_item(entry: CaptureEntry, captured_at: datetime | None = None) -> ParsedItem:
    """An item from the paste alone (no network)."""
    now = captured_at or datetime.now(UTC)
    if entry.url is None:
        text = entry.text
        first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        title = first_line[:60] + ("…" if len(first_line) > 60 else "")
        body = "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"
        digest = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
        return ParsedItem(
            guid=f"text:{digest}", title=title, published_at=now, content_html=sanitize_html(body), text=text
        )
    guid = entry.canonical or entry.url
    is_wechat = guid.startswith("https://mp.weixin.qq.com/")
    title = entry.hint or (WECHAT_PLACEHOLDER_TITLE if is_wechat else entry.url)
    pasted_body: str | None = None
    if entry.text:
        pasted_body = sanitize_html("<p>" + html.escape(entry.text).replace("\n", "<br>") + "</p>")
    return ParsedItem(
        guid=guid,
        title=title,
        url=entry.canonical or entry.url,
        published_at=now,
        content_html=pasted_body,
        text=entry.text,
    )


def is_placeholder_title(title: str | None, url: str | None = None) -> bool:
    """A title that only stands in for a real one (filled in when the article is read)."""
    title = (title or "").strip()
    return not title or title in (WECHAT_PLACEHOLDER_TITLE, UNTITLED) or (url is not None and title == url)


@dataclass(slots=True)
class StoredCapture:
    """What is already stored for a captured link."""

    title: str
    author: str | None
    content_html: str | None
    text: str
    published_at: datetime | None


def merge_capture(stored: StoredCapture, new: ParsedItem, *, from_page: bool) -> ParsedItem | None:
    """The stored article with the blanks this capture fills in; None when it adds nothing.

    A page read online is authoritative for title, account, time and text. A paste only fills
    in what is missing: a placeholder title, an empty body, an unknown account.
    """
    title = stored.title
    if not is_placeholder_title(new.title, new.url) and (from_page or is_placeholder_title(title, new.url)):
        title = new.title
    content_html, text = stored.content_html, stored.text
    if new.text.strip() and (from_page or not stored.text.strip()):
        content_html, text = new.content_html, new.text
    author = (new.author if from_page else None) or stored.author or new.author
    published = (new.published_at if from_page else None) or stored.published_at
    if (title, text.strip(), author) == (stored.title, stored.text.strip(), stored.author):
        return None
    return ParsedItem(
        guid=new.guid,
        title=title,
        url=new.url,
        author=author,
        published_at=published,
        content_html=content_html,
        text=text,
    )


@dataclass(slots=True)
class WechatPage:
    title: str | None
    account: str | None
    published_at: datetime | None
    content_html: str | None
    text: str
    link: str | None = None  # the article's own long link (__biz/mid/idx/sn), when the page names it

    @property
    def usable(self) -> bool:
        """False for a verification or error page (no title, no article body)."""
        return bool(self.title or self.content_html)


def parse_wechat_page(data: bytes, url: str, content_type: str | None = None) -> WechatPage:
    """Title, account name, publish time and body of an ``mp.weixin.qq.com`` article page."""
    text = decode(data, content_type).text
    title = _js_var(text, "msg_title")
    account = _js_var(text, "nickname")
    link = _js_var(text, "msg_link")
    published = None
    stamp = _CT.search(text) or _CREATE_TIME.search(text)
    if stamp:
        published = datetime.fromtimestamp(int(stamp.group(1)), tz=UTC)
    content_html = None
    try:
        doc = lxml.html.document_fromstring(text)
    except ValueError:
        doc = None
    if doc is not None:
        if not title:
            found = doc.cssselect("#activity-name") or doc.cssselect("meta[property='og:title']")
            if found:
                title = found[0].get("content") or found[0].text_content()
        if not account:
            name = doc.cssselect("#js_name")
            account = name[0].text_content() if name else None
        if not link:
            found = doc.cssselect("meta[property='og:url']")
            link = found[0].get("content") if found else None
        body = doc.cssselect("#js_content")
        if body:
            content_html = sanitize_html(lxml.html.tostring(body[0], encoding="unicode"), url)
    return WechatPage(
        title=plain_title(html.unescape(title or "")) or None,
        account=plain_title(account or "") or None,
        published_at=published,
        content_html=content_html,
        text=html_to_text(content_html),
        link=canonical_wechat_url(html.unescape(link)) if link else None,
    )


def _js_var(text: str, name: str) -> str | None:
    match = re.search(_JS_VAR.format(name=name), text)
    return match.group(1) if match and match.group(1).strip() else None


def online_item(entry: CaptureEntry, page: WechatPage, captured_at: datetime | None = None) -> ParsedItem:
    """The article as its page shows it. A short ``/s/<id>`` link is stored under the long key
    the page names, so the same article pasted in either form is one item."""
    item = offline_item(entry, captured_at)
    if page.link and "/s/" not in page.link:
        item.guid = item.url = page.link
    item.title = page.title or item.title
    item.author = page.account
    item.published_at = page.published_at or item.published_at
    if page.content_html:
        item.content_html, item.text = page.content_html, page.text
    return item
