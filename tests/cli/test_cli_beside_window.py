"""The CLI while the app is open: another real process holds the profile lock, as a window does."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cadre_desk.cli import main

pytestmark = pytest.mark.slow

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from cadre_desk.app import build_context
    ctx = build_context(Path(sys.argv[1]))            # takes the profile lock, like the window
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "hold-writer":            # a long write transaction in the window
            with ctx.db.engine.connect() as conn:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                print("holding", flush=True)
                time.sleep(float(arg))
                conn.exec_driver_sql("ROLLBACK")
            print("released", flush=True)
        elif command == "quit-after":
            time.sleep(float(arg))
            break
    ctx.close()
    print("closed", flush=True)
    """
)


class Window:
    """A separate process holding the profile as the desktop app does."""

    def __init__(self, profile: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(profile)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.expect("ready")

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, word: str) -> None:
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == word

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    root = tmp_path / "profile"
    assert main(["--data-dir", str(root), "sources", "add", "--kind", "manual", "--name", "学习强国"]) == 0
    assert main(["--data-dir", str(root), "requirements", "add", "每个工作日", "学习打卡"]) == 0
    return root


@pytest.fixture
def window(profile: Path) -> Iterator[Window]:
    held = Window(profile)
    yield held
    held.close()


def _run(profile: Path, *argv: str) -> int:
    try:
        return main(["--data-dir", str(profile), *argv])
    except SystemExit as exit_:
        return int(exit_.code or 0)


def test_read_and_write_commands_run_beside_the_window(
    profile: Path, window: Window, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reads = [
        ["tasks", "today"],
        ["tasks", "upcoming"],
        ["findings"],
        ["sources", "list"],
        ["requirements", "list"],
        ["burden"],
        ["report", "--period", "本月", "-o", str(tmp_path / "r.xlsx")],
        ["opml", "export", str(tmp_path / "s.opml")],
        ["sync", "status"],
        ["doctor"],
    ]
    for argv in reads:
        assert _run(profile, *argv) == 0, argv
    writes = [
        ["tasks", "add", "明天下午3点前报送安全生产月报"],
        ["log", "study_checkin", "--minutes", "5", "--source", "学习强国"],
        ["capture", "--offline", "--source", "学习强国", "https://mp.weixin.qq.com/s/AbCdEf123"],
        ["sources", "add", "--name", "县政府", "--url", "http://a.gov.cn/rss"],
        ["requirements", "add", "每周一", "上午10点", "报送周报"],
    ]
    for argv in writes:
        assert _run(profile, *argv) == 0, argv
    captured = capsys.readouterr()
    assert "正被另一个" not in captured.err
    assert _run(profile, "tasks", "upcoming") == 0
    assert "报送安全生产月报" in capsys.readouterr().out
    assert window.process.poll() is None  # the window kept its lock and kept running


def test_exclusive_commands_wait_with_progress_then_say_why(
    profile: Path, window: Window, capsys: pytest.CaptureFixture[str]
) -> None:
    database = profile / "cadre_desk.db"
    before = database.stat().st_mtime_ns
    started = time.monotonic()
    assert _run(profile, "--wait", "1", "fetch") == 2
    assert 0.9 <= time.monotonic() - started < 60  # gave up after its wait (60: a busy machine)
    err = capsys.readouterr().err
    assert "等待对方结束" in err and "已等待 1 秒仍未空出" in err and "下一步：" in err
    assert "Traceback" not in err
    assert _run(profile, "--wait", "0.5", "doctor", "--restore-latest") in (1, 2)
    assert database.stat().st_mtime_ns == before  # nothing replaced under the window


def test_exclusive_command_proceeds_when_the_window_closes(
    profile: Path, window: Window, capsys: pytest.CaptureFixture[str]
) -> None:
    window.send("quit-after 1.5")
    assert _run(profile, "--wait", "120", "fetch") == 0  # proceeds as soon as the window is gone
    assert "等待对方结束" in capsys.readouterr().err


def test_a_write_waits_for_the_windows_writer(
    profile: Path, window: Window, capsys: pytest.CaptureFixture[str]
) -> None:
    window.send("hold-writer 1.5")
    window.expect("holding")
    started = time.monotonic()
    assert _run(profile, "tasks", "add", "后天上午9点 报送防汛值班表") == 0
    assert time.monotonic() - started >= 1.0  # it waited for the writer instead of failing
    window.expect("released")
    capsys.readouterr()

    def hold() -> None:
        # Far longer than the busy timeout (5 s) plus the command's start on a busy machine: the
        # command must give up while the writer still holds (the fixture kills the window after).
        window.send("hold-writer 120")

    threading.Thread(target=hold).start()
    window.expect("holding")
    assert _run(profile, "log", "forward", "--minutes", "2") == 2
    err = capsys.readouterr().err
    assert "数据库正被另一个程序写入" in err and "下一步：" in err and "Traceback" not in err


def test_the_open_window_hears_about_cli_writes(qtbot, profile: Path, window: Window) -> None:  # type: ignore[no-untyped-def]
    """The window's single-instance channel gets “changed” after a CLI write, and refreshes."""
    from cadre_desk.cli.profile import CHANGED_BY_WRITES
    from cadre_desk.domain.changes import Changes
    from cadre_desk.ui.single_instance import SingleInstance

    channel = SingleInstance(profile)
    assert channel.listen()
    activated: list[list[str]] = []
    heard: list[list[str]] = []
    channel.activation_requested.connect(activated.append)
    channel.data_changed.connect(heard.append)
    codes: list[int] = []
    try:
        with qtbot.waitSignal(channel.data_changed, timeout=20_000) as changed:
            worker = threading.Thread(
                target=lambda: codes.append(_run(profile, "tasks", "add", "明天 报送台账"))
            )
            worker.start()
        worker.join(timeout=120)  # returns when the command ends; only a hang waits this long
        assert codes == [0]
        # What the command's service call returned, not everything a CLI write might touch.
        assert Changes.of_tables(changed.args[0]) == Changes(tasks=True) != CHANGED_BY_WRITES
        assert activated == []  # a data message does not raise the window
        codes.clear()
        reader = threading.Thread(target=lambda: codes.append(_run(profile, "requirements", "list")))
        reader.start()
        reader.join(timeout=120)
        qtbot.wait(500)
        assert codes == [0]
        assert len(heard) == 1  # a read command tells the window nothing
    finally:
        channel.close()
