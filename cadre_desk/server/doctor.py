"""``cadre-desk-server doctor``: find stored records no client can apply, and repair them.

Servers older than the door checks stored what they were sent: clocks such as ``10**30`` or
``-5``, ``NaN`` and integers beyond 64 bits. One such record stops every ``sync now`` of its
user. The doctor reads every stored record as a client would, then (with ``--repair``):

* an impossible clock is reset to the server's current time (values kept) and the record gets a
  new sequence number, so every device pulls the repaired version;
* a record that cannot be read at all is taken out of circulation.

Either way the original text is kept in ``srv_quarantine`` first: nothing is lost.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from cadre_desk.domain.hlc import pack, wall_clock_ms
from cadre_desk.server.errors import ServerAdminError
from cadre_desk.server.models import QuarantinedRow, Row, User
from cadre_desk.server.store import ServerStore
from cadre_desk.services.sync.records import (
    ImpossibleClockError,
    SyncFormatError,
    decode,
    dumps,
    encode,
    latest_plausible_clock,
)

log = logging.getLogger(__name__)

_SCAN = 1000


@dataclass
class Problem:
    user: str  # the user's name
    user_id: str
    entity: str
    row_id: str
    record: str  # as stored
    reason: str
    repaired_record: str | None  # the record with its clocks reset, when that is all it needs

    @property
    def action(self) -> str:
        return "repaired" if self.repaired_record is not None else "removed"


@dataclass
class DoctorReport:
    users: int = 0
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)
    repaired: int = 0
    removed: int = 0
    skipped: int = 0  # changed by a sync while the doctor ran: checked again next time
    abandoned_pages: int = 0

    @property
    def healthy(self) -> bool:
        return not self.problems


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _reset_clocks(data: dict[str, Any], stamp: int, latest: int) -> dict[str, Any]:
    """A copy of a record with every impossible clock replaced by ``stamp`` (device kept)."""

    def fixed(clock: Any) -> Any:
        if (
            isinstance(clock, list)
            and len(clock) == 2
            and type(clock[0]) is int
            and not 0 <= clock[0] <= latest
        ):
            return [stamp, clock[1]]
        return clock

    copy = dict(data)
    copy["c"] = fixed(data.get("c"))
    if isinstance(data.get("f"), dict):
        copy["f"] = {column: fixed(clock) for column, clock in data["f"].items()}
    return copy


def diagnose(text: str, stamp: int, latest: int) -> tuple[str, str | None] | None:
    """None for a healthy record; else (reason, repaired text or None)."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
        decode(data)
        return None
    except ImpossibleClockError as exc:
        try:
            repaired = decode(_reset_clocks(data, stamp, latest))
        except (SyncFormatError, ValueError) as again:
            return f"{exc.user_message} 另外：{getattr(again, 'user_message', again)}", None
        return exc.user_message, dumps(encode(repaired)).decode()
    except SyncFormatError as exc:
        return exc.user_message, None
    except (ValueError, RecursionError) as exc:
        return f"记录不是有效的 JSON（{type(exc).__name__}）。", None


def examine(store: ServerStore, *, repair: bool = False, user: str | None = None) -> DoctorReport:
    """Check every stored record (of one user when ``user`` names one)."""
    report = DoctorReport()
    stamp = pack(wall_clock_ms(), 0)
    latest = latest_plausible_clock()
    query = select(User.id, User.name).order_by(User.name)
    with store.engine.connect() as conn:
        users = conn.execute(query if user is None else query.where(User.name == user)).all()
    if user is not None and not users:
        raise ServerAdminError(f"没有名为 {user} 的用户。")
    report.users = len(users)
    for user_id, name in users:
        found: list[Problem] = []
        after = 0
        while True:
            with store.engine.connect() as conn:
                rows = conn.execute(
                    select(Row.seq, Row.entity, Row.row_id, Row.record)
                    .where(Row.user_id == user_id, Row.seq > after)
                    .order_by(Row.seq)
                    .limit(_SCAN)
                ).all()
            for _seq, entity, row_id, text in rows:
                report.checked += 1
                verdict = diagnose(text, stamp, latest)
                if verdict is not None:
                    found.append(Problem(name, user_id, entity, row_id, text, *verdict))
            if len(rows) < _SCAN:
                break
            after = rows[-1][0]
        report.problems += found
        if repair and found:
            _repair_user(store, user_id, found, report)
    if repair:
        report.abandoned_pages = store.purge_abandoned_uploads(force=True)
    return report


def _repair_user(store: ServerStore, user_id: str, problems: list[Problem], report: DoctorReport) -> None:
    now = datetime.now(UTC)
    with store._write_lock, store.engine.begin() as conn:
        # Lock the user row first, as a commit does: no upload of this user interleaves.
        conn.execute(update(User).where(User.id == user_id).values(seq=User.seq))
        for problem in problems:
            key = (Row.user_id == user_id, Row.entity == problem.entity, Row.row_id == problem.row_id)
            current = conn.execute(select(Row.record).where(*key)).scalar()
            if current != problem.record:  # a sync merged a newer version meanwhile
                report.skipped += 1
                continue
            conn.execute(
                insert(QuarantinedRow).values(
                    user_id=user_id,
                    entity=problem.entity,
                    row_id=problem.row_id,
                    record=problem.record,
                    problem=problem.reason,
                    action=problem.action,
                    at=now,
                )
            )
            if problem.repaired_record is None:
                conn.execute(delete(Row).where(*key))
                report.removed += 1
                continue
            seq = conn.execute(
                update(User).where(User.id == user_id).values(seq=User.seq + 1).returning(User.seq)
            ).scalar_one()
            conn.execute(update(Row).where(*key).values(seq=seq, record=problem.repaired_record))
            report.repaired += 1
    log.info(
        json.dumps(
            {
                "event": "doctor_repair",
                "user": user_id,
                "problems": len(problems),
                "repaired": report.repaired,
            }
        )
    )
