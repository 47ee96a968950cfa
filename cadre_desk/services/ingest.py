"""Storing what sources returned: dedup, edits in place, fetch state and history.

One call stores a batch of source outcomes in one transaction with Core bulk statements (the
triggers write the change log and the per-source counters). Each source is stored inside its own
savepoint, so one broken source never stops the others. The commit leaves the WAL checkpoint to
``checkpoint()``, which a run of batches (a refresh) calls once at its end.

Dedup within a source: the same GUID, the same canonical URL (tracking parameters stripped) or
the same content fingerprint is the same item. An item without a body (placeholder title, title
only) is fingerprinted with its GUID, so only its GUID or URL can make it a duplicate. A known
item whose content changed is updated in place (the trigger logs the changed fields).
Items the user deleted stay deleted.

Other features attach through listeners, called inside the same transaction with the ids of the
new items: ``ingest.add_listener(lambda session, new_ids: ...)``; the app's own listeners, each behind
a one-row gate, are assembled in ``services.ingest_listeners``.
"""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, insert, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from cadre_desk.domain.ids import stable_id
from cadre_desk.sources.model import ParsedItem, SourceOutcome
from cadre_desk.sources.rows import add_former_guids, prepare_rows
from cadre_desk.storage.bulk_write import insert_rows
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import FetchHistory, Item, Source, SourceFetchState, SourceStats
from cadre_desk.storage.types import to_ms

log = logging.getLogger(__name__)

IngestListener = Callable[[Session, list[str]], None]
_CHUNK = 300
_MAX_BACKOFF = timedelta(hours=24)


@dataclass(slots=True)
class IngestReport:
    sources: int = 0
    failed: int = 0
    new_items: int = 0
    updated_items: int = 0
    duplicates: int = 0
    new_item_ids: list[str] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        self.sources += other.sources
        self.failed += other.failed
        self.new_items += other.new_items
        self.updated_items += other.updated_items
        self.duplicates += other.duplicates
        self.new_item_ids.extend(other.new_item_ids)


class IngestService:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._listeners: list[IngestListener] = []

    def add_listener(self, listener: IngestListener) -> None:
        """Call ``listener(session, new_item_ids)`` after new items are stored (same transaction)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: IngestListener) -> None:
        self._listeners.remove(listener)

    def store(self, outcomes: Sequence[SourceOutcome]) -> IngestReport:
        """Store a batch in one transaction with a few bulk statements.

        If anything in the batch fails, it is stored again source by source inside savepoints, so
        one broken source never stops the others.
        """
        if not outcomes:
            return IngestReport()
        snapshot = [(o.ok, o.error) for o in outcomes]
        try:
            return self._store(outcomes, isolate=False)
        except SQLAlchemyError:
            log.exception("bulk store of %d outcomes failed; storing source by source", len(outcomes))
            for outcome, (ok, error) in zip(outcomes, snapshot, strict=True):
                outcome.ok, outcome.error = ok, error
            return self._store(outcomes, isolate=True)

    def checkpoint(self) -> None:
        """After a run of ``store`` calls (a refresh): their commits left the WAL to grow."""
        self._db.checkpoint()

    def _store(self, outcomes: Sequence[SourceOutcome], *, isolate: bool) -> IngestReport:
        report = IngestReport()
        with self._db.bulk_session() as session:
            intervals, counts = self._source_facts(session, [o.source_id for o in outcomes])
            history: list[dict[str, Any]] = []
            pending: list[dict[str, Any]] = []
            known: list[SourceOutcome] = []
            for outcome in outcomes:
                if outcome.source_id not in intervals:
                    log.warning("skipping outcome of unknown source %s", outcome.source_id)
                    continue
                known.append(outcome)
                report.sources += 1
                new_rows: list[dict[str, Any]] = []
                if outcome.ok and outcome.rows:
                    empty = counts.get(outcome.source_id, 0) == 0
                    try:
                        if isolate:
                            with session.begin_nested():
                                new_rows, updated, duplicates = self._store_items(session, outcome, empty)
                                _insert_items(session, new_rows)
                        else:
                            new_rows, updated, duplicates = self._store_items(session, outcome, empty)
                            pending.extend(new_rows)
                    except SQLAlchemyError as exc:
                        if not isolate:
                            raise
                        log.exception("storing items of source %s failed", outcome.source_id)
                        outcome.ok = False
                        outcome.error = f"保存失败：{type(exc).__name__}"
                        new_rows = []
                    else:
                        report.new_items += len(new_rows)
                        report.updated_items += updated
                        report.duplicates += duplicates
                        report.new_item_ids.extend(row["id"] for row in new_rows)
                if not outcome.ok:
                    report.failed += 1
                if outcome.ok and outcome.moved_to:
                    session.execute(
                        update(Source)
                        .where(Source.id == outcome.source_id)
                        .values(url=outcome.moved_to, **self._db.stamp_columns())
                    )
                history.append(
                    {
                        "source_id": outcome.source_id,
                        "attempted_at": outcome.attempted_at,
                        "ok": outcome.ok,
                        "status": outcome.status,
                        "new_items": len(new_rows),
                        "error": outcome.error,
                        "duration_ms": outcome.duration_ms,
                    }
                )
            _insert_items(session, pending)
            self._update_states(session, known, intervals)
            if history:
                session.execute(insert(FetchHistory), history)
            if report.new_item_ids:
                self._notify(session, report.new_item_ids)
        return report

    def store_items(self, source_id: str, items: list[ParsedItem]) -> IngestReport:
        """Store items that did not come from a fetch (manual capture); no fetch state is touched."""
        report = IngestReport(sources=1)
        now = datetime.now(UTC)
        outcome = SourceOutcome(source_id, now, ok=True, rows=prepare_rows(items, to_ms(now)))
        with self._db.session() as session:
            new_rows, updated, duplicates = self._store_items(session, outcome)
            _insert_items(session, new_rows)
            new_ids = [row["id"] for row in new_rows]
            report.new_items, report.updated_items, report.duplicates = len(new_ids), updated, duplicates
            report.new_item_ids = new_ids
            if new_ids:
                self._notify(session, new_ids)
        return report

    # ------------------------------------------------------------------ internals

    def _notify(self, session: Session, new_ids: list[str]) -> None:
        for listener in list(self._listeners):
            try:
                with session.begin_nested():
                    listener(session, list(new_ids))
            except Exception:  # a broken rule must not lose the fetched items; it is logged
                log.exception("ingest listener %r failed", listener)

    @staticmethod
    def _source_facts(session: Session, source_ids: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
        """Fetch interval and stored item count (incl. deleted) of each existing source."""
        ids = list(set(source_ids))
        intervals: dict[str, int] = {}
        counts: dict[str, int] = {}
        for start in range(0, len(ids), 900):
            # One index probe per source (EXISTS), not ``IN (SELECT DISTINCT source_id FROM items)``,
            # which scanned the whole (source_id, guid) index on every batch: 1.2 s at 200k items.
            stored = exists().where(Item.source_id == Source.id)
            rows = session.execute(
                select(Source.id, Source.fetch_interval_minutes, stored).where(
                    Source.id.in_(ids[start : start + 900])
                )
            )
            for source_id, interval, has_items in rows:
                intervals[source_id] = int(interval or 60)
                counts[source_id] = 1 if has_items else 0
        return intervals, counts

    def _store_items(
        self, session: Session, outcome: SourceOutcome, known_empty: bool = False
    ) -> tuple[list[dict[str, Any]], int, int]:
        new_rows: list[dict[str, Any]] = []
        updated = duplicates = 0
        by_guid: dict[str, tuple[str, bytes | None, bool]] = {}
        by_url: dict[str, tuple[str, bytes | None, bool]] = {}
        by_hash: set[bytes] = set()
        rows = outcome.rows
        if not known_empty and outcome.document_url:  # ids older versions stored resolved
            add_former_guids(rows, outcome.document_url)
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            if not known_empty:  # a source without stored items only dedups within the batch
                _existing(session, outcome.source_id, chunk, by_guid, by_url, by_hash)
            stamp = self._db.stamp_columns()
            for row in chunk:
                known = by_guid.get(row["guid"])
                if known is None and row.get("former_guid"):
                    known = by_guid.get(row["former_guid"])
                    if known is not None:  # stored under the resolved id older versions made
                        session.execute(
                            update(Item)
                            .where(Item.id == known[0])
                            .values(guid=row["guid"], **self._db.stamp_columns())
                        )
                        by_guid[row["guid"]] = known
                if known is None and row["canonical_url"]:
                    known = by_url.get(row["canonical_url"])
                if known is None:
                    if row["content_hash"] in by_hash:
                        duplicates += 1
                        continue
                    row.update(stamp)
                    # Derived from (source, GUID): two devices fetching the same feed store the
                    # same item under the same key, so their syncs merge instead of colliding.
                    row["id"] = stable_id("item", outcome.source_id, row["guid"])
                    row["source_id"] = outcome.source_id
                    new_rows.append(row)
                    by_guid[row["guid"]] = (row["id"], row["content_hash"], False)
                    by_hash.add(row["content_hash"])
                    if row["canonical_url"]:
                        by_url[row["canonical_url"]] = by_guid[row["guid"]]
                    continue
                known_id, known_hash, deleted = known
                if deleted or known_hash in (row["content_hash"], row.get("legacy_hash")):
                    duplicates += 1
                    continue
                changes = {
                    k: row[k] for k in ("title", "url", "canonical_url", "author", "summary", "content_html")
                }
                session.execute(
                    update(Item)
                    .where(Item.id == known_id)
                    .values(content_hash=row["content_hash"], **changes, **self._db.stamp_columns())
                )
                by_guid[row["guid"]] = (known_id, row["content_hash"], False)
                updated += 1
        return new_rows, updated, duplicates

    def _update_states(
        self, session: Session, outcomes: list[SourceOutcome], intervals: dict[str, int]
    ) -> None:
        """Fetch state of every source in the batch, in at most three bulk upserts."""
        failed_ids = [o.source_id for o in outcomes if not o.ok]
        previous: dict[str, int] = {}
        if failed_ids:
            found = session.execute(
                select(SourceFetchState.source_id, SourceFetchState.consecutive_errors).where(
                    SourceFetchState.source_id.in_(failed_ids)
                )
            )
            previous = {source_id: int(errors or 0) for source_id, errors in found}
        plain: list[dict[str, Any]] = []
        with_cursor: list[dict[str, Any]] = []
        failures: list[dict[str, Any]] = []
        for outcome in outcomes:
            at = outcome.attempted_at
            interval = timedelta(minutes=intervals.get(outcome.source_id, 60))
            values: dict[str, Any] = {
                "source_id": outcome.source_id,
                "last_attempt_at": at,
                "last_status": outcome.status,
            }
            if outcome.ok:
                values.update(
                    last_success_at=at,
                    consecutive_errors=0,
                    last_error=outcome.notice,
                    etag=outcome.etag,
                    last_modified=outcome.last_modified,
                    next_fetch_at=at + interval,
                )
                if outcome.cursor is not None:
                    with_cursor.append({**values, "cursor": outcome.cursor})
                else:
                    plain.append(values)
                continue
            errors = previous.get(outcome.source_id, 0) + 1
            delay = min(interval * (2 ** min(errors - 1, 10)), _MAX_BACKOFF)
            if outcome.retry_after:
                delay = max(delay, timedelta(seconds=outcome.retry_after))
            values.update(consecutive_errors=errors, last_error=outcome.error, next_fetch_at=at + delay)
            failures.append(values)
        for rows in (plain, with_cursor, failures):
            if rows:
                statement = sqlite_insert(SourceFetchState)
                updates = {key: statement.excluded[key] for key in rows[0] if key != "source_id"}
                session.execute(
                    statement.on_conflict_do_update(index_elements=["source_id"], set_=updates), rows
                )


def any_live_item_read(session: Session) -> bool:
    """Whether some live item is read: ``item_count - unread_count`` of a source counts its
    live items that are read or muted (``source_stats``, kept by the triggers and the bulk
    write path), so equal sums mean no live item is read."""
    totals = session.execute(
        select(
            func.coalesce(func.sum(SourceStats.item_count), 0),
            func.coalesce(func.sum(SourceStats.unread_count), 0),
        )
    ).one()
    return bool(totals[0] != totals[1])


_ITEM_COLUMNS = (
    "id",
    "source_id",
    "guid",
    "url",
    "canonical_url",
    "title",
    "author",
    "published_at",
    "fetched_at",
    "summary",
    "content_html",
    "content_hash",
    "is_read",
    "is_starred",
    "is_muted",
    "deleted",
    "folder_id",
    "cluster_id",
    "updated_at_hlc",
    "device_id",
)
_item_values = operator.itemgetter(*_ITEM_COLUMNS)
_INSERT_ITEMS = (
    f"INSERT INTO items ({', '.join(_ITEM_COLUMNS)}) VALUES ({', '.join('?' for _ in _ITEM_COLUMNS)})"
)


def _insert_items(session: Session, rows: list[dict[str, Any]]) -> None:
    """One executemany on the driver: the hot path of a cold refresh (values are already
    plain ints/strings, so no per-value type processing is needed). The change log, source
    counters and search queue are written once for the batch (``storage.bulk_write``)."""
    if rows:
        devices = list(dict.fromkeys(row["device_id"] for row in rows))  # this device's
        insert_rows(session.connection(), "items", _INSERT_ITEMS, list(map(_item_values, rows)), devices)


def _existing(
    session: Session,
    source_id: str,
    chunk: list[dict[str, Any]],
    by_guid: dict[str, tuple[str, bytes | None, bool]],
    by_url: dict[str, tuple[str, bytes | None, bool]],
    by_hash: set[bytes],
) -> None:
    """Add the stored items matching the chunk by GUID, canonical URL or content hash."""
    guids = [row["guid"] for row in chunk] + [row["former_guid"] for row in chunk if row.get("former_guid")]
    urls = [row["canonical_url"] for row in chunk if row["canonical_url"]]
    hashes = [row["content_hash"] for row in chunk]
    rows = session.execute(
        select(Item.id, Item.guid, Item.canonical_url, Item.content_hash, Item.deleted).where(
            Item.source_id == source_id,
            or_(Item.guid.in_(guids), Item.canonical_url.in_(urls), Item.content_hash.in_(hashes)),
        )
    )
    for item_id, guid, url, digest, deleted in rows:
        record = (item_id, digest, bool(deleted))
        by_guid.setdefault(guid, record)
        if url:
            by_url.setdefault(url, record)
        if digest:
            by_hash.add(digest)
