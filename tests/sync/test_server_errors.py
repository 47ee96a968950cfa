"""Hostile or broken requests get a clean 4xx, never a 500 (SQLite and PostgreSQL); a refused page
takes its upload's staged pages with it; abandoned uploads expire and are capped per user; a client
that hangs up mid-upload is one info line in the log."""

from __future__ import annotations

import json
import logging
import socket
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select, update

from cadre_desk.domain.ids import new_id
from cadre_desk.server.errors import UploadTooLargeError
from cadre_desk.server.models import StagedPage
from cadre_desk.server.store import ServerStore
from cadre_desk.services.sync.records import SyncFormatError
from tests.sync.server_fixtures import LiveServer, start_server
from tests.sync.test_server_api import client, pull_all, task_record


def raw_push(
    http: httpx.Client, records: list[dict], *, session: str, page: int = 0, pages: int = 1
) -> httpx.Response:
    """Push with ``ensure_ascii`` JSON: how a lone surrogate travels (``\\ud800``)."""
    body = {
        "protocol": 1,
        "device": "d" * 32,
        "session": session,
        "page": page,
        "pages": pages,
        "records": records,
    }
    return http.post(
        "/v1/push", content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )


def test_deeply_nested_json_is_a_bad_request(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    for depth in (2_000, 30_000):  # 30,000 levels: ~180 KB, under the fixture's body limit
        deep = b'{"a":' * depth + b"1" + b"}" * depth
        reply = http.post("/v1/push", content=deep, headers={"Content-Type": "application/json"})
        assert reply.status_code == 400, depth
        nested_in_a_record = json.dumps(task_record("x")).replace(
            '"priority": 0', '"priority": ' + "[" * depth + "]" * depth
        )
        reply = http.post(
            "/v1/push",
            content=b'{"protocol":1,"session":"'
            + new_id().encode()
            + b'","page":0,"pages":1,"records":['
            + nested_in_a_record.encode()
            + b"]}",
            headers={"Content-Type": "application/json"},
        )
        assert reply.status_code in (400, 422), depth
    assert http.get("/v1/pull").status_code == 200  # the server is fine afterwards


@pytest.mark.parametrize("after", [10**30, 2**63, 2**64, -1])
def test_pull_cursor_beyond_64_bits_is_refused(live_server: LiveServer, after: int) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    reply = http.get("/v1/pull", params={"after": after})
    assert reply.status_code == 422
    assert "超出范围" in reply.json()["error"]


def test_largest_64_bit_cursor_is_an_empty_page(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    assert raw_push(http, [task_record("x")], session=new_id()).status_code == 200
    reply = http.get("/v1/pull", params={"after": 2**63 - 1})
    assert reply.status_code == 200 and reply.json()["records"] == []


def test_lone_surrogate_is_refused_and_its_multi_page_upload_leaves_nothing_staged(
    live_server: LiveServer,
) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    broken = task_record("\ud800")
    reply = raw_push(http, [broken], session=new_id())
    assert reply.status_code == 422 and "代理项" in reply.json()["error"]
    session = new_id()
    assert raw_push(http, [task_record("第一页")], session=session, page=0, pages=3).status_code == 200
    assert raw_push(http, [task_record("第二页")], session=session, page=1, pages=3).status_code == 200
    assert http.get(f"/v1/push/{session}").json()["pages"] == [0, 1]
    assert raw_push(http, [broken], session=session, page=2, pages=3).status_code == 422
    assert http.get(f"/v1/push/{session}").json() == {
        "session": session,
        "pages": [],
        "committed": False,
        "protocols": [1, 2],
    }
    with live_server.store.engine.connect() as conn:  # gone from the table, not only from the answer
        assert not conn.execute(select(StagedPage.page).where(StagedPage.session == session)).all()
    # a surrogate pair written as escapes is a real character: accepted
    assert raw_push(http, [task_record("\U0001f600")], session=new_id()).status_code == 200
    assert [r["v"]["title"] for r in pull_all(http)[0]] == ["\U0001f600"]


def test_a_malformed_page_drops_the_staged_pages_of_its_upload(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    session = new_id()
    assert raw_push(http, [task_record("第一页")], session=session, page=0, pages=2).status_code == 200
    broken = task_record("缺字段")
    del broken["v"]["status"]
    assert raw_push(http, [broken], session=session, page=1, pages=2).status_code == 422
    assert http.get(f"/v1/push/{session}").json()["pages"] == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "gb18030", "latin-1"])
def test_bodies_not_in_utf8_are_refused(live_server: LiveServer, encoding: str) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    body = {
        "protocol": 1,
        "device": "d" * 32,
        "session": new_id(),
        "page": 0,
        "pages": 2,
        "records": [task_record("学习强国é")],
    }
    content = json.dumps(body, ensure_ascii=False).encode(encoding, "replace")
    reply = http.post("/v1/push", content=content, headers={"Content-Type": "application/json"})
    assert reply.status_code == 400, reply.text
    assert http.get(f"/v1/push/{body['session']}").json()["pages"] == []


def _backdate(store: ServerStore, session: str, hours: float) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            update(StagedPage)
            .where(StagedPage.session == session)
            .values(created_at=datetime.now(UTC) - timedelta(hours=hours))
        )


def _staged_sessions(store: ServerStore, user_id: str) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(StagedPage.session).where(StagedPage.user_id == user_id)).scalars())


def test_abandoned_uploads_expire(server_db_url: str) -> None:
    store = ServerStore(server_db_url, staged_ttl_s=3600)
    try:
        user = store.add_user(f"user-{new_id()[:12]}")
        old, fresh = new_id(), new_id()
        store.stage(user, old, 0, 2, [task_record("昨天断线")])
        store.stage(user, fresh, 0, 2, [task_record("刚刚上传")])
        _backdate(store, old, hours=2)
        assert store.purge_abandoned_uploads() == 0  # purged at most every few minutes...
        assert store.purge_abandoned_uploads(force=True) == 1
        assert _staged_sessions(store, user) == {fresh}
    finally:
        store.close()
    # ...and once at the first staging after a restart
    store = ServerStore(server_db_url, staged_ttl_s=3600)
    try:
        _backdate(store, fresh, hours=2)
        store.stage(user, new_id(), 0, 2, [task_record("重启以后")])
        assert fresh not in _staged_sessions(store, user)
    finally:
        store.close()


def test_the_first_staging_purges_even_right_after_a_boot(
    server_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The monotonic clock starts near zero when the machine boots: the first staging after a
    (re)start must still purge, however young the clock is (it did not, on a fresh CI machine)."""
    monkeypatch.setattr("cadre_desk.server.store.time.monotonic", lambda: 42.0)
    store = ServerStore(server_db_url, staged_ttl_s=3600)
    try:
        user = store.add_user(f"user-{new_id()[:12]}")
        old = new_id()
        store.stage(user, old, 0, 2, [task_record("开机前断线")])
        _backdate(store, old, hours=2)
    finally:
        store.close()
    store = ServerStore(server_db_url, staged_ttl_s=3600)
    try:
        store.stage(user, new_id(), 0, 2, [task_record("开机以后")])
        assert old not in _staged_sessions(store, user)
    finally:
        store.close()


def test_unfinished_uploads_are_capped_per_user(server_db_url: str) -> None:
    store = ServerStore(server_db_url, staged_cap_uploads=3, staged_cap_pages=4)
    try:
        user, other = (store.add_user(f"user-{new_id()[:12]}") for _ in range(2))
        sessions = [new_id() for _ in range(4)]
        for n, session in enumerate(sessions):
            store.stage(user, session, 0, 9, [task_record(f"上传{n}")])
            _backdate(store, session, hours=4 - n)  # older first
        store.stage(other, new_id(), 0, 2, [task_record("别的用户")])
        assert _staged_sessions(store, user) == set(sessions[1:])  # the oldest upload went
        assert len(_staged_sessions(store, other)) == 1  # another user's uploads are untouched
        store.stage(user, sessions[3], 0, 9, [task_record("重发")])  # a resent page counts once
        store.stage(user, sessions[3], 1, 9, [task_record("第二页")])  # 4 pages: within the cap
        assert _staged_sessions(store, user) == set(sessions[1:])
        store.stage(user, sessions[3], 2, 9, [task_record("第三页")])  # the oldest other upload makes room
        assert _staged_sessions(store, user) == set(sessions[2:])
        store.stage(user, sessions[3], 3, 9, [task_record("第四页")])
        assert _staged_sessions(store, user) == {sessions[3]}
        with pytest.raises(UploadTooLargeError) as caught:
            store.stage(user, sessions[3], 4, 9, [task_record("第五页")])  # this upload alone is too big
        assert "--max-staged-pages" in caught.value.next_step
        assert store.upload_status(user, sessions[3])[0] == [0, 1, 2, 3]
        with pytest.raises(SyncFormatError):
            store.stage(user, sessions[3], 5, 9, [{"t": "tasks"}])
        assert _staged_sessions(store, user) == set()  # a malformed page dropped its upload
    finally:
        store.close()


def test_upload_over_the_staging_cap_is_413(server_db_url: str) -> None:
    store = ServerStore(server_db_url, staged_cap_pages=1)
    server = start_server(store)
    try:
        _, token = server.user()
        http = client(server, token)
        session = new_id()
        assert raw_push(http, [task_record("第一页")], session=session, page=0, pages=3).status_code == 200
        reply = raw_push(http, [task_record("第二页")], session=session, page=1, pages=3)
        assert reply.status_code == 413 and "暂存的上限" in reply.json()["error"]
    finally:
        server.stop()
        store.close()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_client_hanging_up_mid_upload_is_one_info_line(live_server: LiveServer) -> None:
    _, token = live_server.user()
    handler = _Collect()
    watched = [logging.getLogger(n) for n in ("cadre_desk.server", "uvicorn.error", "uvicorn")]
    levels = [logger.level for logger in watched]
    for logger in watched:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        host, port = live_server.url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            head = (
                f"POST /v1/push HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                "Content-Type: application/json\r\nContent-Length: 200000\r\n\r\n"
            )
            sock.sendall(head.encode() + b'{"protocol": 1, "records": [' + b" " * 50_000)
            time.sleep(0.3)
        deadline = time.monotonic() + 60  # waits for the record; only a hang takes this long
        while not handler.records and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)  # anything else logged for that request arrives now
    finally:
        for logger, level in zip(watched, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
    messages = [(r.levelno, r.getMessage()) for r in handler.records]
    assert [m for m in messages if "client_disconnected" in m[1]] == [(logging.INFO, messages[0][1])]
    assert all(r.levelno < logging.WARNING and r.exc_info is None for r in handler.records), messages
    http = client(live_server, token)
    assert http.get("/v1/pull").status_code == 200
