"""Cell value formatting shared by the PDF and CSV writers (XLSX uses native number formats)."""

from __future__ import annotations

from datetime import date, datetime

from cadre_desk.services.reports.document import REPORT_TZ, ColumnKind


def local_datetime(value: object) -> datetime | None:
    """An aware datetime or epoch milliseconds as a naive China-time datetime."""
    if isinstance(value, datetime):
        return value.astimezone(REPORT_TZ).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value / 1000, REPORT_TZ).replace(tzinfo=None)
    return None


def format_cell(value: object, kind: ColumnKind) -> str:
    if value is None:
        return ""
    if kind == "text":
        return str(value)
    if kind == "int" and isinstance(value, int | float):
        return f"{round(value):,}"
    if kind == "number" and isinstance(value, int | float):
        return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    if kind in ("float", "minutes") and isinstance(value, int | float):
        return f"{value:,.1f}"
    if kind == "percent" and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if kind == "datetime":
        moment = local_datetime(value)
        return moment.strftime("%Y-%m-%d %H:%M") if moment else str(value)
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    return str(value)
