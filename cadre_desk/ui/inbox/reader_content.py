"""An article body made ready for the reader pane, off the GUI thread (no Qt here).

Qt's text layout freezes on many images (1,000 ``<img>`` ~9 s, 2,000 ~70 s, even with every
load refused) and parses a multi-megabyte document in one go on the GUI thread. So the body
is sanitized, its images become short text placeholders (at most ``image_cap`` of them; a
link then offers to show all), and it is cut into chunks of whole blocks that the reader
appends a few at a time between events.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import lxml.html
import nh3
from lxml import etree

CHUNK_CHARS = 8_000
DEFAULT_IMAGE_CAP = 30
_CONTAINERS = frozenset({"div", "section", "article", "main", "span", "font", "center", "body"})
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"}
    | {"pre", "hr", "dl", "figure", "center", "main"}
)


# 公众号 posts are nested <section>s, which the sanitizer drops: their paragraphs and images
# then ran together into one block (Qt lays that out in quadratic time). As <div>s they stay.
_SECTION = re.compile(r"<(/?)section\b", re.IGNORECASE)


@dataclass(frozen=True)
class PreparedBody:
    chunks: tuple[str, ...]
    images: int  # images in the article
    placeholders: int  # of those, shown as placeholders

    @property
    def images_hidden(self) -> int:
        return self.images - self.placeholders


def prepare_body(
    content_html: str | None,
    summary: str | None,
    *,
    image_label: str = "图片",
    image_cap: int | None = DEFAULT_IMAGE_CAP,
    chunk_chars: int = CHUNK_CHARS,
) -> PreparedBody:
    """Sanitized body chunks; ``image_cap=None`` keeps a placeholder for every image."""
    if not content_html:
        return PreparedBody((html.escape(summary or ""),), 0, 0)
    cleaned = nh3.clean(_SECTION.sub(r"<\1div", content_html))
    if "<" not in cleaned:
        return PreparedBody(_split_text(cleaned, chunk_chars), 0, 0)
    root = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    images = root.xpath(".//img")
    shown = len(images) if image_cap is None else min(image_cap, len(images))
    for number, image in enumerate(images, start=1):  # (nh3 already dropped data: sources)
        _replace_image(image, number, image_label, keep=number <= shown)
    blocks: list[str] = []
    _flatten(root, blocks)
    return PreparedBody(tuple(_pack(blocks, chunk_chars)), len(images), shown)


def _replace_image(image: etree._Element, number: int, label: str, keep: bool) -> None:
    """An image becomes ``[图片 n]`` (a link to its address, opened only on click) or nothing."""
    parent = image.getparent()
    if parent is None:
        return
    if not keep:  # past the cap: a line break keeps the text around it apart, as the image did
        line_break = etree.Element("br")
        line_break.tail = image.tail
        parent.replace(image, line_break)
        return
    source = image.get("src") or image.get("data-src") or ""
    text = f"[{label} {number}]" + (f" {image.get('alt')}" if image.get("alt") else "")
    if source.startswith(("http://", "https://")):
        placeholder = etree.Element("a", href=source)
    else:
        placeholder = etree.Element("span")
    placeholder.set("class", "image")
    placeholder.text = text
    placeholder.tail = image.tail
    parent.replace(image, placeholder)


def _flatten(container: etree._Element, out: list[str]) -> None:
    """Whole blocks in document order: containers that hold blocks (a 公众号 post is one big
    ``<section>``) are opened, so no chunk cuts through an element."""
    if container.text and container.text.strip():
        out.append(f"<p>{html.escape(container.text)}</p>")
    while (child := _first_child(container)) is not None:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _CONTAINERS and any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in child):
            _flatten(child, out)
        elif tag:
            written = lxml.html.tostring(child, encoding="unicode", with_tail=False)
            # an image placeholder starts a line of its own, as the image did in the post
            out.append(f"<p>{written}</p>" if child.get("class") == "image" else written)
        if child.tail and child.tail.strip():
            out.append(f"<p>{html.escape(child.tail)}</p>")
        # Free each block as soon as it is written (its last reference is ``child``): freeing
        # a multi-megabyte tree at once holds the GIL for ~100 ms, and the GUI thread waits.
        container.remove(child)


def _first_child(element: etree._Element) -> etree._Element | None:
    """The first child, in O(1) (``len()`` of an lxml element walks all its children)."""
    try:
        return element[0]
    except IndexError:
        return None


def _pack(blocks: list[str], chunk_chars: int) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for block in blocks:
        if current and size + len(block) > chunk_chars:
            chunks.append("".join(current))
            current, size = [], 0
        current.append(block)
        size += len(block)
    if current or not chunks:
        chunks.append("".join(current))
    return chunks


def _split_text(text: str, chunk_chars: int) -> tuple[str, ...]:
    return tuple(text[start : start + chunk_chars] for start in range(0, len(text), chunk_chars)) or ("",)
