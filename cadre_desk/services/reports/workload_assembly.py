"""Assembling a workload summary from the period's groups of the day cube: one pass over
(source × requirement × kind) feeds every breakdown (source, platform, level, imposing unit,
kind, burden category), then the day trend, working time and the burden report rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from cadre_desk.domain.labels import label
from cadre_desk.services.reports.burden_rows import Evidence, Findings, burden_rows
from cadre_desk.services.reports.day_cube import CubeRow, DayRow
from cadre_desk.services.reports.log_queries import RequirementInfo, SourceInfo
from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.workdays import day_trend
from cadre_desk.services.reports.workload_types import (
    NO_LEVEL,
    NO_SOURCE,
    NO_UNIT,
    UNFLAGGED,
    Bucket,
    ReportOptions,
    SourceLoad,
    TaskOutcome,
    WorkHours,
    WorkloadSummary,
)


def _sorted(buckets: Iterable[Bucket]) -> list[Bucket]:
    return sorted(buckets, key=lambda b: (-b.minutes, -b.count, b.label))


def assemble(
    period: Period,
    options: ReportOptions,
    hours: WorkHours,
    sources: dict[str, SourceInfo],
    requirements: dict[str, RequirementInfo],
    cube: Sequence[CubeRow],
    day_rows: Sequence[DayRow],
    items: dict[str | None, tuple[int, int]],
    tasks: TaskOutcome,
    findings: Findings,
    burden_evidence: Evidence,
) -> WorkloadSummary:
    per_source: dict[str | None, SourceLoad] = {}
    platform: dict[str, Bucket] = {}
    level: dict[str, Bucket] = {}
    unit: dict[str, Bucket] = {}
    kind_buckets: dict[str, Bucket] = {}
    burden: dict[str, Bucket] = {}
    per_requirement: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    total_count = checkins = corrected = 0
    total_minutes = 0.0

    def source_load(source_id: str | None) -> SourceLoad:
        load = per_source.get(source_id)
        if load is None:
            info = sources.get(source_id) if source_id else None
            load = per_source[source_id] = SourceLoad(
                source_id,
                info.name if info else NO_SOURCE,
                info.platform if info else "",
                info.level if info else "",
            )
        return load

    def add(buckets: dict[str, Bucket], key: str, text: str, count: int, minutes: float) -> None:
        bucket = buckets.get(key)
        if bucket is None:
            bucket = buckets[key] = Bucket(key, text)
        bucket.count += count
        bucket.minutes += minutes

    for source_id, requirement_id, kind, count, minutes, checkin_total, corrected_total in cube:
        count, minutes = int(count), float(minutes)
        total_count += count
        total_minutes += minutes
        checkins += int(checkin_total)
        corrected += int(corrected_total)
        load = source_load(source_id)
        load.count += count
        load.minutes += minutes
        info = sources.get(source_id) if source_id else None
        requirement = requirements.get(requirement_id) if requirement_id else None
        add(
            platform,
            load.platform or "",
            label(load.platform) if load.platform else NO_SOURCE,
            count,
            minutes,
        )
        add(level, load.level or "", label(load.level) if load.level else NO_LEVEL, count, minutes)
        imposed = (
            (requirement.imposed_by if requirement else None)
            or (info.required_by if info else None)
            or NO_UNIT
        )
        add(unit, imposed, imposed, count, minutes)
        add(kind_buckets, kind, label(kind), count, minutes)
        flags = requirement.flags() if requirement else []
        for flag, _confirmed in flags:
            add(burden, flag, label(flag), count, minutes)
        if not flags:
            add(burden, "", UNFLAGGED, count, minutes)
        if requirement_id and requirement and flags:
            per_requirement[requirement_id][0] += count
            per_requirement[requirement_id][1] += minutes

    for source_id, (received, read) in items.items():
        load = source_load(source_id)
        load.items_received += received
        load.items_read += read

    by_source = sorted(per_source.values(), key=lambda s: (-s.minutes, -s.count, -s.items_received, s.name))
    aliases: dict[str, str] = {}
    if options.anonymize:
        for index, load in enumerate(s for s in by_source if s.source_id):
            aliases[str(load.source_id)] = f"账号{index + 1:02d}"
        for load in by_source:
            if load.source_id:
                load.name = aliases[load.source_id]

    days, work = day_trend(period, hours, day_rows)
    work_minutes = work.work_minutes or 1
    burden_report = burden_rows(
        period,
        options,
        sources,
        requirements,
        per_requirement,
        findings,
        per_source,
        burden_evidence,
        aliases,
        work_minutes,
    )
    return WorkloadSummary(
        period=period,
        options=options,
        total_count=total_count,
        total_minutes=total_minutes,
        checkin_count=checkins,
        corrected_count=corrected,
        by_source=by_source,
        by_platform=_sorted(platform.values()),
        by_level=_sorted(level.values()),
        by_unit=_sorted(unit.values()),
        by_kind=_sorted(kind_buckets.values()),
        by_burden=_sorted(burden.values()),
        items_received=sum(received for received, _ in items.values()),
        items_read=sum(read for _, read in items.values()),
        tasks=tasks,
        days=days,
        work=work,
        burden=burden_report,
        aliases=aliases,
    )
