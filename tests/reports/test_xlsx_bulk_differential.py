"""The streamed detail sheet (``_BulkWorksheet``: raw row XML, adjacent text columns combined,
quick deflate) against XlsxWriter's own cell writer: the same document read back with openpyxl
gives the same cells, values and number formats, over generated rows."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cadre_desk.services.reports import Column, ReportDocument, Section, Table, write_xlsx
from cadre_desk.services.reports import xlsx as xlsx_module

COLUMNS = [
    Column("时间", "datetime", 17),
    Column("账号", "text", 20),
    Column("平台", "text", 10),
    Column("操作", "text", 8),
    Column("分钟", "minutes", 8),
    Column("次数", "int", 6),
    Column("日期", "date", 10),
    Column("备注", "text", 20),
    Column("考核", "text", 6),
    Column("占比", "percent", 8),
]
TEXTS = [
    "县融媒体中心",
    "学习强国",
    "",
    None,
    "  前后空格 ",
    "a<b>&c",
    "换\n行",
    "控制\x01字符",
    "_x0041_",
    "数字123",
]


def _rows(seed: int, count: int, int_times: bool = False) -> list[tuple[Any, ...]]:
    """``int_times``: every time is epoch ms (the detail table's case: the sheet computes the
    serials in bulk and writes each into the piece that opens its row)."""
    rng = random.Random(seed)
    start = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp() * 1000)

    def moment() -> object:
        if int_times:
            return start + rng.randrange(10**10)
        return rng.choice([start + rng.randrange(10**10), None, datetime(2026, 5, 1, 8, tzinfo=UTC)])

    def text() -> str | None:
        return rng.choice(TEXTS) if rng.random() < 0.8 else f"备注{rng.randrange(5000)}"

    return [
        (
            moment(),
            text(),
            text(),
            rng.choice(["转发", "点赞", None]),
            rng.choice([1.5, 2, 0, 3.25, None, 1e-7]),
            rng.choice([1, 2, 3, None]),
            rng.choice([date(2026, 3, 4), None]),
            text(),
            rng.choice(["", "是"]),
            rng.choice([0.25, 1, None]),
        )
        for _ in range(count)
    ]


def _cells(path: Path) -> dict[str, list[list[tuple[Any, str | None]]]]:
    """Every cell's value and number format; an empty cell is (None, None) however it is stored
    (the streamed sheet leaves blanks unstyled, XlsxWriter keeps the column's format on them)."""
    book = openpyxl.load_workbook(path)
    return {
        sheet.title: [
            [(None, None) if cell.value in (None, "") else (cell.value, cell.number_format) for cell in row]
            for row in sheet.iter_rows()
        ]
        for sheet in book
    }


@pytest.mark.parametrize(("seed", "int_times"), [(1, False), (2, False), (3, False), (4, True), (5, True)])
def test_streamed_sheet_equals_xlsxwriter_cells(
    seed: int, int_times: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 11,500 rows: three chunks of the streamed sheet, the last one partial
    rows = _rows(seed, xlsx_module.BULK_THRESHOLD + (10_500 if int_times else 1500), int_times)
    document = ReportDocument(
        "报告",
        "2026年",
        sections=[
            Section("汇总", [Table("小表", COLUMNS, rows[:5])]),
            Section("明细", [Table("全部操作", COLUMNS, rows)], sheet="明细"),
        ],
    )
    streamed = write_xlsx(document, tmp_path / "streamed.xlsx")
    monkeypatch.setattr(xlsx_module, "BULK_THRESHOLD", 10**9)  # XlsxWriter writes every cell
    plain = write_xlsx(document, tmp_path / "plain.xlsx")
    assert _cells(streamed) == _cells(plain)
