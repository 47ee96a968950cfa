"""留言待回复: reply deadlines in working days (State Council schedule, 调休 respected)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from cadre_desk.domain.recurrence import CHINA_TZ, china_date, is_cn_workday

DEFAULT_REPLY_WORKDAYS = 5
END_OF_WORK = time(17, 30)


class MessageState(StrEnum):
    PENDING = "pending"  # 待回复
    OVERDUE = "overdue"  # 已超期未回复
    REPLIED = "replied"  # 已回复
    REPLIED_LATE = "replied_late"  # 超期后回复


STATE_LABELS: dict[MessageState, tuple[str, str]] = {
    MessageState.PENDING: ("待回复", "Awaiting reply"),
    MessageState.OVERDUE: ("已超期", "Overdue"),
    MessageState.REPLIED: ("已回复", "Replied"),
    MessageState.REPLIED_LATE: ("超期后回复", "Replied late"),
}


def add_workdays(start: date, workdays: int) -> date:
    """The ``workdays``-th working day after ``start`` (make-up Saturdays count, holidays do not)."""
    if workdays < 1:
        raise ValueError("workdays must be ≥ 1")
    day, counted = start, 0
    while counted < workdays:
        day += timedelta(days=1)
        if is_cn_workday(day):
            counted += 1
    return day


def reply_deadline(received_at: datetime, workdays: int = DEFAULT_REPLY_WORKDAYS) -> datetime:
    """End of the working day (17:30 China time) ``workdays`` working days after receipt (UTC)."""
    last_day = add_workdays(china_date(received_at), workdays)
    return datetime.combine(last_day, END_OF_WORK, tzinfo=CHINA_TZ).astimezone(UTC)


def message_state(deadline: datetime, replied_at: datetime | None, now: datetime) -> MessageState:
    if replied_at is not None:
        return MessageState.REPLIED if replied_at <= deadline else MessageState.REPLIED_LATE
    return MessageState.OVERDUE if now > deadline else MessageState.PENDING


def state_label(state: str, language: str = "zh_CN") -> str:
    pair = STATE_LABELS.get(MessageState(state))
    if pair is None:
        return state
    return pair[1] if language.startswith("en") else pair[0]
