"""The 本单位运营 services on a real SQLite profile: marking, cadence tasks, marks, messages and
repost duties driven through the real ingest path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount
from cadre_desk.domain.enums import OperationKind, TaskOrigin, TaskStatus
from cadre_desk.domain.own_cadence import CadenceLevel
from cadre_desk.domain.own_messages import MessageState
from cadre_desk.services.ingest import IngestService
from cadre_desk.services.own.accounts import OwnAccountError, OwnSettings
from cadre_desk.services.own.checks import FIXED, NOT_ERROR, WORDING
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.services.own.duties import DutyError, DutyState, repost_duty_listener
from cadre_desk.services.own.messages import MessageError
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import OperationLog, Task
from tests.own.helpers import make_source, post

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)  # 10:00 in China, a Friday


@pytest.fixture
def desk(db: Database) -> OwnDesk:
    return OwnDesk(db)


@pytest.fixture
def ingest(db: Database) -> IngestService:
    service = IngestService(db)
    service.add_listener(repost_duty_listener(db))
    return service


def test_mark_unmark_and_settings(db: Database, desk: OwnDesk) -> None:
    source = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    assert not desk.accounts.is_run(source)
    desk.accounts.mark_run(source, OwnSettings(preset="county_10_days", counts_reposts=False))
    view = desk.accounts.account(source)
    assert view.rule.max_gap_days == 10 and not view.rule.counts_reposts
    desk.accounts.unmark(source)
    assert desk.accounts.accounts() == []
    desk.accounts.mark_run(source)  # re-marking keeps the earlier choices
    assert desk.accounts.account(source).settings.preset == "county_10_days"
    with pytest.raises(OwnAccountError, match="菜单链接"):
        desk.accounts.update_settings(source, OwnSettings(menu_links=("ftp://x",)))
    with pytest.raises(OwnAccountError):
        desk.accounts.mark_run("no-such-source")


def test_cadence_task_is_created_once_and_closes_when_the_account_posts(
    db: Database, desk: OwnDesk, ingest: IngestService
) -> None:
    source = make_source(db, "清河发布", created_at=NOW - timedelta(days=400))
    desk.accounts.mark_run(source)
    with db.session() as session:  # marked a month ago: the clock runs from the last post
        from cadre_desk.storage.own_models import OwnAccount

        for row in session.scalars(select(OwnAccount)):
            row.created_at = NOW - timedelta(days=30)
    post(ingest, source, "柳林镇召开秋冬季森林防火工作会议", NOW - timedelta(days=10))
    [standing] = desk.accounts.cadence(NOW)
    assert standing.status.level == CadenceLevel.YELLOW and standing.status.days_left == 4
    first = desk.accounts.ensure_cadence_tasks(NOW)
    assert len(first.created) == 1 and not desk.accounts.ensure_cadence_tasks(NOW).changed
    with db.session() as session:
        task = session.get(Task, first.created[0])
        assert task is not None
        assert task.origin == TaskOrigin.OWN and task.remind_at == NOW
        assert task.title.startswith("清河发布 还有 4 天将触发14 天未更新单项否决")
    post(ingest, source, "我镇开展冬季消防安全大检查", NOW - timedelta(hours=1))
    second = desk.accounts.ensure_cadence_tasks(NOW)
    assert second.closed == first.created and not second.created


def test_wording_findings_respect_not_error_and_fixed_marks(
    db: Database, desk: OwnDesk, ingest: IngestService
) -> None:
    source = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    desk.accounts.mark_run(source)
    item = post(
        ingest, source, "镇里布署防讯工作", NOW - timedelta(days=2), "会上布署了防讯工作，地税局同志参加。"
    )
    findings = desk.wording.published_findings(NOW - timedelta(days=30), NOW)
    assert sorted({f.hit.term for f in findings}) == ["地税局", "布署", "防讯"]
    desk.wording.set_mark(source, NOT_ERROR, WORDING, "地税局", note="历史报道，引用原名")
    desk.wording.set_mark(source, FIXED, WORDING, "布署", item_id=item)
    after = desk.wording.published_findings(NOW - timedelta(days=30), NOW)
    assert "地税局" not in {f.hit.term for f in after}
    assert {f.fixed for f in after if f.hit.term == "布署"} == {True}
    assert not desk.wording.published_findings(NOW - timedelta(days=30), NOW, include_fixed=False)[0].fixed
    draft = desk.wording.check_draft("地税局布署工作", source)
    assert [h.term for h in draft.hits] == ["布署"] and draft.exempted == 1
    desk.wording.set_mark(source, NOT_ERROR, WORDING, "地税局", on=False)
    assert desk.wording.check_draft("地税局", source).exempted == 0


def test_messages_deadline_in_working_days_and_task(db: Database, desk: OwnDesk) -> None:
    source = make_source(db, "杏花村村务公开", level="village", created_at=NOW - timedelta(days=400))
    desk.accounts.mark_run(source, OwnSettings(reply_workdays=3))
    # Received Monday 2026-09-28; 国庆 runs Oct 1-7: 3 working days are Sept 29, 30 and Oct 8.
    received = datetime(2026, 9, 28, 1, 0, tzinfo=UTC)
    message = desk.messages.add(
        source, "村口路灯坏了，何时维修？", sender="村民王某", received_at=received
    ).id
    [view] = desk.messages.messages(received)
    assert view.reply_due_at == datetime(2026, 10, 8, 9, 30, tzinfo=UTC)  # 17:30 China time
    assert view.state == MessageState.PENDING
    assert desk.messages.messages(datetime(2026, 10, 10, tzinfo=UTC))[0].state == MessageState.OVERDUE
    with db.session() as session:
        task = session.get(Task, view.task_id)
        assert task is not None and task.due_at == view.reply_due_at and task.origin == TaskOrigin.OWN
    desk.messages.mark_replied(
        message, "已联系电工，周五前修好", replied_at=datetime(2026, 10, 8, 2, tzinfo=UTC)
    )
    assert desk.messages.messages(NOW)[0].state == MessageState.REPLIED
    with db.session() as session:
        assert session.get(Task, view.task_id).status == TaskStatus.DONE  # type: ignore[union-attr]
    # The make-up Saturday Oct 10 (调休) is a working day: 2 working days after Oct 8 end on it.
    later = desk.messages.add(
        source, "路灯又坏了", received_at=datetime(2026, 10, 8, 1, tzinfo=UTC), reply_workdays=2
    ).id
    assert next(m for m in desk.messages.messages(NOW) if m.id == later).reply_due_at == datetime(
        2026, 10, 10, 9, 30, tzinfo=UTC
    )
    with pytest.raises(MessageError, match="为空"):
        desk.messages.add(source, "   ")


def test_repost_duty_opens_on_superior_item_and_closes_on_the_repost(
    db: Database, desk: OwnDesk, ingest: IngestService
) -> None:
    superior = make_source(db, "清河发布", level="county", created_at=NOW - timedelta(days=400))
    mine = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    with pytest.raises(DutyError, match="本单位运营"):
        desk.duties.create(superior, mine, ["防汛"])
    desk.accounts.mark_run(mine)
    desk.duties.create(superior, mine, ["防汛", "安全生产"], within_minutes=60)
    body = (
        "清河县防汛抗旱指挥部发布汛期安全提示，请广大群众远离河道，注意出行安全，如遇险情拨打应急电话。" * 2
    )
    published = datetime.now(UTC) - timedelta(minutes=20)
    post(ingest, superior, "今日天气晴好", published - timedelta(hours=2))  # no keyword: no task
    original = post(ingest, superior, "清河县发布防汛安全提示", published, body)
    [pending] = desk.duties.duty_tasks()
    assert pending.state == DutyState.PENDING and pending.superior_item_id == original
    assert pending.due_at == published.replace(microsecond=published.microsecond // 1000 * 1000) + timedelta(
        minutes=60
    )
    repost = post(ingest, mine, "转发：清河县发布防汛安全提示", published + timedelta(minutes=35), body)
    [done] = desk.duties.duty_tasks()
    assert done.state == DutyState.ON_TIME and done.delay_minutes == 35
    assert done.evidence and "用时 35 分钟" in done.evidence and "按时" in done.evidence
    with db.session() as session:
        [log] = session.scalars(select(OperationLog).where(OperationLog.task_id == done.task_id)).all()
        assert log.item_id == repost and log.operation_kind == OperationKind.FORWARD
        assert original in (log.note or "")


def test_missed_and_late_reposts(db: Database, desk: OwnDesk, ingest: IngestService) -> None:
    superior = make_source(db, "清河发布", level="county", created_at=NOW - timedelta(days=400))
    mine = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    desk.accounts.mark_run(mine)
    desk.duties.create(superior, mine, [], within_minutes=60)  # only items marked 重要 by hand
    published = datetime.now(UTC) - timedelta(hours=5)
    item = post(ingest, superior, "关于开展冬季安全生产大检查的通知", published)
    assert desk.duties.duty_tasks() == []
    desk.duties.mark_important(item)
    [missed] = desk.duties.duty_tasks()
    assert missed.state == DutyState.MISSED
    post(ingest, mine, "关于开展冬季安全生产大检查的通知", published + timedelta(hours=3), "（转自清河发布）")
    [late] = desk.duties.duty_tasks()
    assert late.state == DutyState.LATE and late.evidence and "超时 120 分钟" in late.evidence


def test_first_run_marks_named_accounts(db: Database, desk: OwnDesk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.platform.secrets import SecretStore
    from cadre_desk.services.first_run import FirstRunPlan, apply_first_run
    from cadre_desk.services.sources import build_source_services

    existing = make_source(db, "柳林镇人民政府", created_at=NOW)
    plan = FirstRunPlan(data_dir=tmp_path, run_accounts=["柳林镇人民政府", "柳林镇退役军人服务站"])
    services = build_source_services(db, None, SecretStore(tmp_path / "secrets.enc"))
    result = apply_first_run(plan, services.sources, services.own_accounts)
    assert result.changes == Changes(own=True, sources=True)
    views = {v.name: v for v in desk.accounts.accounts()}
    assert set(views) == {"柳林镇人民政府", "柳林镇退役军人服务站"}
    assert views["柳林镇人民政府"].source_id == existing  # an existing source is marked, not duplicated


def test_a_starred_superior_item_is_marked_important(
    db: Database, desk: OwnDesk, ingest: IngestService
) -> None:
    from cadre_desk.storage.models import Item

    superior = make_source(db, "清河发布", level="county", created_at=NOW - timedelta(days=400))
    mine = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    desk.accounts.mark_run(mine)
    desk.duties.create(superior, mine, ["防汛"], within_minutes=60)
    item = post(ingest, superior, "清河县召开全县干部大会", datetime.now(UTC) + timedelta(minutes=1))
    assert desk.duties.reconcile() == ChangesWithCount(0, NOTHING)  # no keyword, not starred
    with db.session() as session:
        starred = session.get(Item, item)
        assert starred is not None
        starred.is_starred = True  # the inbox's star
    assert desk.run_checks().duty_tasks_created == 1
    assert [t.superior_item_id for t in desk.duties.duty_tasks()] == [item]
