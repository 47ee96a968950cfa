"""Chinese numerals as cadres and government pages write them: one parser for the whole app.

“23”, “二十三”, “十一”, “两百”, “一百零五”, “三千零二十”, “二十万”, and year-style digit runs
(“二〇二六”). Tested against ``cn2an`` over every number below 100,000.
"""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIAD = {"万": 10_000, "亿": 100_000_000}


def cn_number(text: str) -> int | None:
    """The value of Arabic or Chinese numerals, or None when ``text`` is not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if all(char in DIGITS for char in text):  # “二〇二六”: digit by digit
        value = 0
        for char in text:
            value = value * 10 + DIGITS[char]
        return value
    total = section = digit = 0
    seen_digit = False
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
            seen_digit = True
        elif char in _SMALL_UNITS:
            # “十五” has no leading digit: one ten.
            section += (digit if seen_digit else 1) * _SMALL_UNITS[char]
            digit, seen_digit = 0, False
        elif char in _MYRIAD:
            total = (total + section + digit) * _MYRIAD[char]
            section = digit = 0
            seen_digit = False
        else:
            return None
    return total + section + digit
