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

from cadre_desk.services.demo import texts
from cadre_desk.services.demo.catalogue import COUNTY, TOWNSHIP, VILLAGES
from cadre_desk.services.demo.texts import MD, NO, Topic

MO = "〈MO〉"  # replaced by the item's month number
TITLE_VARIANTS = 10
LEAD_VARIANTS = 10
PARAGRAPH_VARIANTS = 14
COMBOS = 64  # distinct template choices per paragraph count and topic
MAX_PARAGRAPHS = 5


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
            value = rng.choice(VILLAGES)
        elif key == "town":
            value = TOWNSHIP if rng.random() < 0.6 else rng.choice(texts.TOWNS)
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
        elif key == "crop":
            value = rng.choice(texts.CROPS)
        elif key == "docno":
            value = f"清政办发〔{self['year']}〕{rng.randint(5, 98)}号"
        else:
            raise KeyError(key)
        self[key] = value
        return value


def _render(template: str, rng: random.Random, year: int, escape: bool = True) -> str:
    text = template.format_map(SlotFiller(rng, year))
    # Titles are plain text; body paragraphs become HTML, so they are escaped once here.
    return html.escape(text, quote=False) if escape else text


@dataclass
class TopicPool:
    topic: Topic
    titles: list[str]
    leads: list[str]
    paragraphs: list[list[str]]  # per template, its rendered variants
    combos: dict[int, list[tuple[int, ...]]]  # paragraph count -> ordered template picks


def build_pools(rng: random.Random, year: int) -> dict[str, TopicPool]:
    pools: dict[str, TopicPool] = {}
    for topic in texts.TOPICS:
        titles = [_render(t, rng, year, escape=False) for t in topic.titles for _ in range(TITLE_VARIANTS)]
        leads = [_render(t, rng, year) for t in topic.leads for _ in range(LEAD_VARIANTS)]
        paragraphs = [[_render(t, rng, year) for _ in range(PARAGRAPH_VARIANTS)] for t in topic.paragraphs]
        combos = {
            k: [tuple(sorted(rng.sample(range(len(paragraphs)), k))) for _ in range(COMBOS)]
            for k in range(1, min(MAX_PARAGRAPHS, len(paragraphs)) + 1)
        }
        pools[topic.key] = TopicPool(topic, titles, leads, paragraphs, combos)
    return pools


def fill_markers(text: str, md: str, month: str, number: str) -> str:
    if "〈" not in text:
        return text
    return text.replace(MD, md).replace(MO, month).replace(NO, number)


def compose_original(
    pool: TopicPool, rng: random.Random, md: str, month: str, number: str, paragraphs: int
) -> tuple[str, list[str]]:
    """A fresh title and body paragraphs (without the account's footer).

    Hot path: ``rng.random()`` indexing instead of ``choice``/``sample`` (several times faster).
    """
    r = rng.random
    lead = pool.leads[int(r() * len(pool.leads))]
    if "〈" in lead:
        lead = fill_markers(lead, md, month, number)
    if pool.topic.key == "group":
        # A group message has no headline: the list shows its first words.
        title = lead if len(lead) <= 30 else lead[:28] + "…"
        return title, [lead]
    title = pool.titles[int(r() * len(pool.titles))]
    if "〈" in title:
        title = fill_markers(title, md, month, number)
    body = [lead]
    combos = pool.combos.get(paragraphs)
    if not combos:
        return title, body
    templates = pool.paragraphs
    for index in combos[int(r() * len(combos))]:
        variants = templates[index]
        text = variants[int(r() * len(variants))]
        if "〈" in text:
            text = fill_markers(text, md, month, number)
        body.append(text)
    return title, body


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
        reworded = new[i].replace("我县", f"{COUNTY}").replace("各乡镇", "各村（社区）").replace("全县", "全县上下")
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


def summary_of(body: list[str], limit: int) -> str:
    text = " ".join(body)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def content_hash(title: str, body: list[str]) -> str:
    """Same fingerprint as ingest: SHA-256 of the title and plain text, whitespace collapsed."""
    return hashlib.sha256(f"{title} {' '.join(body)}".encode()).hexdigest()
