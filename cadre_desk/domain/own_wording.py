"""错敏字: the wording dictionary's vocabulary and how overlapping hits are resolved.

The dictionary itself is data (``resources/own/wording_dictionary.json``), versioned and cited;
``services.own.wording`` loads it and matches with Aho–Corasick. This module holds what needs
no I/O: entries, sources, hits and the choice among overlapping hits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class WordingCategory(StrEnum):
    TYPO = "typo"  # 常见错别字（公文常用词）
    OUTDATED_NAME = "outdated_name"  # 机构改革后已撤并或更名的机构名称
    FORMULATION = "formulation"  # 固定政治表述的错误（词序、提法）
    SENSITIVE = "sensitive"  # 敏感或禁用表述


class WordingSeverity(StrEnum):
    SEVERE = "severe"  # 严重：自查报告列入单项否决
    MINOR = "minor"  # 一般：列入扣分项


CATEGORY_LABELS: dict[WordingCategory, tuple[str, str]] = {
    WordingCategory.TYPO: ("错别字", "Typo"),
    WordingCategory.OUTDATED_NAME: ("过时机构名称", "Outdated institution name"),
    WordingCategory.FORMULATION: ("政治表述错误", "Wrong set formulation"),
    WordingCategory.SENSITIVE: ("敏感/禁用表述", "Sensitive or banned wording"),
}
SEVERITY_LABELS: dict[WordingSeverity, tuple[str, str]] = {
    WordingSeverity.SEVERE: ("严重", "Severe"),
    WordingSeverity.MINOR: ("一般", "Minor"),
}


def category_label(category: str, language: str = "zh_CN") -> str:
    pair = CATEGORY_LABELS.get(WordingCategory(category)) if category in _CATEGORY_VALUES else None
    if pair is None:
        return category
    return pair[1] if language.startswith("en") else pair[0]


def severity_label(severity: str, language: str = "zh_CN") -> str:
    pair = SEVERITY_LABELS.get(WordingSeverity(severity)) if severity in _SEVERITY_VALUES else None
    if pair is None:
        return severity
    return pair[1] if language.startswith("en") else pair[0]


_CATEGORY_VALUES = {c.value for c in WordingCategory}
_SEVERITY_VALUES = {s.value for s in WordingSeverity}


class DictionaryFormatError(ValueError):
    """The dictionary file does not have the expected shape (names the entry)."""


@dataclass(frozen=True)
class DictionarySource:
    key: str
    citation: str  # issuer, title, number/year
    point: str = ""  # what the entries citing it rest on (a summary, not a quotation)

    def __str__(self) -> str:
        return f"{self.citation}：{self.point}" if self.point else self.citation


@dataclass(frozen=True)
class WordingEntry:
    term: str  # the wrong or flagged text, matched literally
    suggestion: str  # what to write instead ("" when the text should go)
    category: WordingCategory
    severity: WordingSeverity
    source: DictionarySource
    note: str = ""


@dataclass(frozen=True)
class WordingDictionary:
    version: str
    title: str
    entries: tuple[WordingEntry, ...]
    sources: tuple[DictionarySource, ...]
    severity_basis: DictionarySource | None = None  # why severe hits are 单项否决, minor ones 扣分

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class WordingHit:
    start: int  # character offsets into the checked text, end exclusive
    end: int
    entry: WordingEntry

    @property
    def term(self) -> str:
        return self.entry.term

    def context(self, text: str, width: int = 12) -> str:
        """The hit with a little text either side, the hit in 【】."""
        left = text[max(0, self.start - width) : self.start]
        right = text[self.end : self.end + width]
        return f"{left}【{text[self.start : self.end]}】{right}".replace("\n", " ")


def parse_dictionary(payload: Mapping[str, Any]) -> WordingDictionary:
    """Build the dictionary from its JSON payload; a wrong shape raises ``DictionaryFormatError``."""
    try:
        sources = {
            str(s["key"]): DictionarySource(str(s["key"]), str(s["citation"]), str(s.get("point", "")))
            for s in payload["sources"]
        }
        version, title = str(payload["version"]), str(payload.get("title", ""))
        raw_entries = payload["entries"]
    except (KeyError, TypeError) as exc:
        raise DictionaryFormatError(f"词典缺少必需的字段：{exc}") from exc
    entries: list[WordingEntry] = []
    seen: set[str] = set()
    for position, raw in enumerate(raw_entries, start=1):
        try:
            term = str(raw["term"])
            entry = WordingEntry(
                term=term,
                suggestion=str(raw.get("suggestion", "")),
                category=WordingCategory(raw["category"]),
                severity=WordingSeverity(raw["severity"]),
                source=sources[str(raw["source"])],
                note=str(raw.get("note", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DictionaryFormatError(f"词典第 {position} 条有误（{raw!r}）：{exc}") from exc
        if not term.strip():
            raise DictionaryFormatError(f"词典第 {position} 条的词为空。")
        if term in seen:
            raise DictionaryFormatError(f"词典第 {position} 条「{term}」重复。")
        seen.add(term)
        entries.append(entry)
    basis = sources.get(str(payload.get("severity_basis", "")))
    return WordingDictionary(version, title, tuple(entries), tuple(sources.values()), basis)


def resolve_overlaps(hits: Iterable[WordingHit]) -> list[WordingHit]:
    """Non-overlapping hits, leftmost first and, at the same start, longest first.

    "国家工商行政管理总局" and its part "工商行政管理总局" are one finding, not two.
    """
    ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    out: list[WordingHit] = []
    reach = -1
    for hit in ordered:
        if hit.start >= reach:
            out.append(hit)
            reach = hit.end
    return out


def without_exempt(hits: Sequence[WordingHit], exempt_terms: Iterable[str]) -> list[WordingHit]:
    """Hits whose term was not marked "not an error here" for this account."""
    exempt = set(exempt_terms)
    return [hit for hit in hits if hit.term not in exempt]
