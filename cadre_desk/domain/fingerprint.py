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
