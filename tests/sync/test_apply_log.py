"""The change log a sync apply writes: new rows with one clock have their entries copied by SQLite
from the rows (``logged_inserts_sql``), the rest are bound row by row. Both ways give the same
entries in the same order: compared here over random mixes of new, edited and deleted rows."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from cadre_desk.services.sync import apply as apply_module
from cadre_desk.services.sync.apply import apply_records, combine
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.services.sync.records import decode, schema
from cadre_desk.storage.models import Item, Task, synced_tables
from tests.sync.helpers import Replica, add_items, tombstone

MakeReplica = Callable[..., Replica]


def _records(replica: Replica, after: int = 0) -> list[dict[str, Any]]:
    with replica.db.engine.connect() as conn:
        return [r for page in export_pages(conn, after) for r in page.records()]


def _log(replica: Replica) -> list[tuple[Any, ...]]:
    with replica.db.engine.connect() as conn:
        return list(
            conn.exec_driver_sql(
                "SELECT entity, row_id, hlc, d.device_id, op, fields, device FROM change_log"
                " JOIN change_devices AS d ON d.no = change_log.device ORDER BY seq"
            )
        )


def _devices(replica: Replica) -> list[tuple[Any, ...]]:
    with replica.db.engine.connect() as conn:
        return list(conn.exec_driver_sql("SELECT no, device_id FROM change_devices ORDER BY no"))


def _last_seq(replica: Replica) -> int:
    return replica.count("SELECT coalesce(max(seq), 0) FROM change_log")


def test_table_and_column_names_are_plain_str() -> None:
    """sqlite3 offers a ``str`` subclass (SQLAlchemy's ``quoted_name``) to its adapters each time it
    is bound: every change-log entry of an apply binds its table's name."""
    assert all(type(name) is str for name in synced_tables())
    for name, info in schema().items():
        assert type(name) is str and type(info.name) is str
        assert all(type(column) is str for column in info.columns)
        assert all(type(c) is str and type(t) is str for c, t in info.foreign_keys)


@pytest.mark.parametrize("seed", range(4))
def test_entries_copied_by_sqlite_equal_entries_bound_row_by_row(
    make_replica: MakeReplica, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    a, c = make_replica("a"), make_replica("c")
    add_items(c, c.add_source("清河县应急管理局"), rng.randint(0, 80))
    apply_records(a.db, _records(c))  # rows of two devices: their numbers must match too
    source = a.add_source()
    old_items = add_items(a, source, rng.randint(1, 90))
    tasks = [a.add_task(f"任务{n}", source) for n in range(rng.randint(0, 5))]
    copied, bound = make_replica("copied"), make_replica("bound")
    first = _records(a)
    mark = _last_seq(a)
    # The second batch: new items (some edited again, so with several clocks: then that table's
    # entries are all bound), edits and tombstones of rows the receivers already hold.
    new_items = add_items(a, a.add_source("清河县融媒体中心"), rng.randint(0, 150))
    for item_id in rng.sample(new_items, k=min(len(new_items), rng.choice([0, 0, 2]))):
        a.edit(Item, item_id, title="改过的标题")
    for item_id in rng.sample(old_items, k=min(len(old_items), rng.randint(0, 5))):
        a.edit(Item, item_id, is_read=True)
    tombstone(a, Item, rng.sample(old_items, k=min(len(old_items), rng.randint(0, 2))))
    for task_id in tasks[: rng.randint(0, len(tasks))]:
        a.edit(Task, task_id, status="done")
    tasks.append(a.add_task("新任务", source))
    second = _records(a, mark)

    for replica, threshold in ((copied, 0), (bound, 10**9)):
        monkeypatch.setattr(apply_module, "LOG_BY_SELECT_MIN_ROWS", threshold)
        for batch in (first, second):
            apply_records(replica.db, batch, allow_mass_delete=True)

    assert _log(copied) == _log(bound)  # (with each device's number)
    assert _devices(copied) == _devices(bound)
    assert _last_seq(copied) == _last_seq(bound)
    assert copied.snapshot() == bound.snapshot() == a.snapshot()
    singles = [entry for entry in _log(copied) if entry[0] == "items" and entry[4] == "insert"]
    assert len(singles) >= len(old_items)  # the first batch's items took the copied path


def test_copied_entries_hold_each_new_rows_clock(make_replica: MakeReplica) -> None:
    a, b = make_replica("a"), make_replica("b")
    ids = add_items(a, a.add_source(), apply_module.LOG_BY_SELECT_MIN_ROWS + 10)
    records = _records(a)
    apply_records(b.db, records)
    clocks = {r["id"]: tuple(r["c"]) for r in records}
    logged = {entry[1]: (entry[2], entry[3]) for entry in _log(b) if entry[0] == "items"}
    assert logged == {item_id: clocks[item_id] for item_id in ids}
    assert [entry[4:6] for entry in _log(b)] == [("insert", None)] * (len(ids) + 1)


@pytest.mark.parametrize("seed", range(3))
def test_row_clocks_taken_from_decode_equal_clocks_found_again(
    make_replica: MakeReplica, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """``decode`` notes a record's one clock (``RowState.uniform``) so the apply need not find it
    again among the columns: the same rows and log as without the note, over records with per-field
    clocks, tombstones and rows that arrive twice in one apply (merged: no note)."""
    rng = random.Random(seed)
    a = make_replica("a")
    source = a.add_source()
    items = add_items(a, source, rng.randint(70, 120))
    first = _records(a)
    mark = _last_seq(a)
    for item_id in rng.sample(items, k=rng.randint(1, 10)):
        a.edit(Item, item_id, title="改过的标题")  # a second clock for one field: an "f" record
    tombstone(a, Item, rng.sample(items, k=rng.randint(0, 3)))
    add_items(a, a.add_source("清河县融媒体中心"), rng.randint(0, 80))
    second = _records(a, mark)
    assert any("f" in record for record in second)
    decoded = [decode(record) for record in first + second]
    assert any(state.uniform is not None for state in decoded)
    for state in decoded:
        assert state.row_clock == max(state.clocks.values())
        assert state.uniform is None or set(state.clocks.values()) == {state.uniform}

    def without_note(records: Any) -> dict[Any, Any]:
        states = combine(records)
        for state in states.values():
            state.uniform = None
        return states

    # Batch after batch, then both at once into a new profile (each changed row arrives twice).
    noted, found = make_replica("noted"), make_replica("found")
    fresh_noted, fresh_found = make_replica("fresh_noted"), make_replica("fresh_found")
    for replica, fresh, note in ((noted, fresh_noted, True), (found, fresh_found, False)):
        if not note:
            monkeypatch.setattr(apply_module, "combine", without_note)
        for batch in (first, second, first + second):
            apply_records(replica.db, batch, allow_mass_delete=True)
        apply_records(fresh.db, first + second, allow_mass_delete=True)
    assert _log(noted) == _log(found)
    assert _log(fresh_noted) == _log(fresh_found)
    assert (
        noted.snapshot()
        == found.snapshot()
        == fresh_noted.snapshot()
        == fresh_found.snapshot()
        == a.snapshot()
    )
