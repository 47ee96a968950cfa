from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.sources import webpage
from cadre_desk.sources.dates import parse_chinese_date
from cadre_desk.sources.errors import WebpageError
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item
from tests.sources.feedserver import FeedServer, Route
from tests.sources.helpers import add_feed, services_for

PAGES = Path(__file__).parent / "pages"
BASE = "http://www.example.gov.cn/zwgk/tzgg/"


def page(name: str, encoding: str = "utf-8") -> bytes:
    return (PAGES / name).read_text(encoding="utf-8").encode(encoding)


NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年11月3日", datetime(2026, 11, 2, 16, 0, tzinfo=UTC)),
        ("发布时间：2026-11-03 10:20", datetime(2026, 11, 3, 2, 20, tzinfo=UTC)),
        ("2026/11/03", datetime(2026, 11, 2, 16, 0, tzinfo=UTC)),
        ("2026.11.3", datetime(2026, 11, 2, 16, 0, tzinfo=UTC)),
        ("[11-03]", datetime(2026, 11, 2, 16, 0, tzinfo=UTC)),
        ("11月3日", datetime(2026, 11, 2, 16, 0, tzinfo=UTC)),
        ("二〇二六年十一月三日", datetime(2026, 11, 2, 16, 0, tzinfo=UTC)),
        ("２０２６年１１月２０日", datetime(2026, 11, 19, 16, 0, tzinfo=UTC)),
        ("[12-28]", datetime(2025, 12, 27, 16, 0, tzinfo=UTC)),  # December seen in November: last year
        ("浏览次数：128", None),
    ],
)
def test_chinese_dates(text: str, expected: datetime | None) -> None:
    assert parse_chinese_date(text, now=NOW) == expected


def test_detects_notice_list_not_navigation() -> None:
    candidates = webpage.detect_lists(page("tzgg_list.html", "gbk"), BASE, "text/html")
    best = candidates[0]
    assert best.selectors.item == "ul.list-con > li"
    assert best.selectors.date == "span.date"
    assert len(best.entries) == 6
    first = best.entries[0]
    assert first.title == "示范县关于做好2026年冬季森林草原防灭火工作的通知"  # full title from title=
    assert first.url == "http://www.example.gov.cn/zwgk/tzgg/202611/t20261120_1001.html"
    assert first.published_at == datetime(2026, 11, 19, 16, 0, tzinfo=UTC)
    assert best.entries[5].url == "http://www.example.gov.cn/zwgk/tzgg/202610/t20261028_0996.html"


def test_detects_table_list_with_bracket_dates() -> None:
    best = webpage.detect_lists(page("gzdt_table.html"), "http://www.example.gov.cn/col/col1/index.html")[0]
    assert best.selectors.item.endswith("> tr")
    assert len(best.entries) == 5
    assert best.entries[0].title == "青山镇召开冬季农村饮水安全工作推进会"
    assert best.entries[0].published_at is not None and best.entries[0].published_at.day == 20  # 11-21 CST


def test_user_corrected_selectors() -> None:
    selectors = webpage.ListSelectors(item=".right-con li", title="a", link="a", date=".date")
    entries = webpage.extract_entries(page("tzgg_list.html", "gbk"), BASE, selectors)
    assert len(entries) == 6
    with pytest.raises(WebpageError, match="CSS 选择器有误"):
        webpage.extract_entries(page("tzgg_list.html"), BASE, webpage.ListSelectors(item="li[[["))


def test_article_meta_tags_and_trs_body() -> None:
    url = "http://www.example.gov.cn/zwgk/tzgg/202611/t20261120_1001.html"
    info = webpage.parse_article(page("article_trs.html", "gbk"), url)
    assert info.title == "示范县关于做好2026年冬季森林草原防灭火工作的通知"
    assert info.published_at == datetime(2026, 11, 20, 8, 35, tzinfo=UTC)
    assert info.content_source == "示范县应急管理局"
    assert info.site_name == "示范县人民政府" and info.column_name == "通知公告"
    assert info.content_html is not None
    assert "现就有关事项通知如下" in info.text
    assert "<script" not in info.content_html and "onerror" not in info.content_html
    assert "style=" not in info.content_html
    assert 'src="http://www.example.gov.cn/zwgk/tzgg/202611/W020261120_photo.jpg"' in info.content_html


def test_article_zoom_body_and_labelled_date() -> None:
    info = webpage.parse_article(page("article_zoom.html"), "http://www.example.gov.cn/art/1.html")
    assert info.title == "青山镇召开冬季农村饮水安全工作推进会"
    assert info.published_at == datetime(2026, 11, 21, 1, 30, tzinfo=UTC)
    assert info.content_html is not None and "onclick" not in info.content_html
    assert "会议要求各村加强巡查" in info.text


def test_webpage_source_refresh_end_to_end(db: Database, feed_server: FeedServer) -> None:
    list_page = page("tzgg_list.html", "gbk").replace(b"./202611/t20261120_1001.html", b"/a/1001.html")
    feed_server.routes["/zwgk/tzgg/"] = Route(body=list_page, content_type="text/html", etag='"list1"')
    feed_server.routes["/a/1001.html"] = Route(body=page("article_trs.html", "gbk"), content_type="text/html")
    services = services_for(db)
    sid = add_feed(services, "示范县通知公告", feed_server.url("/zwgk/tzgg/"), kind="webpage")
    report = services.refresh.refresh()
    assert report.failed == 0 and report.ingest.new_items == 6
    with db.session() as session:
        rows = {row.link: row for row in session.scalars(select(Item).where(Item.source_id == sid))}
    enriched = rows[feed_server.url("/a/1001.html")]
    assert enriched.author == "示范县应急管理局"
    assert enriched.content_html and "现就有关事项通知如下" in enriched.content_html
    assert enriched.published_at == datetime(2026, 11, 20, 8, 35, tzinfo=UTC)
    again = services.refresh.refresh()
    assert again.not_modified == 1 and again.ingest.new_items == 0


def test_page_without_list_reports_clear_error(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/empty/"] = Route(
        body="<html><body><p>维护中</p></body></html>".encode(), content_type="text/html"
    )
    services = services_for(db)
    add_feed(services, "空栏目", feed_server.url("/empty/"), kind="webpage")
    report = services.refresh.refresh()
    assert report.failed == 1 and "没有找到文章列表" in next(iter(report.errors.values()))
