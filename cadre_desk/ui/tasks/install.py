"""Wires the task area into the main window: pages, tray, reminders (called from app.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTableView

from cadre_desk.domain.changes import NOTHING, ChangesWithCount
from cadre_desk.platform.notifier import Notifier
from cadre_desk.services.task_area import TaskArea
from cadre_desk.services.tasks import TaskRow
from cadre_desk.ui.main_window import MainWindow
from cadre_desk.ui.tasks.burden_page import BurdenPage
from cadre_desk.ui.tasks.page import TasksPage
from cadre_desk.ui.tasks.requirements_page import RequirementsPage
from cadre_desk.ui.tray import TrayController


@dataclass
class TaskScreens:
    area: TaskArea
    tasks: TasksPage
    requirements: RequirementsPage
    burden: BurdenPage
    tray: TrayController


def install_task_area(window: MainWindow, area: TaskArea, *, start_tray: bool = True) -> TaskScreens:
    runner, bus = window.runner, window.bus
    tasks = TasksPage(area, runner, bus)
    requirements = RequirementsPage(area, runner, bus)
    burden = BurdenPage(area, runner, bus)
    window.add_page("tasks", QCoreApplication.translate("MainWindow", "任务"), tasks)
    window.add_page("requirements", QCoreApplication.translate("MainWindow", "要求"), requirements)
    window.add_page("burden", QCoreApplication.translate("MainWindow", "减负台账"), burden)

    tray = TrayController(area, runner, bus, Notifier(), window)

    def open_log(row: TaskRow | None) -> None:
        window.show_page("tasks")
        window.showNormal()
        window.raise_()
        window.activateWindow()
        tasks.open_log_dialog(row)

    def show_window() -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()

    tray.log_requested.connect(open_log)
    tray.show_requested.connect(show_window)
    tasks.counts_changed.connect(tray.set_counts)
    attach_item_to_task_action(window, area)
    tasks.load()
    requirements.load()
    burden.load()
    if start_tray:
        tray.start()
    return TaskScreens(area, tasks, requirements, burden, tray)


def attach_item_to_task_action(window: MainWindow, area: TaskArea) -> QAction | None:
    """One key in the inbox (Shift+T): the selected items become tasks linked to them, at once.
    (T is the inbox's own 建任务, with a dialog: two actions on one key made both dead.)"""
    try:
        inbox = window.page("inbox")
    except KeyError:
        return None
    item_list = getattr(inbox, "list", None)
    if not isinstance(item_list, QTableView):
        return None
    action = QAction(QCoreApplication.translate("MainWindow", "转为任务"), inbox)
    action.setShortcut(QKeySequence("Shift+T"))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setObjectName("action:item-to-task")

    def make_tasks() -> None:
        from cadre_desk.ui.inbox.item_list_model import ItemRole

        ids = [index.data(ItemRole.ID) for index in item_list.selectionModel().selectedRows()]
        ids = [item_id for item_id in ids if item_id]
        if not ids:
            return
        tasks = area.tasks

        def work() -> ChangesWithCount:
            changes = NOTHING
            for item_id in ids:
                changes |= tasks.create_from_item(item_id).changes
            return ChangesWithCount(len(ids), changes)

        def done(made: ChangesWithCount) -> None:
            window.bus.status_message.emit(
                QCoreApplication.translate("MainWindow", "已把 {n} 条消息转为任务").format(n=made.count)
            )
            window.bus.announce(made.changes)

        window.runner.run(work, done, write=True)

    action.triggered.connect(make_tasks)
    inbox.addAction(action)
    return action
