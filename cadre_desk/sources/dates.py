"""Dates as Chinese government pages write them: ``2026年11月3日``, ``2026-11-03 10:20``,
``2026/11/03``, ``2026.11.03``, ``[11-03]``, ``11月3日``, ``二〇二六年十一月三日``.

Times without a zone are Beijing time (UTC+8). A date without a year takes the current year, or
the previous one when that would put it in the future (a list seen in January showing ``12-28``).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "CST")

_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
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


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


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
        year = sum(_CN_DIGITS[ch] * 10 ** (3 - i) for i, ch in enumerate(cn["y"]))
        return _build(year, _cn_number(cn["m"]), _cn_number(cn["d"]))
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
