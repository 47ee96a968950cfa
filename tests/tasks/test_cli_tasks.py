from __future__ import annotations

from pathlib import Path

import pytest

from cadre_desk.cli import main


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_tasks_add_list_complete_and_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p"
    code, out = run(capsys, profile, "tasks", "add", "整理党建档案")
    assert code == 0 and "已添加：整理党建档案" in out
    task_prefix = out.strip().split("编号 ")[-1]
    code, out = run(capsys, profile, "tasks", "today")
    assert code == 0 and "整理党建档案" in out and task_prefix in out
    evidence = tmp_path / "shot.png"
    evidence.write_bytes(b"\x89PNG evidence")
    code, out = run(
        capsys, profile, "tasks", "complete", task_prefix, "--minutes", "7", "--evidence", str(evidence)
    )
    assert code == 0 and "已完成" in out
    code, out = run(capsys, profile, "tasks", "done")
    assert "整理党建档案" in out
    code, out = run(capsys, profile, "log", "forward", "--minutes", "3", "--note", "转发县融媒")
    assert code == 0 and "今日合计 10 分钟" in out
    code, out = run(capsys, profile, "burden")
    assert code == 0 and "减负台账" in out


def test_cli_errors_are_typed_and_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, tmp_path / "p", "tasks", "add", "明天")
    assert code == 2 and "错误：" in out and "下一步：" in out
    code, out = run(capsys, tmp_path / "p", "tasks", "complete", "deadbeef")
    assert code == 2 and "deadbeef" in out
    too_big = tmp_path / "big.bin"
    too_big.write_bytes(b"0" * (21 * 1024 * 1024))
    code, out = run(capsys, tmp_path / "p", "log", "report", "--evidence", str(too_big))
    assert code == 2 and "超过上限" in out
