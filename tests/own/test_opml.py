"""OPML carries the 本单位运营 mark in a custom attribute, both ways."""

from __future__ import annotations

from pathlib import Path

from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.sources import build_source_services
from cadre_desk.sources.opml import OpmlEntry, build_opml, parse_opml
from cadre_desk.storage.database import Database


def test_run_by_unit_round_trips(db: Database, tmp_path: Path) -> None:
    entries = [
        OpmlEntry(
            "柳林镇人民政府", "http://127.0.0.1:4000/feeds/liulin.rss", folder=("镇村",), run_by_unit=True
        ),
        OpmlEntry("清河发布", "http://127.0.0.1:4000/feeds/qinghe.rss", folder=("县级",)),
    ]
    data = build_opml(entries)
    assert b'cadreRunByUnit="true"' in data and data.count(b"cadreRunByUnit") == 1
    assert parse_opml(data) == entries
    services = build_source_services(db, None, SecretStore(tmp_path / "secrets.enc"))
    assert services.sources.import_opml(data).added == 2
    [view] = services.own_accounts.accounts()
    assert view.name == "柳林镇人民政府" and view.rule.max_gap_days == 14
    exported = {e.title: e.run_by_unit for e in parse_opml(services.sources.export_opml())}
    assert exported == {"柳林镇人民政府": True, "清河发布": False}
    services.own_accounts.unmark(view.source_id)
    assert not any(e.run_by_unit for e in parse_opml(services.sources.export_opml()))
    other = b'<opml version="2.0"><body><outline text="x" xmlUrl="http://a/b" cadreRunByUnit="yes"/>'
    other += b"</body></opml>"
    assert parse_opml(other)[0].run_by_unit
