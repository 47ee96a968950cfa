"""Table models of the 我运营的账号 page: each shows the cells ``services.own.rows`` defines
(the command line prints the same), plus colours and tooltips."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from cadre_desk.domain.own_cadence import CadenceLevel
from cadre_desk.domain.own_messages import MessageState
from cadre_desk.domain.own_wording import WordingHit, WordingSeverity
from cadre_desk.services.own import rows
from cadre_desk.services.own.accounts import AccountCadence
from cadre_desk.services.own.checks import WordingFinding
from cadre_desk.services.own.duties import DutyState, DutyTaskView
from cadre_desk.services.own.links import LinkResult
from cadre_desk.services.own.messages import MessageView
from cadre_desk.ui.i18n import current_language
from cadre_desk.ui.row_table_model import Index, RowTableModel

RowT = TypeVar("RowT")

GREEN = QColor("#d7f0d8")
YELLOW = QColor("#fbeab0")
RED = QColor("#f6c9c9")
TEXT = QColor("#1d1d1d")
LEVEL_COLOURS = {CadenceLevel.GREEN: GREEN, CadenceLevel.YELLOW: YELLOW, CadenceLevel.RED: RED}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object behind a cell


class CellsModel(RowTableModel[RowT], Generic[RowT]):
    """Rows rendered by a ``services.own.rows`` cell function in the interface language."""

    def __init__(
        self,
        headers: tuple[Sequence[str], Sequence[str]],
        cells: Callable[[RowT, str], list[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(len(headers[0]), parent)
        self._headers = headers
        self._cells = cells
        self._cache: dict[int, list[str]] = {}

    def set_rows(self, new_rows: Sequence[RowT]) -> None:  # type: ignore[override]
        self._cache.clear()
        super().set_rows(new_rows)

    def header(self, section: int) -> str:
        return rows.headers(*self._headers, current_language())[section]

    def cells_of(self, row: int) -> list[str]:
        if row not in self._cache:
            item = self.row_at(row)
            self._cache[row] = self._cells(item, current_language()) if item is not None else []
        return self._cache[row]

    def colour(self, item: RowT, column: int) -> QColor | None:
        return None

    def tooltip(self, item: RowT, column: int) -> str | None:
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.row_for(index)
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            cells = self.cells_of(index.row())
            return cells[index.column()] if index.column() < len(cells) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.colour(item, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return TEXT if self.colour(item, index.column()) is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tooltip(item, index.column())
            if tip is not None:
                return tip
            cells = self.cells_of(index.row())
            text = cells[index.column()] if index.column() < len(cells) else ""
            return text if len(text) > 24 else None
        if role == ROW_ROLE:
            return item
        return None


class CadenceModel(CellsModel[AccountCadence]):
    STATUS_COLUMN = 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(rows.CADENCE_HEADERS, rows.cadence_cells, parent)

    def colour(self, item: AccountCadence, column: int) -> QColor | None:
        if column in (6, self.STATUS_COLUMN):
            return LEVEL_COLOURS[item.status.level]
        return None

    def tooltip(self, item: AccountCadence, column: int) -> str | None:
        if column in (1, 2):
            return f"{item.status.rule.describe(current_language())}\n{item.status.rule.citation}"
        return None


class WordingModel(CellsModel[WordingFinding]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(rows.WORDING_HEADERS, rows.wording_cells, parent)

    def colour(self, item: WordingFinding, column: int) -> QColor | None:
        if column == 6 and not item.fixed:
            return RED if item.hit.entry.severity == WordingSeverity.SEVERE else YELLOW
        return GREEN if column == 8 and item.fixed else None

    def tooltip(self, item: WordingFinding, column: int) -> str | None:
        return str(item.hit.entry.source) if column == 7 else None


class DraftModel(RowTableModel[WordingHit]):
    """Hits in the pasted draft (the text is needed for line numbers and context)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(rows.DRAFT_HEADERS[0]), parent)
        self.text = ""

    def show(self, text: str, hits: Sequence[WordingHit]) -> None:
        self.text = text
        self.set_rows(hits)

    def header(self, section: int) -> str:
        return rows.headers(*rows.DRAFT_HEADERS, current_language())[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        hit = self.row_for(index)
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return rows.draft_cells(hit, self.text, current_language())[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 4:
            return RED if hit.entry.severity == WordingSeverity.SEVERE else YELLOW
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4:
            return TEXT
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (5, 6):
            return rows.draft_cells(hit, self.text, current_language())[index.column()]
        if role == ROW_ROLE:
            return hit
        return None


class LinkModel(CellsModel[LinkResult]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(rows.LINK_HEADERS, rows.link_cells, parent)

    def colour(self, item: LinkResult, column: int) -> QColor | None:
        return (GREEN if item.ok else RED) if column == 4 else None


class DutyModel(CellsModel[DutyTaskView]):
    _COLOURS = {
        DutyState.PENDING: YELLOW,
        DutyState.MISSED: RED,
        DutyState.LATE: RED,
        DutyState.ON_TIME: GREEN,
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(rows.DUTY_HEADERS, rows.duty_cells, parent)

    def colour(self, item: DutyTaskView, column: int) -> QColor | None:
        return self._COLOURS[item.state] if column == 4 else None


class MessageModel(CellsModel[MessageView]):
    _COLOURS = {
        MessageState.PENDING: YELLOW,
        MessageState.OVERDUE: RED,
        MessageState.REPLIED_LATE: YELLOW,
        MessageState.REPLIED: GREEN,
    }

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(rows.MESSAGE_HEADERS, rows.message_cells, parent)

    def colour(self, item: MessageView, column: int) -> QColor | None:
        return self._COLOURS[item.state] if column == 5 else None
