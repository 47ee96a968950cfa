"""SQLite triggers: the one place where changes are logged and invariants enforced.

Triggers are derived from the live schema (``PRAGMA table_info``), not from the Python models,
so they always match the columns a migration left behind. ``install_triggers`` drops and
recreates them all; migrations call it after every upgrade.

* synced tables: every INSERT/UPDATE writes a ``change_log`` row (with the changed columns);
  an UPDATE that does not advance ``updated_at_hlc`` is refused (it would escape sync);
  hard DELETE is refused (tombstones travel, deletions do not).
* append-only tables: UPDATE is refused as well.
* ``items``: per-source counters in ``source_stats`` stay exact; changed items are queued for
  the full-text index (``storage.search_index``).

Bulk inserts (``storage.bulk_write``) skip the three per-row INSERT triggers while a row of
``bulk_write_guard`` names their table, and then do the same work once, set-based
(``batch_statements``). Trigger bodies and batch statements are built from the same fragments
below, so they cannot drift apart; a property test compares the two paths row for row.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from cadre_desk.storage import search_index
from cadre_desk.storage.models import append_only_tables, device_local_columns, is_synced_table, synced_tables

_PREFIX = "cd_"
_UNTRACKED = {"updated_at_hlc", "device_id"}
# While sync applies remote rows it writes the change log itself (see models.SyncApplyGuard).
_NOT_APPLYING = "NOT EXISTS (SELECT 1 FROM sync_apply_guard)"
BULK_GUARD_TABLE = "bulk_write_guard"


def _not_bulk(table: str) -> str:
    """True unless a bulk insert into ``table`` is under way in this transaction."""
    return f"NOT EXISTS (SELECT 1 FROM {BULK_GUARD_TABLE} WHERE table_name = '{table}')"


DEVICES_TABLE = "change_devices"


def _device(row: str, numbered: bool) -> str:
    """The change log's value for the device of ``row``: its number in ``change_devices``
    (since migration 0018), or the id itself in an older schema."""
    if not numbered:
        return f"{row}.device_id"
    return f"(SELECT no FROM {DEVICES_TABLE} WHERE device_id = {row}.device_id)"


def _register_device(row: str) -> str:
    """Give the device of ``row`` its number, if it has none yet (before logging the row)."""
    return (
        f"INSERT INTO {DEVICES_TABLE} (device_id) SELECT {row}.device_id "
        f"WHERE NOT EXISTS (SELECT 1 FROM {DEVICES_TABLE} WHERE device_id = {row}.device_id);"
    )


def _log_insert_values(table: str, row: str, numbered: bool = True) -> str:
    """The change-log entry of an inserted row (``row`` is NEW in a trigger, the row alias in a batch)."""
    return f"'{table}', {row}.id, {row}.updated_at_hlc, {_device(row, numbered)}, 'insert', NULL"


def _log_columns(numbered: bool = True) -> str:
    return f"change_log (entity, row_id, hlc, {'device' if numbered else 'device_id'}, op, fields)"


# sync's apply writes the log entries of remote rows itself: (entity, row_id, hlc, device id, op,
# fields), the device id registered first (REGISTER_DEVICE_SQL, bound twice).
LOG_ROW_SQL = (
    f"INSERT INTO {_log_columns()} "
    f"VALUES (?, ?, ?, (SELECT no FROM {DEVICES_TABLE} WHERE device_id = ?), ?, ?)"
)
REGISTER_DEVICE_SQL = (
    f"INSERT INTO {DEVICES_TABLE} (device_id) SELECT ? "
    f"WHERE NOT EXISTS (SELECT 1 FROM {DEVICES_TABLE} WHERE device_id = ?)"
)


def _columns(conn: Connection, table: str) -> list[str]:
    return [row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')]


def _existing_triggers(conn: Connection) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?", (_PREFIX + "%",)
    )
    return [row[0] for row in rows]


def drop_triggers(conn: Connection) -> None:
    for name in _existing_triggers(conn):
        conn.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')


def _changed_fields_expr(columns: list[str], local: frozenset[str] = frozenset()) -> str:
    parts = [
        f"CASE WHEN NEW.\"{c}\" IS NOT OLD.\"{c}\" THEN '{c},' ELSE '' END"
        for c in columns
        if c not in _UNTRACKED and c != "id" and c not in local
    ]
    return "rtrim(" + " || ".join(parts) + ", ',')" if parts else "NULL"


def _synced_table_ddl(
    table: str,
    columns: list[str],
    append_only: bool,
    not_applying: str = _NOT_APPLYING,
    bulk: bool = True,
    numbered: bool = True,
) -> list[str]:
    _NOT_APPLYING = not_applying
    insert_when = f"{not_applying} AND {_not_bulk(table)}" if bulk else not_applying
    register = f"\n  {_register_device('NEW')}" if numbered else ""
    ddl = [
        f"""CREATE TRIGGER {_PREFIX}{table}_log_insert AFTER INSERT ON "{table}"
WHEN {insert_when} BEGIN{register}
  INSERT INTO {_log_columns(numbered)} VALUES ({_log_insert_values(table, "NEW", numbered)});
END""",
        f"""CREATE TRIGGER {_PREFIX}{table}_no_delete BEFORE DELETE ON "{table}" BEGIN
  SELECT RAISE(ABORT, 'cadre_desk: rows of {table} are never deleted; set deleted = 1');
END""",
    ]
    if append_only:
        ddl.append(
            f"""CREATE TRIGGER {_PREFIX}{table}_append_only BEFORE UPDATE ON "{table}" BEGIN
  SELECT RAISE(ABORT, 'cadre_desk: {table} is append-only; record a superseding row');
END"""
        )
        return ddl
    local = device_local_columns(table)
    # An UPDATE that sets only device-local columns (the analysis writing cluster ids) is not a
    # change to sync: no stamp needed, no change-log row (UPDATE OF fires only when the SET
    # clause names one of the listed columns).
    update_of = " OF " + ", ".join(f'"{c}"' for c in columns if c not in local) if local else ""
    ddl += [
        f"""CREATE TRIGGER {_PREFIX}{table}_needs_stamp BEFORE UPDATE{update_of} ON "{table}"
WHEN NEW.updated_at_hlc IS OLD.updated_at_hlc AND {_NOT_APPLYING} BEGIN
  SELECT RAISE(ABORT, 'cadre_desk: update of {table} without a new HLC stamp');
END""",
        f"""CREATE TRIGGER {_PREFIX}{table}_log_update AFTER UPDATE{update_of} ON "{table}"
WHEN {_NOT_APPLYING} BEGIN{register}
  INSERT INTO {_log_columns(numbered)}
  VALUES ('{table}', NEW.id, NEW.updated_at_hlc, {_device("NEW", numbered)},
          CASE WHEN NEW.deleted AND NOT OLD.deleted THEN 'delete' ELSE 'update' END,
          {_changed_fields_expr(columns, local)});
END""",
    ]
    return ddl


_CONTRIBUTION = {
    "item_count": "(NOT {r}.deleted)",
    "unread_count": "(NOT {r}.deleted AND NOT {r}.is_read AND NOT {r}.is_muted)",
    "starred_count": "(NOT {r}.deleted AND {r}.is_starred)",
}


def _last_item_at(row: str) -> str:
    return f"CASE WHEN {row}.deleted THEN NULL ELSE {row}.published_at END"


_STATS_COLUMNS = f"source_stats (source_id, {', '.join(_CONTRIBUTION)}, last_item_at)"
_STATS_UPSERT = (
    "ON CONFLICT (source_id) DO UPDATE SET "
    + ", ".join(f"{col} = {col} + excluded.{col}" for col in _CONTRIBUTION)
    + ", last_item_at = max(coalesce(last_item_at, 0), coalesce(excluded.last_item_at, 0))"
)


def _stats_add(row: str) -> str:
    values = ", ".join(expr.format(r=row) for expr in _CONTRIBUTION.values())
    return f"""INSERT INTO {_STATS_COLUMNS}
  VALUES ({row}.source_id, {values}, {_last_item_at(row)})
  {_STATS_UPSERT};"""


def _stats_add_batch(mark: str) -> str:
    """``_stats_add`` for every items row after rowid ``mark`` at once. Row by row, a source's
    first row stores its last_item_at as is (NULL when deleted) and each later row folds in
    ``max(coalesce(.., 0), coalesce(.., 0))``: one row per new source keeps its value, two or more
    give the coalesced maximum, and an existing source takes the upsert's same maximum.

    ``NOT INDEXED``: left to itself the planner answers ``GROUP BY source_id`` by walking the
    whole (source_id, guid) index and testing each entry's rowid, so every batch read the entire
    table's index: 31 ms per 5,000 rows at 200k items, growing with the table (quadratic over a
    demo run). Reading the batch's own rows by rowid range and grouping them in a temp B-tree
    takes 5.6 ms at any size."""
    sums = ", ".join(f"sum({expr.format(r='r')})" for expr in _CONTRIBUTION.values())
    last = _last_item_at("r")
    return f"""INSERT INTO {_STATS_COLUMNS}
  SELECT r.source_id, {sums},
         CASE WHEN count(*) = 1 THEN max({last}) ELSE max(coalesce({last}, 0)) END
  FROM items AS r NOT INDEXED WHERE r.rowid > {mark} GROUP BY r.source_id
  {_STATS_UPSERT}"""


def _stats_ddl(bulk: bool = True) -> list[str]:
    subtract = ", ".join(f"{col} = {col} - {expr.format(r='OLD')}" for col, expr in _CONTRIBUTION.items())
    watched = " OR ".join(
        f"OLD.{c} IS NOT NEW.{c}" for c in ("deleted", "is_read", "is_muted", "is_starred", "source_id")
    )
    return [
        f"""CREATE TRIGGER {_PREFIX}items_stats_insert AFTER INSERT ON items
WHEN {_not_bulk("items") if bulk else "1"} BEGIN
  {_stats_add("NEW")}
END""",
        f"""CREATE TRIGGER {_PREFIX}items_stats_update AFTER UPDATE ON items WHEN {watched} BEGIN
  UPDATE source_stats SET {subtract} WHERE source_id = OLD.source_id;
  {_stats_add("NEW")}
END""",
        f"""CREATE TRIGGER {_PREFIX}items_stats_published AFTER UPDATE OF published_at ON items
WHEN NOT NEW.deleted BEGIN
  UPDATE source_stats SET last_item_at = max(coalesce(last_item_at, 0), NEW.published_at)
  WHERE source_id = NEW.source_id;
END""",
    ]


def trigger_ddl(conn: Connection) -> list[str]:
    """Every cadre_desk trigger's CREATE statement for the file's current schema."""
    append_only = set(append_only_tables())
    present = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    bulk = BULK_GUARD_TABLE in present
    numbered = DEVICES_TABLE in present
    ddl: list[str] = []
    for table in synced_tables():
        if table not in present:
            continue
        guard = _NOT_APPLYING if "sync_apply_guard" in present else "1"
        ddl += _synced_table_ddl(table, _columns(conn, table), table in append_only, guard, bulk, numbered)
    if "items" in present and "source_stats" in present:
        ddl += _stats_ddl(bulk)
    if "items" in present and search_index.QUEUE_TABLE in present:
        insert_when = _not_bulk("items") if bulk else "1"
        ddl += search_index.trigger_ddl(_PREFIX, insert_when)
    return ddl


def install_triggers(conn: Connection) -> None:
    """(Re)create every cadre_desk trigger from the current schema."""
    drop_triggers(conn)
    for statement in trigger_ddl(conn):
        conn.exec_driver_sql(statement)


def triggers_current(conn: Connection) -> bool:
    """Whether the file's triggers are word for word the ones this version installs. They are
    code, not schema: a version can change them without a migration (cluster ids became
    device-local so), and a profile already at the newest revision must still get them."""
    stored = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?", (_PREFIX + "%",)
    )
    return sorted(row[0] for row in stored) == sorted(trigger_ddl(conn))


def insert_trigger_names(table: str) -> list[str]:
    """The per-row INSERT triggers of ``table`` whose work ``batch_statements`` does."""
    names = [f"{_PREFIX}{table}_log_insert"]
    if table == "items":
        names += [f"{_PREFIX}items_stats_insert", f"{_PREFIX}items_search_insert"]
    return names


def logged_inserts_sql(table: str, mark: str) -> str:
    """The change-log entry the log-insert trigger writes, for every row of ``table`` after rowid
    ``mark``, in rowid (= insertion) order, whether or not a sync apply is under way: for a writer
    that logs its own rows (``services.sync.apply``), knows them to be plain inserts and has
    numbered their devices (``REGISTER_DEVICE_SQL``)."""
    return f"""INSERT INTO {_log_columns()}
  SELECT {_log_insert_values(table, "r")} FROM "{table}" AS r
  WHERE r.rowid > {mark} ORDER BY r.rowid"""


def batch_statements(table: str, mark: str, numbered: bool = True, scan_devices: bool = True) -> list[str]:
    """What the per-row INSERT triggers of ``table`` do, for every row after rowid ``mark``, in
    rowid (= insertion) order. Run by ``storage.bulk_write`` after a guarded bulk insert."""
    statements = []
    if is_synced_table(table):  # per batch: synced_tables() sorted every table (0.7 s CPU per 1M demo items)
        batch = f'"{table}" AS r WHERE r.rowid > {mark} AND {_NOT_APPLYING}'
    if is_synced_table(table) and numbered and scan_devices:  # else the caller registered them
        # new device ids numbered in order of first appearance, as the per-row trigger numbers them
        statements.append(
            f"""INSERT INTO {DEVICES_TABLE} (device_id)
  SELECT r.device_id FROM {batch}
  AND NOT EXISTS (SELECT 1 FROM {DEVICES_TABLE} AS d WHERE d.device_id = r.device_id)
  GROUP BY r.device_id ORDER BY min(r.rowid)"""
        )
    if is_synced_table(table):
        statements.append(
            f"""INSERT INTO {_log_columns(numbered)}
  SELECT {_log_insert_values(table, "r", numbered)} FROM {batch} ORDER BY r.rowid"""
        )
    if table == "items":
        statements.append(_stats_add_batch(mark))
        statements.append(search_index.queue_batch_sql(mark))
    return statements


def rebuild_source_stats(conn: Connection) -> None:
    """Recompute the counters from the items table (used by ``doctor``)."""
    conn.execute(text("DELETE FROM source_stats"))
    conn.execute(
        text(
            """INSERT INTO source_stats (source_id, item_count, unread_count, starred_count, last_item_at)
            SELECT source_id,
                   sum(NOT deleted),
                   sum(NOT deleted AND NOT is_read AND NOT is_muted),
                   sum(NOT deleted AND is_starred),
                   max(CASE WHEN deleted THEN NULL ELSE published_at END)
            FROM items GROUP BY source_id"""
        )
    )
