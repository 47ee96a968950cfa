"""Dead-link check on real HTTP (127.0.0.1), through the feed fetcher's rules."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from cadre_desk.services.ingest import IngestService
from cadre_desk.services.own import rows
from cadre_desk.services.own.accounts import OwnSettings
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.storage.database import Database
from tests.own.helpers import make_source, post
from tests.sources.feedserver import FeedServer, Route


@pytest.fixture
def server() -> Iterator[FeedServer]:
    running = FeedServer().start()
    yield running
    running.stop()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
def test_links_in_posts_and_menu_are_checked_with_plain_chinese_outcomes(
    db: Database, server: FeedServer
) -> None:
    server.routes["/ok.html"] = Route(b"<html>ok</html>", "text/html")
    server.routes["/moved"] = Route(status=301, location=server.url("/ok.html"))
    server.routes["/broken"] = Route(b"oops", "text/plain", status=500)
    server.routes["/menu/service"] = Route(b"<html>menu</html>", "text/html")
    refused = f"http://127.0.0.1:{closed_port()}/x"
    desk = OwnDesk(db)
    source = make_source(db, "柳林镇人民政府", created_at=datetime.now(UTC) - timedelta(days=400))
    desk.accounts.mark_run(source, OwnSettings(menu_links=(server.url("/menu/service"),)))
    links = [
        server.url("/ok.html"),
        server.url("/moved"),
        server.url("/gone"),
        server.url("/broken"),
        refused,
    ]
    html = "".join(f'<a href="{url}">链接{n}</a>' for n, url in enumerate(links))
    post(IngestService(db), source, "办事指南汇总", datetime.now(UTC) - timedelta(days=1), html)

    run = desk.links.check()
    assert (run.checked, run.broken, run.network_used) == (6, 3, True)
    outcomes = {r.url: r for r in desk.links.results()}
    assert outcomes[server.url("/ok.html")].outcome == "可以打开（HTTP 200）"
    assert "已跳转到" in outcomes[server.url("/moved")].outcome
    assert outcomes[server.url("/gone")].outcome == "页面不存在，链接已失效（HTTP 404）"
    assert not outcomes[server.url("/gone")].ok and outcomes[server.url("/gone")].item_title == "办事指南汇总"
    assert (
        outcomes[server.url("/broken")].status == 500
        and "稍后再查" in outcomes[server.url("/broken")].outcome
    )
    assert "拒绝连接" in outcomes[refused].outcome
    assert outcomes[server.url("/menu/service")].origin == "menu"
    english = rows.link_cells(outcomes[server.url("/gone")], "en")[4]
    assert english == "Page not found: the link is dead (HTTP 404)"
    assert rows.link_cells(outcomes[server.url("/moved")], "en")[4] == "Opens (HTTP 200, redirected)"
    assert [r.ok for r in desk.links.results()][:3] == [False, False, False]  # broken ones first
    assert {r.url for r in desk.links.results(broken_only=True)} == {
        server.url("/gone"),
        server.url("/broken"),
        refused,
    }
    user_agents = {headers.get("User-Agent", "") for _path, headers in server.requests}
    assert all(agent.startswith("cadre_desk/") for agent in user_agents)


def test_demo_profile_never_fetches(db: Database, server: FeedServer) -> None:
    desk = OwnDesk(db)
    source = make_source(db, "柳林镇人民政府", created_at=datetime.now(UTC) - timedelta(days=400))
    desk.accounts.mark_run(source, OwnSettings(menu_links=(server.url("/menu"),)))
    run = desk.links.check(network_allowed=False)
    assert not run.network_used and run.checked == 0 and "预置记录" in run.note
    assert server.requests == []
    assert desk.links.http.per_host <= 2 and desk.links.http.max_retries <= 1
