"""Turning bytes into text when the HTTP header, the XML declaration and ``<meta>`` disagree.

Rules, in order:

1. A byte-order mark wins (UTF-8/16/32), and BOM-less UTF-16/UTF-32 is recognised by the zero
   bytes around the first ``<`` (XML 1.0 Appendix F).
2. Bytes that are valid UTF-8 and contain non-ASCII are UTF-8: UTF-8 validity is self-checking,
   while Chinese servers often send a wrong header (nginx ``charset utf-8`` on GBK files) or a
   stale ``encoding="gb2312"`` after converting files to UTF-8.
3. Otherwise the declared charsets in order header → XML declaration → ``<meta>`` are tried
   strictly, then GB18030 (the superset of GB2312/GBK, what "gb2312" pages really contain),
   then windows-1252; the first that decodes without error wins.
4. If none decodes cleanly, the best guess is decoded with U+FFFD replacements: never a failure.

``gb2312``/``gbk``/``x-gbk`` map to ``gb18030``, ``big5`` to ``big5hkscs`` and the Latin-1 family
to ``windows-1252`` as browsers (WHATWG Encoding) do.

``Decoded.mislabelled`` says, in plain Chinese, when the declarations were unknown, missing or
wrong (the text was still read, but a reader should know the document needed recovery).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_ALIASES = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "iso-8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
}
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.I)
_XML_DECL_TEXT = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])([A-Za-z0-9._:-]+)(["'])""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
_NON_ASCII = bytes(range(128, 256))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec used
    declared: str | None  # what the document or header said, normalised
    replaced: bool  # some bytes could not be decoded and became U+FFFD
    mislabelled: str | None = None  # why the declared encoding was not (or could not be) used


def normalise(name: str | None) -> str | None:
    """The codec Python should use for a declared charset name, or None if unknown."""
    if not name:
        return None
    lowered = name.strip().strip("\"'").lower()
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    try:
        codec = codecs.lookup(lowered).name
    except LookupError:
        return None
    return _ALIASES.get(codec, codec)


def header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def declared_charsets(data: bytes, content_type: str | None = None) -> list[str]:
    """Declared encodings in priority order: header, XML declaration, ``<meta>``."""
    head = data[:2048]
    found: list[str | None] = [header_charset(content_type)]
    xml = _XML_DECL.match(head)
    found.append(xml.group(1).decode("ascii") if xml else None)
    meta = _META_CHARSET.search(head)
    found.append(meta.group(1).decode("ascii") if meta else None)
    result: list[str] = []
    for name in found:
        codec = normalise(name)
        if codec and codec not in result:
            result.append(codec)
    return result


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    head = data[:4]
    if head == b"<\x00\x00\x00":
        return "utf-32-le", 0
    if head == b"\x00\x00\x00<":
        return "utf-32-be", 0
    if len(head) == 4 and head[0] == 0x3C and head[1] == 0 and head[2] != 0 and head[3] == 0:
        return "utf-16-le", 0
    if len(head) == 4 and head[0] == 0 and head[1] == 0x3C and head[2] == 0 and head[3] != 0:
        return "utf-16-be", 0
    return None


def decode(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode a document following the rules in the module docstring. Never raises."""
    decoded = _decode(data, declared_charsets(data, content_type))
    problem = _mislabel(decoded, unknown_declared(data, content_type))
    if problem is None:
        return decoded
    return Decoded(decoded.text, decoded.encoding, decoded.declared, decoded.replaced, problem)


def _decode(data: bytes, declared: list[str]) -> Decoded:
    first_declared = declared[0] if declared else None
    bom = _bom(data)
    if bom is not None:
        codec, skip = bom
        text = data[skip:].decode(codec, errors="replace")
        return Decoded(text, codec, first_declared, "\ufffd" in text)
    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii", first_declared, False)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", first_declared, False)
    except UnicodeDecodeError:
        pass
    if not declared or declared[0] == "utf-8":
        as_utf8 = data.decode("utf-8", errors="replace")
        if _mostly_valid(as_utf8, data):
            return Decoded(as_utf8, "utf-8", first_declared, True)  # UTF-8 with a few damaged bytes
    candidates = [c for c in declared if not c.startswith(("utf-8", "utf-16", "utf-32"))]
    if not candidates:
        candidates = ["gb18030", "windows-1252"]
    for codec in candidates:
        try:
            return Decoded(data.decode(codec), codec, first_declared, False)
        except (UnicodeDecodeError, LookupError):
            continue
    best = candidates[0]
    return Decoded(data.decode(best, errors="replace"), best, first_declared, True)


def unknown_declared(data: bytes, content_type: str | None = None) -> str | None:
    """The first declared charset name (header, XML declaration) that no codec knows."""
    xml = _XML_DECL.match(data[:2048])
    for name in (header_charset(content_type), xml.group(1).decode("ascii") if xml else None):
        if name and normalise(name) is None:
            return name
    return None


def _family(codec: str) -> str:
    for wide in ("utf-16", "utf-32"):
        if codec.startswith(wide):
            return wide
    return codec


def _mislabel(decoded: Decoded, unknown: str | None) -> str | None:
    used = decoded.encoding
    label = used.upper()
    if unknown is not None:
        return f"声明的编码“{unknown}”无法识别，已按 {label} 读取"
    declared = decoded.declared
    if declared is None:
        if used in ("ascii", "utf-8") or used.startswith(("utf-16", "utf-32")):
            return None
        return f"没有声明编码，已按 {label} 读取"
    if _family(declared) == _family(used):
        return None
    if used == "ascii" and not declared.startswith(("utf-16", "utf-32")):
        return None  # plain ASCII reads the same in any ASCII-compatible encoding
    return f"声明的编码是 {declared.upper()}，实际内容是 {label}，已按 {label} 读取"


def _mostly_valid(text: str, data: bytes) -> bool:
    """At most ~2 % of the non-ASCII characters are replacements: damaged UTF-8, not GBK."""
    non_ascii_bytes = len(data) - len(data.translate(None, _NON_ASCII))
    return non_ascii_bytes > 0 and text.count("\ufffd") * 50 * 3 <= non_ascii_bytes


def utf8_as_declared(data: bytes, decoded: Decoded) -> bool:
    """True if the bytes are already what ``set_xml_encoding(text).encode()`` would give: clean
    UTF-8 (or ASCII) without a BOM whose XML declaration, if any, says UTF-8."""
    if decoded.encoding not in ("utf-8", "ascii") or decoded.replaced or data.startswith(codecs.BOM_UTF8):
        return False
    xml = _XML_DECL.match(data[:2048])
    return xml is None or xml.group(1).lower() in (b"utf-8", b"utf8")


def set_xml_encoding(text: str, encoding: str = "utf-8") -> str:
    """Rewrite the XML declaration's encoding after decoding, so parsers see the truth."""
    return _XML_DECL_TEXT.sub(lambda m: f"{m.group(1)}{encoding}{m.group(3)}", text, count=1)
