"""The demo profile as a newcomer first sees it: sample data plus an analysis already run,
so every page (inbox folding, 减负 findings, 统计) shows something real on first start."""

from __future__ import annotations

from pathlib import Path

from cadre_desk.services.analysis.findings import run_analysis
from cadre_desk.services.demo import generate_demo, profile_has_sources
from cadre_desk.services.own.demo import add_own_demo_to_profile
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database

ANALYZE_UP_TO = 50_000  # larger demo profiles are for benchmarks: analyse them on demand


def analyze_demo(db: Database, data_root: Path, settings: Settings, items: int) -> bool:
    """Cluster reposts and compute findings when the profile is small enough to do it now."""
    add_own_demo_to_profile(db)  # the 本单位运营 accounts: every state of the self-inspection desk
    if items > ANALYZE_UP_TO:
        return False
    run_analysis(db, data_root, settings, workers=1)
    return True


def prepare_demo_profile(db: Database, data_root: Path, settings: Settings) -> bool:
    """Fill an empty profile with the demo world and analyse it; False if it had data."""
    if profile_has_sources(db):
        return False
    summary = generate_demo(db)
    analyze_demo(db, data_root, settings, summary.items)
    return True
