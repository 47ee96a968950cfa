"""Repost detection on the labeled corpus meets its accuracy goals (and the corpus is hard)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.eval_reposts import evaluate
from benchmarks.repost_corpus import labeled_corpus
from cadre_desk.domain.text_normalize import normalize_item
from cadre_desk.services.analysis import clusters


def _shingles(title: str, body: str) -> set[str]:
    text = normalize_item(title, "".join(f"<p>{p}</p>" for p in body.split("\n")))
    return {text[i : i + 5] for i in range(len(text) - 4)}


def test_corpus_has_same_topic_hard_negatives() -> None:
    corpus = labeled_corpus(60, seed=11)
    sets = [_shingles(i.title, i.body) for i in corpus]
    hardest = max(
        len(sets[a] & sets[b]) / len(sets[a] | sets[b])
        for a in range(len(corpus))
        for b in range(a + 1, len(corpus))
        if corpus[a].topic == corpus[b].topic and corpus[a].group != corpus[b].group
    )
    assert hardest >= 0.35  # template siblings: much shared boilerplate, still different notices


def test_precision_and_recall_goals(tmp_path: Path) -> None:
    result = evaluate(originals=120, seed=5, root=tmp_path / "eval")
    assert result.true_pairs > 200
    assert result.precision >= 0.95
    assert result.recall >= 0.90


def test_a_loose_threshold_would_fail_precision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clusters, "JACCARD", 0.3)
    result = evaluate(originals=120, seed=5, root=tmp_path / "loose")
    assert result.precision < 0.95
