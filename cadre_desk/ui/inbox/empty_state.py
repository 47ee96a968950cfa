"""What an empty inbox offers: ways to get sources instead of an empty list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyInbox(QWidget):
    """Shown in place of the item list while no followed source has any item."""

    add_source = Signal()
    import_opml = Signal()
    choose_from_catalogue = Signal()
    open_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyInbox")
        self.heading = QLabel(self.tr("<b>收件箱还是空的</b>"))
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        self.buttons: list[QPushButton] = []
        for text, signal in (
            (self.tr("添加订阅源…"), self.add_source),
            (self.tr("导入 OPML…"), self.import_opml),
            (self.tr("从目录选择…"), self.choose_from_catalogue),
            (self.tr("打开演示数据"), self.open_demo),
        ):
            button = QPushButton(text)
            button.setMinimumWidth(220)
            button.clicked.connect(signal.emit)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.buttons.append(button)
        layout.addStretch(2)
        self.set_has_sources(False)

    def set_has_sources(self, has_sources: bool) -> None:
        self.explain.setText(
            self.tr("已添加的订阅源还没有取回内容：可在“订阅源”页刷新，或再添加一些。")
            if has_sources
            else self.tr("添加要关注的公众号、门户栏目和邮箱，它们的新消息会汇集到这里。")
        )
