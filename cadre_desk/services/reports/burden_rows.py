"""The burden report's rows (基层负担情况表): one per flagged requirement and banned-practice
category, with counts, minutes, the share of work time and the evidence (basis, evidence files,
notes, thumbnails); zombie and dead accounts found by the analysis as 空壳/僵尸 rows."""

from __future__ import annotations

from typing import Any

from cadre_desk.domain.enums import BurdenCategory, FindingKind
from cadre_desk.domain.labels import label
from cadre_desk.services.reports.log_queries import RequirementInfo, SourceInfo
from cadre_desk.services.reports.operation_details import anonymize_text
from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.workload_types import (
    NO_SOURCE,
    NO_UNIT,
    BurdenRow,
    ReportOptions,
    SourceLoad,
)

Evidence = dict[str, tuple[list[tuple[str, str, str]], list[str]]]  # requirement → (files, notes)
Findings = list[tuple[str, str, float, dict[str, Any]]]  # (source, kind, minutes saved, evidence)

_BURDEN_ORDER = {category.value: index for index, category in enumerate(BurdenCategory)}


def burden_rows(
    period: Period,
    options: ReportOptions,
    sources: dict[str, SourceInfo],
    requirements: dict[str, RequirementInfo],
    per_requirement: dict[str, list[float]],
    findings: Findings,
    per_source: dict[str | None, SourceLoad],
    evidence: Evidence,
    aliases: dict[str, str],
    work_minutes: int,
) -> list[BurdenRow]:
    rows: list[BurdenRow] = []
    months = period.months or 1
    for requirement_id, info in requirements.items():
        flags = info.flags()
        if not flags:
            continue
        if options.source_ids is not None and info.source_id not in options.source_ids:
            continue
        count, minutes = per_requirement.get(requirement_id, [0, 0.0])
        source = sources.get(info.source_id) if info.source_id else None
        account = aliases.get(info.source_id or "", source.name if source else NO_SOURCE)
        files, notes = evidence.get(requirement_id, ([], []))
        lines = [f"依据：{info.basis}"] if info.basis else []
        if files:
            names = "、".join(dict.fromkeys(name for name, _, _ in files[:3]))
            lines.append(f"留痕材料 {len(files)} 份：{names}{'等' if len(files) > 3 else ''}")
        lines.extend(f"备注：{note}" for note in notes[:3])
        if len(notes) > 3:
            lines.append(f"另有 {len(notes) - 3} 条备注")
        thumbnails = (
            [(sha, f"{account}：{name}") for name, sha, mime in files if mime.startswith("image/")][:6]
            if options.include_thumbnails
            else []
        )
        for flag, confirmed in flags:
            rows.append(
                BurdenRow(
                    category=flag,
                    confirmed=confirmed,
                    account=account,
                    platform=label(source.platform) if source else "",
                    imposed_by=info.imposed_by
                    or (source.required_by if source and source.required_by else NO_UNIT),
                    requirement=anonymize_text(info.title, sources, aliases),
                    basis=info.basis or "",
                    count=int(count),
                    minutes=float(minutes),
                    minutes_per_month=float(minutes) / months,
                    work_share=float(minutes) / work_minutes,
                    evidence=list(lines),
                    thumbnails=list(thumbnails),
                )
            )
    for source_id, kind, _saved, data in findings:
        source = sources.get(source_id)
        load = per_source.get(source_id)
        minutes = load.minutes if load else 0.0
        summary = data.get("summary") if isinstance(data.get("summary"), str) else None
        detail = (
            summary
            or "；".join(
                f"{key}：{value}" for key, value in data.items() if isinstance(value, str | int | float)
            )[:200]
        )
        rows.append(
            BurdenRow(
                category=BurdenCategory.ZOMBIE_SHELL.value,
                confirmed=False,
                account=aliases.get(source_id, source.name if source else source_id),
                platform=label(source.platform) if source else "",
                imposed_by=(source.required_by if source else None) or NO_UNIT,
                requirement=f"分析发现：{label(FindingKind(kind))}",
                basis="",
                count=load.count if load else 0,
                minutes=minutes,
                minutes_per_month=minutes / months,
                work_share=minutes / work_minutes,
                evidence=[detail] if detail else [],
            )
        )
    rows.sort(key=lambda r: (_BURDEN_ORDER.get(r.category, 99), not r.confirmed, -r.minutes, r.account))
    return rows
