"""Row identifiers generated on the device, so that rows never collide across devices."""

from __future__ import annotations

import hashlib
import uuid

_NAMESPACE = uuid.UUID("6f1c3f0e-5b7a-4e0c-9d1a-c4d35e5a0b11")
_NAMESPACE_BYTES = _NAMESPACE.bytes


def new_id() -> str:
    return uuid.uuid4().hex


def stable_id(*parts: str) -> str:
    """The same id on every device for the same logical thing (e.g. requirement + date).

    Exactly ``uuid.uuid5(_NAMESPACE, name).hex``, computed without building UUID objects: it
    runs for every ingested item."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + "\x1f".join(parts).encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    return digest.hex()
