"""The change format and its extraction from the local change log.

One change = one JSON object per row, carrying the row's current values and a clock per
column (read back from the change log, where every insert/update left its HLC, device and
changed columns)::

    {"t": "tasks", "id": "…", "c": [hlc, "device"], "f": {"status": [hlc2, "device2"]},
     "v": {"title": "…", "status": "done", "deleted": 0, …}}

``c`` is the clock of most columns, ``f`` the columns whose clock differs. Values are the raw
SQLite values (datetimes as int ms, booleans 0/1, JSON columns as text), so a record is
applied byte-exact on every device and the server never needs to interpret it.

Extraction into pages of at most ``PAGE_BYTES``: ``pages``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Float

from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.fingerprint import fingerprint_of_hex
from cadre_desk.domain.hlc import COUNTER_MAX, DEFAULT_MAX_DRIFT_MS, pack, wall_clock_ms
from cadre_desk.domain.summary import derived_summary, item_summary, stored_summary
from cadre_desk.domain.urls import item_url, stored_url
from cadre_desk.services.sync import fastjson
from cadre_desk.services.sync.merge import NO_CLOCK, Clock, RowState
from cadre_desk.storage.models import Base, append_only_tables, synced_tables

PAGE_BYTES = 1_000_000  # proxies and the server refuse big bodies: ≤ 1 MB per page/batch
_CHUNK = 400  # ids per IN (...) query
_SYNC_COLUMNS = ("id", "updated_at_hlc", "device_id")
_HEX_DIGITS = "0123456789abcdef"  # ids are 32 lowercase hex digits (checked with str.strip: fast)
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1  # what SQLite and PostgreSQL integers hold

Key = tuple[str, str]  # (table, row id)
# Columns stored as raw bytes (8-byte content fingerprints, ``domain.fingerprint``). Records carry
# them as 16 lowercase hex digits (JSON has no bytes, and every version reads text there); a
# record of an earlier version, with the full 64-digit SHA-256, means the same 8 bytes.
BYTES_COLUMNS: dict[str, tuple[str, ...]] = {"items": ("content_hash",)}
# An item's summary is stored as NULL when it is its body's start (``summary.stored_summary``), its
# link when it is its canonical URL (``urls.stored_url``); records carry both written out, as
# every version did.
_WIRE_FORM_TABLES = frozenset({*BYTES_COLUMNS, "items"})


class SyncFormatError(CadreError):
    """A change record is malformed (damaged file, or not from cadre_desk)."""

    next_step = "请在原设备上重新导出同步文件后再试；本机数据没有被改动。"


IMPOSSIBLE_CLOCK = "impossible_clock"  # the server's error code for such a record


class ImpossibleClockError(SyncFormatError):
    """A record's clock is negative or far in the future: written by a device whose clock was
    wrong, or forged. Accepting it would make that version win every later edit."""

    next_step = (
        "请校准写出这条记录的设备的系统时间；如果数据来自单位服务器，请管理员运行 "
        "cadre-desk-server doctor --repair 修复后再同步。本机数据没有被改动。"
    )


def latest_plausible_clock(now_ms: int | None = None) -> int:
    """The largest HLC a record may carry: the wall clock plus the drift any peer tolerates."""
    return pack((wall_clock_ms() if now_ms is None else now_ms) + DEFAULT_MAX_DRIFT_MS, COUNTER_MAX)


@dataclass(frozen=True)
class TableInfo:
    name: str
    columns: tuple[str, ...]  # synced value columns (without id / stamp columns)
    foreign_keys: tuple[tuple[str, str], ...]  # (column, referenced table)
    append_only: bool

    @property
    def known(self) -> frozenset[str]:
        return _known_columns(self.name)


@cache
def _known_columns(table: str) -> frozenset[str]:
    return frozenset(schema()[table].columns)


@cache
def schema() -> dict[str, TableInfo]:
    """Synced tables in foreign-key order."""
    append_only = set(append_only_tables())
    info: dict[str, TableInfo] = {}
    for name in synced_tables():
        table = Base.metadata.tables[name]
        columns = tuple(str(c.name) for c in table.columns if c.name not in _SYNC_COLUMNS)
        fks = tuple(
            (str(fk.parent.name), str(fk.column.table.name))
            for fk in table.foreign_keys
            if fk.column.table.name in Base.metadata.tables
        )
        info[name] = TableInfo(name, columns, fks, name in append_only)
    return info


# --------------------------------------------------------------------------- encoding


def clock_fields(clocks: dict[str, Clock]) -> tuple[Clock, dict[str, list[Any]] | None]:
    """A record's ``c`` (the clock of most columns) and ``f`` (the columns whose clock differs)."""
    if not clocks:
        return NO_CLOCK, None
    distinct = set(clocks.values())
    if len(distinct) == 1:  # one clock for the whole row (most rows): no per-field overrides
        (default,) = distinct
        return default, None
    default = Counter(clocks.values()).most_common(1)[0][0]
    return default, {c: list(k) for c, k in clocks.items() if k != default}


def encode(state: RowState) -> dict[str, Any]:
    default, overrides = clock_fields(state.clocks)
    if overrides is None:
        return {"t": state.table, "id": state.row_id, "c": list(default), "v": state.values}
    return {"t": state.table, "id": state.row_id, "c": list(default), "v": state.values, "f": overrides}


@cache
def _float_columns() -> dict[str, tuple[str, ...]]:
    """Per synced table, its float columns (the only values that can be non-finite)."""
    found: dict[str, tuple[str, ...]] = {}
    for name in synced_tables():
        columns = tuple(c.name for c in Base.metadata.tables[name].columns if isinstance(c.type, Float))
        if columns:
            found[name] = columns
    return found


def dumps(record: dict[str, Any]) -> bytes:
    """One record as compact JSON (values checked: a non-finite float is refused, not nulled)."""
    columns = _float_columns().get(record["t"])
    if columns:
        values = record["v"]
        for column in columns:
            value = values.get(column)
            if type(value) is float and not math.isfinite(value):
                raise SyncFormatError(f"{record['t']} 的字段 {column} 不是有限的数（{value}），无法同步。")
    return fastjson.dumps(record, floats=False)


def _clock(value: Any, latest: int) -> Clock:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or type(value[0]) is not int
        or not isinstance(value[1], str)
    ):
        raise SyncFormatError("同步数据中的时间戳格式不正确。")
    if not 0 <= value[0] <= latest:
        raise ImpossibleClockError(f"同步数据中有一条记录的时间戳不可能成立（{str(value[0])[:40]}）。")
    return (value[0], value[1])


def _is_record_hex(value: Any) -> bool:
    """Whether ``value`` is already a fingerprint as records carry it (16 lowercase hex digits):
    nearly every value a sync receives, which then needs no round trip through bytes."""
    return type(value) is str and len(value) == 16 and not value.strip(_HEX_DIGITS)


def wire_value(value: Any) -> Any:
    """A ``BYTES_COLUMNS`` value as records carry it: 16 hex digits (other values unchanged)."""
    if _is_record_hex(value):
        return value
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, str):
        stored = fingerprint_of_hex(value)
        return value if stored is None else stored.hex()
    return value


def stored_value(value: Any) -> Any:
    """A ``BYTES_COLUMNS`` value of a record as the database stores it (hex -> bytes)."""
    if _is_record_hex(value):
        return bytes.fromhex(value)
    if isinstance(value, str):
        return fingerprint_of_hex(value) or value
    return value


def _to_wire(table: str, values: dict[str, Any]) -> None:
    """Values as records carry them, in place (a database row's or a decoded record's)."""
    for column in BYTES_COLUMNS.get(table, ()):
        if column in values:
            values[column] = wire_value(values[column])
    if table == "items":
        if "summary" in values:
            values["summary"] = item_summary(values["summary"], values.get("content_html"))
        if "url" in values:
            values["url"] = item_url(values["url"], values.get("canonical_url"))


_HEX_TEXT = "NOT {x} GLOB '*[^0-9a-fA-F]*'"
_WIRE_SQL = {  # ``_to_wire`` in SQL, for the export path where SQLite writes the records
    ("items", "content_hash"): (
        "CASE typeof({x}) WHEN 'blob' THEN lower(hex({x})) WHEN 'text' THEN CASE"
        f" WHEN length({{x}}) IN (16, 64) AND {_HEX_TEXT} THEN lower(substr({{x}}, 1, 16))"
        " ELSE {x} END ELSE {x} END"
    ),
    ("items", "summary"): (
        "CASE WHEN {x} IS NULL AND length({t}.content_html) > 0"
        " THEN cd_derived_summary({t}.content_html) ELSE {x} END"
    ),
    ("items", "url"): "coalesce({x}, {t}.canonical_url)",
}


def wire_sql(table: str, column: str, alias: str) -> str:
    """SQL for the value of ``alias.column`` as records carry it (what ``_to_wire`` makes of it).
    Needs ``register_wire_functions`` on the connection."""
    x = f'{alias}."{column}"'
    template = _WIRE_SQL.get((table, column))
    return x if template is None else template.format(x=x, t=alias)


def register_wire_functions(raw: Any) -> None:
    raw.create_function("cd_derived_summary", 1, derived_summary, deterministic=True)


def stored_values(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """A record's values as the database stores them (a copy when any differs)."""
    if table not in _WIRE_FORM_TABLES:
        return values
    return to_stored(table, dict(values))


def to_stored(table: str, stored: dict[str, Any]) -> dict[str, Any]:
    """``stored_values`` in place, for values nothing else reads afterwards (the apply's own)."""
    if table not in _WIRE_FORM_TABLES:
        return stored
    for column in BYTES_COLUMNS.get(table, ()):
        if column in stored:
            stored[column] = stored_value(stored[column])
    if table == "items":
        if "summary" in stored:
            stored["summary"] = stored_summary(stored["summary"], stored.get("content_html"))
        if "url" in stored:
            stored["url"] = stored_url(stored["url"], stored.get("canonical_url"))
    return stored


def _check_value(table: str, value: Any) -> None:
    """Only what both databases store exactly: 64-bit integers, finite numbers, text, null."""
    kind = type(value)
    if kind is int:
        if INT64_MIN <= value <= INT64_MAX:
            return
    elif kind is float:
        if math.isfinite(value):
            return
    elif kind is bool:
        return
    raise SyncFormatError(f"同步数据中 {table} 的字段值格式不正确。")


def decode(record: Any, latest: int | None = None) -> RowState:
    """Validate one record against the local schema and turn it into a row state. ``latest``:
    the largest clock accepted (``latest_plausible_clock()``, read once per batch by callers that
    decode many records)."""
    if not isinstance(record, dict):
        raise SyncFormatError("同步数据中有一条记录不是对象。")
    table, row_id, values = record.get("t"), record.get("id"), record.get("v")
    info = schema().get(table) if isinstance(table, str) else None
    if info is None:
        raise SyncFormatError(f"同步数据包含未知的数据表：{str(table)[:60]}")
    if not isinstance(row_id, str) or len(row_id) != 32 or row_id.strip(_HEX_DIGITS):
        raise SyncFormatError(f"同步数据中 {table} 的编号格式不正确。")
    if not isinstance(values, dict):
        raise SyncFormatError(f"同步数据中 {table} 的内容格式不正确。")
    if latest is None:
        latest = latest_plausible_clock()
    default = _clock(record.get("c"), latest)
    overrides = record.get("f") or {}
    if not isinstance(overrides, dict):
        raise SyncFormatError("同步数据中的字段时间戳格式不正确。")
    known = info.known
    # Columns a newer version added are ignored; a record must still carry every column we know.
    if values.keys() == known:
        kept = dict(values)
    else:
        kept = {c: v for c, v in values.items() if c in known}
        if len(kept) != len(known):
            missing = sorted(known - set(kept))[:5]
            raise SyncFormatError(f"同步数据中 {table} 缺少字段：{', '.join(missing)}")
    for value in kept.values():
        kind = type(value)
        if kind is str or value is None or (kind is int and INT64_MIN <= value <= INT64_MAX):
            continue  # (most values: checked here without a call)
        _check_value(info.name, value)
    if info.name in _WIRE_FORM_TABLES:
        _to_wire(info.name, kept)
    if overrides:
        clocks = {c: _clock(overrides[c], latest) if c in overrides else default for c in kept}
        return RowState(info.name, row_id, kept, clocks)
    return RowState(info.name, row_id, kept, dict.fromkeys(kept, default), default if kept else None)


# --------------------------------------------------------------------------- reading local state


def _chunks(items: list[str], size: int = _CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def load_states(conn: Connection, table: str, ids: Iterable[str]) -> dict[str, RowState]:
    """Current values and per-field clocks of the given rows (missing rows are absent)."""
    info = schema()[table]
    columns = info.columns
    select_cols = ", ".join(f'"{c}"' for c in (*_SYNC_COLUMNS, *columns))
    states: dict[str, RowState] = {}
    raw = conn.connection.driver_connection  # the sqlite3 connection: plain tuples, no per-row overhead
    assert raw is not None
    for chunk in _chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        rows = raw.execute(f'SELECT {select_cols} FROM "{table}" WHERE id IN ({marks})', chunk).fetchall()
        row_clock: dict[str, Clock] = {}
        for row in rows:
            values = dict(zip(columns, row[3:], strict=True))
            if table in _WIRE_FORM_TABLES:
                _to_wire(table, values)
            states[row[0]] = RowState(table, row[0], values, {})
            row_clock[row[0]] = (row[1], row[2])
        for row_id, clocks in row_clocks(raw, table, row_clock).items():
            states[row_id].clocks = dict.fromkeys(columns, clocks) if isinstance(clocks, tuple) else clocks
    return states


def row_clocks(raw: Any, table: str, row_clock: dict[str, Clock]) -> dict[str, Clock | dict[str, Clock]]:
    """Per row, the clock of every column (one clock, when all columns share it: most rows), read
    back from the change log; ``row_clock`` holds the rows' stamps (``updated_at_hlc``,
    ``device_id``), which stand in for columns the log never names (rows older than their log)."""
    if not row_clock:
        return {}
    columns = schema()[table].columns
    known = _known_columns(table)
    ids = list(row_clock)
    marks = ",".join("?" * len(ids))
    logs = raw.execute(
        "SELECT l.row_id, l.hlc, d.device_id, l.fields FROM change_log AS l "
        f"JOIN change_devices AS d ON d.no = l.device WHERE l.entity = ? AND l.row_id IN ({marks})",
        (table, *ids),
    ).fetchall()
    found: dict[str, Clock | dict[str, Clock]] = {}
    for row_id, hlc, device, fields in logs:
        if row_id not in row_clock:
            continue
        clock = (hlc, device)
        current = found.get(row_id)
        if fields is None:  # an entry for the whole row
            if current is None:  # the first entry of the row (most often its only one)
                found[row_id] = clock
            elif isinstance(current, tuple):
                found[row_id] = max(current, clock)
            else:
                for column in columns:
                    if clock > current.get(column, NO_CLOCK):
                        current[column] = clock
            continue
        if current is None:
            per_column: dict[str, Clock] = {}
        elif isinstance(current, tuple):
            per_column = dict.fromkeys(columns, current)
        else:
            per_column = current
        found[row_id] = per_column
        for column in fields.split(","):
            if column in known and clock > per_column.get(column, NO_CLOCK):
                per_column[column] = clock
    for row_id, fallback in row_clock.items():
        clocks = found.get(row_id)
        if clocks is None:
            found[row_id] = fallback
        elif isinstance(clocks, dict) and len(clocks) < len(columns):
            for column in columns:
                clocks.setdefault(column, fallback)
    return found


def knowledge_vector(conn: Connection, upto_seq: int | None = None) -> dict[str, int]:
    """The newest HLC this device holds from each device."""
    newest = "SELECT device, max(hlc) AS hlc FROM change_log"
    params: tuple[Any, ...] = ()
    if upto_seq is not None:
        newest += " WHERE seq <= ?"
        params = (upto_seq,)
    sql = (
        f"SELECT d.device_id, v.hlc FROM ({newest} GROUP BY device) AS v "
        "JOIN change_devices AS d ON d.no = v.device"
    )
    return {device: hlc for device, hlc in conn.exec_driver_sql(sql, params)}


def max_seq(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_log").scalar() or 0)
