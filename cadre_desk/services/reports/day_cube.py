"""The day cube: counted operations grouped by (local day, inside working hours, source,
requirement, kind) over the whole log, kept by a :class:`DayCubeCache` between summaries.

Operation logs are append-only, so the cube stays valid until new rows arrive; new rows that
correct nothing are merged in, a new correction rebuilds it. Period changes then only sum a few
thousand groups instead of scanning the log again.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from cadre_desk.services.reports.log_queries import superseded_ids
from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.workload_types import CST_OFFSET_MS, DAY_MS, WorkHours

GroupKey = tuple[int, bool, str | None, str | None, str]  # day number, in hours, source, requirement, kind
# (source, requirement, kind, count, minutes, check-ins, corrected) and (day, in hours, count, minutes)
CubeRow = tuple[str | None, str | None, str, float, float, float, float]
DayRow = tuple[int, bool, float, float]


@dataclass
class DayCube:
    """Groups → [count, minutes, check-ins, corrected], over the log up to ``last_rowid``."""

    hours: WorkHours
    last_rowid: int
    superseded: list[str]
    groups: dict[GroupKey, list[float]]

    def period_rows(
        self, period: Period, wanted: frozenset[str] | None
    ) -> tuple[list[CubeRow], list[DayRow]]:
        """The groups of ``period`` (and the chosen sources) summed per (source, requirement,
        kind), and per (day, inside working hours)."""
        first_day = (period.first - date(1970, 1, 1)).days
        last_day = (period.last - date(1970, 1, 1)).days
        cube: dict[tuple[str | None, str | None, str], list[float]] = {}
        day_totals: dict[tuple[int, bool], list[float]] = {}
        # ~90,000 groups for a year: the four sums written out, no list made for a bucket that
        # exists (the same additions in the same order, so the same floats).
        for (day, inside, source_id, requirement_id, kind), values in self.groups.items():
            if day < first_day or day > last_day or (wanted is not None and source_id not in wanted):
                continue
            key = (source_id, requirement_id, kind)
            bucket = cube.get(key)
            if bucket is None:
                cube[key] = list(values)
            else:
                bucket[0] += values[0]
                bucket[1] += values[1]
                bucket[2] += values[2]
                bucket[3] += values[3]
            day_bucket = day_totals.get((day, inside))
            if day_bucket is None:
                day_totals[(day, inside)] = [0 + values[0], 0.0 + values[1]]
            else:
                day_bucket[0] += values[0]
                day_bucket[1] += values[1]
        return (
            [(s, r, k, v[0], v[1], v[2], v[3]) for (s, r, k), v in cube.items()],
            [(day, inside, v[0], v[1]) for (day, inside), v in day_totals.items()],
        )


_CUBE_SELECT = f"""
    SELECT (o.performed_at + {CST_OFFSET_MS}) / {DAY_MS},
           ((o.performed_at + {CST_OFFSET_MS}) % {DAY_MS}) >= :work_start
               AND ((o.performed_at + {CST_OFFSET_MS}) % {DAY_MS}) < :work_end,
           o.source_id, o.requirement_id, o.operation_kind,
           count(*), total(o.minutes), total(o.is_checkin), total(o.supersedes_id IS NOT NULL)
    FROM operation_logs o
    WHERE o.deleted = 0 AND o.rowid > :since AND o.rowid <= :until
      AND o.id NOT IN (SELECT value FROM json_each(:superseded))
    GROUP BY 1, 2, 3, 4, 5
"""


class DayCubeCache:
    """The day cube of one database, shared by whoever holds this object (the reports service
    gives one to the 统计 page and the export dialog), so they reuse the same groups instead of
    scanning the log again. Thread-safe: summaries run on background threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cube: DayCube | None = None

    def get(self, conn: Connection, hours: WorkHours) -> DayCube:
        """The cube up to the log's last row: cached, grown by the new rows, or rebuilt."""
        with self._lock:
            top = int(
                conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM operation_logs").scalar() or 0
            )
            cube = self._cube
            if cube is not None and cube.hours == hours and cube.last_rowid == top:
                return cube
            if cube is not None and cube.hours == hours and top > cube.last_rowid:
                corrections = conn.exec_driver_sql(
                    "SELECT count(*) FROM operation_logs WHERE rowid > ? AND supersedes_id IS NOT NULL",
                    (cube.last_rowid,),
                ).scalar()
                if not corrections:
                    # Copy, then merge: a summary on another thread may be reading the old cube.
                    grown = DayCube(hours, top, cube.superseded, {k: list(v) for k, v in cube.groups.items()})
                    _add_rows(conn, grown, cube.last_rowid, top)
                    self._cube = grown
                    return grown
            cube = DayCube(hours, top, superseded_ids(conn), {})
            _add_rows(conn, cube, 0, top)
            self._cube = cube
            return cube

    def superseded(self, conn: Connection) -> list[str]:
        """The ids that do not count: the cube's list while the cube covers the whole log (no
        row added since), else read again."""
        with self._lock:
            cube = self._cube
        if cube is not None:
            top = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM operation_logs").scalar()
            if int(top or 0) == cube.last_rowid:
                return cube.superseded
        return superseded_ids(conn)


def _add_rows(conn: Connection, cube: DayCube, since: int, until: int) -> None:
    params = {
        "since": since,
        "until": until,
        "superseded": json.dumps(cube.superseded),
        "work_start": cube.hours.start_minute * 60_000,
        "work_end": cube.hours.end_minute * 60_000,
    }
    # The raw sqlite3 cursor: a year is ~60k groups, and SQLAlchemy rows cost ~0.1 s more.
    rows = conn.connection.driver_connection.execute(  # type: ignore[union-attr]
        _CUBE_SELECT, params
    ).fetchall()
    groups = cube.groups
    if not groups:  # a fresh cube: every group is new
        groups.update(
            {(day, bool(inside), s, r, k): [c, m, ch, co] for day, inside, s, r, k, c, m, ch, co in rows}
        )
        return
    for day, inside, source_id, requirement_id, kind, count, minutes, checkins, corrected in rows:
        key = (day, bool(inside), source_id, requirement_id, kind)
        bucket = groups.get(key)
        if bucket is None:
            groups[key] = [count, minutes, checkins, corrected]
        else:
            bucket[0] += count
            bucket[1] += minutes
            bucket[2] += checkins
            bucket[3] += corrected
