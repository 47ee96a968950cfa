"""The server's merge of uploaded rows into ``srv_rows``, set-based per transaction.

Plain SQL on the transaction's DB-API cursor throughout: Core statements built per batch cost
more Python than the writer's whole database work, and SQLAlchemy's per-row parameter
processing more than the inserts themselves at 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from cadre_desk.services.sync import fastjson
from cadre_desk.services.sync.merge import RowState, merge_states
from cadre_desk.services.sync.records import decode, dumps, encode, schema
from cadre_desk.storage.types import to_ms

Key = tuple[str, str]
_CHUNK = 500
_RECORD_KEYS = frozenset(("t", "id", "c", "v", "f"))
COPY_MIN_ROWS = 1_000  # from this many new rows PostgreSQL takes them by COPY
ANALYZE_TARGET = 10  # statistics target of the ANALYZE after a COPY (PostgreSQL's default: 100)
STAGED_LINES = "cadre-staged-lines-1\n"  # marks a staged page body in the pre-split form


def marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def run(conn: Any, sql: str, params: Sequence[Any] = ()) -> list[Any]:
    """One statement on the transaction's DB-API cursor (``?`` marks; ``%s`` for psycopg)."""
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall()) if cursor.description else []
    finally:
        cursor.close()


@cache
def _table_order() -> dict[str, int]:
    return {table: n for n, table in enumerate(schema())}


@dataclass
class Writes:
    inserts: list[tuple[Any, ...]] = field(default_factory=list)
    updates: list[tuple[Any, ...]] = field(default_factory=list)
    sessions: list[tuple[str, str, int]] = field(default_factory=list)


def merge_user(
    conn: Any,
    user_id: str,
    incoming: dict[Key, RowState],
    writes: Writes,
    plain: dict[Key, str] | None = None,
    held: dict[Key, str] | None = None,
) -> int:
    """Merge one user's incoming rows; queue the row writes; returns the user's new cursor.

    ``plain`` are checked records of rows the server does not hold, in their stored form
    (``stored_record``); ``held`` the stored records of ``incoming`` rows, when the caller read
    them already."""
    changed = merge_rows(conn, user_id, incoming, held)
    count = len(changed) + len(plain or ())
    cursor = int(
        run(conn, "UPDATE srv_users SET seq = seq + ? WHERE id = ? RETURNING seq", (count, user_id))[0][0]
    )
    queue_changes(user_id, changed, cursor - count, writes, plain)
    return cursor


def queue_changes(
    user_id: str,
    changed: list[tuple[str, str, str, bool]],
    last_seq: int,
    writes: Writes,
    plain: dict[Key, str] | None = None,
) -> int:
    """Number a user's changed rows after ``last_seq`` (referenced tables first) and queue their
    writes; returns the user's new cursor (the caller stores it as the user's counter).

    ``plain`` are rows new to the server (their stored text), numbered after the changed rows of
    their table. They are taken as they are, not as (table, id, text, new) tuples sorted with the
    others: at 100,000 rows that sort and those tuples were ~0.1 s of the commit."""
    order = _table_order()
    new_keys: dict[str, list[Key]] = {}
    if plain:
        tables = {key[0] for key in plain}
        if len(tables) == 1:
            new_keys[tables.pop()] = list(plain)
        else:
            for key in plain:
                new_keys.setdefault(key[0], []).append(key)
    by_table: dict[str, list[tuple[str, str, str, bool]]] = {}  # (each in the order it came)
    for change in changed:
        by_table.setdefault(change[0], []).append(change)
    n = last_seq
    for table in sorted(by_table.keys() | new_keys.keys(), key=order.__getitem__):  # referenced first
        for _, row_id, text, is_new in by_table.get(table, ()):
            n += 1
            if is_new:
                writes.inserts.append((user_id, table, row_id, n, text))
            else:
                writes.updates.append((n, text, user_id, table, row_id))
        keys = new_keys.get(table)
        if keys and plain:
            writes.inserts.extend(
                [(user_id, table, key[1], seq, plain[key]) for seq, key in enumerate(keys, start=n + 1)]
            )
            n += len(keys)
    return n


def stored_record(record: dict[str, Any], state: RowState) -> bytes:
    """The text a checked record is stored as: as it came when it holds exactly the known
    columns and fields; otherwise (columns this server does not know, extra fields) as it reads."""
    if record.keys() <= _RECORD_KEYS and record["v"].keys() == schema()[state.table].known:
        return fastjson.dumps(record, floats=False)
    return dumps(encode(state))


def staged_entries(body: str) -> Iterator[tuple[Key, str]]:
    """((table, row id), record text to store) of each record of a staged page.

    Pages are staged as ``STAGED_LINES`` bodies: one ``table<TAB>id<TAB>record`` line per record,
    the record already in its stored form, so a commit neither parses nor encodes them again.
    Pages staged by earlier versions (a JSON list, or the whole push request body) still commit.
    """
    if body.startswith(STAGED_LINES):
        for line in body[len(STAGED_LINES) :].split("\n"):
            table, row_id, text = line.split("\t", 2)
            yield (table, row_id), text
        return
    data = fastjson.loads(body)
    for record in data["records"] if isinstance(data, dict) else data:
        yield (record["t"], record["id"]), stored_record(record, decode(record)).decode()


_COPY_ROWS = 2_000  # rows per chunk of COPY data
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def copy_text(rows: Sequence[tuple[Any, ...]]) -> str:
    """Rows in PostgreSQL's COPY text format (what psycopg's ``write_row`` sends): tab-separated,
    backslash, newline, carriage return and tab escaped, ``\\N`` for NULL.

    The rows are joined with two stand-in separators and escaped by a few whole-text replaces
    (~0.2 us a row; escaping field by field in Python took ~7). Rows holding NULL or a
    stand-in character go field by field."""
    if rows:
        width = len(rows[0])
        text = _ROW_MARK.join([_FIELD_MARK.join(map(str, row)) for row in rows])
        if (
            text.count(_FIELD_MARK) == (width - 1) * len(rows)
            and text.count(_ROW_MARK) == len(rows) - 1
            and all(len(row) == width and None not in row for row in rows)
        ):
            for special, escaped in _COPY_ESCAPED:
                if special in text:
                    text = text.replace(special, escaped)
            return text.replace(_FIELD_MARK, "\t").replace(_ROW_MARK, "\n") + "\n"
    return _copy_text_by_field(rows)


_FIELD_MARK, _ROW_MARK = "\x00", "\x01"  # PostgreSQL text never holds NUL; \x01 is counted
_COPY_ESCAPED = (("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))  # backslash first


def _copy_text_by_field(rows: Sequence[tuple[Any, ...]]) -> str:
    lines = []
    for row in rows:
        fields = []
        for value in row:
            if value is None:
                fields.append("\\N")
                continue
            text = str(value)
            if "\\" in text or "\n" in text or "\r" in text or "\t" in text:
                text = text.translate(_COPY_ESCAPES)
            fields.append(text)
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def flush(conn: Any, writes: Writes) -> None:
    # Plain DB-API executemany with tuples: SQLAlchemy's per-row parameter processing cost
    # more than the inserts themselves at 100,000 rows. On PostgreSQL a large batch goes
    # through COPY: psycopg's executemany still spends ~30 µs of Python per row.
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    if len(writes.inserts) >= COPY_MIN_ROWS and conn.dialect.name == "postgresql":
        cursor = conn.connection.cursor()
        try:
            with cursor.copy("COPY srv_rows (user_id, entity, row_id, seq, record) FROM STDIN") as copy:
                for start in range(0, len(writes.inserts), _COPY_ROWS):
                    copy.write(copy_text(writes.inserts[start : start + _COPY_ROWS]))
            # Fresh statistics: right after a large first upload the planner still took the table
            # for empty and every pull page scanned it (100,000 rows pulled: 6.4 s -> 0.4 s).
            # A small sample is enough for that (the row count, the users): 0.16 s -> 0.01 s at
            # 100,000 rows, in the commit the client waits for; autovacuum's ANALYZE takes the
            # full sample later.
            cursor.execute(f"SET LOCAL default_statistics_target = {ANALYZE_TARGET}")
            cursor.execute("ANALYZE srv_rows")  # (the target goes back at the transaction's end)
        finally:
            cursor.close()
    elif writes.inserts:
        conn.exec_driver_sql(
            f"INSERT INTO srv_rows (user_id, entity, row_id, seq, record) VALUES ({', '.join([mark] * 5)})",
            writes.inserts,
        )
    if writes.updates:
        conn.exec_driver_sql(
            f"UPDATE srv_rows SET seq = {mark}, record = {mark} "
            f"WHERE user_id = {mark} AND entity = {mark} AND row_id = {mark}",
            writes.updates,
        )
    if writes.sessions:
        now = to_ms(datetime.now(UTC))
        conn.exec_driver_sql(
            "INSERT INTO srv_sessions (user_id, session, cursor, committed_at) "
            f"VALUES ({', '.join([mark] * 4)})",
            [(user, session, cursor, now) for user, session, cursor in writes.sessions],
        )


def held_records(conn: Any, user_id: str, keys: Iterable[Key]) -> dict[Key, str]:
    """The stored records of those rows the server holds already."""
    by_table: dict[str, list[str]] = {}
    for table, row_id in keys:
        by_table.setdefault(table, []).append(row_id)
    held: dict[Key, str] = {}
    if sum(map(len, by_table.values())) >= _CHUNK and not run(
        conn, "SELECT 1 FROM srv_rows WHERE user_id = ? LIMIT 1", (user_id,)
    ):
        return held  # a user's first upload: nothing to look up (100,000 keys took ~0.27 s on PG)
    postgresql = conn.dialect.name == "postgresql"
    for table, ids in by_table.items():
        if postgresql:  # one array parameter: psycopg parsed each query of 500 marks in Python
            for row_id, record in run(
                conn,
                "SELECT row_id, record FROM srv_rows WHERE user_id = ? AND entity = ? AND row_id = ANY(?)",
                (user_id, table, ids),
            ):
                held[(table, row_id)] = record
            continue
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows = run(
                conn,
                "SELECT row_id, record FROM srv_rows WHERE user_id = ? AND entity = ? "
                f"AND row_id IN ({marks(chunk)})",
                (user_id, table, *chunk),
            )
            for row_id, record in rows:
                held[(table, row_id)] = record
    return held


def held_records_of_users(conn: Any, incoming: dict[str, dict[Key, Any]]) -> dict[str, dict[Key, str]]:
    """``held_records`` for several users at once: one statement per table and chunk of ids
    (not per user), the rows of other users' keys that match by chance dropped."""
    wanted: dict[str, set[tuple[str, str]]] = {}
    for user_id, keys in incoming.items():
        for table, row_id in keys:
            wanted.setdefault(table, set()).add((user_id, row_id))
    held: dict[str, dict[Key, str]] = {}
    for table, pairs in wanted.items():
        users = sorted({user_id for user_id, _ in pairs})
        ids = sorted({row_id for _, row_id in pairs})
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            rows = run(
                conn,
                f"SELECT user_id, row_id, record FROM srv_rows WHERE user_id IN ({marks(users)}) "
                f"AND entity = ? AND row_id IN ({marks(chunk)})",
                (*users, table, *chunk),
            )
            for user_id, row_id, record in rows:
                if (user_id, row_id) in pairs:
                    held.setdefault(user_id, {})[(table, row_id)] = record
    return held


def merge_rows(
    conn: Any, user_id: str, incoming: dict[Key, RowState], held: dict[Key, str] | None = None
) -> list[tuple[str, str, str, bool]]:
    """(table, row id, record text, new to the server) of the incoming rows that change it."""
    if held is None:
        held = held_records(conn, user_id, incoming)
    changed: list[tuple[str, str, str, bool]] = []
    tables = schema()
    for key, remote in incoming.items():
        text = held.get(key)
        local = decode(fastjson.loads(text)) if text is not None else None
        outcome = merge_states(local, remote, append_only=tables[key[0]].append_only)
        if outcome.changed:
            changed.append((key[0], key[1], dumps(encode(outcome.merged)).decode(), local is None))
    return changed


# -- pull ----------------------------------------------------------------------------------
