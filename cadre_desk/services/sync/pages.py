"""Pages of change records, extracted from the local change log.

Extraction walks ``change_log`` by ``seq`` (local arrival order, so rows that arrived late from
a third device are never skipped) and cuts pages of at most ``PAGE_BYTES``. Every page is
self-contained: a row it references that has not been sent yet travels in the same page.

Rows are written as records by SQLite itself (``json_object``): reading 100,000 item rows into
Python dicts and encoding them again cost most of an export (~3 s of ~4.5 s CPU). A row holding
a REAL or a BLOB is handed to the general path (``load_states`` + ``encode``): SQLite writes a
REAL with 15 digits, which would not read back as the same number. tests/sync/test_pages.py
compares both paths over generated rows and change logs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection

from cadre_desk.services.sync import fastjson
from cadre_desk.services.sync.records import (
    BYTES_COLUMNS,
    PAGE_BYTES,
    clock_fields,
    dumps,
    encode,
    load_states,
    max_seq,
    register_wire_functions,
    row_clocks,
    schema,
    wire_sql,
)

Key = tuple[str, str]  # (table, row id)
_CHUNK = 400  # ids per IN (...) query


@dataclass(slots=True)
class ExportedRow:
    refs: dict[str, Any]  # the row's reference columns (and an attachment's sha256)
    line: bytes  # its change record, compact JSON


@cache
def _ref_columns(table: str) -> tuple[str, ...]:
    columns = [column for column, _ in schema()[table].foreign_keys]
    if table == "attachments":
        columns.append("sha256")
    return tuple(dict.fromkeys(columns))


@cache
def _fast_select(table: str) -> str:
    """Rows as records written by SQLite, for chunks of ids (bound twice).

    Columns: id, the reference columns, the record or its ``v`` object, whether that is the
    whole record, and the row's stamp. A row whose change log holds one entry for the whole row
    (or none: older than its log) has one clock, and SQLite writes its whole record; for other
    rows it writes the values and Python adds the per-field clocks. NULL for a row holding a
    REAL or a BLOB (the general path takes it)."""
    columns = schema()[table].columns
    hexed = BYTES_COLUMNS.get(table, ())  # bytes written as hex, as the general path does
    kinds = {c: "('real')" if c in hexed else "('real', 'blob')" for c in columns}
    odd = " OR ".join(f'typeof(t."{c}") IN {kinds[c]}' for c in columns)
    values = "json_object(" + ", ".join(f"'{c}', {wire_sql(table, c, 't')}" for c in columns) + ")"
    refs = "".join(f', t."{c}"' for c in _ref_columns(table))
    one_clock = "l.n IS NULL OR (l.n = 1 AND l.f IS NULL)"
    stamp = "json_array(t.updated_at_hlc, t.device_id)"
    clock = f"CASE WHEN l.n IS NULL THEN {stamp} ELSE json_array(l.hlc, l.dev) END"
    record = f"json_object('t', '{table}', 'id', t.id, 'c', {clock}, 'v', {values})"
    return (
        f"SELECT t.id{refs}, "
        f"CASE WHEN {odd} THEN NULL WHEN {one_clock} THEN CAST({record} AS BLOB) "
        f"ELSE CAST({values} AS BLOB) END, "
        f"CASE WHEN {one_clock} THEN 1 ELSE 0 END, t.updated_at_hlc, t.device_id "
        f'FROM "{table}" AS t LEFT JOIN ('
        "SELECT g.row_id, g.n, g.f, g.hlc, d.device_id AS dev FROM ("
        "SELECT row_id, count(*) AS n, max(fields) AS f, max(hlc) AS hlc, device "  # device: of max(hlc)
        f"FROM change_log WHERE entity = '{table}' AND row_id IN ({{marks}}) GROUP BY row_id"
        ") AS g JOIN change_devices AS d ON d.no = g.device"
        ") AS l ON l.row_id = t.id WHERE t.id IN ({marks})"
    )


def _general_rows(conn: Connection, table: str, ids: Iterable[str]) -> dict[str, ExportedRow]:
    refs = _ref_columns(table)
    return {
        row_id: ExportedRow({c: state.values.get(c) for c in refs}, dumps(encode(state)))
        for row_id, state in load_states(conn, table, ids).items()
    }


def read_rows(
    conn: Connection, table: str, ids: Iterable[str], *, fast: bool = True
) -> dict[str, ExportedRow]:
    """The change records of the given rows (missing rows are absent)."""
    unique = list(dict.fromkeys(ids))
    if not fast or conn.dialect.name != "sqlite":
        return _general_rows(conn, table, unique)
    raw = conn.connection.driver_connection
    assert raw is not None
    refs = _ref_columns(table)
    line_at = 1 + len(refs)
    select = _fast_select(table)
    register_wire_functions(raw)
    found: dict[str, ExportedRow] = {}
    handed_over: list[str] = []
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        rows = raw.execute(select.format(marks=",".join("?" * len(chunk))), chunk + chunk).fetchall()
        several: dict[str, tuple[Any, ...]] = {}
        for row in rows:
            row_id, line, whole = row[0], row[line_at], row[line_at + 1]
            if line is None:
                handed_over.append(row_id)
            elif whole:
                found[row_id] = ExportedRow(dict(zip(refs, row[1:line_at], strict=True)), line)
            else:
                several[row_id] = row
        if not several:
            continue
        clocks_of = row_clocks(raw, table, {r: (row[-2], row[-1]) for r, row in several.items()})
        for row_id, row in several.items():
            clocks = clocks_of[row_id]
            default, overrides = (clocks, None) if isinstance(clocks, tuple) else clock_fields(clocks)
            head = fastjson.dumps({"t": table, "id": row_id, "c": default}, floats=False)
            tail = b"}" if overrides is None else b',"f":' + fastjson.dumps(overrides, floats=False) + b"}"
            line = head[:-1] + b',"v":' + row[line_at] + tail
            found[row_id] = ExportedRow(dict(zip(refs, row[1:line_at], strict=True)), line)
    if handed_over:
        found.update(_general_rows(conn, table, handed_over))
    return found


@dataclass
class Page:
    """One page of changes: JSON lines of at most ~``PAGE_BYTES``, and where it ends."""

    first_seq: int  # exclusive: the page holds changes after this seq
    last_seq: int  # inclusive
    upto_seq: int  # the export's snapshot end
    lines: list[bytes] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    attachments: list[str] = field(default_factory=list)  # sha256 of attachment files referenced
    size: int = 0

    @property
    def more(self) -> bool:
        return self.last_seq < self.upto_seq

    def records(self) -> list[dict[str, Any]]:
        return [fastjson.loads(line) for line in self.lines]


class _Extractor:
    def __init__(
        self, conn: Connection, after_seq: int, upto_seq: int, max_bytes: int, *, fast: bool = True
    ) -> None:
        self.conn = conn
        self.after_seq = after_seq
        self.upto_seq = upto_seq
        self.max_bytes = max_bytes
        self.fast = fast
        self._rows: dict[Key, ExportedRow] = {}
        self._latest_seq: dict[Key, int] = {}
        self._foreign_keys = {table: info.foreign_keys for table, info in schema().items()}
        self._ahead: list[Key] = []  # changes fetched but not placed when the last page filled up

    def _prefetch(self, keys: Iterable[Key]) -> None:
        by_table: dict[str, list[str]] = {}
        for table, row_id in keys:
            if (table, row_id) not in self._rows:
                by_table.setdefault(table, []).append(row_id)
        for table, ids in by_table.items():
            for row_id, row in read_rows(self.conn, table, ids, fast=self.fast).items():
                self._rows[(table, row_id)] = row

    def _row(self, key: Key) -> ExportedRow | None:
        if key not in self._rows:
            self._prefetch([key])
        return self._rows.get(key)

    def _latest(self, key: Key) -> int:
        if key not in self._latest_seq:
            value = self.conn.exec_driver_sql(
                "SELECT coalesce(max(seq), 0) FROM change_log WHERE entity = ? AND row_id = ?", key
            ).scalar()
            self._latest_seq[key] = int(value or 0)
        return self._latest_seq[key]

    def _needs_refs(self, key: Key, row: ExportedRow, page_start: int, included: set[Key]) -> bool:
        """Whether ``row`` references a row the receiver may not have yet (changed since the page
        began and not in it so far)."""
        refs = row.refs
        if not refs:
            return False
        latest_seq = self._latest_seq
        for column, ref_table in self._foreign_keys[key[0]]:
            ref_id = refs.get(column)
            if type(ref_id) is not str:
                continue
            ref = (ref_table, ref_id)
            if ref == key or ref in included:
                continue
            latest = latest_seq.get(ref)
            if (self._latest(ref) if latest is None else latest) > page_start:
                return True
        return False

    def _closure(self, key: Key, page_start: int, included: set[Key]) -> list[Key]:
        """``key`` and the rows it references that the receiver may not have yet, refs first."""
        row = self._rows.get(key)
        if row is not None and not self._needs_refs(key, row, page_start, included):
            return [key]  # every reference already sent (or none): no walk
        order: list[Key] = []
        seen: set[Key] = set()

        def visit(current: Key) -> None:
            seen.add(current)
            row = self._row(current)
            if row is None:
                return
            for column, ref_table in schema()[current[0]].foreign_keys:
                ref_id = row.refs.get(column)
                ref = (ref_table, ref_id) if isinstance(ref_id, str) else None
                if ref is None or ref in seen or ref in included:
                    continue
                if self._latest(ref) > page_start:
                    visit(ref)
            order.append(current)

        visit(key)
        return order

    def pages(self) -> Iterator[Page]:
        cursor = self.after_seq
        while cursor < self.upto_seq:
            page = self._page(cursor)
            yield page
            cursor = page.last_seq
            # Rows read ahead for changes the next page starts with are kept (they were read
            # after the export began, like the rest of this page); every other row is
            # dropped, so later pages read rows as they are then and memory stays bounded.
            ahead = self._ahead
            self._rows = {key: self._rows[key] for key in ahead if key in self._rows}

    def _page(self, start: int, stop_at: int | None = None) -> Page:
        """Changes after ``start``: until the page is full, or exactly up to ``stop_at``."""
        page = Page(first_seq=start, last_seq=start, upto_seq=self.upto_seq)
        included: set[Key] = set()
        tables = schema()
        raw = self.conn.connection.driver_connection  # plain tuples: ~144k rows per 100k changes
        assert raw is not None
        lines, counts = page.lines, page.counts
        limit = None if stop_at is not None else self.max_bytes
        while True:
            entries = raw.execute(
                "SELECT seq, entity, row_id FROM change_log WHERE seq > ? AND seq <= ? "
                "ORDER BY seq LIMIT 2000",
                (page.last_seq, self.upto_seq if stop_at is None else stop_at),
            ).fetchall()
            if not entries:
                return page
            self._prefetch((e, r) for _, e, r in entries if (e, r) not in included)
            rows = self._rows
            for index, (seq, entity, row_id) in enumerate(entries):
                key = (entity, row_id)
                if key in included or entity not in tables:
                    page.last_seq = seq
                    continue
                row = rows.get(key)
                if row is not None and not self._needs_refs(key, row, start, included):
                    # most rows: nothing to send before them, a record of their own
                    added = len(row.line) + 1
                    if limit is not None and lines and page.size + added > limit:
                        self._ahead = [(e, r) for _, e, r in entries[index:]]
                        return page
                    lines.append(row.line)
                    counts[entity] += 1
                    if entity == "attachments":
                        page.attachments.append(str(row.refs["sha256"]))
                    included.add(key)
                    page.size += added
                    page.last_seq = seq
                    continue
                candidate = [k for k in self._closure(key, start, included) if k not in included]
                pairs: list[tuple[Key, ExportedRow]] = []
                for member in candidate:
                    member_row = self._row(member)
                    if member_row is not None:
                        pairs.append((member, member_row))
                added = sum(len(member_row.line) + 1 for _, member_row in pairs)
                if limit is not None and lines and page.size + added > limit:
                    self._ahead = [(e, r) for _, e, r in entries[index:]]
                    return page
                for member, member_row in pairs:
                    lines.append(member_row.line)
                    counts[member[0]] += 1
                    if member[0] == "attachments":
                        page.attachments.append(str(member_row.refs["sha256"]))
                included.update(candidate)
                page.size += added
                page.last_seq = seq


def export_pages(
    conn: Connection,
    after_seq: int,
    upto_seq: int | None = None,
    max_bytes: int = PAGE_BYTES,
    *,
    fast: bool = True,
) -> Iterator[Page]:
    """Pages of the changes logged after ``after_seq`` (up to a snapshot end). ``fast=False``:
    every row through the general path (the reference the fast path is tested against)."""
    end = max_seq(conn) if upto_seq is None else upto_seq
    return _Extractor(conn, after_seq, end, max_bytes, fast=fast).pages()


def export_range(conn: Connection, after_seq: int, last_seq: int, upto_seq: int) -> Page:
    """The page of exactly the changes in (after_seq, last_seq] (a resumed upload re-sends the
    same ranges, so the server can keep the pages it already has)."""
    return _Extractor(conn, after_seq, upto_seq, PAGE_BYTES)._page(after_seq, stop_at=last_seq)
