"""Apply remote changes in one local transaction, keeping their clocks.

Remote rows are never re-stamped: a row written here keeps the (HLC, device) of the change
that won, and the change log gets one exact entry per winning clock, so this device can pass
the change on to a third device and per-field clocks survive relays. The local clock moves
past every received stamp (``HybridLogicalClock.receive``) so later local edits win.

Everything is planned before anything is written: records that would tombstone most of a
table are refused unless confirmed (``failsafe``), and a foreign-key break found at commit
rolls the whole transaction back.

Why not one transaction per received page: a row that arrives on two pages would get an insert
and an update entry instead of one merged entry, and the mass-deletion check would judge each
page against a table already changed by the ones before. It would not be faster either: 68 pages
of 100,000 item changes applied one by one took 4.4 s of CPU and 9 s of wall time against 3.0-3.15
s and 3.8-4.8 s in one transaction (one batch larger than its table builds the plain indexes once
instead of inserting into them row by row, and one commit copies the WAL back once). Pages are
checked while the next one is fetched (``server_client.pull``): only the writing waits for the last.
"""

from __future__ import annotations

import logging
import operator
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.errors import CadreError
from cadre_desk.services.collection_pause import collections_paused
from cadre_desk.services.sync.failsafe import DeletionTally
from cadre_desk.services.sync.merge import NO_CLOCK, Clock, RowState, group_by_clock, merge_states
from cadre_desk.services.sync.records import (
    decode,
    latest_plausible_clock,
    load_states,
    max_seq,
    schema,
    to_stored,
)
from cadre_desk.storage.bulk_write import insert_rows
from cadre_desk.storage.database import Database, translate_errors
from cadre_desk.storage.models import device_local_columns
from cadre_desk.storage.triggers import LOG_ROW_SQL, REGISTER_DEVICE_SQL, logged_inserts_sql

log = logging.getLogger(__name__)

LOG_BY_SELECT_MIN_ROWS = 64  # new rows of a table whose change-log entries SQLite copies from them


class MissingReferenceError(CadreError):
    """The changes reference rows this device does not have."""

    next_step = "请先导入该设备更早的同步文件（按编号顺序），或改用服务器同步；本机数据没有改动。"


class SyncConflictError(CadreError):
    next_step = "请把这条信息和同步文件交给技术支持；本机数据没有改动。"


@dataclass
class ApplyResult:
    inserted: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    deleted: int = 0
    unchanged: int = 0
    received: int = 0
    seq_before: int = 0  # the last change-log seq before this apply wrote (inside its transaction)

    @property
    def changed(self) -> int:
        return sum(self.inserted.values()) + sum(self.updated.values())

    @property
    def changes(self) -> Changes:
        """What this apply changed, for the views: the tables that received a new or a merged row."""
        return Changes.of_tables(table for table, n in (self.inserted + self.updated).items() if n)

    def summary(self) -> str:
        return f"收到 {self.received} 条，新增 {sum(self.inserted.values())} 条，更新 {sum(self.updated.values())} 条，其中删除 {self.deleted} 条"  # noqa: E501


@dataclass
class _Plan:
    inserts: dict[str, list[RowState]] = field(default_factory=dict)
    updates: dict[str, list[tuple[RowState, dict[str, Clock]]]] = field(default_factory=dict)
    deletions: int = 0


def combine(records: Iterable[Any]) -> dict[tuple[str, str], RowState]:
    """Decode and pre-merge incoming records (the same row may arrive several times)."""
    states: dict[tuple[str, str], RowState] = {}
    tables = schema()
    latest = latest_plausible_clock()  # once: a batch decodes within moments, the drift is a week
    for record in records:
        state = decode(record, latest)
        key = (state.table, state.row_id)
        previous = states.get(key)
        states[key] = (
            state
            if previous is None
            else merge_states(previous, state, append_only=tables[state.table].append_only).merged
        )
    return states


def _plan(conn: Connection, states: dict[tuple[str, str], RowState], result: ApplyResult) -> _Plan:
    plan = _Plan()
    by_table: dict[str, list[RowState]] = {}
    for (table, _), state in states.items():
        by_table.setdefault(table, []).append(state)
    for table, info in schema().items():
        incoming = by_table.get(table)
        if not incoming:
            continue
        local = load_states(conn, table, (s.row_id for s in incoming))
        local_only = device_local_columns(table)
        for remote in incoming:
            existing = local.get(remote.row_id)
            if local_only:
                remote = _without_device_local(remote, local_only, existing)
            if existing is None:  # a new row (most of a first sync): taken as it came
                plan.inserts.setdefault(table, []).append(remote)
                result.inserted[table] += 1
                continue
            outcome = merge_states(existing, remote, append_only=info.append_only)
            if not outcome.changed:
                result.unchanged += 1
            else:
                plan.updates.setdefault(table, []).append((outcome.merged, outcome.won))
                result.updated[table] += 1
                if (
                    "deleted" in outcome.won
                    and outcome.merged.values["deleted"]
                    and not existing.values["deleted"]
                ):
                    plan.deletions += 1
    result.deleted = plan.deletions
    return plan


def _without_device_local(
    remote: RowState, local_only: frozenset[str], existing: RowState | None
) -> RowState:
    """A peer's state without the columns this device computes for itself (cluster ids): a new
    row starts with them empty, an existing row keeps its own."""
    if existing is None:  # (most of a first sync: the apply's own state, emptied in place)
        values = remote.values
        for column in local_only:  # (a frozenset & dict keys cost more than the loop)
            if column in values:
                values[column] = None
        return remote
    values = {c: v for c, v in remote.values.items() if c not in local_only}
    clocks = {c: v for c, v in remote.clocks.items() if c not in local_only}
    return RowState(remote.table, remote.row_id, values, clocks)


def _log_entries(state: RowState, clocks: dict[str, Clock], inserted: bool) -> list[tuple[Any, ...]]:
    if inserted:
        distinct = set(clocks.values())
        if len(distinct) == 1:  # one clock for the whole row: a plain insert entry
            ((hlc, device),) = distinct
            return [(state.table, state.row_id, hlc, device, "insert", None)]
    groups = group_by_clock(clocks)
    if inserted and len(groups) == 1:  # one clock for the whole row: a plain insert entry
        (hlc, device), _ = next(iter(groups.items()))
        return [(state.table, state.row_id, hlc, device, "insert", None)]
    entries = []
    for (hlc, device), columns in sorted(groups.items()):
        op = "insert" if inserted else "update"
        if "deleted" in columns and state.values.get("deleted"):
            op = "delete"
        entries.append((state.table, state.row_id, hlc, device, op, ",".join(columns)))
    return entries


def _register_devices(conn: Connection, entries: list[tuple[Any, ...]]) -> None:
    """Number the device ids of ``entries`` not numbered yet, in order of first appearance."""
    devices = dict.fromkeys(entry[3] for entry in entries)
    conn.exec_driver_sql(REGISTER_DEVICE_SQL, [(device, device) for device in devices])


def _write_log(conn: Connection, log_rows: list[tuple[Any, ...]]) -> None:
    if log_rows:
        _register_devices(conn, log_rows)
        conn.exec_driver_sql(LOG_ROW_SQL, log_rows)
        log_rows.clear()


def _write(conn: Connection, plan: _Plan) -> None:
    """Rows and their change-log entries; the entries in the order they are listed here (per
    table: its new rows', then its updated rows'), whichever way each part is written."""
    log_rows: list[tuple[Any, ...]] = []
    for table, info in schema().items():
        rows = plan.inserts.get(table, [])
        if rows:
            columns = ("id", "updated_at_hlc", "device_id", *info.columns)
            names = ", ".join(f'"{c}"' for c in columns)
            sql = f'INSERT INTO "{table}" ({names}) VALUES ({",".join("?" * len(columns))})'
            params = []
            entries: list[tuple[Any, ...]] = []
            values_of = operator.itemgetter(*info.columns)
            single = len(info.columns) == 1
            for state in rows:
                uniform = state.uniform
                if uniform is None:
                    distinct = set(state.clocks.values())
                    hlc, device = max(distinct, default=NO_CLOCK)  # state.row_clock
                    if len(distinct) == 1:
                        uniform = (hlc, device)
                else:
                    hlc, device = uniform
                values = values_of(to_stored(table, state.values))  # (read no more after this)
                params.append((state.row_id, hlc, device, *((values,) if single else values)))
                if uniform is not None:  # one clock for the whole row (most rows): a plain insert entry
                    entries.append((table, state.row_id, hlc, device, "insert", None))
                else:
                    entries += _log_entries(state, state.clocks, inserted=True)
            if len(entries) == len(rows) >= LOG_BY_SELECT_MIN_ROWS:
                # Every new row has one clock, so its entry holds what the row now stores: SQLite
                # copies them, in rowid (= insertion) order, instead of 6 values bound per row.
                _write_log(conn, log_rows)  # (the entries listed before come first)
                _register_devices(conn, entries)
                mark = conn.exec_driver_sql(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').scalar_one()
                insert_rows(conn, table, sql, params)  # counters and search queue once per batch
                conn.exec_driver_sql(logged_inserts_sql(table, str(int(mark))))
            else:
                insert_rows(conn, table, sql, params)
                log_rows += entries
        grouped: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for state, won in plan.updates.get(table, []):
            hlc, device = state.row_clock
            columns = tuple(sorted(won))
            stored = to_stored(state.table, state.values)  # (merged: a copy of its own)
            grouped.setdefault(columns, []).append((*(stored[c] for c in columns), hlc, device, state.row_id))
            log_rows += _log_entries(state, won, inserted=False)
        for columns, params in grouped.items():
            assignments = ", ".join(f'"{c}" = ?' for c in columns)
            conn.exec_driver_sql(
                f'UPDATE "{table}" SET {assignments}, updated_at_hlc = ?, device_id = ? WHERE id = ?', params
            )
    _write_log(conn, log_rows)


def apply_records(
    db: Database,
    records: Iterable[Any],
    *,
    allow_mass_delete: bool = False,
    after_apply: Callable[[Connection, ApplyResult], None] | None = None,
) -> ApplyResult:
    """Merge remote records into the local database in one transaction.

    ``allow_mass_delete=False`` refuses records that would delete most of a table
    (``failsafe``); a caller that already decided over a larger whole passes True.
    ``after_apply`` runs inside the same transaction (sync bookkeeping: cursors only advance
    when the changes they cover are committed).
    """
    with collections_paused():  # (also from the GUI's collector: services.collection_pause)
        return _apply(db, records, allow_mass_delete, after_apply)


def _apply(
    db: Database,
    records: Iterable[Any],
    allow_mass_delete: bool,
    after_apply: Callable[[Connection, ApplyResult], None] | None,
) -> ApplyResult:
    states = combine(records)
    result = ApplyResult(received=len(states))
    newest = max((s.row_clock[0] for s in states.values()), default=0)
    if newest:
        db.clock.receive(newest)  # refuses a peer whose clock is implausibly far ahead
    try:
        with translate_errors(db.path), db.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            if not allow_mass_delete:
                tally = DeletionTally()
                for state in states.values():
                    tally.add(state)
                tally.refuse_mass_deletion(conn)
            plan = _plan(conn, states, result)
            conn.exec_driver_sql("INSERT INTO sync_apply_guard (active) VALUES (1)")  # takes the write lock
            result.seq_before = max_seq(conn)
            _write(conn, plan)
            conn.exec_driver_sql("DELETE FROM sync_apply_guard")
            if after_apply is not None:
                after_apply(conn, result)
    except IntegrityError as exc:
        text = str(exc.orig).lower()
        if "foreign key" in text:
            raise MissingReferenceError(
                "同步数据引用了本机没有的记录（例如任务所属的事项），已拒绝导入。"
            ) from exc
        raise SyncConflictError(f"同步数据与本机数据冲突：{str(exc.orig)[:200]}") from exc
    log.info("sync apply: %s", result.summary())
    return result
