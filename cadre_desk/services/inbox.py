"""The inbox: keyset-paged item lists, item details, read/star state, the sources overview.

Queries select only the columns a list shows (never the body) and page by
``(published_at, id)`` keys on an index, so the first page costs the same at 1,000 or
1,000,000 items. Counts come from the trigger-maintained ``source_stats`` table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.domain.enums import TaskStatus
from cadre_desk.services.folding import FoldingService, is_first_of_group
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, ItemCluster, Source, SourceStats, Task
from cadre_desk.storage.types import from_ms, to_ms

PAGE_SIZE = 200
MAX_MARK_ALL = 1_000_000  # items one "mark all read" changes at most


@dataclass(frozen=True)
class InboxFilter:
    """What the list shows. Empty ``source_ids`` means every subscribed source."""

    source_ids: tuple[str, ...] = ()
    unread_only: bool = False
    starred_only: bool = False
    has_task: bool = False  # items with an open task
    folder_id: str | None = None  # the item's folder, else its source's folder
    date_from: datetime | None = None
    date_to: datetime | None = None  # exclusive
    fold_duplicates: bool = True  # one row per duplicate group (services.folding)
    sort: str = "time"  # "time": newest first; "source": by source name, newest first within each


@dataclass(frozen=True)
class FlagChange:
    """What a read/star command wrote: the items whose flag changed and its new value. Views
    update those rows in place and announce :attr:`changes`."""

    item_ids: tuple[str, ...]
    read: bool | None = None
    starred: bool | None = None

    @property
    def changes(self) -> Changes:
        return Changes(items=True) if self.item_ids else NOTHING


@dataclass(frozen=True)
class InboxRow:
    id: str
    source_id: str
    title: str
    published_at: datetime
    is_read: bool
    is_starred: bool
    cluster_id: int | None  # near-duplicate cluster (its first publisher's rowid), None if alone

    @property
    def key(self) -> tuple[int, str]:
        """Keyset position of this row (for the next page)."""
        return to_ms(self.published_at), self.id


@dataclass(frozen=True)
class ItemDetail:
    id: str
    source_id: str
    source_name: str
    title: str
    author: str | None
    url: str | None
    published_at: datetime
    content_html: str | None
    summary: str | None
    is_read: bool
    is_starred: bool


@dataclass(frozen=True)
class SourceOverview:
    id: str
    name: str
    kind: str
    platform: str
    level: str | None
    category: str
    mandatory: bool
    subscribed: bool
    item_count: int
    unread_count: int
    last_item_at: datetime | None


@dataclass
class SourceDirectory:
    """All sources with their counts; small (hundreds of rows), loaded at once."""

    sources: list[SourceOverview] = field(default_factory=list)

    def names(self) -> dict[str, str]:
        return {s.id: s.name for s in self.sources}

    @property
    def total_unread(self) -> int:
        return sum(s.unread_count for s in self.sources if s.subscribed)


FEW_OPEN_TASKS = 2_000  # up to this many: the "has task" view starts from the tasks


def _open_task_items() -> Select[str | None]:
    return select(Task.item_id).where(
        Task.item_id.is_not(None), Task.deleted.is_(False), Task.status == TaskStatus.OPEN.value
    )


# The row's cluster: one primary-key look-up in the small cluster table per row of a page.
_CLUSTER_OF_ROW = (
    select(ItemCluster.cluster).where(ItemCluster.item == literal_column("items.rowid")).scalar_subquery()
)


def older_than(after: tuple[int, str]) -> ColumnElement[bool]:
    """Items after the key ``(published ms, id)`` in (published_at DESC, id DESC) order.

    The bound ``published_at <= ms`` is what makes it a range of the time index: with the OR
    alone, SQLite cannot bound the index and walks it from the newest entry, testing each one,
    so page n cost n pages (the 20th inbox page ~10x the first at 200k items, measured); with
    the id no longer in the index (issue 20 §3) every skipped entry would also read its row.
    """
    after_ms, after_id = after  # UtcDateTime binds integer milliseconds as they are
    return and_(
        Item.published_at <= after_ms,
        or_(Item.published_at < after_ms, and_(Item.published_at == after_ms, Item.id < after_id)),
    )


class InboxService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._folding = FoldingService(db)

    def _page_query(
        self, flt: InboxFilter, few_tasks: bool = True
    ) -> Select[str, str, str, datetime, bool, bool, int | None]:
        query = select(
            Item.id,
            Item.source_id,
            Item.title,
            Item.published_at,
            Item.is_read,
            Item.is_starred,
            _CLUSTER_OF_ROW,
        ).where(Item.deleted.is_(False), Item.is_muted.is_(False))
        if len(flt.source_ids) == 1:
            # One source: its (source_id, published_at) index yields rows in order.
            query = query.where(Item.source_id == flt.source_ids[0])
        else:
            # Many or all sources: walk the time index and filter, instead of letting the planner
            # pick a source index and sort every matching row (300 ms at 180k items).
            if flt.source_ids:
                # unary + keeps SQLite from using a source index for this term
                query = query.where(literal_column("+items.source_id").in_(flt.source_ids))
            else:
                unsubscribed = select(Source.id).where(
                    or_(Source.subscribed.is_(False), Source.deleted.is_(True))
                )
                query = query.where(Item.source_id.not_in(unsubscribed))
        if flt.unread_only:
            query = query.where(Item.is_read.is_(False))
        if flt.starred_only:
            query = query.where(Item.is_starred.is_(True))
        if flt.has_task:
            if few_tasks:  # start from the tasks' items (then fold and sort them all)
                query = query.where(Item.id.in_(_open_task_items()))
            else:
                # unary +: walk the time index, testing each row against the set of open tasks;
                # starting from 12,000 tasks' items folded every one of them before sorting
                # (200-350 ms at 1M items; this way 15-50 ms, measured)
                query = query.where(literal_column("+items.id").in_(_open_task_items()))
        if flt.folder_id is not None:
            in_folder = select(Source.id).where(Source.folder_id == flt.folder_id)
            query = query.where(
                or_(
                    Item.folder_id == flt.folder_id,
                    and_(Item.folder_id.is_(None), Item.source_id.in_(in_folder)),
                )
            )
        if flt.date_from is not None:
            query = query.where(Item.published_at >= flt.date_from)
        if flt.date_to is not None:
            query = query.where(Item.published_at < flt.date_to)
        if flt.fold_duplicates:
            query = query.where(is_first_of_group(flt.source_ids))
        return query

    @staticmethod
    def _few_tasks(session: Session, flt: InboxFilter) -> bool:
        if not flt.has_task:
            return True
        count = session.scalar(select(func.count()).select_from(_open_task_items().subquery()))
        return (count or 0) <= FEW_OPEN_TASKS

    def page(
        self, flt: InboxFilter, after: tuple[int, str] | None = None, limit: int = PAGE_SIZE
    ) -> list[InboxRow]:
        """Newest first; ``after`` is the key of the last row already shown."""
        if flt.sort == "source":
            return self._page_by_source(flt, after, limit)
        few_tasks = True
        if flt.has_task:
            with self._db.session() as session:
                few_tasks = self._few_tasks(session, flt)
        query = self._page_query(flt, few_tasks)
        if after is not None:
            query = query.where(older_than(after))
        query = query.order_by(Item.published_at.desc(), Item.id.desc()).limit(limit)
        with self._db.session() as session:
            rows = session.execute(query).all()
        return self._rows(rows)

    def _page_by_source(self, flt: InboxFilter, after: tuple[int, str] | None, limit: int) -> list[InboxRow]:
        """Sources in name order, each newest first: one small indexed query per source
        (``ix_items_source_published``) until the page is full; a view has tens of sources."""
        wanted = select(Source.id).where(Source.deleted.is_(False)).order_by(Source.name, Source.id)
        if flt.source_ids:
            wanted = wanted.where(Source.id.in_(flt.source_ids))
        else:
            wanted = wanted.where(Source.subscribed.is_(True))
        rows: list[Any] = []
        with self._db.session() as session:
            order = list(session.scalars(wanted))
            few_tasks = self._few_tasks(session, flt)
            start = 0
            if after is not None:
                last_source = session.scalar(select(Item.source_id).where(Item.id == after[1]))
                start = order.index(last_source) if last_source in order else len(order)
            for position in range(start, len(order)):
                query = self._page_query(flt, few_tasks).where(Item.source_id == order[position])
                if after is not None and position == start:
                    query = query.where(older_than(after))
                query = query.order_by(Item.published_at.desc(), Item.id.desc()).limit(limit - len(rows))
                rows += session.execute(query).all()
                if len(rows) >= limit:
                    break
        return self._rows(rows)

    @staticmethod
    def _rows(rows: Sequence[Any]) -> list[InboxRow]:
        return [
            InboxRow(
                id=r[0],
                source_id=r[1],
                title=r[2],
                published_at=r[3],
                is_read=bool(r[4]),
                is_starred=bool(r[5]),
                cluster_id=r[6],
            )
            for r in rows
        ]

    def detail(self, item_id: str) -> ItemDetail | None:
        query = (
            select(Item, Source.name)
            .join(Source, Source.id == Item.source_id)
            .where(Item.id == item_id, Item.deleted.is_(False))
        )
        with self._db.session() as session:
            found = session.execute(query).first()
        if found is None:
            return None
        item, source_name = found
        return ItemDetail(
            id=item.id,
            source_id=item.source_id,
            source_name=source_name,
            title=item.title,
            author=item.author,
            url=item.link,
            published_at=item.published_at,
            content_html=item.content_html,
            summary=item.summary_text,
            is_read=item.is_read,
            is_starred=item.is_starred,
        )

    def set_read(self, item_ids: Sequence[str], read: bool = True, *, with_group: bool = False) -> FlagChange:
        """The one meaning of mark-read: these items (un)read and, ``with_group``, every copy
        folded with them (a repost read once is read everywhere). Says which items changed."""
        changed: list[str] = []
        with self._db.session() as session:
            for start in range(0, len(item_ids), 500):  # stay under SQLite's parameter limit
                chunk = list(item_ids[start : start + 500])
                targets = sorted(self._folding.with_groups(session, chunk)) if with_group else chunk
                for part in range(0, len(targets), 500):
                    changed += self._write_flag(session, targets[part : part + 500], Item.is_read, read)
        return FlagChange(tuple(changed), read=read)

    def set_starred(self, item_ids: Sequence[str], starred: bool = True) -> FlagChange:
        changed: list[str] = []
        with self._db.session() as session:
            for start in range(0, len(item_ids), 500):
                changed += self._write_flag(
                    session, list(item_ids[start : start + 500]), Item.is_starred, starred
                )
        return FlagChange(tuple(changed), starred=starred)

    def mark_view_read(self, flt: InboxFilter) -> FlagChange:
        """Mark every unread item of a view read: the same mark-read as opening an item, over
        the view's rows (folded copies included: with folding on, their groups too)."""
        query = self._page_query(replace(flt, unread_only=True, fold_duplicates=False))
        with self._db.session() as session:
            ids = list(session.scalars(select(query.subquery().c.id).limit(MAX_MARK_ALL)))
        return self.set_read(ids, True, with_group=flt.fold_duplicates)

    def _write_flag(
        self, session: Session, ids: list[str], column: InstrumentedAttribute[bool], value: bool
    ) -> list[str]:
        """Set ``column`` on those of ``ids`` (at most 500) that differ; returns them. Rows
        already right are not rewritten (nor logged for sync)."""
        differ = list(session.scalars(select(Item.id).where(Item.id.in_(ids), column.is_not(value))))
        if differ:
            session.execute(
                update(Item)
                .where(Item.id.in_(differ))
                .values({column: value, **self._db.stamp_columns()})
                .execution_options(synchronize_session=False)
            )
        return differ

    def directory(self) -> SourceDirectory:
        query = (
            select(
                Source.id,
                Source.name,
                Source.kind,
                Source.platform,
                Source.level,
                Source.category,
                Source.mandatory,
                Source.subscribed,
                SourceStats.item_count,
                SourceStats.unread_count,
                SourceStats.last_item_at,
            )
            .outerjoin(SourceStats, SourceStats.source_id == Source.id)
            .where(Source.deleted.is_(False))
            .order_by(Source.name)
        )
        with self._db.session() as session:
            rows = session.execute(query).all()
        return SourceDirectory(
            [
                SourceOverview(
                    id=r[0],
                    name=r[1],
                    kind=r[2],
                    platform=r[3],
                    level=r[4],
                    category=r[5],
                    mandatory=bool(r[6]),
                    subscribed=bool(r[7]),
                    item_count=r[8] or 0,
                    unread_count=r[9] or 0,
                    last_item_at=from_ms(r[10]) if r[10] else None,
                )
                for r in rows
            ]
        )
