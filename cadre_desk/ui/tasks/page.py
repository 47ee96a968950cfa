"""The 任务 page: quick-add, the four views, complete / log / snooze / bulk complete."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.quick_add import parse_quick_add
from cadre_desk.domain.quick_recurrence import parse_recurring
from cadre_desk.domain.recurrence import CHINA_TZ, describe
from cadre_desk.domain.task_errors import PastDueError
from cadre_desk.services.task_area import QuickAdded, TaskArea
from cadre_desk.services.tasks import TaskCounts, TaskRow, TaskView
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.service_text import service_text
from cadre_desk.ui.tasks.log_dialog import LogOperationDialog
from cadre_desk.ui.tasks.task_model import Column, TaskRole, TaskTableModel

_VIEWS = (TaskView.TODAY, TaskView.OVERDUE, TaskView.UPCOMING, TaskView.DONE)


def _next_morning(days: int, now: datetime) -> datetime:
    local = now.astimezone(CHINA_TZ)
    return datetime.combine(local.date() + timedelta(days=days), time(9, 0), tzinfo=CHINA_TZ).astimezone(UTC)


def _next_monday(now: datetime) -> datetime:
    local = now.astimezone(CHINA_TZ)
    return _next_morning(7 - local.weekday(), now)


class TasksPage(QWidget):
    status_changed = Signal(str)
    counts_changed = Signal(object)  # TaskCounts, for the tray

    def __init__(
        self, area: TaskArea, runner: BackgroundRunner, bus: DataBus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._area = area
        self._runner = runner
        self._bus = bus
        self._view = TaskView.TODAY
        self._counts: TaskCounts | None = None
        self._generation = 0

        self.quick_add = QLineEdit()
        self.quick_add.setPlaceholderText(self.tr("快速添加：例如“明天下午3点前报送安全生产月报”，回车保存"))
        self.quick_add.setClearButtonEnabled(True)
        self.quick_add.setAccessibleName(self.tr("快速添加任务"))
        self.quick_add.textChanged.connect(self._preview)
        self.quick_add.returnPressed.connect(self.submit_quick_add)
        self.preview = QLabel()
        self.preview.setObjectName("quickAddPreview")
        self.preview.setStyleSheet("#quickAddPreview { color: palette(placeholder-text); }")

        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDrawBase(False)
        for _ in _VIEWS:
            self.tabs.addTab("")
        self._label_tabs()
        self.tabs.currentChanged.connect(self._tab_changed)

        self.model = TaskTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.DUE, 150),
            (Column.KIND, 140),  # "Screenshot evidence" in English
            (Column.SOURCE, 170),
            (Column.MINUTES, 90),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setHighlightSections(False)
        self.table.setAccessibleName(self.tr("任务列表"))
        self.table.doubleClicked.connect(lambda _index: self.log_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.complete_button = QPushButton(self.tr("完成并记录…"))
        self.complete_button.setToolTip(self.tr("记录用时、备注和截图后标为完成（回车）"))
        self.complete_button.clicked.connect(self.log_current)
        self.bulk_button = QPushButton(self.tr("一键完成所选"))
        self.bulk_button.setToolTip(self.tr("按预计用时记录，所选任务全部标为完成"))
        self.bulk_button.clicked.connect(self.complete_selected)
        # Push buttons with a menu, like their neighbours: a tool button's menu arrow was drawn
        # over its text ("推迟," in the screenshots) and it sat lower than the buttons beside it.
        self.snooze_button = QPushButton(self.tr("推迟"))
        snooze_menu = QMenu(self.snooze_button)
        snooze_menu.addAction(self.tr("1 小时后"), lambda: self.snooze_selected(timedelta(hours=1)))
        snooze_menu.addAction(self.tr("明天上午 9 点"), lambda: self.snooze_selected("tomorrow"))
        snooze_menu.addAction(self.tr("下周一上午 9 点"), lambda: self.snooze_selected("monday"))
        self.snooze_button.setMenu(snooze_menu)
        self.priority_button = QPushButton(self.tr("优先级"))
        priority_menu = QMenu(self.priority_button)
        for level, text in ((0, self.tr("普通")), (1, self.tr("重要 ！")), (2, self.tr("紧急 ！！"))):
            priority_menu.addAction(text, lambda level=level: self.set_priority(level))
        self.priority_button.setMenu(priority_menu)
        self.notes_button = QPushButton(self.tr("备注…"))
        self.notes_button.clicked.connect(self.edit_notes)
        self.log_other_button = QPushButton(self.tr("记录其他操作…"))
        self.log_other_button.setToolTip(self.tr("记录不在任务列表中的转发、点赞、打卡等"))
        self.log_other_button.clicked.connect(self.log_other)

        actions = QHBoxLayout()
        for widget in (self.complete_button, self.bulk_button, self.snooze_button, self.priority_button):
            actions.addWidget(widget)
        actions.addWidget(self.notes_button)
        actions.addStretch(1)
        actions.addWidget(self.log_other_button)

        self.summary = QLabel()
        self.summary.setObjectName("taskSummary")

        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addStretch(1)
        top.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.quick_add)
        layout.addWidget(self.preview)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        complete = QAction(self.tr("完成并记录"), self)
        complete.setShortcut(QKeySequence(Qt.Key.Key_Return))
        complete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        complete.triggered.connect(self.log_current)
        self.table.addAction(complete)
        bus.changed.connect(self._data_changed)
        self._update_buttons()

    # ----------------------------------------------------------------- loading

    def load(self) -> None:
        """Generate due occurrences (a write), then show the current view."""

        def generated(created: ChangesWithCount) -> None:
            self.reload()
            self._bus.announce(created.changes)  # the tray's counts, the other pages

        self._runner.run(self._area.tasks.refresh, generated, write=True)

    def reload(self) -> None:
        view = self._view
        tasks = self._area.tasks
        self._generation += 1
        generation = self._generation

        def work() -> tuple[list[TaskRow], TaskCounts]:
            return tasks.page(view), tasks.counts()

        def show(result: tuple[list[TaskRow], TaskCounts]) -> None:
            if generation == self._generation:  # an older read finishing late must not win
                self._show(view, *result)

        self._runner.run(work, show)

    def load_now(self) -> None:
        """Synchronous load for tests and benchmarks."""
        self._show(self._view, self._area.tasks.page(self._view), self._area.tasks.counts())

    def _show(self, view: TaskView, rows: list[TaskRow], counts: TaskCounts) -> None:
        if view != self._view:
            return  # the user switched views meanwhile
        tasks = self._area.tasks
        self.model.show_view(rows, view, lambda after: tasks.page(view, after=after))
        self._counts = counts
        self._label_tabs()
        self.summary.setText(
            self.tr("今日已完成 {done} 项 · 用时 {minutes} 分钟").format(
                done=counts.done_today, minutes=f"{counts.minutes_today:g}"
            )
        )
        self.status_changed.emit(
            self.tr("今天 {today} 项待办，逾期 {overdue} 项").format(
                today=counts.today, overdue=counts.overdue
            )
        )
        self.counts_changed.emit(counts)
        self._update_buttons()

    def _label_tabs(self) -> None:
        counts = self._counts
        names = {
            TaskView.TODAY: self.tr("今天"),
            TaskView.OVERDUE: self.tr("已逾期"),
            TaskView.UPCOMING: self.tr("即将到期"),
            TaskView.DONE: self.tr("已完成"),
        }
        numbers = (
            {
                TaskView.TODAY: counts.today,
                TaskView.OVERDUE: counts.overdue,
                TaskView.UPCOMING: counts.upcoming,
            }
            if counts
            else {}
        )
        for position, view in enumerate(_VIEWS):
            number = numbers.get(view)
            self.tabs.setTabText(position, f"{names[view]} {number}" if number else names[view])

    def _tab_changed(self, position: int) -> None:
        self._view = _VIEWS[position]
        self.reload()

    def show_view(self, view: TaskView) -> None:
        self.tabs.setCurrentIndex(_VIEWS.index(view))

    def _data_changed(self, changes: Changes) -> None:
        if changes.tasks or changes.requirements or changes.operation_logs:
            self.reload()

    # ----------------------------------------------------------------- quick-add

    def _preview(self, text: str) -> None:
        if not text.strip():
            self.preview.clear()
            return
        try:
            recurring = parse_recurring(text, datetime.now(UTC))
            if recurring is not None:
                self.preview.setText(
                    self.tr("将添加重复要求：{schedule} · {title}").format(
                        schedule=service_text(describe(recurring.rrule)), title=recurring.title
                    )
                )
                return
            parsed = parse_quick_add(text, datetime.now(UTC), self._area.default_due_time())
        except CadreError:
            self.preview.setText(self.tr("请写出要做的事"))
            return
        due = parsed.due_local()
        when = due.strftime("%m月%d日 %H:%M") if due else self.tr("不限时间")
        warning = self.tr("（已过去）") if parsed.in_past else ""
        self.preview.setText(
            self.tr("将添加：{title} · 截止 {when}{warning}").format(
                title=parsed.title, when=when, warning=warning
            )
        )

    def submit_quick_add(self, allow_past: bool = False) -> None:
        text = self.quick_add.text().strip()
        if not text:
            return
        area = self._area

        def done(added: QuickAdded) -> None:
            self.quick_add.clear()
            self._bus.announce(added.changes)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, PastDueError) and not allow_past:
                answer = QMessageBox.question(
                    self, self.tr("日期已过"), service_text(exc.user_message) + "\n" + self.tr("仍要添加吗？")
                )
                if answer == QMessageBox.StandardButton.Yes:
                    self.submit_quick_add(allow_past=True)
                return
            self._explain(exc)

        self._runner.run(
            lambda: area.quick_add(text, allow_past=allow_past),
            done,
            failed,
            write=True,
        )

    # ----------------------------------------------------------------- actions

    def selected_rows(self) -> list[TaskRow]:
        rows = []
        for index in self.table.selectionModel().selectedRows():
            row = self.model.row_at(index.row())
            if row is not None:
                rows.append(row)
        return rows

    def current_row(self) -> TaskRow | None:
        index = self.table.currentIndex()
        if index.isValid():
            return index.data(TaskRole.ROW)  # type: ignore[no-any-return]
        rows = self.selected_rows()
        return rows[0] if rows else None

    def _update_buttons(self) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        open_view = self._view != TaskView.DONE
        for button in (self.complete_button, self.bulk_button, self.snooze_button, self.priority_button):
            button.setEnabled(has and open_view)
        self.notes_button.setEnabled(has)

    def open_log_dialog(self, row: TaskRow | None) -> LogOperationDialog:
        dialog = LogOperationDialog(
            self,
            title=row.title if row else "",
            operation_kind=row.operation_kind or "other" if row else "other",
            expected_minutes=row.expected_minutes if row else None,
            task_id=row.id if row else None,
            requirement_id=row.requirement_id if row else None,
            source_id=row.source_id if row else None,
        )
        dialog.accepted.connect(lambda: self._save_log(row, dialog))
        dialog.open()
        return dialog

    def log_current(self) -> None:
        row = self.current_row()
        if row is not None and row.status == "open":
            self.open_log_dialog(row)

    def log_other(self) -> None:
        self.open_log_dialog(None)

    def _save_log(self, row: TaskRow | None, dialog: LogOperationDialog) -> None:
        draft = dialog.draft()
        area = self._area
        work: Any
        if row is not None:
            work = lambda: area.tasks.complete_with_log(row.id, draft)  # noqa: E731
        else:
            work = lambda: area.oplog.record(draft)  # noqa: E731
        self._runner.run(
            work,
            lambda done: self._bus.announce(done.changes),
            self._explain,
            write=True,
        )

    def complete_selected(self) -> None:
        ids = [row.id for row in self.selected_rows() if row.status == "open"]
        if not ids:
            return
        tasks = self._area.tasks
        self.model.remove_ids(set(ids))
        self._runner.run(
            lambda: tasks.complete_many(ids),
            lambda done: (
                self._bus.status_message.emit(self.tr("已完成 {n} 项并记录用时").format(n=done.count)),
                self._bus.announce(done.changes),
            ),
            self._explain,
            write=True,
        )

    def snooze_selected(self, how: timedelta | str) -> None:
        ids = [row.id for row in self.selected_rows()]
        if not ids:
            return
        now = datetime.now(UTC)
        if isinstance(how, timedelta):
            until = now + how
        elif how == "tomorrow":
            until = _next_morning(1, now)
        else:
            until = _next_monday(now)
        tasks = self._area.tasks
        self._runner.run(
            lambda: tasks.snooze(ids, until),
            self._bus.announce,
            self._explain,
            write=True,
        )

    def set_priority(self, level: int) -> None:
        ids = [row.id for row in self.selected_rows()]
        tasks = self._area.tasks

        def work() -> Changes:
            changes = NOTHING
            for task_id in ids:
                changes |= tasks.set_priority(task_id, level)
            return changes

        self._runner.run(work, self._bus.announce, self._explain, write=True)

    def edit_notes(self) -> None:
        row = self.current_row()
        if row is None:
            return
        current = self._area.tasks.notes(row.id)
        text, ok = QInputDialog.getMultiLineText(self, self.tr("任务备注"), row.title, current)
        if ok:
            tasks = self._area.tasks
            self._runner.run(
                lambda: tasks.set_notes(row.id, text),
                self._bus.announce,
                self._explain,
                write=True,
            )

    def _explain(self, exc: BaseException) -> None:
        if isinstance(exc, CadreError):
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("无法完成"), service_text(exc.user_message), parent=self
            )
            if exc.next_step:
                box.setInformativeText(service_text(exc.next_step))
            box.open()
            return
        # Unexpected: the runner's default handler shows the crash dialog and logs it.
        self._runner._default_error(exc)
