"""Manual capture never loses an article: identity by WeChat key, fill-in on re-capture."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.cli import main
from cadre_desk.domain.errors import UnknownSourceError
from cadre_desk.services.sources import NewSource
from cadre_desk.sources.capture import WECHAT_PLACEHOLDER_TITLE, split_paste
from cadre_desk.sources.model import ParsedItem
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item
from tests.sources.feedserver import FeedServer, Route
from tests.sources.helpers import add_feed, services_for
from tests.sources.test_capture_opml_bridges import WECHAT_PAGE

WX_A = "https://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ==&mid=2651234567&idx=1&sn=aaaa1111&scene=21#rd"
WX_B = "https://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ==&mid=2651234567&idx=2&sn=bbbb2222&scene=21#rd"
WX_SHORT_1 = "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp1"
WX_SHORT_2 = "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp2?from=timeline"


def _items(db: Database, source_id: str) -> list[Item]:
    with db.session() as session:
        return list(session.scalars(select(Item).where(Item.source_id == source_id).order_by(Item.guid)))


def test_two_different_articles_captured_offline_are_two_items(db: Database) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="示范镇发布")).id
    first = services.sources.capture(sid, WX_A, online=False)
    second = services.sources.capture(sid, WX_B, online=False)
    shorts = services.sources.capture(sid, f"{WX_SHORT_1}\n{WX_SHORT_2}", online=False)
    assert (first.new_items, second.new_items, shorts.new_items) == (1, 1, 2)
    assert first.duplicates == second.duplicates == shorts.duplicates == 0
    rows = _items(db, sid)
    assert len(rows) == 4
    assert {row.title for row in rows} == {WECHAT_PLACEHOLDER_TITLE}
    assert len({row.content_hash for row in rows}) == 4
    assert {row.guid for row in rows} >= {
        "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp1",
        "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOp2",
    }


def test_same_article_again_with_nothing_new_is_the_one_duplicate(db: Database) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="示范镇发布")).id
    services.sources.capture(sid, WX_A, online=False)
    again = services.sources.capture(sid, WX_A.replace("scene=21", "scene=126"), online=False)
    assert (again.new_items, again.updated_items, again.duplicates) == (0, 0, 1)
    assert len(_items(db, sid)) == 1


def test_recapture_with_a_pasted_title_and_text_fills_in_the_placeholder(db: Database) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="示范镇发布")).id
    services.sources.capture(sid, WX_A, online=False)
    titled = services.sources.capture(sid, f"关于开展秋冬季森林防火巡查的通知 {WX_A}", online=False)
    assert (titled.new_items, titled.updated_items, titled.duplicates) == (0, 1, 0)
    body = services.sources.capture(
        sid, f"{WX_A}\n各村（社区）：\n请于11月20日前完成巡查并报送台账。", online=False
    )
    assert (body.new_items, body.updated_items, body.duplicates) == (0, 1, 0)
    (row,) = _items(db, sid)
    assert row.title == "关于开展秋冬季森林防火巡查的通知"  # the pasted title is kept
    assert row.summary_text and "11月20日前" in row.summary_text
    # A later paste with another hint does not overwrite a real title.
    renamed = services.sources.capture(sid, f"同一篇 {WX_A}", online=False)
    assert renamed.duplicates == 1
    assert _items(db, sid)[0].title == "关于开展秋冬季森林防火巡查的通知"


def test_recapture_online_fills_in_title_account_and_body(db: Database, feed_server: FeedServer) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="示范镇发布")).id
    url = feed_server.url("/s/wx1")
    assert services.sources.capture(sid, url, online=False).new_items == 1
    assert _items(db, sid)[0].title == url  # a non-WeChat host offline: the link stands in
    feed_server.routes["/s/wx1"] = Route(body=WECHAT_PAGE.encode(), content_type="text/html")
    online = services.sources.capture(sid, url)
    assert (online.new_items, online.updated_items, online.duplicates) == (0, 1, 0)
    (row,) = _items(db, sid)
    assert row.title == "示范镇关于开展冬季征兵工作的通告" and row.author == "示范镇发布"
    assert row.content_html and "根据上级部署" in row.content_html
    # Offline again afterwards: nothing is overwritten by the placeholder.
    feed_server.routes.pop("/s/wx1")
    offline = services.sources.capture(sid, url, online=False)
    assert offline.duplicates == 1
    assert _items(db, sid)[0].content_html == row.content_html


def test_a_verification_page_is_not_taken_for_the_article(db: Database, feed_server: FeedServer) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="示范镇发布")).id
    feed_server.routes["/s/wx2"] = Route(
        body="<html><body><p>环境异常</p></body></html>".encode(), content_type="text/html"
    )
    report = services.sources.capture(sid, f"防火通知 {feed_server.url('/s/wx2')}")
    assert report.new_items == 1
    assert _items(db, sid)[0].title == "防火通知"


def test_title_only_feed_items_are_never_equal_by_title(db: Database, feed_server: FeedServer) -> None:
    """Any source kind: two entries with the same title and no body are two items."""
    services = services_for(db)
    feed = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
    <item><title>\xe5\x85\xb3\xe4\xba\x8e\xe5\x81\x9c\xe6\xb0\xb4\xe7\x9a\x84\xe9\x80\x9a\xe7\x9f\xa5</title>
      <link>http://x.gov.cn/a/1.html</link><guid>n1</guid></item>
    <item><title>\xe5\x85\xb3\xe4\xba\x8e\xe5\x81\x9c\xe6\xb0\xb4\xe7\x9a\x84\xe9\x80\x9a\xe7\x9f\xa5</title>
      <link>http://x.gov.cn/a/2.html</link><guid>n2</guid></item>
    </channel></rss>"""
    feed_server.routes["/t.xml"] = Route(body=feed, content_type="application/rss+xml")
    sid = add_feed(services, "停水通知", feed_server.url("/t.xml"))
    report = services.refresh.refresh([sid])
    assert (report.ingest.new_items, report.ingest.duplicates) == (2, 0)
    again = services.refresh.refresh([sid])
    assert again.ingest.new_items == 0


def test_items_with_a_body_still_dedup_by_content(db: Database) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="群消息")).id
    same = ParsedItem(guid="a", title="停水", text="明天8点到12点停水。")
    report = services.ingest.store_items(
        sid, [same, ParsedItem(guid="b", title="停水", text="明天8点到12点停水。")]
    )
    assert (report.new_items, report.duplicates) == (1, 1)


def test_pasted_title_line_above_each_link() -> None:
    entries = split_paste(f"森林防火通知\n{WX_A}\n医保缴费提醒\n{WX_B}")
    assert [e.hint for e in entries] == ["森林防火通知", "医保缴费提醒"]
    assert all(not e.text for e in entries)
    single = split_paste(f"{WX_A}\n森林防火通知\n各村：请于11月20日前报送。")
    assert single[0].hint == "森林防火通知" and single[0].text == "各村：请于11月20日前报送。"


def test_unknown_source_by_id_or_name(db: Database) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="示范镇发布")).id
    services.sources.add(NewSource(kind="manual", name="同名账号"))
    services.sources.add(NewSource(kind="manual", name="同名账号"))
    assert services.sources.resolve("示范镇发布") == sid
    assert services.sources.resolve(sid[:8]) == sid
    with pytest.raises(UnknownSourceError, match="没有找到订阅源“不存在的号”"):
        services.sources.capture("不存在的号", WX_A, online=False)
    with pytest.raises(UnknownSourceError, match="“同名账号”对应 2 个订阅源"):
        services.sources.resolve("同名账号")


def test_capture_through_the_cli_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = str(tmp_path / "p")
    assert main(["--data-dir", profile, "sources", "add", "--kind", "manual", "--name", "示范镇发布"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", profile, "capture", "--offline", "--source", "示范镇发布", WX_A]) == 0
    assert main(["--data-dir", profile, "capture", "--offline", "--source", "示范镇发布", WX_B]) == 0
    out = capsys.readouterr().out
    assert out.count("收录 1 条，更新 0 条，重复 0 条") == 2
    assert main(["--data-dir", profile, "capture", "--offline", "--source", "没有这个号", WX_A]) == 2
    captured = capsys.readouterr()
    assert "没有找到订阅源“没有这个号”" in captured.err and "下一步：" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert main(["--data-dir", profile, "capture", "--offline", "--source", "0" * 32, WX_A]) == 2
    assert "FOREIGN KEY" not in capsys.readouterr().err


LONG = "https://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ==&mid=2651239999&idx=1&sn=feedc0de"
PAGE_WITH_LINK = WECHAT_PAGE.replace(
    "var ct =",
    'var msg_link = "http://mp.weixin.qq.com/s?__biz=MzA3MDM3NjE5NQ==&amp;mid=2651239999&amp;idx=1'
    '&amp;sn=feedc0de&amp;chksm=1a2b#rd";\nvar ct =',
)


@pytest.mark.parametrize("short_first_offline", [False, True])
def test_short_and_long_links_of_one_article_are_one_item(
    db: Database, feed_server: FeedServer, short_first_offline: bool
) -> None:
    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="示范镇发布")).id
    short = feed_server.url("/s/AbCd123")  # the short form, served here as a page naming its long key
    if short_first_offline:
        assert services.sources.capture(sid, short, online=False).new_items == 1
    feed_server.routes["/s/AbCd123"] = Route(body=PAGE_WITH_LINK.encode(), content_type="text/html")
    online = services.sources.capture(sid, short)
    assert (online.new_items, online.updated_items) == ((0, 1) if short_first_offline else (1, 0))
    again = services.sources.capture(sid, f"同一篇 {LONG}&chksm=99&scene=21#rd", online=False)
    assert (again.new_items, again.updated_items, again.duplicates) == (0, 0, 1)
    (row,) = _items(db, sid)
    assert row.link == LONG and row.title == "示范镇关于开展冬季征兵工作的通告"


def test_title_only_items_stored_before_the_change_are_not_rewritten(db: Database) -> None:
    """Items stored with the old title-only fingerprint are recognised, not updated again."""
    from sqlalchemy import update

    from cadre_desk.domain.fingerprint import content_hash

    services = services_for(db)
    sid = services.sources.add(NewSource(kind="manual", name="通知公告")).id
    item = ParsedItem(guid="n1", title="关于停水的通知", url="http://x.gov.cn/1.html")
    assert services.ingest.store_items(sid, [item]).new_items == 1
    with db.session() as session:  # as an older version stored it
        session.execute(
            update(Item)
            .where(Item.guid == "n1")
            .values(content_hash=content_hash("关于停水的通知", ""), **db.stamp_columns())
        )
    again = services.ingest.store_items(
        sid, [ParsedItem(guid="n1", title="关于停水的通知", url="http://x.gov.cn/1.html")]
    )
    assert (again.new_items, again.updated_items, again.duplicates) == (0, 0, 1)
    renamed = services.ingest.store_items(
        sid, [ParsedItem(guid="n1", title="关于停水的通知（更正）", url="http://x.gov.cn/1.html")]
    )
    assert renamed.updated_items == 1
