"""Upload protocol 2 (each page sent as soon as it is exported, the last one marked ``final``):
interrupted uploads resume and converge, older servers (protocol 1 only) still get a working
upload, and a client newer than the server is refused with a clear message (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from cadre_desk.domain.ids import new_id
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.services.sync.server_client import (
    ServerClient,
    ServerUnreachableError,
    load_peer_state,
    peer_id,
)
from cadre_desk.storage.models import Task
from tests.sync.helpers import Replica
from tests.sync.server_fixtures import LiveServer
from tests.sync.test_server_api import client, push, task_record

MakeReplica = Callable[..., Replica]


class _Recording(httpx.BaseTransport):
    """The real HTTP transport, noting each upload page's head; ``fail_at``: the n-th upload
    request (1-based) fails as a dropped connection would; ``protocol_1_only``: the answers
    of this server are those of a server before protocol 2 (no ``protocols`` field), and it
    refuses what such a server refuses."""

    def __init__(self, fail_at: int | None = None, protocol_1_only: bool = False) -> None:
        self.inner = httpx.HTTPTransport()
        self.fail_at = fail_at
        self.protocol_1_only = protocol_1_only
        self.heads: list[dict[str, object]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path == "/v1/push":
            body = json.loads(request.read())
            self.heads.append({k: v for k, v in body.items() if k != "records"})
            if len(self.heads) == self.fail_at:
                raise httpx.ConnectError("connection dropped", request=request)
            if self.protocol_1_only and body.get("protocol") != 1:
                return httpx.Response(
                    422, json={"error": "客户端的同步协议版本与服务器不一致，请升级 cadre_desk。"}
                )
        response = self.inner.handle_request(request)
        if self.protocol_1_only and request.method == "GET" and request.url.path.startswith("/v1/push/"):
            answer = json.loads(response.read())
            answer.pop("protocols", None)
            return httpx.Response(response.status_code, json=answer)
        return response


def _client(replica: Replica, server: LiveServer, token: str, transport: httpx.BaseTransport) -> ServerClient:
    http = httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=10, transport=transport
    )
    return ServerClient(replica.db, server.url, token, page_bytes=8_000, http=http)


def _tasks(replica: Replica, count: int) -> None:
    for n in range(count):
        replica.add_task(f"任务{n}：" + "说明" * 30)


def test_an_interrupted_overlapped_upload_resumes_and_converges(
    make_replica: MakeReplica, live_server: LiveServer
) -> None:
    _, token = live_server.user()
    a, b = make_replica("a"), make_replica("b")
    _tasks(a, 60)
    dropped = _Recording(fail_at=3)
    with _client(a, live_server, token, dropped) as device, pytest.raises(ServerUnreachableError):
        device.sync()
    assert [h["page"] for h in dropped.heads] == [0, 1, 2]
    assert all(h["protocol"] == 2 and h["final"] is False and "pages" not in h for h in dropped.heads)
    with a.db.engine.connect() as conn:
        upload = load_peer_state(conn, peer_id(live_server.url))["push_session"]
        total = len(list(export_pages(conn, upload["from"], upload["upto"], 8_000)))
    assert 3 <= len(upload["bounds"]) < total  # ranges saved as pages went out, not all up front

    with _client(b, live_server, token, _Recording()) as device:
        device.sync()
    assert b.count("SELECT count(*) FROM tasks") == 0  # half an upload is never visible

    a.add_task("中断之后新加的任务")  # after the upload's snapshot: goes with the next upload
    resumed = _Recording()
    with _client(a, live_server, token, resumed) as device:
        device.sync()
    pages = [h["page"] for h in resumed.heads]
    assert pages == list(range(2, total))  # the two pages the server holds are not sent again
    assert [h["final"] for h in resumed.heads] == [False] * (total - 3) + [True]
    for replica in (a, b):
        with _client(replica, live_server, token, _Recording()) as device:
            device.sync()
    assert b.count("SELECT count(*) FROM tasks") == 61
    assert a.snapshot() == b.snapshot()


def test_a_server_before_protocol_2_gets_the_page_count_with_every_page(
    make_replica: MakeReplica, live_server: LiveServer
) -> None:
    _, token = live_server.user()
    a, b = make_replica("a"), make_replica("b")
    _tasks(a, 40)
    old_server = _Recording(protocol_1_only=True)
    with _client(a, live_server, token, old_server) as device:
        assert device.sync().pushed == 40
    pages = len(old_server.heads)
    assert pages > 2
    assert old_server.heads == [
        {
            "protocol": 1,
            "device": a.db.device_id,
            "session": old_server.heads[0]["session"],
            "page": n,
            "pages": pages,
        }
        for n in range(pages)
    ]
    a.edit(Task, a.add_task("再加一条"), status="done")
    with _client(a, live_server, token, _Recording(protocol_1_only=True)) as device:
        device.sync()
    with _client(b, live_server, token, _Recording()) as device:
        device.sync()
    assert a.snapshot() == b.snapshot()


def test_upload_protocols_on_the_wire(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    session = new_id()
    assert http.get(f"/v1/push/{session}").json()["protocols"] == [1, 2]
    body = {"protocol": 2, "device": "d" * 32, "session": session}
    first = http.post(
        "/v1/push", json={**body, "page": 0, "final": False, "records": [task_record("第一页")]}
    )
    assert first.status_code == 200 and first.json()["committed"] is False
    assert http.get(f"/v1/push/{session}").json()["pages"] == [0]
    last = http.post("/v1/push", json={**body, "page": 1, "final": True, "records": [task_record("第二页")]})
    assert last.status_code == 200 and last.json()["committed"] is True and last.json()["cursor"] == 2
    gap = {**body, "session": new_id()}
    missing = http.post(
        "/v1/push", json={**gap, "page": 1, "final": True, "records": [task_record("缺第一页")]}
    )
    assert missing.status_code == 409
    single = http.post(
        "/v1/push", json={**body, "session": new_id(), "page": 0, "final": True, "records": []}
    )
    assert single.status_code == 200 and single.json()["committed"] is True
    unmarked = http.post("/v1/push", json={**body, "session": new_id(), "page": 0, "records": []})
    assert unmarked.status_code == 422 and "final" in unmarked.json()["error"]
    newer = http.post("/v1/push", json={**body, "protocol": 3, "page": 0, "final": True, "records": []})
    assert newer.status_code == 422
    assert "第 3 版" in newer.json()["error"] and "下一步：请管理员升级同步服务器" in newer.json()["error"]
    assert push(http, [task_record("第一版协议")]).status_code == 200  # protocol 1 still works


def test_an_upload_begun_under_protocol_1_is_finished_under_protocol_2(
    make_replica: MakeReplica, live_server: LiveServer
) -> None:
    """Every page range known before the first page went out (an older client's saved upload, or
    one begun against an older server): the rest is sent, the last page marked final."""
    _, token = live_server.user()
    a, b = make_replica("a"), make_replica("b")
    _tasks(a, 40)
    dropped = _Recording(fail_at=2, protocol_1_only=True)
    with _client(a, live_server, token, dropped) as device, pytest.raises(ServerUnreachableError):
        device.sync()
    with a.db.engine.connect() as conn:
        bounds = load_peer_state(conn, peer_id(live_server.url))["push_session"]["bounds"]
    resumed = _Recording()
    with _client(a, live_server, token, resumed) as device:
        device.sync()
    assert [h["page"] for h in resumed.heads] == list(range(1, len(bounds)))
    assert [h["final"] for h in resumed.heads] == [False] * (len(bounds) - 2) + [True]
    with _client(b, live_server, token, _Recording()) as device:
        device.sync()
    assert a.snapshot() == b.snapshot()
