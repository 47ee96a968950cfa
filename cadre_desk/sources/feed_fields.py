"""How a feed entry becomes the fields we store, shared by the fast path and the feedparser path.

Both paths must store the same thing for the same bytes (a differential test checks it), so the
rules that are ours rather than feedparser's live here, once:

* ids are stored **as published** (never resolved against the feed address);
* a permalink ``<guid>``/Atom ``<id>`` stands in for a missing link only when it is an absolute
  http(s) address (feedparser would turn ``12345`` into ``http://host/12345``);
* Atom ``type="text"`` titles and bodies are literal text, RSS titles may carry markup;
* bodies of a non-HTML type are escaped text.

The text clean-up feedparser applies to every element (windows-1252 characters for C1 controls,
repair of UTF-8 read as Latin-1) is reproduced by ``feedparser_text`` for the fast path.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252

from cadre_desk.sources.sanitize import html_to_text, plain_title, sanitize_html

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_LATIN_HIGH = re.compile("[\u0080-\u00ff]")
_C1 = re.compile("[\u0080-\u009f]")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_RFC822 = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"(\d{4}) (\d\d):(\d\d):(\d\d) (?:([+-])(\d\d)(\d\d)|GMT)"
)
_EMAIL = re.compile(  # feedparser's, verbatim
    r"(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"
    r"([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"
)
_MOJIBAKE_LEAD_UTF8 = re.compile(b"\xc3[\x82-\xb4]")
# Mis-decoded UTF-8: a lead byte then continuation bytes, as windows-1252 or Latin-1 shows them.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]{1,3}"
)


def feedparser_text(value: str) -> str:
    """What feedparser's ``pop`` makes of an element's text (for a UTF-8 document)."""
    if value.isascii() or not _LATIN_HIGH.search(value):
        return value
    try:
        value = value.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    if _C1.search(value):
        value = value.translate(_cp1252)
    return value


def split_author(author: str) -> tuple[str, str | None]:
    """(name, e-mail) of an RSS author text, as feedparser's ``_sync_author_detail`` splits it."""
    match = _EMAIL.search(author)
    if match is None:
        return author, None
    email = match.group(0)
    name = author.replace(email, "").replace("()", "").replace("<>", "").replace("&lt;&gt;", "").strip()
    if name and name[0] == "(":
        name = name[1:]
    if name and name[-1] == ")":
        name = name[:-1]
    return name.strip(), email


def looks_double_encoded(text: str) -> bool:
    """True if the text holds UTF-8 that was decoded as windows-1252/Latin-1 (``â€¦``, ``Ã©``)."""
    if text.isascii():
        return False
    for match in _MOJIBAKE.finditer(text):
        raw = bytearray()
        for char in match.group():
            code = ord(char)
            raw += bytes([code]) if code < 256 else char.encode("cp1252")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False


def looks_double_encoded_utf8(data: bytes) -> bool:
    """``looks_double_encoded`` over UTF-8 bytes: only the places holding a character from
    U+00C2 to U+00F4 (bytes C3 82..C3 B4) are decoded and checked, so Chinese text costs a scan."""
    for match in _MOJIBAKE_LEAD_UTF8.finditer(data):
        start = match.start()
        if looks_double_encoded(data[start : start + 12].decode("utf-8", "ignore")):
            return True
    return False


def parse_date(value: str | None) -> datetime | None:
    """feedparser's date reading (the common RFC 822 shape computed directly: same result)."""
    if not value:
        return None
    match = _RFC822.fullmatch(value)
    if match is not None:
        day, month, year, hh, mm, ss, sign, off_h, off_m = match.groups()
        try:
            moment = datetime(int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss))
        except ValueError:
            moment = None
        if moment is not None:
            if sign:
                offset = timedelta(hours=int(off_h), minutes=int(off_m))
                moment = moment - offset if sign == "+" else moment + offset
            return moment.replace(tzinfo=UTC)
    struct = _parse_date(value)
    if struct is None:
        return None
    return datetime(*struct[:6]).replace(tzinfo=UTC)


def escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def title_of(value: str | None, literal: bool) -> str:
    """Stored title: literal text (Atom ``type="text"``) only has its spaces folded."""
    if not value:
        return ""
    return " ".join(value.split()) if literal else plain_title(value)


def body_of(value: str | None, content_type: str, base: str) -> tuple[str | None, str]:
    """(sanitized HTML, plain text) of an entry body of the given (feedparser) content type."""
    if not value:
        return None, ""
    if content_type not in HTML_TYPES:
        value = escape(value)
    clean = sanitize_html(value, base)
    return clean, html_to_text(clean)


def link_from_guid(guid: str | None) -> str | None:
    """A permalink id used as the link: only an absolute http(s) address is one."""
    if guid and guid.startswith(("http://", "https://")):
        return guid
    return None


def item_guid(guid: str | None, link: str | None, title: str, body: str) -> str:
    if guid:
        return guid
    if link:
        return link
    return "sha1:" + hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()
