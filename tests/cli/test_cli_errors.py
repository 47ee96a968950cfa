"""Every subcommand, given wrong input, answers in Chinese with a next step and status 2.

Wrong arguments, unknown ids and names, missing or broken files: each case runs the real
``cadre-desk`` entry point on a real profile; a traceback or raw library English fails the test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cadre_desk.cli import build_parser, main
from cadre_desk.domain.library_messages import in_chinese

CJK = re.compile(r"[\u4e00-\u9fff]")
RAW_ENGLISH = (
    "Traceback",
    "No such file or directory",
    "Document is empty",
    "must be in",
    "out of range",
    "Permission denied",
    "the following arguments are required",
    "invalid choice",
    "unrecognized arguments",
    "IntegrityError",
    "FOREIGN KEY",
    "usage:",
)


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-errors") / "profile"
    assert main(["--data-dir", str(root), "sources", "add", "--kind", "manual", "--name", "示范镇发布"]) == 0
    assert (
        main(["--data-dir", str(root), "sources", "add", "--name", "县政府", "--url", "http://a.gov.cn/rss"])
        == 0
    )
    return root


def _files(tmp: Path) -> dict[str, str]:
    empty = tmp / "empty.opml"
    empty.write_bytes(b"")
    truncated = tmp / "truncated.opml"
    truncated.write_text(
        '<?xml version="1.0"?>\n<opml version="2.0"><body>\n<outline text="A" xmlUrl="http://a/rss"/>\n'
        '<outline text="B" xmlUrl="http://b/r',
        encoding="utf-8",
    )
    not_a_bundle = tmp / "junk.cdsync"
    not_a_bundle.write_bytes(b"not a zip")
    return {
        "missing": str(tmp / "missing" / "nothing.opml"),
        "empty": str(empty),
        "truncated": str(truncated),
        "junk": str(not_a_bundle),
        "nodir": str(tmp / "no-such-folder" / "out.xlsx"),
        "folder": str(tmp),
    }


CASES: list[tuple[str, list[str]]] = [
    ("global: unknown option", ["--bogus"]),
    ("global: unknown command", ["frobnicate"]),
    ("global: data folder is a file", ["--data-dir", "{empty}", "doctor"]),
    ("doctor: unknown option", ["doctor", "--bogus"]),
    ("backup: path through a file", ["backup", "--to", "{empty}/x.db"]),
    ("fetch: not a number", ["fetch", "--every", "abc"]),
    ("fetch: unknown source", ["fetch", "--source", "没有这个号"]),
    ("sources: no action", ["sources"]),
    ("sources: unknown action", ["sources", "bogus"]),
    ("sources add: no name", ["sources", "add"]),
    ("sources add: bad interval", ["sources", "add", "--name", "x", "--interval", "abc"]),
    ("sources add: bad kind", ["sources", "add", "--name", "x", "--kind", "fax"]),
    ("sources add: no url", ["sources", "add", "--name", "县政府", "--kind", "rss"]),
    (
        "sources add: interval 0",
        ["sources", "add", "--name", "乡", "--url", "http://b.gov.cn/r", "--interval", "0"],
    ),
    ("sources add: already followed", ["sources", "add", "--name", "再加", "--url", "http://a.gov.cn/rss"]),
    ("opml: no action", ["opml"]),
    ("opml import: missing file", ["opml", "import", "{missing}"]),
    ("opml import: empty file", ["opml", "import", "{empty}"]),
    ("opml import: truncated file", ["opml", "import", "{truncated}"]),
    ("opml import: a folder", ["opml", "import", "{folder}"]),
    ("opml export: folder missing", ["opml", "export", "{missing}"]),
    ("capture: no source", ["capture", "--offline", "x"]),
    (
        "capture: unknown name",
        ["capture", "--offline", "--source", "没有这个号", "https://mp.weixin.qq.com/s/abc"],
    ),
    ("capture: unknown id", ["capture", "--offline", "--source", "0" * 32, "https://mp.weixin.qq.com/s/abc"]),
    ("capture: nothing pasted", ["capture", "--offline", "--source", "示范镇发布", "   "]),
    ("report: no period", ["report", "-o", "x.xlsx"]),
    ("report: month 13", ["report", "--period", "2026-13", "-o", "{nodir}"]),
    ("report: 2月30日", ["report", "--period", "2026-02-30", "-o", "{nodir}"]),
    ("report: bad format", ["report", "--period", "2026-10", "-o", "x.doc"]),
    ("report: unknown account", ["report", "--period", "2026-10", "-o", "{nodir}", "--source", "没有这个号"]),
    ("report: folder missing", ["report", "--period", "2026-10", "-o", "{nodir}"]),
    ("analyze: bad time", ["analyze", "--now", "yesterday"]),
    ("analyze: bad workers", ["analyze", "--workers", "two"]),
    ("findings: unknown option", ["findings", "--bogus"]),
    ("consolidation-report: bad format", ["consolidation-report", "-o", "x.txt"]),
    ("consolidation-report: no output", ["consolidation-report"]),
    ("demo: negative items", ["demo", "--items", "-5"]),
    ("demo: not empty", ["demo", "--items", "0"]),
    ("tasks: bad limit", ["tasks", "today", "--limit", "many"]),
    ("tasks add: no text", ["tasks", "add"]),
    ("tasks add: nonsense", ["tasks", "add", "   "]),
    ("tasks complete: unknown id", ["tasks", "complete", "deadbeef"]),
    ("tasks complete: bad minutes", ["tasks", "complete", "deadbeef", "--minutes", "ten"]),
    ("log: unknown kind", ["log", "frobnicate"]),
    ("log: bad time", ["log", "forward", "--at", "25:99"]),
    ("log: missing evidence", ["log", "forward", "--evidence", "{missing}"]),
    ("log: unknown correction", ["log", "forward", "--corrects", "deadbeef"]),
    ("burden: unknown option", ["burden", "--bogus"]),
    ("requirements: no action", ["requirements"]),
    ("requirements add: no recurrence", ["requirements", "add", "明天开会"]),
    ("requirements add: unknown account", ["requirements", "add", "每天", "打卡", "--source", "没有这个号"]),
    ("requirements add: bad minutes", ["requirements", "add", "每天", "打卡", "--minutes", "五"]),
    ("requirements pause: unknown id", ["requirements", "pause", "deadbeef"]),
    ("log: unknown account", ["log", "forward", "--source", "没有这个号"]),
    ("tasks add: unknown account", ["tasks", "add", "明天", "报送", "--source", "没有这个号"]),
    ("sync: no action", ["sync"]),
    ("sync export: no target", ["sync", "export"]),
    ("sync import: missing file", ["sync", "import", "{missing}"]),
    ("sync import: not a bundle", ["sync", "import", "{junk}"]),
    ("sync key set: not a key", ["sync", "key", "set", "nothex"]),
    ("sync server: bad url", ["sync", "server", "--url", "not a url", "--token", "t"]),
    ("sync now: no server", ["sync", "now"]),
    ("own: no action", ["own"]),
    ("own mark: unknown account", ["own", "mark", "没有这个号"]),
    ("own unmark: unknown account", ["own", "unmark", "没有这个号"]),
    ("own report: month 13", ["own", "report", "--period", "2026-13", "-o", "{nodir}"]),
    ("own check: missing draft", ["own", "check", "--draft", "{missing}"]),
    ("own list: bad language", ["own", "list", "--lang", "fr"]),
    ("unit: no action", ["unit"]),
    ("unit enable: not confirmed", ["unit", "enable"]),
]


@pytest.mark.parametrize(("case", "argv"), CASES, ids=[c for c, _ in CASES])
def test_wrong_input_gives_chinese_message_and_next_step(
    case: str, argv: list[str], profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _files(tmp_path)
    args = ["--data-dir", str(profile), *(part.format(**files) for part in argv)]
    try:
        code = main(args)
    except SystemExit as exit_:  # argparse errors leave through SystemExit
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    assert code == 2, f"{case}: exit {code}\n{out}\n{err}"
    error_line = next((line for line in err.splitlines() if line.startswith("错误：")), "")
    assert CJK.search(error_line), f"{case}: no Chinese error line in\n{err}"
    assert "下一步：" in err, f"{case}: no next step in\n{err}"
    for phrase in RAW_ENGLISH:
        assert phrase not in out + err, f"{case}: {phrase!r} in\n{err}"


def test_every_subcommand_is_covered() -> None:
    """A new subcommand must bring its wrong-input cases here."""
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    covered = {argv[0] for _, argv in CASES}
    assert set(commands) - covered == set()


def test_truncated_opml_names_the_line(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _files(tmp_path)
    assert main(["--data-dir", str(profile), "opml", "import", files["truncated"]]) == 2
    err = capsys.readouterr().err
    assert re.search(r"第 \d+ 行", err), err


def test_library_english_is_translated() -> None:
    """The messages come from the real libraries, so a changed wording shows up here."""
    from datetime import date

    from lxml import etree

    messages = []
    for action in (
        lambda: open("/nonexistent/cadre/file.txt", encoding="utf-8"),  # noqa: SIM115
        lambda: etree.fromstring(b""),
        lambda: etree.fromstring(b"<opml><body><outline></body>"),
        lambda: date(2026, 13, 1),
        lambda: date(2026, 2, 30),
        lambda: date.fromisocalendar(2026, 54, 1),
        lambda: int("十"),
    ):
        try:
            action()
        except (OSError, ValueError, etree.XMLSyntaxError) as exc:
            messages.append(str(exc))
    assert len(messages) == 7
    for message in messages:
        chinese = in_chinese(message).replace("/nonexistent/cadre/file.txt", "")
        assert not re.search(
            r"[A-Za-z]{4,}", chinese.replace("opml", "").replace("body", "").replace("outline", "")
        ), chinese


@pytest.mark.slow
def test_no_traceback_from_the_installed_entry_point(profile: Path, tmp_path: Path) -> None:
    """The real process: stderr carries no traceback, not even from logging."""
    for argv in (
        ["capture", "--offline", "--source", "没有这个号", "https://mp.weixin.qq.com/s/abc"],
        ["opml", "import", str(tmp_path / "missing.opml")],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "cadre_desk", "--data-dir", str(profile), *argv],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and "下一步：" in done.stderr


def test_log_lines_on_the_console_are_single_errors(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging

    assert main(["--data-dir", str(profile), "sources", "list"]) == 0
    capsys.readouterr()
    logger = logging.getLogger("cadre_desk.tests.cli")
    logger.warning("no system keyring backend: using encrypted file")
    try:
        raise ValueError("boom")
    except ValueError:
        logger.exception("storing items failed")
    err = capsys.readouterr().err
    assert "keyring" not in err  # warnings go nowhere near a user's terminal
    assert "日志：cadre_desk.tests.cli: storing items failed" in err
    assert "Traceback" not in err and "boom" not in err


# Every subcommand on a profile another instance holds (a window): reads and short writes run;
# the commands that need the profile alone stop at once (--wait 0) with the reason and next step.
LOCKED: list[tuple[list[str], bool]] = [
    (["doctor"], False),
    (["doctor", "--restore-latest"], True),
    (["backup", "--to", "{folder}/b.db"], False),
    (["fetch"], True),
    (["sources", "list"], False),
    (["sources", "add", "--kind", "manual", "--name", "新号"], False),
    (["opml", "export", "{folder}/s.opml"], False),
    (["capture", "--offline", "--source", "示范镇发布", "https://mp.weixin.qq.com/s/Locked1"], False),
    (["report", "--period", "本月", "-o", "{folder}/r.csv"], False),
    (["analyze"], True),
    (["findings"], False),
    (["consolidation-report", "-o", "{folder}/c.xlsx"], False),
    (["demo", "--items", "0", "--force"], True),
    (["tasks", "today"], False),
    (["tasks", "add", "明天下午3点前报送月报"], False),
    (["tasks", "generate"], False),
    (["log", "read", "--minutes", "1"], False),
    (["burden"], False),
    (["requirements", "list"], False),
    (["requirements", "add", "每个工作日", "学习打卡"], False),
    (["sync", "status"], False),
    (["sync", "key", "show"], False),
    (["sync", "export", "--to", "{folder}"], True),
    (["sync", "import", "{folder}"], True),
    (["sync", "now"], True),
    (["own", "list"], False),
    (["unit", "preview"], False),
    (["unit", "status"], False),
]


def test_every_subcommand_is_tried_on_a_locked_profile() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) - {argv[0] for argv, _ in LOCKED} == set()


@pytest.mark.parametrize(("argv", "exclusive"), LOCKED, ids=[" ".join(a) for a, _ in LOCKED])
def test_locked_profile(
    argv: list[str], exclusive: bool, profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cadre_desk.platform.instance_lock import InstanceLock
    from cadre_desk.platform.paths import DataPaths

    files = _files(tmp_path)
    if "--restore-latest" in argv:
        assert main(["--data-dir", str(profile), "backup"]) == 0  # something to restore
    lock = InstanceLock(DataPaths(profile).lock_file).acquire()  # as an open window holds it
    try:
        try:
            code = main(["--data-dir", str(profile), "--wait", "0", *(p.format(**files) for p in argv)])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    finally:
        lock.release()
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if exclusive:
        assert code == 2 and "正被另一个 cadre_desk" in err and "下一步：" in err, err
    else:
        assert code in (0, 1), f"{argv}: {code}\n{err}"  # 1: e.g. “no key yet”, said in Chinese
        assert "正被另一个" not in err, err


def test_help_speaks_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for argv in ([], *([name] for name in commands)):
        with pytest.raises(SystemExit) as exit_:
            main([*argv, "--help"])
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        assert out.startswith("用法：cadre-desk"), out[:80]
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in out, (argv, english)
