from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.urls import canonical_url, canonical_wechat_url, wechat_identity
from cadre_desk.services.sources import NewSource
from cadre_desk.sources import bridges
from cadre_desk.sources.capture import parse_wechat_page, split_paste
from cadre_desk.sources.errors import OpmlError, SourceError
from cadre_desk.sources.opml import OpmlEntry, build_opml, parse_opml
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Folder, Item, Source
from tests.sources.feedserver import FeedServer, Route
from tests.sources.helpers import services_for

WX = (
    "https://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ==&mid=2651234567&idx=2&sn=0f1e2d3c4b5a"
    "&chksm=84b1c2d3e4f5&scene=21&sessionid=1700000000&key=abc&ascene=1&uin=MTIz&devicetype=Windows#rd"
)
WX_CANONICAL = "https://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ==&mid=2651234567&idx=2&sn=0f1e2d3c4b5a"

WECHAT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="og 标题" /></head><body>
<h1 class="rich_media_title" id="activity-name">示范镇关于开展冬季征兵工作的通告</h1>
<a id="js_name">示范镇发布</a>
<div class="rich_media_content" id="js_content"><p>根据上级部署……</p>
<img data-src="https://mmbiz.qpic.cn/a.jpg"><script>report()</script></div>
<script>var nickname = htmlDecode("示范镇发布");
var msg_title = '示范镇关于开展冬季征兵工作的通告'.html(false);
var ct = "1763614800";</script></body></html>"""


def test_wechat_canonicalization() -> None:
    assert canonical_wechat_url(WX) == WX_CANONICAL
    assert canonical_url(WX) == WX_CANONICAL
    same = "http://mp.weixin.qq.com/s?sn=0f1e2d3c4b5a&idx=2&mid=2651234567&__biz=MzA3MDM3NjE5NQ==&scene=126"
    assert canonical_wechat_url(same) == WX_CANONICAL
    assert canonical_wechat_url(WX.replace("&", "&amp;")) == WX_CANONICAL  # copied from HTML source
    assert wechat_identity(WX) == ("MzA3MDM3NjE5NQ==", "2651234567", "2", "0f1e2d3c4b5a")
    assert canonical_wechat_url("https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp?from=timeline") == (
        "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp"
    )
    assert canonical_wechat_url("https://example.gov.cn/s?__biz=1") is None


def test_split_paste_links_with_hints_and_plain_text() -> None:
    pasted = f"【转发】示范镇冬季征兵通告 {WX}\n同一篇：{WX.replace('scene=21', 'scene=126')}\nhttps://www.example.gov.cn/a.html"
    entries = split_paste(pasted)
    assert [e.canonical for e in entries] == [WX_CANONICAL, "https://www.example.gov.cn/a.html"]
    assert entries[0].hint == "【转发】示范镇冬季征兵通告"
    text_only = split_paste("各位村干部：\n今晚8点前在群里接龙报送防火巡查情况。")
    assert len(text_only) == 1 and text_only[0].url is None


def test_parse_wechat_page() -> None:
    page = parse_wechat_page(WECHAT_PAGE.encode(), WX_CANONICAL)
    assert page.title == "示范镇关于开展冬季征兵工作的通告"
    assert page.account == "示范镇发布"
    assert page.published_at is not None and page.published_at.timestamp() == 1763614800
    assert page.content_html and "<script" not in page.content_html
    assert 'src="https://mmbiz.qpic.cn/a.jpg"' in page.content_html


def test_capture_offline_then_same_link_is_not_stored_twice(db: Database) -> None:
    services = services_for(db)
    sid = services.sources.add(
        NewSource(kind="manual", name="示范镇发布（公众号）", platform="wechat_account")
    ).id
    first = services.sources.capture(sid, f"示范镇冬季征兵通告 {WX}", online=False)
    again = services.sources.capture(sid, WX.replace("scene=21", "scene=999"), online=False)
    text = services.sources.capture(sid, "今晚8点前在群里接龙报送防火巡查情况。", online=False)
    assert (first.new_items, again.new_items, text.new_items) == (1, 0, 1)
    with db.session() as session:
        rows = session.scalars(select(Item).where(Item.source_id == sid).order_by(Item.title)).all()
    urls = {row.link for row in rows}
    assert WX_CANONICAL in urls
    assert {row.title for row in rows} == {"示范镇冬季征兵通告", "今晚8点前在群里接龙报送防火巡查情况。"}


def test_capture_online_reads_the_page_and_offline_link_still_works(
    db: Database, feed_server: FeedServer
) -> None:
    feed_server.routes["/s/wx1"] = Route(body=WECHAT_PAGE.encode(), content_type="text/html")
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="示范镇发布")).id
    unreachable = "http://127.0.0.1:9/s/offline-article"
    report = services.sources.capture(sid, f"{feed_server.url('/s/wx1')}\n离线的一篇 {unreachable}")
    assert report.new_items == 2
    with db.session() as session:
        rows = {row.link: row for row in session.scalars(select(Item).where(Item.source_id == sid))}
    online = rows[feed_server.url("/s/wx1")]
    assert online.title == "示范镇关于开展冬季征兵工作的通告" and online.author == "示范镇发布"
    assert rows[unreachable].title == "离线的一篇"


def test_capture_nothing_recognised(db: Database) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="工作群")).id
    with pytest.raises(CadreError, match="没有识别到"):
        services.sources.capture(sid, "   \n  ")


def test_opml_round_trip_with_folders(db: Database, tmp_path: Path) -> None:
    entries = [
        OpmlEntry("示范县人民政府", "http://www.example.gov.cn/rss.xml", folder=("县级", "政府")),
        OpmlEntry("示范镇发布", "http://127.0.0.1:4000/feeds/MP_WXS_1.rss", folder=("乡镇",)),
        OpmlEntry("通知公告", "http://www.example.gov.cn/tzgg/", kind="webpage", folder=("县级", "政府")),
        OpmlEntry("未分组", "http://example.org/feed"),
    ]
    data = build_opml(entries)
    assert sorted(parse_opml(data), key=lambda e: e.xml_url) == sorted(entries, key=lambda e: e.xml_url)
    services = services_for(db)
    report = services.sources.import_opml(data)
    assert (report.added, report.folders_created) == (4, 3)
    again = services.sources.import_opml(data)
    assert again.added == 0 and again.skipped_existing == 4
    exported = parse_opml(services.sources.export_opml())
    assert sorted(exported, key=lambda e: e.xml_url) == sorted(entries, key=lambda e: e.xml_url)
    with db.session() as session:
        assert {f.name for f in session.scalars(select(Folder))} == {"县级", "政府", "乡镇"}
        kinds = {s.url: s.kind for s in session.scalars(select(Source))}
    assert kinds["http://www.example.gov.cn/tzgg/"] == "webpage"


def test_opml_import_of_1000_sources_reports_progress(db: Database) -> None:
    entries = [
        OpmlEntry(f"源{i}", f"http://127.0.0.1/{i}.xml", folder=(f"文件夹{i % 7}",)) for i in range(1000)
    ]
    steps: list[tuple[int, int]] = []
    report = services_for(db).sources.import_opml(
        build_opml(entries), progress=lambda d, t: steps.append((d, t))
    )
    assert report.added == 1000 and steps[-1] == (1000, 1000) and len(steps) >= 20


def test_opml_from_other_readers_and_bad_files() -> None:
    other = b"""<?xml version="1.0" encoding="UTF-8"?><opml version="1.0"><head><title>F</title></head><body>
    <outline text="Gov"><outline text="A" type="rss" xmlUrl="http://a.gov.cn/rss" htmlUrl="http://a.gov.cn/"/></outline>
    </body></opml>"""
    assert parse_opml(other) == [OpmlEntry("A", "http://a.gov.cn/rss", "http://a.gov.cn/", ("Gov",))]
    with pytest.raises(OpmlError):
        parse_opml(b"<html><body>not opml</body></html>")
    with pytest.raises(OpmlError):
        parse_opml(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>')


def test_bridge_presets() -> None:
    assert bridges.feed_url("rsshub", "https://rsshub.example.cn/", "mp/msgalbum/MzA3/1439") == (
        "https://rsshub.example.cn/wechat/mp/msgalbum/MzA3/1439"
    )
    assert (
        bridges.feed_url("rsshub", "https://r.cn", "wechat/ce/595a", "atom")
        == "https://r.cn/wechat/ce/595a?format=atom"
    )
    assert bridges.feed_url("wewe-rss", "http://10.0.0.5:4000", "MP_WXS_123", "json") == (
        "http://10.0.0.5:4000/feeds/MP_WXS_123.json"
    )
    assert (
        bridges.feed_url("wewe-rss", "http://10.0.0.5:4000", "all", "atom")
        == "http://10.0.0.5:4000/feeds/all.atom"
    )
    assert (
        bridges.feed_url("we-mp-rss", "http://10.0.0.5:8001/", "MP_WXS_9")
        == "http://10.0.0.5:8001/rss/MP_WXS_9"
    )
    assert bridges.detect_bridge("http://10.0.0.5:4000/feeds/MP_WXS_123.rss") == (
        "wewe-rss",
        "http://10.0.0.5:4000",
        "MP_WXS_123",
    )
    with pytest.raises(SourceError):
        bridges.feed_url("wewe-rss", "not a url", "x")


def test_wewe_rss_account_listing_and_adding(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/feeds"] = Route(
        body='[{"id":"MP_WXS_1","name":"示范县发布","intro":"县委宣传部"},{"id":"MP_WXS_2","name":"示范镇发布"}]'.encode(),
        content_type="application/json",
    )
    services = services_for(db)
    accounts = services.sources.bridge_accounts("wewe-rss", feed_server.base)
    assert [a.name for a in accounts] == ["示范县发布", "示范镇发布"]
    ids = services.sources.add_bridge_accounts(
        "wewe-rss", feed_server.base, accounts, NewSource(kind="rss", name="", level="county"), fmt="atom"
    ).ids
    with db.session() as session:
        rows = [session.get(Source, i) for i in ids]
    assert [r.url for r in rows if r] == [
        feed_server.url("/feeds/MP_WXS_1.atom"),
        feed_server.url("/feeds/MP_WXS_2.atom"),
    ]
    assert all(r and r.platform == "wechat_account" and r.level == "county" for r in rows)
