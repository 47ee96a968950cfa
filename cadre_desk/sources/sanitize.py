"""HTML from the outside, made safe before it is stored: no scripts, no event handlers, no styles
that could load anything, no frames, forms or objects. Relative links are resolved against the
page so the reader can show them; images keep their ``src`` but the reader pane only loads remote
images after the user clicks "load images".
"""

from __future__ import annotations

import functools
import html
import re

import nh3

from cadre_desk.domain.summary import BLOCK_END as _BLOCK_END
from cadre_desk.domain.summary import TAG as _TAG
from cadre_desk.domain.summary import summary_of

# <section> kept: a 公众号 post is built of them, and without them its paragraphs and images
# run together into one flow (the reader shows sections as blocks).
_ALLOWED_TAGS = (frozenset(nh3.ALLOWED_TAGS) | {"section"}) - {"map", "area"}
_ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
    "time": {"datetime"},
}
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "form"}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_LAZY_SRC = re.compile(r"""(<img\b[^>]*?)\sdata-src=(["'])(.*?)\2""", re.I)


def sanitize_html(fragment: str | None, base_url: str | None = None) -> str | None:
    """Sanitized HTML, or None for empty input. Relative URLs resolve against ``base_url``."""
    if not fragment or not fragment.strip():
        return None
    if "data-src" in fragment:  # WeChat lazy-loads images through data-src
        fragment = _LAZY_SRC.sub(lambda m: f"{m.group(1)} src={m.group(2)}{m.group(3)}{m.group(2)}", fragment)
    cleaned = _cleaner(base_url if base_url and base_url.startswith("http") else None).clean(fragment)
    return cleaned.strip() or None


@functools.lru_cache(maxsize=64)
def _cleaner(base_url: str | None) -> nh3.Cleaner:
    """One sanitizer per base address, built once: a feed's items share their base, and building
    the rules for every item cost about a quarter of the sanitizing time."""
    return nh3.Cleaner(
        tags=set(_ALLOWED_TAGS),
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        url_relative=("rewrite_with_base", base_url) if base_url else "deny",
        link_rel="noopener noreferrer nofollow",
    )


def html_to_text(fragment: str | None, *, sanitized: bool = True) -> str:
    """Plain text of an HTML fragment: block ends become line breaks, entities decoded.

    Sanitized HTML (what this module produces) has no script/style content left, so plain tag
    stripping is exact and much cheaper than a second HTML parse; anything else goes through nh3.
    """
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _NEWLINES.sub("\n", _SPACES.sub(" ", fragment)).strip()
    marked = _BLOCK_END.sub("\n", fragment)
    if sanitized:
        stripped = _TAG.sub("", marked)
    else:
        stripped = nh3.clean(marked, tags=set(), clean_content_tags=_DROP_WITH_CONTENT)
    text = html.unescape(stripped)
    return _NEWLINES.sub("\n", _SPACES.sub(" ", text)).strip()


def plain_title(title: str | None) -> str:
    """Titles are plain text: markup some feeds put in them is removed, entities decoded."""
    if not title:
        return ""
    if "<" in title or "&" in title:
        title = html.unescape(_TAG.sub("", title))
    return " ".join(title.split())


__all__ = ["html_to_text", "plain_title", "sanitize_html", "summary_of"]
