"""XLSX and PDF rendering of the consolidation report (Chinese embedded, atomic writes).

PDF: reportlab embeds TrueType outlines only. Noto CJK (fonts-noto-cjk) ships CFF-based
OpenType, which reportlab cannot embed, so the PDF uses WenQuanYi Zen Hei (fonts-wqy-zenhei,
a TrueType collection, sub-font 0) and says how to install it when it is missing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from cadre_desk.domain.errors import CadreError, DiskFullError
from cadre_desk.services.analysis.report import ConsolidationReport

FONT_NAME = "CadreCJK"
FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc"),
    Path("C:/Windows/Fonts/simhei.ttf"),
    Path("C:/Windows/Fonts/simsun.ttc"),
    Path("/System/Library/Fonts/STHeiti Light.ttc"),
)


class ReportExportError(CadreError):
    next_step = "请换一个保存位置（例如桌面）后重试。"


class CjkFontMissingError(CadreError):
    next_step = "请安装中文 TrueType 字体：sudo apt-get install fonts-wqy-zenhei（Windows 自带黑体即可）。"


def _atomic(target: Path, write: Callable[[Path], None]) -> Path:
    target = target.expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportExportError(f"保存位置不存在：{folder}")
    if target.is_dir():
        raise ReportExportError(f"“{target}”是一个文件夹，不能作为导出文件。")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part" + target.suffix, dir=folder)
    except OSError as exc:
        raise ReportExportError(f"无法在 {folder} 中写入文件（{exc.strerror or exc}）。") from exc
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        os.replace(temp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if exc.errno == errno.ENOSPC:
            raise DiskFullError(f"磁盘已满，未能写完“{target.name}”；原文件没有被改动。") from exc
        raise ReportExportError(f"无法写入“{target}”（{exc.strerror or exc}），文件可能正在被打开。") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return target.resolve()


# --------------------------------------------------------------------------- XLSX


def write_report_xlsx(report: ConsolidationReport, target: Path) -> Path:
    import xlsxwriter

    def write(path: Path) -> None:
        book = xlsxwriter.Workbook(str(path))
        title = book.add_format({"bold": True, "font_size": 16, "font_name": "SimHei"})
        heading = book.add_format({"bold": True, "font_size": 12})
        header = book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True, "valign": "top"}
        )
        cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        number = book.add_format({"border": 1, "num_format": "0.0", "valign": "top"})
        sheet = book.add_worksheet("精简报告")
        sheet.write(0, 0, report.title, title)
        row = 1
        for key, value in report.meta:
            sheet.write(row, 0, key, heading)
            sheet.write(row, 1, value)
            row += 1
        row += 1
        for line in report.summary:
            sheet.write(row, 0, line)
            row += 1
        widths: dict[int, float] = {}
        for table in report.tables:
            row += 1
            sheet.write(row, 0, table.title, heading)
            row += 1
            for col, name in enumerate(table.headers):
                sheet.write(row, col, name, header)
            for col, width in enumerate(table.widths):
                widths[col] = max(widths.get(col, 0), width)
            row += 1
            for values in table.rows:
                for col, cell_value in enumerate(values):
                    sheet.write(row, col, cell_value, number if isinstance(cell_value, float) else cell)
                row += 1
            if table.note:
                sheet.write(row, 0, table.note)
                row += 1
        for col, width in widths.items():
            sheet.set_column(col, col, width * 1.1)
        book.close()

    return _atomic(target, write)


# --------------------------------------------------------------------------- PDF


def find_cjk_font() -> Path:
    override = os.environ.get("CADRE_DESK_CJK_FONT")
    for candidate in ([Path(override)] if override else []) + list(FONT_CANDIDATES):
        if candidate.is_file():
            return candidate
    raise CjkFontMissingError("没有找到可嵌入 PDF 的中文 TrueType 字体，无法导出 PDF（XLSX 不受影响）。")


@lru_cache(maxsize=1)
def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = find_cjk_font()
    font = (
        TTFont(FONT_NAME, str(path), subfontIndex=0)
        if path.suffix.lower() == ".ttc"
        else TTFont(FONT_NAME, str(path))
    )
    pdfmetrics.registerFont(font)
    return FONT_NAME


def write_report_pdf(report: ConsolidationReport, target: Path) -> Path:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _register_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=11)
    title_style = ParagraphStyle("title", parent=body, fontSize=18, leading=24, spaceAfter=6)
    heading = ParagraphStyle("heading", parent=body, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4)

    def write(path: Path) -> None:
        page = landscape(A4)
        doc = SimpleDocTemplate(
            str(path),
            pagesize=page,
            leftMargin=14 * mm,
            rightMargin=14 * mm,
            topMargin=14 * mm,
            bottomMargin=14 * mm,
            title=report.title,
            author="cadre_desk",
        )
        story: list[Any] = [Paragraph(escape(report.title), title_style)]
        story.append(Paragraph("　".join(f"{escape(k)}：{escape(v)}" for k, v in report.meta), body))
        story.append(Spacer(1, 4 * mm))
        story.extend(Paragraph(escape(line), body) for line in report.summary)
        usable = page[0] - 28 * mm
        for table in report.tables:
            story.append(Paragraph(escape(table.title), heading))
            scale = usable / sum(table.widths)
            data = [[Paragraph(escape(h), small) for h in table.headers]]
            data += [[Paragraph(escape(_fmt(v)), small) for v in values] for values in table.rows]
            grid = Table(data, colWidths=[w * scale for w in table.widths], repeatRows=1)
            grid.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE6F1")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(grid)
            if table.note:
                story.append(Paragraph(escape(table.note), body))
        doc.build(story)

    return _atomic(target, write)


def _fmt(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
