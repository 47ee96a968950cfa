"""Reports speed: a year of operation logs (200,000 events) exported to XLSX, PDF and CSV, and
the 统计 page's recomputation.

Targets (issue 9): each export of the year ≤ 2 s; the 统计 view recomputes ≤ 200 ms.

    python -m benchmarks.bench_reports                  # 200,000 events over 2026
    python -m benchmarks.bench_reports --events 50000   # quicker
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.reports.periods import parse_period
from cadre_desk.services.reports.workload import WorkloadService
from cadre_desk.services.reports.workload_report import ReportProfile, export_report
from cadre_desk.services.reports.workload_types import ReportOptions
from cadre_desk.storage.database import open_database
from tests.reports.world import populate

EXPORT_TARGET_S = 2.0
RECOMPUTE_TARGET_MS = 200.0


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, float, float, float]:
    """(first run ms, median and best of the following runs ms, worst of all runs ms). On a
    shared machine the best run is the one least slowed by the other processes."""
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    rest = times[1:] or times
    return times[0], statistics.median(rest), min(rest), max(times)


def gui_recompute_ms(data_dir: Path, repeat: int) -> list[float]:
    """Time the 统计 page itself: period change → background summary → figures and charts shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from cadre_desk.services.reports.workload_report import ReportService
    from cadre_desk.services.settings import Settings
    from cadre_desk.ui.background import BackgroundRunner
    from cadre_desk.ui.bus import DataBus
    from cadre_desk.ui.reports.page import StatsPage

    app = QApplication.instance() or QApplication([])
    db = open_database(DataPaths(data_dir))
    runner = BackgroundRunner(lambda exc: print(f"background failure: {exc!r}"))
    page = StatsPage(ReportService(db, Settings(db)), runner, DataBus())
    page.resize(1400, 1000)
    page.show()
    results = []
    periods = [("2026-10-01", "2026-10-31"), ("2026-01-01", "2026-12-31"), ("2026-07-01", "2026-09-30")]
    for index in range(repeat + 1):
        first, last = periods[index % len(periods)]
        started = time.perf_counter()
        page.set_custom_period(datetime.fromisoformat(first).date(), datetime.fromisoformat(last).date())
        while page.summary is None or str(page.summary.period.first) != first:
            app.processEvents()
            time.sleep(0.001)
        app.processEvents()
        results.append((time.perf_counter() - started) * 1000)
    runner.wait_idle()
    page.close()
    db.close()
    return results[1:]


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-gui", action="store_true", help="skip timing the 统计 page itself")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        root = Path(tmp)
        paths = DataPaths(root / "profile").ensure()
        db = open_database(paths)
        started = time.perf_counter()
        populate(
            db,
            start=datetime(2025, 12, 31, 16, tzinfo=UTC),
            days=365,
            events=args.events,
            items=20_000,
            tasks=3_000,
            attachments_dir=paths.attachments,
        )
        print(f"profile: {args.events:,} events over 2026 written in {time.perf_counter() - started:.1f} s")
        # As in a profile in use (and benchmarks/profiles.py): the bulk load is checkpointed, not
        # left in a 200k-row WAL that every read would have to look through.
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

        service = WorkloadService(db)
        year, month = parse_period("2026"), parse_period("2026-10")
        for name, period in (("month (2026-10)", month), ("year (2026)", year)):
            first, median, _best, _worst = timed(lambda period=period: service.summary(period), args.repeat)
            verdict = "ok" if median <= RECOMPUTE_TARGET_MS else "SLOW"
            print(
                f"统计 recompute, {name}: first {first:.0f} ms, median {median:.0f} ms "
                f"(target ≤ {RECOMPUTE_TARGET_MS:.0f} ms) {verdict}"
            )

        profile = ReportProfile("张三", "青山镇人民政府")
        options = ReportOptions(include_notes=True)
        failures = 0
        summary = service.summary(year, options)
        print(f"year: {summary.total_count:,} counted operations, {summary.total_minutes / 60:,.0f} hours")
        for fmt in ("xlsx", "pdf", "csv"):
            target = root / f"year.{fmt}"
            written: list[Path] = []  # CSV of several tables: a zip beside the name asked for
            first, median, best, worst = timed(
                lambda fmt=fmt, target=target, written=written: written.append(
                    # The service's day cube, as the app's export dialog shares the 统计 page's.
                    export_report(db, year, fmt, target, profile=profile, options=options, workload=service)
                ),
                args.repeat,
            )
            target = written[-1]
            # The goal holds for every run (issue 17: "≤ 2 s on every run of five"), not the median.
            verdict = "ok" if worst <= EXPORT_TARGET_S * 1000 else "SLOW"
            failures += verdict != "ok"
            print(
                f"export year → {fmt}: first {first / 1000:.2f} s, median {median / 1000:.2f} s, "
                f"best {best / 1000:.2f} s, worst {worst / 1000:.2f} s, "
                f"{target.stat().st_size / 1e6:.1f} MB (target ≤ {EXPORT_TARGET_S:.0f} s) {verdict}"
            )
        db.close()
        # Cold: a fresh database handle has no day cube yet (as `cadre-desk report` from a shell);
        # the export then also scans the whole log once to build it.
        for fmt in ("xlsx", "pdf", "csv"):
            cold_db = open_database(paths)
            target = root / f"cold.{fmt}"
            started = time.perf_counter()
            export_report(cold_db, year, fmt, target, profile=profile, options=options)
            cold = time.perf_counter() - started
            cold_db.close()
            print(f"export year → {fmt}, cold (fresh database handle, day cube built): {cold:.2f} s")
        if not args.no_gui:
            times = gui_recompute_ms(paths.root, args.repeat * 2)
            print(
                f"统计 page, period change → shown (month/year/quarter): "
                f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms"
            )
    print(f"(figures measured on a shared machine are inflated by contention; load average {_load()})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
