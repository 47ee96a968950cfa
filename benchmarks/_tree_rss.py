"""Run one command and report its wall time, the peak RSS of its whole process tree, exit code, CPU.

``RUSAGE_CHILDREN``'s ``ru_maxrss`` is the largest single descendant, so a parent with parse
workers looks as small as its largest process. Here ``/proc`` is sampled every few
milliseconds and the resident sizes of the command and all its descendants are summed: the
peak of that sum is what the machine had to hold at once. (A process living shorter than one
sampling period can be missed; the figure is a lower bound, never an overestimate.)

    python -m benchmarks._tree_rss COMMAND...   → prints "seconds tree_peak_kb exit cpu_seconds largest_kb"
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time

SAMPLE_SECONDS = 0.01
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _children(pid: int) -> list[int]:
    """Children of every thread of ``pid`` (``/proc/PID/task/TID/children``: no full /proc scan,
    so sampling stays cheap beside the command measured)."""
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in threads:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(root: int) -> int:
    """Summed resident size of ``root`` and every descendant, now."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kb(pid)
        stack.extend(_children(pid))
    return total


def measure(argv: list[str]) -> tuple[float, int, int, float, int]:
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a pipe could fill up and block the command
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss_kb(process.pid))
            time.sleep(SAMPLE_SECONDS)
        elapsed = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write(stderr.decode(errors="replace")[-2000:])
    largest = usage.ru_maxrss
    return elapsed, max(peak, largest), process.returncode, usage.ru_utime + usage.ru_stime, largest


if __name__ == "__main__":
    seconds, tree_kb, code, cpu, largest_kb = measure(sys.argv[1:])
    print(f"{seconds} {tree_kb} {code} {cpu} {largest_kb}")
