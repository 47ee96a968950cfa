"""Text pools rendered once per run, and the cheap per-item composition of titles and bodies.

Rendering every template for every item would cost far more than writing the row; instead each
template is rendered a handful of times with random slot values, and an item picks entries and
replaces its date markers. Bodies combine a per-item lead with several pooled paragraphs chosen
from different templates, so two originals of one topic rarely share more than a paragraph.
"""

from __future__ import annotations

import hashlib
import html
import random
from dataclasses import dataclass

from cadre_desk.demo import texts
from cadre_desk.demo.catalogue import COUNTY, TOWNSHIP, VILLAGES
from cadre_desk.demo.texts import MD, NO, Topic
from cadre_desk.demo.topics_groups import FILMS, GROUP_DETAILS, GROUP_TOPICS
from cadre_desk.demo.topics_local import LOCAL_TOPICS
from cadre_desk.demo.topics_public import PUBLIC_TOPICS
from cadre_desk.domain.fingerprint import FINGERPRINT_BYTES

TOPICS: tuple[Topic, ...] = (*PUBLIC_TOPICS, *LOCAL_TOPICS, *GROUP_TOPICS)
TOPICS_BY_KEY: dict[str, Topic] = {topic.key: topic for topic in TOPICS}

MO = "〈MO〉"  # replaced by the item's month number
HEADS = 360  # (title, lead) pairs per topic
PARAGRAPH_VARIANTS = 14
COMBOS = 64  # distinct template choices per paragraph count and topic
TAG_SHARE = 0.35  # WeChat headlines often carry a column tag such as 关注｜ or 提醒｜
WECHAT_TAGS = tuple(tag.replace("{county}", COUNTY) for tag in texts.TITLE_TAGS)


class SlotFiller(dict[str, str]):
    """Values for one rendering of a template; unknown slots are drawn on first use."""

    def __init__(self, rng: random.Random, year: int) -> None:
        super().__init__(
            county=COUNTY,
            year=str(year),
            year_next=str(year + 1),
            md_plain=MD,
            month=MO,
        )
        self._rng = rng

    def __missing__(self, key: str) -> str:
        rng = self._rng
        if key.startswith("n") and "_" in key:
            lo, hi = key[1:].split("_")
            value = str(rng.randint(int(lo), int(hi)))
        elif key.startswith("village"):
            # Mostly the township's own villages, sometimes others of the county.
            value = rng.choice(VILLAGES) if rng.random() < 0.6 else rng.choice(texts.OTHER_VILLAGES)
        elif key.startswith("town"):
            value = TOWNSHIP if rng.random() < 0.4 else rng.choice(texts.TOWNS)
        elif key.startswith("person"):
            value = rng.choice(texts.SURNAMES) + rng.choice(texts.GIVEN)
        elif key.startswith("dept"):
            value = rng.choice(texts.DEPTS)
        elif key == "thing":
            value = rng.choice(texts.THINGS)
        elif key == "meeting":
            value = rng.choice(texts.MEETINGS)
        elif key == "place":
            value = rng.choice(texts.PLACES)
        elif key == "theme":
            value = rng.choice(texts.THEMES)
        elif key == "weekday":
            value = rng.choice(("一", "二", "三", "四", "五"))
        elif key == "inspection":
            value = rng.choice(texts.INSPECTIONS)
        elif key == "account":
            value = rng.choice(texts.ACCOUNTS)
        elif key == "film":
            value = rng.choice(FILMS)
        elif key == "crop":
            value = rng.choice(texts.CROPS)
        elif key == "docno":
            value = f"清政办发〔{self['year']}〕{rng.randint(5, 98)}号"
        else:
            raise KeyError(key)
        self[key] = value
        return value


def _render(template: str, rng: random.Random, year: int, escape: bool = True) -> str:
    # Whitespace collapsed once here, so the per-item fingerprint needs no regex (see item_hash).
    text = " ".join(template.format_map(SlotFiller(rng, year)).split())
    # Titles are plain text; body paragraphs become HTML, so they are escaped once here.
    return html.escape(text, quote=False) if escape else text


@dataclass
class TopicPool:
    topic: Topic
    heads: list[tuple[str, str]]  # (title, lead) rendered together
    paragraphs: list[list[str]]  # per template, its rendered variants
    combos: dict[int, list[tuple[int, ...]]]  # paragraph count -> ordered template picks
    generic: list[list[str]]  # shared boilerplate paragraphs, per template
    year: int  # for templates rendered per item (work-group messages)


def build_pools(rng: random.Random, year: int) -> dict[str, TopicPool]:
    pools: dict[str, TopicPool] = {}
    generic = [[_render(t, rng, year) for _ in range(PARAGRAPH_VARIANTS)] for t in texts.GENERIC_PARAGRAPHS]
    for topic in TOPICS:
        heads = _distinct_heads([_head(topic, rng, year) for _ in range(HEADS)]) if topic.titles else []
        # Group messages are rendered per item (see _group_message), not pooled.
        paragraphs = [[_render(t, rng, year) for _ in range(PARAGRAPH_VARIANTS)] for t in topic.paragraphs]
        combos = {
            k: [tuple(sorted(rng.sample(range(len(paragraphs)), k))) for _ in range(COMBOS)]
            # At most a third of a topic's templates per item: two items of a topic share little.
            for k in range(1, (max(1, len(paragraphs) // 3) if paragraphs else 0) + 1)
        }
        pools[topic.key] = TopicPool(topic, heads, paragraphs, combos, generic, year)
    return pools


def _head(topic: Topic, rng: random.Random, year: int) -> tuple[str, str]:
    """A headline and its lead paragraph drawn with the same slot values (same town, meeting…)."""
    slots = SlotFiller(rng, year)
    title = " ".join(rng.choice(topic.titles).format_map(slots).split())
    lead = " ".join(rng.choice(topic.leads).format_map(slots).split())
    return title, html.escape(lead, quote=False)


def _distinct_heads(values: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One pair per headline: a slot-free headline stays rare instead of repeating weekly."""
    return list({title: (title, lead) for title, lead in values}.values())


def fill_markers(text: str, md: str, month: str, number: str) -> str:
    if "〈" not in text:
        return text
    return text.replace(MD, md).replace(MO, month).replace(NO, number)


def compose_original(
    pool: TopicPool,
    rng: random.Random,
    md: str,
    month: str,
    number: str,
    paragraphs: int,
    tags: tuple[str, ...] = (),
) -> tuple[str, list[str]]:
    """A fresh title and body paragraphs (without the account's footer).

    Hot path: ``rng.random()`` indexing instead of ``choice``/``sample`` (several times faster).
    """
    r = rng.random
    if not pool.heads:
        return _group_message(pool, rng, md, month, number)
    title, lead = pool.heads[int(r() * len(pool.heads))]
    if "〈" in lead:
        lead = fill_markers(lead, md, month, number)
    if tags and r() < TAG_SHARE:
        title = tags[int(r() * len(tags))] + title
    if "〈" in title:
        title = fill_markers(title, md, month, number)
    body = [lead]
    combos = pool.combos
    topical = (combos.get(paragraphs) or combos.get(len(combos))) if paragraphs > 0 else None
    generic = pool.generic
    # The rest of the requested length is boilerplate, as in real notices.
    picks = [(pool.paragraphs, i) for i in topical[int(r() * len(topical))]] if topical else []
    for _ in range(paragraphs - len(picks)):
        picks.append((generic, int(r() * len(generic))))
    for templates, index in picks:
        variants = templates[index]
        text = variants[int(r() * len(variants))]
        if "〈" in text:
            text = fill_markers(text, md, month, number)
        body.append(text)
    return title, body


def _group_message(
    pool: TopicPool, rng: random.Random, md: str, month: str, number: str
) -> tuple[str, list[str]]:
    """A work-group message rendered for this item alone; it has no headline, so the list
    shows its first words."""
    r = rng.random
    leads = pool.topic.leads
    slots = SlotFiller(rng, pool.year)
    text = leads[int(r() * len(leads))].format_map(slots)
    if r() < 0.45:
        text += "。" + GROUP_DETAILS[int(r() * len(GROUP_DETAILS))].format_map(slots).rstrip("。")
    opener = texts.GROUP_OPENERS[int(r() * len(texts.GROUP_OPENERS))]
    closing = texts.GROUP_CLOSINGS[int(r() * len(texts.GROUP_CLOSINGS))]
    message = fill_markers(" ".join(f"{opener}{text}。{closing}".split()), md, month, number)
    title = message if len(message) <= 30 else message[:28] + "…"
    return title, [html.escape(message, quote=False)]


# --------------------------------------------------------------------------- reposts


def edit_repost(
    rng: random.Random, title: str, body: list[str], parent_name: str, mirror: bool
) -> tuple[str, list[str], tuple[str, ...]]:
    """How a township or village editor republishes an upstream item: small, realistic edits."""
    edits: list[str] = []
    new = list(body)
    if mirror:
        # A duplicate account of the same unit pushes the same article, at most retitled.
        if rng.random() < 0.2:
            title = rng.choice(texts.TITLE_PREFIXES[3:]) + title
            edits.append("title_prefix")
        return title, new, tuple(edits)
    roll = rng.random()
    if roll < 0.3:
        title = rng.choice(texts.TITLE_PREFIXES) + title
        edits.append("title_prefix")
    elif roll < 0.38 and title.startswith("关于") and title.endswith("的通知"):
        title = title[2:-3]
        edits.append("title_shortened")
    elif roll < 0.45:
        title = title + "（转载）"
        edits.append("title_suffix")
    if rng.random() < 0.3 and len(new) >= 2:
        i = rng.randrange(len(new) - 1)
        new[i : i + 2] = [new[i] + new[i + 1]]
        edits.append("merged_paragraphs")
    elif rng.random() < 0.3:
        i = rng.randrange(len(new))
        cut = new[i].find("，", len(new[i]) // 3)
        if 0 < cut < len(new[i]) - 1:
            new[i : i + 1] = [new[i][: cut + 1], new[i][cut + 1 :]]
            edits.append("split_paragraph")
    if rng.random() < 0.2:
        i = rng.randrange(len(new))
        reworded = (
            new[i].replace("我县", f"{COUNTY}").replace("各乡镇", "各村（社区）").replace("全县", "全县上下")
        )
        if reworded != new[i]:
            new[i] = reworded
            edits.append("reworded")
    if rng.random() < 0.2 and len(new) >= 4:
        keep = max(3, round(len(new) * rng.uniform(0.7, 0.9)))
        if keep < len(new):
            new = [*new[:keep], rng.choice(texts.READ_MORE)]
            edits.append("truncated")
    if rng.random() < 0.75:
        line = rng.choice(texts.SOURCE_LINES).format(name=parent_name)
        if rng.random() < 0.7:
            new.insert(0, line)
        else:
            new.append(line)
        edits.append("source_line")
    if rng.random() < 0.25:
        new.insert(0, rng.choice(texts.EDITOR_NOTES))
        edits.append("editor_note")
    return title, new, tuple(edits)


# --------------------------------------------------------------------------- rendering


def render_html(body: list[str], footer: str) -> str:
    return "<p>" + "</p><p>".join(body) + "</p>" + footer


def item_hash(title: str, body: list[str], footer_text: str) -> bytes:
    """The fingerprint ingest computes (``domain.fingerprint.content_hash`` of the title and the
    plain text of the HTML), without its whitespace regex: pool text is already collapsed to
    single spaces and ``footer_text`` starts with one. Tests compare both on real rows."""
    text = f"{title} {' '.join(body)}{footer_text}"
    return hashlib.sha256(text.encode()).digest()[:FINGERPRINT_BYTES]
