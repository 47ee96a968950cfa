"""Run every ``bench_*.py`` module in this folder with its default size, one after another.

``python -m benchmarks --summary`` instead runs each at a reduced size and prints one table and
one JSON line with issue 17's figures and goals (``benchmarks/summary.py``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    if sys.argv[1:] == ["--summary"]:
        from benchmarks.summary import main as summary

        return summary()
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
