"""The upkeep of a large profile: search-index catch-up and tidying, the first search in a fresh
process, bytes per item by table, and the daily backup (online copy, cancel latency, compression).

    python -m benchmarks.bench_upkeep --items 100000
    python -m benchmarks.bench_upkeep --items 1000000     # the issue's size (builds a cached profile)

The demo profile is built once (benchmarks/out, see profiles.py) and copied, so runs compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.profiles import ensure_profile
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services import backups as backup_service
from cadre_desk.services.backups import BackupService
from cadre_desk.services.search import SearchService
from cadre_desk.storage import backup as store
from cadre_desk.storage import space
from cadre_desk.storage.database import open_database

FIRST_SEARCH = """
import sys, time
from pathlib import Path
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.search import SearchService
from cadre_desk.storage.database import open_database
db = open_database(DataPaths(Path(sys.argv[1])))
service = SearchService(db)
if sys.argv[2] == "warm":
    service.warm()
started = time.perf_counter()
service.search("防汛 工作", catch_up=False)
print(f"{(time.perf_counter() - started) * 1000:.1f}")
"""


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def first_search_ms(root: Path, mode: str) -> float:
    """A fresh interpreter's first search (page cache dropped where allowed: run as root)."""
    try:
        Path("/proc/sys/vm/drop_caches").write_text("1")
    except OSError:
        pass
    done = subprocess.run(
        [sys.executable, "-c", FIRST_SEARCH, str(root), mode], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return float(done.stdout.strip().splitlines()[-1])


def index_figures(paths: DataPaths) -> None:
    db = open_database(paths)
    service = SearchService(db)
    pending = service.pending()
    started = time.perf_counter()
    indexed = 0
    while True:
        stats = service.index_pending(20_000)
        indexed += stats.indexed
        if not stats.pending:
            break
    index_s = time.perf_counter() - started
    segments = service.segments()
    steps, longest = 0, 0.0
    started = time.perf_counter()
    while True:
        step = time.perf_counter()
        more = service.tidy_step()
        longest = max(longest, time.perf_counter() - step)
        steps += 1
        if not more:
            break
    tidy_s = time.perf_counter() - started
    print(f"index: {pending:,} queued, {indexed:,} indexed in {index_s:.1f} s ({indexed / index_s:,.0f}/s)")
    print(
        f"tidy: {segments} segments -> {service.segments()} in {steps} steps, {tidy_s:.1f} s, "
        f"longest step {longest * 1000:.0f} ms (the writer is free between steps)"
    )
    db.close()


def space_figures(paths: DataPaths) -> None:
    report = space.space_report(paths.database)
    print(f"space: {report.total / 1e6:,.0f} MB in tables, {report.total / report.items:,.0f} B/item")
    for size in report.tables[:8]:
        print(f"  {size.name:<34} {size.bytes / report.items:8.0f} B/item")


def backup_figures(paths: DataPaths) -> None:
    size = paths.database.stat().st_size
    started = time.perf_counter()
    store.backup_database(paths.database, paths.backups / "full.db")
    full_s = time.perf_counter() - started
    started = time.perf_counter()
    compressed = store.compress_backup(paths.backups / "full.db")
    gzip_s = time.perf_counter() - started
    print(
        f"backup: {size / 1e6:,.0f} MB copied online and verified in {full_s:.1f} s; "
        f"compressed to {compressed.stat().st_size / 1e6:,.0f} MB "
        f"({compressed.stat().st_size / size:.0%}) in {gzip_s:.1f} s"
    )
    compressed.unlink()
    service = BackupService(paths)
    backup_service.IDLE_STEP_PAUSE = 0.01  # gentle, as on idle: the copy then takes a while
    service.start_daily()
    time.sleep(min(2.0, full_s / 2))
    running = service.running
    started = time.perf_counter()
    stopped = service.stop()
    print(
        f"quit during the daily backup: stopped={stopped} in {(time.perf_counter() - started) * 1000:.0f} ms "
        f"(was running: {running}); left behind: {sorted(p.name for p in paths.backups.iterdir())}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    print(f"bench_upkeep: {args.items:,} items; {load()}")
    cached = ensure_profile(None, args.items)
    with tempfile.TemporaryDirectory(prefix="bench-upkeep-") as folder:
        root = Path(folder) / "profile"
        shutil.copytree(cached, root)
        paths = DataPaths(root).ensure()
        index_figures(paths)
        cold = sorted(first_search_ms(root, "cold") for _ in range(3))
        warm = sorted(first_search_ms(root, "warm") for _ in range(3))
        print(
            "first search in a fresh process (3 runs, min/median/max): "
            f"unwarmed {cold[0]:.0f}/{cold[1]:.0f}/{cold[2]:.0f} ms, "
            f"after warm() {warm[0]:.0f}/{warm[1]:.0f}/{warm[2]:.0f} ms"
        )
        space_figures(paths)
        backup_figures(paths)
    print(f"done; {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
