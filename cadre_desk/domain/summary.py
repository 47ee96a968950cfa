"""An item's summary: the start of its body, stored only when it is something else.

Ingest summarises an item as ``summary_of(html_to_text(content_html))`` (``sources.sanitize``).
A row stores that summary as NULL and it is derived again when read (issue 20 §3: ~110 bytes
per item that repeated the body's start); a summary of its own (a hand-written one, one beside no
body) is stored exactly. The patterns the text extraction uses live here, so the derivation and
``sanitize.html_to_text`` cannot drift apart.
"""

from __future__ import annotations

import html
import re

BLOCK_END = re.compile(r"<(?:br\s*/?|/p|/div|/li|/tr|/h[1-6]|/blockquote|/section|/table)\s*>", re.I)
TAG = re.compile(r"<[^>]{0,2000}>")


def summary_of(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


SUMMARY_PREFIX = 800  # characters of HTML first read to derive a summary (then 4x more, up to all)
# An entity cut at the end of a prefix (``&am`` + a tag + ``p;``) may read otherwise than in the
# whole text; a candidate entity is at most 34 characters, so that many more decide.
_UNDECIDED_TAIL = 40


def flat_text(fragment: str) -> str:
    """``" ".join(html_to_text(fragment).split())`` without the whitespace passes that the split
    makes moot (they only turn whitespace into other whitespace): ~5x cheaper."""
    return " ".join(html.unescape(TAG.sub("", BLOCK_END.sub("\n", fragment))).split())


def derived_summary(content_html: str | None, limit: int = 200) -> str:
    """``summary_of(html_to_text(content_html))``: the summary ingest makes of a body, which a
    row stores as NULL (issue 20 §3: ~110 bytes per item that repeated the body's start).

    Only a prefix of the HTML is read, cut just after a ``>``: every tag, block end and entity
    the text functions find before that point is found the same way in the whole body (a tag or
    block end never spans a ``>``; only an entity split by a tag at the cut can read otherwise),
    so once that prefix yields enough characters beyond ``limit`` the summary is decided. A
    differential test compares both over generated HTML.
    """
    if not content_html:
        return ""
    size = SUMMARY_PREFIX
    while len(content_html) > size:
        cut = content_html.rfind(">", 0, size) + 1
        if cut:
            flat = flat_text(content_html[:cut])
            if len(flat) > limit + _UNDECIDED_TAIL:
                return flat[: limit - 1] + "…"
        size *= 4
    flat = flat_text(content_html)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def stored_summary(summary: str | None, content_html: str | None) -> str | None:
    """What a row stores: NULL when the summary is the one derived from the body (read it back
    with ``item_summary``); a summary of its own (a feed's description, a hand-written one, or
    an empty one beside a body) exactly as it is."""
    if summary is not None and content_html and summary == derived_summary(content_html):
        return None
    return summary


def item_summary(summary: str | None, content_html: str | None) -> str | None:
    """A row's summary: its own, or (NULL beside a body) the one derived from the body."""
    if summary is None and content_html:
        return derived_summary(content_html)
    return summary
