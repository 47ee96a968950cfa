"""fastjson (orjson) against the standard library: the same values, the same refusals."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_desk.services.sync import fastjson
from cadre_desk.services.sync.records import SyncFormatError, dumps


def _refuse(name: str) -> Any:
    raise ValueError(name)


def _typed(value: Any) -> Any:
    """The value with every leaf's type spelled out (1 == 1.0 == True in Python)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def _standard(text: bytes) -> tuple[str, Any]:
    try:
        return "ok", _typed(json.loads(text, parse_constant=_refuse))
    except (ValueError, RecursionError):
        return "error", None


def _fast(text: bytes) -> tuple[str, Any]:
    try:
        return "ok", _typed(fastjson.loads(text))
    except (ValueError, RecursionError):
        return "error", None


leaves = (
    st.none()
    | st.booleans()
    | st.integers()  # beyond 64 bits too: orjson would read those as floats
    | st.integers(min_value=10**17, max_value=10**20)  # around the 19-digit boundary
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # lone surrogates included
    | st.text(alphabet="0123456789abcdef:,[", min_size=19, max_size=64)  # digests, number-like text
)
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
)


@settings(max_examples=400, deadline=None)
@given(values, st.booleans(), st.booleans())
def test_loads_reads_what_the_standard_library_reads(value: Any, ascii_only: bool, compact: bool) -> None:
    separators = (",", ":") if compact else (", ", ": ")
    text = json.dumps(value, ensure_ascii=ascii_only, separators=separators)
    data = text.encode("utf-8", "surrogatepass")
    assert _fast(data) == _standard(data)
    assert _fast(data) == _standard(data.decode("utf-8", "surrogatepass").encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize(
    "text",
    [
        b"[NaN]",
        b"[Infinity]",
        b"[-Infinity]",
        b"[1e400]",
        b'"\\ud800"',
        b'"\\ud83d\\ude00"',
        b"[12345678901234567890123]",
        b"[-9223372036854775809]",
        b"[9223372036854775807]",
        b"[18446744073709551615]",
        b'{"a": 1, "a": 2}',
        b"[" * 5000 + b"]" * 5000,
        b"\xff\xfe",
        b'"\xed\xa0\x80"',  # a surrogate encoded in UTF-8: not valid UTF-8
        b"",
        b"[1,]",
        b" [1] ",
    ],
)
def test_edge_cases_are_read_or_refused_as_the_standard_library_does(text: bytes) -> None:
    assert _fast(text) == _standard(text)


@settings(max_examples=300, deadline=None)
@given(values)
def test_dumps_writes_what_reads_back_the_same(value: Any) -> None:
    try:
        expected = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:  # a lone surrogate has no UTF-8 form: refused both ways
        with pytest.raises(UnicodeEncodeError):
            fastjson.dumps(value)
        return
    written = fastjson.dumps(value)
    assert _typed(json.loads(written)) == _typed(json.loads(expected))


@pytest.mark.parametrize("number", [math.inf, -math.inf, math.nan])
def test_non_finite_numbers_are_refused_not_written_as_null(number: float) -> None:
    with pytest.raises(ValueError):
        fastjson.dumps({"v": [1, {"x": number}]})
    record = {"t": "operation_logs", "id": "a" * 32, "c": [1, "d"], "v": {"minutes": number}}
    with pytest.raises(SyncFormatError):
        dumps(record)
