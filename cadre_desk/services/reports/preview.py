"""A light HTML rendering of a :class:`ReportDocument` for the export dialog's preview.

Shows what the export will contain (sections, tables with their first rows, chart titles,
evidence captions) without running the PDF/XLSX writers.
"""

from __future__ import annotations

from html import escape

from cadre_desk.services.reports.document import (
    NUMERIC_KINDS,
    Chart,
    ImageGallery,
    Paragraph,
    ReportDocument,
    Table,
)
from cadre_desk.services.reports.formatting import format_cell

PREVIEW_ROWS = 16
_NUMERIC = NUMERIC_KINDS


def document_html(document: ReportDocument, max_rows: int = PREVIEW_ROWS) -> str:
    parts = [
        "<html><body style='font-size:10pt'>",
        f"<h2 style='text-align:center'>{escape(document.title)}</h2>",
        f"<p style='text-align:center'>统计期间：{escape(document.period_label)}</p>",
    ]
    meta = "　".join(f"{escape(k)}：{escape(v)}" for k, v in document.meta if v)
    if meta:
        parts.append(f"<p style='text-align:center;color:#666'>{meta}</p>")
    if document.empty_message:
        parts.append(f"<p style='font-size:13pt;text-align:center'><br/>{escape(document.empty_message)}</p>")
    for section in document.sections:
        parts.append(f"<h3>{escape(section.title)}</h3>")
        for block in section.blocks:
            if isinstance(block, Table):
                parts.append(_table(block, max_rows))
            elif isinstance(block, Chart):
                parts.append(f"<p style='color:#2F6FB0'>［图表］{escape(block.title)}</p>")
            elif isinstance(block, Paragraph):
                parts.append(f"<p>{escape(block.text)}</p>")
            elif isinstance(block, ImageGallery):
                captions = "、".join(escape(caption) for _, caption in block.images[:6])
                parts.append(f"<p>［截图 {len(block.images)} 张］{captions}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def _table(table: Table, max_rows: int) -> str:
    kinds = [column.kind for column in table.columns]
    head = "".join(f"<th style='background:#DCE6F1'>{escape(c.header)}</th>" for c in table.columns)
    rows = []
    for row in table.rows[:max_rows]:
        cells = "".join(
            f"<td align='{_align(kind)}'>{escape(format_cell(value, kind))}</td>"
            for value, kind in zip(row, kinds, strict=False)
        )
        rows.append(f"<tr>{cells}</tr>")
    more = len(table.rows) - max_rows
    if more > 0:
        rows.append(f"<tr><td colspan='{len(kinds)}' style='color:#666'>…… 另有 {more:,} 行</td></tr>")
    if table.total_row is not None:
        cells = "".join(
            f"<td align='{_align(kind)}'><b>{escape(format_cell(value, kind))}</b></td>"
            for value, kind in zip(table.total_row, kinds, strict=False)
        )
        rows.append(f"<tr>{cells}</tr>")
    return (
        f"<p><b>{escape(table.title)}</b></p>"
        "<table border='1' cellspacing='0' cellpadding='3' style='border-color:#B7C3D0'>"
        f"<tr>{head}</tr>{''.join(rows)}</table>"
    )


def _align(kind: str) -> str:
    return "right" if kind in _NUMERIC else "left"
