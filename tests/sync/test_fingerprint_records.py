"""Content fingerprints are 8 raw bytes in the database and 16 hex digits in sync records. A record
from an earlier version (the full 64-digit SHA-256) means the same bytes: stored so, and not
taken for an edit of a row that already holds them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import update

from cadre_desk.domain.fingerprint import content_hash
from cadre_desk.services.sync.apply import apply_records
from cadre_desk.services.sync.bundle import export_bundle, import_bundles
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.storage.models import Item
from tests.sync.helpers import Replica, add_items

MakeReplica = Callable[..., Replica]
FULL = hashlib.sha256("关于冬季防火的通知 各村：请做好防火。".encode()).hexdigest()


def _record(replica: Replica, item_id: str) -> dict[str, object]:
    with replica.db.engine.connect() as conn:
        records = [r for page in export_pages(conn, 0) for r in page.records()]
    return next(r for r in records if r["id"] == item_id)


def _stored(replica: Replica, item_id: str) -> object:
    with replica.db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT content_hash FROM items WHERE id = ?", (item_id,)).scalar()


def test_records_carry_hex_and_devices_store_bytes(make_replica: MakeReplica, tmp_path: Path) -> None:
    a, b = make_replica("a"), make_replica("b")
    source = a.add_source()
    (item,) = add_items(a, source, 1)
    with a.db.session() as session:
        session.execute(update(Item).where(Item.id == item).values(content_hash=FULL, **a.db.stamp_columns()))
    assert _stored(a, item) == content_hash("关于冬季防火的通知", "各村：请做好防火。")
    assert _record(a, item)["v"]["content_hash"] == FULL[:16]  # type: ignore[index]

    files = export_bundle(a.db, a.paths, a.secrets, tmp_path / "ab").files
    for file in files:
        import_bundles(b.db, b.paths, b.secrets, file)
    assert _stored(b, item) == bytes.fromhex(FULL[:16])
    assert b.snapshot() == a.snapshot()


def test_an_earlier_versions_full_hash_is_the_same_value(make_replica: MakeReplica) -> None:
    a = make_replica("a")
    source = a.add_source()
    (item,) = add_items(a, source, 1)
    with a.db.session() as session:
        session.execute(update(Item).where(Item.id == item).values(content_hash=FULL, **a.db.stamp_columns()))
    record = _record(a, item)
    # the same row, same clocks, as an earlier version sends it: with the whole SHA-256
    older = {**record, "v": {**record["v"], "content_hash": FULL}}  # type: ignore[dict-item]
    result = apply_records(a.db, [older])
    assert result.changed == 0 and result.unchanged == 1  # the same value: nothing to write
    assert _stored(a, item) == bytes.fromhex(FULL[:16])

    newer = {key: value for key, value in older.items() if key != "f"}  # one clock for every field
    newest = max([record["c"], *record.get("f", {}).values()])  # type: ignore[attr-defined]
    newer["c"] = [newest[0] + 1, "0" * 32]
    newer["v"] = {**record["v"], "content_hash": "F" * 64}  # type: ignore[dict-item]
    assert apply_records(a.db, [newer]).changed == 1  # a real change of fingerprint still applies
    assert _stored(a, item) == b"\xff" * 8
