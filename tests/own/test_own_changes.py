"""Each command of the 我运营的账号 desk says what it changed; the window refreshes from that."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.services.ingest import IngestService
from cadre_desk.services.own.accounts import OwnSettings
from cadre_desk.services.own.checks import FIXED, NOT_ERROR, WORDING
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import OperationLog, Requirement, Task
from cadre_desk.storage.own_models import OwnAccount
from tests.own.helpers import make_source, post

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
OWN = Changes(own=True)


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_marking_names_the_accounts_and_the_sources_list(db: Database) -> None:
    desk = OwnDesk(db)
    source = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    marked = desk.accounts.mark_run(source)
    assert marked.changes == Changes(own=True, sources=True) and desk.accounts.is_run(source)
    assert desk.accounts.update_settings(source, OwnSettings(warn_days=5)) == OWN
    assert desk.accounts.unmark(source) == Changes(own=True, sources=True)
    assert desk.accounts.unmark(source) == NOTHING  # already unmarked: nothing to refresh


def test_marks_messages_and_duties(db: Database) -> None:
    desk = OwnDesk(db)
    superior = make_source(db, "清河发布", level="county", created_at=NOW - timedelta(days=400))
    mine = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    desk.accounts.mark_run(mine)
    assert desk.wording.set_mark(mine, NOT_ERROR, WORDING, "地税局").changes == OWN
    assert desk.wording.set_mark(mine, FIXED, WORDING, "布署", on=False).changes == NOTHING  # no mark to lift
    message = desk.messages.add(mine, "路灯坏了", received_at=NOW)
    assert message.changes == Changes(own=True, tasks=True) and _count(db, Task) == 1
    assert desk.messages.mark_replied(message.id) == Changes(own=True, tasks=True)
    assert desk.messages.remove(message.id) == Changes(own=True, tasks=True)
    assert desk.messages.remove("no such message") == NOTHING
    duty = desk.duties.create(superior, mine, ["防汛"])
    assert duty.changes == Changes(own=True, requirements=True) and _count(db, Requirement) == 1
    assert desk.duties.set_active(duty.id, False) == Changes(own=True, requirements=True)
    outcome = {"source_id": mine, "url": "http://127.0.0.1:9/menu", "item_id": None, "origin": "menu"}
    checked = {"checked_at": NOW, "ok": False, "status": 404, "outcome": "404", "recorded": False}
    assert desk.links.store([{**outcome, **checked}]) == OWN and len(desk.links.results()) == 1
    assert desk.links.store([]) == NOTHING


def test_a_check_pass_names_duty_tasks_made_and_closed(db: Database) -> None:
    desk = OwnDesk(db)
    ingest = IngestService(db)  # no listener: the check pass, not ingest, makes the tasks
    superior = make_source(db, "清河发布", level="county", created_at=NOW - timedelta(days=400))
    mine = make_source(db, "柳林镇人民政府", created_at=datetime.now(UTC) - timedelta(days=1))
    desk.accounts.mark_run(mine)
    desk.duties.create(superior, mine, ["防汛"], within_minutes=60)
    published = datetime.now(UTC) + timedelta(minutes=1)  # after the duty began
    body = "清河县防汛抗旱指挥部发布汛期安全提示，请广大群众远离河道，注意出行安全。" * 3
    post(ingest, superior, "清河县发布防汛安全提示", published, body)
    first = desk.run_checks()
    assert first.duty_tasks_created == 1
    assert first.changes.tasks and first.changes.own and not first.changes.operation_logs
    post(ingest, mine, "转发：清河县发布防汛安全提示", published + timedelta(minutes=10), body)
    closed = desk.duties.reconcile()
    assert closed.count == 0 and closed.changes == Changes(tasks=True, own=True, operation_logs=True)
    assert _count(db, OperationLog) == 1  # the closing's evidence
    assert desk.duties.reconcile().changes == NOTHING


def test_cadence_reminders_name_tasks_only_when_made(db: Database) -> None:
    desk = OwnDesk(db)
    source = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    desk.accounts.mark_run(source)
    with db.session() as session:  # marked a month ago, silent since: the rule is breached
        for row in session.scalars(select(OwnAccount)):
            row.created_at = NOW - timedelta(days=30)
    made = desk.accounts.ensure_cadence_tasks(NOW)
    assert made.created and made.changes == Changes(tasks=True)
    assert desk.accounts.ensure_cadence_tasks(NOW).changes == NOTHING
