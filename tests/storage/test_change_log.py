from __future__ import annotations

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from cadre_desk.storage.database import Database
from cadre_desk.storage.models import ChangeLog, Item, OperationLog, Source, SourceStats
from tests.factories import NOW, add_items, add_source


def _log(db: Database) -> list[ChangeLog]:
    with db.session() as session:
        return list(session.scalars(select(ChangeLog).order_by(ChangeLog.seq)))


def test_orm_insert_and_update_are_stamped_and_logged(db: Database) -> None:
    source_id = add_source(db)
    with db.session() as session:
        source = session.get(Source, source_id)
        assert source is not None
        first_stamp = source.updated_at_hlc
        assert source.device_id == db.device_id
        source.name = "清河县政府办"
        source.mandatory = True
    entries = _log(db)
    assert [(e.entity, e.op) for e in entries] == [("sources", "insert"), ("sources", "update")]
    assert entries[1].fields is not None
    assert set(entries[1].fields.split(",")) == {"name", "mandatory"}
    assert entries[1].hlc > first_stamp


def test_soft_delete_is_logged_as_delete_and_hard_delete_refused(db: Database) -> None:
    source_id = add_source(db)
    with db.session() as session:
        source = session.get(Source, source_id)
        assert source is not None
        source.deleted = True
    assert _log(db)[-1].op == "delete"
    with pytest.raises(IntegrityError, match="never deleted"), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM sources"))
    with pytest.raises(ValueError, match="never deleted"), db.session() as session:
        session.delete(session.get(Source, source_id))


def test_unstamped_bulk_update_is_refused_and_stamped_one_is_logged(db: Database) -> None:
    source_id = add_source(db)
    ids = add_items(db, source_id, 3)
    with pytest.raises(IntegrityError, match="HLC"), db.session() as session:
        session.execute(update(Item).values(is_read=True))
    with db.session() as session:
        session.execute(update(Item).where(Item.id.in_(ids[:2])).values(is_read=True, **db.stamp_columns()))
    updates = [e for e in _log(db) if e.op == "update"]
    assert {e.row_id for e in updates} == set(ids[:2])
    assert all(e.fields == "is_read" for e in updates)


def test_operation_log_is_append_only(db: Database) -> None:
    with db.session() as session:
        entry = OperationLog(operation_kind="forward", performed_at=NOW, minutes=3, recorded_at=NOW)
        session.add(entry)
    with pytest.raises(IntegrityError, match="append-only"), db.session() as session:
        row = session.get(OperationLog, entry.id)
        assert row is not None
        row.minutes = 1
    with pytest.raises(IntegrityError, match="never deleted"), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM operation_logs"))


def test_source_stats_follow_items(db: Database) -> None:
    a = add_source(db, "甲")
    b = add_source(db, "乙")
    ids = add_items(db, a, 6)
    add_items(db, b, 2)
    with db.session() as session:
        session.execute(update(Item).where(Item.id.in_(ids[:2])).values(is_read=True, **db.stamp_columns()))
        session.execute(update(Item).where(Item.id == ids[2]).values(deleted=True, **db.stamp_columns()))
        session.execute(update(Item).where(Item.id == ids[3]).values(source_id=b, **db.stamp_columns()))
    with db.session() as session:
        stats = {s.source_id: s for s in session.scalars(select(SourceStats))}
        truth = session.execute(
            text(
                "SELECT source_id, sum(NOT deleted), sum(NOT deleted AND NOT is_read AND NOT is_muted) "
                "FROM items GROUP BY source_id"
            )
        ).all()
    for source_id, total, unread in truth:
        assert (stats[source_id].item_count, stats[source_id].unread_count) == (total, unread)
    assert stats[a].item_count == 4 and stats[a].unread_count == 2
    assert stats[b].item_count == 3


def test_clock_resumes_after_reopen(data_paths) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.storage.database import open_database

    first = open_database(data_paths)
    add_source(first)
    last = first.clock.last
    device = first.device_id
    first.close()
    second = open_database(data_paths)
    try:
        assert second.device_id == device
        assert second.stamp() > last
    finally:
        second.close()


def test_device_local_cluster_id_needs_no_stamp_and_is_not_logged(db: Database) -> None:
    """Cluster ids are computed by each device's analysis: writing them is not a change to sync
    (a rebuild at 1M items wrote ~700k change-log rows, ~170 B each, that no peer should take)."""
    source_id = add_source(db)
    ids = add_items(db, source_id, 3)
    before = len(_log(db))
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE items SET cluster_id = :c WHERE id != :first"), {"c": ids[0], "first": ids[0]}
        )
    assert len(_log(db)) == before
    with db.session() as session:
        assert session.scalar(select(Item.cluster_id).where(Item.id == ids[1])) == ids[0]
    # A synced column in the same statement still needs its stamp, and only it is logged.
    with pytest.raises(IntegrityError, match="HLC"), db.engine.begin() as conn:
        conn.execute(text("UPDATE items SET cluster_id = NULL, is_read = 1"))
    with db.session() as session:
        session.execute(
            update(Item).where(Item.id == ids[1]).values(cluster_id=None, is_read=True, **db.stamp_columns())
        )
    [entry] = _log(db)[before:]
    assert (entry.row_id, entry.op, entry.fields) == (ids[1], "update", "is_read")


def test_a_profile_at_the_newest_revision_gets_this_versions_triggers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Triggers are code: a file already at the newest revision, written by a version whose
    triggers differ (here: cluster ids still stamped and logged), is brought up to date at open."""
    from cadre_desk.platform.paths import DataPaths
    from cadre_desk.storage.database import open_database
    from cadre_desk.storage.triggers import triggers_current

    paths = DataPaths(tmp_path / "p").ensure()
    db = open_database(paths)
    source_id = add_source(db)
    ids = add_items(db, source_id, 2)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER cd_items_needs_stamp")
        conn.exec_driver_sql(
            "CREATE TRIGGER cd_items_needs_stamp BEFORE UPDATE ON items "
            "WHEN NEW.updated_at_hlc IS OLD.updated_at_hlc BEGIN SELECT RAISE(ABORT, 'old HLC rule'); END"
        )
        assert not triggers_current(conn)
    db.close()
    db = open_database(paths)
    try:
        with db.engine.begin() as conn:
            assert triggers_current(conn)
            conn.execute(text("UPDATE items SET cluster_id = :c"), {"c": ids[0]})  # refused before
    finally:
        db.close()
