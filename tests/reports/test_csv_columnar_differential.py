"""The columnar CSV writer (a long detail table written from its columns and the CSV text of
its distinct text runs) against ``csv.writer`` over the rows themselves: the same bytes, over
generated rows with every kind of cell (quotes, commas, line breaks, blanks, None)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Hashable, Sequence
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

import pytest

from cadre_desk.services.reports import Column, ReportDocument, Section, Table, csv_export, write_csv
from cadre_desk.services.reports.document import ColumnarRows

COLUMNS = [
    Column("时间", "datetime", 17),
    Column("账号", "text", 20),
    Column("平台", "text", 10),
    Column("操作", "text", 8),
    Column("分钟", "minutes", 8),
    Column("次数", "int", 6),
    Column("日期", "date", 10),
    Column("备注", "text", 20),
    Column("占比", "percent", 8),
    Column("数", "number", 8),
    Column("考核", "text", 6),
]
TEXTS = ["县融媒体中心", "", None, ' 引号"内" ', "a,b", "换\n行", "回\r车", "数字123", "'", "#"]


class _Columnar(Sequence[tuple[object, ...]]):
    """Rows that also hand out columns and text-run keys, as DetailRows does."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index: Any) -> Any:
        return self._rows[index]

    def column(self, index: int) -> list[object]:
        return list(map(itemgetter(index), self._rows))

    def run_keys(self, start: int, end: int) -> tuple[list[Hashable], Callable[[Any], Sequence[object]]]:
        return [tuple(row[start:end]) for row in self._rows], tuple


def _rows(seed: int, count: int, unique_times: bool) -> list[tuple[Any, ...]]:
    rng = random.Random(seed)
    start = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp() * 1000)

    def text() -> str | None:
        return rng.choice(TEXTS) if rng.random() < 0.8 else f"备注{rng.randrange(5000)}"

    def moment() -> object:
        if unique_times:
            return start + rng.randrange(10**10)
        return rng.choice([start + rng.randrange(10**10), None, datetime(2026, 5, 1, 8, tzinfo=UTC)])

    return [
        (
            moment(),
            text(),
            text(),
            rng.choice(["转发", "点赞", None]),
            rng.choice([1.5, 2, 0, 3.25, None, 1e-7, 2.675]),
            rng.choice([1, 2, 3, None, 2.5]),
            rng.choice([date(2026, 3, 4), None]),
            text(),
            rng.choice([0.25, 1, None, "n/a"]),
            rng.choice([0.1 + 0.2, 7, None]),
            rng.choice(["", "是", None]),
        )
        for _ in range(count)
    ]


@pytest.mark.parametrize(
    ("seed", "unique_times", "year_999"), [(1, True, False), (2, False, False), (3, True, True)]
)
def test_columnar_csv_equals_csv_writer_over_the_rows(
    seed: int, unique_times: bool, year_999: bool, tmp_path: Path
) -> None:
    rows = _rows(seed, csv_export.COLUMNAR_THRESHOLD + 2 * csv_export.CHUNK_ROWS + 17, unique_times)
    if year_999:  # outside the four-digit years the times are formatted by strftime itself
        rows[5] = (int(datetime(999, 5, 1, tzinfo=UTC).timestamp() * 1000), *rows[5][1:])
    columnar = _Columnar(rows)
    assert isinstance(columnar, ColumnarRows)

    def document(table_rows: Sequence[Sequence[object]]) -> ReportDocument:
        return ReportDocument(
            "报告", "2026年", sections=[Section("明细", [Table("全部操作", COLUMNS, table_rows)])]
        )

    fast = write_csv(document(columnar), tmp_path / "fast.csv").read_bytes()
    plain = write_csv(document(rows), tmp_path / "plain.csv").read_bytes()
    assert fast == plain
    with_strftime = [
        time.strftime("%Y-%m-%d %H:%M", time.gmtime(row[0] // 1000 + 8 * 3600)).encode()
        for row in rows[:50]
        if type(row[0]) is int
    ]
    assert all(text in plain for text in with_strftime)  # times as strftime writes them
    assert fast.count(b"\r\n") > len(rows)  # every row was written (and some cells hold line breaks)
