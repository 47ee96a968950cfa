"""OPML import/export with folders (nested outlines) preserved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

from cadre_desk.domain.library_messages import in_chinese
from cadre_desk.sources.charset import decode, set_xml_encoding
from cadre_desk.sources.errors import OpmlError
from cadre_desk.sources.feeds import refuse_entities

# Strict: a truncated or broken file is refused with its line, never imported in part.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, recover=False, huge_tree=False
)


_REEXPORT = "请从原来的阅读器重新导出 OPML 文件后再导入。"


@dataclass(frozen=True, slots=True)
class OpmlEntry:
    title: str
    xml_url: str
    html_url: str | None = None
    folder: tuple[str, ...] = ()  # folder path, outermost first
    kind: str = "rss"  # cadre_desk extension attribute (rss | webpage)
    run_by_unit: bool = False  # cadre_desk extension attribute cadreRunByUnit: 本单位运营


_TRUE = ("1", "true", "yes")


def parse_opml(data: bytes) -> list[OpmlEntry]:
    text = decode(data).text.lstrip("\ufeff")
    try:
        refuse_entities(text)
    except Exception as exc:
        raise OpmlError("OPML 文件包含不安全的 XML 实体定义，已拒绝导入。") from exc
    try:
        root = etree.fromstring(set_xml_encoding(text).encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else exc.lineno
        reason = in_chinese(str(exc.msg or exc))
        if not text.strip():
            raise OpmlError("OPML 文件是空的，没有导入任何订阅源。", _REEXPORT) from exc
        raise OpmlError(
            f"OPML 文件第 {line} 行有错误（{reason}），没有导入任何订阅源。",
            "文件可能没有下载或复制完整：请从原来的阅读器重新导出 OPML，"
            f"或用文本编辑器修正第 {line} 行后再导入。",
        ) from exc
    if root is None or root.tag.lower() != "opml":
        raise OpmlError("这不是 OPML 文件（根元素不是 <opml>）。")
    body = root.find("body")
    if body is None:
        raise OpmlError("OPML 文件中没有 <body>，没有可导入的订阅源。")
    entries: list[OpmlEntry] = []

    def walk(node: etree._Element, path: tuple[str, ...]) -> None:
        for outline in node.iterfind("outline"):
            xml_url = (outline.get("xmlUrl") or outline.get("xmlurl") or outline.get("url") or "").strip()
            title = (outline.get("title") or outline.get("text") or "").strip()
            if xml_url:
                entries.append(
                    OpmlEntry(
                        title=title or xml_url,
                        xml_url=xml_url,
                        html_url=(outline.get("htmlUrl") or None),
                        folder=path,
                        kind=outline.get("cadreKind") or "rss",
                        run_by_unit=(outline.get("cadreRunByUnit") or "").strip().lower() in _TRUE,
                    )
                )
                walk(outline, path)
            else:
                walk(outline, (*path, title or "未命名文件夹"))

    walk(body, ())
    return entries


def build_opml(entries: list[OpmlEntry], title: str = "cadre_desk 订阅源") -> bytes:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC), usegmt=True)
    body = etree.SubElement(root, "body")
    folders: dict[tuple[str, ...], etree._Element] = {(): body}

    def folder_node(path: tuple[str, ...]) -> etree._Element:
        if path not in folders:
            parent = folder_node(path[:-1])
            folders[path] = etree.SubElement(parent, "outline", text=path[-1], title=path[-1])
        return folders[path]

    for entry in entries:
        attrs = {"type": "rss", "text": entry.title, "title": entry.title, "xmlUrl": entry.xml_url}
        if entry.html_url:
            attrs["htmlUrl"] = entry.html_url
        if entry.kind != "rss":
            attrs["cadreKind"] = entry.kind
        if entry.run_by_unit:
            attrs["cadreRunByUnit"] = "true"
        etree.SubElement(folder_node(entry.folder), "outline", attrs)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
