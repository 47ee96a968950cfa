"""Demo generation rate: items written per second (change-log and counter triggers included).

    python -m benchmarks.bench_demo                    # 50,000 items (default, well under 2 minutes)
    python -m benchmarks.bench_demo --items 1000000    # the issue's scale; prints the file size too
    python -m benchmarks.bench_demo --keep DIR         # keep the generated profile in DIR

Goal (issues 17 and 20 §5): ≥ 30,000 items/s, at 1M items too. On a shared machine the wall
rate follows the load; items per CPU-second (all threads) is the figure to compare between runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from cadre_desk.demo import DEFAULT_SEED, generate_demo
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.database import open_database

GOAL_ITEMS_PER_SECOND = 30_000  # issue 17


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(items: int, days: int, seed: int, root: Path) -> dict[str, float]:
    db = open_database(DataPaths(root).ensure())
    try:
        cpu = time.process_time() + _children_cpu()
        summary = generate_demo(db, items=items, days=days, seed=seed)
        cpu = time.process_time() + _children_cpu() - cpu  # the item generator's process included
        with db.engine.connect() as conn:
            rows = {
                table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0
                for table in ("items", "change_log", "operation_logs")
            }
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    assert rows["items"] == items, rows
    size = _size(root / "cadre_desk.db")
    return {
        "items": items,
        "seconds": summary.seconds,
        "rate": summary.items_per_second,
        "cpu_seconds": cpu,
        "writer_cpu": summary.writer_cpu_seconds,
        "reposts": summary.reposts + summary.mirrors,
        "change_log": rows["change_log"],
        "operation_logs": rows["operation_logs"],
        "size": size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    args, _unknown = parser.parse_known_args(argv)  # the benchmark runner passes options to every script
    root = args.keep or Path(tempfile.mkdtemp(prefix="cadre-bench-demo-")) / "profile"
    try:
        figures = run(args.items, args.days, args.seed, root)
    finally:
        if args.keep is None:
            shutil.rmtree(root.parent, ignore_errors=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    verdict = "ok" if figures["rate"] >= GOAL_ITEMS_PER_SECOND else "BELOW GOAL"
    print(f"demo generation: {figures['items']:,.0f} items in {figures['seconds']:.2f} s")
    print(f"  rate            {figures['rate']:,.0f} items/s (goal >= {GOAL_ITEMS_PER_SECOND:,}: {verdict})")
    cpu, writer_cpu = figures["cpu_seconds"], figures["writer_cpu"]
    print(
        f"  cpu             {cpu:.2f} s in all ({figures['items'] / cpu:,.0f} items/CPU-s), "
        f"{writer_cpu:.2f} s of it in the SQLite writer thread (items generated in a child process "
        "from 20,000 items: its CPU is counted)"
    )
    print(f"  reposts/mirrors {figures['reposts']:,.0f}")
    print(f"  change_log rows {figures['change_log']:,.0f}; operation logs {figures['operation_logs']:,.0f}")
    size = figures["size"]
    print(f"  database        {size / 1e6:,.1f} MB ({size / max(1, figures['items']):,.0f} bytes/item)")
    print(f"  peak RSS        {peak_mb:,.0f} MB")
    print(f"  load average    {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
