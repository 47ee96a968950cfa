"""Batches: what a report changes waits in ``srv_unit_pending`` until it is published with the
changes of at least k other reporters, at an epoch boundary (issue 19 §5: aggregates must not be
joined back to a device by timing).

A coordinator who watches the dashboard sees the totals move only at epoch boundaries (fixed
wall-clock times, not the time of any sync), and each move is the sum of the changes of at least
k reporters, so no move can be pinned on the one cadre who just synced. Only changes that arrived
before the boundary are published, so who or what triggers the publication (a page view, the
next report) has no effect on what it contains.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from cadre_desk.server.unit.contributions import TABLE_WIDTH, Totals
from cadre_desk.server.unit.models import PendingChange, PendingReporter, UnitPublished, UnitReport

DEFAULT_PUBLISH_EVERY_S = 3600
_KEY_WIDTH = 3


@dataclass(frozen=True)
class PublishedState:
    epoch: int
    published_at: int  # Unix seconds of the boundary the totals were published at
    reporters: int  # cadres whose reports are in the totals
    period_s: int


def load_state(conn: Connection, now: float) -> PublishedState:
    """The published state, created on first use (the totals of an older server hold every
    report it received: they count as published now)."""
    row = conn.execute(select(UnitPublished).where(UnitPublished.id == 1)).first()
    if row is None:
        period = DEFAULT_PUBLISH_EVERY_S
        epoch = int(now // period)
        reporters = int(conn.execute(select(func.count()).select_from(UnitReport)).scalar() or 0)
        conn.execute(
            insert(UnitPublished).values(
                id=1, epoch=epoch, published_at=epoch * period, reporters=reporters, period_s=period
            )
        )
        return PublishedState(epoch, epoch * period, reporters, period)
    return PublishedState(int(row.epoch), int(row.published_at), int(row.reporters), int(row.period_s))


def set_period(conn: Connection, seconds: int, now: float) -> None:
    load_state(conn, now)
    conn.execute(update(UnitPublished).where(UnitPublished.id == 1).values(period_s=seconds))


def stage(conn: Connection, epoch: int, reporter: str, change: Totals, joined: int) -> None:
    """Add one reporter's ``change`` to what waits for publication in ``epoch``."""
    rows = [
        {
            "epoch": epoch,
            "total": table,
            **{f"key{i + 1}": part for i, part in enumerate((*cell, *("",) * (_KEY_WIDTH - len(cell))))},
            **{
                f"value{i + 1}": float(value)
                for i, value in enumerate((*delta, *(0.0,) * (_KEY_WIDTH - len(delta))))
            },
        }
        for table, cells in sorted(change.items())
        for cell, delta in sorted(cells.items())  # one order: no deadlock between writers
    ]
    if not rows and not joined:
        return  # the same report again: nothing to publish, and not a changer
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    if rows:
        statement = dialect.insert(PendingChange)
        statement = statement.on_conflict_do_update(
            index_elements=["epoch", "total", "key1", "key2", "key3"],
            set_={
                column: PendingChange.__table__.c[column] + statement.excluded[column]
                for column in ("value1", "value2", "value3")
            },
        )
        for start in range(0, len(rows), 1000):
            conn.execute(statement, rows[start : start + 1000])
    marker = dialect.insert(PendingReporter).values(epoch=epoch, reporter=reporter, joined=joined)
    conn.execute(
        marker.on_conflict_do_update(
            index_elements=["epoch", "reporter"], set_={"joined": PendingReporter.joined + joined}
        )
    )


@dataclass(frozen=True)
class Batch:
    changers: int  # distinct reporters who changed something
    joined: int  # new reporters less revoked ones
    change: Totals


def take_batch(conn: Connection, before_epoch: int, min_changers: int) -> Batch | None:
    """The summed changes staged before ``before_epoch``, removed from the pending tables, or
    None (and nothing removed) while fewer than ``min_changers`` reporters are behind them."""
    waiting = PendingReporter.epoch < before_epoch
    changers, joined = conn.execute(
        select(
            func.count(func.distinct(PendingReporter.reporter)),
            func.coalesce(func.sum(PendingReporter.joined), 0),
        ).where(waiting)
    ).one()
    if int(changers) < min_changers:
        return None
    change: Totals = {table: {} for table in TABLE_WIDTH}
    rows = conn.execute(
        select(
            PendingChange.total,
            PendingChange.key1,
            PendingChange.key2,
            PendingChange.key3,
            PendingChange.value1,
            PendingChange.value2,
            PendingChange.value3,
        ).where(PendingChange.epoch < before_epoch)
    )
    key_width = {"names": 3, "follows": 1, "months": 2, "findings": 3, "burden": 3}
    for total, key1, key2, key3, value1, value2, value3 in rows:
        cell = (key1, key2, key3)[: key_width[total]]
        delta = (value1, value2, value3)[: TABLE_WIDTH[total]]
        cells = change[total]
        before = cells.get(cell)
        cells[cell] = delta if before is None else tuple(a + b for a, b in zip(before, delta, strict=True))
    for cells in change.values():  # a change undone before publication adds nothing
        for cell in [cell for cell, delta in cells.items() if all(abs(v) < 1e-9 for v in delta)]:
            del cells[cell]
    conn.execute(delete(PendingChange).where(PendingChange.epoch < before_epoch))
    conn.execute(delete(PendingReporter).where(waiting))
    return Batch(int(changers), int(joined), change)


def mark_published(conn: Connection, epoch: int, published_at: int, joined: int) -> None:
    conn.execute(
        update(UnitPublished)
        .where(UnitPublished.id == 1)
        .values(epoch=epoch, published_at=published_at, reporters=UnitPublished.reporters + joined)
    )


def lock_state(conn: Connection) -> None:
    """One publisher at a time, across processes (a write takes SQLite's lock, a row lock in
    PostgreSQL) before the pending rows are read."""
    conn.execute(update(UnitPublished).where(UnitPublished.id == 1).values(id=1))
