"""Foundation figures: demo generation rate, cold start to the first painted inbox (empty vs
large profile) and the GUI's peak RSS on the large profile.

    python -m benchmarks.bench_foundation                 # 1,000,000 items (cached profile)
    python -m benchmarks.bench_foundation --items 200000  # quicker

Cold start = spawn ``python -m cadre_desk`` until the inbox list's first paint (the app's
startup probe prints ``PAINTED``); then the probe scrolls 25 pages, opens ~50 items and prints
its peak RSS. Each start is repeated and the median reported. Goals: large/empty ≤ 1.3×,
peak RSS ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.profiles import ensure_profile
from cadre_desk.demo import generate_demo
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.database import open_database

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 120


def generation_rate(items: int) -> tuple[float, float]:
    """Items per second writing a fresh demo profile of ``items`` items; and the file size (MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = DataPaths(Path(tmp) / "p").ensure()
        db = open_database(paths)
        began = time.perf_counter()
        generate_demo(db, items=items)
        elapsed = time.perf_counter() - began
        db.close()
        return items / elapsed, paths.database.stat().st_size / 1e6


def cold_start(profile: Path) -> tuple[float, int, int]:
    """Seconds from spawn to the first painted inbox; rows loaded by the probe; peak RSS kB."""
    env = dict(os.environ, CADRE_DESK_STARTUP_PROBE="1", QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    began = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cadre_desk", "--data-dir", str(profile)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    painted = rows = rss = 0.0
    assert proc.stdout is not None
    # A start that never paints must fail the step, not hang the benchmark (and --summary).
    watchdog = threading.Timer(START_TIMEOUT_S, proc.kill)
    watchdog.start()
    for line in proc.stdout:
        if line.startswith("PAINTED") and not painted:
            painted = time.perf_counter() - began
        elif line.startswith("ROWS"):
            rows = int(line.split()[1])
        elif line.startswith("PEAK_RSS_KB"):
            rss = int(line.split()[1])
    proc.wait(timeout=START_TIMEOUT_S)
    watchdog.cancel()
    if not painted:
        raise RuntimeError(f"the app never painted its inbox (exit {proc.returncode})")
    return painted, int(rows), int(rss)


def median_start(profile: Path, runs: int) -> tuple[float, int, int]:
    results = [cold_start(profile) for _ in range(runs)]
    return (
        statistics.median(r[0] for r in results),
        max(r[1] for r in results),
        max(r[2] for r in results),
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1_000_000, help="size of the large profile")
    parser.add_argument("--generate", type=int, default=100_000, help="items for the generation-rate run")
    parser.add_argument("--runs", type=int, default=5, help="cold starts per profile (median)")
    args = parser.parse_args()

    rate, size_mb = generation_rate(args.generate)
    print(f"demo generation: {rate:,.0f} items/s ({args.generate:,} items, {size_mb:,.0f} MB)  goal ≥ 20,000")

    large = ensure_profile(None, args.items, progress=None)
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        open_database(DataPaths(empty).ensure()).close()
        cold_start(empty)  # warm the OS file cache for Python and Qt themselves
        empty_s, _, empty_rss = median_start(empty, args.runs)
        shutil.rmtree(empty, ignore_errors=True)
    large_s, rows, large_rss = median_start(large, args.runs)
    ratio = large_s / empty_s
    print(
        f"cold start to first painted inbox, empty profile: {empty_s * 1000:.0f} ms"
        f" (peak RSS {empty_rss / 1024:.0f} MB)"
    )
    print(f"cold start to first painted inbox, {args.items:,} items: {large_s * 1000:.0f} ms")
    print(f"ratio large/empty: {ratio:.2f}×  goal ≤ 1.3×")
    print(
        f"GUI peak RSS on {args.items:,} items after scrolling {rows:,} rows:"
        f" {large_rss / 1024:.0f} MB  goal ≤ 300 MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
