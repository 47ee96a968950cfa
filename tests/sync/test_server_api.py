"""The unit server's HTTP API on SQLite and on a real PostgreSQL: auth, isolation, limits,
paging, staged uploads with duplicate and out-of-order pages."""

from __future__ import annotations

import json

import httpx

from cadre_desk.domain.ids import new_id
from tests.sync.server_fixtures import LiveServer

TASK_COLUMNS = {
    "title": "学习打卡",
    "notes": None,
    "origin": "manual",
    "due_at": None,
    "priority": 0,
    "status": "open",
    "snoozed_until": None,
    "completed_at": None,
    "remind_at": None,
    "requirement_id": None,
    "occurrence_date": None,
    "item_id": None,
    "source_id": None,
    "created_at": 1_795_000_000_000,
    "deleted": 0,
}


def task_record(title: str, hlc: int = 1 << 40, device: str = "d" * 32, row_id: str | None = None) -> dict:
    return {"t": "tasks", "id": row_id or new_id(), "c": [hlc, device], "v": {**TASK_COLUMNS, "title": title}}


def client(server: LiveServer, token: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=server.url, headers=headers, timeout=10, trust_env=False)


def push(
    http: httpx.Client, records: list[dict], *, session: str | None = None, page: int = 0, pages: int = 1
):
    body = {"protocol": 1, "device": "d" * 32, "session": session or new_id(), "page": page, "pages": pages}
    return http.post("/v1/push", json={**body, "records": records})


def pull_all(http: httpx.Client, max_bytes: int = 1_000_000) -> tuple[list[dict], int]:
    records: list[dict] = []
    cursor, calls = 0, 0
    while True:
        reply = http.get("/v1/pull", params={"after": cursor, "max_bytes": max_bytes})
        assert reply.status_code == 200
        calls += 1
        body = reply.json()
        records += body["records"]
        cursor = body["next"]
        if not body["more"]:
            return records, calls


def test_health(live_server: LiveServer) -> None:
    reply = httpx.get(f"{live_server.url}/health", trust_env=False)
    assert reply.status_code == 200 and reply.json()["status"] == "ok"


def test_unauthenticated_and_bad_tokens_are_rejected(live_server: LiveServer) -> None:
    name, token = live_server.user()
    for http in (client(live_server, None), client(live_server, "not-a-token")):
        assert http.get("/v1/pull").status_code == 401
        assert push(http, [task_record("x")]).status_code == 401
    http = client(live_server, token)
    assert http.get("/v1/pull").status_code == 200
    live_server.store.revoke_tokens(name)
    assert http.get("/v1/pull").status_code == 401
    raw = httpx.get(f"{live_server.url}/v1/pull", headers={"Authorization": token}, trust_env=False)
    assert raw.status_code == 401  # no "Bearer" scheme


def test_user_a_cannot_read_or_write_user_b(live_server: LiveServer) -> None:
    _, token_a = live_server.user()
    _, token_b = live_server.user()
    a, b = client(live_server, token_a), client(live_server, token_b)
    session = new_id()
    assert push(a, [task_record("甲的任务")], session=session).json()["committed"]
    assert pull_all(b)[0] == []
    assert b.get(f"/v1/push/{session}").json() == {
        "session": session,
        "pages": [],
        "committed": False,
        "protocols": [1, 2],
    }
    # B writing a row with A's id lands in B's space only.
    [record] = pull_all(a)[0]
    assert push(b, [task_record("乙改的", hlc=1 << 50, row_id=record["id"])]).status_code == 200
    assert [r["v"]["title"] for r in pull_all(a)[0]] == ["甲的任务"]
    assert [r["v"]["title"] for r in pull_all(b)[0]] == ["乙改的"]


def test_malformed_requests_are_rejected(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    bad_json = http.post("/v1/push", content=b"{not json", headers={"Content-Type": "application/json"})
    assert bad_json.status_code == 400
    assert "JSON" in bad_json.json()["error"]
    assert http.post("/v1/push", json={"protocol": 1, "session": "x"}).status_code == 422
    assert push(http, [{"t": "no_such_table", "id": new_id(), "c": [1, "d"], "v": {}}]).status_code == 422
    broken = task_record("x")
    del broken["v"]["status"]
    assert push(http, [broken]).status_code == 422
    assert push(http, [task_record("x")], page=3, pages=2).status_code == 422
    assert http.get("/v1/pull", params={"after": "abc"}).status_code == 422
    assert http.get("/v1/push/not-a-session").status_code == 422
    assert pull_all(http)[0] == []  # nothing of the above was stored


def test_body_over_the_limit_is_refused(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    big = [task_record("很长" * 20_000) for _ in range(5)]  # ≈ 600 KB > the fixture's 256 KB limit
    reply = push(http, big)
    assert reply.status_code == 413
    chunked = http.post(
        "/v1/push", content=iter([b"[" + b" " * 100_000] * 4), headers={"Content-Type": "application/json"}
    )
    assert chunked.status_code == 413
    assert pull_all(http)[0] == []


def test_upload_commits_only_when_complete_and_tolerates_duplicates_and_reordering(
    live_server: LiveServer,
) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    session = new_id()
    pages = [[task_record(f"第{p}页第{n}条") for n in range(3)] for p in range(3)]
    assert push(http, pages[1], session=session, page=1, pages=3).json()["committed"] is False
    assert push(http, pages[1], session=session, page=1, pages=3).status_code == 200  # duplicate
    incomplete = push(http, pages[2], session=session, page=2, pages=3)
    assert incomplete.status_code == 409  # page 0 missing: nothing merged yet
    assert pull_all(http)[0] == []
    assert http.get(f"/v1/push/{session}").json()["pages"] == [1, 2]
    assert push(http, pages[0], session=session, page=0, pages=3).status_code == 200
    done = push(http, pages[2], session=session, page=2, pages=3).json()
    assert done["committed"] is True
    again = push(http, pages[2], session=session, page=2, pages=3).json()  # retried final page
    assert again == done
    records, _ = pull_all(http)
    assert len(records) == 9


def test_pull_pages_are_explicit_and_complete(live_server: LiveServer) -> None:
    """More changes than one page: every one arrives (a silent cap lost 33 of 49 elsewhere)."""
    _, token = live_server.user()
    http = client(live_server, token)
    sent = [task_record(f"任务{n}") for n in range(49)]
    assert push(http, sent).status_code == 200
    records, calls = pull_all(http, max_bytes=2_000)
    assert calls > 5
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in sent)


def test_server_merges_per_field(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    row_id = new_id()
    base = task_record("原标题", hlc=10 << 16, device="a" * 32, row_id=row_id)
    edit_title = json.loads(json.dumps(base))
    edit_title["f"] = {"title": [30 << 16, "a" * 32]}
    edit_title["v"]["title"] = "新标题"
    edit_status = json.loads(json.dumps(base))
    edit_status["f"] = {"status": [20 << 16, "b" * 32]}
    edit_status["v"]["status"] = "done"
    for record in (edit_title, edit_status, base):
        assert push(http, [record]).status_code == 200
    [merged] = pull_all(http)[0]
    assert (merged["v"]["title"], merged["v"]["status"]) == ("新标题", "done")


def test_admin_cli_creates_users_and_tokens(server_process, server_db_url: str) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.server.store import ServerStore

    server = server_process()
    name = f"cadre-{new_id()[:8]}"
    assert "已新建用户" in server.admin("user", "add", name)
    token = server.admin("token", "issue", name, "--label", "办公室电脑").strip().splitlines()[-1]
    assert name in server.admin("user", "list")
    server.start()  # the real console entry point, serving over HTTP
    http = httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, trust_env=False)
    assert http.get("/v1/pull").status_code == 200
    assert "已吊销" in server.admin("token", "revoke", name)
    assert http.get("/v1/pull").status_code == 401  # the running server: on the very next request
    fresh = ServerStore(server_db_url)
    try:
        assert fresh.authenticate(token) is None
        with fresh.engine.connect() as conn:  # only the hash is stored
            stored = conn.exec_driver_sql("SELECT token_hash FROM srv_tokens").scalars().all()
        assert token not in stored
    finally:
        fresh.close()
