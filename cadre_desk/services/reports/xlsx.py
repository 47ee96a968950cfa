"""XLSX rendering of a :class:`ReportDocument` with XlsxWriter: Chinese headers, column widths,
number formats, native Excel charts (their data on a "图表数据" sheet).

A long table that ends its sheet (the detail of every operation: 200,000 rows for a busy year)
is streamed by :class:`_BulkWorksheet`, which writes the row XML directly instead of going
through XlsxWriter's per-cell calls (about 10× faster; same shared strings and cell formats).
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from itertools import chain, repeat
from operator import add, itemgetter, truediv
from pathlib import Path
from typing import Any, BinaryIO, cast

import xlsxwriter
import xlsxwriter.workbook as xlsxwriter_workbook
from xlsxwriter.format import Format
from xlsxwriter.packager import Packager
from xlsxwriter.worksheet import Worksheet

from cadre_desk.services.reports.atomic import atomic_write
from cadre_desk.services.reports.document import (
    Chart,
    ColumnarRows,
    ColumnKind,
    ImageGallery,
    Paragraph,
    ReportDocument,
    Section,
    Table,
)
from cadre_desk.services.reports.formatting import local_datetime
from cadre_desk.services.reports.xlsx_strings import RunStringsPackager

BULK_THRESHOLD = 1000  # rows; below this XlsxWriter's own cell writer is fast enough
CHART_DATA_SHEET = "图表数据"
CHART_ROWS = 18  # rows a chart occupies on its sheet
_EXCEL_EPOCH_DAYS = 25569  # 1970-01-01 as an Excel serial day
_CST_DAYS = 8 / 24
NUMBER_FORMATS: dict[str, str] = {
    "int": "#,##0",
    "float": "#,##0.0",
    "minutes": "#,##0.0",
    "percent": "0.0%",
    "datetime": "yyyy-mm-dd hh:mm",
    "date": "yyyy-mm-dd",
}
_XLSX_CHART_TYPES = {"column": "column", "bar": "bar", "line": "line", "pie": "pie"}


class _CellFragments(dict[object, str]):
    """Value → cell XML for one column, built on first use (text and minutes repeat a lot)."""

    def __init__(self, build: Callable[[object], str]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, value: object) -> str:
        fragment = self._build(value)
        if not isinstance(value, int | float) or len(self) < 50_000:  # bound the cache of unique times
            self[value] = fragment
        return fragment


class _BulkWorksheet(Worksheet):
    """A worksheet whose trailing rows are written as raw XML at save time.

    Cells are written without their optional ``r`` attribute (position follows order; an empty
    ``<c/>`` keeps the place of a blank), so one row is a single ``%`` formatting over cached
    fragments instead of ten XlsxWriter calls. Adjacent text columns form one fragment per
    combination of their values (the six account/requirement cells of a detail row take a few
    hundred combinations), so a row of eleven cells is four ``%s`` fields.
    """

    def __init__(self) -> None:
        super().__init__()
        self._bulk_first_row = 0
        self._bulk_rows: Sequence[Sequence[object]] = ()
        # (first column, end column, fragments, the keys (text) or values of every row when read
        # ahead, whether it is a run of text columns)
        self._bulk_parts: list[tuple[int, int, _CellFragments, Sequence[object] | None, bool]] = []
        self._bulk_kinds: Sequence[ColumnKind] = ()
        self._bulk_datetime_cell = "<c><v>%r</v></c>"
        self._bulk_normal_rowmax: int | None = None

    def set_bulk_rows(
        self,
        first_row: int,
        rows: Sequence[Sequence[object]],
        kinds: Sequence[ColumnKind],
        formats: dict[str, Format],
    ) -> None:
        self._bulk_normal_rowmax = self.dim_rowmax
        self._bulk_first_row = first_row
        self._bulk_rows = rows
        self._bulk_kinds = kinds
        if "datetime" in formats:
            self._bulk_datetime_cell = f'<c s="{formats["datetime"]._get_xf_index()}"><v>%r</v></c>'
        self._bulk_parts = []
        columnar = rows if isinstance(rows, ColumnarRows) else None
        start = 0
        while start < len(kinds):
            end = start + 1
            keys: Sequence[object] | None = None
            if kinds[start] == "text":
                while end < len(kinds) and kinds[end] == "text":
                    end += 1
                run = columnar.run_keys(start, end) if columnar is not None else None
                if run is not None:  # one key per row, expanded once per distinct key
                    keys, expand = run
                    fragments = self._text_run(keys, end - start, expand)
                else:
                    keys = list(map(itemgetter(*range(start, end)), rows))  # read once, kept for writing
                    fragments = self._text_run(keys, end - start)
                self._bulk_parts.append((start, end, fragments, keys, True))
            else:
                fragments = self._fragments(kinds[start], Counter(), formats.get(kinds[start]))
                values = columnar.column(start) if columnar is not None else None
                self._bulk_parts.append((start, end, fragments, values, False))
            start = end
        if rows:
            self._check_dimensions(first_row + len(rows) - 1, len(kinds) - 1)

    def _text_run(
        self, keys: Sequence[object], width: int, expand: Callable[[Any], Sequence[object]] | None = None
    ) -> _CellFragments:
        """Fragments of ``width`` adjacent text columns: keyed by the value (one column), by the
        tuple of values, or by a key that ``expand`` turns into the values; their strings are
        registered in the shared string table with their counts, as XlsxWriter's
        ``write_string`` would."""

        def values_of(key: object) -> Sequence[object]:
            if expand is not None:
                return expand(key)
            return (key,) if width == 1 else cast(tuple[object, ...], key)

        counts: list[Counter[str]] = [Counter() for _ in range(width)]
        combinations = Counter(keys)  # counted in C
        for combination, times in combinations.items():
            for position, value in enumerate(values_of(combination)):
                if value is not None and value != "":
                    counts[position][str(value)] += times
        columns = [self._fragments("text", column_counts, None) for column_counts in counts]
        if len(columns) == 1 and expand is None:
            return columns[0]

        def combined(combination: object) -> str:
            return "".join(map(_CellFragments.__getitem__, columns, values_of(combination)))

        # Every combination at once (a year's notes make ~22,000 of them): one comprehension
        # instead of a miss handler per combination while the rows are written.
        fragments = _CellFragments(combined)
        fragments.update({combination: combined(combination) for combination in combinations})
        return fragments

    def _fragments(self, kind: ColumnKind, strings: Counter[str], fmt: Format | None) -> _CellFragments:
        if kind == "text":
            table = self.str_table
            index_of = {text: table._get_shared_string_index(text) for text in strings}
            table.count += sum(strings.values()) - len(strings)
            text_fragments = _CellFragments(
                # An empty text is a blank cell, as XlsxWriter's write_string("") does.
                lambda value: (
                    "<c/>" if value is None or value == "" else f'<c t="s"><v>{index_of[str(value)]}</v></c>'
                )
            )
            # Every string's cell made at once, in C (the miss handler stays for other values).
            text_fragments.update(
                zip(index_of, map('<c t="s"><v>%d</v></c>'.__mod__, index_of.values()), strict=True)
            )
            return text_fragments
        style = f' s="{fmt._get_xf_index()}"' if fmt is not None else ""
        if kind == "datetime":

            def datetime_cell(value: object) -> str:
                if isinstance(value, datetime):
                    value = value.timestamp() * 1000
                if not isinstance(value, int | float):
                    return "<c/>"
                return f"<c{style}><v>{value / 86_400_000 + _EXCEL_EPOCH_DAYS + _CST_DAYS!r}</v></c>"

            return _CellFragments(datetime_cell)
        if kind == "date":
            return _CellFragments(
                lambda value: (
                    f"<c{style}><v>{value.toordinal() - 693594}</v></c>"
                    if isinstance(value, date)
                    else "<c/>"
                )
            )
        return _CellFragments(
            lambda value: (
                # an int stays an int ("2", as XlsxWriter writes it), anything else a float's repr
                f"<c{style}><v>{value if type(value) is int else float(value)!r}</v></c>"
                if isinstance(value, int | float)
                else "<c/>"
            )
        )

    def _write_rows(self) -> None:
        if not self._bulk_rows:
            super()._write_rows()
            return
        bulk_rowmax = self.dim_rowmax  # type: ignore[has-type]
        self.dim_rowmax = (
            self._bulk_normal_rowmax if self._bulk_normal_rowmax is not None else self.dim_rowmin
        )
        if self._bulk_normal_rowmax is not None:
            super()._write_rows()
        self.dim_rowmax = bulk_rowmax
        parts = self._bulk_parts
        write = self.fh.write
        first = self._bulk_first_row + 1
        rows = self._bulk_rows
        # Rows that hand out every column are never sliced (that would build each row).
        columnar = all(values is not None for _start, _end, _fragments, values, _text in parts)
        for start in range(0, len(rows), 5000):
            count = min(5000, len(rows) - start)
            chunk = () if columnar else rows[start : start + 5000]
            # Column by column through C-level maps (cached fragments), then the pieces of every
            # row joined at once: no per-row formatting.
            cells = [self._part_cells(part, chunk, start, count) for part in parts]
            numbers = map(str, range(first + start, first + start + count))
            pieces = zip(repeat('<row r="'), numbers, repeat('">'), *cells, repeat("</row>"))
            write("".join(chain.from_iterable(pieces)))

    def _part_cells(
        self,
        part: tuple[int, int, _CellFragments, Sequence[object] | None, bool],
        chunk: Sequence[Sequence[object]],
        offset: int,
        count: int,
    ) -> Iterable[str]:
        start, _end, fragments, column, is_text = part
        if is_text:
            assert column is not None
            return map(fragments.__getitem__, column[offset : offset + count])
        values = list(map(itemgetter(start), chunk)) if column is None else column[offset : offset + count]
        if self._bulk_kinds[start] == "datetime" and set(map(type, values)) == {int}:
            # Epoch ms (all unique): the Excel serial computed without a Python call per cell.
            days = map(truediv, values, repeat(86_400_000))
            serials = map(add, map(add, days, repeat(_EXCEL_EPOCH_DAYS)), repeat(_CST_DAYS))
            return map(self._bulk_datetime_cell.__mod__, serials)
        return map(fragments.__getitem__, values)


class _Sheet:
    """Where the next block goes on one worksheet, and the widest column seen."""

    def __init__(self, worksheet: Worksheet) -> None:
        self.ws = worksheet
        self.row = 0
        self.widths: dict[int, float] = {}

    def widen(self, index: int, width: float) -> None:
        self.widths[index] = max(self.widths.get(index, 0), width)


def write_xlsx(document: ReportDocument, target: Path) -> Path:
    """Render ``document`` to ``target`` atomically. Raises ``ExportTargetError`` on a bad target."""
    return atomic_write(target, lambda temp: _render(document, str(temp)))


def xlsx_bytes(document: ReportDocument) -> bytes:
    """``document`` as XLSX bytes (a download served by the unit server)."""
    buffer = io.BytesIO()
    _render(document, buffer)
    return buffer.getvalue()


class _QuickDeflateZipFile(zipfile.ZipFile):
    """Deflate level 1 instead of zlib's default 6: for a year's detail sheet (~50 MB of XML)
    ~3× less compression time for a file ~25 % larger."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["compresslevel"] = 1
        super().__init__(*args, **kwargs)

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        # XlsxWriter's in-memory mode passes its own ZipInfo, whose level would be zlib's default
        # (the attribute is ``compress_level`` from Python 3.13 on).
        for name in ("compress_level", "_compresslevel"):
            if isinstance(zinfo_or_arcname, zipfile.ZipInfo) and getattr(zinfo_or_arcname, name, 0) is None:
                setattr(zinfo_or_arcname, name, 1)
                break
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)


class _Workbook(xlsxwriter.Workbook):
    """XlsxWriter's workbook, packed with :class:`_QuickDeflateZipFile` (XlsxWriter has no option
    for the level: its module's ``ZipFile`` is swapped while it packs; either class writes a
    valid file, so a concurrent export elsewhere is not harmed)."""

    def _get_packager(self) -> Packager:
        return RunStringsPackager()

    def _store_workbook(self) -> None:
        with _PACKING:
            xlsxwriter_workbook.ZipFile = _QuickDeflateZipFile
            try:
                super()._store_workbook()
            finally:
                xlsxwriter_workbook.ZipFile = zipfile.ZipFile


_PACKING = threading.Lock()


def _render(document: ReportDocument, output: str | BinaryIO) -> None:
    workbook = _Workbook(
        output,
        {"strings_to_numbers": False, "strings_to_formulas": False, "in_memory": not isinstance(output, str)},
    )
    workbook.set_properties(
        {"title": document.title, "subject": document.period_label, "comments": "cadre_desk"}
    )
    formats = _formats(workbook)
    by_sheet: dict[str, list[Section]] = {}
    for section in document.sections or [Section("汇总")]:
        by_sheet.setdefault(section.sheet, []).append(section)
    chart_data: list[tuple[Chart, Worksheet, int]] = []
    first = True
    for sheet_name, sections in by_sheet.items():
        last_blocks = [b for s in sections for b in s.blocks]
        bulk = (
            bool(last_blocks)
            and isinstance(last_blocks[-1], Table)
            and len(last_blocks[-1].rows) > BULK_THRESHOLD
        )
        worksheet = workbook.add_worksheet(
            _sheet_title(sheet_name), worksheet_class=_BulkWorksheet if bulk else None
        )
        sheet = _Sheet(worksheet)
        worksheet.hide_gridlines(2)
        if first:
            _write_heading(document, sheet, formats)
            first = False
        for section in sections:
            worksheet.write_string(sheet.row, 0, section.title, formats["section"])
            worksheet.set_row(sheet.row, 22)
            sheet.row += 1
            for index, block in enumerate(section.blocks):
                is_last = section is sections[-1] and index == len(section.blocks) - 1
                if isinstance(block, Table):
                    _write_table(block, sheet, formats, bulk=bulk and is_last)
                elif isinstance(block, Chart):
                    chart_data.append((block, worksheet, sheet.row))
                    sheet.row += CHART_ROWS
                elif isinstance(block, Paragraph):
                    worksheet.write_string(sheet.row, 0, block.text, formats["text"])
                    sheet.row += 1
                elif isinstance(block, ImageGallery):
                    _write_gallery(block, sheet, formats)
            sheet.row += 1
        for index, width in sheet.widths.items():
            worksheet.set_column(index, index, min(max(width, 6), 60))
    if document.empty_message:
        worksheet = workbook.worksheets()[0]
        worksheet.write_string(4, 0, document.empty_message, formats["empty"])
    if chart_data:
        _write_charts(workbook, chart_data, formats)
    workbook.close()


def _sheet_title(name: str) -> str:
    for char in "[]:*?/\\":
        name = name.replace(char, "_")
    return name[:31] or "Sheet"


def _formats(workbook: Any) -> dict[str, Format]:
    font = {"font_name": "微软雅黑", "font_size": 10}
    formats = {
        "title": workbook.add_format({**font, "bold": True, "font_size": 16}),
        "meta": workbook.add_format({**font, "font_color": "#555555"}),
        "section": workbook.add_format({**font, "bold": True, "font_size": 13, "font_color": "#1F4E79"}),
        "table_title": workbook.add_format({**font, "bold": True, "font_size": 11}),
        "header": workbook.add_format(
            {
                **font,
                "bold": True,
                "bg_color": "#DCE6F1",
                "border": 1,
                "border_color": "#B7C3D0",
                "text_wrap": True,
                "valign": "vcenter",
                "align": "center",
            }
        ),
        "text": workbook.add_format({**font, "border": 1, "border_color": "#D9D9D9", "valign": "top"}),
        "note": workbook.add_format({**font, "italic": True, "font_color": "#666666"}),
        "empty": workbook.add_format({**font, "bold": True, "font_size": 14, "font_color": "#444444"}),
    }
    for kind, number_format in NUMBER_FORMATS.items():
        formats[kind] = workbook.add_format(
            {**font, "num_format": number_format, "border": 1, "border_color": "#D9D9D9"}
        )
        formats[f"total_{kind}"] = workbook.add_format(
            {
                **font,
                "num_format": number_format,
                "bold": True,
                "bg_color": "#DCE6F1",
                "border": 1,
                "border_color": "#B7C3D0",
            }
        )
    formats["total_text"] = workbook.add_format(
        {**font, "bold": True, "bg_color": "#DCE6F1", "border": 1, "border_color": "#B7C3D0"}
    )
    return formats


def _write_heading(document: ReportDocument, sheet: _Sheet, formats: dict[str, Format]) -> None:
    sheet.ws.write_string(0, 0, document.title, formats["title"])
    sheet.ws.set_row(0, 26)
    sheet.ws.write_string(1, 0, f"统计期间：{document.period_label}", formats["meta"])
    meta = "　".join(f"{label}：{value}" for label, value in document.meta if value)
    sheet.ws.write_string(2, 0, meta, formats["meta"])
    sheet.row = 4 if not document.empty_message else 6


def _number_format(value: object, total: bool, formats: dict[str, Format]) -> Format:
    """A ``number`` column holds counts and decimals side by side: each cell gets its own format."""
    kind = "int" if isinstance(value, int) else "float"
    return formats[f"total_{kind}" if total else kind]


def _write_value(ws: Worksheet, row: int, col: int, value: object, kind: ColumnKind, fmt: Format) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif kind == "text":
        ws.write_string(row, col, str(value), fmt)
    elif kind == "datetime":
        moment = local_datetime(value)
        if moment is None:
            ws.write_string(row, col, str(value), fmt)
        else:
            ws.write_datetime(row, col, moment, fmt)
    elif kind == "date" and isinstance(value, date):
        ws.write_datetime(row, col, datetime(value.year, value.month, value.day), fmt)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _write_table(table: Table, sheet: _Sheet, formats: dict[str, Format], *, bulk: bool) -> None:
    ws = sheet.ws
    ws.write_string(sheet.row, 0, table.title, formats["table_title"])
    sheet.row += 1
    header_row = sheet.row
    for col, column in enumerate(table.columns):
        ws.write_string(header_row, col, column.header, formats["header"])
        sheet.widen(col, max(column.width, _display_width(column.header) + 2))
    sheet.row += 1
    kinds = [column.kind for column in table.columns]
    cell_formats = [
        formats[kind] if kind in NUMBER_FORMATS else formats["float" if kind == "number" else "text"]
        for kind in kinds
    ]
    if bulk:
        assert isinstance(ws, _BulkWorksheet)
        ws.freeze_panes(header_row + 1, 0)
        ws.set_bulk_rows(sheet.row, table.rows, kinds, formats)
        ws.autofilter(header_row, 0, header_row + len(table.rows), len(kinds) - 1)
        sheet.row += len(table.rows)
        return
    for row in table.rows:
        for col, (value, kind) in enumerate(zip(row, kinds, strict=False)):
            fmt = _number_format(value, False, formats) if kind == "number" else cell_formats[col]
            _write_value(ws, sheet.row, col, value, kind, fmt)
        sheet.row += 1
    if table.total_row is not None:
        for col, (value, kind) in enumerate(zip(table.total_row, kinds, strict=False)):
            key = f"total_{kind}" if kind in NUMBER_FORMATS else "total_text"
            fmt = _number_format(value, True, formats) if kind == "number" else formats[key]
            _write_value(ws, sheet.row, col, value, kind, fmt)
        sheet.row += 1
    if table.note:
        ws.write_string(sheet.row, 0, table.note, formats["note"])
        sheet.row += 1
    sheet.row += 1


def _write_gallery(gallery: ImageGallery, sheet: _Sheet, formats: dict[str, Format]) -> None:
    ws = sheet.ws
    ws.write_string(sheet.row, 0, gallery.title, formats["table_title"])
    sheet.row += 1
    for path, caption in gallery.images:
        ws.write_string(sheet.row, 0, caption, formats["note"])
        try:
            from PIL import Image as PILImage

            with PILImage.open(path) as image:
                width, height = image.size
            scale = min(240 / max(width, 1), 160 / max(height, 1), 1.0)
            ws.insert_image(
                sheet.row + 1, 0, str(path), {"x_scale": scale, "y_scale": scale, "object_position": 1}
            )
            sheet.row += 2 + int(height * scale / 20)
        except Exception:  # unreadable evidence is listed by name only
            ws.write_string(sheet.row + 1, 0, "（无法读取图片）", formats["note"])
            sheet.row += 2


def _write_charts(
    workbook: Any, charts: list[tuple[Chart, Worksheet, int]], formats: dict[str, Format]
) -> None:
    data = workbook.add_worksheet(CHART_DATA_SHEET)
    name = CHART_DATA_SHEET
    row = 0
    data.set_column(0, 0, 24)
    data.set_column(1, 8, 12)
    for chart, target, target_row in charts:
        data.write_string(row, 0, chart.title, formats["table_title"])
        data.write_string(row + 1, 0, "类别", formats["header"])
        for col, series in enumerate(chart.series, 1):
            data.write_string(row + 1, col, series.name, formats["header"])
        first = row + 2
        for offset, category in enumerate(chart.categories):
            data.write_string(first + offset, 0, category, formats["text"])
            for col, series in enumerate(chart.series, 1):
                value = series.values[offset] if offset < len(series.values) else 0
                data.write_number(first + offset, col, value, formats["float"])
        last = first + max(len(chart.categories), 1) - 1
        excel_chart = workbook.add_chart({"type": _XLSX_CHART_TYPES[chart.kind]})
        for col in range(1, len(chart.series) + 1):
            options: dict[str, Any] = {
                "name": [name, row + 1, col],
                "categories": [name, first, 0, last, 0],
                "values": [name, first, col, last, col],
            }
            if chart.kind == "pie":
                options["data_labels"] = {"percentage": True, "category": False}
            excel_chart.add_series(options)
        excel_chart.set_title({"name": chart.title, "name_font": {"name": "微软雅黑", "size": 12}})
        if chart.kind != "pie":
            excel_chart.set_y_axis({"name": chart.value_axis, "num_font": {"name": "微软雅黑"}, "min": 0})
            excel_chart.set_x_axis(
                {"num_font": {"name": "微软雅黑", "rotation": -30 if len(chart.categories) > 12 else 0}}
            )
        if len(chart.series) <= 1 and chart.kind != "pie":
            excel_chart.set_legend({"none": True})
        else:
            excel_chart.set_legend({"position": "right", "font": {"name": "微软雅黑"}})
        height = 340 if chart.kind != "bar" else max(300, 22 * len(chart.categories) + 80)
        excel_chart.set_size({"width": 760, "height": height})
        target.insert_chart(target_row, 0, excel_chart, {"object_position": 1})
        row = last + 3


def _display_width(text: str) -> float:
    """Excel width of a string: CJK characters are about two columns wide."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)
