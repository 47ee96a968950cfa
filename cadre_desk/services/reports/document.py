"""A format-neutral report: title, period, tables, charts, paragraphs, images.

Services build a :class:`ReportDocument`; ``write_pdf``/``write_xlsx``/``write_csv`` render the
same document, so every format shows the same numbers. The workload report (issue 9) and the
consolidation report of the redundancy analysis both use it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

# Reports are read in China Standard Time (no daylight saving), whatever the machine says.
REPORT_TZ = timezone(timedelta(hours=8), "CST")

ColumnKind = Literal["text", "int", "float", "minutes", "number", "percent", "datetime", "date"]
NUMERIC_KINDS = frozenset({"int", "float", "minutes", "number", "percent"})  # right-aligned
ChartKind = Literal["column", "bar", "line", "pie"]


@dataclass(frozen=True)
class Column:
    """A table column. ``width`` is in characters (Excel's unit); the PDF scales it.

    Cell values: ``text`` → str; ``int``/``float``/``minutes`` → numbers; ``number`` → an int
    (shown as one) or a float (one decimal), for a column of figures of mixed kinds; ``percent`` → a
    fraction (0.25 shows as 25.0%); ``datetime`` → an aware datetime or epoch milliseconds
    (shown in China Standard Time); ``date`` → a ``datetime.date``. ``None`` is an empty cell.
    """

    header: str
    kind: ColumnKind = "text"
    width: float = 12


@runtime_checkable
class ColumnarRows(Protocol):
    """Rows that also hand out columns, for a writer that works column by column (the XLSX
    detail sheet, 200,000 rows a year): the rows are then never built one by one.

    ``column(i)``: the values of column ``i``, row by row. ``run_keys(start, end)``: for the
    adjacent columns ``[start, end)``, one hashable key per row and how to turn a key into those
    columns' values (a few hundred distinct keys among 200,000 rows), or None to read the rows.
    Both must agree with the rows themselves (a differential test holds them to it)."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: Any) -> Any: ...

    def column(self, index: int) -> Sequence[object]: ...

    def run_keys(
        self, start: int, end: int
    ) -> tuple[Sequence[Hashable], Callable[[Any], Sequence[object]]] | None: ...


@dataclass
class Table:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]]
    total_row: Sequence[object] | None = None
    note: str | None = None
    pdf_max_rows: int | None = None  # long detail tables are cut in the PDF (full in XLSX/CSV)
    row_count: int | None = None  # the full count when ``rows`` holds only the first rows (PDF)


@dataclass
class Series:
    name: str
    values: Sequence[float]


@dataclass
class Chart:
    title: str
    kind: ChartKind
    categories: Sequence[str]
    series: Sequence[Series]
    value_axis: str = ""  # e.g. "分钟"


@dataclass
class Paragraph:
    text: str


@dataclass
class ImageGallery:
    """Evidence thumbnails (PDF and XLSX); files that cannot be read are listed, not fatal."""

    title: str
    images: Sequence[tuple[Path, str]]  # (file, caption)


Block = Table | Chart | Paragraph | ImageGallery


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    sheet: str = "汇总"  # XLSX sheet the section goes to; sections sharing a name share the sheet
    landscape: bool = False  # PDF: wide tables read better on landscape pages


@dataclass
class ReportDocument:
    title: str
    period_label: str
    meta: list[tuple[str, str]] = field(default_factory=list)  # (label, value): 姓名, 单位, 生成时间…
    sections: list[Section] = field(default_factory=list)
    empty_message: str | None = None  # set when there is nothing to report: a clear "no data" page

    def tables(self) -> list[Table]:
        return [block for section in self.sections for block in section.blocks if isinstance(block, Table)]
