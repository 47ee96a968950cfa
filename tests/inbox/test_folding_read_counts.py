"""The ingest check's driver-SQL queries (``FoldingService._key_rows`` with a JSON id list,
``_read_counts``) answer exactly what the SQLAlchemy-built ``_key_clauses`` queries answer, over
generated items whose clusters, fingerprints and URLs collide, some read, some deleted."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from cadre_desk.demo.items import COLUMNS, INSERT_SQL
from cadre_desk.services.folding import FoldingService, _key_clauses, _with_key_table, fold_key
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, ItemCluster
from tests.factories import add_source

_item = st.fixed_dictionaries(
    {
        "cluster": st.sampled_from([None, None, 1, 2]),  # a first publisher's rowid
        "digest": st.sampled_from([None, b"\x01" * 8, b"\x02" * 8, b"\x03" * 8]),
        "url": st.sampled_from([None, "http://a/1", "http://a/2"]),
        "is_read": st.booleans(),
        "deleted": st.booleans(),
        "new": st.booleans(),
    }
)


def _row(n: int, source_id: str, item: dict[str, Any]) -> tuple[Any, ...]:
    values = {
        "id": f"{n:032x}",
        "updated_at_hlc": 10**18 + n,
        "device_id": "d" * 32,
        "deleted": item["deleted"],
        "source_id": source_id,
        "guid": f"g{n}",
        "url": item["url"],
        "canonical_url": item["url"],
        "title": f"通知{n}",
        "author": None,
        "published_at": n,
        "fetched_at": n,
        "summary": None,
        "content_html": None,
        "content_hash": item["digest"],
        "is_read": item["is_read"],
        "is_starred": False,
        "is_muted": False,
        "folder_id": None,
        "cluster_id": None,  # clusters live in item_clusters
    }
    return tuple(values[c] for c in COLUMNS)


def _orm_key_rows(session: Session, ids: list[str]) -> dict[str, tuple[Any, str, bool]]:
    rows = session.execute(
        select(
            Item.id, ItemCluster.cluster, Item.content_hash, Item.canonical_url, Item.source_id, Item.is_read
        )
        .outerjoin(ItemCluster, ItemCluster.item == literal_column("items.rowid"))
        .where(Item.id.in_(ids))
    )
    found = {}
    for item_id, cluster, digest, url, source_id, is_read in rows:
        key = fold_key(cluster, digest, url)
        if key is not None:
            found[item_id] = (key, source_id, bool(is_read))
    return found


def _orm_read_counts(session: Session, keys: set[Any]) -> dict[Any, int]:
    counts: Counter[Any] = Counter()
    for kind, column, clause in _key_clauses(keys):
        query = _with_key_table(select(column, func.count()).select_from(Item), kind)
        rows = session.execute(query.where(clause, Item.is_read, Item.deleted.is_(False)).group_by(column))
        counts.update({(kind, value): count for value, count in rows})
    return dict(counts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(_item, min_size=1, max_size=25))
def test_driver_queries_equal_the_sqlalchemy_ones(db: Database, items: list[dict[str, Any]]) -> None:
    source_id = add_source(db)
    folding = FoldingService(db)
    with db.session() as session:
        conn = session.connection()
        conn.exec_driver_sql(INSERT_SQL, [_row(n, source_id, i) for n, i in enumerate(items)])
        for n, item in enumerate(items):
            if item["cluster"] is not None:
                conn.exec_driver_sql(
                    "INSERT INTO item_clusters (item, cluster) SELECT rowid, ? FROM items WHERE id = ?",
                    (item["cluster"], f"{n:032x}"),
                )
        new_ids = [f"{n:032x}" for n, item in enumerate(items) if item["new"]] + ["f" * 32]  # one unknown
        found = folding._key_rows(session, new_ids)
        assert found == _orm_key_rows(session, new_ids)
        every_key = {fold_key(i["cluster"], i["digest"], i["url"]) for i in items} - {None}
        assert folding._read_counts(session, every_key) == _orm_read_counts(session, every_key)
        session.rollback()
