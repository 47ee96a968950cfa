"""Adding sources, the catalogue, OPML import, capture and settings say what they changed."""

from __future__ import annotations

from sqlalchemy import func, select

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.services.catalogue import CatalogueChoice, entry
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import NewSource
from cadre_desk.sources.bridges import BridgeAccount
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Folder, Item, Source
from tests.sources.helpers import services_for

SOURCES = Changes(sources=True)
OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>t</title></head><body>
<outline text="\xe5\x8e\xbf\xe7\xba\xa7">
  <outline type="rss" text="A" xmlUrl="http://127.0.0.1:1200/a"/>
  <outline type="rss" text="B" xmlUrl="http://127.0.0.1:1200/b" cadreRunByUnit="true"/>
</outline>
<outline type="rss" text="C" xmlUrl="http://127.0.0.1:1200/c"/>
</body></opml>
"""


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_adding_sources_names_sources_with_their_ids(db: Database) -> None:
    services = services_for(db)
    added = services.sources.add(NewSource(kind="rss", name="县政府", url="http://a.gov.cn/rss"))
    assert added.changes == SOURCES
    with db.session() as session:
        assert session.get(Source, added.id) is not None
    accounts = [BridgeAccount("MP_WXS_1", "示范县发布"), BridgeAccount("MP_WXS_2", "示范镇发布")]
    bridged = services.sources.add_bridge_accounts(
        "wewe-rss", "http://10.0.0.5:4000", accounts, NewSource(kind="rss", name="")
    )
    assert bridged.changes == SOURCES and len(bridged.ids) == 2 and _count(db, Source) == 3
    assert (
        services.sources.add_bridge_accounts(
            "wewe-rss", "http://10.0.0.5:4000", [], NewSource(kind="rss", name="")
        ).changes
        == NOTHING
    )


def test_catalogue_counts_new_sources_and_names_nothing_the_second_time(db: Database) -> None:
    services = services_for(db)
    choices = [CatalogueChoice(entry("county_gov"), "清河县人民政府")]
    first = services.sources.add_from_catalogue(choices)
    again = services.sources.add_from_catalogue(choices)
    assert (first.count, first.changes) == (1, SOURCES)
    assert (again.count, again.changes) == (0, NOTHING) and _count(db, Source) == 1


def test_opml_import_names_sources_folders_and_run_accounts(db: Database) -> None:
    services = services_for(db)
    report = services.sources.import_opml(OPML)
    assert (report.added, report.folders_created, report.marked_run) == (3, 1, 1)
    assert report.changes == Changes(sources=True, folders=True, own=True)
    assert _count(db, Folder) == 1 and len(services.own_accounts.accounts()) == 1
    assert services.sources.import_opml(OPML).changes == NOTHING  # all there already


def test_capture_names_items_only_when_something_was_stored(db: Database) -> None:
    services = services_for(db)
    source = services.sources.add(NewSource(kind="manual", name="工作群")).id
    text = "今晚8点前在群里接龙报送防火巡查情况。"
    first = services.sources.capture(source, text, online=False)
    assert first.new_items == 1 and first.changes.items and first.changes.sources
    assert first.changes.tasks  # rules and repost duties may have made tasks of the new item
    again = services.sources.capture(source, text, online=False)
    assert again.duplicates == 1 and again.changes == NOTHING and _count(db, Item) == 1


def test_a_setting_names_settings(db: Database) -> None:
    settings = Settings(db)
    assert settings.set("work.hours_end", "18:00") == Changes(settings=True)
    assert settings.get("work.hours_end") == "18:00"
