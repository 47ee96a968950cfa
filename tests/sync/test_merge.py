"""Per-field last-writer-wins, tombstones and append-only union, on real devices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cadre_desk.services.sync.bundle import export_bundle, import_bundles
from cadre_desk.services.sync.merge import RowState, merge_states
from cadre_desk.storage.models import Task
from tests.sync.helpers import Replica

MakeReplica = Callable[..., Replica]


def _sync(sender: Replica, receiver: Replica, usb: Path) -> None:
    export_bundle(sender.db, sender.paths, sender.secrets, usb)
    import_bundles(receiver.db, receiver.paths, receiver.secrets, usb, allow_mass_delete=True)


def _task(replica: Replica, task: str) -> tuple[object, ...]:
    return replica.snapshot()["tasks"][task]


def test_different_fields_edited_on_two_devices_both_survive(
    make_replica: MakeReplica, tmp_path: Path
) -> None:
    a, b = make_replica("a"), make_replica("b")
    usb = tmp_path / "usb"
    task = a.add_task("填报表格")
    _sync(a, b, usb)
    a.edit(Task, task, title="填报防汛表格")
    b.edit(Task, task, status="done", priority=2)
    _sync(a, b, usb)
    _sync(b, a, usb)
    for replica in (a, b):
        with replica.db.session() as session:
            row = session.get(Task, task)
            assert row is not None
            assert (row.title, row.status, row.priority) == ("填报防汛表格", "done", 2)


def test_same_field_newest_write_wins_whatever_the_delivery_order(
    make_replica: MakeReplica, tmp_path: Path
) -> None:
    a, b = make_replica("a"), make_replica("b")
    usb = tmp_path / "usb"
    task = a.add_task("原标题")
    _sync(a, b, usb)
    b.edit(Task, task, title="较早的修改")
    a.edit(Task, task, title="较晚的修改")  # a's stamp is newer
    _sync(a, b, usb)  # newer arrives first at b
    _sync(b, a, usb)  # older arrives at a later: must lose
    assert _task(a, task) == _task(b, task)
    with a.db.session() as session:
        assert session.get(Task, task).title == "较晚的修改"  # type: ignore[union-attr]


def test_tombstone_travels_and_a_later_edit_elsewhere_keeps_its_field(
    make_replica: MakeReplica, tmp_path: Path
) -> None:
    a, b = make_replica("a"), make_replica("b")
    usb = tmp_path / "usb"
    task = a.add_task("回复工作群")
    _sync(a, b, usb)
    a.edit(Task, task, deleted=True)
    b.edit(Task, task, notes="已回复")
    _sync(a, b, usb)
    _sync(b, a, usb)
    assert _task(a, task) == _task(b, task)
    assert b.count(f"SELECT deleted FROM tasks WHERE id = '{task}'") == 1


def test_relay_keeps_the_original_clock(make_replica: MakeReplica, tmp_path: Path) -> None:
    """a → b → c: c receives a's edit with a's stamp, so a newer edit on c still wins later."""
    a, b, c = make_replica("a"), make_replica("b"), make_replica("c")
    task = a.add_task("转发通知")
    _sync(a, b, tmp_path / "ab")
    _sync(b, c, tmp_path / "bc")
    with a.db.engine.connect() as conn:
        stamp_a = conn.exec_driver_sql("SELECT updated_at_hlc, device_id FROM tasks").one()
    with c.db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT updated_at_hlc, device_id FROM tasks").one() == stamp_a
    c.edit(Task, task, status="done")
    _sync(c, a, tmp_path / "ca")
    with a.db.session() as session:
        assert session.get(Task, task).status == "done"  # type: ignore[union-attr]


def test_merge_is_commutative_and_idempotent() -> None:
    x = RowState(
        "tasks", "1" * 32, {"title": "甲", "status": "open"}, {"title": (5, "a"), "status": (1, "a")}
    )
    y = RowState(
        "tasks", "1" * 32, {"title": "乙", "status": "done"}, {"title": (3, "b"), "status": (4, "b")}
    )
    xy = merge_states(x, y).merged
    yx = merge_states(y, x).merged
    assert xy.values == yx.values == {"title": "甲", "status": "done"}
    assert xy.clocks == yx.clocks
    assert not merge_states(xy, y).changed and not merge_states(xy, x).changed
    tie = RowState(
        "tasks", "1" * 32, {"title": "丙", "status": "open"}, {"title": (5, "b"), "status": (1, "a")}
    )
    assert merge_states(x, tie).merged.values["title"] == "丙"  # same HLC: larger device id wins
