"""System tray: today's count, a menu of due tasks, reminders.

From a reminder to a logged check-in takes at most two actions:
* click the reminder (notification or tray balloon) → the log dialog opens prefilled → 保存记录;
* or open the tray menu → click a task: it is completed and logged with its expected minutes.

Notifications go through ``platform.notifier`` (plyer); when plyer has no backend the tray
balloon (``QSystemTrayIcon.showMessage``) is the visible fallback.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QSystemTrayIcon

from cadre_desk.domain.changes import Changes
from cadre_desk.platform.notifier import Notifier
from cadre_desk.services.reminders import Reminder
from cadre_desk.services.task_area import TaskArea
from cadre_desk.services.tasks import TaskCounts, TaskRow, TaskView
from cadre_desk.ui.background import BackgroundRunner, NewestOnly
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.theme import app_icon

log = logging.getLogger(__name__)

MENU_TASKS = 8
CHECK_INTERVAL_MS = 60_000


class TrayController(QObject):
    """Owns the tray icon, its menu and the reminder timer."""

    log_requested = Signal(object)  # TaskRow: open the log dialog for it
    show_requested = Signal()
    reminders_shown = Signal(object)  # list[Reminder]

    def __init__(
        self,
        area: TaskArea,
        runner: BackgroundRunner,
        bus: DataBus,
        notifier: Notifier,
        window: QMainWindow | None = None,
    ) -> None:
        super().__init__(window)
        self._area = area
        self._runner = runner
        self._reads = NewestOnly()  # a refresh finishing late must not show older tasks
        self._bus = bus
        self._window = window
        self.notifier = notifier
        self.started_at = datetime.now(UTC)
        self._due_rows: list[TaskRow] = []
        self._last_reminded: str | None = None

        self.icon = QSystemTrayIcon(app_icon(), self)
        self.menu = QMenu()
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._message_clicked)
        notifier.set_fallback(self._balloon)
        self.set_counts(None)
        self._build_menu()

        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_reminders)
        bus.changed.connect(self._data_changed)

    def _data_changed(self, changes: Changes) -> None:
        if changes.tasks:
            self.refresh()

    def start(self) -> None:
        """Show the icon, load the menu, report reminders missed while closed, start the timer."""
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon.show()
        self.refresh()
        self.check_reminders()
        self.timer.start()

    # ----------------------------------------------------------------- counts & menu

    def set_counts(self, counts: TaskCounts | None) -> None:
        if counts is None:
            self.icon.setToolTip("cadre_desk")
            return
        self.icon.setToolTip(
            self.tr("cadre_desk：今天 {today} 项待办，逾期 {overdue} 项，今日已用 {minutes} 分钟").format(
                today=counts.today, overdue=counts.overdue, minutes=f"{counts.minutes_today:g}"
            )
        )
        self._header.setText(
            self.tr("今天 {today} 项 · 逾期 {overdue} 项").format(today=counts.today, overdue=counts.overdue)
        )

    def refresh(self) -> None:
        tasks = self._area.tasks

        def work() -> tuple[list[TaskRow], TaskCounts]:
            rows = tasks.page(TaskView.OVERDUE, limit=MENU_TASKS) + tasks.page(
                TaskView.TODAY, limit=MENU_TASKS
            )
            return rows[:MENU_TASKS], tasks.counts()

        shown, failed = self._reads.wrap(lambda result: self.show_rows(*result), self._runner.report_error)
        self._runner.run(work, shown, failed)

    def show_rows(self, rows: list[TaskRow], counts: TaskCounts) -> None:
        self._due_rows = rows
        self._build_menu()
        self.set_counts(counts)

    def _build_menu(self) -> None:
        self.menu.clear()
        self._header = QAction(self.tr("今天的任务"), self.menu)
        self._header.setEnabled(False)
        self.menu.addAction(self._header)
        self.menu.addSeparator()
        self.task_actions: list[QAction] = []
        for row in self._due_rows:
            minutes = f"{row.expected_minutes:g}" if row.expected_minutes else "0"
            action = QAction(
                self.tr("完成：{title}（记 {minutes} 分钟）").format(title=row.title, minutes=minutes),
                self.menu,
            )
            action.triggered.connect(lambda _checked=False, row=row: self.complete(row))
            self.menu.addAction(action)
            self.task_actions.append(action)
        if not self._due_rows:
            empty = QAction(self.tr("今天没有待办"), self.menu)
            empty.setEnabled(False)
            self.menu.addAction(empty)
        self.menu.addSeparator()
        self.log_action = QAction(self.tr("记录操作…"), self.menu)
        self.log_action.triggered.connect(lambda: self.log_requested.emit(None))
        self.menu.addAction(self.log_action)
        self.open_action = QAction(self.tr("打开主窗口"), self.menu)
        self.open_action.triggered.connect(self.show_requested.emit)
        self.menu.addAction(self.open_action)
        if self._window is not None:
            quit_action = QAction(self.tr("退出"), self.menu)
            quit_action.triggered.connect(self._window.close)
            self.menu.addAction(quit_action)

    def complete(self, row: TaskRow) -> None:
        """One click in the tray menu: done, and logged with the expected minutes."""
        tasks = self._area.tasks
        self._runner.run(
            lambda: tasks.complete(row.id, note="托盘一键完成"),
            lambda done: (
                self._bus.status_message.emit(self.tr("已完成并记录：{title}").format(title=row.title)),
                self._bus.announce(done.changes),
            ),
            write=True,
        )

    # ----------------------------------------------------------------- reminders

    def check_reminders(self) -> None:
        reminders = self._area.reminders
        started = self.started_at
        notifier = self.notifier

        def work() -> list[Reminder]:
            found = reminders.check(datetime.now(UTC), session_started=started)
            if found:
                notifier.prepare()  # its imports here, not on the GUI thread when it shows them
            return found

        self._runner.run(work, self.show_reminders)

    def show_reminders(self, found: list[Reminder]) -> None:
        if not found:
            return
        missed = [r for r in found if r.missed]
        due = [r for r in found if not r.missed]
        if missed:
            titles = "、".join(r.title for r in missed[:3]) + ("…" if len(missed) > 3 else "")
            self.notifier.notify(
                self.tr("错过的提醒（{n} 条）").format(n=len(missed)),
                self.tr("程序关闭期间到期：{titles}。点击记录完成情况。").format(titles=titles),
            )
        for reminder in due[:5]:  # a burst after sleep stays readable
            due_text = reminder.due_at.astimezone().strftime("%H:%M") if reminder.due_at else ""
            self.notifier.notify(
                self.tr("任务提醒"),
                self.tr("{title}　{due} 截止。点击记录。").format(title=reminder.title, due=due_text),
            )
        self._last_reminded = (due or missed)[-1].task_id
        self.reminders_shown.emit(found)

    def _balloon(self, title: str, message: str) -> None:
        if not self.icon.isVisible() and QSystemTrayIcon.isSystemTrayAvailable():
            self.icon.show()
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, 15_000)
        self._bus.status_message.emit(f"{title}：{message}")  # visible even without a tray

    def _message_clicked(self) -> None:
        """Action one: the reminder was clicked → the prefilled log dialog (action two: 保存)."""
        if self._last_reminded is None:
            self.show_requested.emit()
            return
        tasks, task_id = self._area.tasks, self._last_reminded
        self._runner.run(
            lambda: tasks.get(task_id), self.log_requested.emit, lambda _exc: self.show_requested.emit()
        )

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_requested.emit()
