"""The scheduled refresh lives in the service: it ticks on its own thread, refreshes due sources
only, follows the 自动刷新 setting, never overlaps another refresh, and stops for good."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from cadre_desk.domain.changes import Changes
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.refresh import RefreshReport
from cadre_desk.services.refresh_schedule import RefreshSchedule
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import build_source_services
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import SourceFetchState
from tests.sources import samples
from tests.sources.feedserver import FeedServer, Route
from tests.sources.helpers import add_feed, services_for


def _wait_for(condition, timeout: float = 10.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


def test_scheduled_run_refreshes_due_sources_only(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/f.xml"] = Route(body=samples.rss_feed(1, 2))
    services = services_for(db)
    add_feed(services, "县政府", feed_server.url("/f.xml"))
    schedule = services.schedule
    assert schedule.check_every == 60
    first = schedule.run_due(None, threading.Event())
    assert first is not None and first.total == 1 and first.ingest.new_items == 2
    assert first.changes == Changes(items=True, sources=True, fetch_state=True)
    second = schedule.run_due(None, threading.Event())
    assert second is not None and second.total == 0  # the next fetch is an interval away
    assert not second.changes  # nothing looked at: no view needs to refresh


def test_schedule_follows_the_setting_and_stops_for_good(db: Database) -> None:
    settings = Settings(db)  # the one the app shares between the settings dialog and services
    schedule = build_source_services(db, settings, SecretStore(db.path.parent / "secrets.enc")).schedule
    assert schedule.wanted()
    settings.set("fetch.auto_refresh", False)
    assert not schedule.wanted()
    settings.set("fetch.auto_refresh", True)
    assert schedule.wanted()
    schedule.stop()
    assert not schedule.wanted()


def test_the_schedule_ticks_on_its_own_thread_and_tells_its_listeners(
    db: Database, feed_server: FeedServer
) -> None:
    feed_server.routes["/f.xml"] = Route(body=samples.rss_feed(1, 3))
    settings = Settings(db)
    services = build_source_services(db, settings, SecretStore(db.path.parent / "secrets.enc"))
    add_feed(services, "乡镇", feed_server.url("/f.xml"))
    schedule = RefreshSchedule(services.refresh, settings, check_every=0.05)
    reports: list[RefreshReport] = []
    schedule.add_listener(reports.append)
    settings.set("fetch.auto_refresh", False)
    schedule.start()
    try:
        assert schedule.running
        time.sleep(0.3)  # several ticks, none wanted
        assert reports == [] and feed_server.routes["/f.xml"].hits == 0
        settings.set("fetch.auto_refresh", True)
        assert _wait_for(lambda: any(r.ingest.new_items == 3 for r in reports))
        assert _wait_for(lambda: any(r.total == 0 for r in reports))  # later ticks: nothing due
    finally:
        schedule.stop()
    assert not schedule.running
    seen = len(reports)
    time.sleep(0.2)
    assert len(reports) == seen  # stopped for good: no tick after stop()
    schedule.start()
    assert not schedule.running


@pytest.mark.slow
def test_a_tick_skips_while_another_refresh_runs(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/slow.xml"] = Route(body=samples.rss_feed(2, 2), delay=0.5)
    services = services_for(db)
    add_feed(services, "慢源", feed_server.url("/slow.xml"))
    manual = threading.Thread(target=services.refresh.refresh)
    manual.start()
    try:
        assert _wait_for(lambda: feed_server.routes["/slow.xml"].hits == 1)
        assert services.schedule.tick() is None  # the user's refresh is under way: no second one
    finally:
        manual.join(20)
    assert feed_server.routes["/slow.xml"].hits == 1
    report = services.refresh.refresh()  # and a refresh is possible again afterwards
    assert report.total == 1


def test_a_broken_scheduled_run_reaches_the_failure_listener(db: Database) -> None:
    services = services_for(db)
    failures: list[BaseException] = []
    schedule = services.schedule
    schedule.add_listener(lambda _report: None, failures.append)
    with db.session() as session:  # the database broke under the schedule (a table lost)
        session.execute(text(f"DROP TABLE {SourceFetchState.__tablename__}"))
    assert schedule.tick() is None
    assert len(failures) == 1
