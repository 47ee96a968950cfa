"""The 我运营的账号 page: cadence of the accounts the cadre runs, the 发布前自查 box, and the
错敏字, link, repost-duty and message lists, each over a model fed by ``services.own``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.own_cadence import CadenceLevel
from cadre_desk.domain.own_wording import WordingSeverity
from cadre_desk.services.own.checks import FIXED, LINK, NOT_ERROR, WORDING, DraftCheck
from cadre_desk.services.own.desk import CheckPass, OwnDesk, OwnOverview
from cadre_desk.services.own.report import export_self_inspection
from cadre_desk.services.own.rows import DRAFT_CONTEXT_COLUMN, DRAFT_SOURCE_COLUMN
from cadre_desk.services.reports.periods import parse_period
from cadre_desk.ui.background import BackgroundRunner, NewestOnly
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.own.dialogs import AccountSettingsDialog, DutyDialog, MessageDialog
from cadre_desk.ui.own.models import (
    RED,
    ROW_ROLE,
    YELLOW,
    CadenceModel,
    DraftModel,
    DutyModel,
    LinkModel,
    MessageModel,
    WordingModel,
)


def _table(model: Any, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _selected(table: QTableView) -> Any:
    index = table.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None


class OwnAccountsPage(QWidget):
    def __init__(
        self, desk: OwnDesk, runner: BackgroundRunner, bus: DataBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self._runner = runner
        self._reads = NewestOnly()  # a data change while a read runs
        self._bus = bus
        self.overview: OwnOverview | None = None
        self._own_accounts: list[tuple[str, str]] = []

        heading = QLabel(self.tr("<b>我运营的账号</b>：按检查指标自查更新频率、错敏字、链接、转发和留言"))
        heading.setObjectName("pageHeading")
        # Wraps instead of widening the window: the English heading alone is ~600 px.
        heading.setWordWrap(True)
        self.check_button = QPushButton(self.tr("立即检查(&C)"))
        self.check_button.setToolTip(self.tr("生成更新提醒任务，补查转发职责"))
        self.links_button = QPushButton(self.tr("检查链接(&L)"))
        self.period = QComboBox()
        for label, value in (
            (self.tr("本月"), "this-month"),
            (self.tr("上月"), "last-month"),
            (self.tr("本季度"), "this-quarter"),
        ):
            self.period.addItem(label, value)
        self.period.setAccessibleName(self.tr("报告期间"))
        self.export_button = QPushButton(self.tr("导出自查报告(&E)…"))
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        for widget in (self.check_button, self.links_button, self.period, self.export_button):
            top.addWidget(widget)

        self.cadence = CadenceModel(self)
        self.cadence_table = _table(self.cadence, self.tr("账号更新频率"))
        self.settings_button = QPushButton(self.tr("规则设置(&R)…"))
        self.unmark_button = QPushButton(self.tr("取消运营标记"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        cadence_buttons = QHBoxLayout()
        cadence_buttons.addWidget(self.summary, 1)
        cadence_buttons.addWidget(self.settings_button)
        cadence_buttons.addWidget(self.unmark_button)
        cadence_box = QWidget()
        cadence_layout = QVBoxLayout(cadence_box)
        cadence_layout.setContentsMargins(0, 0, 0, 0)
        cadence_layout.addWidget(self.cadence_table, 1)
        cadence_layout.addLayout(cadence_buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._draft_tab(), self.tr("发布前自查"))
        self.wording = WordingModel(self)
        self.links = LinkModel(self)
        self.duties = DutyModel(self)
        self.messages = MessageModel(self)
        self.wording_table = _table(self.wording, self.tr("已发布内容的错敏字"))
        self.link_table = _table(self.links, self.tr("链接检查结果"))
        self.duty_table = _table(self.duties, self.tr("转发职责"))
        self.message_table = _table(self.messages, self.tr("留言"))
        self.not_error_button = QPushButton(self.tr("此处无误(&N)"))
        self.not_error_button.setToolTip(self.tr("该账号以后不再提示这个词"))
        self.fixed_button = QPushButton(self.tr("标记已整改(&F)"))
        self.link_fixed_button = QPushButton(self.tr("标记已整改"))
        self.duty_button = QPushButton(self.tr("添加转发职责(&D)…"))
        self.duty_summary = QLabel()
        self.duty_summary.setWordWrap(True)
        self.message_button = QPushButton(self.tr("登记留言(&M)…"))
        self.replied_button = QPushButton(self.tr("标记已回复(&P)"))
        self.tabs.addTab(self._list_tab(self.wording_table, [self.not_error_button, self.fixed_button]), "")
        self.tabs.addTab(self._list_tab(self.link_table, [self.link_fixed_button]), "")
        self.tabs.addTab(self._list_tab(self.duty_table, [self.duty_button], self.duty_summary), "")
        self.tabs.addTab(self._list_tab(self.message_table, [self.message_button, self.replied_button]), "")
        self._retitle_tabs()

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(cadence_box)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 560])
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.note)

        self.check_button.clicked.connect(self.run_checks)
        self.links_button.clicked.connect(self.check_links)
        self.export_button.clicked.connect(self.choose_export)
        self.settings_button.clicked.connect(self.edit_settings)
        self.cadence_table.doubleClicked.connect(lambda _index: self.edit_settings())
        self.unmark_button.clicked.connect(self.unmark)
        self.not_error_button.clicked.connect(self.mark_not_error)
        self.fixed_button.clicked.connect(self.mark_wording_fixed)
        self.link_fixed_button.clicked.connect(self.mark_link_fixed)
        self.duty_button.clicked.connect(self.add_duty)
        self.message_button.clicked.connect(self.add_message)
        self.replied_button.clicked.connect(self.mark_replied)
        bus.changed.connect(
            lambda changes: (
                self.load() if changes.own or changes.items or changes.sources or changes.tasks else None
            )
        )

    # ------------------------------------------------------------------ layout

    def _draft_tab(self) -> QWidget:
        self.draft_account = QComboBox()
        # Account names are long (柳林镇退役军人服务站): show them whole.
        self.draft_account.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.draft_account.setAccessibleName(self.tr("稿件所属账号"))
        self.draft = QPlainTextEdit()
        self.draft.setPlaceholderText(
            self.tr("把准备发布的稿件粘贴到这里，按 Ctrl+Enter 检查错别字、过时机构名称、政治表述和敏感词")
        )
        self.draft.setAccessibleName(self.tr("待检查的稿件"))
        self.draft.setTabChangesFocus(True)
        self.draft_button = QPushButton(self.tr("检查稿件(&K)"))
        self.draft_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.draft_result = QLabel()
        self.draft_hits = DraftModel(self)
        self.draft_table = _table(self.draft_hits, self.tr("稿件中的错敏字"))
        header = self.draft_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DRAFT_CONTEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._fit_draft_columns()
        self.draft_not_error = QPushButton(self.tr("此处无误"))
        row = QHBoxLayout()
        label = QLabel(self.tr("账号(&A)："))
        label.setBuddy(self.draft_account)
        row.addWidget(label)
        row.addWidget(self.draft_account)
        row.addWidget(self.draft_result, 1)
        row.addWidget(self.draft_not_error)
        row.addWidget(self.draft_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.draft)
        split.addWidget(self.draft_table)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)  # seven columns beside a text box that wraps
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(split, 1)
        self.draft_button.clicked.connect(self.check_draft)
        self.draft.installEventFilter(self)  # Ctrl+Enter in the text: the editor would eat it
        self.draft_not_error.clicked.connect(self.mark_draft_not_error)
        self.draft_table.clicked.connect(self._jump_to_hit)
        self.draft_table.activated.connect(self._jump_to_hit)
        return tab

    def _fit_draft_columns(self) -> None:
        """The short columns as wide as their header or cells (at most 110 px; 依据 at most
        100, its tool tip has it whole), the context column the rest: the table fits its pane
        in Chinese and English, with no horizontal scroll bar on an empty table (seven 100 px
        columns were wider than it)."""
        table, header = self.draft_table, self.draft_table.horizontalHeader()
        least = header.fontMetrics().horizontalAdvance("程度程度")  # two-character headers breathe
        for column in range(self.draft_hits.columnCount()):
            if column != DRAFT_CONTEXT_COLUMN:
                fit = max(header.sectionSizeHint(column), table.sizeHintForColumn(column), least)
                table.setColumnWidth(column, min(fit, 100 if column == DRAFT_SOURCE_COLUMN else 110))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.draft
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.check_draft()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _list_tab(table: QTableView, buttons: list[QPushButton], above: QLabel | None = None) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        if above is not None:
            layout.addWidget(above)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout.addLayout(row)
        return tab

    def _retitle_tabs(self) -> None:
        counts = (
            sum(1 for f in self.wording.rows() if not f.fixed),
            sum(1 for r in self.links.rows() if not r.ok),
            len(self.duties.rows()),
            len(self.messages.rows()),
        )
        titles = (
            self.tr("错敏字 ({n})"),
            self.tr("链接 ({n})"),
            self.tr("转发职责 ({n})"),
            self.tr("留言 ({n})"),
        )
        for offset, (title, count) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(1 + offset, title.format(n=count))

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        desk = self.desk
        self._runner.run(desk.overview, *self._reads.wrap(self.show_overview, self._runner.report_error))

    def load_now(self) -> None:
        self.show_overview(self.desk.overview())

    def show_overview(self, overview: OwnOverview) -> None:
        self.overview = overview
        self.cadence.set_rows(overview.cadence)
        self.wording.set_rows(overview.wording)
        self.links.set_rows(overview.links)
        self.duties.set_rows(overview.duty_tasks)
        self.messages.set_rows(overview.messages)
        for table in (
            self.cadence_table,
            self.wording_table,
            self.link_table,
            self.duty_table,
            self.message_table,
        ):
            if table.property("sized") or not table.model().rowCount():
                continue  # after the first fill, keep the widths the user chose
            table.resizeColumnsToContents()
            for column in range(table.model().columnCount()):
                table.setColumnWidth(column, min(table.columnWidth(column), 260))
            table.setProperty("sized", True)
        self._own_accounts = [(c.account.source_id, c.account.name) for c in overview.cadence]
        current = self.draft_account.currentData()
        self.draft_account.clear()
        for source_id, name in self._own_accounts:
            self.draft_account.addItem(name, source_id)
        if current is not None:
            self.draft_account.setCurrentIndex(max(0, self.draft_account.findData(current)))
        self._retitle_tabs()
        self.duty_summary.setText("；".join(d.title for d in overview.duties) or self.tr("还没有转发职责。"))
        levels = [c.status.level for c in overview.cadence]
        if not levels:
            self.summary.setText(
                self.tr("还没有本单位运营的账号。下一步：在“订阅源”页选中账号，右键“标记为本单位运营”。")
            )
        else:
            self.summary.setText(
                self.tr(
                    "{n} 个账号：{red} 个已超期，{yellow} 个即将超期。按自然日计算，节假日不顺延。"
                ).format(
                    n=len(levels),
                    red=levels.count(CadenceLevel.RED),
                    yellow=levels.count(CadenceLevel.YELLOW),
                )
            )
        self.note.setText(self.tr("演示数据：链接检查结果为预置记录，不访问网络。") if overview.demo else "")

    # ------------------------------------------------------------------ actions

    def _write(self, work: Callable[[], Changes], done: Callable[[], None] | None = None) -> None:
        """Run a service command and announce the ``Changes`` it returned."""

        def finished(changes: Changes) -> None:
            if done is not None:
                done()
            self._bus.announce(changes)

        self._runner.run(work, finished, write=True)

    def _show_check(self, result: CheckPass) -> None:
        """The views refresh from what the check changed; with nothing changed, this page still
        shows the standings as of now (days left move with the clock)."""
        if result.changes:
            self._bus.announce(result.changes)
        else:
            self.load()

    def run_checks(self) -> None:
        desk = self.desk

        def done(result: CheckPass) -> None:
            self._bus.status_message.emit(
                self.tr("检查完成：新建更新提醒 {a} 条，转发任务 {b} 条").format(
                    a=len(result.cadence.created), b=result.duty_tasks_created
                )
            )
            self._show_check(result)

        self._runner.run(lambda: desk.run_checks(datetime.now(UTC)), done, write=True)

    def check_links(self) -> None:
        desk = self.desk
        self.links_button.setEnabled(False)

        def done(result: CheckPass) -> None:
            self.links_button.setEnabled(True)
            run = result.links
            assert run is not None
            self._bus.status_message.emit(
                run.note or self.tr("已检查链接 {n} 个，无法打开 {b} 个").format(n=run.checked, b=run.broken)
            )
            self._show_check(result)

        def failed(exc: BaseException) -> None:
            self.links_button.setEnabled(True)
            self._runner.report_error(exc)

        self._runner.run(lambda: desk.run_checks(links=True), done, failed, write=True)

    def choose_export(self) -> None:
        period = parse_period(self.period.currentData())
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出自查报告"),
            self.tr("政务新媒体自查报告-{period}.xlsx").format(period=period.label),
            self.tr("Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)"),
        )
        if path:
            self.export(Path(path))

    def export(self, target: Path) -> None:
        desk, period = self.desk, parse_period(self.period.currentData())
        self._runner.run(
            lambda: export_self_inspection(desk, period, target),
            lambda result: self._bus.status_message.emit(
                self.tr("已导出自查报告：{path}").format(path=result[0])
            ),
        )

    def edit_settings(self) -> None:
        standing = _selected(self.cadence_table)
        if standing is None:
            return
        dialog = AccountSettingsDialog(standing.account, self)
        if dialog.exec():
            settings, accounts = dialog.settings(), self.desk.accounts
            self._write(lambda: accounts.update_settings(standing.account.source_id, settings))

    def unmark(self) -> None:
        standing = _selected(self.cadence_table)
        if standing is not None:
            accounts = self.desk.accounts
            self._write(lambda: accounts.unmark(standing.account.source_id))

    def _mark(self, source_id: str, kind: str, subject: str, key: str, item_id: str | None = None) -> None:
        wording = self.desk.wording
        self._write(lambda: wording.set_mark(source_id, kind, subject, key, item_id).changes)

    def mark_not_error(self) -> None:
        finding = _selected(self.wording_table)
        if finding is not None:
            self._mark(finding.source_id, NOT_ERROR, WORDING, finding.hit.term)

    def mark_wording_fixed(self) -> None:
        finding = _selected(self.wording_table)
        if finding is not None:
            self._mark(finding.source_id, FIXED, WORDING, finding.hit.term, finding.item_id)

    def mark_link_fixed(self) -> None:
        result = _selected(self.link_table)
        if result is not None:
            self._mark(result.source_id, FIXED, LINK, result.url)

    def add_duty(self) -> None:
        if not self._own_accounts:
            self._bus.status_message.emit(self.tr("请先把账号标记为本单位运营。"))
            return
        dialog = DutyDialog(self.desk.source_choices(), self._own_accounts, self)
        if dialog.exec():
            duties = self.desk.duties
            superior, own = dialog.superior.currentData(), dialog.own.currentData()
            words, minutes, basis = dialog.keyword_list(), dialog.minutes.value(), dialog.basis.text().strip()
            self._write(lambda: duties.create(superior, own, words, minutes, basis=basis or None).changes)

    def add_message(self) -> None:
        if not self._own_accounts:
            self._bus.status_message.emit(self.tr("请先把账号标记为本单位运营。"))
            return
        dialog = MessageDialog(self._own_accounts, self)
        if dialog.exec():
            messages = self.desk.messages
            source_id, text, sender = (
                dialog.account.currentData(),
                dialog.text.toPlainText(),
                dialog.sender_edit.text(),
            )
            received = datetime.fromtimestamp(dialog.received.dateTime().toSecsSinceEpoch(), UTC)
            self._write(lambda: messages.add(source_id, text, sender=sender, received_at=received).changes)

    def mark_replied(self) -> None:
        message = _selected(self.message_table)
        if message is not None and message.replied_at is None:
            messages = self.desk.messages
            self._write(lambda: messages.mark_replied(message.id))

    # ------------------------------------------------------------------ 发布前自查

    def check_draft(self) -> None:
        text, source_id, wording = (
            self.draft.toPlainText(),
            self.draft_account.currentData(),
            self.desk.wording,
        )
        self._runner.run(lambda: wording.check_draft(text, source_id), self.show_draft)

    def show_draft(self, result: DraftCheck) -> None:
        if result.text != self.draft.toPlainText():
            return  # edited meanwhile: the spans no longer fit
        self.draft_hits.show(result.text, result.hits)
        self._fit_draft_columns()
        selections = []
        for hit in result.hits:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(RED if hit.entry.severity == WordingSeverity.SEVERE else YELLOW)
            fmt.setForeground(QColor("#1d1d1d"))
            selection.format = fmt
            cursor = QTextCursor(self.draft.document())
            cursor.setPosition(hit.start)
            cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.draft.setExtraSelections(selections)
        exempted = self.tr("（{n} 处已标记为此处无误）").format(n=result.exempted) if result.exempted else ""
        self.draft_result.setText(
            (
                self.tr("发现 {n} 处需要核对").format(n=len(result.hits))
                if result.hits
                else self.tr("未发现错敏字")
            )
            + exempted
        )

    def _jump_to_hit(self) -> None:
        hit = _selected(self.draft_table)
        if hit is None:
            return
        cursor = self.draft.textCursor()
        cursor.setPosition(hit.start)
        cursor.setPosition(hit.end, QTextCursor.MoveMode.KeepAnchor)
        self.draft.setTextCursor(cursor)
        self.draft.setFocus()

    def mark_draft_not_error(self) -> None:
        hit, source_id = _selected(self.draft_table), self.draft_account.currentData()
        if hit is not None and source_id:
            wording = self.desk.wording
            self._write(
                lambda: wording.set_mark(source_id, NOT_ERROR, WORDING, hit.term).changes,
                self.check_draft,
            )
