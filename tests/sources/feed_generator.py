"""Seeded generator of feed documents for the fast-path/feedparser differential test.

Each document mixes the constructs that made the two paths disagree on public corpora:
entities and windows-1252 character references, encodings with and without a declaration, a BOM
or a conflicting header, the dc/content/media/atom namespaces inside RSS (under their usual or
unusual prefixes), base64/escaped/text/xhtml content, ``xml:base``, opaque and relative ids,
``Content-Location``/``Content-Language`` headers, double-encoded UTF-8.
"""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass, field

URL = "http://www.example.gov.cn/rss/tzgg.xml"
_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
    "atom": "http://www.w3.org/2005/Atom",
}
# Text fragments, already written as XML character data.
_TEXTS = (
    "关于做好冬季森林防火工作的通知",
    "城乡居民医保缴费提醒（第3期）",
    "AT&amp;T 与 &lt;b&gt;粗体&lt;/b&gt; 标题",
    "It&#146;s &#147;quoted&#148; &#150; dash",
    "Caf&#233; &#8217;s &#x4E2D;文",
    "raw C1 \u0092 and \u0085 chars",
    "Ã©tÃ© double-encoded",
    "â€¦ cp1252 double-encoded",
    "  \n  多余 空白  \n ",
    "&lt;em&gt;重要&lt;/em&gt;通知 &amp;amp; more",
    "珺镕堃 GBK-only 字",
    "",
)
_BODIES = (
    '&lt;p&gt;请各村&lt;a href="/art/1.html"&gt;查看&lt;/a&gt;&lt;img src="img/2.png"&gt;&lt;/p&gt;',
    "<![CDATA[<p onclick=x>正文<script>alert(1)</script><img src=/img/1.png> &amp; more</p>]]>",
    "纯文本内容，没有标记 &amp; 一个符号",
    "It&#146;s a &#147;body&#148;",
    "<![CDATA[<div>第一段<br>第二段 &#146; ok</div>]]>",
    "Ã©tÃ© body",
    "",
)
_DATES = (
    "Fri, 20 Nov 2026 08:00:00 +0800",
    "Fri, 20 Nov 2026 08:00:00 GMT",
    "Fri, 20 Nov 2026 08:00 +0800",
    "20 Nov 2026 08:00:00 GMT",
    "Mon, 31 Feb 2026 08:00:00 GMT",
    "2026-11-20T08:00:00+08:00",
    "2026-11-20",
    "not a date",
    "",
)
_LINKS = (
    "http://www.example.gov.cn/art/2026/11/1.html",
    "/art/2026/11/2.html",
    "art/3.html?id=4&amp;page=1",
    "https://mp.weixin.qq.com/s/AbCdEf",
    "http:///www.example.gov.cn//bad",
    "http://www.example.gov.cn/a/b;p?q=1&amp;r=2#frag",
    "http://www.example.gov.cn/empty?",
    "HTTP://WWW.Example.gov.cn/b#",
    "http://[broken/x",
    "http://www.example.gov.cn/a/../b/./c",
    "",
)
_IDS = (
    "right",
    "12345",
    "rel/7",
    "http://www.example.gov.cn/a/8",
    "tag:example.gov.cn,2026:9",
    "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a",
    "",
)
_AUTHORS = ("县政府办公室", "office@example.gov.cn (县政府办公室)", "  乡镇 宣传办 ", "")


@dataclass(slots=True)
class Document:
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)
    label: str = ""


def _pick(rng: random.Random, options: tuple[str, ...]) -> str:
    return options[rng.randrange(len(options))]


def _text_element(rng: random.Random, tag: str, value: str, attrs: str = "") -> str:
    if rng.random() < 0.15 and "<![CDATA[" not in value and "&#" not in value:
        value = f"<![CDATA[{value.replace('&lt;', '<').replace('&gt;', '>').replace('&amp;', '&')}]]>"
    return f"<{tag}{attrs}>{value}</{tag}>"


def _prefixes(rng: random.Random) -> dict[str, str]:
    unusual = rng.random() < 0.2
    return {name: (name[0] + "x" if unusual else name) for name in _NS}


def _rss_item(rng: random.Random, p: dict[str, str]) -> str:
    parts: list[str] = []
    roll = rng.random()
    if roll < 0.57:
        parts.append(_text_element(rng, "title", _pick(rng, _TEXTS)))
    elif roll < 0.6:
        parts.append(_text_element(rng, "Title", _pick(rng, _TEXTS)))
    elif roll < 0.75:
        parts.append(_text_element(rng, f"{p['dc']}:title", _pick(rng, _TEXTS)))
    elif roll < 0.85:
        parts.append(_text_element(rng, "title", _pick(rng, _TEXTS)))
        parts.append(_text_element(rng, f"{p['dc']}:title", _pick(rng, _TEXTS)))
    elif roll < 0.92:
        parts.append(_text_element(rng, f"{p['atom']}:title", _pick(rng, _TEXTS), ' type="html"'))
    roll = rng.random()
    if roll < 0.6:
        parts.append(f"<link>{_pick(rng, _LINKS)}</link>")
    elif roll < 0.75:
        rel = rng.choice(("", ' rel="alternate"', ' rel="enclosure"', ' rel="self"'))
        parts.append(f'<{p["atom"]}:link href="{_pick(rng, _LINKS)}"{rel}/>')
    roll = rng.random()
    if roll < 0.7:
        attr = rng.choice(("", "", ' isPermaLink="false"', ' isPermaLink="true"', ' isPermaLink="True"'))
        parts.append(f"<guid{attr}>{_pick(rng, _IDS)}</guid>")
    elif roll < 0.78:
        parts.append(f"<{p['atom']}:id>{_pick(rng, _IDS)}</{p['atom']}:id>")
    roll = rng.random()
    if roll < 0.7:
        base = ' base="http://other.example.gov.cn/x/"' if rng.random() < 0.03 else ""
        parts.append(_text_element(rng, "description", _pick(rng, _BODIES), base))
    elif roll < 0.75:
        parts.append(_text_element(rng, f"{p['dc']}:description", _pick(rng, _BODIES)))
    if rng.random() < 0.3:
        parts.append(_text_element(rng, f"{p['content']}:encoded", _pick(rng, _BODIES)))
    roll = rng.random()
    if roll < 0.5:
        parts.append(f"<pubDate>{_pick(rng, _DATES)}</pubDate>")
    elif roll < 0.65:
        parts.append(f"<{p['dc']}:date>{_pick(rng, _DATES)}</{p['dc']}:date>")
    elif roll < 0.75:
        parts.append(
            f"<pubDate>{_pick(rng, _DATES)}</pubDate><{p['dc']}:date>{_pick(rng, _DATES)}</{p['dc']}:date>"
        )
    elif roll < 0.8:
        parts.append(f"<pubdate>{_pick(rng, _DATES)}</pubdate>")
    roll = rng.random()
    if roll < 0.3:
        parts.append(f"<author>{_pick(rng, _AUTHORS)}</author>")
    elif roll < 0.55:
        parts.append(f"<{p['dc']}:creator>{_pick(rng, _AUTHORS)}</{p['dc']}:creator>")
    elif roll < 0.6:
        parts.append(f"<author>{_pick(rng, _AUTHORS)}</author><{p['dc']}:creator>x</{p['dc']}:creator>")
    roll = rng.random()
    if roll < 0.1:
        parts.append(f'<{p["media"]}:content url="/img/{rng.randrange(9)}.jpg" medium="image"/>')
    elif roll < 0.15:
        parts.append(f"<{p['media']}:title>{_pick(rng, _TEXTS)}</{p['media']}:title>")
    elif roll < 0.2:
        parts.append(f"<{p['media']}:description>{_pick(rng, _BODIES)}</{p['media']}:description>")
    if rng.random() < 0.15:
        parts.append("<category>通知公告</category><comments>/c/1</comments>")
    if rng.random() < 0.05:
        parts.append(f'<enclosure url="/f/{rng.randrange(9)}.pdf" type="application/pdf" length="1"/>')
    rng.shuffle(parts)
    tag = "Item" if rng.random() < 0.02 else "item"
    return f"<{tag}>" + "".join(parts) + f"</{tag}>"


def _rss(rng: random.Random) -> str:
    p = _prefixes(rng)
    declared = [f'xmlns:{p[name]}="{uri}"' for name, uri in _NS.items() if rng.random() < 0.9]
    base = ' xml:base="http://base.example.gov.cn/dir/"' if rng.random() < 0.05 else ""
    head = (
        f'<rss version="2.0" {" ".join(declared)}><channel{base}>'
        + _text_element(rng, "title", _pick(rng, _TEXTS[:5]))
        + f"<link>{_pick(rng, _LINKS)}</link><description>d</description>"
    )
    if rng.random() < 0.3:
        head += f'<{p["atom"]}:link href="{URL}" rel="self" type="application/rss+xml"/>'
    items = "".join(_rss_item(rng, p) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.02:  # items inside a wrapper element: feedparser still finds them
        items = f"<items>{items}</items>"
    return head + items + "</channel></rss>"


def _atom_text(rng: random.Random, tag: str, value: str, body: bool) -> str:
    kind = rng.choice(("", ' type="text"', ' type="html"', ' type="html"', ' type="html"', ' type="text"'))
    if rng.random() < 0.05:
        kind = ' type="xhtml"'
    if body and rng.random() < 0.15:
        raw = value.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        if "<![CDATA[" in raw or "&#" in raw:
            raw = "正文 &#146; 段落"
        encoded = base64.b64encode(raw.encode()).decode()
        kind = rng.choice((' type="text/html" mode="base64"', ' type="application/octet-stream"'))
        return f"<{tag}{kind}>{encoded}</{tag}>"
    if kind == ' type="xhtml"':
        xhtml = '<div xmlns="http://www.w3.org/1999/xhtml"><p>段落 <b>x</b></p></div>'
        return f'<{tag} type="xhtml">{xhtml}</{tag}>'
    return _text_element(rng, tag, value, kind)


def _atom_entry(rng: random.Random) -> str:
    parts: list[str] = []
    if rng.random() < 0.9:
        parts.append(_atom_text(rng, "title", _pick(rng, _TEXTS), body=False))
    if rng.random() < 0.85:
        parts.append(f"<id>{_pick(rng, _IDS)}</id>")
    roll = rng.random()
    if roll < 0.6:
        parts.append(f'<link href="{_pick(rng, _LINKS)}"/>')
    elif roll < 0.7:
        parts.append(f'<link rel="alternate" type="application/pdf" href="{_pick(rng, _LINKS)}"/>')
    elif roll < 0.8:
        parts.append(
            f'<link rel="enclosure" href="/f.pdf"/><link rel="alternate" href="{_pick(rng, _LINKS)}"/>'
        )
    if rng.random() < 0.6:
        parts.append(f"<published>{_pick(rng, _DATES)}</published>")
    if rng.random() < 0.6:
        parts.append(f"<updated>{_pick(rng, _DATES)}</updated>")
    roll = rng.random()
    if roll < 0.4:
        parts.append(f"<author><name>{_pick(rng, _AUTHORS)}</name></author>")
    elif roll < 0.5:
        parts.append("<author><name>宣传办</name><email>xc@example.gov.cn</email></author>")
    roll = rng.random()
    if roll < 0.55:
        parts.append(_atom_text(rng, "content", _pick(rng, _BODIES), body=True))
    elif roll < 0.62:
        parts.append('<content src="http://www.example.gov.cn/full/1.html" type="text/html"/>')
    if rng.random() < 0.4:
        parts.append(_atom_text(rng, "summary", _pick(rng, _BODIES), body=True))
    rng.shuffle(parts)
    base = ' xml:base="/atom/entries/"' if rng.random() < 0.03 else ""
    return f"<entry{base}>" + "".join(parts) + "</entry>"


def _atom(rng: random.Random) -> str:
    base = ' xml:base="http://base.example.gov.cn/dir/"' if rng.random() < 0.05 else ""
    entries = "".join(_atom_entry(rng) for _ in range(rng.randint(1, 3)))
    return (
        f'<feed xmlns="http://www.w3.org/2005/Atom"{base}>'
        + _atom_text(rng, "title", _pick(rng, _TEXTS[:5]), body=False)
        + f'<link rel="alternate" href="{_pick(rng, _LINKS)}"/><link rel="self" href="{URL}"/>'
        + "<id>tag:example.gov.cn,2026:feed</id><updated>2026-11-20T08:00:00Z</updated>"
        + entries
        + "</feed>"
    )


def _rss10(rng: random.Random) -> str:
    items = "".join(
        f'<item rdf:about="http://www.example.gov.cn/a/{i}"><title>{_pick(rng, _TEXTS)}</title>'
        f"<link>{_pick(rng, _LINKS)}</link><dc:date>{_pick(rng, _DATES)}</dc:date></item>"
        for i in range(rng.randint(1, 3))
    )
    return (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="{URL}"><title>RSS 1.0</title>'
        f"<link>http://www.example.gov.cn/</link><description>d</description></channel>{items}</rdf:RDF>"
    )


_ENCODINGS = (
    ("utf-8", "utf-8"),
    ("utf-8", "utf-8"),
    ("utf-8", "utf-8"),
    ("gb18030", "gb2312"),
    ("gb18030", "gbk"),
    ("windows-1252", "windows-1252"),
    ("utf-16-le", "utf-16"),
    ("utf-16-be", "utf-16"),
    ("utf-32-le", "utf-32"),
    ("utf-32-be", "utf-32"),
)
_BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
_BOMS.update({"utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"})


def _encode(rng: random.Random, body: str) -> tuple[bytes, dict[str, str], str]:
    codec, name = _ENCODINGS[rng.randrange(len(_ENCODINGS))]
    roll = rng.random()
    declared: str | None = name
    if roll < 0.2:
        declared = None
    elif roll < 0.27:
        declared = "x-bogus-charset"
    elif roll < 0.33:
        declared = "gb2312" if codec == "utf-8" else "utf-8"
    declaration = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else ""
    if not declared and rng.random() < 0.5:
        declaration = '<?xml version="1.0"?>\n'
    if rng.random() < 0.05:
        declaration += '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "rss-0.91.dtd">\n'
    if rng.random() < 0.03:
        declaration += '<!DOCTYPE rss [<!ENTITY brand "示范县">]>\n'
    data = (declaration + body).encode(codec, errors="xmlcharrefreplace")
    if codec in _BOMS and rng.random() < 0.4:
        data = _BOMS[codec] + data
    headers: dict[str, str] = {}
    roll = rng.random()
    if roll < 0.25:
        headers["content-type"] = "application/rss+xml"
    elif roll < 0.4:
        headers["content-type"] = f"application/xml; charset={name}"
    elif roll < 0.5:
        headers["content-type"] = "text/xml; charset=" + ("gbk" if codec == "utf-8" else "utf-8")
    elif roll < 0.57:
        headers["content-type"] = "text/plain"
    elif roll < 0.62:
        headers["content-type"] = "text/html; charset=utf-8"
    roll = rng.random()
    if roll < 0.1:
        headers["content-location"] = "http://mirror.example.gov.cn/feeds/all.xml"
    elif roll < 0.18:
        headers["content-location"] = "/other/feed.xml"
    if rng.random() < 0.1:
        headers["content-language"] = "zh-CN"
    return data, headers, f"{codec} declared={declared} headers={headers}"


def generate(count: int, seed: int = 13) -> list[Document]:
    rng = random.Random(seed)
    documents: list[Document] = []
    for number in range(count):
        roll = rng.random()
        if roll < 0.55:
            kind, body = "rss", _rss(rng)
        elif roll < 0.93:
            kind, body = "atom", _atom(rng)
        else:
            kind, body = "rss10", _rss10(rng)
        data, headers, encoding = _encode(rng, body)
        if rng.random() < 0.02:  # ill-formed: an undeclared HTML entity
            data = data.replace(b"<description>d</description>", b"<description>&nbsp;d</description>")
        documents.append(Document(data, headers, f"#{number} {kind} {encoding}"))
    return documents
