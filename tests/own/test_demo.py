"""The demo profile shows every state of the 本单位运营 desk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cadre_desk.demo import generate_demo
from cadre_desk.demo.own_accounts import add_own_demo_to_profile
from cadre_desk.domain.own_cadence import CadenceLevel
from cadre_desk.domain.own_messages import MessageState
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.services.own.duties import DutyState
from cadre_desk.storage.database import Database


@pytest.mark.slow
def test_demo_profile_has_every_state(db: Database) -> None:
    now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    generate_demo(db, items=400, days=20, now=now)
    added = add_own_demo_to_profile(db)
    assert added is not None and added.added["items"] == 8
    desk = OwnDesk(db)
    assert desk.is_demo
    view = desk.overview()
    levels = {c.account.name: c.status for c in view.cadence}
    assert levels["柳林镇人民政府"].level == CadenceLevel.GREEN
    at_risk = levels["柳林镇退役军人服务站"]
    today = view.now.astimezone(UTC) + timedelta(hours=8)
    assert at_risk.level == CadenceLevel.YELLOW
    assert at_risk.days_left == 4 - (today.date() - (now + timedelta(hours=8)).date()).days
    terms = {f.hit.term for f in view.wording}
    assert {"布署", "防讯", "截止目前", "工商局"} <= terms
    assert [r.outcome for r in view.links if not r.ok] == ["页面不存在，链接已失效（HTTP 404）"]
    assert all(r.recorded for r in view.links)
    states = sorted(t.state for t in view.duty_tasks)
    assert states == sorted([DutyState.ON_TIME, DutyState.MISSED, DutyState.PENDING])
    assert sorted(m.state for m in view.messages) == sorted(
        [MessageState.OVERDUE, MessageState.PENDING, MessageState.REPLIED]
    )
    run = desk.run_checks(links=True)
    assert run.links is not None and not run.links.network_used  # made-up hosts are never fetched
