"""Fingerprints collapse whitespace with str.split(): differential against the regex they
replaced, since a changed hash would make every stored item look new (or edited)."""

from __future__ import annotations

import hashlib
import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from cadre_desk.domain.fingerprint import content_hash, fingerprint_of_hex, has_body, item_fingerprint

_SPACE = re.compile(r"\s+")


def _reference_hash(title: str, text: str) -> bytes:
    normal = _SPACE.sub(" ", f"{title}\n{text}").strip()
    return hashlib.sha256(normal.encode("utf-8")).digest()[:8]


def _reference_has_body(title: str, text: str) -> bool:
    body = _SPACE.sub(" ", text).strip()
    return bool(body) and body != _SPACE.sub(" ", title).strip()


def _reference_fingerprint(identity: str, title: str, text: str) -> bytes:
    if _reference_has_body(title, text):
        return _reference_hash(title, text)
    return _reference_hash(f"\0{identity}\0{title}", "")


def test_split_and_the_regex_agree_on_every_code_point() -> None:
    pattern = re.compile(r"\s")
    differ = [c for c in range(sys.maxunicode + 1) if bool(pattern.match(chr(c))) != chr(c).isspace()]
    assert differ == []


_WHITESPACE = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2003", "\u3000", "\u2028"]
texts = st.lists(
    st.one_of(
        st.sampled_from(_WHITESPACE),
        st.sampled_from(["通知", "村", "2026年", "\0", "a"]),
        st.text(max_size=4),
    ),
    max_size=12,
).map("".join)


@given(texts, texts, st.text(max_size=8))
def test_fingerprints_equal_the_regex_version(title: str, text: str, identity: str) -> None:
    assert content_hash(title, text) == _reference_hash(title, text)
    assert has_body(title, text) == _reference_has_body(title, text)
    assert item_fingerprint(identity, title, text) == _reference_fingerprint(identity, title, text)


def test_known_hash_is_stable() -> None:
    assert content_hash(" 关于 森林防火\n", "各村\u3000要落实。") == _reference_hash(
        "关于 森林防火", "各村 要落实。"
    )


def test_stored_fingerprint_is_the_start_of_the_hex_earlier_versions_stored() -> None:
    """Migration 0010 and sync turn a stored 64-digit SHA-256 into its first 8 bytes: they must
    equal what is computed now for the same text, or every item would look edited."""
    full = hashlib.sha256("关于 森林防火 各村 要落实。".encode()).hexdigest()  # as collapsed
    assert fingerprint_of_hex(full) == content_hash("关于 森林防火", "各村 要落实。")
    assert fingerprint_of_hex(full[:16]) == content_hash("关于 森林防火", "各村 要落实。")
    assert fingerprint_of_hex(full.upper()) == content_hash("关于 森林防火", "各村 要落实。")
    for not_hex in ("", "h1", full[:15], full + "0", "g" * 16, " " + full[:15], "ab cd ef 01 23 45"):
        assert fingerprint_of_hex(not_hex) is None
