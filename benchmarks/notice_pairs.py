"""Labeled pairs for repost detection: true reposts and same-template different notices.

    from benchmarks.notice_pairs import labeled_pairs, read_pairs, write_pairs

* A **repost** pair is a filled template (the original) and what a township or village account
  makes of it: truncation, boilerplate at the head or tail, changed editor lines, images
  dropped, punctuation and white space changed, a title prefix (1–3 of these).
* A **different** pair is the same template filled twice, differing only in 1–3 slots (dates,
  deadlines, villages, amounts, names, document numbers, phone numbers, times), kept only when
  the two texts' 5-character-shingle Jaccard is ≥ 0.65: MinHash alone would join them.

Pairs are stored as JSON lines (``write_pairs``/``read_pairs``), so a held-out set in the same
format can be scored with ``python -m benchmarks.eval_reposts --pairs FILE``.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.notice_templates import COUNTIES, DOC_PREFIXES, NAMES, TEMPLATES, TOWNS, UNITS, VILLAGES
from cadre_desk.domain.text_normalize import normalize_item

REPOST = "repost"
DIFFERENT = "different"
MIN_NEGATIVE_JACCARD = 0.65
NEGATIVE_SLOTS = ("deadline", "date", "village", "amount", "name", "docno", "phone", "time", "n", "town")
REPOST_EDITS = ("truncate", "head", "tail", "editor", "images", "punct", "title")


@dataclass(frozen=True)
class Doc:
    title: str
    html: str


@dataclass(frozen=True)
class LabeledPair:
    label: str  # REPOST or DIFFERENT
    topic: str
    how: tuple[str, ...]  # the repost edits, or the slots that differ
    a: Doc
    b: Doc

    @property
    def is_repost(self) -> bool:
        return self.label == REPOST


_CN_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1..31 in Chinese numerals (十一, 二十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "") if n >= 10 else _CN_DIGITS[n]


def _slot_value(slot: str, rng: random.Random, year: int) -> str:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if slot == "date":
        if rng.random() < 0.2:
            return (
                f"{''.join(_CN_DIGITS[int(c)] for c in str(year))}年{_cn_number(month)}月{_cn_number(day)}日"
            )
        return rng.choice([f"{year}年{month}月{day}日", f"{month}月{day}日", f"{year}-{month:02d}-{day:02d}"])
    if slot == "deadline":
        return rng.choice(
            [f"{month}月{day}日", f"{month}月{day}日17:00", f"{year}年{month}月{day}日", f"本月{day}日"]
        )
    if slot == "time":
        hour = rng.randint(8, 17)
        return rng.choice(
            [
                f"上午{hour % 12 or 12}:30",
                f"下午{_cn_number(hour % 12 or 12)}点",
                f"{hour}:00",
                f"上午{hour}时30分",
            ]
        )
    if slot == "amount":
        value = rng.choice([180, 200, 320, 350, 380, 400, 500, 1000, 2000, 5000])
        return rng.choice([f"{value}元", f"{value / 10000:g}万元" if value >= 1000 else f"{value}元"])
    if slot == "n":
        return str(rng.choice([3, 5, 8, 10, 12, 15, 20, 30, 50, 80, 100, 120, 200, 300, 500]))
    if slot == "phone":
        if rng.random() < 0.5:
            return f"0{rng.randint(700, 799)}-{rng.randint(2000000, 8999999)}"
        return f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"
    if slot == "docno":
        return f"{rng.choice(DOC_PREFIXES)}〔{year}〕{rng.randint(1, 120)}号"
    pools = {"village": VILLAGES, "town": TOWNS, "county": COUNTIES, "name": NAMES, "unit": UNITS}
    if slot in pools:
        return rng.choice(pools[slot])
    if slot == "month":
        return str(month)
    raise KeyError(slot)


_SLOT = re.compile(r"\{(\w+)\}")


def _slots_of(title: str, paragraphs: list[str]) -> list[str]:
    return sorted({m.group(1) for text in [title, *paragraphs] for m in _SLOT.finditer(text)})


def _render(title: str, paragraphs: list[str], values: dict[str, str]) -> tuple[str, list[str]]:
    return title.format_map(values), [p.format_map(values) for p in paragraphs]


def _html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def shingle_jaccard(a: Doc, b: Doc) -> float:
    """Exact Jaccard of the two items' character 5-gram sets (as the MinHash step sees them)."""
    sets = []
    for doc in (a, b):
        text = normalize_item(doc.title, doc.html)
        sets.append({text[i : i + 5] for i in range(len(text) - 4)})
    return len(sets[0] & sets[1]) / max(len(sets[0] | sets[1]), 1)


# --------------------------------------------------------------------------- reposts

_TRUNCATION_MARKS = ["……", "（全文请见原文链接）", "……点击阅读原文查看全文", "……阅读原文", "", "（未完待续）"]
_HEADS = [
    "转自：{src}",
    "来源：{src}",
    "本文转自“{src}”",
    "编者按：请各村（社区）认真组织学习，抓好贯彻落实。",
    "【编者按】事关每家每户，请仔细阅读并转告家中老人。",
    "点击上方蓝字关注我们",
    "信息来源：{src}",
]
_TAILS = [
    "责任编辑：{name}",
    "审核：{name}",
    "编辑：{name}  审核：{name2}",
    "点击上方蓝字关注我们",
    "长按识别二维码关注",
    "分享、点赞、在看，传递正能量",
    "来源：{src}",
    "（来源：{src}）",
    "欢迎转发扩散",
]
_TITLE_PREFIXES = ["转扩！", "【转】", "转发｜", "重要提醒！", "速看！", "【关注】", "转："]
_WIDTH = str.maketrans(
    {"，": ",", "：": ":", "（": "(", "）": ")", "；": ";", "0": "０", "1": "１", "2": "２"}
)
_IMAGE_CAPTIONS = ["（图片来源：网络）", "图为工作人员入户宣传", "（图源：{src}）"]


def _repost(rng: random.Random, title: str, paragraphs: list[str]) -> tuple[Doc, Doc, tuple[str, ...]]:
    """(original, repost, edits)."""
    src = rng.choice(COUNTIES) + rng.choice(["融媒体中心", "发布", "人民政府"])
    edits = tuple(sorted(rng.sample(REPOST_EDITS, k=rng.choice([1, 1, 2, 2, 3]))))
    original = list(paragraphs)
    body = list(paragraphs)
    if "editor" in edits:
        names = rng.sample(NAMES, 4)
        original += [f"编辑：{names[0]}", f"审核：{names[1]}"]
        body += (
            [f"编辑：{names[2]}", f"审核：{names[3]}"] if rng.random() < 0.6 else [f"责任编辑：{names[2]}"]
        )
    original_html = _html(original)
    if "images" in edits:
        caption = rng.choice(_IMAGE_CAPTIONS).format(src=src)
        at = rng.randint(1, len(original) - 1)
        image = (
            f'<p><img src="https://mmbiz.qpic.cn/{rng.randint(1000, 9999)}.jpg" alt=""></p><p>{caption}</p>'
        )
        original_html = _html(original[:at]) + image + _html(original[at:])
    if "truncate" in edits:
        if rng.random() < 0.6:
            keep = max(3, int(len(body) * rng.uniform(0.55, 0.85)))
            body = [*body[:keep], rng.choice(_TRUNCATION_MARKS)]
        else:
            text = "\n".join(body)
            cut = int(len(text) * rng.uniform(0.55, 0.85))
            body = (text[:cut] + rng.choice(_TRUNCATION_MARKS)).split("\n")
    if "punct" in edits:
        style = rng.choice(["width", "reflow", "spaces"])
        if style == "width":
            body = [p.translate(_WIDTH) for p in body]
        elif style == "reflow":
            sentences = [s + "。" for s in "".join(body).split("。") if s]
            body = ["".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
        else:
            body = [p.replace("，", "， ").replace("。", "。 ") for p in body]
    if "head" in edits:
        body.insert(0, rng.choice(_HEADS).format(src=src))
    if "tail" in edits:
        body.append(rng.choice(_TAILS).format(src=src, name=rng.choice(NAMES), name2=rng.choice(NAMES)))
    new_title = rng.choice(_TITLE_PREFIXES) + title if "title" in edits else title
    return Doc(title, original_html), Doc(new_title, _html([p for p in body if p])), edits


# --------------------------------------------------------------------------- pairs


def labeled_pairs(reposts: int = 120, different: int = 100, seed: int = 13) -> list[LabeledPair]:
    """``reposts`` true repost pairs and ``different`` same-template different-notice pairs
    (each with shingle Jaccard ≥ MIN_NEGATIVE_JACCARD), over every topic in turn."""
    rng = random.Random(seed)
    topics = sorted(TEMPLATES)
    pairs: list[LabeledPair] = []
    n = 0
    while sum(p.is_repost for p in pairs) < reposts or sum(not p.is_repost for p in pairs) < different:
        topic = topics[n % len(topics)]
        n += 1
        title_t, paragraphs_t = rng.choice(TEMPLATES[topic])
        slots = _slots_of(title_t, paragraphs_t)
        year = rng.choice([2025, 2026])
        values = {slot: _slot_value(slot, rng, year) for slot in slots if slot != "year"}
        values["year"] = str(year)
        title, paragraphs = _render(title_t, paragraphs_t, values)
        want_repost = sum(p.is_repost for p in pairs) < reposts and (
            rng.random() < 0.55 or sum(not p.is_repost for p in pairs) >= different
        )
        if want_repost:
            a, b, edits = _repost(rng, title, paragraphs)
            pairs.append(LabeledPair(REPOST, topic, edits, a, b))
            continue
        candidates = [s for s in NEGATIVE_SLOTS if s in slots]
        for _attempt in range(6):
            changed = tuple(sorted(rng.sample(candidates, k=min(len(candidates), rng.choice([1, 1, 2, 3])))))
            other = dict(values)
            for slot in changed:
                while other[slot] == values[slot]:
                    other[slot] = _slot_value(slot, rng, year)
            title_b, paragraphs_b = _render(title_t, paragraphs_t, other)
            a, b = Doc(title, _html(paragraphs)), Doc(title_b, _html(paragraphs_b))
            if shingle_jaccard(a, b) >= MIN_NEGATIVE_JACCARD:
                pairs.append(LabeledPair(DIFFERENT, topic, changed, a, b))
                break
    return pairs


def write_pairs(pairs: list[LabeledPair], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for pair in pairs:
            out.write(json.dumps(asdict(pair), ensure_ascii=False) + "\n")


def read_pairs(path: Path) -> list[LabeledPair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            pairs.append(
                LabeledPair(
                    row["label"],
                    row.get("topic", ""),
                    tuple(row.get("how", ())),
                    Doc(**row["a"]),
                    Doc(**row["b"]),
                )
            )
    return pairs
