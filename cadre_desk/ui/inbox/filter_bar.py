"""The filters above the inbox list (unread, starred, with a task, folded, period, sort) and
"mark all read" with its undo button. It knows nothing of the page: it is given what to call
when a filter changes and when a button is pressed, and says which filter it shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QPushButton, QWidget

from cadre_desk.services.inbox import InboxFilter
from cadre_desk.ui.flow_layout import FlowLayout
from cadre_desk.ui.inbox.item_dialogs import date_range

PERIODS = (
    ("all", QT_TRANSLATE_NOOP("FilterBar", "全部时间")),
    ("today", QT_TRANSLATE_NOOP("FilterBar", "今天")),
    ("week", QT_TRANSLATE_NOOP("FilterBar", "最近 7 天")),
    ("month", QT_TRANSLATE_NOOP("FilterBar", "最近 30 天")),
    ("older", QT_TRANSLATE_NOOP("FilterBar", "30 天以前")),
)


class FilterBar(QWidget):
    def __init__(
        self,
        on_change: Callable[[], None],
        on_mark_all: Callable[[], None],
        on_undo: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.unread_only = QCheckBox(self.tr("只看未读"))
        self.starred_only = QCheckBox(self.tr("星标"))
        self.has_task = QCheckBox(self.tr("有任务"))
        self.fold = QCheckBox(self.tr("折叠重复"))
        self.fold.setChecked(True)
        self.fold.setToolTip(self.tr("同一通知被多个账号转发时只显示一行"))
        self.period = QComboBox()
        for key, text in PERIODS:
            self.period.addItem(QCoreApplication.translate("FilterBar", text), key)
        self.period.setAccessibleName(self.tr("时间范围"))
        self.sort = QComboBox()
        self.sort.addItem(self.tr("按时间"), "time")
        self.sort.addItem(self.tr("按来源"), "source")
        self.sort.setAccessibleName(self.tr("排序"))
        self.mark_all = QPushButton(self.tr("全部已读"))
        self.mark_all.setToolTip(self.tr("把当前视图中的未读消息全部标为已读（Shift+A，可撤销）"))
        self.undo_button = QPushButton(self.tr("撤销"))
        self.undo_button.setVisible(False)

        for box in (self.unread_only, self.starred_only, self.has_task, self.fold):
            box.toggled.connect(lambda _on: on_change())
        for combo in (self.period, self.sort):
            combo.currentIndexChanged.connect(lambda _i: on_change())
        self.mark_all.clicked.connect(lambda: on_mark_all())
        self.undo_button.clicked.connect(lambda: on_undo())

        # The filters wrap onto more lines when the column is narrow (English labels at 1280 px):
        # in one row they made the column so wide that the reader was left with its minimum.
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.unread_only,
            self.starred_only,
            self.has_task,
            self.fold,
            self.period,
            self.sort,
            self.mark_all,
            self.undo_button,
        ):
            layout.addWidget(widget)

    def view_filter(self, source_ids: tuple[str, ...]) -> InboxFilter:
        """The filter these controls describe, over ``source_ids`` (empty: every source)."""
        start, end = date_range(str(self.period.currentData()))
        return InboxFilter(
            source_ids=source_ids,
            unread_only=self.unread_only.isChecked(),
            starred_only=self.starred_only.isChecked(),
            has_task=self.has_task.isChecked(),
            fold_duplicates=self.fold.isChecked(),
            date_from=start,
            date_to=end,
            sort=str(self.sort.currentData()),
        )

    def marking_all(self) -> None:
        """ "Mark all read" is on its way: no second press meanwhile."""
        self.mark_all.setEnabled(False)

    def marked_all(self, count: int) -> None:
        """It is done: ``count`` items changed, which the undo button offers to restore."""
        self.mark_all.setEnabled(True)
        self.undo_button.setText(self.tr("撤销（{n} 条）").format(n=count))
        self.undo_button.setVisible(count > 0)

    def withdraw_undo(self) -> None:
        self.undo_button.setVisible(False)
