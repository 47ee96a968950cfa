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


@dataclass(slots=True)
class CaptureEntry:
    """One thing found in a paste: a link (with the text around it as a hint) or plain text."""

    url: str | None
    canonical: str | None
    hint: str  # text pasted on the same line, used as the title when offline
    text: str = ""


def split_paste(pasted: str) -> list[CaptureEntry]:
    """Links found in pasted text (one entry each), or the whole text as one entry."""
    entries: list[CaptureEntry] = []
    seen: set[str] = set()
    for line in pasted.splitlines():
        for match in _URL.finditer(line):
            url = match.group(0).rstrip(".,;")
            canonical = canonical_wechat_url(url) or canonical_url(url)
            if canonical in seen:
                continue
            seen.add(canonical or url)
            hint = plain_title(_URL.sub(" ", line)).strip(" -—:：|")
            entries.append(CaptureEntry(url=url, canonical=canonical, hint=hint))
    if not entries and pasted.strip():
        entries.append(CaptureEntry(url=None, canonical=None, hint="", text=pasted.strip()))
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
    title = entry.hint or ("微信文章（联网后可补全标题）" if is_wechat else entry.url)
    return ParsedItem(
        guid=guid, title=title, url=entry.canonical or entry.url, published_at=now, text=entry.hint
    )


@dataclass(slots=True)
class WechatPage:
    title: str | None
    account: str | None
    published_at: datetime | None
    content_html: str | None
    text: str


def parse_wechat_page(data: bytes, url: str, content_type: str | None = None) -> WechatPage:
    """Title, account name, publish time and body of an ``mp.weixin.qq.com`` article page."""
    text = decode(data, content_type).text
    title = _js_var(text, "msg_title")
    account = _js_var(text, "nickname")
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
        body = doc.cssselect("#js_content")
        if body:
            content_html = sanitize_html(lxml.html.tostring(body[0], encoding="unicode"), url)
    return WechatPage(
        title=plain_title(html.unescape(title or "")) or None,
        account=plain_title(account or "") or None,
        published_at=published,
        content_html=content_html,
        text=html_to_text(content_html),
    )


def _js_var(text: str, name: str) -> str | None:
    match = re.search(_JS_VAR.format(name=name), text)
    return match.group(1) if match and match.group(1).strip() else None


def online_item(entry: CaptureEntry, page: WechatPage, captured_at: datetime | None = None) -> ParsedItem:
    item = offline_item(entry, captured_at)
    item.title = page.title or item.title
    item.author = page.account
    item.published_at = page.published_at or item.published_at
    item.content_html = page.content_html
    item.text = page.text or item.text
    return item
