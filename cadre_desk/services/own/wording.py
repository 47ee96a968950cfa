"""错敏字 check: the cited dictionary from ``resources/own`` matched with Aho–Corasick.

``pyahocorasick`` builds one automaton over every term; a text is scanned once whatever the
dictionary's size. Overlapping hits are resolved leftmost-longest (``domain.own_wording``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

import ahocorasick

from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.own_wording import (
    DictionaryFormatError,
    WordingDictionary,
    WordingEntry,
    WordingHit,
    parse_dictionary,
    resolve_overlaps,
)
from cadre_desk.platform.resources import resource_path

DICTIONARY_FILE = ("own", "wording_dictionary.json")


class WordingDictionaryError(CadreError):
    next_step = "重新安装 cadre_desk，或把 resources/own/wording_dictionary.json 恢复为发布时的版本。"


def load_dictionary(path: Path | None = None) -> WordingDictionary:
    """The dictionary shipped in ``resources/own`` (or at ``path``)."""
    target = path or resource_path(*DICTIONARY_FILE)
    try:
        payload = json.loads(target.read_text(encoding="utf-8"))
        return parse_dictionary(payload)
    except FileNotFoundError as exc:
        raise WordingDictionaryError(f"找不到错敏字词典：{target}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError, DictionaryFormatError) as exc:
        raise WordingDictionaryError(f"错敏字词典无法读取（{target}）：{exc}") from exc


class WordingMatcher:
    """Every occurrence of every dictionary term in a text, in one pass."""

    def __init__(self, entries: Sequence[WordingEntry]) -> None:
        self._entries = list(entries)
        self._automaton = ahocorasick.Automaton()
        for index, entry in enumerate(self._entries):
            self._automaton.add_word(entry.term, (index, len(entry.term)))
        if self._entries:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._entries)

    def all_matches(self, text: str) -> Iterator[WordingHit]:
        """Every occurrence, overlapping ones included (the oracle-tested primitive)."""
        if not self._entries or not text:
            return
        entries = self._entries
        for end, (index, length) in self._automaton.iter(text):
            yield WordingHit(end - length + 1, end + 1, entries[index])

    def check(self, text: str) -> list[WordingHit]:
        """Findings to show: non-overlapping, leftmost-longest, in text order.

        Same result as ``resolve_overlaps`` over ``all_matches`` (the hypothesis test holds both to
        a brute-force walk), with hit objects built only for the kept matches. Not
        ``Automaton.iter_long``: it misses a short term after a longer partial match (terms
        ["部", "商部商"] over "商部" find nothing), which the oracle test caught.
        """
        if not self._entries or not text:
            return []
        spans = sorted(
            (end - length + 1, -length, index) for end, (index, length) in self._automaton.iter(text)
        )
        entries = self._entries
        out: list[WordingHit] = []
        reach = -1
        for start, negative_length, index in spans:
            if start >= reach:
                reach = start - negative_length
                out.append(WordingHit(start, reach, entries[index]))
        return out

    def check_by_resolving(self, text: str) -> list[WordingHit]:
        """The same findings from every match, resolved in Python (the reference for ``check``)."""
        return resolve_overlaps(self.all_matches(text))

    def count(self, text: str) -> int:
        """Number of raw occurrences (benchmarks: scanning without building hit objects)."""
        if not self._entries or not text:
            return 0
        return sum(1 for _ in self._automaton.iter(text))


@cache
def default_dictionary() -> WordingDictionary:
    return load_dictionary()


@cache
def default_matcher() -> WordingMatcher:
    return WordingMatcher(default_dictionary().entries)


def check_texts(matcher: WordingMatcher, texts: Iterable[str]) -> list[list[WordingHit]]:
    return [matcher.check(text) for text in texts]
