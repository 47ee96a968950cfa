"""``cadre-desk-server demo-unit``: simulated cadres built from real demo profiles."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from cadre_desk.server import cli as server_cli
from cadre_desk.server.store import ServerStore
from cadre_desk.server.unit.store import UnitStore

pytestmark = pytest.mark.slow


def test_demo_unit_fills_a_server_a_coordinator_can_read(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert server_cli.main(["--db", url, "demo-unit", "--cadres", "6"]) == 0
    token = out.getvalue().strip().splitlines()[-1]
    assert "已载入 6 位模拟干部的报送" in out.getvalue()
    store = ServerStore(url)
    try:
        unit = UnitStore(store.engine)
        user_id = store.authenticate(token)
        assert user_id is not None and unit.is_coordinator(user_id)
        assert unit.reporter_count() == 6
        months = unit.months()
        ranking = unit.ranking(months[0])
        assert ranking and all(row["reporters"] >= 3 for row in ranking)
        assert unit.consensus_findings()  # the demo profiles' analysis agrees on some accounts
    finally:
        store.close()


def test_user_add_coordinator_and_min_reporters_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    assert server_cli.main(["--db", url, "user", "add", "张科长", "--coordinator"]) == 0
    assert "协调员" in capsys.readouterr().out
    assert server_cli.main(["--db", url, "user", "add", "李四"]) == 0
    assert server_cli.main(["--db", url, "user", "coordinator", "李四"]) == 0
    assert server_cli.main(["--db", url, "user", "coordinator", "张科长", "--off"]) == 0
    assert server_cli.main(["--db", url, "user", "coordinator", "没有这人"]) == 2
    assert "没有名为 没有这人 的用户" in capsys.readouterr().err
    store = ServerStore(url)
    try:
        assert UnitStore(store.engine).coordinators() == {"李四"}
    finally:
        store.close()
    assert server_cli.main(["--db", url, "serve", "--min-reporters", "1"]) == 2
    assert "--min-reporters 至少为 2" in capsys.readouterr().err
    assert server_cli.main(["--db", url, "serve", "--unit-publish-minutes", "0"]) == 2
    assert "--unit-publish-minutes 至少为 1" in capsys.readouterr().err
