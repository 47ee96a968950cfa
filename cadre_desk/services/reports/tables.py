"""Pieces the workload report and the consolidation report (redundancy analysis) both build:
the account columns (账号/平台/层级) and their cells, numbered account tables, the header lines
(姓名/单位/生成时间) and writing a document in the chosen format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Literal

from cadre_desk.domain.enums import Level, Platform
from cadre_desk.domain.labels import label
from cadre_desk.services.reports.csv_export import write_csv
from cadre_desk.services.reports.document import REPORT_TZ, Column, ReportDocument, Table
from cadre_desk.services.reports.pdf import write_pdf
from cadre_desk.services.reports.xlsx import write_xlsx

ExportFormat = Literal["pdf", "xlsx", "csv"]
WRITERS: dict[ExportFormat, Callable[[ReportDocument, Path], Path]] = {
    "pdf": write_pdf,
    "xlsx": write_xlsx,
    "csv": write_csv,
}


def vocab_label(vocabulary: type[StrEnum], value: str | None) -> str:
    """The label of a stored vocabulary value: "" for none, the value itself if unknown."""
    if not value:
        return ""
    try:
        return label(vocabulary(value))
    except ValueError:
        return value


def account_columns(account_width: float, platform_width: float, level_width: float) -> list[Column]:
    """账号, 平台, 层级: the columns that name an account in a report table."""
    return [
        Column("账号", "text", account_width),
        Column("平台", "text", platform_width),
        Column("层级", "text", level_width),
    ]


def account_cells(name: str, platform: str | None, level: str | None) -> tuple[str, str, str]:
    """The cells under :func:`account_columns`."""
    return name, vocab_label(Platform, platform), vocab_label(Level, level)


AccountRow = tuple[str, str | None, str | None, Sequence[object]]  # name, platform, level, other cells


def ranked_account_table(
    title: str,
    rank_header: str,
    widths: tuple[float, float, float, float],
    other_columns: Sequence[Column],
    rows: Iterable[AccountRow],
    *,
    note: str | None = None,
) -> Table:
    """A numbered table of accounts: rank (from 1), 账号/平台/层级, then ``other_columns``.
    ``widths`` are those of the rank and the three account columns."""
    rank_width, account_width, platform_width, level_width = widths
    return Table(
        title,
        [
            Column(rank_header, "int", rank_width),
            *account_columns(account_width, platform_width, level_width),
            *other_columns,
        ],
        [
            (rank, *account_cells(name, platform, level), *cells)
            for rank, (name, platform, level, cells) in enumerate(rows, 1)
        ],
        note=note,
    )


def report_meta(name: str, unit: str, generated: datetime, *, missing: str = "") -> list[tuple[str, str]]:
    """The lines under a report's title: who it is for and when it was made (China time).
    ``missing`` stands in for an empty name or unit (an empty value is left out)."""
    return [
        ("姓名", name or missing),
        ("单位", unit or missing),
        ("生成时间", f"{generated.astimezone(REPORT_TZ):%Y-%m-%d %H:%M}"),
    ]


def format_of(target: Path) -> ExportFormat:
    """The format a file name asks for; XLSX unless it ends in .pdf or .csv."""
    suffix = target.suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".csv":
        return "csv"
    return "xlsx"


def write_document(document: ReportDocument, target: Path, fmt: ExportFormat | None = None) -> Path:
    """Write ``document`` to ``target`` atomically in ``fmt`` (by default from the file name)."""
    return WRITERS[fmt or format_of(target)](document, target)
