"""Moments as integer milliseconds since the epoch (how the database stores them)."""

from __future__ import annotations

from datetime import UTC, datetime


def to_ms(value: datetime) -> int:
    return int(value.timestamp() * 1000)


def from_ms(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, tz=UTC)
