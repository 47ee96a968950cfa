"""The scheduled refresh's rule lives in the service: due sources only, the 自动刷新 setting,
and never again once stopped."""

from __future__ import annotations

import threading

from cadre_desk.domain.changes import Changes
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import build_source_services
from cadre_desk.storage.database import Database
from tests.sources import samples
from tests.sources.feedserver import FeedServer, Route
from tests.sources.helpers import add_feed, services_for


def test_scheduled_run_refreshes_due_sources_only(db: Database, feed_server: FeedServer) -> None:
    feed_server.routes["/f.xml"] = Route(body=samples.rss_feed(1, 2))
    services = services_for(db)
    add_feed(services, "县政府", feed_server.url("/f.xml"))
    schedule = services.schedule
    assert schedule.check_every_ms == 60_000
    first = schedule.run_due(None, threading.Event())
    assert first.total == 1 and first.ingest.new_items == 2
    assert first.changes == Changes(items=True, sources=True, fetch_state=True)
    second = schedule.run_due(None, threading.Event())
    assert second.total == 0  # the next fetch is an interval away
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
