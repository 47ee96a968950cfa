"""The demo profile as a newcomer first sees it: sample data plus an analysis already run,
so every page (inbox folding, 减负 findings, 统计) shows something real on first start."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, update

from cadre_desk.demo import demo_source_id, generate_demo, profile_has_sources
from cadre_desk.demo.generator import DEMO_SOURCE, manifest_path
from cadre_desk.demo.own_accounts import add_own_demo_to_profile
from cadre_desk.demo.world import SOURCES
from cadre_desk.services.analysis.facts import AnalysisParams
from cadre_desk.services.analysis.findings import refresh_findings, run_analysis
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source, SourceFetchState

log = logging.getLogger(__name__)

ANALYZE_UP_TO = 50_000  # larger demo profiles are for benchmarks: analyse them on demand


def analyze_demo(db: Database, data_root: Path, settings: Settings, items: int) -> bool:
    """Cluster reposts and compute findings when the profile is small enough to do it now."""
    add_own_demo_to_profile(db)  # the 本单位运营 accounts: every state of the self-inspection desk
    if items > ANALYZE_UP_TO:
        return False
    run_analysis(db, data_root, settings, workers=1)
    return True


def settle_demo_sources(db: Database, settings: Settings) -> int:
    """A demo profile made before its sources were marked (they were fetched, failed on their
    made-up hosts and showed red, some as 失效账号): mark them, clear their failure state and
    recompute the findings. Returns how many sources were settled; 0 for any other profile."""
    path = manifest_path(db)
    if not path.is_file():
        return 0
    try:
        seed = int(json.loads(path.read_text(encoding="utf-8"))["seed"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("demo manifest %s unreadable: %s", path, exc)
        return 0
    ids = [demo_source_id(seed, spec.key) for spec in SOURCES]
    with db.session() as session:
        unmarked = [
            s
            for s in session.scalars(select(Source).where(Source.id.in_(ids)))
            if not (s.config or {}).get(DEMO_SOURCE)
        ]
        for source in unmarked:
            source.config = {**(source.config or {}), DEMO_SOURCE: True}
        settled = [s.id for s in unmarked]
        if settled:
            session.execute(
                update(SourceFetchState)
                .where(SourceFetchState.source_id.in_(settled))
                .values(
                    consecutive_errors=0,
                    last_error=None,
                    last_status=None,
                    next_fetch_at=None,
                    last_success_at=func.coalesce(
                        SourceFetchState.last_success_at, SourceFetchState.last_attempt_at
                    ),
                )
            )
    if settled:
        log.info("demo profile: %d sources marked as never fetched", len(settled))
        refresh_findings(db, AnalysisParams.from_settings(settings, datetime.now(UTC)))
    return len(settled)


def prepare_demo_profile(db: Database, data_root: Path, settings: Settings) -> bool:
    """Fill an empty profile with the demo world and analyse it; False if it had data (an
    older demo profile is settled: see ``settle_demo_sources``)."""
    if profile_has_sources(db):
        settle_demo_sources(db, settings)
        return False
    summary = generate_demo(db)
    analyze_demo(db, data_root, settings, summary.items)
    return True
