"""Search results (highlighted) and saved searches (smart folders) as Qt models."""

from __future__ import annotations

import html
from dataclasses import replace
from enum import IntEnum

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from cadre_desk.domain.search_query import Segment
from cadre_desk.services.search import SavedSearchRow, SearchHit, SearchResult
from cadre_desk.ui.inbox.item_list_model import ItemRole, short_time
from cadre_desk.ui.row_table_model import Index, RowTableModel


class SearchColumn(IntEnum):
    TITLE = 0
    SOURCE = 1
    PUBLISHED = 2


class SearchRole(IntEnum):
    HTML = Qt.ItemDataRole.UserRole + 20  # title and snippet, matches in <b>


_HEADERS = {
    SearchColumn.TITLE: QT_TRANSLATE_NOOP("SearchResultsModel", "标题与摘要"),
    SearchColumn.SOURCE: QT_TRANSLATE_NOOP("SearchResultsModel", "来源"),
    SearchColumn.PUBLISHED: QT_TRANSLATE_NOOP("SearchResultsModel", "时间"),
}


def segments_html(segments: tuple[Segment, ...], mark: str = "#fde68a") -> str:
    return "".join(
        f'<span style="background:{mark}">{html.escape(text)}</span>' if matched else html.escape(text)
        for text, matched in segments
    )


class SearchResultsModel(RowTableModel[SearchHit]):
    """A finished search's hits (at most a few hundred: no paging needed)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(len(SearchColumn), parent)
        self._html: list[str] = []
        self.result: SearchResult | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_result(self, result: SearchResult | None) -> None:
        self.result = result
        hits = list(result.hits) if result else []
        self._html = [self._render(hit) for hit in hits]
        self.set_rows(hits)

    @staticmethod
    def _render(hit: SearchHit) -> str:
        weight = "400" if hit.is_read else "700"
        star = "★ " if hit.is_starred else ""
        return (
            f'<div style="font-weight:{weight}">{star}{segments_html(hit.title_segments)}</div>'
            f'<div style="color:#6b7280">{segments_html(hit.snippet_segments)}</div>'
        )

    def mark_read(self, item_id: str, read: bool = True) -> None:
        for row, hit in enumerate(self._rows):
            if hit.item_id == item_id and hit.is_read != read:
                self._rows[row] = replace(hit, is_read=read)
                self._html[row] = self._render(self._rows[row])
                self.refresh_row(row)

    def header(self, section: int) -> str:
        return QCoreApplication.translate("SearchResultsModel", _HEADERS[SearchColumn(section)])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        hit = self.row_for(index)
        if hit is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SearchColumn.TITLE:
                return hit.title
            if column == SearchColumn.SOURCE:
                return hit.source_name
            if column == SearchColumn.PUBLISHED:
                return short_time(hit.published_at)
            return None
        if role == SearchRole.HTML and column == SearchColumn.TITLE:
            return self._html[index.row()]
        if role == Qt.ItemDataRole.FontRole and column != SearchColumn.TITLE:
            return None if hit.is_read else self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column == SearchColumn.TITLE:
            return hit.title
        if role == ItemRole.ID:
            return hit.item_id
        if role == ItemRole.IS_READ:
            return hit.is_read
        if role == ItemRole.IS_STARRED:
            return hit.is_starred
        if role == ItemRole.SOURCE_ID:
            return hit.source_id
        return None


class HighlightDelegate(QStyledItemDelegate):
    """Paints the ``SearchRole.HTML`` of a cell (title line + snippet line) as rich text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        markup = index.data(SearchRole.HTML)
        if not markup:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        self._doc.setDefaultFont(opt.font)
        self._doc.setHtml(markup)
        self._doc.setTextWidth(opt.rect.width())
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText)
            )
        else:
            context.palette.setColor(
                QPalette.ColorRole.Text, QColor(opt.palette.color(QPalette.ColorRole.Text))
            )
        self._doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), 52)


class SavedSearchModel(QAbstractListModel):
    """Smart folders: saved searches in their order."""

    QUERY = Qt.ItemDataRole.UserRole + 30
    ID = Qt.ItemDataRole.UserRole + 31

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SavedSearchRow] = []

    def set_rows(self, rows: list[SavedSearchRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.query
        if role == self.QUERY:
            return row.query
        if role == self.ID:
            return row.id
        return None
