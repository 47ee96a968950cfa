"""The shared export writers: PDF with an embedded CJK font, XLSX with charts, CSV with BOM,
and all-or-nothing writes."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.domain.errors import ExportTargetError, ExportTargetLockedError
from cadre_desk.platform.fonts import find_cjk_truetype_font, has_truetype_outlines
from cadre_desk.services.reports import (
    Chart,
    Column,
    Paragraph,
    ReportDocument,
    Section,
    Series,
    Table,
    atomic_write,
    write_csv,
    write_pdf,
    write_xlsx,
)
from cadre_desk.services.reports.xlsx import BULK_THRESHOLD
from tests.poppler import pdf_fonts, render_pages
from tests.poppler import pdf_text as poppler_text

DETAIL_ROWS = BULK_THRESHOLD + 250  # long enough for the streamed (bulk) sheet path
START_MS = int(datetime(2026, 10, 1, 0, 30, tzinfo=UTC).timestamp() * 1000)  # 08:30 in China


def sample_document() -> ReportDocument:
    detail = [
        (
            START_MS + i * 3_600_000,
            f"账号{i % 7}",
            "微信公众号",
            "转发",
            1.5 + i % 3,
            None if i % 4 else "备注",
        )
        for i in range(DETAIL_ROWS)
    ]
    return ReportDocument(
        title="工作量统计报告",
        period_label="2026年10月",
        meta=[("姓名", "张三"), ("单位", "青山镇人民政府")],
        sections=[
            Section(
                "总览",
                [
                    Table(
                        "按来源统计",
                        [
                            Column("账号", "text", 20),
                            Column("次数", "int"),
                            Column("分钟", "minutes"),
                            Column("占比", "percent"),
                            Column("日期", "date"),
                        ],
                        [
                            ("县融媒体中心", 12, 36.5, 0.25, date(2026, 10, 3)),
                            ("学习强国", 3, 9.0, 0.05, None),
                        ],
                        total_row=("合计", 15, 45.5, 0.3, None),
                    ),
                    Chart(
                        "各账号耗时",
                        "bar",
                        ["县融媒体中心", "学习强国"],
                        [Series("分钟", [36.5, 9.0])],
                        "分钟",
                    ),
                    Chart(
                        "每日趋势",
                        "line",
                        ["10-01", "10-02"],
                        [Series("分钟", [1, 2]), Series("次数", [3, 4])],
                    ),
                    Chart("操作类型", "pie", ["转发", "点赞"], [Series("分钟", [5, 6])]),
                    Paragraph("说明：时间按北京时间统计。"),
                ],
            ),
            Section(
                "操作明细",
                [
                    Table(
                        "全部操作",
                        [
                            Column("时间", "datetime", 17),
                            Column("账号", "text", 20),
                            Column("平台", "text"),
                            Column("操作", "text"),
                            Column("分钟", "minutes"),
                            Column("备注", "text"),
                        ],
                        detail,
                        pdf_max_rows=50,
                    )
                ],
                sheet="明细",
            ),
        ],
    )


def pdf_text(path: Path) -> str:
    return poppler_text(path, layout=True)


def test_font_finder_picks_truetype_outlines_not_cff() -> None:
    font = find_cjk_truetype_font()
    assert has_truetype_outlines(font.path, font.subfont_index)
    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if noto.exists():
        assert not has_truetype_outlines(noto)  # CFF: reportlab cannot embed it


def test_pdf_embeds_cjk_font_and_has_text_and_page_numbers(tmp_path: Path) -> None:
    target = write_pdf(sample_document(), tmp_path / "报告.pdf")
    text = pdf_text(target)
    for expected in (
        "工作量统计报告",
        "统计期间：2026年10月",
        "青山镇人民政府",
        "按来源统计",
        "县融媒体中心",
        "合计",
        "36.5",
        "25.0%",
        "PDF 中只列出前 50 行",
    ):
        assert expected in text, expected
    pages = text.count("\f")
    assert pages >= 2 and f"第1页/共{pages}页" in text.replace(" ", "")
    fonts = pdf_fonts(target)
    cjk_lines = [line for line in fonts.splitlines() if "TrueType" in line]
    assert cjk_lines and all(" yes yes yes " in line for line in cjk_lines), fonts


def test_xlsx_has_sheets_formats_charts_and_every_detail_row(tmp_path: Path) -> None:
    document = sample_document()
    target = write_xlsx(document, tmp_path / "报告.xlsx")
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["汇总", "明细", "图表数据"]
    summary = workbook["汇总"]
    assert {chart.tagname for chart in summary._charts} == {"barChart", "lineChart", "pieChart"}
    values = [[cell.value for cell in row] for row in summary.iter_rows()]
    header_index = next(i for i, row in enumerate(values) if row[0] == "账号")
    assert values[header_index + 1][:4] == ["县融媒体中心", 12, 36.5, 0.25]
    assert summary.cell(header_index + 2, 4).number_format == "0.0%"
    assert values[header_index + 3][:3] == ["合计", 15, 45.5]
    detail = workbook["明细"]
    rows = [[cell.value for cell in row] for row in detail.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0] == "时间")
    body = rows[header + 1 :]
    expected = document.sections[1].blocks[0]
    assert isinstance(expected, Table)
    assert len(body) == DETAIL_ROWS
    assert body[0][0] == datetime(2026, 10, 1, 8, 30)  # China time, as a real Excel date
    assert detail.cell(header + 2, 1).number_format == "yyyy-mm-dd hh:mm"
    for got, want in zip(body, expected.rows, strict=True):
        assert got[1:] == list(want[1:])
    assert detail.auto_filter.ref is not None
    assert detail.freeze_panes is not None


def test_csv_is_one_table_per_file_zipped_with_bom_and_local_times(tmp_path: Path) -> None:
    target = write_csv(sample_document(), tmp_path / "报告.csv")
    assert target == (tmp_path / "报告.zip").resolve() and not (tmp_path / "报告.csv").exists()
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["说明.txt", "01-按来源统计.csv", "02-全部操作.csv"]
        files = {name: archive.read(name) for name in archive.namelist()}
    readme = files["说明.txt"].decode("utf-8")
    assert "工作量统计报告" in readme and "张三" in readme and "合计：账号 合计，次数 15，分钟 45.5" in readme
    for name in ("01-按来源统计.csv", "02-全部操作.csv"):
        assert files[name].startswith(b"\xef\xbb\xbf")
    by_source = files["01-按来源统计.csv"].decode("utf-8-sig").split("\r\n")
    assert by_source == [
        "账号,次数,分钟,占比,日期",
        "县融媒体中心,12,36.5,25.0%,2026-10-03",
        "学习强国,3,9.0,5.0%,",
        "",
    ]
    detail = list(csv.reader(io.StringIO(files["02-全部操作.csv"].decode("utf-8-sig"), newline="")))
    assert detail[0] == ["时间", "账号", "平台", "操作", "分钟", "备注"]
    assert detail[1] == ["2026-10-01 08:30", "账号0", "微信公众号", "转发", "1.5", "备注"]
    assert detail[2][5] == ""  # None is an empty cell
    assert len(detail) == DETAIL_ROWS + 1


def test_csv_of_one_table_is_a_plain_csv_with_plain_numbers(tmp_path: Path) -> None:
    table = Table(
        "按来源统计",
        [Column("账号", "text"), Column("次数", "int"), Column("分钟", "minutes"), Column("数值", "number")],
        [("县融媒体中心", 1_234_567, 1927.75, 318), ("学习强国", 3, 9.0, 1927.7)],
        total_row=("合计", 1_234_570, 1936.75, None),
    )
    target = write_csv(
        ReportDocument("报告", "2026年10月", sections=[Section("一", [table])]), tmp_path / "t.csv"
    )
    assert target == (tmp_path / "t.csv").resolve()
    assert target.read_bytes().decode("utf-8-sig").split("\r\n") == [
        "账号,次数,分钟,数值",
        "县融媒体中心,1234567,1927.75,318",
        "学习强国,3,9.0,1927.7",
        "",
    ]


def test_xlsx_number_column_keeps_numbers_with_their_formats(tmp_path: Path) -> None:
    table = Table(
        "总览",
        [Column("指标", "text"), Column("数值", "number"), Column("单位", "text")],
        [("操作次数", 318, "次"), ("操作耗时", 1927.7, "分钟"), ("占工作时间", 12.5, "%")],
    )
    target = write_xlsx(
        ReportDocument("报告", "2026年10月", sections=[Section("一", [table])]), tmp_path / "n.xlsx"
    )
    sheet = openpyxl.load_workbook(target)["汇总"]
    cells = {
        row[0].value: row[1]
        for row in sheet.iter_rows()
        if row[0].value in ("操作次数", "操作耗时", "占工作时间")
    }
    assert [(c.value, c.data_type, c.number_format) for c in cells.values()] == [
        (318, "n", "#,##0"),
        (1927.7, "n", "#,##0.0"),
        (12.5, "n", "#,##0.0"),
    ]


def test_empty_document_gives_a_clear_no_data_page(tmp_path: Path) -> None:
    document = ReportDocument("工作量统计报告", "2031年2月", empty_message="该期间没有任何操作记录。")
    assert "该期间没有任何操作记录" in pdf_text(write_pdf(document, tmp_path / "e.pdf"))
    sheet = openpyxl.load_workbook(write_xlsx(document, tmp_path / "e.xlsx")).worksheets[0]
    assert "该期间没有任何操作记录。" in [cell.value for row in sheet.iter_rows() for cell in row]
    written = write_csv(document, tmp_path / "e.csv")
    assert written.suffix == ".csv" and "该期间没有任何操作记录" in written.read_text("utf-8-sig")


@pytest.mark.parametrize("writer", [write_pdf, write_xlsx, write_csv])
def test_unwritable_folder_is_a_typed_error_and_leaves_nothing(
    writer, tmp_path: Path, make_immutable
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "只读"
    folder.mkdir()
    make_immutable(folder)
    with pytest.raises(ExportTargetError) as caught:
        writer(sample_document(), folder / "报告.out")
    assert "无法在" in caught.value.user_message and caught.value.next_step
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("writer", [write_pdf, write_xlsx, write_csv])
def test_locked_target_keeps_old_file_and_leaves_no_temp(writer, tmp_path: Path, make_immutable) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "报告.out"
    target.write_bytes(b"previous export")
    make_immutable(target)
    with pytest.raises(ExportTargetLockedError) as caught:
        writer(sample_document(), target)
    assert "占用" in caught.value.user_message and "关闭" in caught.value.next_step
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.out"]


def test_failure_while_writing_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("old")

    def broken(temp: Path) -> None:
        temp.write_text("half")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_missing_folder_and_directory_target(tmp_path: Path) -> None:
    with pytest.raises(ExportTargetError, match="保存位置不存在"):
        write_csv(sample_document(), tmp_path / "nope" / "a.csv")
    with pytest.raises(ExportTargetError, match="文件夹"):
        write_csv(sample_document(), tmp_path)


def test_new_file_gets_normal_permissions(tmp_path: Path) -> None:
    target = write_csv(sample_document(), tmp_path / "perm.csv")
    assert target.stat().st_mode & 0o044  # readable by group/others like any saved file


def test_pdf_pages_render_to_png_with_ink(tmp_path: Path) -> None:
    """pdftoppm renders every page; each has visible content (catches blank or tofu-only pages)."""
    from PIL import Image

    target = write_pdf(sample_document(), tmp_path / "r.pdf")
    pages = render_pages(target, tmp_path / "page")
    assert len(pages) >= 2
    for page in pages:
        with Image.open(page) as image:
            histogram = image.convert("L").histogram()
            dark = sum(histogram[:160])
        assert dark > 200, page.name
