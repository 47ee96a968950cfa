"""Findings: computing, persisting (keeping the user's decisions) and listing them.

A finding's id is ``stable_id("finding", kind, source, related)``: recomputing updates the
same row, and two devices computing the same finding produce one row after sync. Kept and
dismissed findings stay so while their ``evidence_hash`` (a hash of the facts that matter,
not of every example) is unchanged; when the evidence changes they open again.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.enums import FindingKind, FindingStatus
from cadre_desk.domain.ids import stable_id
from cadre_desk.services.analysis.clusters import ClusterRun, rebuild_clusters, update_clusters
from cadre_desk.services.analysis.detectors import ComputedFinding, detect_all
from cadre_desk.services.analysis.facts import AnalysisParams, gather_facts
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Finding, Source

CLOSED = (FindingStatus.KEPT, FindingStatus.DISMISSED)


def finding_id(kind: str, source_id: str, related_source_id: str | None) -> str:
    return stable_id("finding", str(kind), source_id, related_source_id or "")


def evidence_hash(key: Iterable[Any]) -> str:
    return hashlib.sha256(json.dumps(list(key), default=str, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class RefreshResult:
    opened: int
    updated: int  # including the re-opened ones
    reopened: int
    retired: int
    unchanged: int


def save_findings(db: Database, computed: Sequence[ComputedFinding], now: datetime) -> RefreshResult:
    """Upsert computed findings; retire open ones that no longer hold. Decisions are kept."""
    opened = updated = reopened = retired = unchanged = 0
    with db.session() as session:
        existing = {row.id: row for row in session.scalars(select(Finding))}
        for c in computed:
            fid = finding_id(c.kind, c.source_id, c.related_source_id)
            digest = evidence_hash(c.evidence_key)
            row = existing.pop(fid, None)
            if row is None:
                session.add(
                    Finding(
                        id=fid,
                        source_id=c.source_id,
                        kind=str(c.kind),
                        related_source_id=c.related_source_id,
                        score=c.score,
                        minutes_saved_per_month=c.minutes_saved_per_month,
                        evidence=c.evidence,
                        evidence_hash=digest,
                        status=FindingStatus.OPEN,
                        computed_at=now,
                    )
                )
                opened += 1
                continue
            changed = False
            if row.deleted:
                row.deleted = False
                changed = True
                if row.status not in CLOSED or row.evidence_hash != digest:
                    row.status = FindingStatus.OPEN
            if row.status in CLOSED and row.evidence_hash != digest:
                row.status = FindingStatus.OPEN
                row.status_reason = f"证据已变化（此前：{row.status_reason or '无说明'}）"
                reopened += 1
                changed = True
            elif row.status == FindingStatus.APPLIED:
                row.status = FindingStatus.OPEN  # the source is followed again
                changed = True
            for attr, value in (
                ("evidence", c.evidence),
                ("evidence_hash", digest),
                ("score", c.score),
                ("minutes_saved_per_month", c.minutes_saved_per_month),
            ):
                if getattr(row, attr) != value:
                    setattr(row, attr, value)
                    changed = True
            if changed:
                row.computed_at = now
                updated += 1
            else:
                unchanged += 1
        for row in existing.values():
            if not row.deleted and row.status == FindingStatus.OPEN:
                row.deleted = True
                retired += 1
    return RefreshResult(opened, updated, reopened, retired, unchanged)


def refresh_findings(db: Database, params: AnalysisParams) -> RefreshResult:
    facts = gather_facts(db, params)
    return save_findings(db, detect_all(db, facts, params), params.now)


@dataclass(frozen=True)
class AnalysisResult:
    clusters: ClusterRun
    findings: RefreshResult
    seconds: float

    @property
    def changes(self) -> Changes:
        """Findings always; items only when cluster ids changed (the inbox refolds then, and a
        pass that finds nothing new does not trigger another one)."""
        return Changes(findings=True, items=bool(self.clusters.changed_rows))


def run_analysis(
    db: Database,
    data_root: Path,
    settings: Settings,
    *,
    now: datetime | None = None,
    full_rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 2,
) -> AnalysisResult:
    """Update (or rebuild) the near-duplicate clusters, then recompute the findings."""
    started = time.perf_counter()
    if full_rebuild:
        clusters = rebuild_clusters(db, data_root, progress, workers=workers)
    else:
        clusters = update_clusters(db, data_root, progress, workers=workers)
    params = AnalysisParams.from_settings(settings, now or datetime.now(UTC))
    return AnalysisResult(clusters, refresh_findings(db, params), time.perf_counter() - started)


# --------------------------------------------------------------------------- reading findings


@dataclass(frozen=True)
class FindingRow:
    id: str
    kind: FindingKind
    source_id: str
    source_name: str
    platform: str
    level: str | None
    owner_unit: str | None
    related_source_id: str | None
    related_source_name: str | None
    minutes_saved_per_month: float
    score: float
    status: FindingStatus
    status_reason: str | None
    keep_reason: str | None
    subscribed: bool
    computed_at: datetime
    evidence: dict[str, Any] = field(hash=False, compare=False)

    @property
    def summary(self) -> str:
        return str(self.evidence.get("summary", ""))


def list_findings(db: Database, statuses: Sequence[str] | None = (FindingStatus.OPEN,)) -> list[FindingRow]:
    """Findings ranked by minutes saved per month (largest first)."""
    with db.session() as session:
        query = select(Finding).where(Finding.deleted.is_(False))
        if statuses is not None:
            query = query.where(Finding.status.in_([str(s) for s in statuses]))
        findings = list(session.scalars(query))
        source_ids = {f.source_id for f in findings} | {
            f.related_source_id for f in findings if f.related_source_id
        }
        sources = {s.id: s for s in session.scalars(select(Source).where(Source.id.in_(source_ids)))}
    rows = []
    for f in findings:
        src = sources[f.source_id]
        related = sources.get(f.related_source_id) if f.related_source_id else None
        rows.append(
            FindingRow(
                id=f.id,
                kind=FindingKind(f.kind),
                source_id=f.source_id,
                source_name=src.name,
                platform=src.platform,
                level=src.level,
                owner_unit=src.owner_unit,
                related_source_id=f.related_source_id,
                related_source_name=related.name if related else None,
                minutes_saved_per_month=f.minutes_saved_per_month,
                score=f.score,
                status=FindingStatus(f.status),
                status_reason=f.status_reason,
                keep_reason=src.keep_reason,
                subscribed=src.subscribed,
                computed_at=f.computed_at,
                evidence=dict(f.evidence or {}),
            )
        )
    rows.sort(key=lambda r: (-r.minutes_saved_per_month, r.kind, r.source_name, r.id))
    return rows


@dataclass(frozen=True)
class WhatIf:
    minutes_saved_per_month: float
    accounts_followed: int
    accounts_left: int
    sources: tuple[str, ...]


def what_if(rows: Sequence[FindingRow], selected: Iterable[str], accounts_followed: int) -> WhatIf:
    """Acting on the selected findings: minutes saved (each source counted once) and accounts left."""
    chosen = set(selected)
    per_source: dict[str, float] = {}
    for row in rows:
        if row.id in chosen:
            per_source[row.source_id] = max(per_source.get(row.source_id, 0.0), row.minutes_saved_per_month)
    return WhatIf(
        round(sum(per_source.values()), 1),
        accounts_followed,
        max(0, accounts_followed - len(per_source)),
        tuple(sorted(per_source)),
    )


def followed_count(db: Database) -> int:
    with db.session() as session:
        return len(
            session.scalars(
                select(Source.id).where(
                    Source.deleted.is_(False), Source.subscribed.is_(True), Source.merged_into_id.is_(None)
                )
            ).all()
        )
