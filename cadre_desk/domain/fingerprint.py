"""Content fingerprints used to recognise the same item delivered twice."""

from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(r"\s+")


def content_hash(title: str, text: str) -> str:
    """SHA-256 over the title and plain text with whitespace collapsed (64 hex chars).

    Whitespace and markup changes are not edits; any change of words is.
    """
    normal = _SPACE.sub(" ", f"{title}\n{text}").strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def has_body(title: str, text: str) -> bool:
    """Whether the text says more than the title (an empty body or a repeated title says nothing)."""
    body = _SPACE.sub(" ", text).strip()
    return bool(body) and body != _SPACE.sub(" ", title).strip()


def item_fingerprint(identity: str, title: str, text: str) -> str:
    """The fingerprint an item is stored with: its content when it has a body.

    Without a body the title alone (often a placeholder such as “微信文章（联网后可补全标题）”, or
    the same “关于…的通知” as last month's) would make different items equal, so the item's own
    identity (GUID) is hashed in: two items are then never “the same” by content, while a change
    of title is still an edit of the same item.
    """
    if has_body(title, text):
        return content_hash(title, text)
    return content_hash(f"\0{identity}\0{title}", "")
