"""The set-based findings queries (issue 20 §4) give exactly what the per-source queries gave.

Differential: ``benchmarks.findings_reference`` keeps the per-source queries as they were; both
paths run on one generated demo profile, clustered by the real rebuild, under several
thresholds, after deletions and after a source turned into a pure reposter.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from benchmarks.findings_reference import reference_findings
from cadre_desk.demo import generate_demo
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.clusters import rebuild_clusters
from cadre_desk.services.analysis.detectors import ComputedFinding, detect_all
from cadre_desk.services.analysis.facts import AnalysisParams, gather_facts
from cadre_desk.storage.database import Database

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _key(c: ComputedFinding) -> tuple[str, str, str]:
    return (str(c.kind), c.source_id, c.related_source_id or "")


def _both(db: Database, params: AnalysisParams) -> tuple[list[ComputedFinding], list[ComputedFinding]]:
    new = sorted(detect_all(db, gather_facts(db, params), params), key=_key)
    old = sorted(reference_findings(db, params), key=_key)
    return new, old


def _assert_same(db: Database, params: AnalysisParams) -> list[ComputedFinding]:
    new, old = _both(db, params)
    assert [_key(c) for c in new] == [_key(c) for c in old]
    for a, b in zip(new, old, strict=True):
        assert a == b, _key(a)
    return new


@pytest.mark.slow
def test_setbased_findings_equal_per_source_queries(db: Database, data_paths: DataPaths) -> None:
    generate_demo(db, items=4000, days=90, now=NOW)
    rebuild_clusters(db, data_paths.root, workers=1)
    with db.engine.connect() as conn:
        clustered = conn.execute(text("SELECT count(*) FROM item_clusters")).scalar_one()
    assert clustered > 100  # the repost paths are exercised

    kinds: set[str] = set()
    for zombie_days, window_days, repost_share, overlap_share in (
        (14, 90, 0.6, 0.6),
        (3, 30, 0.3, 0.3),
        (60, 90, 0.1, 0.2),
        (1, 7, 0.05, 0.05),
    ):
        params = AnalysisParams(
            now=NOW,
            zombie_days=zombie_days,
            window_days=window_days,
            repost_share=repost_share,
            overlap_share=overlap_share,
        )
        kinds |= {str(c.kind) for c in _assert_same(db, params)}
    assert {"zombie", "repost", "overlap"} <= kinds

    # Deleted items (some of them first publishers), and one source whose recent items are all
    # reposts of another source's posts: the "only reposts" zombie and its last original.
    stamp = db.stamp_columns()
    stamped = ", ".join(f"{column} = :{column}" for column in stamp)
    with db.engine.begin() as conn:
        conn.execute(text(f"UPDATE items SET deleted = 1, {stamped} WHERE rowid % 7 = 0"), stamp)
        stamp = db.stamp_columns()
        reposter, origin = conn.execute(
            text(
                "SELECT i.source_id, c.source_id FROM item_clusters k JOIN items i ON i.rowid = k.item "
                "JOIN items c ON c.rowid = k.cluster "
                "WHERE k.cluster != k.item AND c.source_id != i.source_id LIMIT 1"
            )
        ).one()
        since = int((NOW - timedelta(days=14)).timestamp() * 1000)
        canonical = conn.execute(
            text(
                "SELECT k.item FROM item_clusters k JOIN items i ON i.rowid = k.item "
                "WHERE i.source_id = :o AND k.cluster = k.item LIMIT 1"
            ),
            {"o": origin},
        ).scalar_one()
        conn.execute(
            text(
                "INSERT OR REPLACE INTO item_clusters (item, cluster) SELECT rowid, :c FROM items "
                "WHERE source_id = :s AND published_at >= :since AND rowid != :c"
            ),
            {"c": canonical, "s": reposter, "since": since},
        )
        # Another source whose recent items join a cluster it first published itself, long ago:
        # they are its own originals, not reposts.
        own_source, own_first = conn.execute(
            text(
                "SELECT source_id, rowid FROM items WHERE NOT deleted AND source_id NOT IN (:r, :o) "
                "AND published_at < :since ORDER BY published_at DESC LIMIT 1"
            ),
            {"r": reposter, "o": origin, "since": since},
        ).one()
        conn.execute(
            text(
                "INSERT OR REPLACE INTO item_clusters (item, cluster) SELECT rowid, :c FROM items "
                "WHERE source_id = :s AND (published_at >= :since OR rowid = :c)"
            ),
            {"c": own_first, "s": own_source, "since": since},
        )
    only_reposts = _assert_same(db, AnalysisParams(now=NOW, zombie_days=14))
    assert not any(c.source_id == own_source and c.kind == "zombie" for c in only_reposts)
    assert any(c.source_id == reposter and c.evidence.get("reason") == "only_reposts" for c in only_reposts)
