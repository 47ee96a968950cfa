"""Every number in every export equals an independent SQL aggregation over the same data."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import chinese_calendar
import openpyxl
import pytest

from cadre_desk.domain.labels import label
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.reports import log_queries
from cadre_desk.services.reports.log_queries import superseded_ids
from cadre_desk.services.reports.periods import parse_period
from cadre_desk.services.reports.workload import WorkloadService
from cadre_desk.services.reports.workload_report import ReportProfile, export_report
from cadre_desk.services.reports.workload_types import ReportOptions, WorkHours
from cadre_desk.storage.database import Database
from tests.poppler import pdf_text, poppler
from tests.reports import oracle
from tests.reports.world import SOURCES, World, populate

PERIOD = parse_period("2026-10")
PROFILE = ReportProfile("张三", "青山镇人民政府", WorkHours.parse("08:30", "17:30"))


@pytest.fixture
def world(db: Database, data_paths: DataPaths) -> World:
    # Events from 25 Sep to 5 Nov (China time), so the October boundaries matter.
    return populate(
        db,
        start=datetime(2026, 9, 24, 16, tzinfo=UTC),
        days=42,
        events=3000,
        attachments_dir=data_paths.attachments,
    )


def sql(db: Database, statement: str, period=PERIOD, sources: list[str] | None = None) -> list:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        return oracle.query(conn, statement, period.start_ms, period.end_ms, sources)


def as_map(rows: Sequence[Sequence[object]]) -> dict[str, tuple[int, float]]:
    return {str(row[0]): (int(row[1]), round(float(row[2]), 2)) for row in rows}  # type: ignore[arg-type]


def find_table(rows: list[list[object]], title: str) -> tuple[list[object], list[list[object]]]:
    """(header, body) of the table titled ``title`` in a sheet/CSV read as rows."""
    start = next(i for i, row in enumerate(rows) if row and row[0] == title)
    header = rows[start + 1]
    body = []
    for row in rows[start + 2 :]:
        if not row or row[0] in (None, "") or row[0] == "合计" or all(v in (None, "") for v in row[1:]):
            break  # blank line, total row or the table's note line
        body.append(row)
    return header, body


def number(value: object) -> float:
    return float(str(value).replace(",", "").rstrip("%")) if value not in (None, "") else 0.0


def column_map(header: list[object], body: list[list[object]], key: str) -> dict[str, tuple[int, float]]:
    k, c, m = header.index(key), header.index("次数"), header.index("分钟")
    return {str(row[k]): (int(number(row[c])), round(number(row[m]), 2)) for row in body}


def xlsx_rows(path: Path, sheet: str) -> list[list[object]]:
    return [[cell.value for cell in row] for row in openpyxl.load_workbook(path)[sheet].iter_rows()]


def csv_rows(path: Path) -> list[list[object]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [list(row) for row in csv.reader(handle)]


def csv_tables(path: Path) -> dict[str, list[list[str]]]:
    """The CSV export of several tables: a zip with one CSV per table, keyed by its title."""
    assert path.suffix == ".zip" and zipfile.is_zipfile(path)
    tables = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                raw = archive.read(name)
                assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel/WPS read the Chinese right
                tables[name[3:-4]] = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return tables


def csv_table(path: Path, title_start: str) -> tuple[list[object], list[list[object]]]:
    """(header, body) of the CSV file whose table title starts with ``title_start``."""
    rows = next(rows for title, rows in csv_tables(path).items() if title.startswith(title_start))
    assert not any(row and row[0] == "合计" for row in rows)  # data only: sums and filters work
    return list(rows[0]), [list(row) for row in rows[1:]]


def test_summary_equals_independent_sql(db: Database, world: World) -> None:
    summary = WorkloadService(db).summary(PERIOD, hours=PROFILE.hours, now=datetime(2026, 10, 20, tzinfo=UTC))
    ((count, minutes),) = sql(db, oracle.TOTALS)
    assert (summary.total_count, round(summary.total_minutes, 2)) == (count, round(minutes, 2))
    assert count > 1000
    assert {s.name: (s.count, round(s.minutes, 2)) for s in summary.by_source if s.count} == as_map(
        sql(db, oracle.BY_SOURCE)
    )
    assert {b.key: (b.count, round(b.minutes, 2)) for b in summary.by_kind} == as_map(sql(db, oracle.BY_KIND))
    assert {b.label: (b.count, round(b.minutes, 2)) for b in summary.by_unit} == as_map(
        sql(db, oracle.BY_UNIT)
    )
    flagged = {b.key: (b.count, round(b.minutes, 2)) for b in summary.by_burden if b.key}
    assert flagged == as_map(sql(db, oracle.BY_BURDEN))
    assert sum(d.count for d in summary.days) == count
    assert round(sum(d.minutes for d in summary.days), 2) == round(minutes, 2)
    # Working time: October 2026 has the National Day holiday and a make-up Saturday.
    assert summary.work.workdays == len(chinese_calendar.get_workdays(date(2026, 10, 1), date(2026, 10, 31)))
    assert summary.work.work_minutes == summary.work.workdays * 540
    assert summary.work.minutes_in_hours + summary.work.minutes_outside_hours == pytest.approx(minutes)
    with db.engine.connect() as conn:
        items = conn.exec_driver_sql(
            "SELECT count(*), total(is_read) FROM items WHERE published_at >= ? AND published_at < ?",
            (PERIOD.start_ms, PERIOD.end_ms),
        ).one()
        now = int(datetime(2026, 10, 20, tzinfo=UTC).timestamp() * 1000)
        tasks = conn.exec_driver_sql(
            "SELECT status, completed_at, due_at FROM tasks WHERE status != 'cancelled'"
            " AND due_at >= ? AND due_at < ?",
            (PERIOD.start_ms, PERIOD.end_ms),
        ).all()
    assert (summary.items_received, summary.items_read) == (items[0], int(items[1]))
    on_time = sum(1 for s, done, due in tasks if s == "done" and done <= due)
    late = sum(1 for s, done, due in tasks if s == "done" and done > due)
    overdue = sum(1 for s, _, due in tasks if s == "open" and due < now)
    assert (summary.tasks.on_time, summary.tasks.late, summary.tasks.overdue) == (on_time, late, overdue)
    assert summary.tasks.total == len(tasks)


def test_latest_version_of_corrected_events_counts_once(db: Database, world: World) -> None:
    details = WorkloadService(db).operation_details(parse_period("2026-09-25..2026-11-05"))
    with db.engine.connect() as conn:
        fork_time = conn.exec_driver_sql(
            "SELECT performed_at FROM operation_logs WHERE id = ?", (world.log_ids[1],)
        ).scalar()
    at_fork = [row for row in details if row[0] == fork_time]
    # Two devices corrected the same event with equal HLC: the higher device id (222 min) wins.
    assert [row[7] for row in at_fork if row[7] in (111, 222)] == [222]
    assert sum(1 for row in details if row[9] == "是") > 0
    ((count, _),) = sql(db, oracle.TOTALS, parse_period("2026-09-25..2026-11-05"))
    assert len(details) == count


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_details_same_through_table_scan_and_index(
    share: float, db: Database, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wide period is read by a table scan and sorted in Python, a narrow one through the
    performed_at index: both give every counted operation in (time, insertion) order."""
    period = parse_period("2026-10-05..2026-10-25")
    options = ReportOptions(include_notes=True)
    monkeypatch.setattr(log_queries, "WIDE_PERIOD_SHARE", share)
    details = WorkloadService(db).operation_details(period, options)
    with db.engine.connect() as conn:
        expected = conn.exec_driver_sql(
            "SELECT o.performed_at, o.minutes, o.note FROM operation_logs o"
            " WHERE o.deleted = 0 AND o.performed_at >= ? AND o.performed_at < ?"
            " AND o.id NOT IN (SELECT value FROM json_each(?)) ORDER BY o.performed_at, o.rowid",
            (period.start_ms, period.end_ms, json.dumps(superseded_ids(conn))),
        ).all()
    assert [(row[0], row[7], row[10]) for row in details] == [tuple(row) for row in expected]
    ((count, _),) = sql(db, oracle.TOTALS, period)
    assert len(details) == count


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_every_export_equals_sql(
    fmt: str, db: Database, world: World, data_paths: DataPaths, tmp_path: Path
) -> None:
    target = export_report(
        db,
        PERIOD,
        fmt,
        tmp_path / f"十月.{fmt}",
        profile=PROFILE,  # type: ignore[arg-type]
        attachments_dir=data_paths.attachments,
    )
    ((count, minutes),) = sql(db, oracle.TOTALS)
    by_source = as_map(sql(db, oracle.BY_SOURCE))
    by_kind = {label(k): v for k, v in as_map(sql(db, oracle.BY_KIND)).items()}
    by_requirement = as_map(sql(db, oracle.BY_REQUIREMENT))
    if fmt == "pdf":
        text = pdf_text(target, layout=True)
        for heading in (
            "工作量统计报告",
            "一、总览",
            "按来源（账号）统计",
            "按操作类型统计",
            "五、基层负担报告",
            "基层负担情况表",
            "最耗时的 10 个账号",
            "张三",
            "青山镇人民政府",
            "2026年10月",
        ):
            assert heading in text, heading
        assert f"{count:,}" in text and f"{minutes:,.1f}" in text
        lines = text.splitlines()
        for name, (n, m) in by_source.items():
            assert any(name in line and f"{n:,}" in line and f"{m:,.1f}" in line for line in lines), name
        for kind, (n, m) in by_kind.items():
            assert any(kind in line and f"{n:,}" in line and f"{m:,.1f}" in line for line in lines), kind
        return

    def table(sheet: str, title: str) -> tuple[list[object], list[list[object]]]:
        if fmt == "csv":
            return csv_table(target, title)
        rows = xlsx_rows(target, sheet)
        return find_table(rows, next(str(r[0]) for r in rows if r and str(r[0]).startswith(title)))

    header, body = table("汇总", "总览")
    overview = {str(r[0]): r[1] for r in body}
    if fmt == "xlsx":  # numbers stored as numbers, shown with number formats
        assert overview["操作次数"] == count and overview["操作耗时"] == pytest.approx(round(minutes, 1))
        sheet = openpyxl.load_workbook(target)["汇总"]
        formats = {
            row[0].value: row[1].number_format for row in sheet.iter_rows() if row[0].value in overview
        }
        assert formats["操作次数"] == "#,##0" and formats["操作耗时"] == "#,##0.0"
    else:  # plain numbers a spreadsheet reads as numbers
        assert overview["操作次数"] == str(count) and float(overview["操作耗时"]) == round(minutes, 1)
    header, body = table("汇总", "按来源（账号）统计")
    assert column_map(header, body, "账号") == by_source
    if fmt == "csv":
        assert all("," not in str(cell) for row in body for cell in row)  # no thousands separators
    header, body = table("汇总", "按操作类型统计")
    assert column_map(header, body, "操作类型") == by_kind
    header, body = table("负担报告", "基层负担情况表")
    got = {
        (str(r[header.index("具体要求")])): (
            int(number(r[header.index("次数")])),
            round(number(r[header.index("分钟")]), 2),
        )
        for r in body
    }
    assert got == by_requirement
    header, body = table("操作明细", "期间内全部操作")
    assert len(body) == count
    assert round(sum(number(r[header.index("分钟")]) for r in body), 2) == round(minutes, 2)
    if fmt == "xlsx":
        book = openpyxl.load_workbook(target)
        kinds = sorted(chart.tagname for chart in book["汇总"]._charts)
        assert kinds == ["barChart", "barChart", "lineChart", "pieChart"]
        assert isinstance(body[0][0], datetime)  # real Excel dates, not text
    else:
        with zipfile.ZipFile(target) as archive:
            readme = archive.read("说明.txt").decode("utf-8")
        assert "张三" in readme and "2026年10月" in readme and "01-总览.csv" in readme


def test_period_across_years(db: Database, tmp_path: Path) -> None:
    populate(db, start=datetime(2026, 12, 14, 16, tzinfo=UTC), days=40, events=800, items=100, tasks=20)
    period = parse_period("2026-12-20..2027-01-10")
    summary = WorkloadService(db).summary(period)
    ((count, minutes),) = sql(db, oracle.TOTALS, period)
    assert (summary.total_count, round(summary.total_minutes, 2)) == (count, round(minutes, 2))
    assert [monday.isoformat() for monday, _, _ in summary.weeks()] == [
        "2026-12-14",
        "2026-12-21",
        "2026-12-28",
        "2027-01-04",
    ]
    assert summary.days[0].day == date(2026, 12, 20) and summary.days[-1].day == date(2027, 1, 10)
    if summary.work.calendar_note:  # 2027 not yet in chinese-calendar: said so, Mon–Fri used
        assert "chinese-calendar" in summary.work.calendar_note
    written = export_report(db, period, "csv", tmp_path / "跨年.csv")
    assert written == (tmp_path / "跨年.zip").resolve()
    _, body = csv_table(written, "期间内全部操作")
    assert len(body) == count and body[0][0].startswith("2026-12-2") and body[-1][0].startswith("2027-01-")


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "pdf"])
def test_empty_period_gives_no_data_page(fmt: str, db: Database, world: World, tmp_path: Path) -> None:
    target = export_report(db, parse_period("2031-02"), fmt, tmp_path / f"空.{fmt}")  # type: ignore[arg-type]
    if fmt == "pdf":
        text = pdf_text(target)
    elif fmt == "xlsx":
        text = "\n".join(str(v) for row in xlsx_rows(target, "汇总") for v in row if v)
    else:
        text = target.read_text("utf-8-sig")
    assert "该期间没有任何操作记录" in text and "2031年2月" in text


def test_source_filter_anonymize_notes_and_thumbnails(
    db: Database, world: World, data_paths: DataPaths, tmp_path: Path
) -> None:
    chosen = world.source_ids[:3]
    options = ReportOptions(
        source_ids=frozenset(chosen), include_notes=True, include_thumbnails=True, anonymize=True
    )
    summary = WorkloadService(db).summary(PERIOD, options)
    ((count, minutes),) = sql(db, oracle.TOTALS, sources=chosen)
    assert (summary.total_count, round(summary.total_minutes, 2)) == (count, round(minutes, 2))
    pdf = export_report(
        db, PERIOD, "pdf", tmp_path / "a.pdf", options=options, attachments_dir=data_paths.attachments
    )
    csv_path = export_report(db, PERIOD, "csv", tmp_path / "a.csv", options=options)
    pdf_words = pdf_text(pdf)
    csv_text = "\n".join(",".join(row) for rows in csv_tables(csv_path).values() for row in rows)
    for name, *_ in SOURCES:
        assert name not in pdf_words and name not in csv_text, name
    assert "账号01" in csv_text and "账号03" in csv_text and "账号04" not in csv_text
    assert "备注" in csv_text and "第" in csv_text and "次记录" in csv_text
    images = poppler("pdfimages", "-list", str(pdf))
    assert len(images.splitlines()) > 2  # header lines + at least one embedded evidence thumbnail


@pytest.mark.parametrize(
    "options",
    [ReportOptions(), ReportOptions(include_notes=True, anonymize=True)],
    ids=["plain", "notes-anonymized"],
)
def test_detail_sheet_written_by_columns_equals_the_sheet_written_by_rows(
    options: ReportOptions, db: Database, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The detail rows hand the XLSX writer columns (six account/requirement cells once per
    combination, never a tuple per row): every part of the file equals the one written from
    the same rows as plain tuples, and no row is built on the way."""
    from cadre_desk.services.reports import operation_details
    from cadre_desk.services.reports.document import ColumnarRows
    from cadre_desk.services.reports.workload_report import build_document, write_document

    period = parse_period("2026-09-25..2026-11-05")
    service = WorkloadService(db)
    summary = service.summary(period, options)
    details = service.operation_details(period, options, summary.aliases)
    rows = list(details)
    assert isinstance(details, ColumnarRows) and len(details) == len(rows) > 1000  # the streamed sheet
    assert details[5] == rows[5] and details[-3:] == rows[-3:] and details == rows
    assert any(row[9] == "是" for row in rows) and any(row[8] == "是" for row in rows)
    if options.anonymize:
        assert summary.aliases and all(not str(row[1]).startswith(SOURCES[0][0]) for row in rows)
    generated = datetime(2026, 11, 6, 9, 0, tzinfo=UTC)
    by_rows = write_document(
        build_document(summary, PROFILE, rows, generated_at=generated), tmp_path / "rows.xlsx", "xlsx"
    )
    built: list[object] = []
    build_row = operation_details.DetailRows._row
    monkeypatch.setattr(
        operation_details.DetailRows, "_row", lambda self, r: built.append(r) or build_row(self, r)
    )
    by_columns = write_document(
        build_document(summary, PROFILE, details, generated_at=generated), tmp_path / "columns.xlsx", "xlsx"
    )
    assert built == []
    with zipfile.ZipFile(by_rows) as a, zipfile.ZipFile(by_columns) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "docProps/core.xml":  # its creation time
                assert a.read(name) == b.read(name), name
