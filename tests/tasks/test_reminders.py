from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.domain.reminder_policy import ReminderPolicy
from cadre_desk.platform.notifier import Notifier
from cadre_desk.services.reminders import ReminderService, policy_from_settings
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from tests.tasks.conftest import TaskArea


def cn(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=CHINA_TZ)


def test_policy_quiet_hours_and_working_hours() -> None:
    policy = ReminderPolicy()
    assert policy.allowed(cn(2026, 11, 23, 9, 0))  # Monday morning
    assert not policy.allowed(cn(2026, 11, 23, 21, 0))  # after hours
    assert not policy.allowed(cn(2026, 11, 28, 10, 0))  # Saturday
    # Friday 19:00 → next Monday 08:30.
    assert policy.next_allowed(cn(2026, 11, 27, 19, 0)) == cn(2026, 11, 30, 8, 30).astimezone(UTC)
    # Around 国庆 2025: 9-30 evening → 10-9 morning (10-1…10-8 holiday).
    assert policy.next_allowed(cn(2025, 9, 30, 18, 0)) == cn(2025, 10, 9, 8, 30).astimezone(UTC)
    # Sunday 9-28-2025 was a make-up workday: reminders go out.
    assert policy.allowed(cn(2025, 9, 28, 10, 0))


def test_policy_without_working_hours_only_respects_quiet_hours() -> None:
    policy = ReminderPolicy(working_hours_only=False)
    assert policy.allowed(cn(2026, 11, 28, 10, 0))
    assert policy.next_allowed(cn(2026, 11, 28, 23, 0)) == cn(2026, 11, 29, 8, 0).astimezone(UTC)
    assert policy.reminder_at(cn(2026, 11, 28, 9, 0)) == cn(2026, 11, 28, 8, 30).astimezone(UTC)


def test_policy_reads_settings(db: Database) -> None:
    settings = Settings(db)
    settings.set("work.quiet_start", "22:00")
    settings.set("work.hours_start", "09:00")
    policy = policy_from_settings(settings)
    assert policy.quiet_start == time(22, 0) and policy.working_start == time(9, 0)
    assert policy.lead == timedelta(minutes=30) and policy.working_hours_only


def test_missed_reminders_are_reported_on_next_start(area: TaskArea, tmp_path: Path) -> None:
    service = ReminderService(area.db, ReminderPolicy(), tmp_path)
    monday_8 = cn(2026, 11, 23, 8, 0)
    assert service.check(monday_8) == []  # first run only records the time
    morning = area.tasks.create("报送月报", cn(2026, 11, 23, 10, 0)).id
    evening = area.tasks.create("群内接龙", cn(2026, 11, 23, 21, 0)).id  # reminder moved to Tue 08:30
    # The app was closed all day; it starts again Tuesday 09:00.
    start = cn(2026, 11, 24, 9, 0)
    found = service.check(start, session_started=start)
    assert [(r.task_id, r.missed) for r in found] == [(morning, True), (evening, True)]
    assert found[1].remind_at == cn(2026, 11, 24, 8, 30).astimezone(UTC)
    assert service.check(start + timedelta(minutes=1)) == []  # each reminder once


def test_due_reminders_while_running_and_done_tasks_skipped(area: TaskArea, tmp_path: Path) -> None:
    service = ReminderService(area.db, ReminderPolicy(), tmp_path)
    service.check(cn(2026, 11, 23, 9, 0))
    task = area.tasks.create("学习打卡", cn(2026, 11, 23, 10, 0)).id
    done = area.tasks.create("已完成的事", cn(2026, 11, 23, 10, 0)).id
    area.tasks.complete(done, minutes=1)
    found = service.check(cn(2026, 11, 23, 9, 31), session_started=cn(2026, 11, 23, 9, 0))
    assert [(r.task_id, r.missed) for r in found] == [(task, False)]


def test_disabled_reminders_return_nothing(area: TaskArea, tmp_path: Path) -> None:
    service = ReminderService(area.db, ReminderPolicy(), tmp_path, enabled=False)
    service.check(cn(2026, 11, 23, 8, 0))
    area.tasks.create("报送月报", cn(2026, 11, 23, 10, 0))
    assert service.check(cn(2026, 11, 23, 12, 0)) == []


def test_corrupt_state_file_starts_afresh(area: TaskArea, tmp_path: Path) -> None:
    (tmp_path / "reminders-state.json").write_text("{not json", encoding="utf-8")
    service = ReminderService(area.db, ReminderPolicy(), tmp_path)
    assert service.check(cn(2026, 11, 23, 8, 0)) == []
    assert service.last_check() == cn(2026, 11, 23, 8, 0)


def test_notifier_falls_back_visibly_when_plyer_has_no_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
    shown: list[tuple[str, str]] = []
    notifier = Notifier(fallback=lambda title, message: shown.append((title, message)))
    assert notifier.notify("提醒", "报送月报 10:00 截止")
    if notifier.last_backend == "fallback":  # headless: plyer has no backend here
        assert shown == [("提醒", "报送月报 10:00 截止")]
        assert "托盘" in notifier.description
    else:
        assert notifier.last_backend == "plyer"


def test_notifier_without_any_backend_reports_failure() -> None:
    notifier = Notifier()
    notifier._plyer_ok = False  # as after a failed attempt
    assert notifier.notify("提醒", "x") is False
    assert "程序内" in notifier.description


@pytest.mark.slow
def test_prepared_notifier_imports_nothing_when_it_shows_a_reminder(tmp_path: Path) -> None:
    """The tray prepares the notifier in its background check: the first notification on the
    GUI thread then imports nothing (plyer's imports took ~50 ms there, in the middle of a
    scroll). A fresh interpreter, so that no earlier test has imported plyer already."""
    code = (
        "import sys\n"
        "from cadre_desk.platform.notifier import Notifier\n"
        "shown = []\n"
        "notifier = Notifier(fallback=lambda title, message: shown.append(title))\n"
        "fresh = 'plyer' not in sys.modules\n"
        "notifier.prepare()\n"
        "before = set(sys.modules)\n"
        "assert notifier.notify('提醒', '报送月报')\n"
        "print(fresh, sorted(set(sys.modules) - before))\n"
    )
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "[]"]
