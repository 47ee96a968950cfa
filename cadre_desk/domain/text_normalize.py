"""Text normalization for near-duplicate detection.

Reposts of the same notice differ in things that say nothing about the content: a "转自…" or
"来源：…" line, an editor's note (编者按), the 责任编辑/审核 footer, "点击上方蓝字关注" calls,
full-width vs half-width characters, punctuation, paragraph breaks. ``normalize_for_dedup``
removes all of that so that character 5-grams of two reposts overlap as much as their wording.

Pure functions on strings: no HTML parsing library, no I/O (the HTML→text step is a tiny
regex here because the content was already sanitized on ingest).
"""

from __future__ import annotations

import html
import re

_H = r"[^\S\n]"  # horizontal white space only: a pattern never runs into the next line
# Lines that are pure boilerplate (≤ 80 characters): attribution, editors, reviewers.
_BOILERPLATE_LINES = re.compile(
    rf"^{_H}*[【\[（(]?{_H}*(?:本文)?(?:"
    r"转自|转载自|来源|来\s?源|信息来源|文章来源|稿件来源|原标题|原文标题|"
    r"编辑|责任编辑|责编|主编|编审|审核|审校|审稿|校对|初审|复审|终审|二审|三审|签发|监制|出品|"
    r"作者|撰稿|文字|摄影|图片|供稿|通讯员|记者|排版|美编|制作"
    rf"){_H}*[：:丨|｜ \t　][^\n]{{0,78}}$\n?",
    re.M,
)
_FOLLOW_CALL = re.compile(
    r"(?:点击|戳)?(?:上方|下方|左下角)?(?:蓝字|阅读原文|“?阅读原文”?)|关注我们|扫码关注|长按(?:识别)?二维码|"
    r"分享.{0,6}点赞.{0,6}在看|欢迎转发|点个?在看|喜欢就|↓|↑"
)
# An editor's note: "编者按：…" / "【编者按】…" up to the end of its paragraph.
_NOTE_WORDS = r"(?:编者按|编者注|编辑按|编辑注|小编按|小编说|按)"
_EDITOR_NOTE_LINES = re.compile(
    rf"^{_H}*(?:[【\[（(]{_H}*{_NOTE_WORDS}{_H}*[】\]）)]{_H}*[：:]?|{_NOTE_WORDS}{_H}*[：:])[^\n]*$\n?",
    re.M,
)
_EDITOR_NOTE_INLINE = re.compile(
    r"[（(【\[]\s*(?:编者注|编辑注|编者按|小编注)[：:][^）)】\]]{0,300}[）)】\]]"
)
_TAGS = re.compile(r"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]*>", re.S | re.I)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|section|blockquote|table)\b[^>]*>", re.I)
# Everything that is not a letter or digit: punctuation, symbols, spaces of every width.
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def html_to_text(content_html: str) -> str:
    """Plain text of sanitized HTML, with block elements turned into line breaks."""
    text = _BLOCK_TAGS.sub("\n", content_html)
    text = _TAGS.sub("", text)
    return html.unescape(text)


def strip_boilerplate(text: str) -> str:
    """Drop attribution/editor lines, editor's notes and follow-us calls; keep the content."""
    text = _EDITOR_NOTE_INLINE.sub("", text)
    text = _BOILERPLATE_LINES.sub("", text)
    text = _EDITOR_NOTE_LINES.sub("", text)
    if any(hint in text for hint in _FOLLOW_HINTS):  # the regex is slow; most texts have none
        text = _FOLLOW_CALL.sub("", text)
    return text


_FOLLOW_HINTS = ("蓝字", "阅读原文", "关注我们", "扫码关注", "二维码", "在看", "欢迎转发", "喜欢就", "↓", "↑")


# Full-width letters and digits to their plain forms: what NFKC does for the characters that
# matter in Chinese notices (punctuation is dropped anyway), at a fraction of its cost.
_WIDE_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B)}


def normalize_for_dedup(text: str) -> str:
    """The content words only: full-width folded, lower case, boilerplate removed, no
    punctuation or spaces.

    Two reposts of one notice normalize to (nearly) the same string even when one adds a
    "转自县融媒体中心" line, an editor's note, different paragraphing or full-width digits.
    """
    if _WIDE_ALNUM.search(text):
        text = text.translate(_WIDTH)
    text = strip_boilerplate(text)
    return _NOT_WORD.sub("", text).lower()


def normalize_item(title: str, content_html: str | None, summary: str | None = None) -> str:
    """Normalized text of an item: title and body (or summary when there is no body)."""
    body = html_to_text(content_html) if content_html else (summary or "")
    if title and not body.lstrip().startswith(title.strip()):
        body = title + "\n" + body
    return normalize_for_dedup(body)
