"""The per-source analysis queries as they were before the set-based rewrite (issue 20 §4).

Kept as the reference of a differential test (``tests/analysis/test_findings_setbased.py``) and
for the before/after figures of ``benchmarks.bench_findings``: the same findings must come out
of both paths. Not used by the application.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from cadre_desk.domain.enums import FindingKind, SourceKind
from cadre_desk.services.analysis.detectors import (
    EXAMPLES,
    MIN_ITEMS_FOR_SHARE,
    ComputedFinding,
    _base,
    _day,
    _latest_posts,
    _pair_example,
    _rank,
    dead_findings,
    duplicate_account_findings,
    low_value_findings,
)
from cadre_desk.services.analysis.facts import (
    MONTH_DAYS,
    AnalysisParams,
    RequirementCost,
    SourceFacts,
    occurrences_per_month,
)
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item
from cadre_desk.storage.types import from_ms, to_ms


def _with_cluster_ids(conn: Connection) -> None:
    """``temp.ref_items``: items with ``cluster_id`` = their cluster's first publisher's id, as
    the analysis stored it before clusters moved to ``item_clusters`` (migration 0016)."""
    columns = ", ".join(c.name for c in Item.__table__.columns if c.name != "cluster_id")
    conn.execute(
        text(
            f"""CREATE TEMP VIEW IF NOT EXISTS ref_items AS SELECT {columns},
                (SELECT c.id FROM item_clusters k JOIN items c ON c.rowid = k.cluster
                 WHERE k.item = items.rowid) AS cluster_id
            FROM items"""
        )
    )


def _rows(conn: Connection, sql: str, **params: Any) -> list[Any]:
    return list(conn.execute(text(sql), params).all())


def reference_facts(db: Database, params: AnalysisParams) -> dict[str, SourceFacts]:
    """Facts of every subscribed, live source."""
    now_ms = to_ms(params.now)
    window_ms = to_ms(params.now - timedelta(days=params.window_days))
    month_ms = to_ms(params.now - timedelta(days=MONTH_DAYS))
    facts: dict[str, SourceFacts] = {}
    with db.engine.connect() as conn:
        _with_cluster_ids(conn)
        for r in _rows(
            conn,
            """SELECT s.id, s.name, s.kind, s.platform, s.owner_unit, s.level, s.category, s.created_at,
                      s.keep_reason, st.last_item_at
               FROM sources s LEFT JOIN source_stats st ON st.source_id = s.id
               WHERE NOT s.deleted AND s.subscribed AND s.merged_into_id IS NULL""",
        ):
            facts[r[0]] = SourceFacts(
                id=r[0],
                name=r[1],
                kind=r[2],
                platform=r[3],
                owner_unit=r[4],
                level=r[5],
                category=r[6],
                created_at=from_ms(int(r[7])),
                keep_reason=r[8],
                last_item_at=from_ms(int(r[9])) if r[9] else None,
            )
        for source_id, window, month, valued in _rows(
            conn,
            """SELECT source_id, count(*), sum(published_at >= :m),
                      sum(published_at >= :m AND (is_read OR is_starred))
               FROM items WHERE NOT deleted AND published_at >= :w AND published_at <= :now
               GROUP BY source_id""",
            m=month_ms,
            w=window_ms,
            now=now_ms,
        ):
            if source_id in facts:
                f = facts[source_id]
                f.items_window, f.items_30d, f.valued_30d = int(window), int(month or 0), int(valued or 0)
        for source_id, reposts in _rows(
            conn,
            """SELECT i.source_id, count(*) FROM ref_items i JOIN ref_items c ON c.id = i.cluster_id
               WHERE NOT i.deleted AND i.published_at >= :w AND i.published_at <= :now
                 AND i.cluster_id != i.id AND c.source_id != i.source_id GROUP BY i.source_id""",
            w=window_ms,
            now=now_ms,
        ):
            if source_id in facts:
                facts[source_id].reposts_window = int(reposts)
        for source_id, acted in _rows(
            conn,
            """SELECT i.source_id, count(DISTINCT o.item_id)
               FROM operation_logs o JOIN items i ON i.id = o.item_id
               WHERE NOT o.deleted AND o.performed_at >= :m AND o.performed_at <= :now
                 AND NOT (i.is_read OR i.is_starred) GROUP BY i.source_id""",
            m=month_ms,
            now=now_ms,
        ):
            if source_id in facts:
                facts[source_id].valued_30d += int(acted)
        for source_id, minutes in _rows(
            conn,
            """SELECT source_id, sum(minutes) FROM operation_logs o
               WHERE NOT deleted AND source_id IS NOT NULL AND performed_at >= :m AND performed_at <= :now
                 AND NOT EXISTS (SELECT 1 FROM operation_logs s WHERE s.supersedes_id = o.id)
               GROUP BY source_id""",
            m=month_ms,
            now=now_ms,
        ):
            if source_id in facts:
                facts[source_id].logged_minutes_30d = float(minutes or 0)
        for source_id, title, kind, rule, minutes, starts_on in _rows(
            conn,
            """SELECT source_id, title, operation_kind, rrule, expected_minutes, starts_on FROM requirements
               WHERE NOT deleted AND active AND source_id IS NOT NULL
                 AND (ends_on IS NULL OR ends_on >= :now) AND (starts_on IS NULL OR starts_on <= :horizon)""",
            now=now_ms,
            horizon=to_ms(params.now + timedelta(days=MONTH_DAYS)),
        ):
            if source_id not in facts:
                continue
            start = from_ms(int(starts_on)) if starts_on else params.now - timedelta(days=1)
            per_month = occurrences_per_month(rule, facts[source_id].items_30d, start, params.now)
            facts[source_id].requirements.append(RequirementCost(title, kind, float(minutes or 0), per_month))
    return facts


def reference_zombie_findings(
    conn: Connection, facts: dict[str, SourceFacts], params: AnalysisParams
) -> list[ComputedFinding]:
    """No new item for N days, or nothing but reposts for N days (mailboxes excluded)."""
    out: list[ComputedFinding] = []
    cutoff = params.now - timedelta(days=params.zombie_days)
    for f in facts.values():
        if f.kind == SourceKind.IMAP or f.created_at > cutoff:
            continue
        cost = f.monthly_cost(params)
        if f.last_item_at is None or f.last_item_at <= cutoff:
            silent_since = f.last_item_at or f.created_at
            days = (params.now - silent_since).days
            summary = (
                f"已 {days} 天没有发布新内容（最后一条：{_day(f.last_item_at)}）"
                if f.last_item_at
                else f"关注 {days} 天以来从未发布内容"
            )
            evidence = {
                **_base(f, params),
                "reason": "silent",
                "summary": summary + f"，超过 {params.zombie_days} 天的僵尸账号标准。",
                "days_silent": days,
                "last_item_at": f.last_item_at.isoformat() if f.last_item_at else None,
                "threshold_days": params.zombie_days,
                "examples": _latest_posts(conn, f.id),
            }
            key: tuple[Any, ...] = ("silent", to_ms(f.last_item_at) if f.last_item_at else None)
            out.append(
                ComputedFinding(FindingKind.ZOMBIE, f.id, None, float(days), cost["total"], evidence, key)
            )
            continue
        originals = _originals_since(conn, f.id, cutoff)
        if originals["total"] > 0 and originals["originals"] == 0:
            evidence = {
                **_base(f, params),
                "reason": "only_reposts",
                "summary": (
                    f"最近 {params.zombie_days} 天发布的 {originals['total']} 条内容全部是转载，没有原创。"
                ),
                "items_in_period": originals["total"],
                "threshold_days": params.zombie_days,
                "last_original_at": originals["last_original_at"],
                "examples": _latest_posts(conn, f.id),
            }
            key = ("only_reposts", originals["last_original_at"])
            out.append(
                ComputedFinding(
                    FindingKind.ZOMBIE, f.id, None, float(params.zombie_days), cost["total"], evidence, key
                )
            )
    return out


def _originals_since(conn: Connection, source_id: str, since: datetime) -> dict[str, Any]:
    row = conn.execute(
        text(
            """SELECT count(*),
                      sum(i.cluster_id IS NULL OR i.cluster_id = i.id OR c.source_id = i.source_id)
               FROM ref_items i LEFT JOIN ref_items c ON c.id = i.cluster_id
               WHERE i.source_id = :s AND NOT i.deleted AND i.published_at >= :since"""
        ),
        {"s": source_id, "since": to_ms(since)},
    ).one()
    last = conn.execute(
        text(
            """SELECT max(i.published_at) FROM ref_items i LEFT JOIN ref_items c ON c.id = i.cluster_id
               WHERE i.source_id = :s AND NOT i.deleted
                 AND (i.cluster_id IS NULL OR i.cluster_id = i.id OR c.source_id = i.source_id)"""
        ),
        {"s": source_id},
    ).scalar()
    return {
        "total": int(row[0] or 0),
        "originals": int(row[1] or 0),
        "last_original_at": from_ms(int(last)).isoformat() if last else None,
    }


def reference_repost_findings(
    conn: Connection, facts: dict[str, SourceFacts], params: AnalysisParams
) -> list[ComputedFinding]:
    """Most of what the source posts was first published elsewhere."""
    out: list[ComputedFinding] = []
    window_ms = to_ms(params.now - timedelta(days=params.window_days))
    for f in facts.values():
        if f.items_window < MIN_ITEMS_FOR_SHARE:
            continue
        share = f.reposts_window / f.items_window
        if share < params.repost_share:
            continue
        rows = conn.execute(
            text(
                """SELECT i.id, i.title, i.published_at, c.id, c.title, c.published_at, c.source_id, s.name
                   FROM ref_items i JOIN ref_items c ON c.id = i.cluster_id
                     JOIN sources s ON s.id = c.source_id
                   WHERE i.source_id = :s AND NOT i.deleted AND i.published_at >= :w
                     AND i.cluster_id != i.id AND c.source_id != i.source_id
                   ORDER BY i.published_at DESC"""
            ),
            {"s": f.id, "w": window_ms},
        ).all()
        by_origin = Counter(r[6] for r in rows)
        main_origin, main_count = by_origin.most_common(1)[0] if by_origin else (None, 0)
        names = {r[6]: r[7] for r in rows}
        evidence = {
            **_base(f, params),
            "summary": (
                f"最近 {params.window_days} 天 {f.items_window} 条内容中 {f.reposts_window} 条"
                f"（{share:.0%}）是转载，其中 {main_count} 条首发于「{names.get(main_origin, '')}」。"
            ),
            "share": round(share, 3),
            "items": f.items_window,
            "reposts": f.reposts_window,
            "origins": [
                {"source_id": s, "source_name": names[s], "count": n} for s, n in by_origin.most_common(5)
            ],
            "examples": [_pair_example(r[:6], r[7]) for r in rows[:EXAMPLES]],
        }
        key = ("repost", round(share, 1), main_origin)
        cost = f.monthly_cost(params)
        out.append(
            ComputedFinding(FindingKind.REPOST, f.id, main_origin, share, cost["total"], evidence, key)
        )
    return out


def reference_overlap_findings(
    conn: Connection,
    facts: dict[str, SourceFacts],
    params: AnalysisParams,
    keep_instead: dict[str, str] | None = None,
) -> list[ComputedFinding]:
    """Pairs of sources whose items mostly fall into the same clusters: follow one of them.

    ``keep_instead`` maps an account to the one a duplicate-account finding keeps instead of it:
    the overlap never advises the opposite (adopting both would drop both accounts)."""
    keep_instead = keep_instead or {}
    window_ms = to_ms(params.now - timedelta(days=params.window_days))
    # Distinct (cluster, source) pairs, counted per source pair in Python: a self-join on
    # cluster_id is quadratic in the size of big clusters.
    rows = conn.execute(
        text(
            """SELECT DISTINCT cluster_id, source_id FROM ref_items
               WHERE cluster_id IS NOT NULL AND NOT deleted AND published_at >= :w
               ORDER BY cluster_id"""
        ),
        {"w": window_ms},
    )
    shared: dict[tuple[str, str], int] = defaultdict(int)
    current: str | None = None
    members: list[str] = []

    def tally(sources: list[str]) -> None:
        present = [s for s in sources if s in facts]
        for a in present:
            for b in present:
                if a != b:
                    shared[(a, b)] += 1

    for cluster_id, source_id in rows:
        if cluster_id != current:
            tally(members)
            current, members = cluster_id, []
        members.append(source_id)
    tally(members)
    out: list[ComputedFinding] = []
    done: set[frozenset[str]] = set()
    for (a, b), count in sorted(shared.items()):
        pair = frozenset((a, b))
        if pair in done:
            continue
        fa, fb = facts[a], facts[b]
        share_a = count / fa.items_window if fa.items_window else 0.0
        share_b = shared.get((b, a), 0) / fb.items_window if fb.items_window else 0.0
        # Suggest dropping the lower-level account (the higher one usually publishes first), or on
        # one level the one that overlaps more; the other one if only it overlaps enough.
        ordered = sorted(
            ((share_a, fa, fb), (share_b, fb, fa)), key=lambda c: (_rank(c[1].level), -c[0], c[1].id)
        )
        candidates = [
            c
            for c in ordered
            if c[0] >= params.overlap_share
            and c[1].items_window >= MIN_ITEMS_FOR_SHARE
            and keep_instead.get(c[2].id) != c[1].id
        ]
        if not candidates:
            continue
        done.add(pair)
        share, drop, keep = candidates[0]
        examples = conn.execute(
            text(
                """SELECT a.id, a.title, a.published_at, b.id, b.title, b.published_at
                   FROM ref_items a JOIN ref_items b ON b.cluster_id = a.cluster_id
                   WHERE a.source_id = :a AND b.source_id = :b AND NOT a.deleted AND NOT b.deleted
                     AND a.published_at >= :w
                   ORDER BY a.published_at DESC LIMIT :n"""
            ),
            {"a": drop.id, "b": keep.id, "w": window_ms, "n": EXAMPLES},
        ).all()
        evidence = {
            **_base(drop, params),
            "summary": (
                f"最近 {params.window_days} 天「{drop.name}」{drop.items_window} 条内容中约 {share:.0%} "
                f"与「{keep.name}」重复，关注其中一个即可。"
            ),
            "share": round(share, 3),
            "shared_clusters": shared.get((drop.id, keep.id), 0),
            "items": drop.items_window,
            "related_source_name": keep.name,
            "examples": [_pair_example(r, keep.name) for r in examples],
        }
        key = ("overlap", keep.id, round(share, 1))
        cost = drop.monthly_cost(params)
        out.append(
            ComputedFinding(FindingKind.OVERLAP, drop.id, keep.id, share, cost["total"], evidence, key)
        )
    return out


def reference_findings(db: Database, params: AnalysisParams) -> list[ComputedFinding]:
    """``detect_all(gather_facts(...))`` as computed before the rewrite."""
    facts = reference_facts(db, params)
    duplicates = duplicate_account_findings(facts, params)
    keep_instead = {f.source_id: f.related_source_id for f in duplicates if f.related_source_id}
    with db.engine.connect() as conn:
        _with_cluster_ids(conn)
        return [
            *reference_zombie_findings(conn, facts, params),
            *dead_findings(conn, facts, params),
            *reference_repost_findings(conn, facts, params),
            *reference_overlap_findings(conn, facts, params, keep_instead),
            *duplicates,
            *low_value_findings(facts, params),
        ]
