"""Precision and recall of repost detection on labeled pairs (``notice_pairs``).

    python -m benchmarks.eval_reposts [--reposts 120] [--different 100] [--seed 13]
    python -m benchmarks.eval_reposts --pairs held_out.jsonl      # a held-out set, same format
    python -m benchmarks.eval_reposts --write pairs.jsonl         # save the generated set
    python -m benchmarks.eval_reposts --corpus                    # the older group corpus too

Every item of every pair goes into one real SQLite profile (so pairs can also chain into each
other, as in a real inbox) and through ``rebuild_clusters`` at default settings. A pair is
predicted "same notice" when both items end up in one cluster. Goals: precision ≥ 0.97,
recall ≥ 0.92. Each different-notice pair is printed with its shingle Jaccard (all ≥ 0.65:
MinHash alone would join them).

``--corpus`` also scores ``repost_corpus`` (groups of reposts, pair counting over groups).
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

from benchmarks.notice_pairs import LabeledPair, labeled_pairs, read_pairs, shingle_jaccard, write_pairs
from benchmarks.repost_corpus import LabeledItem, labeled_corpus
from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.clusters import rebuild_clusters
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.item_clusters import first_publishers
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
                assigned = {
                    item: None for item in conn.execute(text("SELECT id FROM items")).scalars()
                } | first_publishers(conn)
        finally:
            db.close()
    # A singleton is its own cluster.
    clusters = [assigned[item_id] or item_id for item_id in ids]
    return score(corpus, clusters)


@dataclass(frozen=True)
class PairScores:
    pairs: int
    reposts: int
    different: int
    joined_reposts: int
    joined_different: int
    cross_pair_joins: int  # items of two different pairs in one cluster
    joined: tuple[bool, ...]  # per pair, in input order

    @property
    def precision(self) -> float:
        predicted = self.joined_reposts + self.joined_different
        return self.joined_reposts / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        return self.joined_reposts / self.reposts if self.reposts else 1.0


def load_pairs(db: Database, pairs: list[LabeledPair], seed: int = 1) -> list[tuple[str, str]]:
    """Insert both items of every pair: the first from a county account, the second from a
    township or village one 1–30 hours later; pairs three hours apart (so neighbours overlap)."""
    rng = random.Random(seed)
    with db.session() as session:
        sources = [
            Source(
                kind="rss",
                name=f"账号{n}",
                platform="wechat_account",
                level=["county", "township", "village"][n % 3],
                category="news",
                created_at=START - timedelta(days=100),
            )
            for n in range(30)
        ]
        session.add_all(sources)
    county = [s.id for s in sources if s.level == "county"]
    others = [s.id for s in sources if s.level != "county"]
    rows, ids = [], []
    for n, pair in enumerate(pairs):
        first = START + timedelta(hours=n * 3)
        pair_ids = []
        for doc, source, published in (
            (pair.a, rng.choice(county), first),
            (pair.b, rng.choice(others), first + timedelta(hours=rng.randint(1, 30))),
        ):
            item_id = new_id()
            pair_ids.append(item_id)
            rows.append(
                {
                    "id": item_id,
                    "source_id": source,
                    "guid": item_id,
                    "title": doc.title,
                    "published_at": published,
                    "fetched_at": published,
                    "content_html": doc.html,
                    **db.stamp_columns(),
                }
            )
        ids.append((pair_ids[0], pair_ids[1]))
    with db.session() as session:
        session.execute(insert(Item), rows)
    return ids


def evaluate_pairs(pairs: list[LabeledPair], root: Path | None = None) -> PairScores:
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(root or Path(tmp)).ensure()
        db = open_database(paths)
        try:
            ids = load_pairs(db, pairs)
            rebuild_clusters(db, paths.root, workers=1)
            with db.engine.connect() as conn:
                assigned = {
                    item: None for item in conn.execute(text("SELECT id FROM items")).scalars()
                } | first_publishers(conn)
        finally:
            db.close()
    cluster = {item: assigned[item] or item for pair_ids in ids for item in pair_ids}
    joined = tuple(cluster[a] == cluster[b] for a, b in ids)
    pair_of_cluster: dict[str, set[int]] = {}
    for n, (a, b) in enumerate(ids):
        for item in (a, b):
            pair_of_cluster.setdefault(cluster[item], set()).add(n)
    cross = sum(len(members) - 1 for members in pair_of_cluster.values() if len(members) > 1)
    return PairScores(
        pairs=len(pairs),
        reposts=sum(p.is_repost for p in pairs),
        different=sum(not p.is_repost for p in pairs),
        joined_reposts=sum(j for j, p in zip(joined, pairs, strict=True) if p.is_repost),
        joined_different=sum(j for j, p in zip(joined, pairs, strict=True) if not p.is_repost),
        cross_pair_joins=cross,
        joined=joined,
    )


def _print_pairs(pairs: list[LabeledPair], result: PairScores, verbose: bool) -> None:
    print("different-notice pairs (shingle Jaccard, slots that differ, joined?):")
    for pair, joined in zip(pairs, result.joined, strict=True):
        if not pair.is_repost:
            mark = "JOINED (wrong)" if joined else "kept apart"
            print(
                f"  J={shingle_jaccard(pair.a, pair.b):.3f}  {pair.topic:5}  {'+'.join(pair.how):28} {mark}"
            )
    missed = [(p, j) for p, j in zip(pairs, result.joined, strict=True) if p.is_repost and not j]
    if missed:
        print("reposts not joined (edits, shingle Jaccard):")
        for pair, _ in missed:
            print(f"  {'+'.join(pair.how):24} J={shingle_jaccard(pair.a, pair.b):.3f}  {pair.b.title}")
    if verbose:
        by_edit: dict[str, list[int]] = {}
        for pair, joined in zip(pairs, result.joined, strict=True):
            if pair.is_repost:
                for edit in pair.how:
                    by_edit.setdefault(edit, [0, 0])
                    by_edit[edit][0] += joined
                    by_edit[edit][1] += 1
        print("reposts joined by edit: " + ", ".join(f"{e} {h}/{n}" for e, (h, n) in sorted(by_edit.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reposts", type=int, default=120)
    parser.add_argument("--different", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--pairs", type=Path, help="score this JSON-lines pair file instead")
    parser.add_argument("--write", type=Path, help="write the generated pairs to this file")
    parser.add_argument("--corpus", action="store_true", help="also score the older repost_corpus")
    parser.add_argument("--quiet", action="store_true", help="no per-pair lines")
    args = parser.parse_args()
    pairs = read_pairs(args.pairs) if args.pairs else labeled_pairs(args.reposts, args.different, args.seed)
    if args.write:
        write_pairs(pairs, args.write)
    result = evaluate_pairs(pairs)
    if not args.quiet:
        _print_pairs(pairs, result, verbose=True)
    low = min((shingle_jaccard(p.a, p.b) for p in pairs if not p.is_repost), default=0.0)
    origin = str(args.pairs) if args.pairs else f"generated, seed {args.seed}"
    print(f"labeled pairs: {result.pairs} ({origin}): {result.reposts} reposts, {result.different} different")
    print(f"lowest shingle Jaccard among different-notice pairs: {low:.3f}")
    print(f"joined: {result.joined_reposts} reposts, {result.joined_different} different notices")
    print(f"precision: {result.precision:.3f}  (goal >= 0.97)")
    print(f"recall:    {result.recall:.3f}  (goal >= 0.92)")
    print(f"items of different pairs that share a cluster: {result.cross_pair_joins}")
    ok = result.precision >= 0.97 and result.recall >= 0.92
    if args.corpus:
        old = evaluate()
        print(f"repost_corpus ({old.items} items): precision {old.precision:.3f}, recall {old.recall:.3f}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
