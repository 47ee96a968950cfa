"""The 减负 list: one row per account (its findings are the reasons), ranked by minutes saved,
with a tick box per row for the what-if."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from cadre_desk.domain.enums import FindingStatus
from cadre_desk.services.analysis.accounts import AccountFindings
from cadre_desk.ui.i18n import ui_label
from cadre_desk.ui.row_table_model import Index, RowTableModel
from cadre_desk.ui.service_text import service_text


class Column(IntEnum):
    MINUTES = 0
    KIND = 1
    SOURCE = 2
    EVIDENCE = 3
    STATUS = 4


class FindingRole(IntEnum):
    KEY = Qt.ItemDataRole.UserRole + 1  # AccountFindings.key: account and status
    SOURCE_ID = Qt.ItemDataRole.UserRole + 2
    MINUTES = Qt.ItemDataRole.UserRole + 3
    REASONS = Qt.ItemDataRole.UserRole + 4  # how many findings the row groups


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingsModel", text)


def status_text(status: FindingStatus) -> str:
    return {
        FindingStatus.OPEN: _tr("待处理"),
        FindingStatus.KEPT: _tr("已保留"),
        FindingStatus.DISMISSED: _tr("已忽略"),
        FindingStatus.APPLIED: _tr("已处理"),
    }[status]


def kinds_text(group: AccountFindings) -> str:
    return _tr("、").join(ui_label(kind) for kind in group.kinds)


def evidence_text(group: AccountFindings) -> str:
    """The lead reason's evidence; the others are counted (all of them are in the tooltip)."""
    more = len(group.reasons) - 1
    if not more:
        return service_text(group.lead.summary)
    return _tr("{summary}（另有 {n} 条理由）").format(summary=service_text(group.lead.summary), n=more)


def evidence_tooltip(group: AccountFindings) -> str:
    line = _tr("{kind}：{summary}")
    return "\n".join(
        line.format(kind=ui_label(r.kind), summary=service_text(r.summary)) for r in group.reasons
    )


class FindingsModel(RowTableModel[AccountFindings]):
    """Accounts come grouped and ranked from the service; the first column carries the what-if tick."""

    checked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(Column), parent)
        self._checked: set[str] = set()
        self._kept = QColor(Qt.GlobalColor.darkGray)

    def set_rows(self, rows: Iterable[AccountFindings]) -> None:
        rows = list(rows)
        self._checked &= {r.key for r in rows}
        super().set_rows(rows)
        self.checked_changed.emit()

    def row_of(self, key: str) -> int:
        for n, r in enumerate(self._rows):
            if r.key == key:
                return n
        return -1

    def checked_keys(self) -> set[str]:
        return set(self._checked)

    def checked_rows(self) -> list[AccountFindings]:
        return [r for r in self._rows if r.key in self._checked]

    def set_all_checked(self, checked: bool) -> None:
        self._checked = {r.key for r in self._rows} if checked else set()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.MINUTES),
                self.index(len(self._rows) - 1, Column.MINUTES),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.checked_changed.emit()

    # ----------------------------------------------------------------- Qt model API

    def header(self, section: int) -> str:
        return {
            Column.MINUTES: _tr("每月可省（分钟）"),
            Column.KIND: _tr("问题"),
            Column.SOURCE: _tr("账号"),
            Column.EVIDENCE: _tr("证据"),
            Column.STATUS: _tr("状态"),
        }[Column(section)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.MINUTES:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_for(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.MINUTES:
                return f"{row.minutes_saved_per_month:.0f}"
            if column == Column.KIND:
                return kinds_text(row)
            if column == Column.SOURCE:
                if row.related_source_name:
                    return f"{row.source_name} → {row.related_source_name}"
                return row.source_name
            if column == Column.EVIDENCE:
                return evidence_text(row)
            if column == Column.STATUS:
                return status_text(row.status)
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.MINUTES:
            return Qt.CheckState.Checked if row.key in self._checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.EVIDENCE, Column.SOURCE, Column.KIND):
            return evidence_tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.status != FindingStatus.OPEN:
            return self._kept
        if role == FindingRole.KEY:
            return row.key
        if role == FindingRole.REASONS:
            return len(row.reasons)
        if role == FindingRole.SOURCE_ID:
            return row.source_id
        if role == FindingRole.MINUTES:
            return row.minutes_saved_per_month
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != Column.MINUTES:
            return False
        row = self._rows[index.row()]
        state = Qt.CheckState(value) if isinstance(value, int) else value
        if state == Qt.CheckState.Checked:
            self._checked.add(row.key)
        else:
            self._checked.discard(row.key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True
