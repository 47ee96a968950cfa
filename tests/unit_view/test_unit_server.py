"""The unit's view over real HTTP, on SQLite and PostgreSQL: reports, k-anonymity, roles,
revocation, the dashboard pages and the consolidation report."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import openpyxl
import pytest

from cadre_desk.server.unit.models import UnitReport
from cadre_desk.server.unit.store import UnitStore
from tests.poppler import pdf_fonts, pdf_text
from tests.sync.server_fixtures import LiveServer
from tests.unit_view.helpers import account_key, clear_reports, publish, report

pytestmark = pytest.mark.slow


def _post(server: LiveServer, token: str, body: object) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/unit/report", json=body, headers={"Authorization": f"Bearer {token}"})


def _coordinator(server: LiveServer) -> tuple[str, str]:
    name, token = server.user()
    UnitStore(server.store.engine).set_coordinator(name)
    return name, token


def _api(server: LiveServer, token: str, page: str, **params: str) -> httpx.Response:
    return httpx.get(
        f"{server.url}/unit/api/{page}", params=params, headers={"Authorization": f"Bearer {token}"}
    )


def _unit(server: LiveServer) -> UnitStore:
    return UnitStore(server.store.engine)


def _reset(server: LiveServer) -> None:
    clear_reports(server.store.engine)


def test_figures_appear_at_k_reporters_and_go_on_revocation(live_server: LiveServer) -> None:
    _reset(live_server)
    _, boss = _coordinator(live_server)
    cadres = [live_server.user()[1] for _ in range(3)]
    for token in cadres[:2]:
        assert _post(live_server, token, report({1: 10.0, 2: 5.0})).status_code == 200
    assert not publish(live_server.store.engine)  # two reporters: the batch waits
    assert _api(live_server, boss, "accounts", month="2026-11").json()["rows"] == []
    assert _api(live_server, boss, "accounts").json()["reporters"] is None  # even the count is hidden

    reply = _post(live_server, cadres[2], report({1: 20.0}))
    assert reply.json() == {"accounts": 1, "months": 1}
    assert _api(live_server, boss, "accounts", month="2026-11").json()["rows"] == []  # not yet published
    assert publish(live_server.store.engine)
    rows = _api(live_server, boss, "accounts", month="2026-11").json()["rows"]
    assert [(r["account"], r["reporters"], r["minutes"]) for r in rows] == [(account_key(1), 3, 40.0)]
    assert rows[0]["name"] == "账号1"

    # one cadre sends again: kept (replacing, not adding), but not shown on its own
    assert _post(live_server, cadres[2], report({1: 2.0})).status_code == 200
    assert not publish(live_server.store.engine)
    assert _api(live_server, boss, "accounts", month="2026-11").json()["rows"][0]["minutes"] == 40.0

    removed = httpx.delete(
        f"{live_server.url}/v1/unit/report", headers={"Authorization": f"Bearer {cadres[2]}"}
    )
    assert removed.json() == {"removed": 1}
    with live_server.store.engine.connect() as conn:
        stored = {row.reporter for row in conn.execute(UnitReport.__table__.select())}
    assert _unit(live_server).pseudonym(live_server.store.authenticate(cadres[2]) or "") not in stored
    assert len(stored) == 2  # the revoked report is gone at once
    # the totals lose it with the next batch (two more cadres change something)
    for token in cadres[:2]:
        assert _post(live_server, token, report({1: 11.0, 2: 5.0})).status_code == 200
    assert publish(live_server.store.engine)
    assert _api(live_server, boss, "accounts", month="2026-11").json()["rows"] == []
    assert _api(live_server, boss, "accounts").json()["reporters"] is None


def test_normal_user_cannot_reach_the_dashboard(live_server: LiveServer) -> None:
    _, token = live_server.user()
    for page in ("accounts", "findings", "burden", "account"):
        assert _api(live_server, token, page).status_code == 403
    html = httpx.get(f"{live_server.url}/unit/", headers={"Authorization": f"Bearer {token}"})
    assert html.status_code == 303 and html.headers["location"] == "/unit/login"
    assert httpx.get(f"{live_server.url}/unit/report.xlsx").status_code == 303
    login = httpx.post(f"{live_server.url}/unit/login", data={"token": token})
    assert login.status_code == 403 and "不是协调员" in login.text
    assert "cadre_unit_session" not in login.cookies
    bad = httpx.post(f"{live_server.url}/unit/login", data={"token": "nonsense"})
    assert bad.status_code == 401 and "下一步" in bad.text


def test_coordinator_logs_in_and_sees_pages_and_report(live_server: LiveServer) -> None:
    _reset(live_server)
    name, boss = _coordinator(live_server)
    for _ in range(4):
        _post(
            live_server,
            live_server.user()[1],
            report({1: 10.0, 2: 5.0, 3: 1.0}, findings={1: "duplicate_account", 3: "zombie"}),
        )
    assert publish(live_server.store.engine)
    with httpx.Client(base_url=live_server.url) as browser:
        assert browser.post("/unit/login", data={"token": boss}).status_code == 303
        home = browser.get("/unit/")
        assert home.status_code == 200 and "各账号 2026-11 用时排名" in home.text and "<svg" in home.text
        assert "账号1" in home.text
        account = browser.get("/unit/account", params={"key": account_key(1)})
        assert "「账号1」每月用时" in account.text and "40" in account.text
        findings = browser.get("/unit/findings")
        assert "4 位干部中 4 位的工具认为「账号1」与「账号2」重复" in findings.text
        assert "认为「账号3」是僵尸账号" in findings.text
        assert "强制使用" in browser.get("/unit/burden").text
        assert browser.get("/unit/api/accounts", params={"month": "2026-13"}).status_code == 422
        download = browser.get("/unit/report.xlsx")
        assert download.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(download.content))["整合建议"]
        actions = {(row[0], row[1]) for row in sheet.iter_rows(min_row=4, values_only=True)}
        assert ("关停", "账号3") in actions and ("合并", "账号1") in actions and ("保留", "账号2") in actions
        # the report is rebuilt when a report changes the totals, and only then
        assert browser.get("/unit/report.xlsx").content == download.content
        for _ in range(3):
            _post(live_server, live_server.user()[1], report({1: 100.0}))
        assert browser.get("/unit/report.xlsx").content == download.content  # until the batch
        assert publish(live_server.store.engine)
        again = openpyxl.load_workbook(io.BytesIO(browser.get("/unit/report.xlsx").content))["整合建议"]
        minutes = {row[1]: row[4] for row in again.iter_rows(values_only=True)}
        assert minutes["账号1"] == 340.0
        # the role is checked on every request
        _unit(live_server).set_coordinator(name, False)
        assert browser.get("/unit/").status_code == 303


def test_revoked_token_loses_the_dashboard_and_cannot_report(live_server: LiveServer) -> None:
    name, boss = _coordinator(live_server)
    with httpx.Client(base_url=live_server.url) as browser:
        browser.post("/unit/login", data={"token": boss})
        assert browser.get("/unit/").status_code == 200
        live_server.store.revoke_tokens(name)
        assert browser.get("/unit/").status_code == 303
    assert _post(live_server, boss, report({1: 1.0})).status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"format": 2},
        {"format": 1, "accounts": {}, "months": {"2026-13": []}},
        {"format": 1, "accounts": {}, "months": {"2026-11": [{"account": "x", "minutes": 1}]}},
        {
            "format": 1,
            "accounts": {"a": {"name": "n"}},
            "months": {"2026-11": [{"account": "a", "minutes": -1}]},
        },
    ],
)
def test_malformed_reports_are_refused_in_chinese(live_server: LiveServer, body: object) -> None:
    _, token = live_server.user()
    reply = _post(live_server, token, body)
    assert reply.status_code == 422 and "减负统计" in reply.json()["error"]


def test_consolidation_pdf_lists_candidates_and_citations_and_nothing_under_k(
    live_server: LiveServer, tmp_path: Path
) -> None:
    _reset(live_server)
    _, boss = _coordinator(live_server)
    for index in range(4):
        body = report({1: 10.0, 2: 5.0, 3: 1.0}, findings={1: "duplicate_account", 3: "zombie"})
        if index < 2:  # followed by two cadres only: never in the report
            body["accounts"][account_key(9)] = {"name": "两人关注账号", "level": "county"}
            body["months"]["2026-11"].append({"account": account_key(9), "minutes": 77.7, "operations": {}})
            body["findings"][account_key(9)] = [{"kind": "zombie", "score": 1}]
        assert _post(live_server, live_server.user()[1], body).status_code == 200
    assert publish(live_server.store.engine)
    reply = httpx.get(f"{live_server.url}/unit/report.pdf", headers={"Authorization": f"Bearer {boss}"})
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/pdf"
    assert reply.content.startswith(b"%PDF")
    path = tmp_path / "unit.pdf"
    path.write_bytes(reply.content)
    text = "".join(pdf_text(path).split())  # table cells wrap: compare without white space
    for heading in (
        "单位政务新媒体账号整合建议报告",
        "一、概况",
        "二、整合建议明细",
        "三、减负问题",
        "四、政策依据",
    ):
        assert heading in text
    assert "报送干部：4位" in text and "至少3位干部" in text
    assert "关停账号3" in text and "合并账号1" in text and "保留账号2" in text
    assert "4位干部中4位的工具认为「账号1」与「账号2」重复" in text
    assert "清理关停使用频率低、实用性不强的“空壳”“僵尸”政务应用和账号" in text  # the catalogue's
    assert "国办函〔2026〕12号" in text and "整治打卡签到" in text  # burden (forced_use) citations
    assert "两人关注账号" not in text and "155.4" not in text and account_key(9) not in text
    fonts = [line for line in pdf_fonts(path).splitlines() if "TrueType" in line]
    assert fonts and all(" yes yes yes " in line for line in fonts)  # the Chinese font, embedded
    # nobody but a coordinator gets it
    _, cadre = live_server.user()
    assert (
        httpx.get(
            f"{live_server.url}/unit/report.pdf", headers={"Authorization": f"Bearer {cadre}"}
        ).status_code
        == 303
    )
