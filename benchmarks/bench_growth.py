"""Profile growth by stage (issue 20 §3): bytes per item of every table and index after demo
generation, after search indexing, and after a full analysis, and the size on disk of each stage.

    python -m benchmarks.bench_growth --items 200000
    python -m benchmarks.bench_growth --items 1000000 --keep /tmp/growth-1m   # the issue's size

Goal: the indexed and analysed 1M-item profile <= 1.5 GB on disk (database file plus the
analysis folder). Sizes come from SQLite's ``dbstat`` (pages in use, per table and index); the
file also holds free pages, reported beside it. The WAL is checkpointed before each reading.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from cadre_desk.demo import DEFAULT_SEED, generate_demo
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.analysis.findings import run_analysis
from cadre_desk.services.search import SearchService
from cadre_desk.services.settings import Settings
from cadre_desk.storage import space
from cadre_desk.storage.database import Database, open_database

GOAL_BYTES_AT_1M = 1_500_000_000
STAGES = ("generated", "indexed", "analysed")


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def elapsed(started: float, cpu: float) -> str:
    return f"{time.perf_counter() - started:.0f} s ({time.process_time() - cpu:.0f} s CPU)"


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def reading(db: Database, paths: DataPaths) -> tuple[dict[str, int], int, int, int]:
    """(bytes per table/index, database file bytes, free-page bytes, analysis folder bytes)."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    report = space.space_report(paths.database)
    sizes = {size.name: size.bytes for size in report.tables}
    return sizes, paths.database.stat().st_size, report.free_bytes, folder_bytes(paths.root / "analysis")


def run(items: int, root: Path, workers: int) -> None:
    paths = DataPaths(root).ensure()
    db = open_database(paths)
    readings: dict[str, tuple[dict[str, int], int, int, int]] = {}
    try:
        started, cpu = time.perf_counter(), time.process_time()
        generate_demo(db, items=items, seed=DEFAULT_SEED)
        print(f"generated in {elapsed(started, cpu)}; {load()}")
        readings["generated"] = reading(db, paths)
        started, cpu = time.perf_counter(), time.process_time()
        SearchService(db).catch_up()
        print(f"indexed in {elapsed(started, cpu)}; {load()}")
        readings["indexed"] = reading(db, paths)
        started = time.perf_counter()
        settings = Settings(db)
        run_analysis(db, paths.root, settings, full_rebuild=True, workers=workers)
        print(f"analysed (--full) in {time.perf_counter() - started:.0f} s; {load()}")
        readings["analysed"] = reading(db, paths)
    finally:
        db.close()
    report(items, readings)


def report(items: int, readings: dict[str, tuple[dict[str, int], int, int, int]]) -> None:
    names = sorted(
        {name for sizes, *_rest in readings.values() for name in sizes},
        key=lambda name: -max(sizes.get(name, 0) for sizes, *_rest in readings.values()),
    )
    print(f"\nbytes per item ({items:,} items)     " + "".join(f"{stage:>11}" for stage in readings))
    for name in names:
        values = [sizes.get(name, 0) / items for sizes, *_rest in readings.values()]
        if max(values) >= 0.5:
            print(f"  {name:<34}" + "".join(f"{value:11.1f}" for value in values))
    rows = (
        ("tables + indexes", lambda r: sum(r[0].values())),
        ("free pages", lambda r: r[2]),
        ("database file", lambda r: r[1]),
        ("analysis folder", lambda r: r[3]),
        ("on disk (file + analysis)", lambda r: r[1] + r[3]),
    )
    for label, value in rows:
        print(f"  {label:<34}" + "".join(f"{value(r) / items:11.1f}" for r in readings.values()))
    print("\nsize on disk (database file + analysis folder), and scaled linearly to 1M items:")
    for stage, r in readings.items():
        total = r[1] + r[3]
        scaled = total * 1_000_000 / items
        verdict = (
            ""
            if stage != "analysed"
            else (" (goal <= 1.5 GB: " + ("ok)" if scaled <= GOAL_BYTES_AT_1M else "MISSED)"))
        )
        print(f"  {stage:<10} {total / 1e9:7.3f} GB   at 1M: {scaled / 1e9:6.3f} GB{verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2, help="analysis processes (as analyze --workers)")
    parser.add_argument(
        "--keep", type=Path, default=None, help="build the profile in this (new) folder and keep it"
    )
    args, _unknown = parser.parse_known_args(argv)  # the benchmark runner passes options to every script
    print(f"bench_growth: {args.items:,} items; {load()}")
    if args.keep is not None and args.keep.exists():
        raise SystemExit(f"{args.keep} exists: give a new folder")
    root = args.keep or Path(tempfile.mkdtemp(prefix="cadre-bench-growth-")) / "profile"
    try:
        run(args.items, root, args.workers)
    finally:
        if args.keep is None:
            shutil.rmtree(root.parent, ignore_errors=True)
    print(f"done; {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
