"""Precision and recall of repost detection on a labeled corpus (``repost_corpus``).

    python -m benchmarks.eval_reposts [--originals 240] [--seed 7]

Items go through the real pipeline (real SQLite profile, ``rebuild_clusters``); two items are
predicted reposts of each other when they end up in one cluster. Precision and recall count
pairs: a true pair is two items of one labeled group. Hard negatives (same topic, different
notice) are reported separately.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from benchmarks.repost_corpus import LabeledItem, labeled_corpus
from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.clusters import rebuild_clusters
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.models import Item, Source

START = datetime(2026, 6, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Scores:
    items: int
    true_pairs: int
    predicted_pairs: int
    true_positive_pairs: int
    same_topic_false_pairs: int

    @property
    def precision(self) -> float:
        return self.true_positive_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive_pairs / self.true_pairs if self.true_pairs else 1.0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def load_corpus(db: Database, corpus: list[LabeledItem], seed: int = 1) -> list[str]:
    """Insert the corpus (originals from county accounts, reposts from township/village ones)."""
    rng = random.Random(seed)
    levels = ["county", "township", "village"]
    sources = []
    with db.session() as session:
        for n in range(30):
            source = Source(
                kind="rss",
                name=f"账号{n}",
                platform="wechat_account",
                level=levels[n % 3],
                category="news",
                created_at=START - timedelta(days=100),
            )
            session.add(source)
            sources.append(source)
    county = [s.id for s in sources if s.level == "county"]
    others = [s.id for s in sources if s.level != "county"]
    ids: list[str] = []
    rows = []
    for item in corpus:
        item_id = new_id()
        ids.append(item_id)
        published = START + timedelta(hours=item.group * 3 + (0 if item.is_original else rng.randint(1, 48)))
        rows.append(
            {
                "id": item_id,
                "source_id": rng.choice(county if item.is_original else others),
                "guid": item_id,
                "title": item.title,
                "published_at": published,
                "fetched_at": published,
                "content_html": "".join(f"<p>{p}</p>" for p in item.body.split("\n")),
                "summary": item.body[:200],
                **db.stamp_columns(),
            }
        )
    with db.session() as session:
        session.execute(insert(Item), rows)
    return ids


def score(corpus: list[LabeledItem], clusters: list[str]) -> Scores:
    """Pair counting over (true group, predicted cluster) without listing the pairs."""
    group_sizes = Counter(item.group for item in corpus)
    cluster_sizes = Counter(clusters)
    both = Counter(zip((item.group for item in corpus), clusters, strict=True))
    topic_sizes = Counter(zip((item.topic for item in corpus), clusters, strict=True))
    topic_true = Counter(
        zip((item.topic for item in corpus), (item.group for item in corpus), clusters, strict=True)
    )
    same_topic_predicted = sum(_pairs(n) for n in topic_sizes.values())
    same_topic_true = sum(_pairs(n) for n in topic_true.values())
    return Scores(
        items=len(corpus),
        true_pairs=sum(_pairs(n) for n in group_sizes.values()),
        predicted_pairs=sum(_pairs(n) for n in cluster_sizes.values()),
        true_positive_pairs=sum(_pairs(n) for n in both.values()),
        same_topic_false_pairs=same_topic_predicted - same_topic_true,
    )


def evaluate(originals: int = 240, seed: int = 7, root: Path | None = None) -> Scores:
    corpus = labeled_corpus(originals, seed)
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(root or Path(tmp)).ensure()
        db = open_database(paths)
        try:
            ids = load_corpus(db, corpus)
            rebuild_clusters(db, paths.root, workers=1)
            with db.engine.connect() as conn:
                assigned = dict(conn.execute(text("SELECT id, cluster_id FROM items")).all())
        finally:
            db.close()
    # A singleton is its own cluster.
    clusters = [assigned[item_id] or item_id for item_id in ids]
    return score(corpus, clusters)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, default=240)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    result = evaluate(args.originals, args.seed)
    print(f"labeled items: {result.items}  (originals {args.originals}, seed {args.seed})")
    print(f"true repost pairs: {result.true_pairs}  predicted pairs: {result.predicted_pairs}")
    print(f"precision: {result.precision:.3f}  (goal >= 0.95)")
    print(f"recall:    {result.recall:.3f}  (goal >= 0.90)")
    print(f"same-topic hard negatives wrongly joined: {result.same_topic_false_pairs} pairs")
    return 0 if result.precision >= 0.95 and result.recall >= 0.90 else 1


if __name__ == "__main__":
    raise SystemExit(main())
