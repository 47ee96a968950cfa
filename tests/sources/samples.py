"""Real-world shaped feed documents for tests and the benchmark."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

_TOPICS = (
    "冬季森林防火",
    "秋冬季安全生产",
    "城乡居民医保缴费",
    "人居环境整治",
    "防范电信诈骗",
    "农村饮水安全",
)
BASE_TIME = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def notice_title(feed: int, index: int) -> str:
    topic = _TOPICS[(feed + index) % len(_TOPICS)]
    return f"关于做好{topic}工作的通知（第{feed}-{index}号）"


def rss_feed(
    feed: int,
    items: int = 50,
    *,
    encoding: str = "utf-8",
    declared: str | None = None,
    base_link: str = "http://www.example.gov.cn",
    body_repeat: int = 1,
    extra_title: str = "",
) -> bytes:
    """An RSS 2.0 feed of 通知公告 items, encoded as asked (GBK feeds declare gb2312)."""
    declared = declared or encoding
    parts = [
        f'<?xml version="1.0" encoding="{declared}"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>示范县人民政府{feed}</title><link>{base_link}/</link><description>通知公告</description>"
    ]
    for index in range(items):
        when = BASE_TIME - timedelta(hours=index * 7 + feed)
        body = (
            f"<p>各乡镇（街道）、县直各单位：现将{escape(notice_title(feed, index))}有关事项通知如下。"
            "一、提高认识；二、压实责任；三、加强督查。珺镕堃</p>" * body_repeat
        )
        parts.append(
            f"<item><title>{escape(notice_title(feed, index) + extra_title)}</title>"
            f"<link>{base_link}/art/2026/11/{feed}_{index}.html?utm_source=rss&amp;id={index}</link>"
            f'<guid isPermaLink="false">feed{feed}-item{index}</guid>'
            f"<pubDate>{format_datetime(when)}</pubDate><dc:creator>县政府办公室</dc:creator>"
            f"<description><![CDATA[{body}]]></description></item>"
        )
    parts.append("</channel></rss>")
    text = "".join(parts)
    return text.encode(encoding)


_UNSAFE_BODY = "<p onclick=x>正文<img src=/img/1.png><script>alert(1)</script></p>"


def atom_feed(feed: int, items: int = 5, base_link: str = "http://www.example.gov.cn") -> bytes:
    entries = []
    for index in range(items):
        when = (BASE_TIME - timedelta(hours=index)).isoformat().replace("+00:00", "Z")
        entries.append(
            f"<entry><id>tag:example.gov.cn,2026:{feed}-{index}</id>"
            f'<title type="html">{escape(notice_title(feed, index))} &amp;lt;b&amp;gt;</title>'
            f'<link rel="alternate" href="/news/{index}.html"/>'
            f"<published>{when}</published><updated>{when}</updated>"
            f"<author><name>宣传部</name></author>"
            f'<content type="html">{escape(_UNSAFE_BODY)}'
            f"</content></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>示范县融媒体中心{feed}</title><link href="{base_link}/"/>' + "".join(entries) + "</feed>"
    ).encode()


def json_feed(items: int = 3) -> bytes:
    import json

    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "wewe-rss 示范镇发布",
            "home_page_url": "https://mp.weixin.qq.com/",
            "items": [
                {
                    "id": f"wx-{i}",
                    "url": "https://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ=="
                    f"&mid=26510{i}&idx=1&sn=abc{i}&chksm=zz&scene=21",
                    "title": f"示范镇第{i}期政策解读",
                    "content_html": f"<p>第{i}期内容<script>x()</script></p>",
                    "date_published": "2026-11-03T10:20:00+08:00",
                    "authors": [{"name": "示范镇发布"}],
                }
                for i in range(items)
            ],
        },
        ensure_ascii=False,
    ).encode()


RSS10 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://example.gov.cn/"><title>RSS 1.0 频道</title><link>http://example.gov.cn/</link>
<description>d</description></channel>
<item rdf:about="http://example.gov.cn/a/1"><title>第一条</title><link>http://example.gov.cn/a/1</link>
<dc:date>2026-11-03T10:00:00+08:00</dc:date><description>内容一</description></item>
</rdf:RDF>""".encode()

# Ill-formed: undeclared HTML entity, unclosed tag, bare ampersand. feedparser recovers.
BROKEN_XML = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>不规范的源 &nbsp; AT&T</title>
<item><title>通知&nbsp;一</title><link>http://example.gov.cn/1</link><description><p>未闭合</description></item>
<item><title>通知二 & 三</title><link>http://example.gov.cn/2</link></item>
</channel></rss>""".encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;</title></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title></item></channel></rss>"""

HTML_PAGE_WITH_FEED = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>示范县人民政府</title>
<link rel="alternate" type="application/rss+xml" title="通知公告" href="/rss/tzgg.xml"></head>
<body><h1>首页</h1></body></html>""".encode()

# The shape RSSHub gives a WeChat official account (channel furniture, CDATA, opaque guid).
RSSHUB_WECHAT = """<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel>
<title><![CDATA[示范县发布]]></title><link>https://mp.weixin.qq.com/</link>
<atom:link href="http://127.0.0.1:1200/wechat/mp/x" rel="self" type="application/rss+xml" />
<description><![CDATA[示范县发布 - Made with love by RSSHub]]></description><generator>RSSHub</generator>
<webMaster>contact@rsshub.app (RSSHub)</webMaster><language>zh-cn</language>
<image><url>https://mmbiz.qpic.cn/logo.png</url><title>示范县发布</title><link>https://mp.weixin.qq.com/</link></image>
<lastBuildDate>Wed, 02 Dec 2026 01:00:00 GMT</lastBuildDate><ttl>5</ttl>
<item><title><![CDATA[关于做好冬季森林防火工作的通知]]></title>
<description><![CDATA[<p>各村：请做好防火。<img data-src="https://mmbiz.qpic.cn/a.jpg"></p>]]></description>
<pubDate>Wed, 02 Dec 2026 00:00:00 GMT</pubDate><guid isPermaLink="false">2651_1_abc</guid>
<link>https://mp.weixin.qq.com/s?__biz=MzA3&amp;mid=2651&amp;idx=1&amp;sn=abc</link>
<author><![CDATA[示范县融媒体中心]]></author><category>通知</category></item>
</channel></rss>""".encode()
