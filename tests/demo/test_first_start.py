"""The demo as README command 1 shows it: nothing fetched, nothing red, a believable 减负 headline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from cadre_desk.demo.profile import prepare_demo_profile, settle_demo_sources
from cadre_desk.domain.enums import FindingKind
from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.analysis.facts import AnalysisParams
from cadre_desk.services.analysis.findings import followed_count, list_findings, refresh_findings, what_if
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import SourceServices, build_source_services
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.models import FetchHistory, Source, SourceFetchState

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


def test_an_older_demo_profile_is_settled_on_the_next_start(tmp_path: Path) -> None:
    """A demo made before its sources were marked was fetched: red sources, 失效账号 findings.
    Starting the demo again marks them, clears the failures and retires those findings."""
    paths = DataPaths(tmp_path / "old-demo").ensure()
    db = open_database(paths)
    settings = Settings(db)
    try:
        assert prepare_demo_profile(db, paths.root, settings)
        now = datetime.now(UTC)
        with db.session() as session:  # what the old demo's refreshes left behind
            for source in session.scalars(select(Source)):
                source.config = {k: v for k, v in (source.config or {}).items() if k != "demo"}
            session.execute(
                update(SourceFetchState).values(
                    consecutive_errors=6, last_error="找不到服务器", last_attempt_at=now, last_success_at=None
                )
            )
            fetched = session.scalars(select(SourceFetchState.source_id)).all()
            for source_id in fetched:
                for days in (10, 8, 6, 4, 2, 0):
                    session.add(
                        FetchHistory(
                            source_id=source_id,
                            attempted_at=now - timedelta(days=days),
                            ok=False,
                            error="找不到服务器",
                        )
                    )
        refresh_findings(db, AnalysisParams.from_settings(settings, now))
        assert FindingKind.DEAD in {r.kind for r in list_findings(db)}  # the old, red state
        services = build_source_services(db, settings, SecretStore(paths.root / "secrets.enc"))
        assert services.refresh.load_sources()

        assert prepare_demo_profile(db, paths.root, settings) is False  # had data: settled, kept
        assert services.refresh.load_sources() == []
        assert [h.name for h in services.sources.health() if not h.healthy] == []
        assert FindingKind.DEAD not in {r.kind for r in list_findings(db)}
        assert settle_demo_sources(db, settings) == 0  # once is enough
    finally:
        db.close()
