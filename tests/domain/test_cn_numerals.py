"""The one Chinese-numeral parser, checked against cn2an (the library) as the oracle."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_desk.domain.cn_numerals import cn_number
from cadre_desk.domain.quick_add import parse_quick_add
from cadre_desk.sources.dates import parse_chinese_date

cn2an = pytest.importorskip("cn2an", reason="cn2an is the oracle (dev extra): pip install -e .[dev]")


def test_every_number_below_100000_as_cn2an_writes_it() -> None:
    mismatches = [n for n in range(100_000) if cn_number(cn2an.an2cn(n)) != n]
    assert mismatches == []


@given(st.integers(min_value=0, max_value=99_999_999))
def test_large_numbers_agree_with_cn2an(n: int) -> None:
    text = cn2an.an2cn(n)
    assert cn_number(text) == cn2an.cn2an(text, "smart") == n


@given(st.text(alphabet="〇一二三四五六七八九", min_size=1, max_size=4))
def test_digit_runs_as_years_are_written(digits: str) -> None:
    assert cn_number(digits) == cn2an.cn2an(digits, "smart")


@pytest.mark.parametrize(
    ("text", "value"),
    [("23", 23), ("十", 10), ("十一", 11), ("两", 2), ("两百", 200), ("一百零五", 105), ("二〇二六", 2026)],
)
def test_the_forms_cadres_type(text: str, value: int) -> None:
    assert cn_number(text) == value == cn2an.cn2an(text, "smart")


@pytest.mark.parametrize("text", ["", "点", "三点", "十a", "二十三号"])
def test_not_a_number(text: str) -> None:
    assert cn_number(text) is None


def test_both_callers_use_it() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
    assert parse_quick_add("十一月三十号前报送", now).due_local().day == 30  # type: ignore[union-attr]
    found = parse_chinese_date("二〇二六年十一月三日发布")
    assert found is not None and (found.year, found.month) == (2026, 11)
