"""The redundancy page's one entry point: findings, their detail, the user's decisions on them,
the analysis pass and the consolidation report, over one profile (no ``Database`` in the UI).

Importing this module pulls in numpy/scipy (clustering): the composition root builds it on
first use only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from cadre_desk.domain.changes import Changes
from cadre_desk.services.analysis import actions
from cadre_desk.services.analysis.details import FindingDetail, finding_detail
from cadre_desk.services.analysis.findings import (
    AnalysisResult,
    FindingRow,
    followed_count,
    list_findings,
    run_analysis,
)
from cadre_desk.services.analysis.report import build_consolidation_report, export_consolidation_report
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database

FOLLOWING = Changes(findings=True, sources=True)  # a decision about following an account
FINDING = Changes(findings=True)  # a decision about a suggestion only


class AnalysisDesk:
    def __init__(self, db: Database, data_root: Path, settings: Settings) -> None:
        self._db = db
        self._root = data_root
        self._settings = settings

    # reading
    def findings(self, statuses: Sequence[str] | None) -> list[FindingRow]:
        return list_findings(self._db, statuses)

    def followed_count(self) -> int:
        return followed_count(self._db)

    def detail(self, finding_id: str) -> FindingDetail | None:
        return finding_detail(self._db, finding_id)

    # the analysis pass
    def analyze(
        self, *, full_rebuild: bool, progress: Callable[[int, int], None] | None = None, workers: int = 1
    ) -> AnalysisResult:
        return run_analysis(
            self._db,
            self._root,
            self._settings,
            full_rebuild=full_rebuild,
            progress=progress,
            workers=workers,
        )

    # the user's decisions
    def unsubscribe(self, source_id: str) -> Changes:
        actions.unsubscribe(self._db, source_id)
        return FOLLOWING

    def resubscribe(self, source_id: str) -> Changes:
        actions.resubscribe(self._db, source_id)
        return FOLLOWING

    def merge_source(self, source_id: str, into_id: str) -> Changes:
        actions.merge_source(self._db, source_id, into_id)
        return FOLLOWING

    def keep_source(self, source_id: str, reason: str) -> Changes:
        actions.keep_source(self._db, source_id, reason)
        return FOLLOWING

    def unkeep_source(self, source_id: str) -> Changes:
        actions.unkeep_source(self._db, source_id)
        return FOLLOWING

    def dismiss_finding(self, finding_id: str, reason: str | None = None) -> Changes:
        actions.dismiss_finding(self._db, finding_id, reason)
        return FINDING

    def reopen_finding(self, finding_id: str) -> Changes:
        actions.reopen_finding(self._db, finding_id)
        return FINDING

    # the report
    def export_consolidation_report(self, target: Path) -> Path:
        report = build_consolidation_report(self._db, self._settings, datetime.now(UTC))
        return export_consolidation_report(report, target)
