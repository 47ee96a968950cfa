"""JSON for change records: orjson where it gives exactly what the standard library gives.

Sync moves ~70 MB of JSON per 100,000 item changes, parsed and written on the sending device, on
the server and on the receiving device; the standard library spends seconds on it, orjson a
fraction. The two differ at the edges, and there the standard library's answer is kept:

* an integer literal beyond 64 bits is a float for orjson (an int for ``json``, which the record
  check then refuses): text with a number of 19 or more digits is parsed by ``json``;
* a lone surrogate escape, NaN, Infinity, nesting beyond orjson's depth: orjson refuses them,
  and ``json`` gives the answer callers already handle (``parse_constant`` refuses NaN/Infinity);
* writing, orjson turns a non-finite float into ``null``; ``json`` wrote ``Infinity``, which every
  receiver refuses. A record holding one is refused here instead of changing silently.

tests/sync/test_fastjson.py checks both directions against the standard library.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson

# int64 has 19 digits: a number that long goes the slow way. Found without a regex (one took
# ~20 ms per MB): bytes are mapped to "0" (digit), "b" (what may come before a number: ``:,[``,
# whitespace, ``-``) or "x", and "b" followed by 19 "0" is searched. A hex digest in a string
# often holds 19 digits in a row, but after a letter ("x"). A string holding ": 1234…" costs a
# slower parse, never a wrong one.
_CLASSES = bytes(
    ord("0") if chr(n).isdigit() and n < 128 else ord("b") if chr(n) in ":,[ \t\r\n-" else ord("x")
    for n in range(256)
)
_LONG_NUMBER = b"b" + b"0" * 19


def _may_hold_long_number(raw: bytes) -> bool:
    classes = raw.translate(_CLASSES)
    return _LONG_NUMBER in classes or classes.startswith(_LONG_NUMBER[1:])


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def loads(data: bytes | str, *, constants: bool = False) -> Any:
    """``json.loads(data, parse_constant=refuse)``, faster; raises ``ValueError`` (or
    ``RecursionError``) where that does. ``constants=True``: plain ``json.loads``, which reads
    NaN and Infinity (for answers whose records are checked one by one afterwards)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if not _may_hold_long_number(raw):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # let the standard library decide, and word the error
    return json.loads(data) if constants else json.loads(data, parse_constant=_refuse_constant)


def _non_finite(value: Any) -> bool:
    if type(value) is float:
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(_non_finite(v) for v in value)
    return False


def dumps(value: Any, *, floats: bool = True) -> bytes:
    """Compact UTF-8 JSON, as ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``
    would parse back. ``floats=False`` tells that ``value`` holds no float (skips the check)."""
    if floats and _non_finite(value):
        raise ValueError("a non-finite number has no JSON form")
    try:
        return orjson.dumps(value)
    except TypeError:  # an int beyond 64 bits, a str with a lone surrogate: as the library does
        return _ENCODER.encode(value).encode()
