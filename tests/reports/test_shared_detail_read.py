"""An export reads the operation log once: the burden evidence's notes come from the detail rows
(``WorkloadService.summary_and_details``) instead of a second scan. Both ways must give the same
summary, the same evidence (every note, in the same order) and the same detail rows."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import event, insert

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.reports.log_queries import load_requirements, log_params
from cadre_desk.services.reports.operation_details import read_details
from cadre_desk.services.reports.periods import Period, parse_period
from cadre_desk.services.reports.workload import WorkloadService
from cadre_desk.services.reports.workload_report import ReportProfile, export_report
from cadre_desk.services.reports.workload_types import ReportOptions, WorkHours
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import OperationLog
from tests.reports.world import World, populate

HOURS = WorkHours.parse("08:30", "17:30")
TIE = datetime(2026, 10, 9, 2, 0, tzinfo=UTC)


@pytest.fixture
def world(db: Database, data_paths: DataPaths) -> World:
    world = populate(
        db,
        start=datetime(2026, 9, 24, 16, tzinfo=UTC),
        days=42,
        events=3000,
        attachments_dir=data_paths.attachments,
    )
    # Notes the evidence must treat exactly as its own query does: empty (left out), blank, with
    # the unit separator the detail query puts before a note, several at the same moment (in
    # rowid order, which here is the reverse of their text), and a superseded one (left out).
    with db.engine.connect() as conn:
        requirements = load_requirements(conn)
    flagged = next(rid for rid in world.requirement_ids if requirements[rid].flags())
    source_id = requirements[flagged].source_id
    tie_ms = int(TIE.timestamp() * 1000)
    notes = ["", "  ", "前\x1f后", "z 同一时刻", "m 同一时刻", "a 同一时刻", "被更正的备注", "更正后的备注"]
    logs = []
    for index, note in enumerate(notes):
        logs.append(
            dict(
                id=f"e{index:031x}",
                operation_kind="forward",
                performed_at=tie_ms if "同一时刻" in note else tie_ms - 3_600_000 * (index + 1),
                minutes=2,
                is_checkin=False,
                source_id=source_id,
                requirement_id=flagged,
                task_id=None,
                item_id=None,
                note=note,
                supersedes_id=f"e{6:031x}" if note == "更正后的备注" else None,
                recorded_at=datetime(2025, 1, 1, tzinfo=UTC),
                updated_at_hlc=90_000_000 + index,
                device_id="e" * 32,
            )
        )
    with db.engine.begin() as conn:
        conn.execute(insert(OperationLog), logs)
    return world


PERIODS = {
    "month (table scan)": parse_period("2026-10"),
    "week (time index)": parse_period("2026-10-05..2026-10-11"),
}
OPTIONS = {
    "notes": ReportOptions(include_notes=True),
    "notes-anonymized": ReportOptions(include_notes=True, anonymize=True),
    "no-notes": ReportOptions(),
}


@pytest.mark.parametrize("period", PERIODS.values(), ids=PERIODS.keys())
@pytest.mark.parametrize("options", OPTIONS.values(), ids=OPTIONS.keys())
def test_summary_and_details_equal_the_two_reads(
    db: Database, world: World, period: Period, options: ReportOptions
) -> None:
    service = WorkloadService(db)
    summary, details = service.summary_and_details(period, options, HOURS)
    alone = service.summary(period, options, HOURS)
    assert summary == alone
    assert list(details) == list(service.operation_details(period, options, alone.aliases))
    assert len(details) > 100


@pytest.mark.parametrize("period", PERIODS.values(), ids=PERIODS.keys())
def test_evidence_notes_from_the_detail_equal_the_evidence_query(
    db: Database, world: World, period: Period
) -> None:
    service = WorkloadService(db)
    options = ReportOptions(include_notes=True)
    with db.engine.connect() as conn:
        superseded = service._cubes.superseded(conn)
        params = log_params(period, options, superseded)
        requirements = load_requirements(conn)
        queried = service._burden_evidence(conn, period, params, options, requirements)
        read = read_details(conn, period, options, superseded)
        shared = service._burden_evidence(conn, period, params, options, requirements, read)
    assert shared == queried
    notes = [note for _files, notes in queried.values() for note in notes]
    assert len(notes) > 10
    assert "" not in notes and "被更正的备注" not in notes
    if period.first <= TIE.date() <= period.last:
        assert "前\x1f后" in notes and "  " in notes and "更正后的备注" in notes
        ties = [note for note in notes if "同一时刻" in note]
        assert ties == ["z 同一时刻", "m 同一时刻", "a 同一时刻"]  # by rowid, as the query orders


def test_export_reads_the_log_once_for_detail_and_evidence(
    db: Database, world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The XLSX export takes the evidence's notes from the detail: the notes query never runs,
    and the burden sheet still lists them."""
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        target = export_report(
            db,
            parse_period("2026-10"),
            "xlsx",
            tmp_path / "report.xlsx",
            profile=ReportProfile("张三", "青山镇人民政府", HOURS),
            options=ReportOptions(include_notes=True),
        )
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert not [s for s in statements if "o.note IS NOT NULL AND o.note != ''" in s]
    workbook = openpyxl.load_workbook(target, read_only=True)
    cells = [str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any("备注：" in cell for cell in cells)
