"""The 减负台账 page: flagged demands with category, account, imposing unit, date, evidence
and minutes per month."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    Qt,
)
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from cadre_desk.domain.enums import BurdenCategory
from cadre_desk.services.burden import BurdenEntry, BurdenRegister
from cadre_desk.services.task_area import TaskArea
from cadre_desk.ui.background import BackgroundRunner, NewestOnly
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.i18n import ui_label
from cadre_desk.ui.row_table_model import Index, RowTableModel
from cadre_desk.ui.service_text import service_text


class BurdenColumn(IntEnum):
    CATEGORY = 0
    REQUIREMENT = 1
    ACCOUNT = 2
    IMPOSED_BY = 3
    SINCE = 4
    EVIDENCE = 5
    MINUTES = 6
    REASON = 7


_HEADERS = (
    QT_TRANSLATE_NOOP("BurdenModel", "类别"),
    QT_TRANSLATE_NOOP("BurdenModel", "要求"),
    QT_TRANSLATE_NOOP("BurdenModel", "账号/平台"),
    QT_TRANSLATE_NOOP("BurdenModel", "提出单位"),
    QT_TRANSLATE_NOOP("BurdenModel", "起始日期"),
    QT_TRANSLATE_NOOP("BurdenModel", "留痕与依据"),
    QT_TRANSLATE_NOOP("BurdenModel", "每月分钟"),
    QT_TRANSLATE_NOOP("BurdenModel", "依据条款"),
)


class BurdenModel(RowTableModel[BurdenEntry]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(BurdenColumn), parent)

    def header(self, section: int) -> str:
        return QCoreApplication.translate("BurdenModel", _HEADERS[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.row_for(index)
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and column == BurdenColumn.REASON:
            return f"{service_text(entry.reason)}\n{service_text(entry.citation)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BurdenColumn.MINUTES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == BurdenColumn.CATEGORY:
            return ui_label(BurdenCategory(entry.category)) + (
                "" if entry.confirmed else QCoreApplication.translate("BurdenModel", "（待确认）")
            )
        if column == BurdenColumn.REQUIREMENT:
            return entry.requirement
        if column == BurdenColumn.ACCOUNT:
            return entry.account
        if column == BurdenColumn.IMPOSED_BY:
            return entry.imposed_by
        if column == BurdenColumn.SINCE:
            return entry.since.isoformat() if entry.since else ""
        if column == BurdenColumn.EVIDENCE:
            text = QCoreApplication.translate(
                "BurdenModel", "近30天 {logs} 次记录，{files} 个留痕文件"
            ).format(logs=entry.logs_in_window, files=entry.evidence_files)
            return f"{text}；{entry.basis}" if entry.basis else text
        if column == BurdenColumn.MINUTES:
            minutes = max(entry.minutes_in_window, entry.estimated_minutes_per_month)
            return f"{minutes:g}"
        if column == BurdenColumn.REASON:
            reason = service_text(entry.reason)
            if not entry.citation:
                return reason
            return QCoreApplication.translate("BurdenModel", "{reason}（{citation}）").format(
                reason=reason, citation=service_text(entry.citation)
            )
        return None


class BurdenPage(QWidget):
    def __init__(
        self, area: TaskArea, runner: BackgroundRunner, bus: DataBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._area = area
        self._runner = runner
        self._reads = NewestOnly()  # the check box toggled or data changed while a read runs
        self.model = BurdenModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        widths = (150, 200, 140, 130, 90, 230, 80)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setSectionResizeMode(BurdenColumn.REASON, QHeaderView.ResizeMode.Stretch)
        self.include_suggested = QCheckBox(self.tr("包括尚未确认的建议"))
        self.include_suggested.toggled.connect(lambda _checked: self.load())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        heading = QLabel(
            self.tr(
                "<b>减负台账</b>：被确认为违规或过度的要求（强制使用、过度留痕、滥用排名、多头填报、空壳僵尸）"
            )
        )
        heading.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.include_suggested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        bus.changed.connect(
            lambda changes: (
                self.load() if changes.requirements or changes.operation_logs or changes.tasks else None
            )
        )

    def load(self) -> None:
        burden, suggested = self._area.burden, self.include_suggested.isChecked()
        self._runner.run(
            lambda: burden.register(include_suggested=suggested),
            *self._reads.wrap(self._show, self._runner.report_error),
        )

    def load_now(self) -> None:
        self._show(self._area.burden.register(include_suggested=self.include_suggested.isChecked()))

    def _show(self, register: BurdenRegister) -> None:
        self.model.set_rows(register.entries)
        confirmed = sum(1 for e in register.entries if e.confirmed)
        self.summary.setText(
            self.tr(
                "已确认 {n} 项，合计每月约 {minutes} 分钟（取近 {days} 天实际记录与按频次估算的较大者）。"
                "规则库版本 {version}；依据：中央网信委《关于防治“指尖上的形式主义”的若干意见》、"
                "《整治形式主义为基层减负若干规定》、国办函〔2026〕12号。"
            ).format(
                n=confirmed,
                minutes=f"{register.minutes_per_month:g}",
                days=register.window_days,
                version=register.catalogue_version,
            )
        )
