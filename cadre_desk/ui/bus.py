"""The single "data changed" signal views listen to (Anki's "what changed" announcements)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataBus(QObject):
    """Emit ``changed`` with the set of entity names that changed (``{"items", "sources"}``).

    Writers announce; views refresh what they show when an entity they display is named.
    """

    changed = Signal(object)  # frozenset[str]
    status_message = Signal(str)  # a short line for the status bar

    def announce(self, *entities: str) -> None:
        self.changed.emit(frozenset(entities))
