"""Content fingerprints are 8 raw bytes in the database and 16 hex digits in sync records. A record
from an earlier version (the full 64-digit SHA-256) means the same bytes: stored so, and not
taken for an edit of a row that already holds them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import update

from cadre_desk.domain.fingerprint import content_hash, fingerprint_of_hex
from cadre_desk.domain.summary import derived_summary
from cadre_desk.services.sync.apply import apply_records
from cadre_desk.services.sync.bundle import export_bundle, import_bundles
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.services.sync.records import stored_value, wire_value
from cadre_desk.storage.models import Item
from tests.sync.helpers import Replica, add_items
from tests.sync.test_pages import _assert_same_pages

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


def test_sqlite_written_records_carry_items_as_the_general_path_does(make_replica: MakeReplica) -> None:
    """The export's fast lane writes records in SQL: fingerprints as 16 hex digits, a derived
    summary and link written out, exactly as ``load_states`` + ``encode`` do."""
    a = make_replica("a")
    source = a.add_source()
    ids = add_items(a, source, 7)
    body = "<p>各村（社区）：请做好冬季森林防火工作。</p>" + "<p>值班表&amp;附件</p>" * 40
    canonical = "https://www.example.gov.cn/art/a.html"
    shapes = [  # summary, content_html, url, canonical_url, content_hash
        (None, body, None, canonical, content_hash("通知", "正文")),  # derived summary and link
        ("县应急局提醒", body, canonical + "?from=wx", canonical, FULL),  # own summary, 64-digit hex
        ("", body, "", None, FULL[:16].upper()),
        (None, None, None, None, "not-a-hash"),
        (None, "", None, None, None),
        (None, "<img src='x.png'>", None, canonical, b"\x00" * 8),
        ("摘要", None, canonical, canonical, None),
    ]
    with a.db.engine.begin() as conn:
        for n, (item_id, values) in enumerate(zip(ids, shapes, strict=True)):
            conn.exec_driver_sql(
                "UPDATE items SET summary = ?, content_html = ?, url = ?, canonical_url = ?,"
                " content_hash = ?, updated_at_hlc = updated_at_hlc + ? WHERE id = ?",
                (*values, n + 1, item_id),
            )
    for page_bytes in (300, 1_000_000):
        _assert_same_pages(a.db, page_bytes)
    with a.db.engine.connect() as conn:
        records = {
            r["id"]: r["v"] for page in export_pages(conn, 0) for r in page.records() if r["t"] == "items"
        }
    first = records[ids[0]]
    assert first["summary"] == derived_summary(body) and first["summary"].startswith("各村（社区）：请做好")
    assert first["url"] == canonical and first["content_hash"] == content_hash("通知", "正文").hex()
    assert records[ids[1]]["content_hash"] == FULL[:16] and records[ids[2]]["content_hash"] == FULL[:16]


def _wire_value_reference(value: object) -> object:
    """``records.wire_value`` as it was before its shortcut for 16 lowercase hex digits."""
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, str):
        stored = fingerprint_of_hex(value)
        return value if stored is None else stored.hex()
    return value


def _stored_value_reference(value: object) -> object:
    if isinstance(value, str):
        return fingerprint_of_hex(value) or value
    return value


_FINGERPRINT_LIKE = st.one_of(
    st.text(alphabet="0123456789abcdefABCDEFgx \u0660", min_size=14, max_size=18),
    st.text(alphabet="0123456789abcdefABCDEF", min_size=64, max_size=64),
    st.binary(min_size=8, max_size=8),
    st.none(),
    st.integers(),
)


@given(_FINGERPRINT_LIKE)
def test_fingerprint_conversions_equal_the_general_path(value: object) -> None:
    # the shortcut for values already in record form (16 lowercase hex digits) changes no result
    assert wire_value(value) == _wire_value_reference(value)
    assert type(wire_value(value)) is type(_wire_value_reference(value))
    assert stored_value(value) == _stored_value_reference(value)
    assert type(stored_value(value)) is type(_stored_value_reference(value))
