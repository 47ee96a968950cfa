"""The 本单位运营 desk: one object the page, the CLI and the tests share.

``overview`` gathers what the page shows in one read; ``run_checks`` is the periodic pass
(cadence tasks, repost duties caught up, optionally the link check).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.services.own.accounts import AccountCadence, CadenceTaskChanges, OwnAccountService
from cadre_desk.services.own.checks import WordingCheckService, WordingFinding
from cadre_desk.services.own.duties import DutyTaskView, DutyView, RepostDutyService
from cadre_desk.services.own.links import LinkCheckRun, LinkCheckService, LinkResult
from cadre_desk.services.own.messages import MessageService, MessageView
from cadre_desk.services.own.wording import WordingMatcher
from cadre_desk.sources.http import HttpSettings
from cadre_desk.storage.database import Database

DEMO_MANIFEST = "demo-manifest.json"  # written by cadre_desk.demo next to a demo profile's database
WORDING_DAYS = 90
DUTY_DAYS = 35


@dataclass(frozen=True)
class OwnOverview:
    now: datetime
    cadence: list[AccountCadence]
    wording: list[WordingFinding]
    links: list[LinkResult]
    duties: list[DutyView]
    duty_tasks: list[DutyTaskView]
    messages: list[MessageView]
    demo: bool


@dataclass
class CheckPass:
    cadence: CadenceTaskChanges = field(default_factory=CadenceTaskChanges)
    duty_tasks_created: int = 0
    links: LinkCheckRun | None = None
    changes: Changes = NOTHING  # cadence reminders, duty tasks made or closed, link outcomes


class OwnDesk:
    def __init__(
        self, db: Database, http: HttpSettings | None = None, matcher: WordingMatcher | None = None
    ) -> None:
        self.db = db
        self.accounts = OwnAccountService(db)
        self.wording = WordingCheckService(db, matcher)
        self.links = LinkCheckService(db, self.accounts, http)
        self.duties = RepostDutyService(db, self.accounts)
        self.messages = MessageService(db, self.accounts)

    @property
    def is_demo(self) -> bool:
        """A demo profile: its hosts are made up, so links are never fetched (recorded results)."""
        return (Path(self.db.path).parent / DEMO_MANIFEST).exists()

    def overview(self, now: datetime | None = None) -> OwnOverview:
        moment = now or datetime.now(UTC)
        views = self.accounts.accounts()
        return OwnOverview(
            now=moment,
            cadence=self.accounts.cadence(moment, views),
            wording=self.wording.published_findings(moment - timedelta(days=WORDING_DAYS), moment),
            links=self.links.results(),
            duties=self.duties.duties(),
            duty_tasks=self.duties.duty_tasks(moment, since=moment - timedelta(days=DUTY_DAYS)),
            messages=self.messages.messages(moment),
            demo=self.is_demo,
        )

    def run_checks(self, now: datetime | None = None, *, links: bool = False) -> CheckPass:
        """Cadence tasks and reminders, repost duties caught up; the link check when asked."""
        result = CheckPass()
        result.cadence = self.accounts.ensure_cadence_tasks(now)
        duty_tasks = self.duties.reconcile()
        result.duty_tasks_created = duty_tasks.count
        result.changes = result.cadence.changes | duty_tasks.changes
        if links:
            result.links = self.links.check(network_allowed=not self.is_demo, now=now)
            result.changes |= result.links.changes
        return result

    def source_choices(self) -> list[tuple[str, str]]:
        """(id, name) of every followed source, for choosing a superior account."""
        from sqlalchemy import select

        from cadre_desk.storage.models import Source

        with self.db.session() as session:
            rows = session.execute(
                select(Source.id, Source.name).where(Source.deleted.is_(False)).order_by(Source.name)
            ).all()
        return [(source_id, name) for source_id, name in rows]
