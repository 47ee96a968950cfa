"""Impossible clocks (negative, far in the future, not an integer) and values no database holds
are refused at the door of the server and of the client's apply path; a server that already holds
such records (stored before the check existed) is repaired by ``cadre-desk-server doctor``."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select, update

from cadre_desk.domain.hlc import DEFAULT_MAX_DRIFT_MS, pack, wall_clock_ms
from cadre_desk.server import cli as server_cli
from cadre_desk.server.models import QuarantinedRow, Row, User
from cadre_desk.server.store import ServerStore
from cadre_desk.services.sync.records import (
    ImpossibleClockError,
    SyncFormatError,
    decode,
    latest_plausible_clock,
)
from cadre_desk.services.sync.server_client import LocalClockError, ServerClient, ServerDataError
from tests.sync.helpers import Replica
from tests.sync.server_fixtures import LiveServer
from tests.sync.test_server_api import client, pull_all, task_record

MakeReplica = Callable[..., Replica]
DAY_MS = 24 * 3600 * 1000

IMPOSSIBLE_CLOCKS: list[Any] = [
    10**30,
    2**63,
    -1,
    -5,
    pack(wall_clock_ms() + DEFAULT_MAX_DRIFT_MS + DAY_MS, 0),  # eight days ahead
]


def raw_push(http: httpx.Client, body_text: str) -> httpx.Response:
    return http.post("/v1/push", content=body_text.encode(), headers={"Content-Type": "application/json"})


def push_text(records_json: str, pages: int = 1, page: int = 0, session: str = "0" * 32) -> str:
    head = {"protocol": 1, "device": "d" * 32, "session": session, "page": page, "pages": pages}
    return json.dumps(head)[:-1] + ',"records":[' + records_json + "]}"


# Named ids: the last clock depends on the time, and parallel workers must collect the same tests.
@pytest.mark.parametrize("hlc", IMPOSSIBLE_CLOCKS, ids=["1e30", "2^63", "-1", "-5", "eight-days-ahead"])
def test_decode_refuses_impossible_clocks_in_the_row_and_in_field_clocks(hlc: int) -> None:
    record = task_record("x")
    plausible = pack(wall_clock_ms() + DEFAULT_MAX_DRIFT_MS - DAY_MS, 0)  # six days ahead: tolerated
    assert decode({**record, "c": [plausible, "d" * 32]}).row_clock[0] == plausible
    with pytest.raises(ImpossibleClockError):
        decode({**record, "c": [hlc, "d" * 32]})
    with pytest.raises(ImpossibleClockError):
        decode({**record, "f": {"title": [hlc, "d" * 32]}})


@pytest.mark.parametrize("value", [10**30, 2**63, -(2**63) - 1, float("nan"), float("inf"), [1], {"a": 1}])
def test_decode_refuses_values_no_database_stores_exactly(value: Any) -> None:
    record = task_record("x")
    for column in ("priority", "title"):
        with pytest.raises(SyncFormatError):
            decode({**record, "v": {**record["v"], column: value}})
    assert decode({**record, "v": {**record["v"], "priority": 2**63 - 1}}).values["priority"] == 2**63 - 1


def test_server_refuses_impossible_clocks_and_non_finite_numbers(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    for hlc in IMPOSSIBLE_CLOCKS:
        record = {**task_record("x"), "c": [hlc, "d" * 32]}
        reply = raw_push(http, push_text(json.dumps(record)))
        assert reply.status_code == 422, hlc
        assert "时间戳" in reply.json()["error"]
    for literal in ("NaN", "Infinity", "-Infinity", "1e999"):
        text = json.dumps(task_record("x")).replace('"priority": 0', f'"priority": {literal}')
        assert literal in text
        assert raw_push(http, push_text(text)).status_code in (400, 422), literal
        text = json.dumps({**task_record("x"), "c": ["CLOCK", "d" * 32]}).replace('"CLOCK"', literal)
        assert raw_push(http, push_text(text)).status_code in (400, 422), literal
    assert pull_all(http)[0] == []  # nothing was stored


def _user_id(store: ServerStore, name: str) -> str:
    with store.engine.connect() as conn:
        return str(conn.execute(select(User.id).where(User.name == name)).scalar_one())


def inject(store: ServerStore, user_id: str, record: dict[str, Any]) -> None:
    """Store a record as a server without the door check did (how old data looks)."""
    with store.engine.begin() as conn:
        seq = conn.execute(
            update(User).where(User.id == user_id).values(seq=User.seq + 1).returning(User.seq)
        ).scalar_one()
        conn.execute(
            insert(Row).values(
                user_id=user_id, entity=record["t"], row_id=record["id"], seq=seq, record=json.dumps(record)
            )
        )


def test_client_refuses_a_server_holding_an_impossible_clock_and_says_what_to_do(
    make_replica: MakeReplica, live_server: LiveServer
) -> None:
    name, token = live_server.user()
    user_id = _user_id(live_server.store, name)
    good = task_record("正常的任务", hlc=pack(wall_clock_ms(), 0))
    inject(live_server.store, user_id, good)
    inject(live_server.store, user_id, {**task_record("坏时钟"), "c": [10**30, "x" * 32]})
    device = make_replica("a")
    before = device.snapshot()
    with ServerClient(device.db, live_server.url, token) as sync, pytest.raises(ServerDataError) as caught:
        sync.pull()
    assert "时间戳" in caught.value.user_message
    assert "cadre-desk-server doctor --repair" in caught.value.next_step
    assert "4238552517360612352" not in caught.value.user_message
    assert device.snapshot() == before  # nothing applied, the cursor did not move
    assert latest_plausible_clock() < 2**63


def _doctor(url: str, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = server_cli.main(["--db", url, "doctor", *args])
    return code, out.getvalue()


def test_doctor_repairs_clocks_and_quarantines_unreadable_records_then_devices_sync_again(
    make_replica: MakeReplica, live_server: LiveServer
) -> None:
    name, token = live_server.user()
    user_id = _user_id(live_server.store, name)
    now = pack(wall_clock_ms(), 0)
    good = task_record("正常的任务", hlc=now)
    future = {**task_record("时钟快了三十位"), "c": [10**30, "a" * 32]}
    negative = {**task_record("负时钟", hlc=now), "f": {"status": [-5, "b" * 32]}}
    nan_value = task_record("非数字", hlc=now)
    nan_value["v"]["priority"] = float("nan")
    huge_value = task_record("超大整数", hlc=now)
    huge_value["v"]["priority"] = 10**30
    for record in (good, future, negative, nan_value, huge_value):
        inject(live_server.store, user_id, record)
    device = make_replica("a")
    with ServerClient(device.db, live_server.url, token) as sync, pytest.raises(ServerDataError):
        sync.pull()

    code, out = _doctor(live_server.store.url, "--user", name)  # PostgreSQL is shared by the session
    assert code == 1
    assert out.count(name) == 4 and "doctor --repair" in out
    code, out = _doctor(live_server.store.url, "--repair", "--user", name)
    assert code == 0 and "已修复 2 条，移出同步 2 条" in out
    with live_server.store.engine.connect() as conn:
        kept = conn.execute(
            select(QuarantinedRow.row_id, QuarantinedRow.action, QuarantinedRow.record).where(
                QuarantinedRow.user_id == user_id
            )
        ).all()
    assert sorted((row_id, action) for row_id, action, _ in kept) == sorted(
        [
            (future["id"], "repaired"),
            (negative["id"], "repaired"),
            (nan_value["id"], "removed"),
            (huge_value["id"], "removed"),
        ]
    )
    assert any("1000000000000000000000000000000" in text for _, _, text in kept)  # the original, as it was

    with ServerClient(device.db, live_server.url, token) as sync:
        result = sync.pull()
    assert result.inserted["tasks"] == 3
    titles = {r["v"]["title"]: r for r in pull_all(client(live_server, token))[0]}
    assert set(titles) == {"正常的任务", "时钟快了三十位", "负时钟"}
    assert 0 < titles["时钟快了三十位"]["c"][0] <= latest_plausible_clock()
    code, out = _doctor(live_server.store.url, "--user", name)
    assert code == 0 and "没有发现问题" in out


def test_a_device_whose_clock_ran_ahead_is_told_to_set_it_right(
    make_replica: MakeReplica, live_server: LiveServer
) -> None:
    _, token = live_server.user()
    device = make_replica("ahead", skew_ms=30 * DAY_MS)  # its system clock a month ahead
    device.add_task("来自未来的任务")
    with ServerClient(device.db, live_server.url, token) as sync, pytest.raises(LocalClockError) as caught:
        sync.push()
    assert "时间戳" in caught.value.user_message
    assert "校准本机系统时间" in caught.value.next_step
    assert pull_all(client(live_server, token))[0] == []
