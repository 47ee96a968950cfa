"""Child process of bench_inbox: open the real main window on a profile, report how long the
window takes to build, how long after ``show()`` the first inbox page is painted, the longest
the GUI thread is busy while the user scrolls through 20 pages and while the user changes the
filter (and how soon the new rows arrive), and the process's peak RSS."""

from __future__ import annotations

import resource
import statistics
import threading
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


def _peak_rss_mb() -> float:
    """VmHWM of this process: ru_maxrss survives execve on Linux and would report the parent's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _FirstPaint(QObject):
    """Notes when the inbox list is first painted with rows in it."""

    def __init__(self, viewport: QObject, model: QObject) -> None:
        super().__init__(viewport)
        self.model = model
        self.seen = False
        viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        visible = watched.isVisible()  # type: ignore[attr-defined]
        if event.type() == QEvent.Type.Paint and visible and self.model.rowCount() > 0:  # type: ignore[attr-defined]
            self.seen = True
        return False


def _filter_changes(
    app: QApplication, inbox: object, model: object, changes: int = 6
) -> tuple[int, float, list[float]]:
    """Tick 只看未读 on and off as a user would: the longest event-loop turn from the click until
    the new filter's rows are in the list (its first page is queried in the background), and
    how long they took to arrive."""
    box = inbox.filters.unread_only  # type: ignore[attr-defined]
    longest = 0.0
    arrived: list[float] = []
    loaded: list[float] = []

    def note() -> None:
        loaded.append(time.perf_counter())

    model.page_loaded.connect(note)  # type: ignore[attr-defined]
    for _ in range(changes):
        loaded.clear()
        clicked = time.perf_counter()
        box.setChecked(not box.isChecked())
        longest = max(longest, (time.perf_counter() - clicked) * 1000)
        deadline = clicked + 10
        while not loaded and time.perf_counter() < deadline:
            turn = time.perf_counter()
            app.processEvents()
            longest = max(longest, (time.perf_counter() - turn) * 1000)
            time.sleep(0.001)
        arrived.append(((loaded[0] if loaded else deadline) - clicked) * 1000)
        for _ in range(5):  # the repaint with the new rows
            turn = time.perf_counter()
            app.processEvents()
            longest = max(longest, (time.perf_counter() - turn) * 1000)
    model.page_loaded.disconnect(note)  # type: ignore[attr-defined]
    return changes, longest, arrived


def _scroll(
    app: QApplication,
    view: object,
    model: object,
    pages: int,
    stall_ms: float,
    long_turns: list[tuple[float, float, float]],
) -> float:
    """Scroll to the end ``pages`` times, waiting for each page; the longest event-loop turn."""
    longest = 0.0
    bar = view.verticalScrollBar()  # type: ignore[attr-defined]
    for _ in range(pages):
        before = model.rowCount()  # type: ignore[attr-defined]
        if bar.value() == bar.maximum():  # left at the end (by a filter change): one step back first
            bar.setValue(bar.maximum() - 1)
        bar.setValue(bar.maximum())
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            turn = time.perf_counter()
            app.processEvents()
            ended = time.perf_counter()
            longest = max(longest, (ended - turn) * 1000)
            if (ended - turn) * 1000 > stall_ms:
                long_turns.append(((ended - turn) * 1000, turn, ended))
            if model.rowCount() > before or not (  # type: ignore[attr-defined]
                model.canFetchMore() or getattr(model, "fetching", False)  # type: ignore[attr-defined]
            ):
                break
            if bar.value() < bar.maximum():  # the user keeps the scroll bar at the end
                bar.setValue(bar.maximum())
            time.sleep(0.001)
    return longest


def _is_inbox_job(name: str) -> bool:
    return name.startswith(("ItemListModel", "IndexUpkeep"))


def _resume_during_startup_jobs(
    app: QApplication,
    view: object,
    model: object,
    job_log: _JobLog,
    pages: int,
    stall_ms: float,
    long_turns: list[tuple[float, float, float]],
) -> tuple[float, float, str] | None:
    """Leave the window alone until the first start-up job begins, then scroll at once (the
    user coming back while they run): the longest turn, how far into the jobs the scroll
    began, and which jobs ran during it. None if no start-up job began within 5 s."""
    deadline = time.perf_counter() + 5
    first: float | None = None
    while first is None and time.perf_counter() < deadline:
        app.processEvents()
        started = [job[1] for job in job_log.jobs if not _is_inbox_job(job[0])]
        started += [run[1] for run in list(job_log.running.values()) if not _is_inbox_job(run[0])]
        first = min(started, default=None)
        time.sleep(0.002)
    if first is None:
        return None
    began = time.perf_counter()
    turns: list[tuple[float, float, float]] = []
    longest = _scroll(app, view, model, pages, stall_ms, turns)
    ended = time.perf_counter()
    long_turns.extend(turns)
    names = sorted({job[0] for job in job_log.during(began, ended) if not _is_inbox_job(job[0])})
    return longest, (began - first) * 1000, ", ".join(names) or "none left"


class _JobLog:
    """Which background jobs ran when: (name, start, end, thread CPU s) of every job, so that a
    long GUI turn can be matched with what the pool threads were doing meanwhile."""

    def __init__(self) -> None:
        from cadre_desk.ui import background

        self.jobs: list[tuple[str, float, float, float]] = []
        self._job_class = background._Job
        self._run = run = background._Job.run
        jobs = self.jobs

        self.running: dict[int, tuple[str, float, float]] = {}  # thread id → (name, start, CPU)
        running = self.running

        def timed_run(job: object) -> None:
            work = job._relay.work  # type: ignore[attr-defined]
            name = getattr(work, "__qualname__", "?").replace("<locals>.", "")
            began, cpu = time.perf_counter(), time.thread_time()
            running[threading.get_ident()] = (name, began, cpu)
            try:
                run(job)  # type: ignore[arg-type]
            finally:
                del running[threading.get_ident()]
                jobs.append((name, began, time.perf_counter(), time.thread_time() - cpu))

        background._Job.run = timed_run  # type: ignore[method-assign]

    def during(self, began: float, ended: float) -> list[tuple[str, float, float, float]]:
        """The jobs that ran during [began, ended], also those still running (their CPU so far
        is unknown: shown as NaN)."""
        done = [job for job in self.jobs if job[1] < ended and job[2] > began]
        unfinished = [
            (f"{name} (still running)", start, time.perf_counter(), float("nan"))
            for name, start, _cpu in list(self.running.values())
            if start < ended
        ]
        return done + unfinished

    def close(self) -> None:
        self._job_class.run = self._run  # type: ignore[method-assign]


def _job_text(job: tuple[str, float, float, float]) -> str:
    name, began, ended, cpu = job
    return f"{name} ({(ended - began) * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU)"


def probe(profile: Path, pages: int = 20, stall_ms: float = 30.0) -> None:
    from cadre_desk.app import build_context, build_main_window
    from cadre_desk.ui.gc_guard import GuiThreadCollector

    job_log = _JobLog()

    app = QApplication.instance() or QApplication([])
    collector = GuiThreadCollector(app)  # the app's collection policy (cadre_desk/gui.py)
    ctx = build_context(profile, take_lock=False)
    began = time.perf_counter()
    window = build_main_window(ctx)
    window.resize(1400, 900)
    built = (time.perf_counter() - began) * 1000
    inbox = window.page("inbox")
    view = inbox.list  # type: ignore[attr-defined]
    model = view.model()
    watcher = _FirstPaint(view.viewport(), model)
    shown = time.perf_counter()
    window.show()
    deadline = shown + 30
    while not watcher.seen and time.perf_counter() < deadline:  # the paint ends with this turn
        app.processEvents()
    painted = (time.perf_counter() - shown) * 1000
    first_rows = model.rowCount()

    # Scroll to the bottom page after page as a user would, waiting for each page to arrive;
    # every event-loop turn is timed: the longest one is how long the GUI froze.
    long_turns: list[tuple[float, float, float]] = []  # (ms, began, ended) of turns over stall_ms
    began_scroll = time.perf_counter()
    longest = _scroll(app, view, model, pages, stall_ms, long_turns)
    scrolled = (time.perf_counter() - began_scroll) * 1000
    scrolled_rows = model.rowCount()
    changes, filter_stall, arrived = _filter_changes(app, inbox, model)
    # The user pauses (the start-up jobs are released after a quiet moment), then scrolls on
    # while they run: those turns must stay short too.
    resumed = _resume_during_startup_jobs(app, view, model, job_log, pages, stall_ms, long_turns)
    rss = _peak_rss_mb()
    print(
        f"GUI: window built (incl. imports and first page query) in {built:.0f} ms; "
        f"first page ({first_rows} rows) painted {painted:.0f} ms after show"
    )
    print(
        f"GUI: scrolled to {scrolled_rows:,} rows in {scrolled:.0f} ms; "
        f"longest GUI-thread stall while scrolling {longest:.0f} ms; peak RSS {rss:.0f} MB"
    )
    print(
        f"GUI: {changes} filter changes (只看未读 on/off): new rows shown after "
        f"{statistics.median(arrived):.0f} ms (median); longest GUI-thread stall {filter_stall:.0f} ms"
    )
    if resumed is None:
        print("GUI: no start-up job began within 5 s of a pause: scroll during start-up jobs not measured")
    else:
        resume_longest, overlapped, names = resumed
        print(
            f"GUI: scroll resumed {overlapped:.0f} ms into the start-up jobs ({names}): longest "
            f"GUI-thread stall {resume_longest:.0f} ms"
        )
    # What the pool threads ran during each long turn of the scroll (the GUI thread waits for
    # the CPU or the GIL behind them), longest first; then the costliest jobs of the run.
    for ms, began, ended in sorted(long_turns, reverse=True)[:8]:
        running = ", ".join(map(_job_text, job_log.during(began, ended))) or "no background job"
        print(f"GUI: stall {ms:.0f} ms while scrolling, during: {running}")
    # When the jobs that are not the inbox's own (its pages, filter reads) first ran, against
    # the scroll: start-up jobs wait for a quiet moment (ui/background.py).
    others = [job for job in job_log.jobs if not _is_inbox_job(job[0])]
    if others:
        name, first = min(((job[0], job[1]) for job in others), key=lambda job: job[1])
        scroll_from = (began_scroll - shown) * 1000
        print(
            f"GUI: scroll ran {scroll_from:.0f}-{scroll_from + scrolled:.0f} ms after show; the first "
            f"start-up job ({name}) began {(first - shown) * 1000:.0f} ms after show"
        )
    costly = sorted(job_log.jobs, key=lambda job: -job[3])[:5]
    print("GUI: costliest background jobs: " + "; ".join(map(_job_text, costly)))
    job_log.close()
    window.close()
    ctx.close()
    del collector
