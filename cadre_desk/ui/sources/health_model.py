"""Table model of the sources and their health (last success, consecutive failures, last error)."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from cadre_desk.domain.enums import SourceKind
from cadre_desk.services.sources import SourceHealth
from cadre_desk.ui.i18n import ui_label
from cadre_desk.ui.row_table_model import Index, RowTableModel
from cadre_desk.ui.service_text import service_text

_FAILING = "#c0392b"
_RECOVERED_TEXT = "#7a5200"  # dark amber: readable on the yellow background
_RECOVERED_BACKGROUND = "#fdf0c2"


class HealthColumn(IntEnum):
    NAME = 0
    KIND = 1
    ITEMS = 2
    LAST_SUCCESS = 3
    STATE = 4


class HealthRole(IntEnum):
    SOURCE_ID = Qt.ItemDataRole.UserRole + 1
    HEALTHY = Qt.ItemDataRole.UserRole + 2
    KIND = Qt.ItemDataRole.UserRole + 3
    RECOVERED = Qt.ItemDataRole.UserRole + 4


def _tr(text: str) -> str:
    return QCoreApplication.translate("SourceHealthModel", text)


def _when(moment: datetime | None) -> str:
    if moment is None:
        return _tr("从未成功")
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class SourceHealthModel(RowTableModel[SourceHealth]):
    """Rows come from ``SourceService.health()`` (loaded in the background by the page)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(HealthColumn), parent)

    def failing_count(self) -> int:
        return sum(1 for r in self._rows if not r.healthy)

    def recovered_count(self) -> int:
        return sum(1 for r in self._rows if r.recovered)

    def header(self, section: int) -> str:
        return {
            HealthColumn.NAME: _tr("名称"),
            HealthColumn.KIND: _tr("类型"),
            HealthColumn.ITEMS: _tr("条目"),
            HealthColumn.LAST_SUCCESS: _tr("最近成功"),
            HealthColumn.STATE: _tr("状态"),
        }[HealthColumn(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_for(index)
        if row is None:
            return None
        column = HealthColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is HealthColumn.NAME:
                return row.name
            if column is HealthColumn.KIND:
                return _kind_label(row.kind)
            if column is HealthColumn.ITEMS:
                return row.item_count
            if column is HealthColumn.LAST_SUCCESS:
                return _when(row.last_success_at) if row.kind != SourceKind.MANUAL.value else _tr("手动收录")
            if column is HealthColumn.STATE:
                if row.recovered:
                    return _tr("格式有误，已尽量读取：{reason}").format(reason=service_text(row.last_error))
                if row.healthy:
                    return (
                        _tr("正常")
                        if row.last_attempt_at or row.kind == SourceKind.MANUAL.value
                        else _tr("未刷新")
                    )
                return _tr("连续失败 {n} 次：{error}").format(
                    n=row.consecutive_errors, error=service_text(row.last_error)
                )
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.name, row.url or ""]
            if row.recovered:
                lines.append(
                    _tr("格式有误，已尽量读取：{reason}").format(reason=service_text(row.last_error))
                )
            elif row.last_error:
                lines.append(_tr("最近错误：{error}").format(error=service_text(row.last_error)))
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.ForegroundRole and column is HealthColumn.STATE:
            if not row.healthy:
                return QBrush(QColor(_FAILING))
            if row.recovered:
                return QBrush(QColor(_RECOVERED_TEXT))
        if role == Qt.ItemDataRole.BackgroundRole and column is HealthColumn.STATE and row.recovered:
            return QBrush(QColor(_RECOVERED_BACKGROUND))
        if role == Qt.ItemDataRole.TextAlignmentRole and column is HealthColumn.ITEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == HealthRole.SOURCE_ID:
            return row.source_id
        if role == HealthRole.HEALTHY:
            return row.healthy
        if role == HealthRole.KIND:
            return row.kind
        if role == HealthRole.RECOVERED:
            return row.recovered
        return None


def _kind_label(kind: str) -> str:
    try:
        return ui_label(SourceKind(kind))
    except ValueError:
        return kind
