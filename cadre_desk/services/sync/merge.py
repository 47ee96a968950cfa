"""Per-field last-writer-wins merge of row states, ordered by (HLC, device id).

A row state is its column values plus one clock per column: the (HLC, device) of the change
that last wrote that column. Merging two states keeps, column by column, the value with the
larger clock, so two devices editing different fields of one task both keep their edit
(whole-row LWW loses one of them). ``deleted`` is a column like the others: a tombstone wins
or loses by its own clock. The merge is commutative, associative and idempotent, which is what
makes any delivery order, duplicate or replay converge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Clock = tuple[int, str]  # (packed HLC, device id); tuples compare in exactly the LWW order
NO_CLOCK: Clock = (-1, "")


@dataclass
class RowState:
    """Values and per-field clocks of one synced row."""

    table: str
    row_id: str
    values: dict[str, Any]
    clocks: dict[str, Clock] = field(default_factory=dict)
    # The clock of every column, when ``decode`` built them all from one (most records): an
    # apply reads the row clock of 100,000 states twice, ~0.2 s of CPU to find again. Only
    # ``decode`` sets it, and nothing changes a state's clocks afterwards (merges build new ones).
    uniform: Clock | None = field(default=None, compare=False, repr=False)

    def clock(self, column: str) -> Clock:
        return self.clocks.get(column, NO_CLOCK)

    @property
    def row_clock(self) -> Clock:
        """The newest field clock: what ``updated_at_hlc``/``device_id`` of the row hold."""
        uniform = self.uniform
        return max(self.clocks.values(), default=NO_CLOCK) if uniform is None else uniform


@dataclass
class MergeOutcome:
    merged: RowState
    won: dict[str, Clock]  # columns the remote state won, with their clocks

    @property
    def changed(self) -> bool:
        return bool(self.won)


def merge_states(local: RowState | None, remote: RowState, *, append_only: bool = False) -> MergeOutcome:
    """Merge ``remote`` into ``local``; ``won`` lists the columns taken from ``remote``."""
    if local is None:
        return MergeOutcome(
            RowState(remote.table, remote.row_id, dict(remote.values), dict(remote.clocks)),
            dict(remote.clocks),
        )
    if append_only:
        # Immutable events: the first copy is the only copy; a union never conflicts.
        return MergeOutcome(local, {})
    values = dict(local.values)
    clocks = dict(local.clocks)
    won: dict[str, Clock] = {}
    for column, value in remote.values.items():
        remote_clock = remote.clock(column)
        if remote_clock > clocks.get(column, NO_CLOCK):
            values[column] = value
            clocks[column] = remote_clock
            won[column] = remote_clock
    return MergeOutcome(RowState(local.table, local.row_id, values, clocks), won)


def group_by_clock(clocks: dict[str, Clock]) -> dict[Clock, list[str]]:
    """Columns grouped by the clock that wrote them (one change-log entry per group)."""
    groups: dict[Clock, list[str]] = {}
    for column, clock in clocks.items():
        groups.setdefault(clock, []).append(column)
    return groups
