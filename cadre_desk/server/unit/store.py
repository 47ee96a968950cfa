"""The unit's view on the server database: pseudonymous reports, incremental totals, and the
only queries a coordinator's pages may run (each one keeps to figures of ≥ k reporters).

Order never follows arrival: every list is sorted by its figure, then by name and key. Nor do the
figures follow arrival in time: a report reaches the totals only in a published batch
(``publishing``), so what a coordinator sees changes at epoch boundaries, by ≥ k reporters at once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from cadre_desk.server.models import User
from cadre_desk.server.unit import publishing
from cadre_desk.server.unit.contributions import Totals, contributions, difference, normalize
from cadre_desk.server.unit.models import (
    UNIT_TABLES,
    AccountName,
    BurdenTotal,
    Coordinator,
    FindingTotal,
    FollowerTotal,
    MonthTotal,
    UnitReport,
    UnitSecret,
    UnitVersion,
)
from cadre_desk.server.unit.models import (
    AccountLabel as AccountLabelRow,
)

DEFAULT_MIN_REPORTERS = 3
T = TypeVar("T")

_TOTAL_TABLES: dict[str, tuple[Table, tuple[str, ...], tuple[str, ...]]] = {
    "names": (AccountName.__table__, ("account", "name", "level"), ("reporters",)),  # type: ignore[dict-item]
    "follows": (FollowerTotal.__table__, ("account",), ("reporters",)),  # type: ignore[dict-item]
    "months": (MonthTotal.__table__, ("month", "account"), ("reporters", "minutes", "operations")),  # type: ignore[dict-item]
    "findings": (
        FindingTotal.__table__,  # type: ignore[dict-item]
        ("kind", "account", "related"),
        ("reporters", "score", "minutes_saved"),
    ),
    "burden": (
        BurdenTotal.__table__,  # type: ignore[dict-item]
        ("category", "level", "operation"),
        ("reporters", "requirements", "expected_minutes"),
    ),
}


@dataclass(frozen=True)
class AccountLabel:
    key: str
    name: str  # the name most reporters use, or the key when fewer than k agree on one
    level: str


class UnitStore:
    def __init__(
        self,
        engine: Engine,
        min_reporters: int = DEFAULT_MIN_REPORTERS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if min_reporters < 2:
            raise ValueError("min_reporters must be at least 2")
        self.engine = engine
        self.min_reporters = min_reporters
        self._clock = clock
        for table in UNIT_TABLES:
            table.create(engine, checkfirst=True)
        self._lock = threading.Lock()  # totals change by differences: one report at a time
        self._secret = self._load_secret()
        self._cache: dict[str, tuple[int, Any]] = {}
        self._cache_lock = threading.Lock()
        with engine.begin() as conn:
            self._period = publishing.load_state(conn, clock()).period_s
        self._checked_epoch = -1  # the epoch whose boundary was last checked for a batch

    def _load_secret(self) -> bytes:
        with self.engine.begin() as conn:
            if conn.execute(select(UnitVersion.version).where(UnitVersion.id == 1)).first() is None:
                conn.execute(insert(UnitVersion).values(id=1, version=0))
            found = conn.execute(select(UnitSecret.secret).where(UnitSecret.id == 1)).scalar()
            if found is None:
                found = secrets.token_hex(32)
                conn.execute(insert(UnitSecret).values(id=1, secret=found))
        return bytes.fromhex(found)

    def pseudonym(self, user_id: str) -> str:
        """A reporter's name on the server: keyed by the user, not the device, because a cadre's
        devices sync the same logs (two devices must not count as two reporters)."""
        return hmac.new(self._secret, user_id.encode(), hashlib.sha256).hexdigest()

    # -- roles ---------------------------------------------------------------------------------

    def set_coordinator(self, user_name: str, on: bool = True) -> None:
        from cadre_desk.server.errors import ServerAdminError

        with self.engine.begin() as conn:
            user_id = conn.execute(select(User.id).where(User.name == user_name)).scalar()
            if user_id is None:
                raise ServerAdminError(f"没有名为 {user_name} 的用户。")
            conn.execute(delete(Coordinator).where(Coordinator.user_id == user_id))
            if on:
                conn.execute(insert(Coordinator).values(user_id=user_id))

    def is_coordinator(self, user_id: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(Coordinator.user_id).where(Coordinator.user_id == user_id)).first()
                is not None
            )

    def coordinators(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(
                conn.execute(select(User.name).join(Coordinator, Coordinator.user_id == User.id)).scalars()
            )

    # -- reports -------------------------------------------------------------------------------

    def replace_report(self, user_id: str, body: Any) -> dict[str, int]:
        """Keep this reporter's latest report; what it changes waits for the next batch."""
        report = normalize(body)
        reporter = self.pseudonym(user_id)
        with self._lock, self.engine.begin() as conn:
            old = self._stored(conn, reporter)
            change = difference(contributions(old), contributions(report))
            publishing.stage(conn, self.epoch(), reporter, change, 1 if old is None else 0)
            conn.execute(delete(UnitReport).where(UnitReport.reporter == reporter))
            conn.execute(
                insert(UnitReport).values(reporter=reporter, body=json.dumps(report, ensure_ascii=False))
            )
        self.publish_due()
        return {"accounts": len(report["accounts"]), "months": len(report["months"])}

    def revoke(self, user_id: str) -> int:
        """Remove everything this user reported; returns the number of report rows removed.

        The report row goes at once; the totals lose its figures with the next batch (until
        then they are only inside sums of ≥ k reporters, as before)."""
        reporter = self.pseudonym(user_id)
        with self._lock, self.engine.begin() as conn:
            old = self._stored(conn, reporter)
            if old is None:
                return 0
            change = difference(contributions(old), contributions(None))
            publishing.stage(conn, self.epoch(), reporter, change, -1)
            conn.execute(delete(UnitReport).where(UnitReport.reporter == reporter))
        self.publish_due()
        return 1

    def bulk_load(self, reports: Iterable[tuple[str, Any]]) -> int:
        """Many reports at once, published at once (an administrator's load: demo, benchmark)."""
        count = 0
        joined = 0
        with self._lock, self.engine.begin() as conn:
            combined: Totals = {}
            for user_id, body in reports:
                report = normalize(body)
                reporter = self.pseudonym(user_id)
                old = self._stored(conn, reporter)
                joined += old is None
                change = difference(contributions(old), contributions(report))
                for table, cells in change.items():
                    target = combined.setdefault(table, {})
                    for cell, delta in cells.items():
                        before = target.get(cell)
                        target[cell] = (
                            delta
                            if before is None
                            else tuple(a + b for a, b in zip(before, delta, strict=True))
                        )
                conn.execute(delete(UnitReport).where(UnitReport.reporter == reporter))
                conn.execute(
                    insert(UnitReport).values(reporter=reporter, body=json.dumps(report, ensure_ascii=False))
                )
                count += 1
            self._apply(conn, combined)
            state = publishing.load_state(conn, self._clock())
            publishing.mark_published(conn, state.epoch, state.published_at, joined)
        return count

    # -- batches (timing protection) -----------------------------------------------------------

    def epoch(self) -> int:
        return int(self._clock() // self._period)

    def set_publish_period(self, seconds: int) -> None:
        if seconds < 1:
            raise ValueError("the publish period must be at least one second")
        with self.engine.begin() as conn:
            publishing.set_period(conn, seconds, self._clock())
        self._period = seconds
        self._checked_epoch = -1

    def publish_due(self) -> bool:
        """Publish the changes staged before the current epoch if ≥ k reporters are behind them.
        Cheap when called often: the database is asked once per epoch and process."""
        epoch = self.epoch()
        if epoch == self._checked_epoch:
            return False
        published = self.publish(before_epoch=epoch)
        self._checked_epoch = epoch
        return published

    def publish(self, *, before_epoch: int | None = None) -> bool:
        """Move the changes staged before ``before_epoch`` (default: everything staged so far)
        into the totals, if at least k reporters changed something; True when published."""
        now = self._clock()
        through = before_epoch if before_epoch is not None else self.epoch() + 1
        with self._lock, self.engine.begin() as conn:
            publishing.lock_state(conn)
            batch = publishing.take_batch(conn, through, self.min_reporters)
            if batch is None:
                return False
            self._apply(conn, batch.change)
            at = through * self._period if before_epoch is not None else int(now)
            publishing.mark_published(conn, through, min(at, int(now)), batch.joined)
        return True

    def published_state(self) -> publishing.PublishedState:
        with self.engine.begin() as conn:
            return publishing.load_state(conn, self._clock())

    def _stored(self, conn: Connection, reporter: str) -> dict[str, Any] | None:
        body = conn.execute(select(UnitReport.body).where(UnitReport.reporter == reporter)).scalar()
        if body is None:
            return None
        stored: dict[str, Any] = json.loads(body)
        return stored

    def _apply(self, conn: Connection, change: Totals) -> None:
        conn.execute(update(UnitVersion).where(UnitVersion.id == 1).values(version=UnitVersion.version + 1))
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        for name, cells in change.items():
            if not cells:
                continue
            table, keys, values = _TOTAL_TABLES[name]
            rows = [
                {**dict(zip(keys, cell, strict=True)), **dict(zip(values, delta, strict=True))}
                for cell, delta in sorted(cells.items())  # one order: no deadlock between writers
            ]
            statement = dialect.insert(table)
            statement = statement.on_conflict_do_update(
                index_elements=list(keys),
                set_={column: table.c[column] + statement.excluded[column] for column in values},
            )
            for start in range(0, len(rows), 1000):
                conn.execute(statement, rows[start : start + 1000])
            conn.execute(delete(table).where(table.c.reporters <= 0))
        if change.get("names"):
            self._relabel(conn, sorted({cell[0] for cell in change["names"]}))

    def _relabel(self, conn: Connection, accounts: list[str]) -> None:
        """Recompute the majority name of these accounts (after their name counts changed)."""
        for start in range(0, len(accounts), 500):
            chunk = accounts[start : start + 500]
            best: dict[str, tuple[int, str, str]] = {}
            rows = conn.execute(
                select(AccountName.account, AccountName.name, AccountName.level, AccountName.reporters).where(
                    AccountName.account.in_(chunk)
                )
            )
            for account, name, level, reporters in rows:
                current = best.get(account)
                if current is None or (reporters, name) > (current[0], current[1]):
                    best[account] = (reporters, name, level)
            conn.execute(delete(AccountLabelRow).where(AccountLabelRow.account.in_(chunk)))
            if best:
                conn.execute(
                    insert(AccountLabelRow),
                    [
                        {"account": account, "name": name, "level": level, "reporters": reporters}
                        for account, (reporters, name, level) in sorted(best.items())
                    ],
                )

    def data_version(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(UnitVersion.version).where(UnitVersion.id == 1)).scalar() or 0)

    def cached(self, name: str, build: Callable[[], T]) -> T:
        """``build()``, reused until a report changes the totals (version read first: a result
        never claims an older version than the data it was built from)."""
        version = self.data_version()
        with self._cache_lock:
            hit = self._cache.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = build()
        with self._cache_lock:
            self._cache[name] = (version, value)
        return value

    # -- what a coordinator may see (figures of ≥ k reporters only) ---------------------------

    def reporter_count(self) -> int | None:
        """How many cadres report (as of the last batch), or None when fewer than k (even that
        would say too much)."""
        count = self.published_state().reporters
        return count if count >= self.min_reporters else None

    def labels(self, conn: Connection, accounts: Iterable[str]) -> dict[str, AccountLabel]:
        wanted = sorted(set(accounts))
        found: dict[str, AccountLabel] = {}
        for start in range(0, len(wanted), 500):
            rows = conn.execute(
                select(AccountLabelRow.account, AccountLabelRow.name, AccountLabelRow.level).where(
                    AccountLabelRow.account.in_(wanted[start : start + 500]),
                    AccountLabelRow.reporters >= self.min_reporters,
                )
            )
            found.update(
                {account: AccountLabel(account, name or account, level) for account, name, level in rows}
            )
        return {key: found.get(key, AccountLabel(key, key, "")) for key in wanted}

    def months(self) -> list[str]:
        with self.engine.connect() as conn:
            return sorted(
                conn.execute(
                    select(MonthTotal.month).where(MonthTotal.reporters >= self.min_reporters).distinct()
                ).scalars(),
                reverse=True,
            )

    def ranking(self, month: str, level: str = "", limit: int = 50) -> list[dict[str, Any]]:
        k = self.min_reporters
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    MonthTotal.account,
                    MonthTotal.reporters,
                    MonthTotal.minutes,
                    MonthTotal.operations,
                    AccountLabelRow.name,
                    AccountLabelRow.level,
                    AccountLabelRow.reporters.label("named_by"),
                )
                .outerjoin(AccountLabelRow, AccountLabelRow.account == MonthTotal.account)
                .where(MonthTotal.month == month, MonthTotal.reporters >= k)
            ).all()
        result = []
        for row in rows:
            named = row.named_by is not None and row.named_by >= k
            shown_level = row.level if named else ""
            if level and shown_level != level:
                continue
            result.append(
                {
                    "account": row.account,
                    "name": (row.name or row.account) if named else row.account,
                    "level": shown_level,
                    "reporters": int(row.reporters),
                    "minutes": round(float(row.minutes), 1),
                    "operations": int(row.operations),
                }
            )
        result.sort(key=lambda r: (-r["minutes"], r["name"], r["account"]))
        return result[: max(1, min(limit, 500))]

    def trend(self, account: str) -> tuple[AccountLabel, list[dict[str, Any]]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    MonthTotal.month, MonthTotal.reporters, MonthTotal.minutes, MonthTotal.operations
                ).where(MonthTotal.account == account, MonthTotal.reporters >= self.min_reporters)
            ).all()
            label = self.labels(conn, [account])[account]
        return label, sorted(
            (
                {
                    "month": row.month,
                    "reporters": int(row.reporters),
                    "minutes": round(float(row.minutes), 1),
                    "operations": int(row.operations),
                }
                for row in rows
            ),
            key=lambda r: r["month"],
        )

    def consensus_findings(self, kind: str = "", limit: int = 200) -> list[dict[str, Any]]:
        k = self.min_reporters
        with self.engine.connect() as conn:
            query = (
                select(
                    FindingTotal.kind,
                    FindingTotal.account,
                    FindingTotal.related,
                    FindingTotal.reporters,
                    FindingTotal.score,
                    FindingTotal.minutes_saved,
                    FollowerTotal.reporters.label("followers"),
                )
                .join(FollowerTotal, FollowerTotal.account == FindingTotal.account)
                .where(FindingTotal.reporters >= k, FollowerTotal.reporters >= k)
            )
            if kind:
                query = query.where(FindingTotal.kind == kind)
            rows = conn.execute(query).all()
            labels = self.labels(conn, [r.account for r in rows] + [r.related for r in rows if r.related])
        result = [
            {
                "kind": row.kind,
                "account": row.account,
                "name": labels[row.account].name,
                "related": row.related,
                "related_name": labels[row.related].name if row.related else "",
                "reporters": int(row.reporters),
                "followers": int(row.followers),
                "score": round(float(row.score) / row.reporters, 3),
                "minutes_saved": round(float(row.minutes_saved), 1),
            }
            for row in rows
        ]
        result.sort(
            key=lambda r: (
                -r["reporters"] / r["followers"],
                -r["reporters"],
                r["kind"],
                r["name"],
                r["related_name"],
                r["account"],
                r["related"],
            )
        )
        return result[:limit]

    def burden(self, level: str = "") -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            query = select(BurdenTotal).where(BurdenTotal.reporters >= self.min_reporters)
            if level:
                query = query.where(BurdenTotal.level == level)
            rows = conn.execute(query).all()
        result = [
            {
                "category": row.category,
                "level": row.level,
                "operation": row.operation,
                "reporters": int(row.reporters),
                "requirements": int(row.requirements),
                "expected_minutes": round(float(row.expected_minutes), 1),
            }
            for row in rows
        ]
        result.sort(
            key=lambda r: (-r["reporters"], -r["expected_minutes"], r["category"], r["level"], r["operation"])
        )
        return result
