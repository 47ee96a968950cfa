"""What the 减负 page shows for one finding: recent posts, duplicate pairs, fetch history."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select, text

from cadre_desk.domain.text_normalize import html_to_text
from cadre_desk.services.analysis.findings import FindingRow, list_findings
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source
from cadre_desk.storage.types import from_ms

TIMELINE = 12
PAIRS = 4
FETCHES = 15

DiffTag = Literal["equal", "replace", "delete", "insert"]


@dataclass(frozen=True)
class TimelinePost:
    item_id: str
    title: str
    published_at: datetime
    is_repost: bool


@dataclass(frozen=True)
class DuplicatePair:
    """A post of the source and the earlier post it repeats (the first publisher)."""

    title: str
    text: str
    published_at: datetime
    original_title: str
    original_text: str
    original_source: str
    original_published_at: datetime


@dataclass(frozen=True)
class FetchAttempt:
    attempted_at: datetime
    ok: bool
    status: int | None
    error: str | None
    new_items: int


@dataclass(frozen=True)
class FindingDetail:
    finding: FindingRow
    timeline: list[TimelinePost] = field(default_factory=list)
    pairs: list[DuplicatePair] = field(default_factory=list)
    fetches: list[FetchAttempt] = field(default_factory=list)
    merge_targets: list[tuple[str, str]] = field(default_factory=list)  # (source id, name)


def diff_segments(left: str, right: str) -> list[tuple[DiffTag, str, str]]:
    """Character-level differences of two texts (difflib), as (tag, left part, right part)."""
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    return [(tag, left[i1:i2], right[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def finding_detail(db: Database, finding_id: str) -> FindingDetail | None:
    rows = [r for r in list_findings(db, None) if r.id == finding_id]
    if not rows:
        return None
    finding = rows[0]
    with db.engine.connect() as conn:
        timeline = [
            TimelinePost(r[0], r[1], from_ms(int(r[2])), bool(r[3]))
            for r in conn.execute(
                text(
                    """SELECT i.id, i.title, i.published_at,
                              k.cluster IS NOT NULL AND k.cluster != i.rowid AND c.source_id != i.source_id
                       FROM items i LEFT JOIN item_clusters k ON k.item = i.rowid
                         LEFT JOIN items c ON c.rowid = k.cluster
                       WHERE i.source_id = :s AND NOT i.deleted ORDER BY i.published_at DESC LIMIT :n"""
                ),
                {"s": finding.source_id, "n": TIMELINE},
            )
        ]
        pair_rows = conn.execute(
            text(
                """SELECT i.title, i.content_html, i.summary, i.published_at,
                          c.title, c.content_html, c.summary, s.name, c.published_at
                   FROM items i JOIN item_clusters k ON k.item = i.rowid JOIN items c ON c.rowid = k.cluster
                     JOIN sources s ON s.id = c.source_id
                   WHERE i.source_id = :s AND NOT i.deleted AND k.cluster != i.rowid
                     AND c.source_id != i.source_id
                   ORDER BY i.published_at DESC LIMIT :n"""
            ),
            {"s": finding.source_id, "n": PAIRS},
        ).all()
        fetches = [
            FetchAttempt(from_ms(int(r[0])), bool(r[1]), r[2], r[3], int(r[4] or 0))
            for r in conn.execute(
                text(
                    "SELECT attempted_at, ok, status, error, new_items FROM fetch_history "
                    "WHERE source_id = :s ORDER BY attempted_at DESC LIMIT :n"
                ),
                {"s": finding.source_id, "n": FETCHES},
            )
        ]
    pairs = [
        DuplicatePair(
            title=r[0],
            text=plain_text(r[1], r[2]),
            published_at=from_ms(int(r[3])),
            original_title=r[4],
            original_text=plain_text(r[5], r[6]),
            original_source=r[7],
            original_published_at=from_ms(int(r[8])),
        )
        for r in pair_rows
    ]
    with db.session() as session:
        targets = session.execute(
            select(Source.id, Source.name)
            .where(
                Source.deleted.is_(False),
                Source.subscribed.is_(True),
                Source.merged_into_id.is_(None),
                Source.id != finding.source_id,
            )
            .order_by(Source.name)
        ).all()
    merge_targets = [(str(t[0]), str(t[1])) for t in targets]
    if finding.related_source_id:  # the suggested target first
        merge_targets.sort(key=lambda t: t[0] != finding.related_source_id)
    return FindingDetail(finding, timeline, pairs, fetches, merge_targets)


def plain_text(content_html: str | None, summary: str | None) -> str:
    """An item's text as lines (for the side-by-side view)."""
    body = html_to_text(content_html) if content_html else (summary or "")
    return "\n".join(line.strip() for line in body.splitlines() if line.strip())


def evidence_text(evidence: dict[str, Any]) -> str:
    return str(evidence.get("summary", ""))
