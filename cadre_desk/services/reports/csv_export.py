"""CSV rendering: UTF-8 with BOM (Excel and WPS then read Chinese correctly), CRLF lines.

A document becomes its tables one after the other, each preceded by its title line and
followed by a blank line, so the file opens in Excel/WPS as a readable sheet.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cadre_desk.services.reports.atomic import atomic_write
from cadre_desk.services.reports.document import REPORT_TZ, ColumnKind, ReportDocument, Table

ENCODING = "utf-8-sig"


def _text(value: object) -> object:
    return "" if value is None else value


def _number(value: object) -> object:
    if value is None:
        return ""
    return round(value, 2) if isinstance(value, float) else value


def _integer(value: object) -> object:
    if value is None:
        return ""
    return round(value) if isinstance(value, float) else value


def _percent(value: object) -> object:
    return f"{value * 100:.1f}%" if isinstance(value, int | float) else _text(value)


def _datetime(value: object) -> object:
    if isinstance(value, int | float):
        moment = datetime.fromtimestamp(value / 1000, REPORT_TZ)
    elif isinstance(value, datetime):
        moment = value.astimezone(REPORT_TZ) if value.tzinfo else value
    else:
        return _text(value)
    return f"{moment.year}-{moment.month:02d}-{moment.day:02d} {moment.hour:02d}:{moment.minute:02d}"


def _date(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else _text(value)


_CONVERTERS: dict[str, Callable[[object], object]] = {
    "text": _text,
    "int": _integer,
    "float": _number,
    "minutes": _number,
    "percent": _percent,
    "datetime": _datetime,
    "date": _date,
}


def _convert(rows: Sequence[Sequence[object]], kinds: Sequence[ColumnKind]) -> Any:
    converters = [_CONVERTERS[kind] for kind in kinds]
    if all(kind == "text" for kind in kinds):
        return rows  # csv writes None as ""
    return ([convert(value) for convert, value in zip(converters, row, strict=False)] for row in rows)


def write_csv(document: ReportDocument, target: Path, *, tables: list[Table] | None = None) -> Path:
    """Write the document's tables (or the given subset) as CSV atomically."""
    chosen = tables if tables is not None else document.tables()

    def render(temp: Path) -> None:
        with temp.open("w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow([document.title])
            writer.writerow([f"统计期间：{document.period_label}"])
            for label, value in document.meta:
                if value:
                    writer.writerow([f"{label}：{value}"])
            writer.writerow([])
            if document.empty_message:
                writer.writerow([document.empty_message])
                return
            for index, table in enumerate(chosen):
                if index:
                    writer.writerow([])
                kinds = [column.kind for column in table.columns]
                writer.writerow([table.title])
                writer.writerow([column.header for column in table.columns])
                writer.writerows(_convert(table.rows, kinds))
                if table.total_row is not None:
                    writer.writerows(_convert([table.total_row], kinds))

    return atomic_write(target, render)
