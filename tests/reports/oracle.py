"""Independent SQL answers for report tests: a recursive CTE walks correction chains and a
window function keeps the latest version of each event, a different route from the service's
(which resolves superseded ids in Python)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

EFFECTIVE_CTE = """
WITH RECURSIVE chain(id, root) AS (
    SELECT id, id FROM operation_logs
    WHERE supersedes_id IS NULL OR supersedes_id NOT IN (SELECT id FROM operation_logs)
    UNION ALL
    SELECT o.id, chain.root FROM operation_logs o JOIN chain ON o.supersedes_id = chain.id
),
ranked AS (
    SELECT o.*, ROW_NUMBER() OVER (
        PARTITION BY chain.root ORDER BY o.updated_at_hlc DESC, o.device_id DESC
    ) AS rn
    FROM operation_logs o JOIN chain ON chain.id = o.id WHERE o.deleted = 0
),
eff AS (
    SELECT * FROM ranked WHERE rn = 1 AND performed_at >= :start AND performed_at < :end {source_filter}
),
flags(rid, flag) AS (
    SELECT r.id, f.value FROM requirements r, json_each(r.confirmed_flags) f
    UNION
    SELECT r.id, f.value FROM requirements r, json_each(r.suggested_flags) f
    WHERE f.value NOT IN (SELECT value FROM json_each(r.dismissed_flags))
)
"""


def query(conn: Connection, sql: str, start: int, end: int, source_ids: list[str] | None = None) -> list[Any]:
    source_filter = ""
    params: dict[str, Any] = {"start": start, "end": end}
    if source_ids is not None:
        placeholders = ", ".join(f":s{i}" for i in range(len(source_ids)))
        source_filter = f"AND source_id IN ({placeholders})"
        params.update({f"s{i}": value for i, value in enumerate(source_ids)})
    return list(conn.exec_driver_sql(EFFECTIVE_CTE.format(source_filter=source_filter) + sql, params).all())


TOTALS = "SELECT count(*), total(minutes) FROM eff"
BY_SOURCE = (
    "SELECT coalesce(s.name, '（未关联账号）'), count(*), total(e.minutes) FROM eff e"
    " LEFT JOIN sources s ON s.id = e.source_id GROUP BY 1"
)
BY_KIND = "SELECT operation_kind, count(*), total(minutes) FROM eff GROUP BY 1"
BY_UNIT = (
    "SELECT coalesce(r.imposed_by, s.required_by, '（未注明）'), count(*), total(e.minutes) FROM eff e"
    " LEFT JOIN requirements r ON r.id = e.requirement_id"
    " LEFT JOIN sources s ON s.id = e.source_id GROUP BY 1"
)
BY_BURDEN = (
    "SELECT f.flag, count(*), total(e.minutes) FROM eff e JOIN flags f ON f.rid = e.requirement_id GROUP BY 1"
)
BY_REQUIREMENT = (
    "SELECT r.title, count(e.id), total(e.minutes) FROM requirements r"
    " LEFT JOIN eff e ON e.requirement_id = r.id"
    " WHERE r.id IN (SELECT rid FROM flags) GROUP BY r.id"
)
