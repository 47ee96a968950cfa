"""自查报告: 单项否决 first, then 扣分, with evidence; XLSX and PDF through the shared writers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from cadre_desk.services.ingest import IngestService
from cadre_desk.services.own.accounts import OwnSettings, own_account_id
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.services.own.duties import repost_duty_listener
from cadre_desk.services.own.report import build_self_inspection, export_self_inspection
from cadre_desk.services.reports.periods import month
from cadre_desk.storage.database import Database
from cadre_desk.storage.own_models import OwnAccount
from tests.own.helpers import make_source, post

NOW = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)


@pytest.fixture
def desk(db: Database) -> OwnDesk:
    desk = OwnDesk(db)
    ingest = IngestService(db)
    ingest.add_listener(repost_duty_listener(db))
    mine = make_source(db, "柳林镇人民政府", created_at=NOW - timedelta(days=400))
    superior = make_source(db, "清河发布", level="county", created_at=NOW - timedelta(days=400))
    desk.accounts.mark_run(mine, OwnSettings(menu_links=("http://127.0.0.1:9/menu",)))
    with db.session() as session:  # watched since the summer
        account = session.get(OwnAccount, own_account_id(mine))
        assert account is not None
        account.created_at = NOW - timedelta(days=90)
    post(
        ingest,
        mine,
        "镇里布署冬季防火工作",
        datetime(2026, 10, 30, 2, tzinfo=UTC),
        "牢记使命、不忘初心，做好防火。",
    )
    post(ingest, mine, "柳林镇开展消防演练", datetime(2026, 11, 20, 2, tzinfo=UTC))  # a 21-day silence before
    desk.messages.add(mine, "路灯坏了", received_at=datetime(2026, 11, 2, 1, tzinfo=UTC))
    desk.duties.create(superior, mine, ["防汛"], within_minutes=60)
    post(ingest, superior, "清河县防汛工作通知", datetime(2026, 11, 10, 1, tzinfo=UTC))
    desk.links.store(
        [
            {
                "source_id": mine,
                "url": "http://127.0.0.1:9/menu",
                "item_id": None,
                "origin": "menu",
                "checked_at": datetime(2026, 11, 25, tzinfo=UTC),
                "ok": False,
                "status": 404,
                "outcome": "页面不存在，链接已失效（HTTP 404）",
                "recorded": False,
            }
        ]
    )
    return desk


def test_checklist_layout_and_evidence(desk: OwnDesk) -> None:
    report = build_self_inspection(desk, month(2026, 11), name="张三", unit="柳林镇党政办", now=NOW)
    conclusion, veto, deduct, _overview = report.document.sections
    assert "单项否决项 2 项，扣分项 2 项" in conclusion.blocks[0].text  # type: ignore[union-attr]
    assert [veto.title, deduct.title] == ["一、单项否决项", "二、扣分项"]
    cadence, severe, messages = veto.blocks
    assert cadence.rows[0][2] == "2026-11-13 至 2026-11-19"  # type: ignore[union-attr]
    assert "已于 2026-11-20 恢复更新" in cadence.rows[0][5]  # type: ignore[union-attr]
    assert severe.rows == []  # the severe formulation was posted in October
    assert messages.rows[0][5] == "已超期"  # type: ignore[union-attr]
    links, duties, minor, _local = deduct.blocks
    assert links.rows[0][4].startswith("页面不存在")  # type: ignore[union-attr]
    assert duties.rows[0][5] == "超时未转发"  # type: ignore[union-attr]
    assert minor.rows == []  # type: ignore[union-attr]
    assert report.veto_count == 2 and report.deduct_count == 2
    october = build_self_inspection(desk, month(2026, 10), now=NOW)
    assert october.document.sections[1].blocks[1].rows[0][4].startswith("不忘初心")  # type: ignore[union-attr]
    assert october.document.sections[2].blocks[2].rows[0][3].find("【布署】") >= 0  # type: ignore[union-attr]


@pytest.mark.slow
def test_xlsx_and_pdf(desk: OwnDesk, tmp_path: Path) -> None:
    xlsx, report = export_self_inspection(desk, month(2026, 11), tmp_path / "自查.xlsx", now=NOW)
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames[:2] == ["单项否决", "扣分项"]
    texts = [str(c.value) for row in book["单项否决"].iter_rows() for c in row if c.value]
    assert any("2026-11-13 至 2026-11-19" in t for t in texts)
    pdf, _ = export_self_inspection(desk, month(2026, 11), tmp_path / "自查.pdf", now=NOW)
    assert pdf.read_bytes().startswith(b"%PDF") and report.veto_count == 2


def test_no_accounts_is_a_clear_empty_report(db: Database) -> None:
    report = build_self_inspection(OwnDesk(db), month(2026, 11), now=NOW)
    assert report.document.empty_message and "下一步" in report.document.empty_message
    assert date(2026, 11, 1) == month(2026, 11).first
