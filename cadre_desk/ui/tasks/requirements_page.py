"""The 要求 page: the catalogue of required operations, an editor, and burden-flag suggestions
the user confirms or dismisses."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QObject,
    Qt,
    QTime,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.burden_rules import CATALOGUE, CATALOGUE_VERSION, FlagSuggestion
from cadre_desk.domain.changes import Changes
from cadre_desk.domain.enums import BurdenCategory, OperationKind
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.recurrence import (
    Preset,
    china_date,
    detect_preset,
    monthly_day,
    monthly_rule,
    preset_rule,
)
from cadre_desk.services.requirements import RequirementDraft, RequirementView
from cadre_desk.services.task_area import TaskArea
from cadre_desk.ui.background import BackgroundRunner, NewestOnly
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.i18n import SOURCE_LANGUAGE, current_language, short_day_names, ui_label
from cadre_desk.ui.row_table_model import Index, RowTableModel
from cadre_desk.ui.service_text import service_text


class ReqColumn(IntEnum):
    TITLE = 0
    KIND = 1
    SCHEDULE = 2
    SOURCE = 3
    IMPOSED_BY = 4
    FLAGS = 5


_HEADERS = (
    QT_TRANSLATE_NOOP("RequirementModel", "要求"),
    QT_TRANSLATE_NOOP("RequirementModel", "操作"),
    QT_TRANSLATE_NOOP("RequirementModel", "频次"),
    QT_TRANSLATE_NOOP("RequirementModel", "账号/平台"),
    QT_TRANSLATE_NOOP("RequirementModel", "提出单位"),
    QT_TRANSLATE_NOOP("RequirementModel", "负担标记"),
)


def flags_text(view: RequirementView) -> str:
    parts = [ui_label(BurdenCategory(c)) for c in view.confirmed]
    parts += [
        QCoreApplication.translate("RequirementModel", "{flag}?").format(flag=ui_label(BurdenCategory(c)))
        for c in view.suggested
    ]
    return ("、" if current_language() == SOURCE_LANGUAGE else ", ").join(parts)


class RequirementModel(RowTableModel[RequirementView]):
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(ReqColumn), parent)

    def header(self, section: int) -> str:
        return QCoreApplication.translate("RequirementModel", _HEADERS[section])

    def row_of(self, requirement_id: str) -> int | None:
        for position, view in enumerate(self._rows):
            if view.id == requirement_id:
                return position
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        view = self.row_for(index)
        if view is None:
            return None
        if role == self.ID_ROLE:
            return view.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == ReqColumn.FLAGS and view.confirmed:
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == ReqColumn.TITLE:
            return view.title
        if column == ReqColumn.KIND:
            return ui_label(OperationKind(view.operation_kind))
        if column == ReqColumn.SCHEDULE:
            return service_text(view.schedule) + (f" {view.due_time}" if view.due_time else "")
        if column == ReqColumn.SOURCE:
            return view.source_name or ""
        if column == ReqColumn.IMPOSED_BY:
            return view.imposed_by or ""
        if column == ReqColumn.FLAGS:
            return flags_text(view)
        return None


_PRESETS = (
    (Preset.DAILY, QT_TRANSLATE_NOOP("RequirementsPage", "每天")),
    (Preset.WORKDAYS, QT_TRANSLATE_NOOP("RequirementsPage", "每个工作日（按法定节假日调休）")),
    (Preset.WEEKLY, QT_TRANSLATE_NOOP("RequirementsPage", "每周")),
    (Preset.MONTHLY, QT_TRANSLATE_NOOP("RequirementsPage", "每月某日（小月为月末）")),
    (Preset.MONTH_END, QT_TRANSLATE_NOOP("RequirementsPage", "每月最后一天")),
    (Preset.PER_ITEM, QT_TRANSLATE_NOOP("RequirementsPage", "每条新消息后 N 小时内")),
    (Preset.CUSTOM, QT_TRANSLATE_NOOP("RequirementsPage", "自定义 RRULE")),
)


def imported_suggestion(category: str) -> FlagSuggestion:
    """A suggestion that arrived with the data (sync, import) and no rule matches now."""
    kind = BurdenCategory(category)
    citations = next((rule.citations for rule in CATALOGUE if rule.category == kind), ())
    reason = QCoreApplication.translate(
        "RequirementsPage", "导入或同步时带来的建议，当前规则未匹配，请人工判断"
    )
    return FlagSuggestion(kind, "imported", reason, citations)


class FlagRow(QFrame):
    """One suggestion: category, reason, citation, 确认 / 忽略."""

    def __init__(self, suggestion: FlagSuggestion, page: RequirementsPage) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(f"<b>{ui_label(suggestion.category)}</b>　{service_text(suggestion.reason)}")
        title.setWordWrap(True)
        cite = QLabel(service_text(suggestion.citation_text))
        cite.setWordWrap(True)
        cite.setStyleSheet("color: palette(placeholder-text); font-size: 12px;")
        self.confirm = QPushButton(self.tr("确认"))
        self.dismiss = QPushButton(self.tr("忽略"))
        self.confirm.clicked.connect(lambda: page.decide_flag(suggestion.category.value, True))
        self.dismiss.clicked.connect(lambda: page.decide_flag(suggestion.category.value, False))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        buttons.addWidget(self.dismiss)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(title)
        layout.addWidget(cite)
        layout.addLayout(buttons)


class RequirementsPage(QWidget):
    def __init__(
        self, area: TaskArea, runner: BackgroundRunner, bus: DataBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._area = area
        self._runner = runner
        self._reads = NewestOnly()  # a data change while a read runs
        self._bus = bus
        self._current: RequirementView | None = None
        self._sources: list[tuple[str, str]] = []

        self.model = RequirementModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ReqColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (ReqColumn.KIND, 100),  # "Study check-in" in English
            (ReqColumn.SCHEDULE, 150),
            (ReqColumn.SOURCE, 130),
            (ReqColumn.IMPOSED_BY, 110),
            (ReqColumn.FLAGS, 130),
        ):
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._select(current.row())
        )
        self.new_button = QPushButton(self.tr("新建要求"))
        self.new_button.clicked.connect(self.new_requirement)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        heading = QLabel(self.tr("<b>上级和各平台要求的操作</b>"))
        top.addWidget(heading, 1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table)

        # ---- editor
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("例如：每日学习打卡、转发县融媒文章"))
        self.kind = QComboBox()
        for kind in OperationKind:
            self.kind.addItem(ui_label(kind), kind.value)
        self.preset = QComboBox()
        for preset, text in _PRESETS:
            self.preset.addItem(QCoreApplication.translate("RequirementsPage", text), preset.value)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.weekdays = [QCheckBox(day) for day in short_day_names()]
        weekday_row = QWidget()
        weekday_layout = QHBoxLayout(weekday_row)
        weekday_layout.setContentsMargins(0, 0, 0, 0)
        for box in self.weekdays:
            weekday_layout.addWidget(box)
        weekday_layout.addStretch(1)
        self.weekday_row = weekday_row
        self.month_day = QSpinBox()
        self.month_day.setRange(1, 31)
        self.month_day.setPrefix(self.tr("每月 "))
        self.month_day.setSuffix(self.tr(" 日"))
        self.custom_rule = QLineEdit()
        self.custom_rule.setPlaceholderText("FREQ=WEEKLY;BYDAY=MO,TH")
        self.within_hours = QDoubleSpinBox()
        self.within_hours.setRange(0.25, 720)
        self.within_hours.setValue(1)
        self.within_hours.setSuffix(self.tr(" 小时内"))
        self.due_enabled = QCheckBox(self.tr("指定时间"))
        self.due_time = QTimeEdit(QTime(9, 0))
        self.due_time.setDisplayFormat("HH:mm")
        self.due_enabled.toggled.connect(self.due_time.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_enabled)
        due_row.addWidget(self.due_time)
        due_row.addStretch(1)
        self.minutes = QDoubleSpinBox()
        self.minutes.setRange(0, 1440)
        self.minutes.setDecimals(0)
        self.minutes.setValue(5)
        self.minutes.setSuffix(self.tr(" 分钟"))
        self.source = QComboBox()
        self.imposed_by = QLineEdit()
        self.imposed_by.setPlaceholderText(self.tr("例如：县委宣传部"))
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(self.tr("文件或通知编号，例如 X宣发〔2026〕8号"))
        self.mandatory = QCheckBox(self.tr("强制要求"))
        self.mandatory.setChecked(True)
        self.starts_on = QDateEdit()
        self.starts_on.setCalendarPopup(True)
        self.starts_on.setDisplayFormat("yyyy-MM-dd")
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        self.notes.setPlaceholderText(self.tr("要求原文或补充说明（也用于判断是否属于违规做法）"))

        form = QFormLayout()
        form.addRow(self.tr("名称"), self.title)
        form.addRow(self.tr("操作类型"), self.kind)
        form.addRow(self.tr("频次"), self.preset)
        form.addRow(self.tr("星期"), self.weekday_row)
        form.addRow(self.tr("日期"), self.month_day)
        form.addRow(self.tr("规则"), self.custom_rule)
        form.addRow(self.tr("时限"), self.within_hours)
        form.addRow(self.tr("截止时间"), due_row)
        form.addRow(self.tr("开始日期"), self.starts_on)
        form.addRow(self.tr("预计用时"), self.minutes)
        form.addRow(self.tr("账号/平台"), self.source)
        form.addRow(self.tr("提出单位"), self.imposed_by)
        form.addRow(self.tr("依据"), self.basis)
        form.addRow("", self.mandatory)
        form.addRow(self.tr("说明"), self.notes)
        self._form = form

        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.retire_button = QPushButton(self.tr("停用"))
        self.retire_button.clicked.connect(self.retire)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.retire_button)
        buttons.addWidget(self.save_button)

        self.flags_box = QGroupBox(
            self.tr("减负规则检查（规则库 {version}）").format(version=CATALOGUE_VERSION)
        )
        self.flags_layout = QVBoxLayout(self.flags_box)
        self.flags_summary = QLabel()
        self.flags_summary.setWordWrap(True)
        self.flags_layout.addWidget(self.flags_summary)

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(form)
        editor_layout.addLayout(buttons)
        editor_layout.addWidget(self.flags_box)
        editor_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([800, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(splitter)
        bus.changed.connect(self._data_changed)
        self.new_requirement()

    # ----------------------------------------------------------------- loading

    def load(self) -> None:
        service = self._area.requirements
        sources = self._area.requirements.source_choices
        self._runner.run(
            lambda: (service.catalogue(), sources()),
            *self._reads.wrap(lambda result: self._show(*result), self._runner.report_error),
        )

    def load_now(self) -> None:
        self._show(self._area.requirements.catalogue(), self._area.requirements.source_choices())

    def _show(self, rows: list[RequirementView], sources: list[tuple[str, str]]) -> None:
        keep = self._current.id if self._current else None
        self.model.set_rows(rows)
        if sources != self._sources:
            self._sources = sources
            current = self.source.currentData()
            self.source.clear()
            self.source.addItem(self.tr("（不指定）"), None)
            for source_id, name in sources:
                self.source.addItem(name, source_id)
            self.source.setCurrentIndex(max(0, self.source.findData(current)))
        if keep is not None:
            row = self.model.row_of(keep)
            if row is not None:
                self.table.selectRow(row)
                self._select(row)

    def _data_changed(self, changes: Changes) -> None:
        if changes.requirements or changes.sources:
            self.load()

    # ----------------------------------------------------------------- editor

    def _preset_changed(self) -> None:
        preset = Preset(self.preset.currentData())
        self._form.setRowVisible(self.weekday_row, preset == Preset.WEEKLY)
        self._form.setRowVisible(self.custom_rule, preset == Preset.CUSTOM)
        self._form.setRowVisible(self.month_day, preset == Preset.MONTHLY)
        self._form.setRowVisible(self.within_hours, preset == Preset.PER_ITEM)
        self.due_enabled.setEnabled(preset != Preset.PER_ITEM)

    def new_requirement(self) -> None:
        self._current = None
        self.table.clearSelection()
        self.title.clear()
        self.kind.setCurrentIndex(self.kind.findData(OperationKind.STUDY_CHECKIN.value))
        self.preset.setCurrentIndex(self.preset.findData(Preset.DAILY.value))
        for box in self.weekdays:
            box.setChecked(False)
        self.custom_rule.clear()
        self.due_enabled.setChecked(False)
        self.due_time.setEnabled(False)
        self.minutes.setValue(5)
        self.imposed_by.clear()
        self.basis.clear()
        self.mandatory.setChecked(True)
        today = china_date(datetime.now(UTC))
        self.starts_on.setDate(QDate(today.year, today.month, today.day))
        self.month_day.setValue(today.day)
        self.notes.clear()
        self.error.clear()
        self.retire_button.setEnabled(False)
        self._show_flags(None)
        self._preset_changed()
        self.title.setFocus()

    def _select(self, row: int) -> None:
        view = self.model.row_at(row)
        if view is None:
            return
        service = self._area.requirements
        self._runner.run(lambda: service.get(view.id), self._fill)

    def _fill(self, view: RequirementView) -> None:
        self._current = view
        self.title.setText(view.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(view.operation_kind)))
        preset = detect_preset(view.rrule)
        self.preset.setCurrentIndex(self.preset.findData(preset.value))
        codes = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
        for position, box in enumerate(self.weekdays):
            box.setChecked(
                bool(view.rrule) and codes[position] in (view.rrule or "") and preset == Preset.WEEKLY
            )
        self.custom_rule.setText(view.rrule or "" if preset == Preset.CUSTOM else "")
        if preset == Preset.MONTHLY and view.rrule:
            self.month_day.setValue(monthly_day(view.rrule) or 1)
        self.within_hours.setValue(view.within_hours or 1)
        self.due_enabled.setChecked(view.due_time is not None)
        self.due_time.setEnabled(view.due_time is not None)
        if view.due_time:
            hour, minute = view.due_time.split(":")
            self.due_time.setTime(QTime(int(hour), int(minute)))
        self.minutes.setValue(view.expected_minutes)
        self.source.setCurrentIndex(max(0, self.source.findData(view.source_id)))
        self.imposed_by.setText(view.imposed_by or "")
        self.basis.setText(view.basis or "")
        self.mandatory.setChecked(view.mandatory)
        if view.starts_on:
            self.starts_on.setDate(QDate(view.starts_on.year, view.starts_on.month, view.starts_on.day))
        self.notes.setPlainText(view.notes or "")
        self.error.clear()
        self.retire_button.setEnabled(True)
        self._preset_changed()
        self._show_flags(view)

    def _show_flags(self, view: RequirementView | None) -> None:
        while self.flags_layout.count() > 1:
            item = self.flags_layout.takeAt(1)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        if view is None:
            self.flags_summary.setText(self.tr("保存后自动对照 2023、2024、2026 年减负规定检查。"))
            return
        matched = {s.category.value: s for s in view.suggestions}
        pending = [matched.get(c) or imported_suggestion(c) for c in view.suggested]
        confirmed = "、".join(ui_label(BurdenCategory(c)) for c in view.confirmed) or self.tr("无")
        dismissed = "、".join(ui_label(BurdenCategory(c)) for c in view.dismissed) or self.tr("无")
        self.flags_summary.setText(
            self.tr("已确认：{confirmed}　已忽略：{dismissed}").format(
                confirmed=confirmed, dismissed=dismissed
            )
            + ("" if pending else "\n" + self.tr("没有待确认的建议。"))
        )
        for suggestion in pending:
            self.flags_layout.addWidget(FlagRow(suggestion, self))

    def draft(self) -> RequirementDraft:
        preset = Preset(self.preset.currentData())
        start = self.starts_on.date()
        starts_on = date(start.year(), start.month(), start.day())
        weekdays = tuple(position for position, box in enumerate(self.weekdays) if box.isChecked())
        if preset == Preset.CUSTOM:
            rrule: str | None = self.custom_rule.text().strip()
        elif preset == Preset.MONTHLY:
            rrule = monthly_rule(self.month_day.value())
        else:
            rrule = preset_rule(preset, starts_on, weekdays)
        return RequirementDraft(
            title=self.title.text(),
            operation_kind=str(self.kind.currentData()),
            rrule=rrule or None,
            due_time=self.due_time.time().toString("HH:mm")
            if self.due_enabled.isChecked() and preset != Preset.PER_ITEM
            else None,
            within_hours=self.within_hours.value() if preset == Preset.PER_ITEM else None,
            expected_minutes=self.minutes.value(),
            source_id=self.source.currentData(),
            imposed_by=self.imposed_by.text(),
            basis=self.basis.text(),
            mandatory=self.mandatory.isChecked(),
            starts_on=starts_on,
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        try:
            draft = self.draft()
        except CadreError as exc:
            self.error.setText(f"{service_text(exc.user_message)} {service_text(exc.next_step)}")
            return
        requirements, tasks = self._area.requirements, self._area.tasks
        current = self._current

        def work() -> tuple[RequirementView, Changes]:
            if current is None:
                created = requirements.create(draft)
                requirement_id, changes = created.id, created.changes
            else:
                requirement_id = current.id
                changes = requirements.update(requirement_id, draft)
            changes |= tasks.reschedule(requirement_id).changes
            return requirements.get(requirement_id), changes

        def saved(result: tuple[RequirementView, Changes]) -> None:
            view, changes = result
            self._current = view
            self._fill(view)
            self._bus.announce(changes)
            self._bus.status_message.emit(self.tr("已保存“{title}”").format(title=view.title))

        self._runner.run(work, saved, self._failed, write=True)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, CadreError):
            self.error.setText(f"{service_text(exc.user_message)} {service_text(exc.next_step)}")
            return
        self._runner._default_error(exc)

    def retire(self) -> None:
        current = self._current
        if current is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("停用要求"),
            self.tr("停用“{title}”？以后不再生成任务，已有记录保留。").format(title=current.title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        requirements, tasks = self._area.requirements, self._area.tasks

        def work() -> Changes:
            return requirements.remove(current.id) | tasks.retire_future(current.id).changes

        def done(changes: Changes) -> None:
            self.new_requirement()
            self._bus.announce(changes)

        self._runner.run(work, done, self._failed, write=True)

    def decide_flag(self, category: str, confirm: bool) -> None:
        current = self._current
        if current is None:
            return
        requirements = self._area.requirements

        def work() -> tuple[RequirementView, Changes]:
            decide = requirements.confirm_flag if confirm else requirements.dismiss_flag
            changes = decide(current.id, category)
            return requirements.get(current.id), changes

        def done(result: tuple[RequirementView, Changes]) -> None:
            view, changes = result
            self._fill(view)
            self._bus.announce(changes)

        self._runner.run(work, done, self._failed, write=True)
