"""Facts in a notice's text: dates, amounts and other numbers, document numbers, phone numbers,
places and units, people. Two notices built on one template differ in exactly these.

Works on text already folded by :mod:`cadre_desk.domain.notice_diff` (ASCII digits, brackets
folded to 〔〕, no white space). Pure functions; no I/O.

Two kinds of detection:

* :func:`facts_in` finds spans that are facts wherever they stand (a date, a number, a
  document number, a phone number, a name next to 联系人 or 同志).
* :func:`changed_fact` also looks at what changed: a changed span followed by a place or unit
  suffix (东山|村 → 西坪|村) is a place, a swap of two surname-led words (张伟 → 王芳) a person.
  Such words cannot be found without a dictionary, but a change right before 村 or 局 can.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple


class FactKind(StrEnum):
    DATE = "date"  # a date, a time, a weekday, a deadline word (月底)
    AMOUNT = "amount"  # money
    NUMBER = "number"  # any other number (people, households, metres, percentages)
    DOC_NUMBER = "doc_number"  # 〔2026〕12号
    PHONE = "phone"
    PLACE = "place"  # a village, town, county, a unit (局/委/办), a river or mountain
    PERSON = "person"


class Fact(NamedTuple):  # a tuple: thousands are made per comparison, a frozen dataclass is slower
    kind: FactKind
    start: int
    end: int


_CN = "〇零一二两三四五六七八九十百千万廿卅"
_CN_DAY = "一二三四五六七八九十廿卅"
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN}]+)"
_TIME_OF_DAY = r"(?:上午|下午|晚上|早上|早晨|中午|凌晨|傍晚|夜间)"

# Order matters only for the kind reported when spans overlap (the first kind wins).
_PATTERNS: tuple[tuple[FactKind, re.Pattern[str]], ...] = (
    (
        FactKind.DOC_NUMBER,
        # With the issuer's abbreviation before the year (清政办发〔2026〕12号).
        re.compile(r"[\u4e00-\u9fff]{0,6}〔\d{4}〕第?\d{1,5}号|[\u4e00-\u9fff]{1,6}发\d{4}\d{1,4}号"),
    ),
    (
        FactKind.PHONE,
        re.compile(
            r"(?<![\d.])(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4})(?![\d.])"
            r"|(?:电话|热线|拨打|手机|联系方式|咨询)[：:]?\d{3,12}"
        ),
    ),
    (
        FactKind.DATE,
        re.compile(
            r"\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?"
            r"|(?:\d{2,4}|[〇零一二三四五六七八九]{2,4})年(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
            rf"(?:(?:\d{{1,2}}|[{_CN_DAY}]{{1,3}})[日号])?)?"
            rf"|(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(?:(?:\d{{1,2}}|[{_CN_DAY}]{{1,3}})[日号]?)?"
            rf"|(?<!第)(?:\d{{1,2}}|[{_CN_DAY}]{{1,3}})[日号](?![楼线院])"
            rf"|{_TIME_OF_DAY}?\d{{1,2}}[:：]\d{{2}}"
            rf"|{_TIME_OF_DAY}?(?<!第)(?:\d{{1,2}}|[一二三四五六七八九十两]{{1,3}})[点时](?:(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})分|半|整)?"
            rf"|{_TIME_OF_DAY}"
            r"|(?:本|下|上|这|每)?(?:周|星期|礼拜)[一二三四五六日天]"
            r"|[今明后昨前]天|(?:月|年|季)(?:底|初|末)|[上中下]旬|截[止至]"
            r"|元旦|春节|除夕|元宵|清明|五一|劳动节|端午|中秋|国庆|重阳|寒假|暑假"
        ),
    ),
    (FactKind.AMOUNT, re.compile(rf"{_NUM}(?:万|亿)?元")),
    (
        FactKind.PERSON,
        re.compile(
            r"(?:联系人|负责人|经办人|值班人|带班领导|联络员|责任人|主持人|讲解人|承办人|包村干部)[：:]?"
            r"[\u4e00-\u9fff]{2,3}"
        ),
    ),
    (
        FactKind.NUMBER,
        re.compile(
            r"\d+(?:\.\d+)?%?"
            rf"|第?[{_CN}]+(?:个|名|人|户|次|批|项|条|处|座|台|辆|份|张|家|所|场|公里|千米|米|吨|亩|公斤|斤"
            r"|小时|分钟|岁|倍|成|支|期|套|间|层|届|周岁)"
        ),
    ),
)

# Common surnames that rarely begin an ordinary word (周 in 每周 or 于 in 于是 are left out).
_SURNAMES = set(
    "张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤"
    "萧阎蓝甘牛欧柳包庞谷鲁葛殷聂詹骆卜岳齐凌向"
)
_TITLES = (
    "同志|书记|副书记|主任|副主任|镇长|乡长|县长|村长|局长|所长|站长|校长|院长|科长|队长|组长|委员|老师|医生"
    "|警官|先生|女士|社长|专干|干事"
)
_PERSON_BEFORE_TITLE = re.compile(rf"[{''.join(sorted(_SURNAMES))}][\u4e00-\u9fff]{{0,2}}?(?:{_TITLES})")

# Place and unit suffixes: a change right before one of them renames a place or a unit.
_PLACE_SUFFIXES = (
    "街道|社区|村委会|居委会|村民小组|小组|大队|中队|派出所|卫生院|医院|中心|学校|小学|中学|幼儿园|水库|广场|公园"
    "|景区|公司|银行|支行|管理处|办公室|会议室|指挥部|工作站|服务站|服务点"
    "|村|镇|乡|县|区|市|省|州|旗|屯|寨|庄|堡|营|铺|坝|沟|洲|岛|圩|垸|岗|峪|坳|组|局|委|办|厅|署|院|所|站"
    "|山|河|江|湖|溪|塘|桥|路|街|巷|湾|坪|岭"
)
_SUFFIX_AT = re.compile(rf"(?:{_PLACE_SUFFIXES})")
# Words that refer to a place or unit without naming it (我县, 各乡镇, 全市, 县直).
_GENERIC = set("各全本我该此每辖其县乡镇村区市省街道社组直属级内外上下州旗屯寨局委办厅署院所站中心有关相")
_FUNCTION_CHARS = set("的了是在和与及等也都就要将对把被或而并且之其为以于向从由")
_CJK = re.compile(r"[\u4e00-\u9fff]")


_START = itemgetter(1)

# The functions below are pure and their results immutable, so they are memoized: the repost
# check asks about the same few thousand text windows over and over (one template's date
# against another's; 87 % of facts_in calls on the 200k demo). Bounded: a text check worker
# stays small.
_MEMO = 16_384


@lru_cache(maxsize=_MEMO)
def facts_in(text: str) -> tuple[Fact, ...]:
    """Every fact span of ``text`` (spans of different kinds may overlap), by start; of two
    spans starting together, the kind listed first in ``_PATTERNS`` comes first."""
    found: list[Fact] = []
    for kind, pattern in _PATTERNS:
        found.extend(Fact(kind, m.start(), m.end()) for m in pattern.finditer(text))
    found.extend(Fact(FactKind.PERSON, m.start(), m.end()) for m in _PERSON_BEFORE_TITLE.finditer(text))
    found.sort(key=_START)  # stable: kinds keep their order
    return tuple(found)


def fact_kinds(text: str, among: set[FactKind] | frozenset[FactKind] | None = None) -> frozenset[FactKind]:
    """The kinds of fact ``text`` states (those of :func:`facts_in`, found without listing every
    span); with ``among``, only those kinds are looked for."""
    return _fact_kinds(text, None if among is None else frozenset(among))


@lru_cache(maxsize=_MEMO)
def _fact_kinds(text: str, among: frozenset[FactKind] | None) -> frozenset[FactKind]:
    kinds = {kind for kind, pattern in _PATTERNS if (among is None or kind in among) and pattern.search(text)}
    wanted = among is None or FactKind.PERSON in among
    if wanted and FactKind.PERSON not in kinds and _PERSON_BEFORE_TITLE.search(text):
        kinds.add(FactKind.PERSON)
    return frozenset(kinds)


def _overlapping(facts: Sequence[Fact], start: int, end: int) -> Fact | None:
    """The first fact touched by the change [start, end); an insertion (start == end) touches
    a fact it falls strictly inside."""
    for fact in facts:
        if fact.start >= max(end, start + 1):  # sorted by start: nothing further can touch
            break
        if start == end:
            if fact.start < start < fact.end:
                return fact
        elif fact.start < end and fact.end > start:
            return fact
    return None


def _names_place(text: str, start: int, end: int) -> bool:
    """The change [start, end) is part of a place or unit name: followed by (or holding) a
    place suffix, and not only a generic word such as 我县 or 各乡镇."""
    span = text[start:end]
    if not span or not _CJK.search(span) or _is_slip(span):
        return False
    suffix_after = _SUFFIX_AT.match(text, end) is not None
    inner = [m for m in _SUFFIX_AT.finditer(text, max(start - 4, 0), end) if m.start() >= start]
    if not suffix_after and not inner:
        return False
    proper = _SUFFIX_AT.sub("", span)
    if not proper and inner:
        # The suffix itself changed (东山村 → 东山镇): the name is the words before it.
        before = text[max(start - 4, 0) : start]
        proper = before[-2:] if before else ""
    chars = [c for c in proper if _CJK.match(c)]
    return bool(chars) and any(c not in _GENERIC and c not in _FUNCTION_CHARS for c in chars)


_DEIXIS = set("我本该此全")


def _is_deixis(span: str) -> bool:
    """我/本/该/全 before 县, 镇 or 村: the place the notice speaks of, not a name."""
    return bool(span) and all(c in _DEIXIS for c in span)


def _is_slip(span: str) -> bool:
    """A change to function words only (加强 → 加的): a slip of the keyboard, not a new name."""
    return all(c in _FUNCTION_CHARS or not _CJK.match(c) for c in span)


def _name_like(text: str, start: int, end: int) -> bool:
    """[start, end) is (the rest of) a 2–3 character personal name led by a common surname."""
    token_start = start
    if end - start <= 2 and start > 0 and text[start - 1] in _SURNAMES and text[start] not in _SURNAMES:
        token_start = start - 1
    token = text[token_start:end]
    return (
        2 <= len(token) <= 3
        and token[0] in _SURNAMES
        and all(_CJK.match(c) and c not in _FUNCTION_CHARS for c in token)
    )


def changed_fact(
    left: str,
    span_left: tuple[int, int],
    right: str,
    span_right: tuple[int, int],
    facts_left: Sequence[Fact] | None = None,
    facts_right: Sequence[Fact] | None = None,
) -> FactKind | None:
    """The kind of fact a change alters, or None when the change carries no fact.

    ``span_left``/``span_right`` are the changed ranges (one may be empty: an insertion).
    ``facts_left``/``facts_right``: :func:`facts_in` of the texts, listed here when not given
    (the right text's only when the left one's do not decide).
    """
    for text, facts, (start, end) in ((left, facts_left, span_left), (right, facts_right, span_right)):
        hit = _overlapping(facts_in(text) if facts is None else facts, start, end)
        if hit is not None:
            return hit.kind
    changed_left, changed_right = left[span_left[0] : span_left[1]], right[span_right[0] : span_right[1]]
    slip = _is_slip(changed_left) or _is_slip(changed_right)
    deixis = _is_deixis(changed_left) or _is_deixis(changed_right)  # 我县 → 清河县 names the same county
    if not slip and not deixis and (_names_place(left, *span_left) or _names_place(right, *span_right)):
        return FactKind.PLACE
    both_changed = span_left[1] > span_left[0] and span_right[1] > span_right[0]
    if both_changed and _name_like(left, *span_left) and _name_like(right, *span_right):
        return FactKind.PERSON
    return None


@lru_cache(maxsize=_MEMO)
def has_facts(text: str) -> bool:
    return any(pattern.search(text) for _, pattern in _PATTERNS) or bool(_PERSON_BEFORE_TITLE.search(text))
