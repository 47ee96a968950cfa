"""Row identifiers generated on the device, so that rows never collide across devices."""

from __future__ import annotations

import uuid

_NAMESPACE = uuid.UUID("6f1c3f0e-5b7a-4e0c-9d1a-c4d35e5a0b11")


def new_id() -> str:
    return uuid.uuid4().hex


def stable_id(*parts: str) -> str:
    """The same id on every device for the same logical thing (e.g. requirement + date)."""
    return uuid.uuid5(_NAMESPACE, "\x1f".join(parts)).hex
