"""Run every ``bench_*.py`` module in this folder with its default size, one after another."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).parent
    failures = 0
    for script in sorted(here.glob("bench_*.py")):
        module = f"benchmarks.{script.stem}"
        print(f"\n===== {module}", flush=True)
        result = subprocess.run([sys.executable, "-m", module, *sys.argv[1:]], cwd=here.parent, check=False)
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
