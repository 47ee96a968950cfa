"""Demo profiles shared by benchmarks: built once, cached under ``benchmarks/out/``.

    from benchmarks.profiles import ensure_profile
    root = ensure_profile(None, 1_000_000)   # benchmarks/out/demo-1000000 (built on first use)
    db = open_database(DataPaths(root))

A cache is reused only if it was finished (an atomic rename ends the build) and was made by the
same generator version with the same parameters; otherwise it is rebuilt.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cadre_desk.demo import DEFAULT_SEED, GENERATOR_VERSION, generate_demo
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.database import open_database

OUT = Path(__file__).resolve().parent / "out"
MARKER = "benchmark-profile.json"


def default_profile_dir(items: int, seed: int = DEFAULT_SEED) -> Path:
    return OUT / f"demo-{items}-{seed}"


def _wanted(items: int, seed: int, days: int) -> dict[str, object]:
    return {"generator": GENERATOR_VERSION, "items": items, "seed": seed, "days": days}


def cached_profile(path: Path, items: int, seed: int = DEFAULT_SEED, days: int = 90) -> bool:
    marker = path / MARKER
    if not marker.exists() or not (path / "cadre_desk.db").exists():
        return False
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return all(recorded.get(key) == value for key, value in _wanted(items, seed, days).items())


def ensure_profile(
    path: Path | None,
    items: int,
    *,
    seed: int = DEFAULT_SEED,
    days: int = 90,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """The root of a demo profile with ``items`` items, generating it if no valid cache exists."""
    path = (path or default_profile_dir(items, seed)).resolve()
    if cached_profile(path, items, seed, days):
        return path
    building = path.with_name(path.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    started = time.perf_counter()
    db = open_database(DataPaths(building).ensure())
    try:
        summary = generate_demo(db, items=items, days=days, seed=seed, progress=progress)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    marker = {
        **_wanted(items, seed, days),
        "now": summary.now.isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (building / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=2), encoding="utf-8")
    shutil.rmtree(path, ignore_errors=True)
    building.rename(path)
    return path


def ensure_profile_apart(items: int, *, seed: int = DEFAULT_SEED) -> Path:
    """Like :func:`ensure_profile` (default place and days), but a missing cache is generated in a
    child process: a benchmark that measures its own peak memory must not carry the generator's
    heap (a 1M generation left ~650 MB in the measuring process, counted as the rebuild's)."""
    path = default_profile_dir(items, seed).resolve()
    if not cached_profile(path, items, seed):
        subprocess.run(
            [sys.executable, "-m", "benchmarks.profiles", str(items), str(seed)],
            cwd=Path(__file__).resolve().parent.parent,
            check=True,
        )
    return path


def _print_progress(done: int, total: int) -> None:
    print(f"\r  generating {done:,}/{total:,}", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_SEED
    print(ensure_profile(None, count, seed=seed, progress=_print_progress))
