"""Content fingerprints used to recognise the same item delivered twice."""

from __future__ import annotations

import hashlib

# A fingerprint is the first 8 bytes (64 bits) of the SHA-256, stored as a BLOB: 9 bytes in the
# row and ~16 in its index instead of 65 and ~84 for the 64-digit hex (issue 20 §3). Equal texts
# still give equal fingerprints; two different texts share one with probability 2**-64 per pair:
# among a million items about n**2 / 2**65 = 3e-8 for any pair at all. Ingest compares them only
# within one source, folding across the profile, so a false "same item" stays that unlikely.
FINGERPRINT_BYTES = 8
_HEX = "0123456789abcdefABCDEF"

# Whitespace is collapsed with str.split(), which splits on exactly what re's \s matches (every
# code point, checked in tests/domain/test_fingerprint.py) at a quarter of a regex's cost: a
# refresh of 25,000 items collapsed ~75,000 texts.


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _sha(normal: str) -> bytes:
    return hashlib.sha256(normal.encode("utf-8")).digest()[:FINGERPRINT_BYTES]


def fingerprint_of_hex(value: str) -> bytes | None:
    """The stored form of a fingerprint written as hex (a full 64-digit SHA-256 of an earlier
    version, or the 16 digits sync records carry); None if ``value`` is not such hex."""
    if len(value) not in (2 * FINGERPRINT_BYTES, 64) or value.strip(_HEX):
        return None
    return bytes.fromhex(value[: 2 * FINGERPRINT_BYTES])


def content_hash(title: str, text: str) -> bytes:
    """SHA-256 over the title and plain text with whitespace collapsed (its first 8 bytes).

    Whitespace and markup changes are not edits; any change of words is.
    """
    return _sha(_collapsed(f"{title}\n{text}"))


def has_body(title: str, text: str) -> bool:
    """Whether the text says more than the title (an empty body or a repeated title says nothing)."""
    body = _collapsed(text)
    return bool(body) and body != _collapsed(title)


def item_fingerprint(identity: str, title: str, text: str) -> bytes:
    """The fingerprint an item is stored with: its content when it has a body.

    Without a body the title alone (often a placeholder such as “微信文章（联网后可补全标题）”, or
    the same “关于…的通知” as last month's) would make different items equal, so the item's own
    identity (GUID) is hashed in: two items are then never “the same” by content, while a change
    of title is still an edit of the same item.
    """
    heading, body = _collapsed(title), _collapsed(text)
    if body and body != heading:  # has_body, each text collapsed once
        return _sha(f"{heading} {body}" if heading else body)  # = content_hash(title, text)
    return content_hash(f"\0{identity}\0{title}", "")
