"""The mass-deletion fail-safe: count, per table, what a whole sync would delete, before any of it
is applied, and refuse a sync that would delete most of a table unless the user confirms.

Joplin lost whole notebooks to syncs that emptied a target (#883, #1358, #4223); its fail-safe
looks at the whole sync. So does this one: a bundle import gathers every batch found in the
folder first (90 small batches of 600 tombstones each must not slip through one at a time), and
each table counts on its own (2,000 items must not hide 50 of 60 sources going).

In the operation log nothing is ever deleted; there a new row that supersedes (corrects or
retracts) a row counts as taking that row away.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection

from cadre_desk.domain.errors import CadreError
from cadre_desk.services.sync.merge import NO_CLOCK, Clock, RowState
from cadre_desk.services.sync.records import load_states

MASS_DELETE_MIN_ROWS = 5  # small-table floor: deleting up to 4 rows of a table never asks
MASS_DELETE_SHARE = 0.5  # more than half of a table's live rows: asks

LOG_TABLE = "operation_logs"
# The user's own data, with a measure word and a name for the message. Derived rows (findings,
# which every analysis run retires and reopens; item tags; settings) are not guarded.
PROTECTED_TABLES: dict[str, tuple[str, str]] = {
    "folders": ("个", "文件夹"),
    "sources": ("个", "订阅源"),
    "items": ("条", "信息"),
    "requirements": ("项", "要求"),
    "tasks": ("个", "任务"),
    LOG_TABLE: ("条", "操作记录"),
    "rules": ("条", "规则"),
    "saved_searches": ("个", "智能文件夹"),
    "tags": ("个", "标签"),
}
_CHUNK = 400


class MassDeletionError(CadreError):
    """The changes would delete most of at least one table: refused until confirmed."""

    next_step = "如果确实要在本机也删除这些数据，请确认后重新同步（命令行加 --confirm-deletions）。"

    def __init__(self, by_table: dict[str, tuple[int, int]]) -> None:
        parts = []
        for table, (deletions, live) in by_table.items():
            unit, noun = PROTECTED_TABLES[table]
            parts.append(f"{live} {unit}{noun}中的 {deletions} {unit}")
        verb = "删除或作废" if LOG_TABLE in by_table else "删除"
        super().__init__(f"这次同步会{verb}本机 {'、'.join(parts)}，已暂停，本机数据没有改动。")
        self.by_table = by_table  # table -> (rows it would delete, live rows now)
        self.deletions = sum(d for d, _ in by_table.values())
        self.live = sum(live for _, live in by_table.values())


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


@dataclass
class DeletionTally:
    """What a sync's incoming rows say about deletion, gathered before anything is applied.

    Only the newest ``deleted`` clock of each protected row is kept (a few dozen bytes a row),
    so a bundle import can tally batch after batch without holding their records.
    """

    deleted: dict[tuple[str, str], tuple[Clock, bool]] = field(default_factory=dict)
    supersedes: dict[str, str] = field(default_factory=dict)  # incoming log row -> row it replaces

    def add(self, state: RowState) -> None:
        if state.table == LOG_TABLE:
            target = state.values.get("supersedes_id")
            if isinstance(target, str):
                self.supersedes[state.row_id] = target
            return
        if state.table not in PROTECTED_TABLES:
            return
        key = (state.table, state.row_id)
        clock = state.clock("deleted")
        previous = self.deleted.get(key)
        if previous is None or clock > previous[0]:
            self.deleted[key] = (clock, bool(state.values.get("deleted")))

    def counts(self, conn: Connection) -> dict[str, tuple[int, int]]:
        """Per table: (live local rows the sync would delete, live local rows)."""
        wanted: dict[str, dict[str, Clock]] = {}
        for (table, row_id), (clock, deleted) in self.deleted.items():
            if deleted:
                wanted.setdefault(table, {})[row_id] = clock
        deletions: Counter[str] = Counter()
        for table, incoming in wanted.items():
            for chunk in _chunks(list(incoming)):
                for row_id, local in load_states(conn, table, chunk).items():
                    if not local.values["deleted"] and incoming[row_id] > local.clocks.get(
                        "deleted", NO_CLOCK
                    ):
                        deletions[table] += 1
        retracted = self._superseded(conn)
        if retracted:
            deletions[LOG_TABLE] = retracted
        result = {}
        for table in PROTECTED_TABLES:  # in a fixed order, for a stable message
            if deletions[table]:
                result[table] = (deletions[table], _live_rows(conn, table))
        return result

    def _superseded(self, conn: Connection) -> int:
        """Effective local log rows that incoming (new) rows would supersede."""
        if not self.supersedes:
            return 0
        raw = conn.connection.driver_connection
        assert raw is not None
        known: set[str] = set()
        for chunk in _chunks(list(self.supersedes)):
            marks = ",".join("?" * len(chunk))
            known.update(
                r[0] for r in raw.execute(f"SELECT id FROM {LOG_TABLE} WHERE id IN ({marks})", chunk)
            )
        targets = sorted({t for row, t in self.supersedes.items() if row not in known})
        effective = 0
        for chunk in _chunks(targets):
            marks = ",".join("?" * len(chunk))
            effective += raw.execute(
                f"SELECT count(*) FROM {LOG_TABLE} o WHERE o.id IN ({marks}) AND NOT EXISTS "
                f"(SELECT 1 FROM {LOG_TABLE} later WHERE later.supersedes_id = o.id)",
                chunk,
            ).fetchone()[0]
        return int(effective)

    def refuse_mass_deletion(self, conn: Connection) -> None:
        """Raise ``MassDeletionError`` if any table would lose most of its live rows."""
        tripped = {
            table: (deletions, live)
            for table, (deletions, live) in self.counts(conn).items()
            if deletions >= MASS_DELETE_MIN_ROWS and deletions > MASS_DELETE_SHARE * live
        }
        if tripped:
            raise MassDeletionError(tripped)


def _live_rows(conn: Connection, table: str) -> int:
    if table == LOG_TABLE:  # effective rows: those no later row supersedes
        sql = (
            f"SELECT count(*) FROM {LOG_TABLE} o WHERE NOT EXISTS "
            f"(SELECT 1 FROM {LOG_TABLE} later WHERE later.supersedes_id = o.id)"
        )
    else:
        sql = f'SELECT count(*) FROM "{table}" WHERE NOT deleted'
    return int(conn.exec_driver_sql(sql).scalar() or 0)
