"""Dates as Chinese government pages write them: ``2026年11月3日``, ``2026-11-03 10:20``,
``2026/11/03``, ``2026.11.03``, ``[11-03]``, ``11月3日``, ``二〇二六年十一月三日``.

Times without a zone are Beijing time (UTC+8). A date without a year takes the current year, or
the previous one when that would put it in the future (a list seen in January showing ``12-28``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from cadre_desk.domain.cn_numerals import cn_number

BEIJING = timezone(timedelta(hours=8), "CST")

_FULL = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年|[-/.])\s*(?P<m>\d{1,2})\s*(?:月|[-/.])\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
)
_SHORT = re.compile(
    r"(?<![\d年])(?P<m>\d{1,2})\s*(?:月|-|/)\s*(?P<d>\d{1,2})\s*日?(?![\d])"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{2}))?"
)
_CN_DATE = re.compile(
    r"(?P<y>[〇零○Ｏ一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
_FULLWIDTH = str.maketrans("０１２３４５６７８９：－／．", "0123456789:-/.")


def _build(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime | None:
    try:
        return datetime(y, m, d, hh, mm, ss, tzinfo=BEIJING).astimezone(UTC)
    except ValueError:
        return None


def parse_chinese_date(text: str | None, now: datetime | None = None) -> datetime | None:
    """The first date found in ``text`` as an aware UTC datetime, or None."""
    if not text:
        return None
    text = text.translate(_FULLWIDTH)
    match = _FULL.search(text)
    if match:
        return _build(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
            int(match["S"] or 0),
        )
    cn = _CN_DATE.search(text)
    if cn:
        year, month, day = (cn_number(cn[part]) for part in ("y", "m", "d"))
        if year is None or month is None or day is None:
            return None
        return _build(year, month, day)
    short = _SHORT.search(text)
    if short:
        current = (now or datetime.now(UTC)).astimezone(BEIJING)
        month, day = int(short["m"]), int(short["d"])
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        hh, mm = int(short["H"] or 0), int(short["M"] or 0)
        candidate = _build(current.year, month, day, hh, mm)
        if candidate is not None and candidate > (now or datetime.now(UTC)) + timedelta(days=2):
            candidate = _build(current.year - 1, month, day, hh, mm)
        return candidate
    return None


def looks_like_date(text: str) -> bool:
    return bool(_FULL.search(text.translate(_FULLWIDTH)) or _SHORT.search(text.translate(_FULLWIDTH)))
