"""The analysis' counting queries read the per-source index alone (issue 20 §4), also since the
index no longer carries the item id (migration 0020, issue 20 §3): every statement of a run that
uses ``ix_items_source_published`` without reading texts is a covering scan or search."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import event

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.findings import run_analysis
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from tests.analysis.conftest import NOW, make_item, make_source, random_text

TEXT_COLUMNS = ("title", "content_html", "summary", "author")


def test_counting_queries_of_an_analysis_never_read_the_items_table(
    db: Database, data_paths: DataPaths
) -> None:
    county = make_source(db, "清河县融媒体中心", level="county")
    town = make_source(db, "城关镇发布", level="township")
    for n in range(6):
        text = random_text(n)
        make_item(db, county, f"县通知{n}", text, NOW - timedelta(days=n + 1))
        make_item(db, town, f"转发县通知{n}", "来源：县融媒\n" + text, NOW - timedelta(days=n + 1, hours=-2))
    plans: dict[str, list[str]] = {}

    def note(_conn: Any, cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if not many and "ix_items_source_published" in statement and statement not in plans:
            rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans[statement] = [row[3] for row in rows]

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        run_analysis(db, data_paths.root, Settings(db), now=NOW)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    counting = {s: p for s, p in plans.items() if not any(f".{c}" in s for c in TEXT_COLUMNS)}
    assert len(counting) >= 4  # counts per source, repost counts, cluster sources, ...
    for statement, plan in counting.items():
        steps = [step for step in plan if "ix_items_source_published" in step]
        assert steps and all("COVERING INDEX" in step for step in steps), (statement, plan)
