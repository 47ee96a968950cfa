from __future__ import annotations

import base64
import time
from datetime import UTC, datetime

import pytest

from cadre_desk.sources.errors import NotAFeedError, UnsafeContentError
from cadre_desk.sources.feeds import discover_feed_links, parse_feed
from tests.sources import samples

URL = "http://www.example.gov.cn/rss/tzgg.xml"


def test_rss20_fast_path_reads_items() -> None:
    feed = parse_feed(samples.rss_feed(1, 10), url=URL)
    assert feed.format == "rss20"
    assert feed.title == "示范县人民政府1"
    assert len(feed.items) == 10
    first = feed.items[0]
    assert first.guid == "feed1-item0"
    assert first.title == samples.notice_title(1, 0)
    assert first.url and first.url.startswith("http://www.example.gov.cn/art/2026/11/1_0.html")
    assert first.author == "县政府办公室"
    assert first.published_at == datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
    assert "提高认识" in first.text and "珺镕堃" in first.text


def test_gbk_feed_declared_gb2312_is_read_correctly() -> None:
    data = samples.rss_feed(2, 5, encoding="gbk", declared="gb2312")
    feed = parse_feed(data, url=URL, content_type="text/xml")
    assert feed.items[0].title == samples.notice_title(2, 0)
    assert "珺镕堃" in feed.items[0].text  # GBK-only characters survive
    assert feed.bozo is None


@pytest.mark.parametrize(
    "document",
    [
        samples.rss_feed(3, 8),
        samples.rss_feed(4, 3, encoding="gbk", declared="gb2312"),
        samples.atom_feed(5, 4),
    ],
)
def test_fast_path_agrees_with_feedparser(document: bytes) -> None:
    fast = parse_feed(document, url=URL)
    assert not fast.format.startswith("feedparser")
    slow = parse_feed(document, url=URL, fast=False)
    assert slow.format.startswith("feedparser")
    assert [i.guid for i in fast.items] == [i.guid for i in slow.items]
    assert [i.title for i in fast.items] == [i.title for i in slow.items]
    assert [i.url for i in fast.items] == [i.url for i in slow.items]
    assert [i.published_at for i in fast.items] == [i.published_at for i in slow.items]
    assert [i.author for i in fast.items] == [i.author for i in slow.items]
    assert [i.text for i in fast.items] == [i.text for i in slow.items]


def test_atom_sanitized_and_relative_links_resolved() -> None:
    feed = parse_feed(samples.atom_feed(6, 2), url=URL)
    item = feed.items[0]
    assert item.url == "http://www.example.gov.cn/news/0.html"
    assert item.content_html is not None
    assert "<script" not in item.content_html and "onclick" not in item.content_html
    assert 'src="http://www.example.gov.cn/img/1.png"' in item.content_html
    assert item.title.endswith("<b>")  # escaped markup in an html title is text


def test_json_feed() -> None:
    feed = parse_feed(
        samples.json_feed(2), url="http://127.0.0.1:4000/feeds/all.json", content_type="application/json"
    )
    assert feed.format == "json"
    assert feed.items[0].author == "示范镇发布"
    assert feed.items[0].published_at == datetime(2026, 11, 3, 2, 20, tzinfo=UTC)
    assert feed.items[0].content_html == "<p>第0期内容</p>"


def test_rss10_goes_through_feedparser() -> None:
    feed = parse_feed(samples.RSS10, url=URL)
    assert feed.format.startswith("feedparser:rss10")
    assert feed.items[0].title == "第一条"
    assert feed.items[0].published_at == datetime(2026, 11, 3, 2, 0, tzinfo=UTC)


def test_ill_formed_xml_is_recovered_and_flagged() -> None:
    feed = parse_feed(samples.BROKEN_XML, url=URL)
    assert feed.format.startswith("feedparser")
    assert [i.title for i in feed.items][:1] == ["通知 一"]
    assert len(feed.items) == 2
    assert feed.bozo


def test_entity_bomb_refused_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(UnsafeContentError) as caught:
        parse_feed(samples.BILLION_LAUGHS, url=URL)
    assert time.monotonic() - started < 1
    assert "实体" in caught.value.user_message


def test_external_entity_refused() -> None:
    with pytest.raises(UnsafeContentError):
        parse_feed(samples.EXTERNAL_ENTITY, url=URL)


def test_html_page_is_not_a_feed_but_discovery_finds_one() -> None:
    with pytest.raises(NotAFeedError) as caught:
        parse_feed(samples.HTML_PAGE_WITH_FEED, url="http://www.example.gov.cn/index.html")
    assert "http://www.example.gov.cn/rss/tzgg.xml" in caught.value.user_message
    assert discover_feed_links(samples.HTML_PAGE_WITH_FEED.decode(), "http://www.example.gov.cn/") == [
        "http://www.example.gov.cn/rss/tzgg.xml"
    ]


def test_garbage_is_not_a_feed() -> None:
    with pytest.raises(NotAFeedError):
        parse_feed(b"\x00\x01binary junk \xff", url=URL)


def test_relative_content_without_http_base_uses_feedparser_path() -> None:
    doc = samples.rss_feed(7, 1).replace(b"<![CDATA[", b"<![CDATA[<a href='x.html'>x</a>")
    feed = parse_feed(doc, url="file:///tmp/feed.xml")
    assert feed.format.startswith("feedparser")


def test_missing_guid_falls_back_to_link_then_hash() -> None:
    doc = b"""<rss version="2.0"><channel><title>t</title>
    <item><title>A</title><link>http://e.gov.cn/a</link></item><item><title>B</title><description>b</description></item>
    </channel></rss>"""
    feed = parse_feed(doc, url=URL)
    assert feed.items[0].guid == "http://e.gov.cn/a"
    assert feed.items[1].guid.startswith("sha1:")


def test_entity_declaration_after_70_kb_of_comment_is_refused() -> None:
    # The pre-check used to look for the DOCTYPE in the first 64 KB only.
    padding = "<!--" + "x" * 70_000 + "-->\n"
    document = samples.BILLION_LAUGHS.decode().replace("<!DOCTYPE", padding + "<!DOCTYPE", 1)
    assert document.index("<!DOCTYPE") > 65_536
    for fast in (True, False):
        with pytest.raises(UnsafeContentError):
            parse_feed(document.encode(), url=URL, fast=fast)


def _rss_item(inner: str, namespaces: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" {namespaces}><channel><title>t</title>'
        f"<item>{inner}</item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("fast", [True, False])
def test_windows_1252_references_dc_fields_and_content_location(fast: bool) -> None:
    document = _rss_item(
        "<dc:title>It&#146;s &#147;ok&#148;</dc:title><dc:creator>宣传办</dc:creator><link>a/1.html</link>"
        "<dc:date>2026-11-20T08:00:00+08:00</dc:date>",
        'xmlns:dc="http://purl.org/dc/elements/1.1/"',
    )
    headers = {"content-location": "http://mirror.example.gov.cn/feeds/all.xml", "content-language": "zh-CN"}
    feed = parse_feed(document, url=URL, headers=headers, fast=fast)
    item = feed.items[0]
    assert feed.format.startswith("feedparser") is not fast
    assert item.title == "It’s “ok”"
    assert item.author == "宣传办"
    assert item.url == "http://mirror.example.gov.cn/feeds/a/1.html"
    assert item.published_at == datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
    assert feed.bozo is None


@pytest.mark.parametrize("fast", [True, False])
def test_base64_atom_content_is_decoded(fast: bool) -> None:
    encoded = base64.b64encode("<p>正文</p>".encode()).decode()
    document = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>tag:x,2026:1</id>'
        f'<title>a</title><content type="text/html" mode="base64">{encoded}</content></entry></feed>'
    ).encode()
    item = parse_feed(document, url=URL, fast=fast).items[0]
    assert (item.content_html, item.text) == ("<p>正文</p>", "正文")


def test_utf32_without_bom_is_read() -> None:
    text = '<?xml version="1.0" encoding="utf-32"?>' + _rss_item("<title>通知</title>").decode()[38:]
    for codec in ("utf-32-le", "utf-32-be"):
        feed = parse_feed(text.encode(codec), url=URL)
        assert feed.items[0].title == "通知"
        assert feed.bozo is None


@pytest.mark.parametrize(
    ("data", "headers", "reason"),
    [
        (_rss_item("<title>通知</title>").replace(b"utf-8", b"x-bogus"), {}, "x-bogus"),
        (_rss_item("<title>通知</title>"), {"content-type": "text/plain"}, "text/plain"),
        (_rss_item("<title>caf\u00c3\u00a9 \u00e2\u20ac\u00a6</title>"), {}, "重复编码"),
        (
            _rss_item("<title>通知公告栏目</title>").replace(b"utf-8", b"gbk").decode().encode("gbk"),
            {"content-type": "application/rss+xml; charset=utf-8"},
            "GB18030",
        ),
    ],
)
def test_recovered_documents_are_flagged_with_the_reason(
    data: bytes, headers: dict[str, str], reason: str
) -> None:
    for fast in (True, False):
        feed = parse_feed(data, url=URL, headers=headers, fast=fast)
        assert feed.items
        assert feed.bozo is not None and reason in feed.bozo
