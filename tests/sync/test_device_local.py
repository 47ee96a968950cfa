"""Device-local columns (an item's near-duplicate cluster) never travel as changes: each device
computes its own, a peer's value never overwrites it, and a new row arrives without one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from cadre_desk.services.sync.bundle import export_bundle, import_bundles
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.storage.item_clusters import first_publishers, set_first_publishers
from cadre_desk.storage.models import Item
from tests.sync.helpers import Replica, add_items

MakeReplica = Callable[..., Replica]


def _sync(src: Replica, dst: Replica, folder: Path) -> int:
    files = export_bundle(src.db, src.paths, src.secrets, folder).files
    return sum(import_bundles(dst.db, dst.paths, dst.secrets, f).result.changed for f in files)


def _clusters(replica: Replica) -> dict[str, str | None]:
    with replica.db.engine.connect() as conn:
        return {row[0]: row[1] for row in conn.execute(text("SELECT id, cluster_id FROM items"))}


def _set_clusters(replica: Replica, mapping: dict[str, str | None]) -> None:
    with replica.db.engine.begin() as conn:  # as the analysis writes them: no stamp
        for item, cluster in mapping.items():
            conn.execute(text("UPDATE items SET cluster_id = :c WHERE id = :i"), {"c": cluster, "i": item})


def test_cluster_ids_stay_on_their_device(make_replica: MakeReplica, tmp_path: Path) -> None:
    a, b = make_replica("a"), make_replica("b")
    source = a.add_source()
    first, second, third = add_items(a, source, 3)
    _set_clusters(a, {first: first, second: first})
    assert _sync(a, b, tmp_path / "ab1") == 4  # the source and three items
    assert set(_clusters(b).values()) == {None}  # a new row arrives without a's cluster
    assert b.snapshot() == a.snapshot()

    _set_clusters(b, {second: third, third: third})  # b's own analysis sees it otherwise
    assert _sync(b, a, tmp_path / "ba1") == 0  # nothing to send: cluster ids are not changes
    a.edit(Item, second, is_read=True)  # a real edit of the clustered row travels...
    assert _sync(a, b, tmp_path / "ab2") == 1
    assert _clusters(b) == {first: None, second: third, third: third}  # ...without a's cluster
    assert _clusters(a) == {first: first, second: first, third: None}
    assert b.snapshot() == a.snapshot()


def test_clusters_of_the_analysis_never_leave_the_device(make_replica: MakeReplica, tmp_path: Path) -> None:
    """Since 0015 the analysis writes ``item_clusters`` (a local table): records carry
    ``cluster_id`` NULL as for an item alone, and a peer's edits leave this device's clusters."""
    a, b = make_replica("a"), make_replica("b")
    source = a.add_source()
    first, second, third = add_items(a, source, 3)
    with a.db.engine.begin() as conn:
        set_first_publishers(conn, [(second, first)])
    assert _sync(a, b, tmp_path / "ab1") == 4
    with b.db.engine.connect() as conn:
        assert first_publishers(conn) == {}
    with a.db.engine.connect() as conn:
        records = [r for page in export_pages(conn, 0) for r in page.records() if r["t"] == "items"]
    assert records and all(r["v"]["cluster_id"] is None for r in records)
    b.edit(Item, second, is_read=True)
    with b.db.engine.begin() as conn:
        set_first_publishers(conn, [(third, second)])
    assert _sync(b, a, tmp_path / "ba1") == 1
    with a.db.engine.connect() as conn:
        assert first_publishers(conn) == {first: first, second: first}
    assert b.snapshot() == a.snapshot()
