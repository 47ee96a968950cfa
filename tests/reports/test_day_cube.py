"""The cached day cube stays equal to the SQL oracle as rows arrive (plain rows are merged in,
corrections rebuild it), including a correction arriving before the row it corrects."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import insert

from cadre_desk.services.reports.day_cube import DayCube, DayCubeCache
from cadre_desk.services.reports.periods import Period, parse_period
from cadre_desk.services.reports.workload import WorkloadService
from cadre_desk.services.reports.workload_report import ReportService
from cadre_desk.services.reports.workload_types import ReportOptions, WorkHours
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import OperationLog
from tests.reports import oracle
from tests.reports.world import populate

PERIOD = parse_period("2026-10")
CREATED = datetime(2026, 1, 1, tzinfo=UTC)


def totals(db: Database) -> tuple[int, float]:
    with db.engine.connect() as conn:
        ((count, minutes),) = oracle.query(conn, oracle.TOTALS, PERIOD.start_ms, PERIOD.end_ms)
    return count, round(minutes, 2)


def log(db: Database, log_id: str, minutes: float, supersedes: str | None = None) -> dict[str, object]:
    return dict(
        id=log_id,
        operation_kind="forward",
        performed_at=datetime(2026, 10, 9, 2, tzinfo=UTC),
        minutes=minutes,
        is_checkin=False,
        supersedes_id=supersedes,
        recorded_at=CREATED,
        **db.stamp_columns(),
    )


def test_cube_follows_new_rows_and_corrections(db: Database) -> None:
    populate(db, start=datetime(2026, 9, 30, 16, tzinfo=UTC), days=31, events=600, items=10, tasks=5)
    service = WorkloadService(db)

    def check() -> None:
        summary = service.summary(PERIOD)
        assert (summary.total_count, round(summary.total_minutes, 2)) == totals(db)

    check()
    with db.engine.begin() as conn:  # plain new rows: merged incrementally
        conn.execute(insert(OperationLog), [log(db, f"{'e' * 30}{i:02d}", 7.5) for i in range(3)])
    check()
    with db.engine.begin() as conn:  # a correction: the cube is rebuilt
        conn.execute(insert(OperationLog), [log(db, "f" * 32, 99, supersedes="e" * 30 + "00")])
    check()
    # A correction synced in before its original; the original arrives later and must not count.
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # sync may deliver a correction first
        conn.commit()
        conn.execute(insert(OperationLog), [log(db, "a" * 32, 5, supersedes="b" * 32)])
        conn.commit()
        check()
        original = {**log(db, "b" * 32, 50), "updated_at_hlc": 1}  # synced rows keep their old HLC
        conn.execute(insert(OperationLog), [original])
        conn.commit()
        conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        conn.commit()
    check()


def test_the_reports_service_owns_the_cube_its_views_share(db: Database) -> None:
    """The cube cache is an object of the reports service (no module global): the 统计 page's
    summaries and the export reuse one cube; another service over the same file has its own."""
    populate(db, start=datetime(2026, 9, 30, 16, tzinfo=UTC), days=31, events=200, items=10, tasks=5)
    reports = ReportService(db, Settings(db))
    hours = reports.profile().hours
    reports.summary(PERIOD)
    with db.engine.connect() as conn:
        built = reports.day_cubes.get(conn, hours)
        reports.export(PERIOD, "csv", db.path.parent / "r.csv", ReportOptions(include_detail=False))
        assert reports.day_cubes.get(conn, hours) is built  # reused, not rebuilt
        other = DayCubeCache()
        assert other.get(conn, hours) is not built and other.get(conn, hours).groups == built.groups
    assert reports.summary(PERIOD).total_count == totals(db)[0]


def _period_rows_one_by_one(
    cube: DayCube, period: Period, wanted: frozenset[str] | None
) -> tuple[list, list]:
    """The sums as first written (a loop over each group's values): the reference."""
    first_day = (period.first - date(1970, 1, 1)).days
    last_day = (period.last - date(1970, 1, 1)).days
    sums: dict[tuple, list[float]] = {}
    days: dict[tuple, list[float]] = {}
    for (day, inside, source_id, requirement_id, kind), values in cube.groups.items():
        if day < first_day or day > last_day or (wanted is not None and source_id not in wanted):
            continue
        bucket = sums.get((source_id, requirement_id, kind))
        if bucket is None:
            sums[(source_id, requirement_id, kind)] = list(values)
        else:
            for index, value in enumerate(values):
                bucket[index] += value
        day_bucket = days.setdefault((day, inside), [0, 0.0])
        day_bucket[0] += values[0]
        day_bucket[1] += values[1]
    return (
        [(s, r, k, v[0], v[1], v[2], v[3]) for (s, r, k), v in sums.items()],
        [(day, inside, v[0], v[1]) for (day, inside), v in days.items()],
    )


def test_period_sums_equal_summing_each_group_value_by_value(db: Database) -> None:
    """period_rows adds the four values written out: the very same floats (and types) as the
    loop over each group's values, for periods and source filters."""
    populate(db, start=datetime(2026, 8, 31, 16, tzinfo=UTC), days=90, events=3000, items=10, tasks=5)
    with db.engine.connect() as conn:
        cube = DayCubeCache().get(conn, WorkHours())
        sources = sorted({key[2] for key in cube.groups if key[2] is not None})
    for text in ("2026-09", "2026-10-03..2026-11-17", "2026", "2026-12"):
        for wanted in (None, frozenset(sources[:2]), frozenset()):
            period = parse_period(text)
            got = cube.period_rows(period, wanted)
            expected = _period_rows_one_by_one(cube, period, wanted)
            assert got == expected
            assert [tuple(map(type, row)) for row in got[1]] == [tuple(map(type, row)) for row in expected[1]]
    assert cube.period_rows(parse_period("2026-10"), None)[0]  # the periods did hold groups
