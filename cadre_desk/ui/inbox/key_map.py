"""A screen's keys as one table: key → (title, callback). Each becomes an action on the widget,
active while the focus is inside it, so the keys work from the list, the results and the
reader alike and appear (with their titles) wherever actions are listed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class KeyBinding:
    key: str  # as QKeySequence reads it: "J", "Shift+A", "Alt+1"
    title: str  # translated, for people
    run: Callable[[], None]


class KeyMap:
    def __init__(self, widget: QWidget, bindings: Iterable[KeyBinding]) -> None:
        self.actions: dict[str, QAction] = {}
        for binding in bindings:
            if binding.key in self.actions:
                raise ValueError(f"key {binding.key} bound twice")
            action = QAction(binding.title, widget)
            action.setShortcut(QKeySequence(binding.key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, run=binding.run: run())
            widget.addAction(action)
            self.actions[binding.key] = action

    def keys(self) -> list[str]:
        return list(self.actions)
