from __future__ import annotations

import argparse
import threading
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cadre_desk.cli import sources as cli_sources
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.refresh import RefreshProgress
from cadre_desk.sources.errors import NotAFeedError, UnsafeContentError
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Source, SourceFetchState
from tests.sources import samples
from tests.sources.feedserver import FeedServer, Route
from tests.sources.helpers import add_feed, services_for


def items_of(db: Database, source_id: str) -> list[Item]:
    with db.session() as session:
        return list(session.scalars(select(Item).where(Item.source_id == source_id)))


def test_refresh_mixed_sources_broken_ones_do_not_stop_others(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/utf8.xml"] = Route(body=samples.rss_feed(1, 20), etag='"a"')
    feed_server.routes["/gbk.xml"] = Route(
        body=samples.rss_feed(2, 10, encoding="gbk", declared="gb2312"), content_type="text/xml"
    )
    feed_server.routes["/atom.xml"] = Route(body=samples.atom_feed(3, 5), content_type="application/atom+xml")
    feed_server.routes["/bomb.xml"] = Route(body=samples.BILLION_LAUGHS)
    feed_server.routes["/broken.xml"] = Route(body=samples.BROKEN_XML)
    feed_server.routes["/error.xml"] = Route(status=500, body=b"oops")
    services = services_for(db)
    ids = {
        name: add_feed(services, name, feed_server.url(f"/{name}.xml"))
        for name in ("utf8", "gbk", "atom", "bomb", "broken", "error")
    }
    steps: list[RefreshProgress] = []
    report = services.refresh.refresh(progress=steps.append)
    assert report.total == 6 and report.failed == 2
    assert len(steps) == 6 and steps[-1].done == 6
    assert report.ingest.new_items == 20 + 10 + 5 + 2
    gbk_titles = {i.title for i in items_of(db, ids["gbk"])}
    assert samples.notice_title(2, 0) in gbk_titles
    assert all("珺镕堃" in (i.summary_text or "") for i in items_of(db, ids["gbk"]))
    with db.session() as session:
        bomb = session.get(SourceFetchState, ids["bomb"])
        error = session.get(SourceFetchState, ids["error"])
        broken = session.get(SourceFetchState, ids["broken"])
        assert bomb is not None and "实体" in (bomb.last_error or "")
        assert error is not None and error.consecutive_errors == 1 and "HTTP 500" in (error.last_error or "")
        assert broken is not None and broken.consecutive_errors == 0 and broken.last_error  # recovered, noted


def test_warm_refresh_uses_conditional_get(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/f.xml"] = Route(body=samples.rss_feed(1, 5), etag='"v1"')
    services = services_for(db)
    add_feed(services, "县政府", feed_server.url("/f.xml"))
    cold = services.refresh.refresh()
    warm = services.refresh.refresh()
    assert cold.ingest.new_items == 5
    assert warm.not_modified == 1 and warm.ingest.new_items == 0
    assert feed_server.requests[-1][1].get("If-None-Match") == '"v1"'


def test_a_refreshed_entry_stored_under_an_old_resolved_id_is_updated(
    db: Database, feed_server: FeedServer
) -> None:
    """Older versions stored an opaque id resolved against the feed's address; a refresh finds
    the item under that form (the address travels with the outcome) and updates it."""
    from cadre_desk.sources.model import ParsedItem, SourceOutcome
    from cadre_desk.sources.rows import prepare_rows

    url = feed_server.url("/county.xml")
    services = services_for(db)
    sid = add_feed(services, "县政府", url)
    old = ParsedItem(guid=feed_server.url("/right"), title="通知", content_html="<p>旧</p>", text="旧")
    services.ingest.store([SourceOutcome(sid, datetime.now(CHINA_TZ), ok=True, rows=prepare_rows([old], 0))])
    feed_server.routes["/county.xml"] = Route(
        body="<rss version='2.0'><channel><title>t</title><item><guid>right</guid><title>通知</title>"
        "<description>new body</description></item></channel></rss>".encode()
    )
    report = services.refresh.refresh()
    assert (report.ingest.new_items, report.ingest.updated_items) == (0, 1)
    assert [(item.guid, item.summary_text) for item in items_of(db, sid)] == [("right", "new body")]


def test_permanent_redirect_updates_stored_url(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/old.xml"] = Route(status=301, location="/new.xml")
    feed_server.routes["/new.xml"] = Route(body=samples.rss_feed(1, 2))
    services = services_for(db)
    sid = add_feed(services, "县政府", feed_server.url("/old.xml"))
    services.refresh.refresh()
    with db.session() as session:
        source = session.get(Source, sid)
        assert source is not None and source.url == feed_server.url("/new.xml")


def test_due_sources_only(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/f.xml"] = Route(body=samples.rss_feed(1, 2))
    services = services_for(db)
    add_feed(services, "县政府", feed_server.url("/f.xml"))
    assert services.refresh.refresh(only_due=True).total == 1
    assert services.refresh.refresh(only_due=True).total == 0  # next fetch is an interval away


def test_cancel_stops_early_and_keeps_what_was_stored(db: Database, feed_server: FeedServer) -> None:
    services = services_for(db)
    for i in range(6):
        feed_server.routes[f"/f{i}.xml"] = Route(body=samples.rss_feed(i, 3), delay=0.3 * i)
        add_feed(services, f"源{i}", feed_server.url(f"/f{i}.xml"))
    cancel = threading.Event()

    def progress(step: RefreshProgress) -> None:
        if step.done >= 2:
            cancel.set()

    report = services.refresh.refresh(progress=progress, cancel=cancel)
    assert report.cancelled
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(Item))
    assert stored is not None and 6 <= stored < 18


def _cli(data_dir: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    sub = parser.add_subparsers(dest="command")
    cli_sources.register(sub)
    args = parser.parse_args(["--data-dir", str(data_dir), *argv])
    return int(args.handler(args))


def test_cli_fetch_sources_list(
    tmp_path: Path, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.routes["/f.xml"] = Route(body=samples.rss_feed(1, 4))
    feed_server.routes["/gone.xml"] = Route(status=404)
    feed_server.routes["/column.html"] = Route(
        body="<html><head><title>通知公告</title></head><body><p>栏目</p></body></html>".encode(),
        content_type="text/html; charset=utf-8",
    )
    data_dir = tmp_path / "profile"
    assert _cli(data_dir, "sources", "add", "--name", "县政府", "--url", feed_server.url("/f.xml")) == 0
    assert _cli(data_dir, "sources", "add", "--name", "停更源", "--url", feed_server.url("/gone.xml")) == 0
    capsys.readouterr()
    assert (
        _cli(data_dir, "sources", "add", "--name", "通知栏目", "--url", feed_server.url("/column.html")) == 0
    )
    capsys.readouterr()
    assert _cli(data_dir, "fetch") == 1  # two sources failed
    out = capsys.readouterr().out
    assert "新增 4 条" in out and "停更源" in out and "地址不存在" in out
    # every failure ends with what to do about it, e.g. a web page added as a feed
    assert "这个地址返回的是网页，不是订阅源" in out
    assert f"下一步：{NotAFeedError.next_step}" in out
    before = datetime.now(CHINA_TZ).strftime("%Y-%m-%d %H:")
    assert _cli(data_dir, "sources", "list") == 0
    after = datetime.now(CHINA_TZ).strftime("%Y-%m-%d %H:")
    listing = capsys.readouterr().out
    assert "连续失败 1 次" in listing and "4 条" in listing
    # China time, as everywhere else (not the machine's zone, which is UTC on servers)
    assert f"最近成功 {before}" in listing or f"最近成功 {after}" in listing
    paths = DataPaths(data_dir)
    assert paths.database.exists()


def test_parsing_in_worker_processes(db: Database, feed_server: FeedServer) -> None:
    from cadre_desk.services.settings import Settings

    Settings(db).set("fetch.parse_processes", 2)
    feed_server.routes["/gbk.xml"] = Route(body=samples.rss_feed(2, 6, encoding="gbk", declared="gb2312"))
    feed_server.routes["/bomb.xml"] = Route(body=samples.BILLION_LAUGHS)
    services = services_for(db)
    gbk = add_feed(services, "gbk", feed_server.url("/gbk.xml"))
    add_feed(services, "bomb", feed_server.url("/bomb.xml"))
    report = services.refresh.refresh()
    assert report.ingest.new_items == 6 and report.failed == 1
    assert "实体" in report.errors["bomb"]  # the typed error crossed the process boundary
    assert report.next_steps["bomb"] == UnsafeContentError.next_step  # and so did its next step
    assert samples.notice_title(2, 0) in {i.title for i in items_of(db, gbk)}


def test_batches_are_stored_on_one_thread_of_their_own(
    db: Database, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One writer thread for the run (not the default executor's threads, each with its own
    malloc arena), and never the event loop's thread."""
    services = services_for(db)
    for n in range(120):
        feed_server.routes[f"/{n}.xml"] = Route(body=samples.rss_feed(n, 3))
        add_feed(services, f"源{n}", feed_server.url(f"/{n}.xml"))
    threads: list[str] = []
    store = services.ingest.store

    def recording_store(batch: list[object]) -> object:
        threads.append(threading.current_thread().name)
        return store(batch)  # type: ignore[arg-type]

    monkeypatch.setattr(services.ingest, "store", recording_store)
    report = services.refresh.refresh()
    assert report.ingest.new_items == 360
    assert len(threads) >= 2  # more than one batch
    assert len(set(threads)) == 1 and threads[0].startswith("refresh-store")
