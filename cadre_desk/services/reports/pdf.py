"""PDF rendering of a :class:`ReportDocument` with reportlab, the CJK font embedded (subset).

Layout: title, period and meta lines, then each section (heading, tables, charts drawn with
reportlab graphics, paragraphs, thumbnails); every page has a footer "第 N 页 / 共 M 页".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from cadre_desk.domain.errors import FontMissingError
from cadre_desk.platform.fonts import find_cjk_truetype_font
from cadre_desk.services.reports.atomic import atomic_write
from cadre_desk.services.reports.document import (
    NUMERIC_KINDS,
    Chart,
    ImageGallery,
    Paragraph,
    ReportDocument,
    Section,
    Table,
)
from cadre_desk.services.reports.formatting import format_cell

FONT_NAME = "CadreCJK"
PALETTE = [
    colors.HexColor(c)
    for c in ("#2F6FB0", "#E07B39", "#3A9A5B", "#C0504D", "#8064A2", "#4BACC6", "#9B8B2E", "#7F7F7F")
]
HEADER_BG = colors.HexColor("#DCE6F1")
ZEBRA_BG = colors.HexColor("#F5F8FB")
DEFAULT_PDF_ROWS = 400
CELL_FONT_SIZE = 8.5
_NUMERIC = NUMERIC_KINDS


def register_cjk_font() -> str:
    """Register the embeddable CJK font with reportlab once per process; returns its name."""
    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    font = find_cjk_truetype_font()
    try:
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(font.path), subfontIndex=font.subfont_index))
    except Exception as exc:  # reportlab raises TTFError for CFF/damaged fonts
        raise FontMissingError(f"中文字体无法用于 PDF：{font.path}（{exc}）") from exc
    return FONT_NAME


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=14, wordWrap="CJK", spaceAfter=4)
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=6
        ),
        "period": ParagraphStyle("period", parent=base, fontSize=12, leading=18, alignment=TA_CENTER),
        "meta": ParagraphStyle(
            "meta", parent=base, alignment=TA_CENTER, textColor=colors.HexColor("#555555")
        ),
        "h1": ParagraphStyle(
            "h1", parent=base, fontSize=14, leading=20, spaceBefore=12, spaceAfter=6, keepWithNext=1
        ),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=16, spaceBefore=8, spaceAfter=4),
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        "head": ParagraphStyle("head", parent=base, fontSize=8.5, leading=11, spaceAfter=0),
        "note": ParagraphStyle(
            "note", parent=base, fontSize=8, leading=11, spaceAfter=0, textColor=colors.HexColor("#666666")
        ),
        "empty": ParagraphStyle(
            "empty",
            parent=base,
            fontSize=16,
            leading=26,
            alignment=TA_CENTER,
            textColor=colors.HexColor("#444444"),
        ),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


class _NumberedCanvas(Canvas):
    """Defers pages so the footer can say "第 N 页 / 共 M 页"."""

    footer_title = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initialFontName", FONT_NAME)  # no stray Helvetica reference
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self.setFont(FONT_NAME, 8)
            self.setFillColor(colors.HexColor("#666666"))
            width = self._pagesize[0]
            self.drawCentredString(width / 2, 1.0 * cm, f"第 {self._pageNumber} 页 / 共 {total} 页")
            self.drawString(2 * cm, 1.0 * cm, self.footer_title)
            super().showPage()
        super().save()


def write_pdf(document: ReportDocument, target: Path) -> Path:
    """Render ``document`` to ``target`` atomically. Raises ``FontMissingError``/``ExportTargetError``."""
    font = register_cjk_font()
    story = build_story(document, font)
    return atomic_write(target, lambda temp: _render(document, story, str(temp)))


def pdf_bytes(document: ReportDocument) -> bytes:
    """``document`` as PDF bytes (a download served by the unit server). Raises ``FontMissingError``."""
    font = register_cjk_font()
    buffer = io.BytesIO()
    _render(document, build_story(document, font), buffer)
    return buffer.getvalue()


def _render(document: ReportDocument, story: list[Flowable], output: str | BinaryIO) -> None:
    template = BaseDocTemplate(
        output,
        pagesize=A4,
        title=document.title,
        author=dict(document.meta).get("姓名", ""),
        subject=document.period_label,
        creator="cadre_desk",
        pageTemplates=_page_templates(),
    )
    canvas_class = type("_Canvas", (_NumberedCanvas,), {"footer_title": document.title})
    template.build(list(story), canvasmaker=canvas_class)


PORTRAIT_MARGIN = 2 * cm
LANDSCAPE_MARGIN = 1.5 * cm
VERTICAL_MARGIN = 1.8 * cm


def _page_templates() -> list[PageTemplate]:
    wide = landscape(A4)
    return [
        PageTemplate(
            "portrait",
            [
                Frame(
                    PORTRAIT_MARGIN, VERTICAL_MARGIN, A4[0] - 2 * PORTRAIT_MARGIN, A4[1] - 2 * VERTICAL_MARGIN
                )
            ],
            pagesize=A4,
        ),
        PageTemplate(
            "landscape",
            [
                Frame(
                    LANDSCAPE_MARGIN,
                    VERTICAL_MARGIN,
                    wide[0] - 2 * LANDSCAPE_MARGIN,
                    wide[1] - 2 * VERTICAL_MARGIN,
                )
            ],
            pagesize=wide,
        ),
    ]


def build_story(document: ReportDocument, font: str) -> list[Flowable]:
    styles = _styles(font)
    width = A4[0] - 2 * PORTRAIT_MARGIN - 12  # frames pad 6pt on each side
    wide_width = landscape(A4)[0] - 2 * LANDSCAPE_MARGIN - 12
    story: list[Flowable] = [
        RLParagraph(_escape(document.title), styles["title"]),
        RLParagraph(_escape(f"统计期间：{document.period_label}"), styles["period"]),
    ]
    meta = "　".join(f"{label}：{value}" for label, value in document.meta if value)
    if meta:
        story.append(RLParagraph(_escape(meta), styles["meta"]))
    story.append(Spacer(1, 0.5 * cm))
    if document.empty_message:
        story.append(Spacer(1, 5 * cm))
        story.append(RLParagraph(_escape(document.empty_message), styles["empty"]))
        return story
    current_landscape = False
    for index, section in enumerate(document.sections):
        if section.landscape != current_landscape:
            story.append(NextPageTemplate("landscape" if section.landscape else "portrait"))
            story.append(PageBreak())
            current_landscape = section.landscape
        elif index and section.sheet != document.sections[index - 1].sheet:
            story.append(PageBreak())
        story.extend(_section(section, styles, font, wide_width if section.landscape else width))
    return story


def _section(section: Section, styles: dict[str, ParagraphStyle], font: str, width: float) -> list[Flowable]:
    out: list[Flowable] = [RLParagraph(_escape(section.title), styles["h1"])]
    for block in section.blocks:
        if isinstance(block, Table):
            out.extend(_table(block, styles, width))
        elif isinstance(block, Chart):
            out.append(
                KeepTogether([RLParagraph(_escape(block.title), styles["h2"]), _chart(block, font, width)])
            )
        elif isinstance(block, Paragraph):
            out.append(RLParagraph(_escape(block.text), styles["body"]))
        elif isinstance(block, ImageGallery):
            out.extend(_gallery(block, styles, width))
    return out


def _table(table: Table, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    limit = table.pdf_max_rows if table.pdf_max_rows is not None else DEFAULT_PDF_ROWS
    rows = list(table.rows[:limit])
    kinds = [column.kind for column in table.columns]
    data: list[list[object]] = [[RLParagraph(_escape(c.header), styles["head"]) for c in table.columns]]
    total_width = sum(column.width for column in table.columns) or 1
    widths = [width * column.width / total_width for column in table.columns]
    capacity = [(w - 6) / CELL_FONT_SIZE for w in widths]  # in CJK-character widths
    for row in [*rows, *([table.total_row] if table.total_row is not None else [])]:
        data.append(
            [
                _cell(value, kind, styles, room)
                for value, kind, room in zip(row, kinds, capacity, strict=False)
            ]
        )
    style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT_NAME),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#B7C3D0")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for index, kind in enumerate(kinds):
        if kind in _NUMERIC:
            style.append(("ALIGN", (index, 1), (index, -1), "RIGHT"))
    for row_index in range(2, len(data), 2):
        style.append(("BACKGROUND", (0, row_index), (-1, row_index), ZEBRA_BG))
    if table.total_row is not None:
        style.append(("BACKGROUND", (0, -1), (-1, -1), HEADER_BG))
    flowable = RLTable(data, colWidths=widths, repeatRows=1, style=TableStyle(style))
    # A title never sits alone at the foot of a page; a long table may still split across pages.
    out: list[Flowable] = [CondPageBreak(3 * cm), RLParagraph(_escape(table.title), styles["h2"]), flowable]
    notes = [table.note] if table.note else []
    full_count = max(table.row_count or 0, len(table.rows))
    if full_count > len(rows):
        notes.append(f"PDF 中只列出前 {len(rows)} 行（共 {full_count:,} 行），完整明细见 XLSX 或 CSV 导出。")
    out.extend(RLParagraph(_escape(note), styles["note"]) for note in notes)
    out.append(Spacer(1, 0.3 * cm))
    return out


def _cell(value: object, kind: str, styles: dict[str, ParagraphStyle], room: float) -> object:
    text = format_cell(value, kind)  # type: ignore[arg-type]
    if kind in _NUMERIC or kind in ("datetime", "date"):
        return text  # plain strings: cheap, right-aligned by the table style
    if "\n" not in text and _text_width(text) <= room:
        return text  # fits on one line: a Paragraph (for wrapping) would cost ~10× more
    return RLParagraph(_escape(text), styles["cell"])


def _text_width(text: str) -> float:
    """Width in CJK-character units: Latin letters and digits are about half as wide."""
    return sum(1.0 if ord(char) > 0x2E80 else 0.55 for char in text)


def _short(text: str, limit: int = 12) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chart(chart: Chart, font: str, width: float) -> Drawing:
    categories = [_short(c) for c in chart.categories]
    series = [list(s.values) for s in chart.series] or [[]]
    if chart.kind == "pie":
        height = max(6 * cm, (0.5 * len(categories) + 0.8) * cm)
        drawing = Drawing(width, height)
        pie = Pie()
        pie.x, pie.y, pie.width, pie.height = 1 * cm, (height - 5 * cm) / 2, 5 * cm, 5 * cm
        values = [v for v in series[0]] or [1]
        pie.data = values
        pie.labels = None
        pie.slices.strokeColor = colors.white
        for index in range(len(values)):
            pie.slices[index].fillColor = PALETTE[index % len(PALETTE)]
        drawing.add(pie)
        total = sum(values) or 1
        legend = Legend()
        legend.x, legend.y = 7.5 * cm, height - 0.4 * cm
        legend.fontName, legend.fontSize = font, 8
        legend.alignment = "right"
        legend.columnMaximum = 20
        legend.deltay = 0.5 * cm
        legend.colorNamePairs = [
            (PALETTE[i % len(PALETTE)], f"{categories[i]}  {values[i]:,.0f}（{values[i] / total:.0%}）")
            for i in range(min(len(values), len(categories)))
        ]
        drawing.add(legend)
        return drawing
    horizontal = chart.kind == "bar"
    height = (max(len(categories), 3) * 0.55 + 1.5) * cm if horizontal else 6.5 * cm
    drawing = Drawing(width, height)
    plot: Any
    if chart.kind == "line":
        plot = HorizontalLineChart()
    elif horizontal:
        plot = HorizontalBarChart()
    else:
        plot = VerticalBarChart()
    left = 4.2 * cm if horizontal else 1.5 * cm
    plot.x, plot.y = left, 1.3 * cm if not horizontal else 0.6 * cm
    plot.width = width - left - 0.5 * cm
    plot.height = height - plot.y - (0.9 * cm if len(series) > 1 else 0.4 * cm)
    plot.data = [list(reversed(s)) if horizontal else s for s in series]
    axis_names = list(reversed(categories)) if horizontal else categories
    plot.categoryAxis.categoryNames = _thin_labels(axis_names, 16 if not horizontal else 60)
    plot.categoryAxis.labels.fontName = font
    plot.categoryAxis.labels.fontSize = 7.5
    plot.valueAxis.labels.fontName = font
    plot.valueAxis.labels.fontSize = 7.5
    plot.valueAxis.valueMin = 0
    plot.valueAxis.forceZero = True
    if not horizontal and len(categories) > 8:
        plot.categoryAxis.labels.angle = 30
        plot.categoryAxis.labels.boxAnchor = "ne"
    for index in range(len(series)):
        if chart.kind == "line":
            plot.lines[index].strokeColor = PALETTE[index % len(PALETTE)]
            plot.lines[index].strokeWidth = 1.5
        else:
            plot.bars[index].fillColor = PALETTE[index % len(PALETTE)]
            plot.bars[index].strokeColor = None
    drawing.add(plot)
    if chart.value_axis:
        drawing.add(String(plot.x, height - 0.35 * cm, chart.value_axis, fontName=font, fontSize=7.5))
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = plot.x + 2.5 * cm, height - 0.1 * cm
        legend.fontName, legend.fontSize = font, 8
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 70
        legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], s.name) for i, s in enumerate(chart.series)]
        drawing.add(legend)
    return drawing


def _thin_labels(names: Sequence[str], max_labels: int) -> list[str]:
    """Keep every k-th label so long day axes stay readable."""
    if len(names) <= max_labels:
        return list(names)
    step = -(-len(names) // max_labels)
    return [name if index % step == 0 else "" for index, name in enumerate(names)]


def _gallery(gallery: ImageGallery, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    cells: list[list[Flowable]] = []
    cell_width = width / 3 - 0.3 * cm
    for path, caption in gallery.images:
        try:
            image = Image(str(path))
            scale = min(cell_width / image.imageWidth, 4.5 * cm / image.imageHeight, 1.0)
            image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
            content: list[Flowable] = [image]
        except Exception:  # unreadable evidence is listed by name, the report still renders
            content = [RLParagraph("（无法读取图片）", styles["note"])]
        content.append(RLParagraph(_escape(caption), styles["note"]))
        cells.append(content)
    if not cells:
        return []
    grid = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    grid[-1] += [[]] * (3 - len(grid[-1]))
    table = RLTable(grid, colWidths=[width / 3] * 3, style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [RLParagraph(_escape(gallery.title), styles["h2"]), table]
