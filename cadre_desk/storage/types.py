"""Column types shared by the models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Dialect, LargeBinary
from sqlalchemy.types import TypeDecorator

from cadre_desk.domain.fingerprint import fingerprint_of_hex
from cadre_desk.domain.timestamps import from_ms, to_ms

__all__ = ["Fingerprint", "UtcDateTime", "from_ms", "to_ms"]


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


class Fingerprint(TypeDecorator[bytes]):
    """A content fingerprint: 8 raw bytes (``domain.fingerprint``), a BLOB in SQLite.

    Hex given to it (a full SHA-256 hexdigest as earlier versions stored, or the 16 digits of a
    sync record) is stored in the same 8-byte form, so equal contents stay equal whoever wrote
    them. Other text (no version writes any) is stored as its UTF-8 bytes.
    """

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if isinstance(value, str):
            return fingerprint_of_hex(value) or value.encode("utf-8")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> bytes | None:
        return value
