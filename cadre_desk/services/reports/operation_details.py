"""The detail export: every counted operation of a period as rows for the 操作明细 table, and
the anonymising of account names (accounts shown as 账号01… in text too)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from operator import itemgetter
from typing import Any, overload

from sqlalchemy import Connection

from cadre_desk.domain.enums import OperationKind
from cadre_desk.domain.labels import label
from cadre_desk.services.reports.log_queries import (
    RequirementInfo,
    SourceInfo,
    load_requirements,
    load_sources,
    log_params,
    log_table,
    log_where,
    superseded_ids,
)
from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.workload_types import NO_SOURCE, NO_UNIT, ReportOptions


def operation_details(
    conn: Connection,
    period: Period,
    options: ReportOptions | None = None,
    aliases: dict[str, str] | None = None,
    *,
    limit: int | None = None,
    superseded: list[str] | None = None,
) -> DetailRows:
    """Every counted operation in the period, oldest first, ready for the detail table:
    (time ms, account, platform, level, kind, imposing unit, requirement, minutes, check-in,
    corrected[, note]). ``superseded``: the ids that do not count, when the caller has them."""
    options = options or ReportOptions()
    if superseded is None:
        superseded = superseded_ids(conn)
    params = log_params(period, options, superseded)
    sources = load_sources(conn)
    requirements = load_requirements(conn)
    table, scanned = log_table(conn, period) if limit is None else ("operation_logs o", False)
    # The raw sqlite3 cursor: SQLAlchemy's row objects cost ~0.5 s at 200k rows. A table
    # scan comes in rowid order; the stable sort below then gives (performed_at, rowid).
    rows = conn.connection.driver_connection.execute(  # type: ignore[union-attr]
        # (source, requirement, kind) as one text: one string per row instead of three and
        # the tuple that held them (ids are hex, kinds plain words: no unit separator inside).
        "SELECT o.performed_at, coalesce(o.source_id, '') || char(31) ||"
        " coalesce(o.requirement_id, '') || char(31) || o.operation_kind, o.minutes,"
        # check-in + 2 × corrected, and the note after a unit separator when there is one: a
        # cached small int for most rows instead of two flags, a note and their tuple.
        + (
            " CASE WHEN o.note IS NULL THEN "
            + _FLAG_CODE
            + " ELSE "
            + _FLAG_CODE
            + " || char(31) || o.note END"
            if options.include_notes
            else " " + _FLAG_CODE
        )
        + f" FROM {table} WHERE {log_where(options)}"
        + ("" if scanned else " ORDER BY o.performed_at, o.rowid")
        + (f" LIMIT {int(limit)}" if limit is not None else ""),
        params,
    ).fetchall()
    if scanned:
        rows.sort(key=itemgetter(0))
    aliases = aliases or {}
    source_cells: dict[str | None, tuple[str, str, str]] = {}
    for source_id, info in sources.items():
        source_cells[source_id] = (
            aliases.get(source_id, info.name),
            label(info.platform),
            label(info.level) if info.level else "",
        )
    kind_labels = {kind.value: label(kind) for kind in OperationKind}
    middle = _MiddleCells(sources, requirements, aliases, kind_labels, source_cells)
    return DetailRows(rows, middle, options.include_notes)


_READ_KEY = itemgetter(1)  # "source␟requirement␟kind" of a row as read
_READ_FLAGS = itemgetter(3)  # check-in + 2 × corrected[, "␟note"]
_FLAG_CODE = "(o.is_checkin + 2 * (o.supersedes_id IS NOT NULL))"
_FLAG_CELLS = (("", ""), ("是", ""), ("", "是"), ("是", "是"))  # (check-in, corrected) by code
_NO_NOTE = tuple((*cells, None) for cells in _FLAG_CELLS)


class DetailRows(Sequence[tuple[object, ...]]):
    """The detail table over the rows as read (time, "source␟requirement␟kind", minutes,
    check-in, corrected[, note]): a row (time, account, platform, level, kind, imposing unit,
    requirement, minutes, check-in, corrected[, note]) is built when it is asked for (CSV, PDF),
    while the XLSX sheet takes columns (:class:`ColumnarRows`): the six account/requirement
    cells once per (source, requirement, kind), never 200,000 eleven-cell tuples."""

    def __init__(self, read: list[Any], middle: _MiddleCells, with_notes: bool) -> None:
        self._read = read
        self._middle = middle
        self._with_notes = with_notes
        self._flags = _FlagCells(with_notes)

    def _row(self, r: Any) -> tuple[object, ...]:
        return (r[0], *self._middle[r[1]], r[2], *self._flags[r[3]])

    def __len__(self) -> int:
        return len(self._read)

    @overload
    def __getitem__(self, index: int) -> tuple[object, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[object, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[object, ...] | list[tuple[object, ...]]:
        if isinstance(index, slice):
            return list(map(self._row, self._read[index]))
        return self._row(self._read[index])

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        # Cells by dict lookups (made once per distinct value), no call per row (CSV reads all).
        middle, flags = self._middle, self._flags
        return ((r[0], *middle[r[1]], r[2], *flags[r[3]]) for r in self._read)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=False))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def column(self, index: int) -> list[object]:
        if index == 0:
            return list(map(itemgetter(0), self._read))
        if index == 7:
            return list(map(itemgetter(2), self._read))
        return list(map(itemgetter(index), self))

    def run_keys(self, start: int, end: int) -> tuple[list[Any], Callable[[Any], Sequence[object]]] | None:
        if (start, end) == (1, 7):
            return list(map(_READ_KEY, self._read)), self._middle.__getitem__
        if (start, end) == (8, 11) and self._with_notes:
            return list(map(_READ_FLAGS, self._read)), self._flags.__getitem__
        if (start, end) == (8, 10) and not self._with_notes:
            return list(map(_READ_FLAGS, self._read)), self._flags.__getitem__
        return None


class _FlagCells(dict[int | str, tuple[object, ...]]):
    """Flag code (or "code␟note") → the check-in and corrected cells (and the note)."""

    def __init__(self, with_notes: bool) -> None:
        super().__init__()
        self._with_notes = with_notes

    def __missing__(self, key: int | str) -> tuple[object, ...]:
        cells = self[key] = _flags_and_note(key) if self._with_notes else _FLAG_CELLS[int(key)]
        return cells


def _flags_and_note(value: int | str) -> tuple[object, ...]:
    """(check-in, corrected, note) of a flag code, or of "code␟note"."""
    if type(value) is int:
        return _NO_NOTE[value]
    code, note = str(value).split("\x1f", 1)
    return (*_FLAG_CELLS[int(code)], note)


class _MiddleCells(dict[str, tuple[str, ...]]):
    """(source, requirement, kind) → the six text cells of a detail row between time and minutes
    (account, platform, level, kind, imposing unit, requirement): a few hundred combinations,
    each built once; the row comprehension then looks them up in C."""

    def __init__(
        self,
        sources: dict[str, SourceInfo],
        requirements: dict[str, RequirementInfo],
        aliases: dict[str, str],
        kind_labels: dict[str, str],
        source_cells: dict[str | None, tuple[str, str, str]],
    ) -> None:
        super().__init__()
        self._sources = sources
        self._requirements = requirements
        self._aliases = aliases
        self._kind_labels = kind_labels
        self._source_cells = source_cells

    def __missing__(self, key: str) -> tuple[str, ...]:
        source, requirement, kind = key.split("\x1f")
        source_id, requirement_id = source or None, requirement or None
        unit, title = unit_and_title(
            self._requirements.get(requirement_id) if requirement_id else None,
            self._sources.get(source_id) if source_id else None,
            self._sources,
            self._aliases,
        )
        account = self._source_cells.get(source_id) or (NO_SOURCE, "", "")
        cells = self[key] = (*account, self._kind_labels.get(kind, kind), unit, title)
        return cells


def unit_and_title(
    requirement: RequirementInfo | None,
    source: SourceInfo | None,
    sources: dict[str, SourceInfo],
    aliases: dict[str, str],
) -> tuple[str, str]:
    unit = (
        (requirement.imposed_by if requirement else None)
        or (source.required_by if source else None)
        or NO_UNIT
    )
    title = requirement.title if requirement else ""
    return unit, anonymize_text(title, sources, aliases)


def anonymize_text(text: str, sources: dict[str, SourceInfo], aliases: dict[str, str]) -> str:
    if not aliases or not text:
        return text
    for source_id, alias in aliases.items():
        info = sources.get(source_id)
        if info and info.name and info.name in text:
            text = text.replace(info.name, alias)
    return text
