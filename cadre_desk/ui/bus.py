"""The single "data changed" signal views listen to (Anki's "what changed" announcements)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cadre_desk.domain.changes import Changes


class DataBus(QObject):
    """Emit ``changed`` with one ``Changes`` value saying what a command changed.

    Writers announce; views refresh what they show when a field they display is set.
    """

    changed = Signal(object)  # Changes
    status_message = Signal(str)  # a short line for the status bar

    def announce(self, changes: Changes) -> None:
        if changes:  # nothing changed: no view needs to look
            self.changed.emit(changes)
