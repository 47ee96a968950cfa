"""Redundancy analysis speed: full rebuild of the near-duplicate index, incremental update of
1,000 new items, findings refresh, peak RSS.

    python -m benchmarks.bench_analysis [--items 100000] [--incremental 1000] [--workers 2]

Goals (issue 7): incremental 1,000 items ≤ 1 s; full rebuild over 1,000,000 items ≤ 60 s
(run with ``--items 1000000``); memory bounded. Uses the demo generator,
or (``--corpus``) notices and reposts from ``benchmarks.repost_corpus``.
Demo profiles come from the shared cache (``benchmarks.profiles``) and are copied first.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from benchmarks.repost_corpus import TOPICS, original, repost
from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.clusters import rebuild_clusters, update_clusters
from cadre_desk.services.analysis.facts import AnalysisParams
from cadre_desk.services.analysis.findings import refresh_findings
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.item_clusters import first_publishers
from cadre_desk.storage.models import Item, Source

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class TreeRss:
    """Samples the summed RSS of this process and its children (the rebuild's workers) every
    0.2 s from /proc (Linux). A spawned worker's ``ru_maxrss`` starts from its parent's at the
    fork, so RUSAGE_CHILDREN cannot tell how large a worker really was."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak_kb = max(self.peak_kb, _tree_kb(os.getpid()))


def _tree_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    stack.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return total


def _peak_rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _cpu_seconds() -> tuple[float, float]:
    """User + system CPU of this process and of its finished children (the rebuild's pools)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _sources(db: Database, count: int = 60) -> list[str]:
    levels = ["city", "county", "county", "township", "township", "village"]
    with db.session() as session:
        rows = [
            Source(
                kind="rss",
                name=f"账号{n}",
                platform="wechat_account",
                level=levels[n % len(levels)],
                category="news",
                created_at=NOW - timedelta(days=200),
            )
            for n in range(count)
        ]
        session.add_all(rows)
    return [s.id for s in rows]


def corpus_items(db: Database, count: int, seed: int, start: datetime, days: int = 90) -> int:
    """Bulk-insert ``count`` items: originals on random topics, ~40 % of them reposted."""
    rng = random.Random(seed)
    sources = _sources(db)
    topics = sorted(TOPICS)
    batch: list[dict[str, object]] = []
    written = 0
    recent: list[tuple[str, list[str]]] = []
    span = days * 86400
    while written < count:
        if recent and rng.random() < 0.4:
            title, body = repost(rng, *rng.choice(recent))
        else:
            title, paragraphs, _ = original(rng, rng.choice(topics))
            recent.append((title, paragraphs))
            recent = recent[-200:]
            body = "\n".join(paragraphs)
        item_id = new_id()
        published = start + timedelta(seconds=rng.randrange(span))
        batch.append(
            {
                "id": item_id,
                "source_id": rng.choice(sources),
                "guid": item_id,
                "title": title,
                "published_at": published,
                "fetched_at": published,
                "content_html": "".join(f"<p>{p}</p>" for p in body.split("\n")),
                "summary": body[:120],
                **db.stamp_columns(),
            }
        )
        written += 1
        if len(batch) >= 20_000 or written == count:
            with db.session() as session:
                session.execute(insert(Item), batch)
            batch = []
    return written


def demo_recall(db: Database) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """Reposts of the demo (its ground truth) found in their original's cluster: (found, total, by edit)."""
    from cadre_desk.demo import demo_repost_truth

    truth = demo_repost_truth(db)
    with db.engine.connect() as conn:
        cluster = first_publishers(conn)
    found = 0
    by_edit: dict[str, list[int]] = {}
    for link in truth.values():
        hit = cluster.get(link.repost_id) is not None and cluster.get(link.repost_id) == cluster.get(
            link.original_id
        )
        found += hit
        for edit in link.edits or ("none",):
            counts = by_edit.setdefault(edit, [0, 0])
            counts[0] += hit
            counts[1] += 1
    return found, len(truth), {k: (v[0], v[1]) for k, v in by_edit.items()}


def prepared_profile(items: int, workdir: Path, source: Path | None = None) -> Path:
    """A private copy of the cached demo profile (benchmarks must not change shared caches)."""
    from benchmarks.profiles import ensure_profile_apart

    cached = source or ensure_profile_apart(items)
    target = workdir / "profile"
    target.mkdir(parents=True)
    for name in ("cadre_desk.db", "demo-manifest.json"):
        if (cached / name).exists():
            shutil.copy2(cached / name, target / name)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description="redundancy analysis benchmark")
    parser.add_argument("--items", type=int, default=100_000, help="demo profile size (1000000 for the goal)")
    parser.add_argument("--incremental", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", action="store_true", help="use repost_corpus items instead of the demo")
    parser.add_argument("--profile", type=Path, default=None, help="copy this existing demo profile instead")
    parser.add_argument(
        "--no-second", action="store_true", help="skip the second full rebuild (the summary's time budget)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-analysis-") as tmp:
        started = time.perf_counter()
        if args.corpus:
            paths = DataPaths(Path(tmp) / "profile").ensure()
            db = open_database(paths)
            corpus_items(db, args.items, seed=1, start=NOW - timedelta(days=90))
            origin = "repost corpus"
        else:
            paths = DataPaths(prepared_profile(args.items, Path(tmp), args.profile)).ensure()
            db = open_database(paths)
            origin = "demo generator (cached profile, copied)"
        print(f"profile: {args.items:,} items from {origin}, ready in {time.perf_counter() - started:.1f} s")
        try:
            before = _peak_rss_mb()[0]
            load_before, cpu_before = os.getloadavg(), _cpu_seconds()
            with TreeRss() as tree:
                run = rebuild_clusters(db, paths.root, workers=args.workers)
            own, _children = _peak_rss_mb()
            cpu = [after - start for after, start in zip(_cpu_seconds(), cpu_before, strict=True)]
            load = f"{load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after"
            with db.engine.connect() as conn:
                clustered = conn.execute(text("SELECT count(*) FROM item_clusters")).scalar_one()
                largest = (
                    conn.execute(
                        text("SELECT count(*) FROM item_clusters GROUP BY cluster ORDER BY 1 DESC LIMIT 5")
                    )
                    .scalars()
                    .all()
                )
            print(
                f"full rebuild: {run.items_signed:,} items in {run.seconds:.1f} s "
                f"({run.items_signed / max(run.seconds, 1e-9):,.0f} items/s, {args.workers} workers), "
                f"{run.changed_rows:,} cluster ids written, {clustered:,} items in clusters "
                f"(largest: {', '.join(map(str, largest))})"
            )
            print(
                f"  of which text check: {run.pairs_checked:,} candidate pairs in {run.check_seconds:.1f} s "
                f"({run.check_seconds / max(run.seconds, 1e-9):.0%} of the rebuild)"
            )
            print("  steps: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in run.phases))
            print(
                f"  CPU: {cpu[0] + cpu[1]:.1f} s (this process {cpu[0]:.1f} s, workers {cpu[1]:.1f} s); "
                f"load average (1 min) {load}"
            )
            print(
                f"peak RSS: main process {own:.0f} MB (before rebuild {before:.0f} MB), "
                f"whole process tree during the rebuild {tree.peak_kb / 1024:.0f} MB (sampled)"
            )
            from cadre_desk.demo import DemoError

            if not args.corpus:
                try:
                    found, total, by_edit = demo_recall(db)
                except DemoError as exc:
                    print(f"demo ground truth: not available ({exc.user_message})")
                    found, total, by_edit = 0, 0, {}
                detail = ", ".join(f"{edit} {hit}/{n}" for edit, (hit, n) in sorted(by_edit.items()))
                if total:
                    print(
                        f"demo ground truth: {found}/{total} reposts in their original's cluster ({detail})"
                    )
            if not args.no_second:
                again = rebuild_clusters(db, paths.root, workers=args.workers)
                print(
                    f"second full rebuild (nothing changed): {again.seconds:.1f} s, "
                    f"{again.changed_rows} rows written"
                )
            corpus_items(db, args.incremental, seed=99, start=NOW - timedelta(days=1), days=1)
            inc = update_clusters(db, paths.root, workers=args.workers)
            print(
                f"incremental: {inc.items_signed:,} new items in {inc.seconds:.3f} s (goal <= 1 s), "
                f"{inc.changed_rows} cluster ids written; text check {inc.pairs_checked:,} pairs "
                f"in {inc.check_seconds:.3f} s"
            )
            started = time.perf_counter()
            result = refresh_findings(db, AnalysisParams(now=NOW))
            print(f"findings refresh: {time.perf_counter() - started:.2f} s ({result.opened} opened)")
            print(f"peak RSS overall: {_peak_rss_mb()[0]:.0f} MB")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
