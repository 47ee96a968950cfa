"""What every workload query shares: which operation log rows count (the latest version of
each corrected event, in the period, of the chosen sources), how to read the log for a period,
and the accounts and requirements the rows point to."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.workload_types import ReportOptions

EFFECTIVE = """
    o.deleted = 0 AND o.performed_at >= :start AND o.performed_at < :end
    AND o.id NOT IN (SELECT value FROM json_each(:superseded))
"""
_SOURCE_FILTER = " AND o.source_id IN (SELECT value FROM json_each(:sources))"


def superseded_ids(conn: Connection) -> list[str]:
    """Ids of operation log rows that do not count: every version of a corrected event but the
    latest. Corrections are few, so this walks them in Python."""
    rows = conn.exec_driver_sql(
        "SELECT id, supersedes_id, updated_at_hlc, device_id FROM operation_logs"
        " WHERE supersedes_id IS NOT NULL AND deleted = 0"
    ).all()
    if not rows:
        return []
    parent = {row[0]: row[1] for row in rows}
    rank = {row[0]: (row[2], row[3]) for row in rows}

    def root(event_id: str) -> str:
        seen: set[str] = set()
        while event_id in parent and event_id not in seen:
            seen.add(event_id)
            event_id = parent[event_id]
        return event_id

    chains: dict[str, list[str]] = defaultdict(list)
    for correction in parent:
        chains[root(correction)].append(correction)
    losers: list[str] = []
    for original, corrections in chains.items():
        winner = max(corrections, key=lambda row_id: rank[row_id])
        losers.append(original)
        losers.extend(row_id for row_id in corrections if row_id != winner)
    return losers


def log_params(period: Period, options: ReportOptions, superseded: Sequence[str]) -> dict[str, Any]:
    params: dict[str, Any] = {
        "start": period.start_ms,
        "end": period.end_ms,
        "superseded": json.dumps(list(superseded)),
    }
    if options.source_ids is not None:
        params["sources"] = json.dumps(sorted(options.source_ids))
    return params


def log_where(options: ReportOptions) -> str:
    return EFFECTIVE + (_SOURCE_FILTER if options.source_ids is not None else "")


WIDE_PERIOD_SHARE = 0.25


def log_table(conn: Connection, period: Period) -> tuple[str, bool]:
    """``operation_logs o`` for a query over ``period``, and whether it is read by a plain table
    scan (in rowid order, unsorted).

    Rows arrive in rowid order, not in time order (sync, back-filled records), so reading most of
    the log through the ``performed_at`` index jumps across the whole file: for a year of 200k
    rows the index path costs ~5× a sequential scan. When the period covers more than a quarter
    of the log's time span, scan the table.
    """
    low, high = conn.exec_driver_sql("SELECT min(performed_at), max(performed_at) FROM operation_logs").one()
    if low is None:
        return "operation_logs o", False
    span = int(high) + 1 - int(low)
    covered = min(period.end_ms, int(high) + 1) - max(period.start_ms, int(low))
    if covered > WIDE_PERIOD_SHARE * span:
        return "operation_logs o NOT INDEXED", True
    return "operation_logs o", False


@dataclass(frozen=True)
class SourceInfo:
    name: str
    platform: str
    level: str
    required_by: str | None


@dataclass(frozen=True)
class RequirementInfo:
    title: str
    imposed_by: str | None
    basis: str | None
    confirmed: tuple[str, ...]
    suggested: tuple[str, ...]
    source_id: str | None

    def flags(self) -> list[tuple[str, bool]]:
        seen = list(dict.fromkeys(self.confirmed))
        return [(flag, True) for flag in seen] + [
            (flag, False) for flag in self.suggested if flag not in seen
        ]


def load_sources(conn: Connection) -> dict[str, SourceInfo]:
    return {
        row[0]: SourceInfo(row[1], row[2], row[3] or "", row[4])
        for row in conn.exec_driver_sql("SELECT id, name, platform, level, required_by FROM sources")
    }


def load_requirements(conn: Connection) -> dict[str, RequirementInfo]:
    result = {}
    for row in conn.exec_driver_sql(
        "SELECT id, title, imposed_by, basis, confirmed_flags, suggested_flags, dismissed_flags, source_id"
        " FROM requirements"
    ):
        confirmed = tuple(_json_list(row[4]))
        dismissed = set(_json_list(row[6]))
        suggested = tuple(
            flag for flag in _json_list(row[5]) if flag not in dismissed and flag not in confirmed
        )
        result[row[0]] = RequirementInfo(row[1], row[2], row[3], confirmed, suggested, row[7])
    return result


def _json_list(value: object) -> list[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [str(v) for v in value] if isinstance(value, list) else []
