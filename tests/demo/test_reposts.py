"""Reposts and mirrors: later than their originals, near-duplicates in text, truth recoverable."""

from __future__ import annotations

import random
import re

from sqlalchemy import text

from cadre_desk.demo import DemoSummary, demo_repost_truth
from cadre_desk.domain.enums import Level
from cadre_desk.storage.database import Database

_TAGS = re.compile(r"<[^>]+>")


def _shingles(html: str, k: int = 5) -> set[str]:
    plain = re.sub(r"\s+", "", _TAGS.sub("", html))
    return {plain[i : i + k] for i in range(max(1, len(plain) - k + 1))}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _items(db: Database) -> dict[str, tuple]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT i.id, i.published_at, i.title, i.content_html, s.level, s.owner_unit, s.name,"
                " s.platform FROM items i JOIN sources s ON s.id = i.source_id"
            )
        )
        return {row[0]: tuple(row) for row in rows}


def test_truth_is_recoverable_from_the_profile(demo_db: Database, summary: DemoSummary) -> None:
    assert summary.manifest is not None and summary.manifest.exists()
    assert demo_repost_truth(demo_db) == summary.repost_truth
    reposts = [link for link in summary.repost_truth.values() if link.kind == "repost"]
    mirrors = [link for link in summary.repost_truth.values() if link.kind == "mirror"]
    assert len(reposts) == summary.reposts >= 0.04 * summary.items
    assert len(mirrors) == summary.mirrors >= 10


def test_reposts_are_later_and_come_from_higher_or_same_unit(demo_db: Database, summary: DemoSummary) -> None:
    items = _items(demo_db)
    chains = 0
    for link in summary.repost_truth.values():
        repost, original, parent = items[link.repost_id], items[link.original_id], items[link.parent_id]
        assert repost[1] > parent[1] >= original[1], "a repost is published after what it copies"
        assert link.original_id not in summary.repost_truth, "the original is not itself a repost"
        if link.kind == "mirror":
            assert (repost[5], repost[7]) == (parent[5], parent[7]), (
                "a mirror is the same unit's other account"
            )
        else:
            assert Level(repost[4]).rank <= Level(original[4]).rank
            assert repost[6] != original[6]
        chains += link.parent_id != link.original_id
    assert chains > 0, "some village accounts repost a township repost"


def test_reposts_are_near_duplicates_and_originals_are_not(demo_db: Database, summary: DemoSummary) -> None:
    items = _items(demo_db)
    similarities = sorted(
        _jaccard(_shingles(items[link.repost_id][3]), _shingles(items[link.original_id][3]))
        for link in summary.repost_truth.values()
    )
    median = similarities[len(similarities) // 2]
    assert median >= 0.7
    assert similarities[len(similarities) // 10] >= 0.45
    assert similarities[-1] < 1.0 or any(
        items[link.repost_id][2] != items[link.original_id][2] for link in summary.repost_truth.values()
    )
    # Unrelated originals of the same account rarely look alike: detection has a clean negative class.
    rng = random.Random(7)
    originals = [i for i in items if i not in summary.repost_truth]
    by_source: dict[str, list[str]] = {}
    for item_id in originals:
        by_source.setdefault(items[item_id][6], []).append(item_id)
    pairs = [tuple(rng.sample(ids, 2)) for ids in by_source.values() if len(ids) > 20 for _ in range(40)]
    unrelated = [_jaccard(_shingles(items[a][3]), _shingles(items[b][3])) for a, b in pairs]
    near = sum(value >= 0.7 for value in unrelated)
    assert near <= 0.01 * len(unrelated), f"{near} of {len(unrelated)} unrelated pairs look like reposts"


def test_repost_edits_are_varied(summary: DemoSummary) -> None:
    edits = [edit for link in summary.repost_truth.values() if link.kind == "repost" for edit in link.edits]
    for kind in ("source_line", "editor_note", "truncated", "title_prefix", "merged_paragraphs"):
        assert kind in edits
