"""The app's side of the unit's view, end to end: real demo profiles (the demo generator with
different seeds, analysed), what their preview contains and never contains, and the sync step
that sends the figures to a real server on 127.0.0.1 and deletes them on revocation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from benchmarks._postgres import free_port
from cadre_desk.app import AppContext, build_context
from cadre_desk.cli.main import main
from cadre_desk.demo import generate_demo
from cadre_desk.server.store import ServerStore
from cadre_desk.server.unit.models import UnitReport
from cadre_desk.services import unit_report
from cadre_desk.services.analysis.findings import run_analysis
from cadre_desk.services.reports.log_queries import superseded_ids
from cadre_desk.services.sync.server_client import configure_server
from cadre_desk.services.sync.service import SyncService
from cadre_desk.storage.models import Item, OperationLog
from tests.sync.server_fixtures import LiveServer, start_server
from tests.unit_view.helpers import clear_reports, publish, report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_roots(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    roots = []
    for seed in (1001, 1002, 1003):
        root = tmp_path_factory.mktemp(f"cadre{seed}")
        ctx = build_context(root)
        try:
            generate_demo(ctx.db, items=150, seed=seed)
            run_analysis(ctx.db, ctx.paths.root, ctx.settings, workers=1)
            ctx.settings.set("user.name", "王小明")
            ctx.settings.set("user.unit", "青石乡综治办测试科")
        finally:
            ctx.close()
        roots.append(root)
    return roots


@pytest.fixture
def contexts(demo_roots: list[Path]) -> Iterator[list[AppContext]]:
    opened = [build_context(root) for root in demo_roots]
    for ctx in opened:  # the profiles are shared by the tests of this module: start switched off
        unit_report.set_enabled(ctx.settings, False)
        for marker in ("unit_report_previewed", "unit_report_sent"):
            (ctx.paths.root / marker).unlink(missing_ok=True)
    yield opened
    for ctx in opened:
        ctx.close()


def test_preview_holds_figures_and_no_private_text(contexts: list[AppContext]) -> None:
    ctx = contexts[0]
    text = unit_report.preview(ctx.db)
    sent = json.loads(text)
    assert sent["accounts"] and sent["months"]
    for forbidden in ("王小明", "青石乡综治办测试科"):
        assert forbidden not in text
    with ctx.db.session() as session:
        titles = list(session.scalars(select(Item.title)).all())
        notes = [n for n in session.scalars(select(OperationLog.note)).all() if n]
        minutes = session.execute(select(OperationLog.id, OperationLog.minutes, OperationLog.deleted)).all()
    assert titles and all(title not in text for title in titles)
    assert all(note not in text for note in notes if len(note) > 3)
    assert all(key.split(":", 1)[0] in {"feed", "wechat", "page", "name"} for key in sent["accounts"])
    # every minute in the last twelve months is accounted to some account (demo logs name their source)
    with ctx.db.engine.connect() as conn:
        losers = set(superseded_ids(conn))
    logged = sum(m for log_id, m, deleted in minutes if not deleted and log_id not in losers)
    reported = sum(row["minutes"] for rows in sent["months"].values() for row in rows)
    assert reported == pytest.approx(logged, abs=0.1 * len(sent["months"]) * 50 + 0.5)
    assert any(findings for findings in sent["findings"].values())


@pytest.fixture
def roomy_server(store: ServerStore) -> Iterator[LiveServer]:
    """The server with its default body limit: a whole demo profile syncs in full pages."""
    server = start_server(store)
    yield server
    server.stop()


def test_sync_sends_when_enabled_and_revocation_deletes(
    contexts: list[AppContext], roomy_server: LiveServer
) -> None:
    boss_name, boss = roomy_server.user()
    from cadre_desk.server.unit.store import UnitStore

    clear_reports(roomy_server.store.engine)
    unit = UnitStore(roomy_server.store.engine)
    unit.set_coordinator(boss_name)
    # the tests' in-memory keyring is one for all profiles: each profile's token is set before it syncs
    tokens = [roomy_server.user()[1] for _ in contexts]
    configure_server(contexts[0].secrets, roomy_server.url, tokens[0])
    # off by default: a sync sends nothing
    assert (
        unit_report.after_sync(contexts[0].db, contexts[0].paths, contexts[0].secrets, contexts[0].settings)
        is None
    )
    # on, but this device never showed the preview: nothing is sent, the cadre is told why
    unit_report.set_enabled(contexts[0].settings, True)
    line = unit_report.after_sync(
        contexts[0].db, contexts[0].paths, contexts[0].secrets, contexts[0].settings
    )
    assert line is not None and "预览" in line and "下一步" in line
    for ctx, token in zip(contexts, tokens, strict=True):
        configure_server(ctx.secrets, roomy_server.url, token)
        unit_report.mark_previewed(ctx.paths)
        unit_report.set_enabled(ctx.settings, True)
        summary = SyncService(ctx.db, ctx.paths, ctx.secrets).sync_now().summary()  # the window's sync
        assert summary.startswith("已同步") and "\n已向单位报送减负统计" in summary
    with roomy_server.store.engine.connect() as conn:
        assert len(conn.execute(select(UnitReport.reporter)).all()) >= 3
    assert publish(roomy_server.store.engine)  # the epoch boundary: the batch goes out
    findings = httpx.get(
        f"{roomy_server.url}/unit/api/findings", headers={"Authorization": f"Bearer {boss}"}
    ).json()["rows"]
    assert findings and all(row["reporters"] >= 3 for row in findings)
    ranking = httpx.get(
        f"{roomy_server.url}/unit/api/accounts", headers={"Authorization": f"Bearer {boss}"}
    ).json()
    assert ranking["rows"] and ranking["reporters"] >= 3

    # turned off: the next sync deletes what this cadre sent
    configure_server(contexts[2].secrets, roomy_server.url, tokens[2])
    unit_report.set_enabled(contexts[2].settings, False)
    line = unit_report.after_sync(
        contexts[2].db, contexts[2].paths, contexts[2].secrets, contexts[2].settings
    )
    assert line is not None and "已撤回" in line
    assert (
        unit_report.after_sync(contexts[2].db, contexts[2].paths, contexts[2].secrets, contexts[2].settings)
        is None
    )
    with roomy_server.store.engine.connect() as conn:
        assert len(conn.execute(select(UnitReport.reporter)).all()) == len(contexts) - 1  # gone at once
    # the totals lose it with the next batch of k changers (two other cadres report something new)
    for _ in range(2):
        httpx.post(
            f"{roomy_server.url}/v1/unit/report",
            json=report({1: 1.0}),
            headers={"Authorization": f"Bearer {roomy_server.user()[1]}"},
        ).raise_for_status()
    assert publish(roomy_server.store.engine)
    after = httpx.get(f"{roomy_server.url}/unit/api/findings", headers={"Authorization": f"Bearer {boss}"})
    assert after.json()["rows"] == []  # two of the profiles left: below k = 3, nothing shows

    # a server that cannot be reached: the statistics wait, the cadre is told, nothing raises
    unit_report.set_enabled(contexts[2].settings, True)
    configure_server(contexts[2].secrets, f"http://127.0.0.1:{free_port()}", tokens[2])
    line = unit_report.after_sync(
        contexts[2].db, contexts[2].paths, contexts[2].secrets, contexts[2].settings
    )
    assert line is not None and line.startswith("单位减负统计未能报送：无法连接") and "下一步" in line


def test_cli_preview_enable_disable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tmp_path / "profile")
    assert main(["--data-dir", root, "unit", "status"]) == 0
    assert "未开启" in capsys.readouterr().out
    assert main(["--data-dir", root, "unit", "preview"]) == 0
    out = capsys.readouterr().out
    assert "不会报送" in out and '"accounts"' in out
    assert main(["--data-dir", root, "unit", "enable", "--yes"]) == 0
    assert main(["--data-dir", root, "unit", "status"]) == 0
    assert "已开启" in capsys.readouterr().out
    assert (
        main(["--data-dir", root, "unit", "disable"]) == 0
    )  # the server of the test above is gone: no matter
    assert "已关闭" in capsys.readouterr().out
