"""CSV rendering: UTF-8 with BOM (Excel and WPS then read Chinese correctly), CRLF lines.

A document becomes its tables one after the other, each preceded by its title line and
followed by a blank line, so the file opens in Excel/WPS as a readable sheet.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from itertools import repeat
from operator import add, floordiv, getitem, itemgetter
from pathlib import Path
from typing import Any

from cadre_desk.services.reports.atomic import atomic_write
from cadre_desk.services.reports.document import ColumnKind, ReportDocument, Table

ENCODING = "utf-8"  # the BOM is written by hand: the utf-8-sig codec is pure Python and slow
BOM = "\ufeff"
CST_SECONDS = 8 * 3600
_TIME_FORMAT = "%Y-%m-%d %H:%M"


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
    if isinstance(value, datetime):
        value = value.timestamp() * 1000
    if isinstance(value, int | float):
        # gmtime of the shifted epoch: China time without tz objects (~3× faster, 200k rows).
        return time.strftime(_TIME_FORMAT, time.gmtime(value // 1000 + CST_SECONDS))
    return _text(value)


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


class _Memo(dict[object, object]):
    """Converted values of one column, computed once per distinct value (names and minutes
    repeat thousands of times; unique timestamps are converted but not kept)."""

    def __init__(self, convert: Callable[[object], object]) -> None:
        super().__init__()
        self._convert = convert

    def __missing__(self, value: object) -> object:
        converted = self._convert(value)
        if len(self) < 50_000:
            self[value] = converted
        return converted


CHUNK_ROWS = 5000


def _write_rows(writer: Any, rows: Sequence[Sequence[object]], kinds: Sequence[ColumnKind]) -> None:
    """Write ``rows`` converted column by column: C-level maps over memoized conversions, and
    epoch-ms times through gmtime/strftime without a Python call per cell."""
    if all(kind == "text" for kind in kinds):
        writer.writerows(rows)  # csv writes None as ""
        return
    memos = [_Memo(_CONVERTERS[kind]) for kind in kinds]
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        if set(map(len, chunk)) != {len(kinds)}:  # short rows (a total row under wide columns)
            writer.writerows(map(getitem, memos, row) for row in chunk)
            continue
        columns: list[Iterable[object]] = []
        for index, kind in enumerate(kinds):
            values = list(map(itemgetter(index), chunk))
            if kind == "text":
                columns.append(values)
            elif kind == "datetime" and set(map(type, values)) == {int}:
                # gmtime of the shifted epoch: China time without tz objects.
                seconds = map(add, map(floordiv, values, repeat(1000)), repeat(CST_SECONDS))
                columns.append(map(time.strftime, repeat(_TIME_FORMAT), map(time.gmtime, seconds)))
            else:
                columns.append(map(memos[index].__getitem__, values))
        writer.writerows(zip(*columns, strict=True))


def write_csv(document: ReportDocument, target: Path, *, tables: list[Table] | None = None) -> Path:
    """Write the document's tables (or the given subset) as CSV atomically."""
    chosen = tables if tables is not None else document.tables()

    def render(temp: Path) -> None:
        with temp.open("w", encoding=ENCODING, newline="", buffering=1 << 20) as handle:
            handle.write(BOM)
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
                _write_rows(writer, table.rows, kinds)
                if table.total_row is not None:
                    _write_rows(writer, [table.total_row], kinds)

    return atomic_write(target, render)
