"""Pages with word-wrapped labels that keep their full height inside tab widgets and dialogs."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget


class WrappingPage(QWidget):
    """A page whose minimum height follows its layout's height for the current width.

    Qt does not pass a page's height-for-width (wrapped labels) through a ``QTabWidget`` or up
    to a top-level dialog's minimum size, so the dialog opened too short and squashed the
    page's buttons into thin lines. Pinning the minimum height on each resize makes the
    dialog grow instead.
    """

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height(event.size().width())

    def fit_height(self, width: int) -> None:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(width)
        if needed > self.minimumHeight() or needed < self.minimumHeight() - 40:
            self.setMinimumHeight(needed)
