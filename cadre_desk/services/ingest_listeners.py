"""What acts on newly stored items (the ingest listeners), each behind a one-row gate.

Two features act inside the ingest's transaction: the inbox (enabled rules, and a new repost of
a notice the cadre already read arrives read) and the repost duties of the accounts the unit
runs. Most refreshes concern neither: a profile without rules or duties whose items are all
unread, such as a new profile's first refresh. Each listener here first asks its gate, one
indexed one-row query on tables the ingest already knows, and only when the gate opens does it
import its service (rules, folding, own accounts) and run it. So ``cadre-desk fetch`` of such a
profile never loads those modules (tests/sources/test_fetch_imports.py), and the GUI and the
CLI still run the same listeners in the same order on every ingest.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.services.ingest import IngestListener, IngestService, any_live_item_read
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Rule
from cadre_desk.storage.own_models import OwnRepostDuty


class GatedListener:
    """``listener(session, new_ids)`` built on first need, run only while ``gate(session)``."""

    def __init__(self, gate: Callable[[Session], bool], build: Callable[[], IngestListener]) -> None:
        self._gate = gate
        self._build = build
        self._listener: IngestListener | None = None

    @property
    def built(self) -> bool:
        return self._listener is not None

    def __call__(self, session: Session, new_ids: list[str]) -> None:
        if not self._gate(session):
            return
        if self._listener is None:
            self._listener = self._build()
        self._listener(session, new_ids)


def any_enabled_rule(session: Session) -> bool:
    found = session.execute(
        select(Rule.id).where(Rule.enabled.is_(True), Rule.deleted.is_(False)).limit(1)
    ).first()
    return found is not None


def any_active_duty(session: Session) -> bool:
    found = session.execute(
        select(OwnRepostDuty.id)
        .where(OwnRepostDuty.active.is_(True), OwnRepostDuty.deleted.is_(False))
        .limit(1)
    ).first()
    return found is not None


def _inbox_wanted(session: Session) -> bool:
    return any_enabled_rule(session) or any_live_item_read(session)


def _inbox_listener(db: Database) -> IngestListener:
    from cadre_desk.services.rules import inbox_ingest_listener

    return inbox_ingest_listener(db)


def _duty_listener(db: Database) -> IngestListener:
    from cadre_desk.services.own.duties import repost_duty_listener

    return repost_duty_listener(db)


def ingest_listeners(db: Database) -> list[GatedListener]:
    """The ingest listeners of a profile, in the order they run."""
    return [
        GatedListener(_inbox_wanted, lambda: _inbox_listener(db)),  # rules + already-read duplicates
        GatedListener(any_active_duty, lambda: _duty_listener(db)),  # 本单位运营: repost duties
    ]


def build_ingest(db: Database) -> IngestService:
    """The ingest service with its listeners: the one assembly the GUI, the CLI and the
    schedule share."""
    ingest = IngestService(db)
    for listener in ingest_listeners(db):
        ingest.add_listener(listener)
    return ingest
