"""Input checks at the door: duplicate addresses, odd intervals, a test fetch before adding."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cadre_desk.cli import main
from cadre_desk.domain.changes import Changes
from cadre_desk.services.sources import DuplicateSourceError, NewSource, SourceInputError
from cadre_desk.sources.bridges import BridgeAccount
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source
from tests.sources import samples
from tests.sources.feedserver import FeedServer, Route
from tests.sources.helpers import services_for


def _count(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Source)) or 0)


def test_duplicate_address_is_refused_in_any_spelling(db: Database) -> None:
    services = services_for(db)
    services.sources.add(NewSource(kind="rss", name="县政府", url="http://www.example.gov.cn/rss.xml"))
    for spelling in (
        "http://www.example.gov.cn/rss.xml",
        " http://www.example.gov.cn/rss.xml?utm_source=wechat ",
        "http://www.example.gov.cn:80/rss.xml#top",
    ):
        with pytest.raises(DuplicateSourceError, match="已经订阅过了：“县政府”"):
            services.sources.add(NewSource(kind="rss", name="又一个", url=spelling))
    assert _count(db) == 1
    other = services.sources.add(
        NewSource(kind="rss", name="县政府2", url="http://www.example.gov.cn/rss2.xml")
    )
    assert other.id and other.changes == Changes(sources=True) and _count(db) == 2


def test_one_page_may_hold_two_columns_but_not_the_same_one_twice(db: Database) -> None:
    services = services_for(db)
    page = "http://www.example.gov.cn/"

    def column(name: str, item: str) -> NewSource:
        return NewSource(kind="webpage", name=name, url=page, config={"selectors": {"item": item}})

    services.sources.add(column("通知公告", "ul.tzgg li"))
    services.sources.add(column("工作动态", "ul.gzdt li"))
    with pytest.raises(DuplicateSourceError):
        services.sources.add(column("通知公告（重复）", "ul.tzgg li"))


def test_bridge_accounts_already_followed_are_refused_before_any_is_added(db: Database) -> None:
    services = services_for(db)
    template = NewSource(kind="rss", name="")
    accounts = [BridgeAccount("MP_WXS_1", "示范县发布"), BridgeAccount("MP_WXS_2", "示范镇发布")]
    services.sources.add_bridge_accounts("wewe-rss", "http://10.0.0.5:4000", accounts[:1], template)
    with pytest.raises(DuplicateSourceError, match="示范县发布"):
        services.sources.add_bridge_accounts("wewe-rss", "http://10.0.0.5:4000", accounts, template)
    assert _count(db) == 1


@pytest.mark.parametrize("minutes", [0, -5, 4, 7 * 24 * 60 + 1])
def test_odd_intervals_are_refused(db: Database, minutes: int) -> None:
    with pytest.raises(SourceInputError, match=f"刷新间隔 {minutes} 分钟不合适"):
        services_for(db).sources.add(
            NewSource(kind="rss", name="x", url="http://a.gov.cn/rss", fetch_interval_minutes=minutes)
        )
    assert _count(db) == 0


def test_cli_refuses_duplicate_and_zero_interval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = ["--data-dir", str(tmp_path / "p")]
    add = [*profile, "sources", "add", "--name", "县政府", "--url", "http://a.gov.cn/rss"]
    assert main(add) == 0
    assert main(add) == 2
    assert "已经订阅过了" in capsys.readouterr().err
    assert (
        main([*profile, "sources", "add", "--name", "乡", "--url", "http://b.gov.cn/rss", "--interval", "0"])
        == 2
    )
    err = capsys.readouterr().err
    assert "刷新间隔 0 分钟不合适" in err and "下一步：" in err


def test_cli_check_fetches_before_adding(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.routes["/ok.xml"] = Route(body=samples.rss_feed(1, 3))
    feed_server.routes["/gone.xml"] = Route(status=404)
    profile = ["--data-dir", str(tmp_path / "p")]
    good = [*profile, "sources", "add", "--check", "--name", "好", "--url", feed_server.url("/ok.xml")]
    assert main(good) == 0
    assert "测试抓取成功：读到 3 条" in capsys.readouterr().err
    bad = [*profile, "sources", "add", "--check", "--name", "坏", "--url", feed_server.url("/gone.xml")]
    assert main(bad) == 2
    err = capsys.readouterr().err
    assert "404" in err and "下一步：" in err
    assert main([*profile, "sources", "list"]) == 0
    listed = capsys.readouterr().out
    assert "好" in listed and "坏" not in listed


def test_add_dialog_shows_the_duplicate_refusal(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.app import build_context, build_main_window
    from cadre_desk.ui.sources.add_dialog import TAB_FEED, AddSourceDialog

    ctx = build_context(tmp_path / "profile")
    try:
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        page = window.page("sources")
        page._services.sources.add(NewSource(kind="rss", name="县政府", url="http://a.gov.cn/rss"))  # type: ignore[attr-defined]
        dialog = AddSourceDialog(page._services, window.runner, page)  # type: ignore[attr-defined]
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.tabs.setCurrentIndex(TAB_FEED)
        dialog.name.setText("县政府（再加一次）")
        dialog.feed_url.setText("http://a.gov.cn/rss?from=timeline")
        dialog.submit()
        qtbot.waitUntil(lambda: "已经订阅过了" in dialog.message.text(), timeout=30_000)
        assert dialog.isVisible() and dialog.isEnabled()
        assert _count(ctx.db) == 1
        window.close()
    finally:
        ctx.close()
