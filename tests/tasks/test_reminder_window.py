"""The reminder check reads only the tasks whose reminder can still fall after the last check
(``ReminderPolicy.earliest_shown_after``); these tests hold it to the answer of reading every
task, as it did before (at 1M items that was ~24,000 tasks evaluated in Python every minute)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from cadre_desk.domain.enums import TaskStatus
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.domain.reminder_policy import ReminderPolicy
from cadre_desk.services.reminders import Reminder, ReminderService
from cadre_desk.storage.models import Task
from tests.tasks.conftest import TaskArea

LOOKBACK = timedelta(days=40)  # the service's own look-back, as before the bound

clocks = st.builds(time, st.integers(0, 23), st.sampled_from([0, 30]))
policies = st.builds(
    ReminderPolicy,
    working_start=clocks,
    working_end=clocks,
    quiet_start=clocks,
    quiet_end=clocks,
    working_hours_only=st.booleans(),
    lead=st.sampled_from([timedelta(0), timedelta(minutes=30), timedelta(hours=2)]),
)
# 2025-2026: the years the installed holiday schedule knows (国庆 and 春节 included).
moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 20)).map(
    lambda moment: moment.replace(tzinfo=CHINA_TZ)
)


@settings(max_examples=300, deadline=None)
@given(policy=policies, since=moments, back_minutes=st.integers(0, 45 * 24 * 60))
def test_nothing_before_the_bound_is_shown_after_since(
    policy: ReminderPolicy, since: datetime, back_minutes: int
) -> None:
    bound = policy.earliest_shown_after(since)
    assert bound <= since
    moment = since - timedelta(minutes=back_minutes)
    if moment < bound:
        assert policy.next_allowed(moment) <= since
    for nearby in (bound - timedelta(microseconds=1), bound - timedelta(minutes=1)):
        assert policy.next_allowed(nearby) <= since


def test_the_bound_is_since_itself_in_working_hours_and_the_evening_before_a_holiday() -> None:
    policy = ReminderPolicy()
    monday_ten = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ)
    assert policy.earliest_shown_after(monday_ten) == monday_ten
    # 国庆 2025: from 9-30 17:30 nothing is shown before 10-9 08:30, so everything asked for
    # since that morning's opening (08:30) is still to come.
    holiday = datetime(2025, 10, 3, 12, 0, tzinfo=CHINA_TZ)
    assert policy.earliest_shown_after(holiday) == datetime(2025, 9, 30, 17, 30, tzinfo=CHINA_TZ)


def _every_task_reference(
    area: TaskArea, policy: ReminderPolicy, since: datetime, until: datetime, started: datetime
) -> list[Reminder]:
    """What the check answered before the bound: every open task of the look-back, decided
    one by one."""
    lower, upper = since - LOOKBACK, until + policy.lead
    found = []
    with area.db.session() as session:
        rows = session.execute(
            select(Task.id, Task.title, Task.due_at, Task.snoozed_until, Task.remind_at).where(
                Task.status == TaskStatus.OPEN.value, Task.deleted.is_(False)
            )
        ).all()
    for task_id, title, due_at, snoozed_until, remind_at in rows:
        if not any(v is not None and lower <= v < upper for v in (due_at, snoozed_until, remind_at)):
            continue
        if snoozed_until is not None:
            at = policy.next_allowed(snoozed_until)
        elif due_at is not None:
            at = policy.reminder_at(due_at, remind_at)
        elif remind_at is not None:
            at = policy.next_allowed(remind_at)
        else:
            continue
        if since < at <= until:
            found.append(Reminder(task_id, title, due_at, at, at < started))
    found.sort(key=lambda r: (r.remind_at, r.task_id))
    return found


def test_the_check_finds_what_evaluating_every_task_finds(area: TaskArea, tmp_path: Path) -> None:
    rng = random.Random(17)
    start = datetime(2025, 9, 1, tzinfo=CHINA_TZ)  # 国庆 and its make-up days inside
    span = timedelta(days=60).total_seconds()

    def anywhere() -> datetime:
        return (start + timedelta(seconds=rng.uniform(0, span))).astimezone(UTC)

    ids = [area.tasks.create(f"任务{n}", anywhere()).id for n in range(240)]
    ids += [area.tasks.create(f"无期限{n}").id for n in range(20)]
    with area.db.session() as session:
        for task_id in ids:
            snoozed = anywhere() if rng.random() < 0.2 else None
            remind = anywhere() if rng.random() < 0.2 else None
            session.execute(
                update(Task)
                .where(Task.id == task_id)
                .values(snoozed_until=snoozed, remind_at=remind, **area.db.stamp_columns())
            )
    for task_id in rng.sample(ids, 20):
        area.tasks.complete(task_id, minutes=1)
    checked = 0
    for case in range(150):
        policy = ReminderPolicy(
            working_start=time(rng.choice([7, 8, 9]), rng.choice([0, 30])),
            working_end=time(rng.choice([17, 18, 20]), 30),
            quiet_start=time(rng.choice([19, 20, 22]), 0),
            quiet_end=time(rng.choice([7, 8, 9]), 0),
            working_hours_only=case % 3 != 0,
            lead=timedelta(minutes=rng.choice([0, 30, 120])),
        )
        service = ReminderService(area.db, policy, tmp_path)
        since = start + timedelta(seconds=rng.uniform(0, span))
        until = since + rng.choice([timedelta(minutes=1), timedelta(hours=9), timedelta(days=3)])
        started = since + (until - since) / 2
        expected = _every_task_reference(area, policy, since, until, started)
        assert service.between(since, until, started) == expected, (case, since, until, policy)
        checked += len(expected)
    assert checked > 100  # the cases did find reminders, in and out of working hours


def test_holiday_dates_are_covered_by_the_schedule() -> None:
    """The cases above lean on the installed 调休 schedule: 2025-10-01 is a holiday there."""
    from cadre_desk.domain.recurrence import is_cn_workday

    assert not is_cn_workday(date(2025, 10, 1)) and is_cn_workday(date(2025, 9, 28))
