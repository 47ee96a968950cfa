"""What a cadre types into the search box, parsed; and highlighting of matches.

Pure text logic (no SQL): the storage layer turns ``SearchQuery`` into safe FTS5 expressions.

Syntax (all optional, any order)::

    乡村振兴 填报              two terms, both must match (title, content, author or source name)
    "森林 防火"  “疫情防控”     a phrase (quotes: ASCII or Chinese)
    source:清河县  来源:清河县   only sources whose name contains the text
    level:县  级别:county      only sources of that level (省 市 县 乡 村 or English names)
    after:2026-11-01  before:2026-11-20  date:2026-11-01..2026-11-20  date:2026-11-05

Nothing a user types raises: unknown or malformed filters are kept as plain words and noted
in ``warnings``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from cadre_desk.domain.enums import Level

# CJK Unified Ideographs (+ extension A, compatibility, extensions B–F).
CJK_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
CJK_CHAR = re.compile(f"[{CJK_CLASS}]")
# A run of CJK ideographs, or a word of other letters/digits (unicode61 splits on the rest).
GROUP = re.compile(f"[{CJK_CLASS}]+|[^\\W_{CJK_CLASS}]+")

_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "”": "“"}
_FILTER = re.compile(r"^([A-Za-z\u4e00-\u9fff]+)[:：](.*)$", re.S)
_KEYS = {
    "source": "source",
    "来源": "source",
    "level": "level",
    "级别": "level",
    "after": "after",
    "从": "after",
    "before": "before",
    "到": "before",
    "date": "date",
    "日期": "date",
}
_LEVELS: dict[str, Level] = {
    "中央": Level.CENTRAL,
    "省": Level.PROVINCE,
    "市": Level.CITY,
    "县": Level.COUNTY,
    "区": Level.COUNTY,
    "乡": Level.TOWNSHIP,
    "镇": Level.TOWNSHIP,
    "街道": Level.TOWNSHIP,
    "村": Level.VILLAGE,
    "社区": Level.VILLAGE,
    **{level.value: level for level in Level},
}
_DATE = re.compile(r"^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$")


def groups(value: str) -> list[str]:
    """``value`` as CJK runs and other words, case-folded; punctuation and spaces dropped."""
    return [group.casefold() for group in GROUP.findall(value)]


def is_cjk(group: str) -> bool:
    return bool(CJK_CHAR.match(group))


@dataclass(frozen=True)
class SearchTerm:
    text: str
    groups: tuple[str, ...]  # CJK runs and other words, in order
    quoted: bool = False

    @property
    def prefix(self) -> bool:
        """An unquoted term ending in a Latin word also matches longer words ("gov" → "government")."""
        return not self.quoted and not is_cjk(self.groups[-1])


@dataclass(frozen=True)
class SearchQuery:
    terms: tuple[SearchTerm, ...] = ()
    source_names: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.source_names or self.levels or self.date_from or self.date_to)


def _split(text: str) -> list[tuple[str, bool]]:
    """Whitespace-separated words; quoted stretches stay together (flag True)."""
    parts: list[tuple[str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _QUOTES:
            close = _QUOTES[ch]
            end = text.find(close, i + 1)
            if end < 0 and close != '"':
                end = text.find('"', i + 1)
            end = n if end < 0 else end
            parts.append((text[i + 1 : end], True))
            i = end + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        parts.append((text[i:j], False))
        i = j
    return parts


def parse_date(value: str) -> date | None:
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_query(text: str) -> SearchQuery:
    terms: list[SearchTerm] = []
    sources: list[str] = []
    levels: list[Level] = []
    date_from: date | None = None
    date_to: date | None = None
    warnings: list[str] = []

    def add_term(value: str, quoted: bool) -> None:
        found = groups(value)
        if found:
            terms.append(SearchTerm(value, tuple(found), quoted))

    for word, quoted in _split(text):
        match = None if quoted else _FILTER.match(word)
        key = _KEYS.get(match[1].lower()) if match else None
        if match is None or key is None:
            add_term(word, quoted)
            continue
        value = match[2].strip()
        if not value:
            warnings.append(f"“{word}”缺少内容，已忽略")
            continue
        if key == "source":
            sources.append(value)
        elif key == "level":
            level = _LEVELS.get(value.lower())
            if level is None:
                warnings.append(f"不认识的级别“{value}”（可用：中央 省 市 县 乡 村）")
                add_term(value, False)
            else:
                levels.append(level)
        else:
            if key == "date" and ".." in value:
                first, _, last = value.partition("..")
                start, end = parse_date(first) if first else None, parse_date(last) if last else None
                ok = (start is not None or not first) and (end is not None or not last)
            else:
                start = end = parse_date(value)
                ok = start is not None
                if key == "after":
                    end = None
                elif key == "before":
                    start = None
            if not ok:
                warnings.append(f"日期“{value}”无法识别（格式：2026-11-05）")
                add_term(value, False)
                continue
            date_from = start or date_from
            date_to = end or date_to
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return SearchQuery(tuple(terms), tuple(sources), tuple(levels), date_from, date_to, tuple(warnings))


# --------------------------------------------------------------------------- highlighting

Segment = tuple[str, bool]  # (text, is_match)


@functools.lru_cache(maxsize=256)  # asked for each term of each of 200 hits (highlight, snippet)
def term_pattern(term: SearchTerm) -> re.Pattern[str]:
    """Matches the term in raw text the way the index does: its groups in order, anything that
    is not a letter or digit allowed between groups, case-insensitive."""
    body = r"[\W_]*".join(re.escape(g) for g in term.groups)
    if term.prefix:
        body += r"\w*"
    return re.compile(body, re.IGNORECASE)


def _spans(text: str, patterns: Sequence[re.Pattern[str]]) -> list[tuple[int, int]]:
    spans = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(text) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: Sequence[SearchTerm]) -> list[Segment]:
    """``text`` cut into plain and matching segments."""
    patterns = [term_pattern(t) for t in terms]
    segments: list[Segment] = []
    pos = 0
    for start, end in _spans(text, patterns):
        if start > pos:
            segments.append((text[pos:start], False))
        segments.append((text[start:end], True))
        pos = end
    if pos < len(text):
        segments.append((text[pos:], False))
    return segments


def snippet(text: str, terms: Sequence[SearchTerm], width: int = 80) -> list[Segment]:
    """About ``width`` characters of ``text`` around the first match, highlighted."""
    patterns = [term_pattern(t) for t in terms]
    spans = _spans(text, patterns)
    if not spans:
        cut = text[:width]
        return [(cut + ("…" if len(text) > width else ""), False)] if cut else []
    first = spans[0][0]
    start = max(0, first - width // 4)
    end = min(len(text), start + width)
    window = text[start:end]
    segments = highlight(window, terms)
    if start > 0:
        segments.insert(0, ("…", False))
    if end < len(text):
        segments.append(("…", False))
    return segments
