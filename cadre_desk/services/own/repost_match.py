"""Does a run account's feed show the repost of a superior's item? The 减负 analysis' repost
detector, asked about one pair at a time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.domain.text_normalize import normalize_for_dedup
from cadre_desk.storage.item_clusters import clusters_of
from cadre_desk.storage.models import Item

SEARCH_WINDOW = timedelta(days=7)
EARLY_TOLERANCE = timedelta(minutes=10)  # the clocks of two platforms differ a little
MIN_TITLE_CHARS = 8
MAX_CANDIDATES = 500


def same_fold_group(a: Item, b: Item, clusters: Mapping[str, int]) -> bool:
    """The inbox's folding key: near-duplicate cluster (``clusters``: item id → cluster), else
    content hash, else canonical URL."""
    if a.id in clusters and b.id in clusters:
        return clusters[a.id] == clusters[b.id]
    if a.content_hash and a.content_hash == b.content_hash:
        return True
    return bool(a.canonical_url) and a.canonical_url == b.canonical_url


def same_title(a: Item, b: Item) -> bool:
    left, right = normalize_for_dedup(a.title or ""), normalize_for_dedup(b.title or "")
    return len(left) >= MIN_TITLE_CHARS and left == right


def find_repost(session: Session, original: Item, own_source_id: str) -> tuple[Item, str] | None:
    """The earliest item of ``own_source_id`` published after ``original`` that reposts it,
    with the reason in plain Chinese; None when there is none yet."""
    candidates = list(
        session.scalars(
            select(Item)
            .where(
                Item.source_id == own_source_id,
                Item.deleted.is_(False),
                Item.published_at >= original.published_at - EARLY_TOLERANCE,
                Item.published_at <= original.published_at + SEARCH_WINDOW,
            )
            .order_by(Item.published_at)
            .limit(MAX_CANDIDATES)
        )
    )
    if not candidates:
        return None
    clusters = clusters_of(session.connection(), [original.id, *(item.id for item in candidates)])
    for item in candidates:
        if same_fold_group(original, item, clusters):
            return item, "与上级条目在同一重复组（重复内容检测）"
    # numpy/datasketch load on first use only: the ingest hook is imported at start-up.
    import numpy as np

    from cadre_desk.services.analysis import signatures as sg
    from cadre_desk.services.analysis.clusters import is_near_duplicate

    batch = sg.signatures_of_items([(i.title, i.content_html, i.summary) for i in (original, *candidates)])
    if batch.sizes[0] > 0:
        est = sg.estimated_jaccard(np.repeat(batch.sigs[:1], len(candidates), axis=0), batch.sigs[1:])
        near = is_near_duplicate(est, np.repeat(batch.sizes[:1], len(candidates)), batch.sizes[1:])
        near &= batch.sizes[1:] > 0
        for position in np.flatnonzero(near):
            return candidates[int(position)], f"内容近似重复（估计相似度 {est[int(position)]:.2f}）"
    for item in candidates:
        if same_title(original, item):
            return item, "标题相同"
    return None
