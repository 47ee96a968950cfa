"""The detail export: every counted operation of a period as rows for the 操作明细 table, and
the anonymising of account names (accounts shown as 账号01… in text too)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import itemgetter
from typing import Any, NamedTuple, cast, overload

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
    read = read_details(conn, period, options, superseded, limit=limit)
    return detail_rows(conn, read, options, aliases)


def read_details(
    conn: Connection,
    period: Period,
    options: ReportOptions,
    superseded: list[str],
    *,
    limit: int | None = None,
) -> DetailColumns:
    """The counted operations of the period as read, oldest first (by time, then rowid), as
    columns (see :class:`DetailColumns`)."""
    params = log_params(period, options, superseded)
    table = log_table(conn, period)[0] if limit is None else "operation_logs o"
    # The raw sqlite3 cursor: SQLAlchemy's row objects cost ~0.5 s at 200k rows. SQLite sorts a
    # table scan (in C, the GIL released); the rows are taken in chunks and kept as columns, so
    # 200,000 row tuples never live at once (each chunk's are split while they are in cache).
    cursor = conn.connection.driver_connection.execute(  # type: ignore[union-attr]
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
        + f" FROM {table} WHERE {log_where(options)} ORDER BY o.performed_at, o.rowid"
        + (f" LIMIT {int(limit)}" if limit is not None else ""),
        params,
    )
    columns: tuple[list[Any], ...] = ([], [], [], [])
    while chunk := cursor.fetchmany(_FETCH_ROWS):
        for column, cell in zip(columns, _CELLS, strict=True):  # not zip(*chunk): an iterator per row
            column.extend(map(cell, chunk))
    return DetailColumns(*columns)


def detail_rows(
    conn: Connection, read: DetailColumns, options: ReportOptions, aliases: dict[str, str] | None = None
) -> DetailRows:
    """The detail table over ``read`` (accounts shown by their ``aliases``)."""
    sources = load_sources(conn)
    requirements = load_requirements(conn)
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
    return DetailRows(read, middle, options.include_notes)


def notes_by_requirement(read: DetailColumns, requirement_ids: Iterable[str]) -> dict[str, list[str]]:
    """The non-empty notes of the rows of the given requirements, oldest first, per requirement:
    what the burden report's evidence lists (read with the notes)."""
    wanted = set(requirement_ids)
    requirement_of: dict[str, str | None] = {}
    notes: dict[str, list[str]] = {}
    # Only the rows with a note (a text flag) reach Python code.
    with_note = map(isinstance, read.flags, repeat(str))
    for key, flag in compress(zip(read.keys, read.flags, strict=True), with_note):
        if key not in requirement_of:
            requirement = key.split("\x1f")[1]
            requirement_of[key] = requirement if requirement in wanted else None
        requirement_id = requirement_of[key]
        note = cast(str, flag).split("\x1f", 1)[1]
        if requirement_id is not None and note:
            notes.setdefault(requirement_id, []).append(note)
    return notes


_FETCH_ROWS = 2048
_CELLS = [itemgetter(index) for index in range(4)]


class DetailColumns(NamedTuple):
    """The detail rows as read, column by column: time (epoch ms), "source␟requirement␟kind",
    minutes, and check-in + 2 × corrected[, then "␟note"]."""

    times: list[int]
    keys: list[str]
    minutes: list[float]
    flags: list[int | str]


_FLAG_CODE = "(o.is_checkin + 2 * (o.supersedes_id IS NOT NULL))"
_FLAG_CELLS = (("", ""), ("是", ""), ("", "是"), ("是", "是"))  # (check-in, corrected) by code
_NO_NOTE = tuple((*cells, None) for cells in _FLAG_CELLS)


class DetailRows(Sequence[tuple[object, ...]]):
    """The detail table over the columns as read (:class:`DetailColumns`): a row (time, account,
    platform, level, kind, imposing unit, requirement, minutes, check-in, corrected[, note]) is
    built when it is asked for (CSV, PDF), while the XLSX sheet takes columns
    (:class:`ColumnarRows`): the six account/requirement cells once per (source, requirement,
    kind), never 200,000 eleven-cell tuples."""

    def __init__(self, read: DetailColumns, middle: _MiddleCells, with_notes: bool) -> None:
        self._read = read
        self._middle = middle
        self._with_notes = with_notes
        self._flags = _FlagCells(with_notes)

    def _row(self, r: tuple[int, str, float, int | str]) -> tuple[object, ...]:
        return (r[0], *self._middle[r[1]], r[2], *self._flags[r[3]])

    def __len__(self) -> int:
        return len(self._read.times)

    @overload
    def __getitem__(self, index: int) -> tuple[object, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[object, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[object, ...] | list[tuple[object, ...]]:
        times, keys, minutes, flags = self._read
        if isinstance(index, slice):
            chosen = zip(times[index], keys[index], minutes[index], flags[index], strict=True)
            return list(map(self._row, chosen))
        return self._row((times[index], keys[index], minutes[index], flags[index]))

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        # Cells by dict lookups (made once per distinct value), no call per row (CSV reads all).
        middle, flags = self._middle, self._flags
        return ((t, *middle[k], m, *flags[f]) for t, k, m, f in zip(*self._read, strict=True))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=False))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def column(self, index: int) -> list[object]:
        if index == 0:
            return cast(list[object], self._read.times)
        if index == 7:
            return cast(list[object], self._read.minutes)
        return list(map(itemgetter(index), self))

    def run_keys(self, start: int, end: int) -> tuple[list[Any], Callable[[Any], Sequence[object]]] | None:
        if (start, end) == (1, 7):
            return self._read.keys, self._middle.__getitem__
        if (start, end) == ((8, 11) if self._with_notes else (8, 10)):
            return self._read.flags, self._flags.__getitem__
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
