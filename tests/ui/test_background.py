"""The background runner: results reach the GUI thread, and never a page that is gone."""

from __future__ import annotations

import logging
import os
import sys
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel

from cadre_desk.ui.background import JOB_NICENESS, BackgroundRunner


def _runner(errors: list[BaseException]) -> BackgroundRunner:
    return BackgroundRunner(errors.append)


def test_result_arrives_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    runner = _runner(errors)
    seen: list[tuple[int, bool]] = []
    gui = threading.get_ident()
    runner.run(lambda: threading.get_ident() != gui, lambda off: seen.append((1, off)))
    qtbot.waitUntil(lambda: seen == [(1, True)], timeout=5000)
    assert errors == []


def test_failure_reaches_the_error_handler_with_its_traceback(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    runner = _runner(errors)

    def boom() -> None:
        raise ValueError("bad feed")

    runner.run(boom, write=True)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ValueError)
    assert "boom" in errors[0].__cadre_traceback__  # type: ignore[attr-defined]


def test_result_for_a_deleted_page_is_dropped(qtbot, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    runner = _runner(errors)
    release = threading.Event()
    page = QLabel()
    runner.run(lambda: release.wait(5) and "late", page.setText)
    lambda_page = QLabel()
    runner.run(lambda: release.wait(5) and "late", lambda text: lambda_page.setText(text))
    page.deleteLater()
    lambda_page.deleteLater()
    QCoreApplication.sendPostedEvents(None, 0)  # both labels are deleted now
    with caplog.at_level(logging.DEBUG, logger="cadre_desk.ui.background"):
        release.set()
        assert runner.wait_idle()
        qtbot.waitUntil(lambda: caplog.text.count("background result dropped") == 2, timeout=5000)
    assert errors == []


def test_window_closed_while_a_job_runs_neither_crashes_nor_delivers(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QObject()
    runner = BackgroundRunner(lambda exc: None, window)
    release = threading.Event()
    seen: list[str] = []
    runner.run(lambda: release.wait(5) and "late", seen.append)
    threading.Timer(0.1, release.set).start()
    window.deleteLater()  # the runner's pools wait for the job, then its relay goes
    QCoreApplication.sendPostedEvents(None, 0)
    qtbot.wait(100)
    assert release.is_set() and seen == []


def test_held_jobs_start_only_when_released_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []
    runner = _runner(errors)
    ran: list[str] = []
    runner.hold()
    runner.run(lambda: ran.append("read"))
    runner.run(lambda: ran.append("write"), write=True)
    qtbot.wait(100)
    assert ran == []  # nothing started while held
    runner.release()
    qtbot.waitUntil(lambda: sorted(ran) == ["read", "write"], timeout=5000)
    runner.run(lambda: ran.append("after"))  # released: runs at once
    qtbot.waitUntil(lambda: "after" in ran, timeout=5000)
    runner.hold()
    runner.run(lambda: ran.append("at shutdown"), write=True)
    assert runner.wait_idle(5000) and "at shutdown" in ran  # waiting for idle releases held jobs
    assert errors == []


def test_released_reads_run_one_at_a_time_and_new_reads_do_not_wait_for_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Start-up reads held until the first paint then run one after another (not side by
    side on both cores while the user scrolls), and a read asked for after the release (an
    inbox page) starts at once instead of queueing behind them."""
    errors: list[BaseException] = []
    runner = _runner(errors)
    lock = threading.Lock()
    running = 0
    most = 0
    finished: list[str] = []
    gate = threading.Event()

    def startup_read(name: str) -> None:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        gate.wait(5)  # the first one stays busy until the page has been read
        with lock:
            running -= 1
            finished.append(name)

    runner.hold()
    for name in ("tasks", "sync status", "tray", "search warm"):
        runner.run(lambda name=name: startup_read(name))
    runner.release()
    page_read = threading.Event()
    runner.run(page_read.set)  # a page of the inbox, asked for while they run
    assert page_read.wait(5)  # it did not wait for the held reads
    assert finished == []
    gate.set()
    assert runner.wait_idle(5000)
    assert finished == ["tasks", "sync status", "tray", "search warm"] and most == 1
    assert errors == []


def test_startup_jobs_wait_for_the_first_visible_paint(qtbot) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.ui.background import ReleaseAfterFirstPaint

    errors: list[BaseException] = []
    runner = _runner(errors)
    ran: list[str] = []
    runner.hold()
    label = QLabel("收件箱")
    qtbot.addWidget(label)
    ReleaseAfterFirstPaint(runner, label, fallback_ms=60_000)
    runner.run(lambda: ran.append("load"))
    label.grab()  # rendered while hidden (ahead of showing): still held
    qtbot.wait(100)
    assert ran == []
    label.show()
    qtbot.waitUntil(lambda: ran == ["load"], timeout=5000)
    assert errors == []


def test_a_window_never_painted_releases_after_the_fallback(qtbot) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.ui.background import ReleaseAfterFirstPaint

    runner = _runner([])
    ran: list[str] = []
    runner.hold()
    label = QLabel("托盘")
    qtbot.addWidget(label)
    ReleaseAfterFirstPaint(runner, label, fallback_ms=200)
    runner.run(lambda: ran.append("load"))
    qtbot.waitUntil(lambda: ran == ["load"], timeout=5000)


def test_startup_jobs_wait_while_the_user_scrolls_and_start_when_a_page_opens(qtbot) -> None:  # type: ignore[no-untyped-def]
    """After the first paint the held jobs wait for a quiet moment: every scroll (or key, click,
    wheel) restarts the wait; opening another page, which needs its data, starts them at once."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollBar, QStackedWidget

    from cadre_desk.ui.background import ReleaseAfterFirstPaint

    runner = _runner([])
    ran: list[str] = []
    runner.hold()
    label = QLabel("收件箱")
    qtbot.addWidget(label)
    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.setRange(0, 100)
    pages = QStackedWidget()
    qtbot.addWidget(pages)
    pages.addWidget(QLabel("收件箱"))
    pages.addWidget(QLabel("任务"))
    gate = ReleaseAfterFirstPaint(
        runner,
        label,
        fallback_ms=60_000,
        quiet_ms=60_000,
        activity=[bar.valueChanged],
        release_on=[pages.currentChanged],
    )
    runner.run(lambda: ran.append("load"))
    label.show()
    qtbot.waitUntil(lambda: gate._painted, timeout=5000)
    for value in range(1, 6):
        bar.setValue(value * 10)  # the user scrolls
        runner.run(lambda value=value: ran.append(f"page {value}"))  # the pages scrolled to load at once
        qtbot.waitUntil(lambda value=value: f"page {value}" in ran, timeout=5000)
    assert "load" not in ran
    pages.setCurrentIndex(1)  # the user opens 任务
    qtbot.waitUntil(lambda: "load" in ran, timeout=5000)


def test_startup_jobs_start_after_a_quiet_moment(qtbot) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.ui.background import ReleaseAfterFirstPaint

    runner = _runner([])
    ran: list[str] = []
    runner.hold()
    label = QLabel("收件箱")
    qtbot.addWidget(label)
    loading = [True]  # a page the user scrolled to is still on its way: not quiet yet
    ReleaseAfterFirstPaint(runner, label, fallback_ms=60_000, quiet_ms=50, busy=lambda: loading[0])
    runner.run(lambda: ran.append("load"))
    label.show()
    qtbot.wait(300)
    assert ran == []
    loading[0] = False
    qtbot.waitUntil(lambda: ran == ["load"], timeout=5000)


def test_startup_jobs_start_one_at_a_time_and_pause_while_the_user_is_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Released after a quiet moment, the held jobs start one after another (each once the one
    before delivered); a user who scrolls again meanwhile lets the running one finish but holds
    the rest until the next quiet moment."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollBar

    from cadre_desk.ui.background import ReleaseAfterFirstPaint

    runner = _runner([])
    started: list[str] = []
    delivered: list[str] = []
    first_may_end = threading.Event()
    loading = [False]
    runner.hold()
    label = QLabel("收件箱")
    qtbot.addWidget(label)
    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.setRange(0, 100)
    ReleaseAfterFirstPaint(
        runner, label, fallback_ms=60_000, quiet_ms=50, activity=[bar.valueChanged], busy=lambda: loading[0]
    )

    def job(name: str) -> str:
        started.append(name)
        if name == "tasks":
            first_may_end.wait(5)
        return name

    for name in ("tasks", "sync status", "tray"):
        runner.run(lambda name=name: job(name), delivered.append, write=name == "tray")
    label.show()
    qtbot.waitUntil(lambda: started == ["tasks"], timeout=5000)
    loading[0] = True  # the user scrolls again: a page of the list is on its way
    bar.setValue(40)
    first_may_end.set()
    qtbot.waitUntil(lambda: delivered == ["tasks"], timeout=5000)
    qtbot.wait(300)
    assert started == ["tasks"]  # the others wait while the user is busy
    loading[0] = False
    qtbot.waitUntil(lambda: delivered == ["tasks", "sync status", "tray"], timeout=5000)
    assert started == ["tasks", "sync status", "tray"]
    runner.run(lambda: started.append("after"))  # everything held has run: new jobs start at once
    qtbot.waitUntil(lambda: "after" in started, timeout=5000)


def test_expected_failure_is_logged_as_one_line_unexpected_with_traceback(
    qtbot, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.sources.errors import NetworkError

    errors: list[BaseException] = []
    runner = _runner(errors)

    def bad_feed() -> None:
        raise NetworkError("连接被拒绝：127.0.0.1", "请检查订阅地址。")

    def bug() -> None:
        raise ValueError("a real bug")

    with caplog.at_level(logging.DEBUG, logger="cadre_desk.ui.background"):
        runner.run(bad_feed)
        qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
        expected = [r for r in caplog.records if r.name == "cadre_desk.ui.background"]
        assert len(expected) == 1 and expected[0].levelno == logging.WARNING
        assert "\n" not in expected[0].getMessage() and "Traceback" not in caplog.text
        assert "NetworkError" in expected[0].getMessage() and "连接被拒绝" in expected[0].getMessage()
        runner.run(bug)
        qtbot.waitUntil(lambda: len(errors) == 2, timeout=5000)
    assert "Traceback" in caplog.text and "in bug" in caplog.text
    assert isinstance(errors[1], ValueError)  # unexpected errors still reach the crash path


def test_shutdown_finishes_writes_then_starts_nothing_more(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The self-test's window went on reading its deleted profile: a write finished inside the
    last wait, and its result, delivered afterwards, made the page start a new read."""
    errors: list[BaseException] = []
    runner = _runner(errors)
    runner.hold()
    written: list[str] = []
    follow_ups: list[str] = []

    def write() -> str:
        written.append("row")
        return "written"

    def written_then_read(_result: str) -> None:
        runner.run(lambda: follow_ups.append("read") or "read")

    runner.run(write, written_then_read, write=True)  # held: it must still run at shutdown
    assert runner.shutdown()
    assert written == ["row"]
    for _ in range(20):
        QCoreApplication.processEvents()
    runner.run(lambda: follow_ups.append("late"))
    assert runner.wait_idle()
    for _ in range(20):
        QCoreApplication.processEvents()
    assert follow_ups == []
    assert errors == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority: Linux")
def test_jobs_run_below_the_gui_threads_priority(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner(lambda exc: None)
    gui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    seen: list[int] = []
    for write in (False, True):
        runner.run(niceness, seen.append, write=write)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert all(value >= max(gui, JOB_NICENESS) for value in seen), (gui, seen)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui  # the GUI thread keeps its own
    runner.wait_idle()
