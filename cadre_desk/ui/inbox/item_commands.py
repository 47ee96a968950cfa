"""What the cadre does with the item in the reader besides reading it: make a task from it, log
an operation on it, open the original; and the rules dialog. Dialogs on the GUI thread, writes
in the background, the outcome in the status bar and on the bus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.inbox import ItemDetail
from cadre_desk.services.item_actions import ItemActions
from cadre_desk.services.rules import RulesService
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.bus import DataBus
from cadre_desk.ui.inbox.item_dialogs import LogOperationDialog, MakeTaskDialog


class ItemCommands(QObject):
    def __init__(
        self,
        actions: ItemActions,
        rules: RulesService,
        runner: BackgroundRunner,
        bus: DataBus,
        current: Callable[[], ItemDetail | None],
        parent: QWidget,
    ) -> None:
        """``current()``: the item shown in the reader, if any."""
        super().__init__(parent)
        self._actions = actions
        self._rules = rules
        self._runner = runner
        self._bus = bus
        self._current = current
        self._parent = parent

    def make_task(self) -> None:
        detail = self._current()
        if detail is None:
            return
        dialog = MakeTaskDialog(detail.title, self._parent)
        if dialog.exec() != MakeTaskDialog.DialogCode.Accepted:
            return
        title, due, priority = dialog.title.text(), dialog.due_at(), int(dialog.priority.currentData())
        notes = dialog.notes.toPlainText() or None
        actions, item_id = self._actions, detail.id
        self._runner.run(
            lambda: actions.make_task(item_id, title, due, priority, notes),
            lambda made: self._done(self.tr("已创建任务：{title}").format(title=title), made.changes),
            self.failed,
            write=True,
        )

    def log_operation(self) -> None:
        detail = self._current()
        if detail is None:
            return
        dialog = LogOperationDialog(detail.title, self._parent)
        if dialog.exec() != LogOperationDialog.DialogCode.Accepted:
            return
        kind, minutes, note = dialog.operation(), dialog.minutes.value(), dialog.note.text()
        actions, item_id = self._actions, detail.id
        self._runner.run(
            lambda: actions.log_operation(item_id, kind, minutes, note),
            lambda logged: self._done(
                self.tr("已记录操作（{m} 分钟）").format(m=f"{minutes:.0f}"), logged.changes
            ),
            self.failed,
            write=True,
        )

    def open_original(self) -> None:
        detail = self._current()
        if detail is not None and detail.url:
            QDesktopServices.openUrl(QUrl(detail.url))

    def open_rules(self) -> None:
        from cadre_desk.ui.inbox.rules_dialog import RulesDialog

        dialog = RulesDialog(self._rules, self._runner, self._parent)
        dialog.rules_changed.connect(self._bus.announce)
        dialog.exec()

    def _done(self, message: str, changes: Changes) -> None:
        self._bus.status_message.emit(message)
        self._bus.announce(changes)

    def failed(self, exc: BaseException) -> None:
        """An expected failure as a message with its next step; anything else goes on up."""
        if isinstance(exc, CadreError):
            QMessageBox.warning(
                self._parent, self.tr("未完成"), f"{exc.user_message}\n{exc.next_step}".strip()
            )
        else:
            raise exc
