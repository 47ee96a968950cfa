"""Analysis memory and variance (issue 20 §4): the cluster rebuild's peak RSS (whole process tree)
and the findings step's time and bytes read, over several runs, beside the per-source queries
it replaced.

    python -m benchmarks.bench_findings [--items 50000] [--runs 3] [--workers 2]

Each run: a full rebuild in a child process (wall time and the peak RSS of its process tree,
sampled from /proc), then the findings step twice with the database file evicted from the page
cache first (``posix_fadvise(DONTNEED)`` on that file only): the set-based queries on the
profile, and the former per-source queries (``benchmarks.findings_reference``) on a copy whose
``ix_items_source_published`` is the former narrow one. Bytes read are ``rchar`` of this process
(SQLite reads pages with read()). Prints the load average with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks._tree_rss import measure


def _load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def _rchar() -> int:
    with open("/proc/self/io") as handle:
        for line in handle:
            if line.startswith("rchar"):
                return int(line.split()[1])
    return 0


def _evict(db_file: Path) -> None:
    """Drop this file's pages from the OS page cache (cold start for this file only)."""
    for path in (db_file, db_file.with_name(db_file.name + "-wal")):
        if path.exists():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def _rebuild_child(root: Path, workers: int) -> None:
    from cadre_desk.platform.paths import DataPaths
    from cadre_desk.services.analysis.clusters import rebuild_clusters
    from cadre_desk.storage.database import open_database

    paths = DataPaths(root).ensure()
    db = open_database(paths)
    try:
        run = rebuild_clusters(db, paths.root, workers=workers)
        print(json.dumps({"seconds": run.seconds, "changed": run.changed_rows}), file=sys.stderr)
    finally:
        db.close()


def _narrow_index(db_file: Path) -> None:
    """The index as it was before migration 0007 (for the "before" queries)."""
    conn = sqlite3.connect(db_file)
    try:
        conn.execute("DROP INDEX ix_items_source_published")
        conn.execute("CREATE INDEX ix_items_source_published ON items (source_id, published_at)")
        conn.commit()
    finally:
        conn.close()


def _findings_once(root: Path, now: datetime, reference: bool) -> tuple[float, float, int]:
    """(seconds, MB read, findings) of one findings computation on a cold file cache."""
    from benchmarks.findings_reference import reference_findings
    from cadre_desk.platform.paths import DataPaths
    from cadre_desk.services.analysis.detectors import detect_all
    from cadre_desk.services.analysis.facts import AnalysisParams, gather_facts
    from cadre_desk.storage.database import open_database

    paths = DataPaths(root).ensure()
    db = open_database(paths)
    try:
        params = AnalysisParams(now=now)
        _evict(db.path)
        read, started = _rchar(), time.perf_counter()
        found = (
            reference_findings(db, params) if reference else detect_all(db, gather_facts(db, params), params)
        )
        return time.perf_counter() - started, (_rchar() - read) / 1e6, len(found)
    finally:
        db.close()


def _spread(values: list[float], unit: str) -> str:
    return f"{min(values):.1f}–{max(values):.1f} {unit} (median {sorted(values)[len(values) // 2]:.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description="analysis memory and variance")
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rebuild-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rebuild_child:
        _rebuild_child(args.rebuild_child, args.workers)
        return 0
    from benchmarks.bench_analysis import prepared_profile
    from benchmarks.profiles import ensure_profile

    cached = ensure_profile(None, args.items)
    now = datetime.fromisoformat(json.loads((cached / "benchmark-profile.json").read_text())["now"])
    rebuild_s, rebuild_mb, new_s, new_mb, old_s, old_mb = [], [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-findings-") as tmp:
        for run in range(1, args.runs + 1):
            work = Path(tmp) / f"run{run}"
            root = prepared_profile(args.items, work, cached)
            command = [sys.executable, "-m", "benchmarks.bench_findings", "--rebuild-child", str(root)]
            seconds, tree_kb, code, _cpu, _largest = measure([*command, "--workers", str(args.workers)])
            if code != 0:
                print(f"rebuild failed (exit {code})")
                return 1
            rebuild_s.append(seconds)
            rebuild_mb.append(tree_kb / 1024)
            print(
                f"run {run}: rebuild {args.items:,} items {seconds:.1f} s, peak RSS of the process tree "
                f"{tree_kb / 1024:.0f} MB ({_load()})"
            )
            before = work / "before"
            shutil.copytree(root, before)
            _narrow_index(before / "cadre_desk.db")
            t_new, mb_new, n_new = _findings_once(root, now, reference=False)
            t_old, mb_old, n_old = _findings_once(before, now, reference=True)
            new_s.append(t_new)
            new_mb.append(mb_new)
            old_s.append(t_old)
            old_mb.append(mb_old)
            print(
                f"run {run}: findings (cold file cache) set-based {t_new:.2f} s, {mb_new:.0f} MB read, "
                f"{n_new} findings; per-source (before) {t_old:.2f} s, {mb_old:.0f} MB read, "
                f"{n_old} findings ({_load()})"
            )
            shutil.rmtree(work)
    print(f"rebuild: {_spread(rebuild_s, 's')}; peak RSS {_spread(rebuild_mb, 'MB')}")
    print(f"findings set-based: {_spread(new_s, 's')}, read {_spread(new_mb, 'MB')}")
    print(f"findings per-source (before): {_spread(old_s, 's')}, read {_spread(old_mb, 'MB')}")
    summary = {
        "items": args.items,
        "rebuild_seconds": rebuild_s,
        "rebuild_tree_rss_mb": [round(v) for v in rebuild_mb],
        "findings_seconds": new_s,
        "findings_read_mb": new_mb,
        "findings_before_seconds": old_s,
        "findings_before_read_mb": old_mb,
        "load": os.getloadavg(),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
