"""Column types shared by the models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Dialect
from sqlalchemy.types import TypeDecorator

from cadre_desk.domain.timestamps import from_ms, to_ms

__all__ = ["UtcDateTime", "from_ms", "to_ms"]


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as integer milliseconds since the epoch.

    Integers keep the 1M-row tables compact, sort and index cheaply, and mean the same thing
    on SQLite and PostgreSQL. Naive datetimes are refused: they are the usual source of
    eight-hour errors around China Standard Time.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, int):
            return value
        if not isinstance(value, datetime):
            raise TypeError(f"expected datetime, got {type(value).__name__}")
        if value.tzinfo is None:
            raise ValueError("naive datetime: attach a timezone (UTC) before storing")
        return to_ms(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return from_ms(int(value))
