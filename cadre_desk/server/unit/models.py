"""Tables of the unit's view, on the server's own metadata (created on first use).

``srv_unit_reports`` keeps each reporter's latest report (normalized JSON) under a pseudonym;
the ``*_totals`` tables hold the sums every dashboard page reads, each with the number of
distinct reporters behind it. The difference a new report (or a revocation) makes is first
added to ``srv_unit_pending`` and reaches the totals only in a batch: at an epoch boundary, once
at least k reporters changed something (``UnitStore.publish``), so no change on the dashboard
can be pinned on the one device that just synced.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Float, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.server.models import ServerBase


class UnitSecret(ServerBase):
    """The key of the pseudonyms (HMAC): never leaves the server."""

    __tablename__ = "srv_unit_secret"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))


class UnitVersion(ServerBase):
    """Bumped with every change to the totals: what a cached page or report was built from."""

    __tablename__ = "srv_unit_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class UnitPublished(ServerBase):
    """What the totals hold: every change staged before epoch ``epoch`` (epochs are
    ``period_s`` long, counted from 1970), published at ``published_at`` (Unix seconds, an
    epoch boundary, not the time of any report), from ``reporters`` cadres."""

    __tablename__ = "srv_unit_published"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[int] = mapped_column(BigInteger)
    published_at: Mapped[int] = mapped_column(BigInteger)
    reporters: Mapped[int] = mapped_column(Integer)
    period_s: Mapped[int] = mapped_column(Integer)


class PendingChange(ServerBase):
    """Summed differences not yet in the totals, per epoch they arrived in (no reporter)."""

    __tablename__ = "srv_unit_pending"

    epoch: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    total: Mapped[str] = mapped_column(String(20), primary_key=True)  # names, follows, months, …
    key1: Mapped[str] = mapped_column(String(500), primary_key=True)
    key2: Mapped[str] = mapped_column(String(500), primary_key=True)  # "" when the key is shorter
    key3: Mapped[str] = mapped_column(String(500), primary_key=True)
    value1: Mapped[float] = mapped_column(Float)
    value2: Mapped[float] = mapped_column(Float)
    value3: Mapped[float] = mapped_column(Float)


class PendingReporter(ServerBase):
    """Who changed something in an epoch not yet published: the batch waits for k of them.
    Deleted when the batch is published."""

    __tablename__ = "srv_unit_pending_reporters"

    epoch: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reporter: Mapped[str] = mapped_column(String(64), primary_key=True)
    joined: Mapped[int] = mapped_column(Integer)  # +1 a first report, -1 a revocation, else 0


class Coordinator(ServerBase):
    """Users with the 协调员 role: they may open the dashboard."""

    __tablename__ = "srv_unit_coordinators"

    user_id: Mapped[str] = mapped_column(ForeignKey("srv_users.id"), primary_key=True)


class UnitReport(ServerBase):
    """A reporter's latest report. No user id, no device id, no time of arrival."""

    __tablename__ = "srv_unit_reports"

    reporter: Mapped[str] = mapped_column(String(64), primary_key=True)  # HMAC(secret, user id)
    body: Mapped[str] = mapped_column(Text)


class AccountName(ServerBase):
    """How many reporters call an account by this name and level (the majority name is shown)."""

    __tablename__ = "srv_unit_names"

    account: Mapped[str] = mapped_column(String(500), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), primary_key=True)
    level: Mapped[str] = mapped_column(String(20), primary_key=True)
    reporters: Mapped[int] = mapped_column(Integer)


class AccountLabel(ServerBase):
    """The majority name and level of each account (kept with the names above), so pages join
    one row per account; shown only when ``reporters`` ≥ k."""

    __tablename__ = "srv_unit_labels"

    account: Mapped[str] = mapped_column(String(500), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20))
    reporters: Mapped[int] = mapped_column(Integer)


class MonthTotal(ServerBase):
    __tablename__ = "srv_unit_month_totals"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    account: Mapped[str] = mapped_column(String(500), primary_key=True)
    reporters: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[float] = mapped_column(Float)
    operations: Mapped[int] = mapped_column(Integer)


class FindingTotal(ServerBase):
    __tablename__ = "srv_unit_finding_totals"

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    account: Mapped[str] = mapped_column(String(500), primary_key=True)
    related: Mapped[str] = mapped_column(String(500), primary_key=True)  # "" when none
    reporters: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)  # sum over reporters
    minutes_saved: Mapped[float] = mapped_column(Float)  # sum over reporters


class FollowerTotal(ServerBase):
    __tablename__ = "srv_unit_follower_totals"

    account: Mapped[str] = mapped_column(String(500), primary_key=True)
    reporters: Mapped[int] = mapped_column(Integer)


class BurdenTotal(ServerBase):
    __tablename__ = "srv_unit_burden_totals"

    category: Mapped[str] = mapped_column(String(30), primary_key=True)
    level: Mapped[str] = mapped_column(String(20), primary_key=True)
    operation: Mapped[str] = mapped_column(String(30), primary_key=True)
    reporters: Mapped[int] = mapped_column(Integer)
    requirements: Mapped[int] = mapped_column(Integer)
    expected_minutes: Mapped[float] = mapped_column(Float)


UNIT_TABLES: list[Table] = [
    model.__table__  # type: ignore[misc]
    for model in (
        UnitSecret,
        UnitVersion,
        UnitPublished,
        PendingChange,
        PendingReporter,
        Coordinator,
        UnitReport,
        AccountName,
        AccountLabel,
        MonthTotal,
        FindingTotal,
        FollowerTotal,
        BurdenTotal,
    )
]
