"""Reminders: which tasks to remind about now, and which were missed while the app was closed.

The moment of the last check is local to this device (``reminders-state.json`` in the data
folder), not a synced setting: another computer has its own screen and its own missed
reminders.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, or_, select

from cadre_desk.domain.enums import TaskStatus
from cadre_desk.domain.recurrence import parse_hhmm
from cadre_desk.domain.reminder_policy import ReminderPolicy
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Task
from cadre_desk.storage.types import from_ms, to_ms

log = logging.getLogger(__name__)

STATE_FILE = "reminders-state.json"
_LOOKBACK = timedelta(days=40)
REMINDER_LEAD = timedelta(
    minutes=30
)  # remind half an hour before a task is due  # a reminder moved past a long holiday is still found


@dataclass(frozen=True)
class Reminder:
    task_id: str
    title: str
    due_at: datetime | None
    remind_at: datetime  # when it was (or is) to be shown, after working/quiet hours
    missed: bool  # its moment passed while cadre_desk was not running


def policy_from_settings(settings: Settings) -> ReminderPolicy:
    def clock(key: str) -> object:
        return parse_hhmm(settings.get(key))

    return ReminderPolicy(
        working_start=clock("work.hours_start"),  # type: ignore[arg-type]
        working_end=clock("work.hours_end"),  # type: ignore[arg-type]
        quiet_start=clock("work.quiet_start"),  # type: ignore[arg-type]
        quiet_end=clock("work.quiet_end"),  # type: ignore[arg-type]
        working_hours_only=True,  # many units forbid messages after hours: remind in working hours
        lead=REMINDER_LEAD,
    )


class ReminderService:
    def __init__(self, db: Database, policy: ReminderPolicy, state_dir: Path, enabled: bool = True) -> None:
        self._db = db
        self.policy = policy
        self.enabled = enabled
        self._state_path = state_dir / STATE_FILE

    # ----------------------------------------------------------------- local state

    def last_check(self) -> datetime | None:
        try:
            data = json.loads(self._state_path.read_text(encoding="utf-8"))
            return from_ms(int(data["last_check_ms"]))
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, OSError) as exc:
            log.warning("reminder state unreadable, starting afresh: %s", exc)
            return None

    def _save_check(self, moment: datetime) -> None:
        temp = self._state_path.with_suffix(".tmp")
        temp.write_text(json.dumps({"last_check_ms": to_ms(moment)}), encoding="utf-8")
        os.replace(temp, self._state_path)

    # ----------------------------------------------------------------- checking

    def check(self, now: datetime | None = None, session_started: datetime | None = None) -> list[Reminder]:
        """Reminders whose moment fell after the last check and up to ``now``.

        Call it at start (``session_started`` = start time: earlier moments are "missed") and
        then every minute. The first check ever only records the time.
        """
        moment = now or datetime.now(UTC)
        since = self.last_check()
        self._save_check(moment)
        if since is None or not self.enabled or since >= moment:
            return []
        return self.between(since, moment, session_started)

    def between(
        self, since: datetime, until: datetime, session_started: datetime | None = None
    ) -> list[Reminder]:
        lead = self.policy.lead
        lower, upper = to_ms(since - _LOOKBACK), to_ms(until + lead)
        # Only rows whose reminder can still fall after ``since`` (the same answer: the loop
        # below decides each row; this leaves out the weeks of tasks it would turn down).
        earliest = self.policy.earliest_shown_after(since)
        query = select(Task.id, Task.title, Task.due_at, Task.snoozed_until, Task.remind_at).where(
            Task.status == TaskStatus.OPEN.value,
            Task.deleted.is_(False),
            or_(
                and_(Task.due_at >= lower, Task.due_at < upper),
                and_(Task.snoozed_until >= lower, Task.snoozed_until < upper),
                and_(Task.remind_at.is_not(None), Task.remind_at >= lower, Task.remind_at < upper),
            ),
            or_(
                Task.due_at >= to_ms(earliest + lead),
                Task.snoozed_until >= to_ms(earliest),
                Task.remind_at >= to_ms(earliest),
            ),
        )
        found: list[Reminder] = []
        with self._db.session() as session:
            rows = session.execute(query).all()
        for task_id, title, due_at, snoozed_until, remind_at in rows:
            if snoozed_until is not None:
                at = self.policy.next_allowed(snoozed_until)  # a snooze reminds at its end
            elif due_at is not None:
                at = self.policy.reminder_at(due_at, remind_at)
            elif remind_at is not None:
                at = self.policy.next_allowed(remind_at)
            else:
                continue
            if since < at <= until:
                missed = session_started is not None and at < session_started
                found.append(Reminder(task_id, title, due_at, at, missed))
        found.sort(key=lambda r: (r.remind_at, r.task_id))
        return found
