"""The demo as README command 1 shows it: nothing fetched, nothing red, a believable 减负 headline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cadre_desk.domain.enums import FindingKind
from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.analysis.findings import followed_count, list_findings, what_if
from cadre_desk.services.demo_profile import prepare_demo_profile
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import SourceServices, build_source_services
from cadre_desk.storage.database import Database, open_database

pytestmark = pytest.mark.slow  # one demo profile generated and analysed (~5 s) for the module


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, SourceServices]]:
    paths = DataPaths(tmp_path_factory.mktemp("first-start") / "profile").ensure()
    db = open_database(paths)
    settings = Settings(db)
    assert prepare_demo_profile(db, paths.root, settings)
    yield db, build_source_services(db, settings, SecretStore(paths.root / "secrets.enc"))
    db.close()


def test_refreshing_the_demo_fetches_nothing_and_keeps_it_healthy(
    profile: tuple[Database, SourceServices],
) -> None:
    _db, services = profile
    assert services.refresh.load_sources() == []
    report = services.refresh.refresh()  # what the 60-second timer and 刷新全部 call
    assert (report.total, report.failed, report.errors) == (0, 0, {})
    health = services.sources.health()
    assert len(health) >= 55
    assert [h.name for h in health if not h.healthy] == []


def test_demo_findings_have_no_dead_source_and_a_credible_headline(
    profile: tuple[Database, SourceServices],
) -> None:
    db, _services = profile
    rows = list_findings(db)
    assert rows, "the demo shows 减负 findings on first start"
    assert FindingKind.DEAD not in {r.kind for r in rows}
    followed = followed_count(db)
    total = what_if(rows, [r.id for r in rows], followed)
    # A township cadre dropping a quarter of 60 accounts saves hours a month, not days.
    assert 60 <= total.minutes_saved_per_month <= 600
    assert followed * 0.7 <= total.accounts_left < followed
