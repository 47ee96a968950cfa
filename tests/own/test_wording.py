"""错敏字 matching: Aho–Corasick against a brute-force oracle, and the shipped dictionary."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_desk.domain.own_wording import (
    DictionarySource,
    WordingCategory,
    WordingEntry,
    WordingSeverity,
    resolve_overlaps,
)
from cadre_desk.services.own.wording import WordingMatcher, load_dictionary

SOURCE = DictionarySource("test", "测试出处")
# A tiny alphabet makes overlaps, nested terms and repeats common.
ALPHABET = "部署布防汛讯国家工商总局"


def entry(term: str) -> WordingEntry:
    return WordingEntry(term, "", WordingCategory.TYPO, WordingSeverity.MINOR, SOURCE)


def brute_force(terms: list[str], text: str) -> set[tuple[int, int, str]]:
    return {
        (start, start + len(term), term)
        for term in terms
        for start in range(len(text))
        if text.startswith(term, start)
    }


def brute_force_resolved(terms: list[str], text: str) -> list[tuple[int, int, str]]:
    """Independent leftmost-longest walk: at each position take the longest term, skip past it."""
    out, position = [], 0
    while position < len(text):
        matches = [t for t in terms if text.startswith(t, position)]
        if matches:
            longest = max(matches, key=len)
            out.append((position, position + len(longest), longest))
            position += len(longest)
        else:
            position += 1
    return out


terms_strategy = st.lists(st.text(ALPHABET, min_size=1, max_size=5), min_size=1, max_size=25, unique=True)


@settings(max_examples=300, deadline=None)
@given(terms_strategy, st.text(ALPHABET + "，。 a", max_size=120))
def test_every_occurrence_matches_the_oracle(terms: list[str], text: str) -> None:
    matcher = WordingMatcher([entry(t) for t in terms])
    found = {(h.start, h.end, h.term) for h in matcher.all_matches(text)}
    assert found == brute_force(terms, text)
    assert matcher.count(text) == len(found)


@settings(max_examples=300, deadline=None)
@given(terms_strategy, st.text(ALPHABET + "，。", max_size=120))
def test_resolved_hits_match_a_leftmost_longest_walk(terms: list[str], text: str) -> None:
    matcher = WordingMatcher([entry(t) for t in terms])
    expected = brute_force_resolved(terms, text)
    assert [(h.start, h.end, h.term) for h in matcher.check(text)] == expected
    assert [(h.start, h.end, h.term) for h in matcher.check_by_resolving(text)] == expected
    assert resolve_overlaps([]) == []


def test_shipped_dictionary_is_cited_and_covers_every_category() -> None:
    dictionary = load_dictionary()
    assert dictionary.version
    assert {e.category for e in dictionary.entries} == set(WordingCategory)
    assert all(e.source.citation for e in dictionary.entries)
    assert len(dictionary) >= 150
    used = {e.source.key for e in dictionary.entries}
    assert dictionary.severity_basis is not None
    listed = {s.key for s in dictionary.sources}
    assert used | {dictionary.severity_basis.key} == listed, "a source nothing cites"


def test_real_draft() -> None:
    dictionary = load_dictionary()
    matcher = WordingMatcher(dictionary.entries)
    text = "柳林镇召开会议布署防讯工作，国家工商行政管理总局有关同志出席。截止目前已排查隐患12处。"
    hits = {h.term: h for h in matcher.check(text)}
    assert set(hits) == {"布署", "防讯", "国家工商行政管理总局", "截止目前"}
    assert hits["布署"].entry.suggestion == "部署"
    assert hits["国家工商行政管理总局"].entry.category == WordingCategory.OUTDATED_NAME
    assert text[hits["防讯"].start : hits["防讯"].end] == "防讯"
    assert "【布署】" in hits["布署"].context(text)
    assert matcher.check("农业部门和纪检监察部门联合检查") == []  # common words are not flagged
