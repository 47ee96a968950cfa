"""Reports: workload summaries and burden reports, exported as PDF, XLSX and CSV.

Shared export writers (also used by the redundancy analysis' consolidation report):
build a :class:`~cadre_desk.services.reports.document.ReportDocument` and call
``write_pdf``/``write_xlsx``/``write_csv``; each writes atomically (temp file + rename) and
raises typed ``CadreError`` subclasses for a bad target or a missing CJK font.
"""

from __future__ import annotations

from cadre_desk.services.reports.atomic import atomic_write
from cadre_desk.services.reports.csv_export import write_csv
from cadre_desk.services.reports.document import (
    REPORT_TZ,
    Chart,
    Column,
    ImageGallery,
    Paragraph,
    ReportDocument,
    Section,
    Series,
    Table,
)
from cadre_desk.services.reports.pdf import write_pdf
from cadre_desk.services.reports.xlsx import write_xlsx

__all__ = [
    "REPORT_TZ",
    "Chart",
    "Column",
    "ImageGallery",
    "Paragraph",
    "ReportDocument",
    "Section",
    "Series",
    "Table",
    "atomic_write",
    "write_csv",
    "write_pdf",
    "write_xlsx",
]
