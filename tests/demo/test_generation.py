"""Determinism, parameters, refusal to duplicate, progress, large-run shortening, CLI."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from cadre_desk import APP_AUTHOR, APP_NAME
from cadre_desk.cli import main
from cadre_desk.demo import DemoError, generate_demo
from cadre_desk.demo import items as items_module
from cadre_desk.demo.own_accounts import ITEMS_ADDED as OWN_DEMO_ITEMS
from cadre_desk.platform import paths as paths_module
from cadre_desk.platform.paths import DataPaths
from cadre_desk.storage.database import Database, open_database

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def _fresh(tmp_path: Path, name: str) -> Database:
    return open_database(DataPaths(tmp_path / name).ensure())


def _snapshot(db: Database) -> tuple[set[tuple[str, str]], set[str], set[str]]:
    with db.engine.connect() as conn:
        items = {(r[0], r[1]) for r in conn.execute(text("SELECT id, title FROM items"))}
        sources = {r[0] for r in conn.execute(text("SELECT id FROM sources"))}
        logs = {r[0] for r in conn.execute(text("SELECT id FROM operation_logs"))}
    return items, sources, logs


def test_same_seed_same_profile_other_seed_other_profile(tmp_path: Path) -> None:
    dbs = [_fresh(tmp_path, name) for name in ("a", "b", "c")]
    try:
        first = generate_demo(dbs[0], items=1500, days=40, seed=7, now=NOW)
        second = generate_demo(dbs[1], items=1500, days=40, seed=7, now=NOW)
        generate_demo(dbs[2], items=1500, days=40, seed=8, now=NOW)
        a, b, c = (_snapshot(db) for db in dbs)
        assert a == b
        assert first.repost_truth == second.repost_truth
        assert not a[0] & c[0]
        assert len({t for _, t in a[0]} ^ {t for _, t in c[0]}) > 500
        assert dbs[0].device_id != dbs[1].device_id  # same content, different devices
    finally:
        for db in dbs:
            db.close()


def test_item_count_is_exact_and_days_are_respected(tmp_path: Path) -> None:
    db = _fresh(tmp_path, "p")
    calls: list[tuple[int, int]] = []
    try:
        summary = generate_demo(
            db, items=777, days=10, seed=3, now=NOW, progress=lambda d, t: calls.append((d, t))
        )
        with db.engine.connect() as conn:
            count, first = conn.execute(text("SELECT count(*), min(published_at) FROM items")).one()
        assert count == summary.items == 777
        assert first >= int(NOW.timestamp() * 1000) - 10 * 86_400_000
        assert calls[-1] == (777, 777)
    finally:
        db.close()


def test_same_seed_twice_in_one_profile_is_refused_untouched(tmp_path: Path) -> None:
    db = _fresh(tmp_path, "p")
    try:
        generate_demo(db, items=300, seed=5, now=NOW)
        with pytest.raises(DemoError) as caught:
            generate_demo(db, items=300, seed=5, now=NOW)
        assert caught.value.next_step
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM items")).scalar() == 300
    finally:
        db.close()


def test_bad_parameters_are_refused(tmp_path: Path) -> None:
    db = _fresh(tmp_path, "p")
    try:
        with pytest.raises(DemoError):
            generate_demo(db, items=-1)
        with pytest.raises(DemoError):
            generate_demo(db, days=0)
        with pytest.raises(DemoError):
            generate_demo(db, now=datetime(2026, 11, 23))  # naive: ambiguous by eight hours
    finally:
        db.close()


def test_large_runs_get_shorter_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    normal, large = _fresh(tmp_path, "n"), _fresh(tmp_path, "l")
    try:
        generate_demo(normal, items=2000, seed=1, now=NOW)
        monkeypatch.setattr(items_module, "LARGE_RUN", 1000)
        generate_demo(large, items=2000, seed=1, now=NOW)
        sql = "SELECT avg(length(content_html)), count(summary) FROM items"
        with normal.engine.connect() as a, large.engine.connect() as b:
            (avg_normal, stored_normal), (avg_large, stored_large) = (
                a.execute(text(sql)).one(),
                b.execute(text(sql)).one(),
            )
        assert avg_large < 0.7 * avg_normal
        assert stored_normal == stored_large == 0  # summaries are the body's start: derived
    finally:
        normal.close()
        large.close()


def test_cli_builds_a_profile_and_refuses_a_non_empty_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "demo-profile"
    assert main(["--data-dir", str(target), "demo", "--items", "600", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert "600" in out and "僵尸账号" in out and str(target) in out
    assert main(["--data-dir", str(target), "demo", "--items", "600"]) == 2
    err = capsys.readouterr().err
    assert "已经有信息源" in err and "--force" in err
    assert main(["--data-dir", str(target), "demo", "--items", "100", "--seed", "9", "--force"]) == 0
    db = open_database(DataPaths(target))
    try:
        with db.engine.connect() as conn:
            # each demo also holds the 本单位运营 accounts' few posts (services/own/demo.py)
            assert conn.execute(text("SELECT count(*) FROM items")).scalar() == 700 + 2 * OWN_DEMO_ITEMS
    finally:
        db.close()


def test_cli_rejects_negative_items(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["demo", "--items", "-5"])
    assert "--items" in capsys.readouterr().err


def test_demo_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CADRE_DESK_DEMO_DIR", raising=False)
    default = paths_module.demo_data_dir()
    assert default.name == "demo"
    assert default.parent == Path(paths_module.platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    monkeypatch.setenv("CADRE_DESK_DEMO_DIR", str(tmp_path / "x"))
    assert paths_module.demo_data_dir() == tmp_path / "x"
