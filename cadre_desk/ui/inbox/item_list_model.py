"""The inbox list: a table model over keyset-paged SQL, loading more rows as the user scrolls.

Only the rows scrolled into view are ever loaded (``canFetchMore``/``fetchMore``), and ``data``
answers only the roles asked, so a 1,000,000-item profile costs what its first page costs.
With a :class:`BackgroundRunner`, a new filter's first page and ``fetchMore``'s next pages (with
their fold counts, ~30 to 70 ms at 1M items) are queried off the GUI thread and swapped in or
appended when they arrive: neither a filter change nor scrolling waits for SQL. ``page_loaded``
tells keyboard navigation (and tests) that rows arrived.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from enum import IntEnum

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from cadre_desk.services.folding import FoldInfo, FoldingService
from cadre_desk.services.inbox import PAGE_SIZE, InboxFilter, InboxRow, InboxService
from cadre_desk.ui.background import BackgroundRunner
from cadre_desk.ui.row_table_model import Index, RowTableModel


class Column(IntEnum):
    TITLE = 0
    SOURCE = 1
    PUBLISHED = 2


class ItemRole(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    IS_READ = Qt.ItemDataRole.UserRole + 2
    IS_STARRED = Qt.ItemDataRole.UserRole + 3
    SOURCE_ID = Qt.ItemDataRole.UserRole + 4
    FOLDED = Qt.ItemDataRole.UserRole + 5  # FoldInfo of a row standing for duplicates, else None


def _header(column: Column) -> str:
    # Literal strings in the calls: lupdate extracts them (a dict of strings it cannot see).
    if column == Column.TITLE:
        return QCoreApplication.translate("ItemListModel", "标题")
    if column == Column.SOURCE:
        return QCoreApplication.translate("ItemListModel", "来源")
    return QCoreApplication.translate("ItemListModel", "时间")


def short_time(moment: datetime, now: datetime | None = None) -> str:
    """Today: 14:05; this year: 11-03 14:05; older: 2025-11-03."""
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).date()
    if local.date() == today:
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%m-%d %H:%M")
    return local.strftime("%Y-%m-%d")


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)


def _next_midnight() -> float:
    """The next local midnight as a timestamp (texts made today say "14:05")."""
    now = datetime.now().astimezone()
    return (now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)).timestamp()


_Page = tuple[int, tuple[int, str] | None, list[InboxRow], dict[str, FoldInfo]]


class ItemListModel(RowTableModel[InboxRow]):
    page_loaded = Signal()  # a background page was swapped in or appended (or the end was found)

    def __init__(
        self,
        service: InboxService,
        parent: QObject | None = None,
        folding: FoldingService | None = None,
        runner: BackgroundRunner | None = None,
    ) -> None:
        super().__init__(len(Column), parent)
        self._service = service
        self._folding = folding
        self._runner = runner  # None: pages load synchronously (scripts, model tests)
        self._generation = 0  # bumped by every reload: pages of an older filter are dropped
        self._fetching = False
        self._folds: dict[str, FoldInfo] = {}
        self._expanded: dict[str, list[str]] = {}  # representative id -> member ids shown under it
        self._member_of: dict[str, str] = {}  # member id -> representative id
        self._last_key: tuple[int, str] | None = None  # keyset position of the last page row
        self._filter = InboxFilter()
        self._row_of: dict[str, int] = {}
        # Nothing to fetch before a filter is shown: a view (or QAbstractItemModelTester) asking
        # for more rows of the empty model would query the unfiltered inbox in the background
        # for a page that the first load then drops (the window opens with load()).
        self._exhausted = True
        self._source_names: dict[str, str] = {}
        self._texts_of: dict[str, tuple[str, str, str]] = {}  # row id -> its cells' texts
        self._texts_until = _next_midnight()
        self._bold = QFont()
        self._bold.setBold(True)
        self._dim = QColor(Qt.GlobalColor.darkGray)

    # ----------------------------------------------------------------- loading

    def set_source_names(self, names: dict[str, str]) -> None:
        self._source_names = names
        self._texts_of.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.SOURCE), self.index(len(self._rows) - 1, Column.SOURCE), []
            )

    def set_filter(self, flt: InboxFilter) -> None:
        """Show ``flt``. With a runner its first page is queried off the GUI thread (a filter
        change at 1M items costs 10-100 ms of SQL) and swapped in when it arrives; the rows of
        the previous filter stay until then. Without one, at once (see :meth:`load`)."""
        if self._runner is None:
            self.load(flt)
            return
        self._filter = flt
        self._generation += 1  # pages of the previous filter, still on their way, are dropped
        self._fetching = True  # no next page of the old rows meanwhile
        service, generation = self._service, self._generation
        folding = self._folding if flt.fold_duplicates else None

        def first_page() -> _Page:
            rows = service.page(flt, None, PAGE_SIZE)
            folds = folding.fold_info([row.id for row in rows]) if folding is not None and rows else {}
            return generation, None, rows, folds

        self._runner.run(first_page, self._first_page_arrived, self._first_page_failed)

    def load(self, flt: InboxFilter) -> None:
        """Show ``flt`` now, querying its first page on this thread: the window opens with it."""
        self._filter = flt
        self.reload()

    @property
    def current_filter(self) -> InboxFilter:
        return self._filter

    def reload(self) -> None:
        """Query the current filter's first page again, on this thread."""
        self._generation += 1
        rows = self._service.page(self._filter, None, PAGE_SIZE)
        self._reset(rows, self._fold_info(rows))

    def _first_page_arrived(self, page: _Page) -> None:
        generation, _after, rows, folds = page
        if generation != self._generation:  # the filter changed again while it loaded
            return
        self._reset(rows, folds)
        self.page_loaded.emit()

    def _first_page_failed(self, exc: BaseException) -> None:
        # the rows shown belong to the previous filter: show none rather than mix the two
        self._reset([], {})
        assert self._runner is not None
        self._runner.report_error(exc)

    def _reset(self, rows: list[InboxRow], folds: dict[str, FoldInfo]) -> None:
        self._fetching = False
        self.beginResetModel()
        self._rows = rows
        self._texts_of.clear()
        self._last_key = rows[-1].key if rows else None
        self._expanded.clear()
        self._member_of.clear()
        self._folds = folds
        self._row_of = {row.id: i for i, row in enumerate(rows)}
        self._exhausted = len(rows) < PAGE_SIZE
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._fetching

    @property
    def fetching(self) -> bool:
        """A page (or a new filter's first page) is being loaded in the background."""
        return self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._fetching:
            return
        if self._runner is None:
            more = self._service.page(self._filter, self._last_key, PAGE_SIZE)
            self._append(self._last_key, more, self._fold_info(more))
            return
        self._fetching = True
        # The work captures plain values and services, never this model: it runs off the GUI thread.
        service, flt, after, generation = self._service, self._filter, self._last_key, self._generation
        folding = self._folding if flt.fold_duplicates else None

        def load_page() -> _Page:
            rows = service.page(flt, after, PAGE_SIZE)
            folds = folding.fold_info([row.id for row in rows]) if folding is not None and rows else {}
            return generation, after, rows, folds

        self._runner.run(load_page, self._page_arrived, self._page_failed)

    def _page_arrived(self, page: _Page) -> None:
        generation, after, rows, folds = page
        if generation != self._generation:  # the filter changed (reload) while it loaded
            return
        self._fetching = False
        self._append(after, rows, folds)
        self.page_loaded.emit()

    def _page_failed(self, exc: BaseException) -> None:
        self._fetching = False  # scrolling again (or choosing the view again) retries
        assert self._runner is not None
        self._runner.report_error(exc)

    def _append(
        self, after: tuple[int, str] | None, more: list[InboxRow], folds: dict[str, FoldInfo]
    ) -> None:
        if after != self._last_key:  # rows changed under the page (cannot happen without a reload)
            return
        self._exhausted = len(more) < PAGE_SIZE
        if not more:
            return
        self._last_key = more[-1].key
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self._folds.update(folds)
        for offset, row in enumerate(more):
            self._row_of[row.id] = first + offset
        self.endInsertRows()

    def _fold_info(self, rows: list[InboxRow]) -> dict[str, FoldInfo]:
        """Duplicates behind each row of a page: one indexed query per page, not per paint."""
        if self._folding is None or not self._filter.fold_duplicates or not rows:
            return {}
        return self._folding.fold_info([row.id for row in rows])

    def is_expanded(self, row: int) -> bool:
        current = self.row_at(row)
        return current is not None and current.id in self._expanded

    def toggle_expanded(self, row: int) -> bool:
        """Show (or hide) the duplicates folded into ``row`` right under it; True if it changed."""
        current = self.row_at(row)
        if current is None or self._folding is None:
            return False
        if current.id in self._member_of:  # on a member: act on its representative
            return self.toggle_expanded(self._row_of[self._member_of[current.id]])
        self._texts_of.pop(current.id, None)  # its ▸ turns ▾ and back
        if current.id in self._expanded:
            count = len(self._expanded.pop(current.id))
            self.beginRemoveRows(QModelIndex(), row + 1, row + count)
            for member in self._rows[row + 1 : row + 1 + count]:
                self._member_of.pop(member.id, None)
            del self._rows[row + 1 : row + 1 + count]
            self._reindex_rows()
            self.endRemoveRows()
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1), [])
            return True
        if current.id not in self._folds:
            return False
        members = [
            InboxRow(m.item_id, m.source_id, m.title, m.published_at, m.is_read, False, current.cluster_id)
            for m in self._folding.group(current.id)
            if m.item_id != current.id and m.item_id not in self._row_of
        ]
        if not members:
            return False
        self.beginInsertRows(QModelIndex(), row + 1, row + len(members))
        self._rows[row + 1 : row + 1] = members
        self._expanded[current.id] = [m.id for m in members]
        for m in members:
            self._member_of[m.id] = current.id
        self._reindex_rows()
        self.endInsertRows()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1), [])
        return True

    def _reindex_rows(self) -> None:
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}

    def row_of(self, item_id: str) -> int | None:
        return self._row_of.get(item_id)

    def apply_flags(
        self, item_ids: list[str], *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Reflect a change already written to the database, without reloading."""
        for item_id in item_ids:
            row = self._row_of.get(item_id)
            if row is None:
                continue
            current = self._rows[row]
            self._texts_of.pop(item_id, None)  # its ★
            self._rows[row] = InboxRow(
                id=current.id,
                source_id=current.source_id,
                title=current.title,
                published_at=current.published_at,
                is_read=current.is_read if read is None else read,
                is_starred=current.is_starred if starred is None else starred,
                cluster_id=current.cluster_id,
            )
            self.refresh_row(row)

    # ----------------------------------------------------------------- Qt model API

    def header(self, section: int) -> str:
        return _header(Column(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_for(index)
        return None if row is None else self._value(row, index.column(), role)

    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """Every role a delegate paints a cell with (seven), in one call into Python instead of
        seven: while a background job runs Python, each call waits for the GIL, so a paint of
        the list cost up to seven times that wait per cell."""
        row = self.row_for(index)
        column = index.column()
        if isinstance(roleDataSpan, QModelRoleData):
            cells = [roleDataSpan]
        else:  # PySide6 indexes a span (its stubs do not say so)
            cells = [roleDataSpan[n] for n in range(roleDataSpan.size())]  # type: ignore[index]
        for role_data in cells:
            value = None if row is None else self._value(row, column, role_data.role())
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _value(self, row: InboxRow, column: int, role: int) -> object:
        if role == _DISPLAY:
            return self._texts(row)[column] if 0 <= column < len(Column) else None
        if role == _FONT:
            return None if row.is_read else self._bold
        if role == _FOREGROUND:
            return self._dim if row.is_read else None
        if role == _TOOLTIP and column == Column.TITLE:
            return self._tooltip(row)
        if role == ItemRole.ID:
            return row.id
        if role == ItemRole.IS_READ:
            return row.is_read
        if role == ItemRole.IS_STARRED:
            return row.is_starred
        if role == ItemRole.SOURCE_ID:
            return row.source_id
        if role == ItemRole.FOLDED:
            return self._folds.get(row.id)
        return None

    def _texts(self, row: InboxRow) -> tuple[str, str, str]:
        """Title, source and time as shown: made once per row (a paint asks for every visible
        cell, and every scroll paints), forgotten when the row, the names or the day change."""
        if time.time() >= self._texts_until:  # a new day: "14:05" becomes "12-01 14:05"
            self._texts_of.clear()
            self._texts_until = _next_midnight()
        texts = self._texts_of.get(row.id)
        if texts is None:
            texts = (
                self._title(row),
                self._source_names.get(row.source_id, ""),
                short_time(row.published_at),
            )
            self._texts_of[row.id] = texts
        return texts

    def _title(self, row: InboxRow) -> str:
        if row.id in self._member_of:
            return "      ↳ " + row.title
        title = ("★ " if row.is_starred else "") + row.title
        fold = self._folds.get(row.id)
        if fold is None:
            return title
        title = ("▾ " if row.id in self._expanded else "▸ ") + title
        if fold.other_sources:
            title += QCoreApplication.translate("ItemListModel", "  ·  另有 {n} 个账号发布").format(
                n=len(fold.other_sources)
            )
        else:
            title += QCoreApplication.translate("ItemListModel", "  ·  另有 {n} 条相同内容").format(
                n=fold.other_items
            )
        if fold.differs:
            title += QCoreApplication.translate("ItemListModel", "  ·  内容有差异")
        return title

    def _tooltip(self, row: InboxRow) -> str:
        fold = self._folds.get(row.id)
        if fold is None or not fold.other_sources:
            return row.title
        tip = (
            row.title
            + "\n"
            + QCoreApplication.translate("ItemListModel", "同时发布：")
            + "、".join(fold.other_sources)
        )
        if fold.differs:
            tip += "\n" + QCoreApplication.translate(
                "ItemListModel", "各账号发布的内容有差异：打开后可查看对比"
            )
        return tip
