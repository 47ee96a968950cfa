"""Task area speed: today view at 2,000 requirements + 1,000,000 log events; a year of occurrences.

Targets (issue 6): the today view opens in ≤ 100 ms (queries + model load), generating a
year of occurrences takes ≤ 1 s.

    python -m benchmarks.bench_tasks                 # 2,000 requirements, 1,000,000 logs
    python -m benchmarks.bench_tasks --logs 200000   # quicker
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from cadre_desk.domain.enums import OperationKind
from cadre_desk.domain.ids import new_id
from cadre_desk.domain.recurrence import CHINA_TZ, Recurrence, china_date
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.oplog import EvidenceStore, OperationLogService
from cadre_desk.services.requirements import day_start_utc
from cadre_desk.services.tasks import TaskService, TaskView
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.models import OperationLog, Requirement, Source

RULES = (
    "FREQ=DAILY",
    "FREQ=DAILY;X-CN-WORKDAY=1",
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
)
KINDS = [k.value for k in OperationKind]


def timed(work: Callable[[], Any], repeat: int = 5) -> tuple[float, float, Any]:
    """(first run ms, median of the following runs ms, last result)."""
    result = None
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times[1:]), result


def build_profile(db: Database, requirements: int, logs: int, today: date, rng: random.Random) -> list[str]:
    source_ids = [new_id() for _ in range(60)]
    now = datetime.now(UTC)
    with db.session() as session:
        session.execute(
            insert(Source),
            [
                {
                    "id": sid,
                    "kind": "manual",
                    "name": f"第{n}号政务账号",
                    "platform": "wechat_account",
                    "category": "notice",
                    "created_at": now,
                    **db.stamp_columns(),
                }
                for n, sid in enumerate(source_ids)
            ],
        )
        req_rows = []
        for n in range(requirements):
            req_rows.append(
                {
                    "id": new_id(),
                    "source_id": source_ids[n % len(source_ids)],
                    "title": f"第{n}项要求：学习打卡与报送",
                    "operation_kind": KINDS[n % len(KINDS)],
                    "rrule": RULES[n % len(RULES)],
                    "due_time": f"{8 + n % 10:02d}:00",
                    "expected_minutes": 5 + n % 20,
                    "mandatory": True,
                    "active": True,
                    "suggested_flags": [],
                    "confirmed_flags": [],
                    "dismissed_flags": [],
                    "starts_on": day_start_utc(today - timedelta(days=400)),
                    **db.stamp_columns(),
                }
            )
        session.execute(insert(Requirement), req_rows)
    req_ids = [r["id"] for r in req_rows]
    chunk = 20_000
    start = datetime.combine(today, datetime.min.time(), tzinfo=CHINA_TZ).astimezone(UTC) - timedelta(
        days=365
    )
    span_ms = 366 * 86_400_000
    written = 0
    while written < logs:
        size = min(chunk, logs - written)
        rows = []
        for _ in range(size):
            performed = start + timedelta(milliseconds=rng.randrange(span_ms))
            rows.append(
                {
                    "id": new_id(),
                    "operation_kind": KINDS[rng.randrange(len(KINDS))],
                    "performed_at": performed,
                    "minutes": rng.choice((1, 2, 3, 5, 10, 15)),
                    "is_checkin": False,
                    "source_id": source_ids[rng.randrange(len(source_ids))],
                    "requirement_id": req_ids[rng.randrange(len(req_ids))],
                    "recorded_at": performed,
                    **db.stamp_columns(),
                }
            )
        with db.session() as session:
            session.execute(insert(OperationLog), rows)
        written += size
    return req_ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requirements", type=int, default=2000)
    parser.add_argument("--logs", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="build the profile here and keep it")
    args = parser.parse_args()
    rng = random.Random(6)
    today = china_date(datetime.now(UTC))
    with tempfile.TemporaryDirectory(prefix="bench-tasks-") as tmp:
        paths = DataPaths(args.keep or Path(tmp) / "profile").ensure()
        db = open_database(paths)
        try:
            started = time.perf_counter()
            build_profile(db, args.requirements, args.logs, today, rng)
            build_s = time.perf_counter() - started
            print(
                f"profile: {args.requirements} requirements,"
                f" {args.logs:,} log events built in {build_s:.1f} s"
            )

            oplog = OperationLogService(db, EvidenceStore(paths.attachments))
            tasks = TaskService(db, oplog, upcoming_days=14)

            # A year of occurrences for a realistic township catalogue (50 requirements).
            with db.session() as session:
                sample = [r[0] for r in session.execute(text("SELECT id FROM requirements LIMIT 50"))]
            started = time.perf_counter()
            created_year = tasks.generate_occurrences(
                today, today + timedelta(days=364), requirement_ids=sample
            ).count
            year_ms = (time.perf_counter() - started) * 1000
            print(
                f"year of occurrences, 50 requirements: {created_year:,} "
                f"tasks in {year_ms:.0f} ms (target ≤ 1000)"
            )

            # Expansion alone for the whole catalogue (what a year costs before the database).
            started = time.perf_counter()
            expanded = 0
            for n in range(args.requirements):  # each requirement with its own anchor, as in real life
                anchor = today - timedelta(days=400 + n % 300)
                expanded += len(
                    Recurrence.parse(RULES[n % len(RULES)]).dates(anchor, today, today + timedelta(days=364))
                )
            expand_ms = (time.perf_counter() - started) * 1000
            print(
                f"rule expansion, {args.requirements} requirements × "
                f"1 year: {expanded:,} dates in {expand_ms:.0f} ms"
            )

            # The rolling window the app keeps: 7 days back, 14 ahead, all requirements.
            started = time.perf_counter()
            created = tasks.refresh(today).count
            print(
                f"rolling window for {args.requirements} requirements: {created:,} tasks in "
                f"{(time.perf_counter() - started) * 1000:.0f} ms"
            )
            again_started = time.perf_counter()
            assert tasks.refresh(today).count == 0
            again_ms = (time.perf_counter() - again_started) * 1000
            print(f"regenerating the same window: 0 new rows in {again_ms:.0f} ms")

            # Most past occurrences are done; a few stay overdue.
            with db.session() as session:
                session.execute(
                    text(
                        "UPDATE tasks SET status = 'done', completed_at = due_at, "
                        "updated_at_hlc = updated_at_hlc + 1 WHERE due_at < :cut AND abs(random()) % 10 != 0"
                    ),
                    {"cut": int(day_start_utc(today).timestamp() * 1000)},
                )
                counts = dict(
                    session.execute(text("SELECT status, count(*) FROM tasks GROUP BY status")).all()
                )
            print(f"tasks by status: {counts}")
            db.engine.dispose()  # cold-ish: new connections, SQLite page cache empty

            def open_today_view() -> tuple[int, int]:
                rows = tasks.page(TaskView.TODAY, today)
                counts = tasks.counts(today)
                return len(rows), counts.overdue

            first, median, (shown, overdue) = timed(open_today_view)
            print(
                f"today view (page of today's tasks + counts + today's minutes over {args.logs:,} logs): "
                f"first {first:.1f} ms, median {median:.1f} ms (target ≤ 100); {shown} rows,"
                f" {overdue} overdue"
            )
            for view in (TaskView.OVERDUE, TaskView.UPCOMING, TaskView.DONE):
                first, median, rows = timed(lambda v=view: tasks.page(v, today))
                print(
                    f"{view.value} view first page: first {first:.1f} ms,"
                    f" median {median:.1f} ms ({len(rows)} rows)"
                )
            model_ms = _model_load(tasks, today)
            if model_ms is not None:
                print(f"TaskTableModel load (Qt, offscreen), today view: median {model_ms:.1f} ms")
            print(f"database size {paths.database.stat().st_size / 1e6:.0f} MB")
        finally:
            db.close()
    return 0


def _model_load(tasks: TaskService, today: date) -> float | None:
    """Time the Qt model's synchronous load when the UI package is present."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from cadre_desk.ui.tasks.task_model import TaskTableModel
    except ImportError:
        return None
    app = QApplication.instance() or QApplication([])
    model = TaskTableModel()
    _, median, _ = timed(lambda: model.show_view(tasks.page(TaskView.TODAY, today), TaskView.TODAY))
    del app
    return median


if __name__ == "__main__":
    raise SystemExit(main())
