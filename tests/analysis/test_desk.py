"""The redundancy desk's commands say what they changed (typed), and do it."""

from __future__ import annotations

from cadre_desk.domain.changes import Changes
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.desk import AnalysisDesk
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source
from tests.analysis.conftest import make_source


def _subscribed(db: Database, source_id: str) -> bool:
    with db.session() as session:
        source = session.get(Source, source_id)
        assert source is not None
        return source.subscribed


def test_following_decisions_name_findings_and_sources(db: Database, data_paths: DataPaths) -> None:
    desk = AnalysisDesk(db, data_paths.root, Settings(db))
    source_id = make_source(db, "某某村务公开")

    assert desk.unsubscribe(source_id) == Changes(findings=True, sources=True)
    assert not _subscribed(db, source_id)
    assert desk.resubscribe(source_id) == Changes(findings=True, sources=True)
    assert _subscribed(db, source_id)
    assert desk.keep_source(source_id, "上级明确要求关注") == Changes(findings=True, sources=True)
    assert desk.findings(None) == []  # nothing analysed yet: no suggestion to decide on
