"""Above the reader: the item's buttons (star, make task, log an operation, open the original)
and the line naming who else published it ("同时发布：…", with a link to compare copies that
differ). Given what each button and link does; told which item is shown."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from cadre_desk.services.folding import GroupMember
from cadre_desk.services.inbox import ItemDetail
from cadre_desk.ui.flow_layout import FlowLayout
from cadre_desk.ui.inbox.item_list_model import short_time

COMPARE_LINK = "compare:"  # the link that shows how a group's copies differ
SHOWN_MEMBERS = 12


class ReaderToolbar(QWidget):
    def __init__(
        self,
        *,
        on_star: Callable[[], None],
        on_task: Callable[[], None],
        on_log: Callable[[], None],
        on_open_original: Callable[[], None],
        on_member: Callable[[str], None],
        on_compare: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_member = on_member
        self._on_compare = on_compare
        self.star_button = QToolButton()
        self.task_button = QToolButton()
        self.log_button = QToolButton()
        self.open_button = QToolButton()
        for button, text, slot in (
            (self.star_button, self.tr("☆ 星标"), on_star),
            (self.task_button, self.tr("建任务"), on_task),
            (self.log_button, self.tr("记录操作"), on_log),
            (self.open_button, self.tr("打开原文"), on_open_original),
        ):
            button.setText(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
        self.also = QLabel()
        self.also.setWordWrap(True)
        self.also.setTextFormat(Qt.TextFormat.RichText)
        self.also.linkActivated.connect(self._link)
        self.also.setStyleSheet("color: palette(placeholder-text); padding: 2px 8px;")
        self.also.setVisible(False)
        # The buttons wrap onto a second line when the reader pane is narrow (English labels,
        # a 1280-px screen): in a tool bar, 记录操作 and 打开原文 hid behind its » menu.
        buttons = QWidget()
        buttons.setObjectName("readerToolbar")
        buttons_layout = FlowLayout(buttons, spacing=2)
        buttons_layout.setContentsMargins(8, 2, 8, 0)
        for button in self.buttons():
            buttons_layout.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(buttons)
        layout.addWidget(self.also)
        self.clear()

    def buttons(self) -> tuple[QToolButton, ...]:
        return (self.star_button, self.task_button, self.log_button, self.open_button)

    def clear(self) -> None:
        """No item shown: nothing to act on."""
        for button in self.buttons():
            button.setEnabled(False)
        self.also.setVisible(False)

    def show_item(self, detail: ItemDetail) -> None:
        for button in self.buttons():
            button.setEnabled(True)
        self.open_button.setEnabled(bool(detail.url))
        self.show_starred(detail.is_starred)
        self.also.setVisible(False)  # until its group has loaded (show_group)

    def show_starred(self, starred: bool) -> None:
        self.star_button.setText(self.tr("★ 已加星") if starred else self.tr("☆ 星标"))

    def show_group(self, item_id: str, members: Sequence[GroupMember], differs: bool) -> None:
        """Name the other members of ``item_id``'s group, with a comparison link if they differ."""
        others = [m for m in members if m.item_id != item_id]
        if not others:
            self.also.setVisible(False)
            return
        links = "、".join(
            f'<a href="{m.item_id}">{html.escape(m.source_name)}</a> {short_time(m.published_at)}'
            for m in others[:SHOWN_MEMBERS]
        )
        more = self.tr(" 等 {n} 条").format(n=len(others)) if len(others) > SHOWN_MEMBERS else ""
        if differs:  # the copies differ beyond repost furniture: offer the comparison
            compare = html.escape(self.tr("内容有差异，查看对比"))
            more += f' · <a href="{COMPARE_LINK}">{compare}</a>'
        self.also.setText(self.tr("同时发布：") + links + more)
        self.also.setVisible(True)

    def _link(self, target: str) -> None:
        if target == COMPARE_LINK:
            self._on_compare()
        else:
            self._on_member(target)
