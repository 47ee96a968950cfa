"""Chinese texts made below ui/ (fetch errors, schedule descriptions, burden-rule reasons and
clauses), shown in the interface language.

Those layers have no Qt and no ``tr()``, and their texts are often stored (a source's last
error). ``packaging/build_translations.py update`` lists their literals and f-strings as
templates (``service_text_templates.py``, context "ServiceText" in the .ts files); here a
shown text is matched against them and translated whole, its fields in turn. What matches
nothing stays as it is: a user's own words are never guessed at.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from cadre_desk.domain.enums import (
    BurdenCategory,
    Category,
    FindingKind,
    Level,
    OperationKind,
    Platform,
    SourceKind,
)
from cadre_desk.domain.labels import label
from cadre_desk.ui.i18n import SOURCE_LANGUAGE, current_language
from cadre_desk.ui.service_text_templates import TEMPLATES

CONTEXT = "ServiceText"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_FIELD = re.compile(r"\{(\d+)\}")
# joins made with these are translated part by part, joined the English way
_SEPARATORS = {"；": "; ", "、": ", "}


def _compile(template: str) -> re.Pattern[str]:
    pattern = []
    position = 0
    for match in _FIELD.finditer(template):
        pattern.append(re.escape(template[position : match.start()].replace("{{", "{").replace("}}", "}")))
        pattern.append("(.*?)" if match.end() < len(template) else "(.*)")
        position = match.end()
    pattern.append(re.escape(template[position:].replace("{{", "{").replace("}}", "}")))
    return re.compile("".join(pattern), re.DOTALL)


_LITERALS = {t.replace("{{", "{").replace("}}", "}"): t for t in TEMPLATES if not _FIELD.search(t)}
# vocabulary labels inside such texts ("在微信公众号上有 2 个账号") come from domain.labels
_VOCABULARY = [
    value
    for kind in (Platform, Level, Category, SourceKind, OperationKind, BurdenCategory, FindingKind)
    for value in kind
]
_PATTERNS = [(t, _compile(t)) for t in TEMPLATES if _FIELD.search(t)]
# longest first: a text that starts with a known literal ("每周" + "三") is split there
_PREFIXES = sorted((text for text in _LITERALS if len(text) >= 2), key=len, reverse=True)


def service_text(text: str | None) -> str:
    """``text`` in the interface language (unchanged in Chinese, or when nothing matches)."""
    if not text or current_language() == SOURCE_LANGUAGE:
        return text or ""
    return _translated(text, current_language())


def _tr(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


@lru_cache(maxsize=4096)
def _translated(text: str, language: str, depth: int = 0) -> str:
    if not _HAN.search(text) or depth > 6:
        return text
    literal = _LITERALS.get(text)
    if literal is not None:
        return _tr(literal).replace("{{", "{").replace("}}", "}")
    for value in _VOCABULARY:
        if label(value) == text:
            return label(value, language)
    best: str | None = None
    for template, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        fields = [_translated(field, language, depth + 1) for field in match.groups()]
        candidate = _tr(template).format(*fields)
        if best is None or _han_count(candidate) < _han_count(best):
            best = candidate
    for separator, joiner in _SEPARATORS.items():
        if separator in text:  # parts joined with "；"/"、": also try them one by one, keep the better
            parts = joiner.join(_translated(part, language, depth + 1) for part in text.split(separator))
            if best is None or _han_count(parts) <= _han_count(best):
                best = parts
            break
    if best is not None and _han_count(best) < _han_count(text):
        return best
    for cut in (m.start() for m in re.finditer("，", text)):  # "…（最后一条：…）" + "，超过 14 天…"
        left, right = (
            _translated(text[:cut], language, depth + 1),
            _translated(text[cut:], language, depth + 1),
        )
        if _han_count(left) < _han_count(text[:cut]) and _han_count(right) < _han_count(text[cut:]):
            return left + right
    for prefix in _PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            return _tr(_LITERALS[prefix]) + _translated(text[len(prefix) :], language, depth + 1)
    return best or text


def _han_count(text: str) -> int:
    return len(_HAN.findall(text))
