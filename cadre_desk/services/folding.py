"""Duplicate folding: the same notice from county, township and village accounts is one row.

Every item has one *fold key*: its near-duplicate cluster (``item_clusters``, written by the
MinHash analysis: the first publisher's rowid) when present, else its exact ``content_hash``,
else its ``canonical_url``. Items with the same key form a group; the group's earliest item (the
first publisher) is the row the inbox shows, with "also from N accounts". One key per item keeps
groups transitive, and each branch is answered by an existing index
(``ix_item_clusters_cluster``, ``ix_items_content_hash``, ``ix_items_canonical_url``, which holds
only the rows without a hash: the URL branch's rows).

A group whose members differ beyond repost furniture (a sentence a township added, a reworded
line; a changed date never gets this far, see ``services.analysis.notice_check``) says so:
``FoldInfo.differs``, and :meth:`FoldingService.differences` gives the pairs to show side by
side. Only clusters can differ: equal hashes are equal texts.
"""

from __future__ import annotations

import json
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, bindparam, func, literal_column, select, text, update
from sqlalchemy.orm import Session

from cadre_desk.domain.notice_diff import PreparedNotice, Verdict, compare_notices, prepare_notice
from cadre_desk.services.ingest import any_live_item_read
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, ItemCluster, Source

if TYPE_CHECKING:  # the analysis package pulls in numpy, scipy and datasketch: not on the fetch path
    from cadre_desk.services.analysis.details import DuplicatePair

# ("c" | "h" | "u", value): a cluster is its first publisher's rowid, a content hash 8 bytes
FoldKey = tuple[str, int | str | bytes]

_ROWID: ColumnElement[int] = literal_column("items.rowid")
# "Not in a cluster": a look-up by primary key in the small cluster table, per candidate row.
_NOT_CLUSTERED = "NOT EXISTS (SELECT 1 FROM item_clusters WHERE item = {row}.rowid)"
_NO_CLUSTER = text(_NOT_CLUSTERED.format(row="items"))
# Written plainly: it is the condition of the partial URL index (ix_items_canonical_url), which
# SQLite uses only when the query states it as such.
_NO_HASH = text("items.content_hash IS NULL")


def fold_key(cluster: int | None, content_hash: bytes | None, canonical_url: str | None) -> FoldKey | None:
    if cluster is not None:
        return ("c", cluster)
    if content_hash:
        return ("h", content_hash)
    if canonical_url:
        return ("u", canonical_url)
    return None


# Values per IN list: SQLite builds for Windows allow 32,766 bound parameters per statement (the
# Debian one 250,000); a first refresh can store more new items than that in one batch.
KEYS_PER_CLAUSE = 500  # like the id lists below


# The same, as SQL text for the ingest check's driver queries: (key column, FROM and conditions).
_KEY_SQL = {
    "c": ("k.cluster", "item_clusters k JOIN items ON items.rowid = k.item WHERE "),
    "h": ("content_hash", f"items WHERE {_NOT_CLUSTERED.format(row='items')} AND "),
    "u": (
        "canonical_url",
        f"items WHERE {_NOT_CLUSTERED.format(row='items')} AND +content_hash IS NULL AND ",
    ),
}


def _key_clauses(keys: set[FoldKey]) -> list[tuple[str, Any, ColumnElement[bool]]]:
    """Per key kind present in ``keys``, in slices of at most ``KEYS_PER_CLAUSE`` values:
    (kind, the key column, the WHERE for those keys). A key is in exactly one slice, so counts
    grouped by the key column add up across the clauses. The "c" clauses need ``item_clusters``
    joined (:func:`_with_key_table`)."""
    by_kind: dict[str, list[int | str | bytes]] = defaultdict(list)
    for kind, value in keys:
        by_kind[kind].append(value)
    guards: dict[str, tuple[Any, tuple[Any, ...]]] = {  # kind: (column, conditions before it)
        "c": (ItemCluster.cluster, ()),
        "h": (Item.content_hash, (_NO_CLUSTER,)),
        "u": (Item.canonical_url, (_NO_CLUSTER, _NO_HASH)),
    }
    clauses: list[tuple[str, Any, ColumnElement[bool]]] = []
    for kind, (column, before) in guards.items():
        values = by_kind[kind]
        for start in range(0, len(values), KEYS_PER_CLAUSE):
            clauses.append((kind, column, and_(*before, column.in_(values[start : start + KEYS_PER_CLAUSE]))))
    return clauses


def _with_key_table(query: Any, kind: str) -> Any:
    """``query`` (over ``items``) joined to the cluster table when ``kind``'s key lives there."""
    return query.join(ItemCluster, ItemCluster.item == _ROWID) if kind == "c" else query


_NONE_EARLIER = """NOT EXISTS (SELECT 1 FROM {source}
    WHERE {same}
      AND ({d}.published_at + 0 < items.published_at
           OR ({d}.published_at + 0 = items.published_at AND {d}.id || '' < items.id))
      AND NOT {d}.deleted AND NOT {d}.is_muted AND {visible})"""


def is_first_of_group(source_ids: Sequence[str] = ()) -> ColumnElement[bool]:
    """SQL (over the un-aliased ``items`` table): no earlier visible item shares this item's
    fold key. "Visible" means in one of ``source_ids`` (the current view), or in any
    subscribed source when empty.

    One NOT EXISTS per kind of key, each pinned to that key's index (INDEXED BY): statistics
    gathered while no cluster ids existed, or the time index, once made SQLite scan every
    earlier item for each row (80 s for a page at 200k items).
    """
    if source_ids:
        visible = "{d}.source_id IN :fold_sources"
    else:
        visible = "{d}.source_id NOT IN (SELECT id FROM sources WHERE NOT subscribed OR deleted)"
    branches = {
        # The row's cluster mates: its own cluster row, the cluster's members by the cluster
        # index, each member's item by rowid (no row: not in a cluster, nothing found).
        "c": (
            "dup_c",
            "item_clusters AS own_c CROSS JOIN item_clusters AS mate_c"
            " INDEXED BY ix_item_clusters_cluster CROSS JOIN items AS dup_c",
            "own_c.item = items.rowid AND mate_c.cluster = own_c.cluster AND dup_c.rowid = mate_c.item",
        ),
        "h": (
            "dup_h",
            "items AS dup_h INDEXED BY ix_items_content_hash",
            "dup_h.content_hash = items.content_hash AND " + _NOT_CLUSTERED.format(row="dup_h"),
        ),
        "u": (
            "dup_u",
            "items AS dup_u INDEXED BY ix_items_canonical_url",
            "dup_u.canonical_url = items.canonical_url AND dup_u.content_hash IS NULL AND "
            + _NOT_CLUSTERED.format(row="dup_u"),
        ),
    }
    sql = {
        key: _NONE_EARLIER.format(d=d, source=source, same=same, visible=visible.format(d=d))
        for key, (d, source, same) in branches.items()
    }
    # One branch per row, chosen by its key kind: one cluster look-up decides the first.
    clause = text(
        f"""CASE WHEN EXISTS (SELECT 1 FROM item_clusters WHERE item = items.rowid) THEN {sql["c"]}
        WHEN items.content_hash IS NOT NULL THEN {sql["h"]}
        WHEN items.canonical_url IS NOT NULL THEN {sql["u"]}
        ELSE 1 END"""
    )
    if source_ids:
        clause = clause.bindparams(bindparam("fold_sources", list(source_ids), expanding=True))
    return clause  # type: ignore[return-value]


@dataclass(frozen=True)
class GroupMember:
    item_id: str
    source_id: str
    source_name: str
    title: str
    published_at: datetime
    is_read: bool


@dataclass(frozen=True)
class FoldInfo:
    """What a folded row says: how many other items, from which other accounts."""

    other_items: int
    other_sources: tuple[str, ...]  # source names, first publisher first
    differs: bool = False  # members differ beyond repost furniture ("内容有差异")


# Texts compared per group: its distinct versions, the first publisher's first. A group of
# thousands of identical reminders has one version; a real repost group a handful.
MAX_VERSIONS = 6
_DIFFERS_CACHE = 4096


class FoldingService:
    def __init__(self, db: Database) -> None:
        self._db = db
        # (cluster, its versions' hashes) -> differs: a page re-shown costs no diff.
        self._differs: OrderedDict[tuple[int, tuple[str, ...]], bool] = OrderedDict()

    def _versions(self, session: Session, clusters: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
        """Per cluster, its distinct texts as (content hash, one item id), first publisher's first."""
        found: dict[int, list[tuple[int, bool, str, str]]] = defaultdict(list)
        for start in range(0, len(clusters), 500):
            part = list(clusters[start : start + 500])
            marks = ", ".join("?" * len(part))
            # c.id: the first publisher's id (one per cluster, so a bare column of the group).
            rows = session.connection().exec_driver_sql(
                "SELECT k.cluster, coalesce(i.content_hash, i.id), min(i.id), min(i.published_at), c.id"
                " FROM item_clusters k JOIN items i ON i.rowid = k.item JOIN items c ON c.rowid = k.cluster"
                f" WHERE k.cluster IN ({marks}) AND NOT i.deleted GROUP BY k.cluster, 2",
                tuple(part),
            )
            for cluster, version, item_id, first_ms, first_id in rows:
                label = version.hex() if isinstance(version, bytes) else str(version)
                found[int(cluster)].append((int(first_ms), item_id == first_id, label, str(item_id)))
        return {
            cluster: [(v, i) for _, _, v, i in sorted(versions, key=lambda r: (not r[1], r[0], r[3]))]
            for cluster, versions in found.items()
        }

    def _prepared(self, session: Session, item_ids: Sequence[str]) -> dict[str, PreparedNotice]:
        rows = session.execute(
            select(Item.id, Item.title, Item.content_html, Item.summary, Source.name, Source.owner_unit)
            .join(Source, Source.id == Item.source_id)
            .where(Item.id.in_(list(item_ids)))
        )
        return {r[0]: prepare_notice(r[1] or "", r[2], r[3], (r[4] or "", r[5] or "")) for r in rows}

    def _differing_clusters(self, session: Session, clusters: Sequence[int]) -> set[int]:
        versions = {c: v for c, v in self._versions(session, clusters).items() if len(v) > 1}
        todo = {
            cluster: found[:MAX_VERSIONS]
            for cluster, found in versions.items()
            if (cluster, tuple(sorted(v for v, _ in found))) not in self._differs
        }
        ids = [item_id for found in todo.values() for _, item_id in found]
        prepared = self._prepared(session, ids) if ids else {}
        for cluster, found in todo.items():
            texts = [prepared[i] for _, i in found if i in prepared]
            differs = any(
                compare_notices(texts[a], texts[b], explain=False).verdict != Verdict.SAME
                for a in range(len(texts))
                for b in range(a + 1, len(texts))
            )
            self._differs[(cluster, tuple(sorted(v for v, _ in versions[cluster])))] = differs
            while len(self._differs) > _DIFFERS_CACHE:
                self._differs.popitem(last=False)
        return {
            cluster
            for cluster, found in versions.items()
            if self._differs.get((cluster, tuple(sorted(v for v, _ in found))), False)
        }

    def differences(self, item_id: str, limit: int = 4) -> list[DuplicatePair]:
        """The versions of ``item_id``'s group that differ from its first publisher's, as pairs
        for the side-by-side view (empty when the group has one text or only furniture differs)."""
        from cadre_desk.services.analysis.details import DuplicatePair, plain_text

        with self._db.session() as session:
            keys = self._keys_of(session, [item_id])
            key = keys.get(item_id)
            if key is None or key[0] != "c":
                return []
            cluster = int(key[1])
            found = self._versions(session, [cluster]).get(cluster, [])[:MAX_VERSIONS]
            if len(found) < 2:
                return []
            ids = [i for _, i in found]
            prepared = self._prepared(session, ids)
            rows = {
                r[0]: r
                for r in session.execute(
                    select(
                        Item.id, Item.title, Item.content_html, Item.summary, Item.published_at, Source.name
                    )
                    .join(Source, Source.id == Item.source_id)
                    .where(Item.id.in_(ids))
                )
            }
        first = ids[0]
        pairs: list[DuplicatePair] = []
        for other in ids[1:]:
            if first not in prepared or other not in prepared:
                continue
            if compare_notices(prepared[first], prepared[other], explain=False).verdict == Verdict.SAME:
                continue
            a, b = rows[first], rows[other]
            pairs.append(
                DuplicatePair(
                    title=f"{b.name} · {b.title}",
                    text=plain_text(b.content_html, b.summary),
                    published_at=b.published_at,
                    original_title=a.title,
                    original_text=plain_text(a.content_html, a.summary),
                    original_source=a.name,
                    original_published_at=a.published_at,
                )
            )
            if len(pairs) >= limit:
                break
        return pairs

    def _members(self, session: Session, keys: set[FoldKey]) -> list[Any]:
        columns = select(
            Item.id,
            Item.source_id,
            Source.name,
            Item.title,
            Item.published_at,
            Item.is_read,
        ).join(Source, Source.id == Item.source_id)
        # One query per key kind, each on its own index, merged here: an OR of them with an
        # ORDER BY made SQLite walk the whole time index (0.6 s per page at 1M items).
        rows: list[Any] = []
        for kind, _column, clause in _key_clauses(keys):
            query = _with_key_table(columns, kind).where(clause, Item.deleted.is_(False))
            rows.extend(session.execute(query).all())
        rows.sort(key=lambda row: (row.published_at, row.id))
        return rows

    def _sources_per_key(self, session: Session, keys: set[FoldKey]) -> dict[FoldKey, list[Any]]:
        """Per fold key: one row per source (id, name, items, first published), in SQL: a
        group can hold thousands of identical work-group reminders; a page needs only counts."""
        per_key: dict[FoldKey, list[Any]] = defaultdict(list)
        for kind, column, clause in _key_clauses(keys):
            query = select(
                column,
                Item.source_id,
                Source.name,
                func.count(),
                func.min(Item.published_at),
            ).select_from(Item)
            rows = session.execute(
                _with_key_table(query, kind)
                .join(Source, Source.id == Item.source_id)
                .where(clause, Item.deleted.is_(False))
                .group_by(column, Item.source_id)
            )
            for value, source_id, name, count, first in rows:
                per_key[(kind, value)].append((source_id, name, count, first))
        return per_key

    def _key_rows(self, session: Session, item_ids: Sequence[str]) -> dict[str, tuple[FoldKey, str, bool]]:
        """item id → (fold key, source id, read), for the items that have a fold key.

        The ids travel as one JSON array (``json_each``): an ingest batch passes thousands, and
        building SQLAlchemy IN lists for them cost more than SQLite's work (3,000 ids: 25 -> 11 ms)."""
        found: dict[str, tuple[FoldKey, str, bool]] = {}
        rows = session.connection().exec_driver_sql(
            "SELECT i.id, k.cluster, i.content_hash, i.canonical_url, i.source_id, i.is_read FROM items i"
            " LEFT JOIN item_clusters k ON k.item = i.rowid WHERE i.id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(item_ids)),),
        )
        for item_id, cluster, digest, url, source_id, is_read in rows:
            key = fold_key(cluster, digest, url)
            if key is not None:
                found[item_id] = (key, source_id, bool(is_read))
        return found

    @staticmethod
    def _read_counts(session: Session, keys: set[FoldKey]) -> dict[FoldKey, int]:
        """Read, not deleted members per key: ``_key_clauses``' conditions as driver SQL, the
        values bound as they are (SQLAlchemy's IN lists cost ~10 µs per value on ingest)."""
        by_kind: dict[str, list[int | str | bytes]] = defaultdict(list)
        for kind, value in keys:
            by_kind[kind].append(value)
        counts: dict[FoldKey, int] = {}
        conn = session.connection()
        for kind, values in by_kind.items():
            column, before = _KEY_SQL[kind]
            for start in range(0, len(values), KEYS_PER_CLAUSE):
                part = tuple(values[start : start + KEYS_PER_CLAUSE])
                marks = ", ".join("?" * len(part))
                rows = conn.exec_driver_sql(
                    f"SELECT {column}, count(*) FROM {before}{column} IN ({marks})"
                    f" AND is_read = 1 AND deleted IS 0 GROUP BY {column}",
                    part,
                )
                counts.update(((kind, value), count) for value, count in rows)
        return counts

    def _keys_of(self, session: Session, item_ids: Sequence[str]) -> dict[str, FoldKey]:
        return {item_id: key for item_id, (key, _, _) in self._key_rows(session, item_ids).items()}

    def fold_info(self, item_ids: Sequence[str]) -> dict[str, FoldInfo]:
        """For rows of a page: the other members of each row's group (only rows that have any)."""
        with self._db.session() as session:
            found = self._key_rows(session, item_ids)
            per_key = self._sources_per_key(session, {key for key, _, _ in found.values()})
            folded_clusters = [
                int(key[1])
                for key, _, _ in found.values()
                if key[0] == "c" and sum(count for _, _, count, _ in per_key.get(key, [])) > 1
            ]
            differing = self._differing_clusters(session, sorted(set(folded_clusters)))
        info: dict[str, FoldInfo] = {}
        for item_id, (key, mine, _) in found.items():
            sources = per_key.get(key, [])
            others = sum(count for _, _, count, _ in sources) - 1  # the row itself is a member
            if others <= 0:
                continue
            names = [
                name for source_id, name, _, _ in sorted(sources, key=lambda s: s[3]) if source_id != mine
            ]
            info[item_id] = FoldInfo(
                others, tuple(dict.fromkeys(names)), key[0] == "c" and key[1] in differing
            )
        return info

    def group(self, item_id: str) -> list[GroupMember]:
        """Every live item of ``item_id``'s group, first publisher first (just the item if alone)."""
        with self._db.session() as session:
            keys = self._keys_of(session, [item_id])
            if item_id not in keys:
                rows = session.execute(
                    select(Item.id, Item.source_id, Source.name, Item.title, Item.published_at, Item.is_read)
                    .join(Source, Source.id == Item.source_id)
                    .where(Item.id == item_id)
                ).all()
            else:
                rows = self._members(session, {keys[item_id]})
        return [GroupMember(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def with_groups(self, session: Session, item_ids: Sequence[str]) -> set[str]:
        """These items and every member of their groups (the copies the inbox shows as one);
        ``InboxService.set_read(..., with_group=True)`` marks them together."""
        keys = self._keys_of(session, item_ids)
        return {row[0] for row in self._members(session, set(keys.values()))} | set(item_ids)

    def read_if_group_read(self, session: Session, item_ids: Sequence[str]) -> int:
        """On ingest: a new repost of a notice the cadre already read arrives read.

        Counted in SQL per group (read members) against the read items among ``item_ids``: a
        group with more read members than that has an earlier read one.

        The per-source counters say at once whether any live item is read: none (a new
        profile's first refresh, 25,000 items) leaves nothing to look up."""
        if not any_live_item_read(session):
            return 0
        found = self._key_rows(session, item_ids)
        if not found:
            return 0
        keys = {item_id: key for item_id, (key, _, _) in found.items()}
        read_new: dict[FoldKey, int] = defaultdict(int)
        for key, _, is_read in found.values():
            read_new[key] += is_read
        counts = self._read_counts(session, set(keys.values()))
        read_keys = {key for key, count in counts.items() if count > read_new[key]}
        to_read = [item_id for item_id, key in keys.items() if key in read_keys]
        for start in range(0, len(to_read), 500):
            session.execute(
                update(Item)
                .where(Item.id.in_(to_read[start : start + 500]), Item.is_read.is_(False))
                .values(is_read=True, **self._db.stamp_columns())
                .execution_options(synchronize_session=False)
            )
        return len(to_read)
