"""Is a near-duplicate really the same notice? Decided by what differs between the two texts.

MinHash finds texts that share most of their 5-character shingles. Two notices written from
one template (two 森林防火 notices for different villages and dates, two 医保 reminders with
different deadlines) share as much as a notice and its repost. What tells them apart is the
*kind* of difference:

* repost furniture — 来源/转自/编辑/审核 lines, 编者按, follow-us calls, "（全文请见原文链接）",
  title prefixes such as 转扩！ or 【转】, punctuation and white space, a cut-off tail — is
  removed or ignored;
* a change inside a sentence both texts share that alters a fact (a date or deadline, an
  amount or other number, a document number, a phone number, a place or unit, a person) makes
  them **different notices**;
* anything else (a sentence added by the reposting account, a reworded phrase) keeps them
  one notice, but one whose copies **differ** (the inbox says "内容有差异").

The diff is two-level, as ``git diff --word-diff`` does it: sentences first
(``difflib.SequenceMatcher`` over sentence strings), then characters only inside the sentence
blocks that changed. Pure functions; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from cydifflib import SequenceMatcher

from cadre_desk.domain.notice_facts import FactKind, changed_fact, fact_kinds, has_facts
from cadre_desk.domain.text_normalize import html_to_text, strip_boilerplate


class Verdict(StrEnum):
    SAME = "same"  # only furniture differs
    DIFFERS = "differs"  # one notice, but a copy adds or rewords something
    DIFFERENT = "different"  # a fact changed: two notices


@dataclass(frozen=True)
class FactChange:
    kind: FactKind
    left: str
    right: str


@dataclass(frozen=True)
class Comparison:
    verdict: Verdict
    changes: tuple[FactChange, ...] = ()
    added: tuple[str, ...] = field(default=(), compare=False)  # sentences only one copy has

    @property
    def same_notice(self) -> bool:
        return self.verdict != Verdict.DIFFERENT


@dataclass(frozen=True)
class PreparedNotice:
    """A notice folded for comparison: furniture removed, widths and punctuation unified."""

    title: str
    body: str  # the sentences joined
    sentences: tuple[str, ...]


# --------------------------------------------------------------------------- furniture

_H = r"[^\S\n]"
# Attribution, editor and publication lines. Words that also begin ordinary sentences (记者,
# 图片, 编辑) count only when a separator follows them.
_FURNITURE_LINE = re.compile(
    rf"^{_H}*[【\[（(]?{_H}*(?:本期|本文|本条|文章|信息|稿件|内容)?(?:"
    r"(?:转自|转载自|转载于|来源于|原标题|原文标题|原文链接|发布时间|发布日期|发布于|更新时间|图为|图片来源|图源)"
    r"|(?:来源|来\s?源|责任编辑|编辑|责编|主编|编审|审核|审校|审稿|校对|初审|复审|终审|二审|三审|签发|监制|出品|"
    r"作者|撰稿|文字|文|图|文图|文/图|摄影|图片|视频|供稿|通讯员|记者|排版|美编|制作|阅读量|阅读|浏览次数|点击量)"
    rf"{_H}*(?:[：:丨|｜/]|{_H}|$)"
    rf")[^\n]{{0,80}}$\n?",
    re.M,
)
# The same words inside a paragraph ("……特此通知。 编辑：张三 审核：李四"), once split into
# sentences (white space gone, colons folded to "：").
_FURNITURE_SENTENCE = re.compile(
    r"^(?:本期|本文)?(?:责任编辑|编辑|责编|主编|审核|审校|校对|初审|复审|终审|签发|监制|来源|信息来源|转自|转载自|"
    r"作者|撰稿|记者|通讯员|摄影|图片|供稿|排版|美编|制作)："
)
_FURNITURE_INLINE = re.compile(
    r"[（(【\[]\s*(?:来源|转自|转载自|编辑|责任编辑|审核|图片来源|图源|图|摄影|有删改|有删节|全文请见原文链接)"
    r"[^）)】\]\n]{0,60}[）)】\]]"
)
# Truncation and follow-us tails: "……阅读原文", "（全文请见原文链接）", "未完待续", "转发扩散".
_TAIL_MARKERS = re.compile(
    r"[（(【\[]?(?:(?:点击|戳)?[“\"]?阅读原文[”\"]?(?:查看|阅读|了解)?(?:全文|详情|更多)?|"
    r"(?:详情|全文|更多内容)?请?(?:点击|见|查看)(?:原文链接|原文|阅读原文|全文)|全文请见原文链接|未完待续|"
    r"(?:欢迎|请)?转发扩散|扩散周知|(?:欢迎|请)转发|转给身边的人|点亮在看|点个?在看|分享.{0,6}点赞.{0,6}在看|"
    r"(?:点击)?(?:上方|下方)?蓝字关注(?:我们)?|扫码关注|长按(?:识别)?二维码(?:关注)?|关注我们)[）)】\]]?"
)
_TITLE_PREFIX = re.compile(
    r"^(?:[【\[（(]\s*(?:转|转发|转载|转扩|扩散|转给|提醒|重要|关注|速看|紧急|重磅|最新|收藏|通知|推荐)[^】\]）)]{0,4}[】\]）)]"
    r"|(?:转扩|转发|转载|转给|转|扩散|重要提醒|温馨提醒|提醒|紧急通知|紧急|重要|注意|速看|必看|重磅|最新|关注|收藏)"
    r"\s*[！!｜|:：丨、，,\s]+)+"
)
_TITLE_SUFFIX = re.compile(
    r"(?:[（(【\[]\s*(?:转|转载|转发|转自[^）)】\]]{0,20})\s*[）)】\]]|[|｜丨].{0,16})$"
)

# --------------------------------------------------------------------------- folding

# Full-width letters and digits (punctuation is unified by _PUNCT_MAP, cheaper than translate).
_WIDE_CHARS = re.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_PUNCT_MAP = {
    ",": "，", "、": "，", ":": "：", "︰": "：",
    "(": "〔", ")": "〕", "（": "〔", "）": "〕", "[": "〔", "]": "〕", "【": "〔", "】": "〕",
    "〖": "〔", "〗": "〕", "{": "〔", "}": "〕",
    "—": "-", "–": "-", "～": "-", "~": "-", "－": "-", "％": "%", "．": ".", "／": "/",
    "！": "!", "？": "?", "；": ";", "＂": "", "＇": "",
}  # fmt: skip
_WIDE_TABLE = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B)}
_DROP = re.compile(r"(?:[^\S\n]|[\"'“”‘’「」『』《》<>〈〉·•*#_|丨\\…])+")
_SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
_ENUMERATION = re.compile(
    r"[一二三四五六七八九十]{1,3}[，.]|〔[一二三四五六七八九十\d]{1,3}〕|\d{1,2}[.，](?!\d)"
)
_WORD = re.compile(r"[^\W_]")
_ONLY_PUNCT = re.compile(r"^[\W_]*$")
# A period between digits is a decimal point or a date (2026.6.1): keep it out of the splitter.
_DIGIT_DOT = re.compile(r"(?<=\d)\.(?=\d)")
_TAIL_HINTS = (
    "原文",
    "全文",
    "未完",
    "扩散",
    "请转发",
    "欢迎转发",
    "在看",
    "蓝字",
    "关注我们",
    "二维码",
    "转给",
)


def _fold(text: str) -> str:
    """Full-width letters, digits and punctuation to ASCII; brackets, commas, colons and dashes
    to one form each (a repost's changed punctuation is no difference)."""
    if _WIDE_CHARS.search(text):
        text = text.translate(_WIDE_TABLE)
    for old, new in _PUNCT_MAP.items():  # str.replace per mark: faster than one regex with a callback
        if old in text:
            text = text.replace(old, new)
    return text


def clean_title(title: str) -> str:
    """The title without repost prefixes and suffixes (转扩！, 【转】, （转载）)."""
    title = title.strip()
    for _ in range(3):
        stripped = _TITLE_SUFFIX.sub("", _TITLE_PREFIX.sub("", title)).strip()
        if stripped == title or not stripped:
            break
        title = stripped
    return title


def _sentences(text: str) -> tuple[str, ...]:
    text = _fold(text)
    dots = "." in text
    if dots:
        text = _DIGIT_DOT.sub("\x00", text)
    out: list[str] = []
    for raw in _SENTENCE_END.split(_DROP.sub("", text)):
        if dots:
            raw = raw.replace("\x00", ".")
        enumerated = _ENUMERATION.match(raw) if raw[:1] in _ENUMERATION_STARTS else None
        sentence = raw[enumerated.end() :] if enumerated else raw
        sentence = sentence.strip("，：-")
        if sentence and _WORD.search(sentence):
            out.append(sentence)
    return tuple(out)


_ENUMERATION_STARTS = set("一二三四五六七八九十〔0123456789")


@lru_cache(maxsize=16_384)  # reposts and template notices repeat their titles
def fold_title(title: str) -> str:
    """The title as :func:`prepare_notice` folds it (it does not depend on the body)."""
    return "".join(_sentences(clean_title(title)))


@lru_cache(maxsize=4096)
def _signature(name: str) -> str:
    return "".join(_sentences(name))


def prepare_notice(
    title: str, content_html: str | None, summary: str | None = None, publisher: Sequence[str] = ()
) -> PreparedNotice:
    """Fold an item (title, sanitized HTML or summary) for :func:`compare_notices`.

    ``publisher``: names of the account that published this copy (its name, its unit). A first
    or last line that only names it is the account's signature: a county notice reposted by a
    town account ends with the town's name instead of the county's.
    """
    body = html_to_text(content_html) if content_html else (summary or "")
    if any(hint in body for hint in _TAIL_HINTS):  # the regex is slow; most texts have none
        body = _TAIL_MARKERS.sub("", body)  # before strip_boilerplate, which eats parts of them
    body = strip_boilerplate(_FURNITURE_INLINE.sub("", body))
    body = _FURNITURE_LINE.sub("", body)
    folded_title = fold_title(title)
    sentences = tuple(s for s in _sentences(body) if not _FURNITURE_SENTENCE.match(s))
    if sentences and folded_title and sentences[0].startswith(folded_title):  # the body repeats the title
        rest = sentences[0][len(folded_title) :]
        sentences = ((rest,) if rest else ()) + sentences[1:]
    signatures = {_signature(name) for name in publisher if name}
    signatures.discard("")
    if signatures:
        while sentences and sentences[-1] in signatures:
            sentences = sentences[:-1]
        while sentences and sentences[0] in signatures:
            sentences = sentences[1:]
    return PreparedNotice(folded_title, "".join(sentences), sentences)


# --------------------------------------------------------------------------- comparing

# A sentence added at the head or tail that is this short and names no fact is unknown
# furniture (重要提醒, 请周知), not content.
_SHORT_EDGE_ADDITION = 20
# Additions shorter than this inside a sentence are fragments of it (", 截止12月31日").
_SENTENCE_SLACK = 2
_MIN_SENTENCE = 8
# Edge blocks sharing less than this (difflib ratio) are a line dropped and another added.
_UNRELATED = 0.5


@dataclass
class _Findings:
    changes: list[FactChange] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    differs: bool = False
    first_fact_only: bool = False  # stop at the first changed fact (the verdict is known)


class _FactFound(Exception):
    """Raised to stop comparing once a changed fact decided the verdict."""


_ANCHOR = 4  # a shared run this long ties two blocks together; shorter ones are chance
_CONTEXT = 3


def _char_changes(
    left: str,
    right: str,
    findings: _Findings,
    *,
    at_head: bool,
    at_tail: bool,
    sentence_starts: tuple[set[int], set[int]],
) -> None:
    """Classify the character-level changes between two blocks of sentences."""
    blocks, opcodes = _alignment(left, right)
    if not opcodes:
        return
    anchors = [b for b in blocks if b[2] >= _ANCHOR]
    head = (anchors[0][0], anchors[0][1]) if anchors and at_head else (0, 0)
    tail = (anchors[-1][0] + anchors[-1][2], anchors[-1][1] + anchors[-1][2]) if anchors else (0, 0)
    # The shared characters next to a residue belong to its facts (月1|日 against 月1|5日).
    after_head = left[head[0] : head[0] + _CONTEXT]
    before_tail = left[max(tail[0] - _CONTEXT, 0) : tail[0]]
    skip_head = at_head and _edge_residue(
        left[: head[0]], right[: head[1]], findings, truncation=False, context=("", after_head)
    )
    skip_tail = at_tail and _edge_residue(
        left[tail[0] :], right[tail[1] :], findings, truncation=True, context=(before_tail, "")
    )
    for _tag, i1, i2, j1, j2 in opcodes:
        part_left, part_right = left[i1:i2], right[j1:j2]
        if _ONLY_PUNCT.match(part_left) and _ONLY_PUNCT.match(part_right):
            continue
        if skip_head and i2 <= head[0] and j2 <= head[1]:
            continue
        if skip_tail and i1 >= tail[0] and j1 >= tail[1]:
            continue
        if (not part_left or not part_right) and _adds_sentences(i1, i2, j1, j2, sentence_starts):
            findings.added.append(part_left or part_right)
            findings.differs = True
            continue
        kind = _changed_fact_near(left, (i1, i2), right, (j1, j2))
        if kind is None:
            findings.differs = True
        else:
            findings.changes.append(FactChange(kind, _context(left, i1, i2), _context(right, j1, j2)))
            if findings.first_fact_only:
                raise _FactFound


# Facts are short: the text this far around a change holds every fact the change can touch.
_FACT_REACH = 24


def _changed_fact_near(
    left: str, span_left: tuple[int, int], right: str, span_right: tuple[int, int]
) -> FactKind | None:
    """``changed_fact`` over windows around the change (regexes over whole blocks cost more)."""
    lo_left, lo_right = max(span_left[0] - _FACT_REACH, 0), max(span_right[0] - _FACT_REACH, 0)
    window_left = left[lo_left : span_left[1] + _FACT_REACH]
    window_right = right[lo_right : span_right[1] + _FACT_REACH]
    return changed_fact(
        window_left,
        (span_left[0] - lo_left, span_left[1] - lo_left),
        window_right,
        (span_right[0] - lo_right, span_right[1] - lo_right),
    )


def _common_prefix(left: str, right: str, limit: int) -> int:
    """Length of the common prefix (binary search over slice comparisons, which run in C)."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if left[:mid] == right[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(left: str, right: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if left[len(left) - mid :] == right[len(right) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


Opcode = tuple[Any, int, int, int, int]  # (difflib tag, i1, i2, j1, j2)


def _alignment(left: str, right: str) -> tuple[list[tuple[int, int, int]], list[Opcode]]:
    """difflib's matching blocks (a, b, size) and non-equal opcodes of two strings.

    A shared head and tail are cut off first and handed back as matching blocks: difflib's
    cost grows with the length of what it compares, and most copies differ in a few places.
    """
    shorter = min(len(left), len(right))
    head = _common_prefix(left, right, shorter)
    tail = _common_suffix(left, right, shorter - head)
    middle_left, middle_right = left[head : len(left) - tail], right[head : len(right) - tail]
    matcher = SequenceMatcher(None, middle_left, middle_right, autojunk=False)
    blocks = [(0, 0, head)] if head else []
    blocks += [(a + head, b + head, size) for a, b, size in matcher.get_matching_blocks() if size]
    if tail:
        blocks.append((len(left) - tail, len(right) - tail, tail))
    opcodes = [
        (tag, i1 + head, i2 + head, j1 + head, j2 + head)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    return blocks, opcodes


def _edge_residue(
    left: str, right: str, findings: _Findings, *, truncation: bool, context: tuple[str, str]
) -> bool:
    """Text before the first (or after the last) shared run of a head (or tail) block.

    True when it is furniture or a cut-off and its changes need no further look: one copy has
    nothing there (a prefix added, a tail cut), or one copy's few fact-free words stand against
    much more text (a cut tail replaced by a closing line).
    """
    if _ONLY_PUNCT.match(left) and _ONLY_PUNCT.match(right):
        return True
    if _ONLY_PUNCT.match(left) or _ONLY_PUNCT.match(right):  # nothing on one side
        if not truncation:
            _edge_addition(right if _ONLY_PUNCT.match(left) else left, findings)
        return True
    short, long = sorted((left, right), key=len)
    before, after = context
    facts_left, facts_right = has_facts(before + left + after), has_facts(before + right + after)
    cut_and_added = facts_left != facts_right  # one copy's facts were cut, not changed
    # A few fact-free words against much more text: a cut tail replaced by a closing line (the
    # cut may fall inside a number, so the shared context does not count here).
    if cut_and_added or (len(long) >= 2 * len(short) + 10 and not has_facts(short)):
        _edge_addition(short, findings)
        if not truncation:
            _edge_addition(long, findings)
        findings.differs = True
        return True
    return False


def _context(text: str, start: int, end: int, pad: int = 6) -> str:
    return text[max(start - pad, 0) : end + pad]


def _adds_sentences(i1: int, i2: int, j1: int, j2: int, starts: tuple[set[int], set[int]]) -> bool:
    """A pure insertion (or deletion) of at least a sentence's length that begins or ends at a
    sentence boundary of either copy: a sentence one copy adds, not a fragment of a shared one."""
    if max(i2 - i1, j2 - j1) < _MIN_SENTENCE:
        return False
    near = range(-_SENTENCE_SLACK, _SENTENCE_SLACK + 1)
    left, right = starts
    return any(i1 + d in left or i2 + d in left or j1 + d in right or j2 + d in right for d in near)


def _edge_addition(text: str, findings: _Findings) -> None:
    if not text or _ONLY_PUNCT.match(text):
        return
    if len(text) > _SHORT_EDGE_ADDITION or has_facts(text):
        findings.added.append(text)
        findings.differs = True


def _same_kind_of_fact(left: str, right: str) -> bool:
    """Both blocks state a fact of one kind (two dates, two phone numbers): one may have
    replaced the other even where their words share little (2026-11-03 against 12月14日)."""
    kinds = fact_kinds(left)
    return bool(kinds) and bool(fact_kinds(right, among=kinds))


def _unrelated(left: str, right: str) -> bool:
    """The shorter block shares less than half its characters with the other (in order)."""
    shorter = min(len(left), len(right))
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return shared < _UNRELATED * shorter


def _block_starts(sentences: tuple[str, ...]) -> set[int]:
    starts, pos = {0}, 0
    for sentence in sentences:
        pos += len(sentence)
        starts.add(pos)
    return starts


def compare_notices(left: PreparedNotice, right: PreparedNotice, *, explain: bool = True) -> Comparison:
    """What differs between two near-duplicate notices, and what that means (see module doc).

    With ``explain=False`` the comparison stops at the first changed fact (repost detection
    needs only the verdict; the reader shows every change).
    """
    findings = _Findings(first_fact_only=not explain)
    try:
        if left.title != right.title and left.title and right.title:
            title_findings = _Findings(first_fact_only=not explain)
            try:
                # Words only one title has at its start or end are a prefix or suffix (转扩！,
                # （转载）); a changed fact inside a title both share is not.
                _char_changes(
                    left.title,
                    right.title,
                    title_findings,
                    at_head=True,
                    at_tail=True,
                    sentence_starts=(set(), set()),
                )
            finally:
                findings.changes.extend(title_findings.changes)  # a reworded title alone is furniture
        if left.body != right.body:
            _body_changes(left.sentences, right.sentences, findings)
    except _FactFound:
        pass
    if findings.changes:
        return Comparison(Verdict.DIFFERENT, tuple(findings.changes), tuple(findings.added))
    if findings.differs:
        return Comparison(Verdict.DIFFERS, (), tuple(findings.added))
    return Comparison(Verdict.SAME)


def same_notice(left: PreparedNotice, right: PreparedNotice) -> bool:
    """``compare_notices(left, right, explain=False).same_notice``, cheaper when pairs repeat.

    A fact changed in the titles, or one changed in the bodies, decides the verdict on its own,
    so each half is memoized by its own texts: notices built on one template bring the same
    pair of titles (or of bodies) with many of their copies, where the pair of whole texts
    differs (a differential test holds it to compare_notices).
    """
    if titles_change_a_fact(left.title, right.title):
        return False
    return left.body == right.body or not _bodies_change_a_fact(left.sentences, right.sentences)


def titles_change_a_fact(left: str, right: str) -> bool:
    """Two folded titles (:func:`fold_title`) differ by a fact: the notices are different,
    whatever their bodies say (``same_notice`` is False). Memoized."""
    return left != right and bool(left) and bool(right) and _titles_change_a_fact(left, right)


@lru_cache(maxsize=16_384)
def _titles_change_a_fact(left: str, right: str) -> bool:
    findings = _Findings(first_fact_only=True)
    try:
        _char_changes(left, right, findings, at_head=True, at_tail=True, sentence_starts=(set(), set()))
    except _FactFound:
        return True
    return bool(findings.changes)


@lru_cache(maxsize=2048)  # bounded: the keys keep two texts' sentences alive
def _bodies_change_a_fact(left: tuple[str, ...], right: tuple[str, ...]) -> bool:
    findings = _Findings(first_fact_only=True)
    try:
        _body_changes(left, right, findings)
    except _FactFound:
        return True
    return bool(findings.changes)


def _body_changes(left: tuple[str, ...], right: tuple[str, ...], findings: _Findings) -> None:
    matcher = SequenceMatcher(None, left, right, autojunk=False)
    opcodes = matcher.get_opcodes()
    equal_at = [n for n, op in enumerate(opcodes) if op[0] == "equal"]
    first_equal = equal_at[0] if equal_at else len(opcodes)
    last_equal = equal_at[-1] if equal_at else -1
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            continue
        block_left, block_right = left[i1:i2], right[j1:j2]
        at_head, at_tail = n < first_equal, n > last_equal
        if tag != "replace":  # whole sentences only one copy has
            added = "".join(block_left or block_right)
            if at_tail and not block_right and i2 == len(left):
                continue  # the right copy is cut off
            if at_tail and not block_left and j2 == len(right):
                continue  # the left copy is cut off
            if at_head or at_tail:
                _edge_addition(added, findings)
            else:
                findings.added.append(added)
                findings.differs = True
            continue
        joined_left, joined_right = "".join(block_left), "".join(block_right)
        if (
            (at_head or at_tail)
            and not _same_kind_of_fact(joined_left, joined_right)
            and _unrelated(joined_left, joined_right)
        ):
            # A line dropped and another added at an edge (the addressee line replaced by a
            # note, a cut tail replaced by a closing line): additions, not changed facts.
            _edge_addition(joined_right, findings)
            if not (at_tail and not at_head):
                _edge_addition(joined_left, findings)
            findings.differs = True
            continue
        _char_changes(
            joined_left,
            joined_right,
            findings,
            at_head=at_head,
            at_tail=at_tail,
            sentence_starts=(_block_starts(block_left), _block_starts(block_right)),
        )
