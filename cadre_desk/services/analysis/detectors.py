"""Detectors: from source facts (and a few evidence queries) to computed findings.

Each finding names its source, the kind, evidence for people (``summary`` plus counts, dates
and examples) and the minutes per month following the source costs. ``evidence_key`` holds
only the facts whose change should re-open a finding the user kept or dismissed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from cadre_desk.domain.enums import Category, FindingKind, Level, Platform, SourceKind
from cadre_desk.domain.labels import label
from cadre_desk.services.analysis.facts import AnalysisParams, SourceFacts
from cadre_desk.services.analysis.item_counts import (
    cluster_source_pairs,
    drop_cluster_sources,
    last_original_ms,
    latest_reposts,
    load_cluster_sources,
    originals_by_source,
    repost_origins,
)
from cadre_desk.storage.database import Database
from cadre_desk.storage.types import from_ms, to_ms

EXAMPLES = 5
MIN_ITEMS_FOR_SHARE = 5
LOW_VALUE_MINUTES = 30.0  # required operations per month from which "low value" is asked
LOW_VALUE_MAX_VALUED = 2  # items read/acted on per month at most
DEAD_MIN_FAILURES = 3  # failed attempts in a row before a source can count as dead


@dataclass(frozen=True)
class ComputedFinding:
    kind: FindingKind
    source_id: str
    related_source_id: str | None
    score: float
    minutes_saved_per_month: float
    evidence: dict[str, Any]
    evidence_key: tuple[Any, ...]


def _day(value: datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def _rank(level: str | None) -> int:
    try:
        return Level(level).rank if level else 0
    except ValueError:
        return 0


def _latest_posts(conn: Connection, source_id: str, limit: int = EXAMPLES) -> list[dict[str, Any]]:
    rows = conn.execute(
        text(
            "SELECT id, title, published_at FROM items WHERE source_id = :s AND NOT deleted "
            "ORDER BY published_at DESC LIMIT :n"
        ),
        {"s": source_id, "n": limit},
    ).all()
    return [{"item_id": r[0], "title": r[1], "published_at": from_ms(int(r[2])).isoformat()} for r in rows]


KEEP_CATEGORIES = (Category.LIVELIHOOD, Category.GOV_SERVICE)  # 政务服务、12345、社保: policy says keep


def _base(f: SourceFacts, params: AnalysisParams) -> dict[str, Any]:
    evidence: dict[str, Any] = {"source_name": f.name, "monthly_cost": f.monthly_cost(params)}
    if f.category in KEEP_CATEGORIES:
        evidence["keep_hint"] = True
    return evidence


# --------------------------------------------------------------------------- zombie / dead


def zombie_findings(
    conn: Connection, facts: dict[str, SourceFacts], params: AnalysisParams
) -> list[ComputedFinding]:
    """No new item for N days, or nothing but reposts for N days (mailboxes excluded)."""
    out: list[ComputedFinding] = []
    cutoff = params.now - timedelta(days=params.zombie_days)
    recent = originals_by_source(conn, to_ms(cutoff))
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
        counts = recent.get(f.id)
        if counts is not None and counts.total > 0 and counts.originals == 0:
            last = last_original_ms(conn, f.id)
            originals = {
                "total": counts.total,
                "last_original_at": from_ms(last).isoformat() if last else None,
            }
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


def dead_findings(
    conn: Connection, facts: dict[str, SourceFacts], params: AnalysisParams
) -> list[ComputedFinding]:
    """Fetching has failed again and again over at least ``dead_days`` (manual accounts are never
    fetched). One failed attempt, or a burst of failures within a day, is an outage, not a dead
    source: the streak must hold ``DEAD_MIN_FAILURES`` attempts spread over ``dead_days`` days."""
    out: list[ComputedFinding] = []
    span = timedelta(days=params.dead_days)
    rows = conn.execute(
        text(
            "SELECT source_id, last_success_at, last_attempt_at, consecutive_errors, last_error, last_status "
            "FROM source_fetch_state WHERE consecutive_errors >= :n"
        ),
        {"n": DEAD_MIN_FAILURES},
    ).all()
    for source_id, last_success, last_attempt, errors, last_error, last_status in rows:
        f = facts.get(source_id)
        if f is None or f.kind == SourceKind.MANUAL or last_attempt is None:
            continue
        first_failure = conn.execute(
            text(
                "SELECT min(attempted_at) FROM fetch_history "
                "WHERE source_id = :s AND NOT ok AND attempted_at > :after"
            ),
            {"s": source_id, "after": int(last_success or 0)},
        ).scalar()
        if first_failure is None:
            continue
        failing_since = from_ms(int(first_failure))
        if from_ms(int(last_attempt)) - failing_since < span:
            continue
        history = conn.execute(
            text(
                "SELECT attempted_at, ok, status, error FROM fetch_history WHERE source_id = :s "
                "ORDER BY attempted_at DESC LIMIT 10"
            ),
            {"s": source_id},
        ).all()
        days = (params.now - failing_since).days
        evidence = {
            **_base(f, params),
            "summary": f"已连续 {days} 天抓取失败（{errors} 次），最近错误：{last_error or '未知'}。",
            "days_failing": days,
            "failing_since": failing_since.isoformat(),
            "last_success_at": from_ms(int(last_success)).isoformat() if last_success else None,
            "consecutive_errors": int(errors),
            "last_error": last_error,
            "last_status": last_status,
            "attempts": [
                {
                    "attempted_at": from_ms(int(h[0])).isoformat(),
                    "ok": bool(h[1]),
                    "status": h[2],
                    "error": h[3],
                }
                for h in history
            ],
        }
        key = ("dead", int(last_success) if last_success else None)
        cost = f.monthly_cost(params)
        out.append(ComputedFinding(FindingKind.DEAD, f.id, None, float(days), cost["total"], evidence, key))
    return out


# --------------------------------------------------------------------------- reposts and overlap


def _pair_example(row: Sequence[Any], original_source: str) -> dict[str, Any]:
    """One repeated post beside the earlier one: (id, title, published) of each, in that order."""
    item_id, title, published, original_id, original_title, original_published = row
    return {
        "item_id": item_id,
        "title": title,
        "published_at": from_ms(int(published)).isoformat(),
        "original_item_id": original_id,
        "original_title": original_title,
        "original_published_at": from_ms(int(original_published)).isoformat(),
        "original_source": original_source,
    }


def repost_findings(
    conn: Connection, facts: dict[str, SourceFacts], params: AnalysisParams
) -> list[ComputedFinding]:
    """Most of what the source posts was first published elsewhere."""
    out: list[ComputedFinding] = []
    window_ms = to_ms(params.now - timedelta(days=params.window_days))
    candidates = [
        f
        for f in facts.values()
        if f.items_window >= MIN_ITEMS_FOR_SHARE and f.reposts_window / f.items_window >= params.repost_share
    ]
    by_source = repost_origins(conn, window_ms, {f.id for f in candidates})
    for f in candidates:
        share = f.reposts_window / f.items_window
        origins = by_source.get(f.id, [])
        main_origin = origins[0].source_id if origins else None
        main_count = origins[0].count if origins else 0
        main_name = origins[0].source_name if origins else ""
        rows = latest_reposts(conn, f.id, window_ms, EXAMPLES)
        evidence = {
            **_base(f, params),
            "summary": (
                f"最近 {params.window_days} 天 {f.items_window} 条内容中 {f.reposts_window} 条"
                f"（{share:.0%}）是转载，其中 {main_count} 条首发于「{main_name}」。"
            ),
            "share": round(share, 3),
            "items": f.items_window,
            "reposts": f.reposts_window,
            "origins": [
                {"source_id": o.source_id, "source_name": o.source_name, "count": o.count}
                for o in origins[:5]
            ],
            "examples": [_pair_example(r[:6], r[7]) for r in rows],
        }
        key = ("repost", round(share, 1), main_origin)
        cost = f.monthly_cost(params)
        out.append(
            ComputedFinding(FindingKind.REPOST, f.id, main_origin, share, cost["total"], evidence, key)
        )
    return out


def overlap_findings(
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
    # clusters is quadratic in the size of big clusters.
    rows = cluster_source_pairs(conn, window_ms)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    current: int | None = None
    members: list[str] = []

    def tally(sources: list[str]) -> None:
        present = [s for s in sources if s in facts]
        for a in present:
            for b in present:
                if a != b:
                    shared[(a, b)] += 1

    for cluster, source_id in rows:
        if cluster != current:
            tally(members)
            current, members = cluster, []
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
                   FROM items a JOIN item_clusters ka ON ka.item = a.rowid
                     JOIN item_clusters kb ON kb.cluster = ka.cluster JOIN items b ON b.rowid = kb.item
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


# --------------------------------------------------------------------------- duplicate accounts

_UNIT_NOISE = re.compile(r"[\s（）()·•]|官方|微信公众号|公众号|账号")


def _unit_key(unit: str) -> str:
    return _UNIT_NOISE.sub("", unit)


# 国办发〔2018〕123号 is about government new-media accounts: several columns of one portal or
# several work groups of one office are normal, so only these platforms are compared.
NEW_MEDIA = (
    Platform.WECHAT_ACCOUNT,
    Platform.WECHAT_MINIPROGRAM,
    Platform.APP,
    Platform.WEIBO,
    Platform.DOUYIN,
)


def duplicate_account_findings(
    facts: dict[str, SourceFacts], params: AnalysisParams
) -> list[ComputedFinding]:
    """More than one account of one unit on one platform (国办发〔2018〕123号: one is enough)."""
    groups: dict[tuple[str, str], list[SourceFacts]] = defaultdict(list)
    for f in facts.values():
        if f.owner_unit and f.kind != SourceKind.IMAP and f.platform in NEW_MEDIA:
            groups[(_unit_key(f.owner_unit), f.platform)].append(f)
    out: list[ComputedFinding] = []
    for (_unit, platform), members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda f: (-(f.items_window - f.reposts_window), -f.items_window, f.id))
        primary = members[0]
        listing = [
            {
                "source_id": m.id,
                "source_name": m.name,
                "items": m.items_window,
                "originals": m.items_window - m.reposts_window,
            }
            for m in members
        ]
        for extra in members[1:]:
            evidence = {
                **_base(extra, params),
                "summary": (
                    f"「{primary.owner_unit}」在{label(_platform(platform))}上有 {len(members)} 个账号，"
                    f"建议只关注原创最多的「{primary.name}」。"
                ),
                "owner_unit": primary.owner_unit,
                "platform": platform,
                "accounts": listing,
                "related_source_name": primary.name,
                "examples": [],
            }
            key = ("duplicate", primary.id, tuple(sorted(m.id for m in members)))
            cost = extra.monthly_cost(params)
            out.append(
                ComputedFinding(
                    FindingKind.DUPLICATE_ACCOUNT,
                    extra.id,
                    primary.id,
                    float(len(members)),
                    cost["total"],
                    evidence,
                    key,
                )
            )
    return out


def _platform(value: str) -> Any:
    try:
        return Platform(value)
    except ValueError:
        return Platform.OTHER


# --------------------------------------------------------------------------- value vs burden


def low_value_findings(facts: dict[str, SourceFacts], params: AnalysisParams) -> list[ComputedFinding]:
    """Required operations cost much time while almost nothing from the source is read or used."""
    out: list[ComputedFinding] = []
    for f in facts.values():
        minutes = f.operation_minutes_month
        if minutes < LOW_VALUE_MINUTES or f.valued_30d > LOW_VALUE_MAX_VALUED:
            continue
        evidence = {
            **_base(f, params),
            "summary": (
                f"每月规定操作约 {minutes:.0f} 分钟，但最近 30 天只阅读/使用了 {f.valued_30d} 条内容"
                f"（共 {f.items_30d} 条）。"
            ),
            "operation_minutes_month": round(minutes, 1),
            "required_minutes_month": round(f.required_minutes_month, 1),
            "logged_minutes_30d": round(f.logged_minutes_30d, 1),
            "valued_items_30d": f.valued_30d,
            "items_30d": f.items_30d,
            "requirements": [
                {
                    "title": r.title,
                    "operation_kind": r.operation_kind,
                    "expected_minutes": r.expected_minutes,
                    "per_month": r.per_month,
                    "minutes_per_month": round(r.minutes_per_month, 1),
                }
                for r in f.requirements
            ],
            "examples": [],
        }
        key = ("low_value", int(minutes // 30), min(f.valued_30d, LOW_VALUE_MAX_VALUED + 1))
        score = minutes / (1 + f.valued_30d)
        cost = f.monthly_cost(params)
        out.append(ComputedFinding(FindingKind.LOW_VALUE, f.id, None, score, cost["total"], evidence, key))
    return out


def detect_all(db: Database, facts: dict[str, SourceFacts], params: AnalysisParams) -> list[ComputedFinding]:
    duplicates = duplicate_account_findings(facts, params)
    keep_instead = {f.source_id: f.related_source_id for f in duplicates if f.related_source_id}
    with db.engine.connect() as conn:
        load_cluster_sources(conn)
        try:
            return [
                *zombie_findings(conn, facts, params),
                *dead_findings(conn, facts, params),
                *repost_findings(conn, facts, params),
                *overlap_findings(conn, facts, params, keep_instead),
                *duplicates,
                *low_value_findings(facts, params),
            ]
        finally:
            drop_cluster_sources(conn)
