"""The rules dialog: build "conditions → actions" without code, preview matches, apply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import NOTHING
from cadre_desk.domain.enums import Level
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.rules import ActionType, Field, Op, RuleSpec, describe, parse_rule
from cadre_desk.services.rules import ApplyReport, Preview, RuleChoices, RulesService
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.i18n import ui_label
from cadre_desk.ui.inbox.item_list_model import short_time

Index = QModelIndex | QPersistentModelIndex

FIELD_TEXT = {
    Field.TITLE: QT_TRANSLATE_NOOP("RulesDialog", "标题"),
    Field.CONTENT: QT_TRANSLATE_NOOP("RulesDialog", "正文"),
    Field.TITLE_OR_CONTENT: QT_TRANSLATE_NOOP("RulesDialog", "标题或正文"),
    Field.AUTHOR: QT_TRANSLATE_NOOP("RulesDialog", "作者"),
    Field.SOURCE: QT_TRANSLATE_NOOP("RulesDialog", "来源"),
    Field.LEVEL: QT_TRANSLATE_NOOP("RulesDialog", "级别"),
    Field.FOLDER: QT_TRANSLATE_NOOP("RulesDialog", "文件夹"),
}
OP_TEXT = {
    Op.CONTAINS: QT_TRANSLATE_NOOP("RulesDialog", "包含"),
    Op.NOT_CONTAINS: QT_TRANSLATE_NOOP("RulesDialog", "不包含"),
    Op.REGEX: QT_TRANSLATE_NOOP("RulesDialog", "匹配正则"),
    Op.IS: QT_TRANSLATE_NOOP("RulesDialog", "是"),
    Op.IS_NOT: QT_TRANSLATE_NOOP("RulesDialog", "不是"),
}
ACTION_TEXT = {
    ActionType.CREATE_TASK: QT_TRANSLATE_NOOP("RulesDialog", "创建任务"),
    ActionType.STAR: QT_TRANSLATE_NOOP("RulesDialog", "加星标"),
    ActionType.MARK_READ: QT_TRANSLATE_NOOP("RulesDialog", "标为已读"),
    ActionType.MUTE: QT_TRANSLATE_NOOP("RulesDialog", "静音（不在收件箱显示）"),
    ActionType.TAG: QT_TRANSLATE_NOOP("RulesDialog", "加标签"),
    ActionType.MOVE_TO_FOLDER: QT_TRANSLATE_NOOP("RulesDialog", "移到文件夹"),
    ActionType.ATTACH_REQUIREMENT: QT_TRANSLATE_NOOP("RulesDialog", "关联工作要求（生成任务）"),
}
TEXT_OPS = (Op.CONTAINS, Op.NOT_CONTAINS, Op.REGEX)
CHOICE_OPS = (Op.IS, Op.IS_NOT)


class RulesListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rules: list[RuleSpec] = []
        self.names: dict[str, str] = {}

    def set_rules(self, rules: list[RuleSpec], names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rules = list(rules)
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rules)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rules):
            return None
        rule = self.rules[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return rule.name + ("" if rule.enabled else self.tr("（已停用）"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return describe(rule, self.names)
        return None


class _Row(QWidget):
    removed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("删除这一行"))
        self.remove.clicked.connect(lambda: self.removed.emit(self))


class ConditionRow(_Row):
    def __init__(self, choices: RuleChoices) -> None:
        super().__init__()
        self._choices = choices
        self.field = QComboBox()
        for fld, text in FIELD_TEXT.items():
            self.field.addItem(QCoreApplication.translate("RulesDialog", text), fld)
        self.op = QComboBox()
        self.text_value = QLineEdit()
        self.text_value.setPlaceholderText(self.tr("多个词用空格分开，任一命中即可"))
        self.choice_value = QComboBox()
        self.choice_value.setMinimumWidth(160)
        for widget in (self.field, self.op):
            self.layout_.addWidget(widget)
        self.layout_.addWidget(self.text_value, 1)
        self.layout_.addWidget(self.choice_value, 1)
        self.layout_.addWidget(self.remove)
        self.field.currentIndexChanged.connect(self._field_changed)
        self._field_changed()

    def _field_changed(self) -> None:
        fld = Field(self.field.currentData())
        textual = fld not in (Field.SOURCE, Field.LEVEL, Field.FOLDER)
        self.op.clear()
        for op in TEXT_OPS if textual else CHOICE_OPS:
            self.op.addItem(QCoreApplication.translate("RulesDialog", OP_TEXT[op]), op)
        self.text_value.setVisible(textual)
        self.choice_value.setVisible(not textual)
        self.choice_value.clear()
        if fld is Field.SOURCE:
            for source_id, name in self._choices.sources:
                self.choice_value.addItem(name, source_id)
        elif fld is Field.FOLDER:
            for folder_id, name in self._choices.folders:
                self.choice_value.addItem(name, folder_id)
        elif fld is Field.LEVEL:
            for level in Level:
                self.choice_value.addItem(ui_label(level), level.value)

    def load(self, data: dict[str, Any]) -> None:
        self.field.setCurrentIndex(max(0, self.field.findData(Field(data["field"]))))
        self.op.setCurrentIndex(max(0, self.op.findData(Op(data["op"]))))
        values = data.get("value") or []
        if Field(data["field"]) not in (Field.SOURCE, Field.LEVEL, Field.FOLDER):
            op = Op(data["op"])
            self.text_value.setText(values[0] if op is Op.REGEX and values else " ".join(values))
        elif values:
            self.choice_value.setCurrentIndex(max(0, self.choice_value.findData(values[0])))

    def to_json(self) -> dict[str, Any]:
        fld, op = Field(self.field.currentData()), Op(self.op.currentData())
        if fld in (Field.SOURCE, Field.LEVEL, Field.FOLDER):
            value = [self.choice_value.currentData()] if self.choice_value.currentData() else []
        elif op is Op.REGEX:
            value = [self.text_value.text()]
        else:
            value = self.text_value.text().split()
        return {"field": fld.value, "op": op.value, "value": value}


class ActionRow(_Row):
    def __init__(self, choices: RuleChoices) -> None:
        super().__init__()
        self._choices = choices
        self.kind = QComboBox()
        for kind, text in ACTION_TEXT.items():
            self.kind.addItem(QCoreApplication.translate("RulesDialog", text), kind)
        self.days = QSpinBox()
        self.days.setRange(0, 365)
        self.days.setValue(3)
        self.days.setPrefix(self.tr("截止："))
        self.days.setSuffix(self.tr(" 天后"))
        self.target = QComboBox()
        self.target.setMinimumWidth(160)
        self.new_tag = QLineEdit()
        self.new_tag.setPlaceholderText(self.tr("或输入新标签名"))
        self.layout_.addWidget(self.kind)
        self.layout_.addWidget(self.days)
        self.layout_.addWidget(self.target, 1)
        self.layout_.addWidget(self.new_tag, 1)
        self.layout_.addStretch(0)
        self.layout_.addWidget(self.remove)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = ActionType(self.kind.currentData())
        self.days.setVisible(kind is ActionType.CREATE_TASK)
        options = {
            ActionType.TAG: self._choices.tags,
            ActionType.MOVE_TO_FOLDER: self._choices.folders,
            ActionType.ATTACH_REQUIREMENT: self._choices.requirements,
        }.get(kind)
        self.target.setVisible(options is not None)
        self.new_tag.setVisible(kind is ActionType.TAG)
        self.target.clear()
        for target_id, name in options or []:
            self.target.addItem(name, target_id)

    def load(self, data: dict[str, Any]) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(ActionType(data["type"]))))
        if data.get("due_days") is not None:
            self.days.setValue(int(data["due_days"]))
        if data.get("value"):
            self.target.setCurrentIndex(max(0, self.target.findData(data["value"])))

    def to_json(self, ensure_tag: Callable[[str], str]) -> dict[str, Any]:
        kind = ActionType(self.kind.currentData())
        data: dict[str, Any] = {"type": kind.value}
        if kind is ActionType.CREATE_TASK:
            data["due_days"] = self.days.value()
        elif kind is ActionType.TAG and self.new_tag.text().strip():
            data["value"] = ensure_tag(self.new_tag.text())
        elif self.target.isVisibleTo(self):
            data["value"] = self.target.currentData()
        return data


class RulesDialog(QDialog):
    """Left: the rules in order. Right: the selected rule, its preview and buttons."""

    rules_changed = Signal(object)  # the Changes a save, delete or apply returned

    def __init__(
        self, service: RulesService, runner: BackgroundRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("消息规则"))
        self.resize(1080, 700)
        self._service = service
        self._new_tags = NOTHING  # tags made while composing: announced with the save
        self._runner = runner
        self._choices = service.choices()
        self._editing_id: str | None = None
        self.condition_rows: list[ConditionRow] = []
        self.action_rows: list[ActionRow] = []

        self.list_model = RulesListModel(self)
        self.rule_list = QListView()
        self.rule_list.setModel(self.list_model)
        self.rule_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rule_list.selectionModel().currentChanged.connect(self._rule_selected)
        new_button = QPushButton(self.tr("新建规则"))
        new_button.clicked.connect(self.new_rule)
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.clicked.connect(self._delete)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("<b>规则</b>（按顺序对新消息生效）")))
        left_layout.addWidget(self.rule_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(new_button)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如：填报通知转任务"))
        self.enabled = QCheckBox(self.tr("启用"))
        self.enabled.setChecked(True)
        self.match = QComboBox()
        self.match.addItem(self.tr("满足以下全部条件"), "all")
        self.match.addItem(self.tr("满足以下任一条件"), "any")
        self.conditions_box = QVBoxLayout()
        self.actions_box = QVBoxLayout()
        add_condition = QPushButton(self.tr("＋ 添加条件"))
        add_condition.clicked.connect(lambda: self.add_condition())
        add_action = QPushButton(self.tr("＋ 添加动作"))
        add_action.clicked.connect(lambda: self.add_action())

        form = QFormLayout()
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.enabled)
        form.addRow(self.tr("名称"), name_row)
        form.addRow(self.tr("当消息"), self.match)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addLayout(self.conditions_box)
        editor_layout.addWidget(add_condition, 0, Qt.AlignmentFlag.AlignLeft)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        editor_layout.addWidget(line)
        editor_layout.addWidget(QLabel(self.tr("就执行：")))
        editor_layout.addLayout(self.actions_box)
        editor_layout.addWidget(add_action, 0, Qt.AlignmentFlag.AlignLeft)

        self.preview_button = QPushButton(self.tr("预览匹配的消息"))
        self.preview_button.clicked.connect(self.preview)
        self.preview_label = QLabel(self.tr("预览不会改动任何消息。"))
        self.preview_label.setStyleSheet("color: palette(placeholder-text);")
        self.preview_table = QTableWidget(0, 3)
        self.preview_table.setHorizontalHeaderLabels([self.tr("标题"), self.tr("来源"), self.tr("时间")])
        self.preview_table.verticalHeader().hide()
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.preview_table.setAlternatingRowColors(True)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview_button)
        preview_row.addWidget(self.preview_label, 1)
        editor_layout.addLayout(preview_row)
        editor_layout.addWidget(self.preview_table, 1)

        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(lambda: self.save(apply=False))
        self.apply_button = QPushButton(self.tr("保存并应用到已有消息"))
        self.apply_button.clicked.connect(lambda: self.save(apply=True))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.apply_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        editor_layout.addLayout(bottom)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(editor)
        splitter.setSizes([260, 820])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()
        if not self.list_model.rules:
            self.new_rule()

    # ----------------------------------------------------------------- list

    def reload(self, select_id: str | None = None) -> None:
        self.list_model.set_rules(self._service.rules(), self._choices.names())
        for row, rule in enumerate(self.list_model.rules):
            if rule.id == select_id:
                self.rule_list.setCurrentIndex(self.list_model.index(row))

    def _rule_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.load_rule(self.list_model.rules[current.row()])

    def _delete(self) -> None:
        if self._editing_id:
            changes = self._service.delete(self._editing_id)
            self.reload()
            self.new_rule()
            self.rules_changed.emit(changes)

    # ----------------------------------------------------------------- editor

    def _clear(self) -> None:
        for row in self.condition_rows + self.action_rows:
            row.setParent(None)
            row.deleteLater()
        self.condition_rows.clear()
        self.action_rows.clear()
        self.preview_table.setRowCount(0)
        self.preview_label.setText(self.tr("预览不会改动任何消息。"))

    def new_rule(self) -> None:
        self._clear()
        self._editing_id = None
        self.name.clear()
        self.enabled.setChecked(True)
        self.match.setCurrentIndex(0)
        self.add_condition()
        self.add_action()
        self.rule_list.clearSelection()

    def load_rule(self, rule: RuleSpec) -> None:
        self._clear()
        self._editing_id = rule.id
        self.name.setText(rule.name)
        self.enabled.setChecked(rule.enabled)
        self.match.setCurrentIndex(0 if rule.match_all else 1)
        for condition in rule.conditions:
            self.add_condition(condition.to_json())
        for action in rule.actions:
            self.add_action(action.to_json())

    def _remove_row(self, row: QWidget) -> None:
        for rows in (self.condition_rows, self.action_rows):
            if row in rows:
                rows.remove(row)  # type: ignore[arg-type]
        row.setParent(None)
        row.deleteLater()

    def add_condition(self, data: dict[str, Any] | None = None) -> ConditionRow:
        row = ConditionRow(self._choices)
        if data:
            row.load(data)
        row.removed.connect(self._remove_row)
        self.condition_rows.append(row)
        self.conditions_box.addWidget(row)
        return row

    def add_action(self, data: dict[str, Any] | None = None) -> ActionRow:
        row = ActionRow(self._choices)
        if data:
            row.load(data)
        row.removed.connect(self._remove_row)
        self.action_rows.append(row)
        self.actions_box.addWidget(row)
        return row

    def current_rule(self) -> RuleSpec:
        """The rule as edited; raises ``RuleError`` with a message for the user."""
        conditions = {"match": self.match.currentData(), "items": [r.to_json() for r in self.condition_rows]}
        actions = {"items": [r.to_json(self._tag_id) for r in self.action_rows]}
        return parse_rule(
            self.name.text(), conditions, actions, enabled=self.enabled.isChecked(), rule_id=self._editing_id
        )

    def _complain(self, exc: CadreError) -> None:
        QMessageBox.warning(self, self.tr("规则有误"), f"{exc.user_message}\n{exc.next_step}".strip())

    # ----------------------------------------------------------------- preview / save

    def preview(self) -> None:
        try:
            rule = self.current_rule() if self.name.text().strip() else self._unnamed()
        except CadreError as exc:
            self._complain(exc)
            return
        self.preview_label.setText(self.tr("正在查找…"))
        self.preview_button.setEnabled(False)
        self._runner.run(lambda: self._service.preview(rule), self._show_preview, self._preview_failed)

    def _unnamed(self) -> RuleSpec:
        self.name.setText(self.tr("未命名规则"))
        return self.current_rule()

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview_button.setEnabled(True)
        if isinstance(exc, CadreError):
            self._complain(exc)
        else:
            raise exc

    def _show_preview(self, preview: Preview) -> None:
        self.preview_button.setEnabled(True)
        self.preview_label.setText(
            self.tr("在 {scanned} 条消息中有 {matched} 条匹配").format(
                scanned=preview.scanned, matched=preview.matched
            )
            + (
                self.tr("（显示最新 {n} 条）").format(n=len(preview.rows))
                if preview.matched > len(preview.rows)
                else ""
            )
        )
        self.preview_table.setRowCount(len(preview.rows))
        for n, row in enumerate(preview.rows):
            self.preview_table.setItem(n, 0, QTableWidgetItem(row.title))
            self.preview_table.setItem(n, 1, QTableWidgetItem(row.source_name))
            self.preview_table.setItem(n, 2, QTableWidgetItem(short_time(row.published_at)))
        self.preview_table.resizeColumnToContents(1)

    def _tag_id(self, name: str) -> str:
        made = self._service.ensure_tag(name)
        self._new_tags |= made.changes
        return made.id

    def save(self, apply: bool) -> None:
        try:
            rule = self.current_rule()
            saved_rule = self._service.save(rule)
        except CadreError as exc:
            self._complain(exc)
            return
        rule_id = saved_rule.id
        self._editing_id = rule_id
        self.reload(select_id=rule_id)
        self.rules_changed.emit(saved_rule.changes | self._new_tags)
        self._new_tags = NOTHING
        if not apply:
            self.preview_label.setText(self.tr("已保存。新到的消息会按这条规则处理。"))
            return
        saved = next(r for r in self.list_model.rules if r.id == rule_id)
        self.preview_label.setText(self.tr("正在应用到已有消息…"))
        self._runner.run(lambda: self._service.apply_to_existing(saved), self._applied, write=True)

    def _applied(self, report: ApplyReport) -> None:
        self.preview_label.setText(
            self.tr("已应用：{matched} 条消息匹配，新建 {tasks} 个任务。").format(
                matched=report.matched_items, tasks=report.tasks_created
            )
        )
        self.rules_changed.emit(report.changes)
