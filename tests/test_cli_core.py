from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cadre_desk.cli import main
from cadre_desk.platform.paths import DataPaths


def test_doctor_reports_a_fresh_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "p"), "doctor", "--full"]) == 0
    out = capsys.readouterr().out
    assert "结构版本" in out and "检查完成" in out


def test_backup_then_restore_latest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p"
    assert main(["--data-dir", str(profile), "doctor"]) == 0
    assert main(["--data-dir", str(profile), "backup"]) == 0
    assert "已备份到" in capsys.readouterr().out
    paths = DataPaths(profile)
    for side in ("-wal", "-shm"):
        Path(str(paths.database) + side).unlink(missing_ok=True)
    paths.database.write_bytes(b"garbage" * 1000)
    assert main(["--data-dir", str(profile), "doctor"]) == 2  # corrupt: clear message, exit 2
    err = capsys.readouterr().err
    assert "已损坏" in err and "--restore-latest" in err
    assert main(["--data-dir", str(profile), "doctor", "--restore-latest"]) == 0
    assert sqlite3.connect(paths.database).execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    assert list(profile.glob("cadre_desk.db.damaged-*"))


def test_newer_database_message_on_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p"
    assert main(["--data-dir", str(profile), "doctor"]) == 0
    conn = sqlite3.connect(DataPaths(profile).database)
    conn.execute("UPDATE alembic_version SET version_num = 'zz_future'")
    conn.commit()
    conn.close()
    assert main(["--data-dir", str(profile), "doctor"]) == 2
    err = capsys.readouterr().err
    assert "更新版本" in err and "下一步" in err
