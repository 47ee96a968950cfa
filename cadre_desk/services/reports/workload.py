"""Workload over a period, aggregated in SQL from the append-only operation log.

Corrections are new rows whose ``supersedes_id`` points at the row they correct; only the
latest version of each event counts (its own time, minutes and kind). When two devices
corrected the same event concurrently, the version with the highest (HLC, device) wins, the
same rule sync uses for mutable rows.

The parts: result types (``workload_types``), the rows that count (``log_queries``), the day
cube and its cache (``day_cube``), the assembly of a summary (``workload_assembly``), the burden
report rows (``burden_rows``), the detail export and anonymising (``operation_details``) and the
work-day calendar (``workdays``). A summary stays well under 200 ms for a year of 200k events.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from cadre_desk.domain.enums import FindingKind, FindingStatus
from cadre_desk.domain.errors import UnknownSourceError
from cadre_desk.services.reports.burden_rows import Evidence, Findings
from cadre_desk.services.reports.day_cube import DayCubeCache
from cadre_desk.services.reports.log_queries import (
    RequirementInfo,
    load_requirements,
    load_sources,
    log_params,
    log_table,
    log_where,
)
from cadre_desk.services.reports.operation_details import (
    DetailColumns,
    DetailRows,
    detail_rows,
    notes_by_requirement,
    operation_details,
    read_details,
)
from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.workload_assembly import assemble
from cadre_desk.services.reports.workload_types import ReportOptions, TaskOutcome, WorkHours, WorkloadSummary
from cadre_desk.storage.database import Database


class WorkloadService:
    """Computes workload summaries and operation details for a period.

    ``cubes`` is the day cube cache to use: the reports service hands the same one to everything
    it builds (统计 page, export dialog), so they share the groups; without one the service keeps
    its own."""

    def __init__(self, db: Database, cubes: DayCubeCache | None = None) -> None:
        self._db = db
        self._cubes = cubes if cubes is not None else DayCubeCache()

    def summary(
        self,
        period: Period,
        options: ReportOptions | None = None,
        hours: WorkHours | None = None,
        *,
        now: datetime | None = None,
        with_evidence: bool = True,
        detail: DetailColumns | None = None,
    ) -> WorkloadSummary:
        """The workload of ``period``. ``with_evidence=False`` skips the burden report's evidence
        lists (the 统计 page does not show them). ``detail``: the whole detail of the same period
        and options, already read: the evidence's notes are taken from it (no second scan)."""
        options = options or ReportOptions()
        hours = hours or WorkHours()
        now_ms = int((now or datetime.now(UTC)).timestamp() * 1000)
        with self._db.engine.connect() as conn:
            day_cube = self._cubes.get(conn, hours)
            params = log_params(period, options, day_cube.superseded)
            sources = load_sources(conn)
            requirements = load_requirements(conn)
            items = self._items(conn, params, options)
            tasks = self._tasks(conn, params, options, now_ms)
            findings = self._zombie_findings(conn, options)
            burden_evidence = (
                self._burden_evidence(conn, period, params, options, requirements, detail)
                if with_evidence
                else {}
            )
        cube_rows, day_rows = day_cube.period_rows(period, options.source_ids)
        return assemble(
            period,
            options,
            hours,
            sources,
            requirements,
            cube_rows,
            day_rows,
            items,
            tasks,
            findings,
            burden_evidence,
        )

    @staticmethod
    def _items(
        conn: Connection, params: dict[str, Any], options: ReportOptions
    ) -> dict[str | None, tuple[int, int]]:
        where = "i.deleted = 0 AND i.published_at >= :start AND i.published_at < :end"
        if options.source_ids is not None:
            where += " AND i.source_id IN (SELECT value FROM json_each(:sources))"
        rows = conn.exec_driver_sql(
            f"SELECT i.source_id, count(*), total(i.is_read) FROM items i WHERE {where} GROUP BY 1", params
        )
        return {row[0]: (int(row[1]), int(row[2])) for row in rows}

    @staticmethod
    def _tasks(conn: Connection, params: dict[str, Any], options: ReportOptions, now_ms: int) -> TaskOutcome:
        where = "t.deleted = 0 AND t.status != 'cancelled' AND t.due_at >= :start AND t.due_at < :end"
        if options.source_ids is not None:
            where += " AND t.source_id IN (SELECT value FROM json_each(:sources))"
        row = conn.exec_driver_sql(
            "SELECT total(t.status = 'done' AND t.completed_at IS NOT NULL AND t.completed_at <= t.due_at),"
            " total(t.status = 'done' AND (t.completed_at IS NULL OR t.completed_at > t.due_at)),"
            " total(t.status != 'done' AND t.due_at < :now), total(t.status != 'done' AND t.due_at >= :now)"
            f" FROM tasks t WHERE {where}",
            {**params, "now": now_ms},
        ).one()
        return TaskOutcome(int(row[0]), int(row[1]), int(row[2]), int(row[3]))

    @staticmethod
    def _zombie_findings(conn: Connection, options: ReportOptions) -> Findings:
        rows = conn.exec_driver_sql(
            "SELECT source_id, kind, minutes_saved_per_month, evidence FROM findings"
            " WHERE deleted = 0 AND kind IN (?, ?) AND status IN (?, ?)",
            (
                FindingKind.ZOMBIE.value,
                FindingKind.DEAD.value,
                FindingStatus.OPEN.value,
                FindingStatus.APPLIED.value,
            ),
        ).all()
        found = []
        for source_id, kind, saved, evidence in rows:
            if options.source_ids is not None and source_id not in options.source_ids:
                continue
            data = json.loads(evidence) if isinstance(evidence, str) else (evidence or {})
            found.append((source_id, kind, float(saved or 0), data if isinstance(data, dict) else {}))
        return found

    @staticmethod
    def _burden_evidence(
        conn: Connection,
        period: Period,
        params: dict[str, Any],
        options: ReportOptions,
        requirements: dict[str, RequirementInfo],
        detail: DetailColumns | None = None,
    ) -> Evidence:
        """Per flagged requirement: evidence files (filename, sha256, mime) and notes."""
        flagged = [rid for rid, info in requirements.items() if info.flags()]
        if not flagged:
            return {}
        scoped = {**params, "flagged": json.dumps(flagged)}
        where = log_where(options) + " AND o.requirement_id IN (SELECT value FROM json_each(:flagged))"
        evidence: dict[str, tuple[list[tuple[str, str, str]], list[str]]] = defaultdict(lambda: ([], []))
        for requirement_id, filename, sha256, mime in conn.exec_driver_sql(
            "SELECT o.requirement_id, a.filename, a.sha256, a.mime_type FROM attachments a"
            # CROSS JOIN keeps the (few) attachments as the outer loop in SQLite's planner.
            f" CROSS JOIN operation_logs o ON o.id = a.operation_log_id WHERE a.deleted = 0 AND {where}"
            " ORDER BY o.performed_at",
            scoped,
        ):
            evidence[requirement_id][0].append((filename, sha256, mime))
        if options.include_notes and detail is not None:
            for requirement_id, notes in notes_by_requirement(detail, flagged).items():
                evidence[requirement_id][1].extend(notes)
        elif options.include_notes:
            table, _scanned = log_table(conn, period)
            for requirement_id, note in conn.exec_driver_sql(
                f"SELECT o.requirement_id, o.note FROM {table} WHERE {where}"
                " AND o.note IS NOT NULL AND o.note != '' ORDER BY o.performed_at, o.rowid",
                scoped,
            ):
                evidence[requirement_id][1].append(note)
        return dict(evidence)

    def operation_details(
        self,
        period: Period,
        options: ReportOptions | None = None,
        aliases: dict[str, str] | None = None,
        *,
        limit: int | None = None,
    ) -> DetailRows:
        """Every counted operation in the period, oldest first (see ``operation_details``)."""
        with self._db.engine.connect() as conn:
            superseded = self._cubes.superseded(conn)
            return operation_details(conn, period, options, aliases, limit=limit, superseded=superseded)

    def summary_and_details(
        self, period: Period, options: ReportOptions | None = None, hours: WorkHours | None = None
    ) -> tuple[WorkloadSummary, DetailRows]:
        """The summary (with the burden evidence) and every counted operation of ``period``, as an
        export needs them: the log is read once for both (the evidence's notes come from the
        detail), not once more for the notes."""
        options = options or ReportOptions()
        with self._db.engine.connect() as conn:
            read = read_details(conn, period, options, self._cubes.superseded(conn))
        summary = self.summary(period, options, hours, detail=read)
        with self._db.engine.connect() as conn:
            return summary, detail_rows(conn, read, options, summary.aliases)


def resolve_sources(db: Database, names_or_ids: Iterable[str]) -> frozenset[str]:
    """Source ids for the names or ids a user typed; unknown ones raise ``UnknownSourceError``."""
    wanted = [value.strip() for value in names_or_ids if value.strip()]
    with db.engine.connect() as conn:
        known = {name: source_id for source_id, name in conn.exec_driver_sql("SELECT id, name FROM sources")}
    ids = set(known.values())
    found: set[str] = set()
    missing: list[str] = []
    for value in wanted:
        if value in ids:
            found.add(value)
        elif value in known:
            found.add(known[value])
        else:
            missing.append(value)
    if missing:
        raise UnknownSourceError(f"没有找到这些账号：{'、'.join(missing)}")
    return frozenset(found)
