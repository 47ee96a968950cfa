"""Devices syncing through a real server (uvicorn on 127.0.0.1; SQLite and PostgreSQL), including
a server killed with SIGKILL in the middle of an upload and of a download."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from cadre_desk.services.sync.pages import export_pages
from cadre_desk.services.sync.server_client import (
    ServerClient,
    ServerUnreachableError,
    configure_server,
    load_peer_state,
    peer_id,
)
from cadre_desk.services.sync.status import sync_status
from cadre_desk.storage.models import Task
from tests.sync.helpers import Replica
from tests.sync.server_fixtures import LiveServer, ServerProcess

MakeReplica = Callable[..., Replica]


def _client(
    replica: Replica, url: str, token: str, page_bytes: int = 1_000_000, **hooks: object
) -> ServerClient:
    http = httpx.Client(
        base_url=url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
        trust_env=False,
        event_hooks=hooks,  # type: ignore[arg-type]
    )
    return ServerClient(replica.db, url, token, page_bytes=page_bytes, http=http)


def test_two_devices_converge_through_the_server(make_replica: MakeReplica, live_server: LiveServer) -> None:
    _, token = live_server.user()
    a, b = make_replica("a"), make_replica("b")
    source = a.add_source()
    task = a.add_task("每日学习打卡", source)
    a.check_in(task)
    with _client(a, live_server.url, token) as client:
        assert client.sync().pushed == 3
    with _client(b, live_server.url, token) as client:
        report = client.sync()
        assert sum(report.pulled.inserted.values()) == 3
        assert report.pushed == 0  # what came from the server is not uploaded back
    assert a.snapshot() == b.snapshot()
    b.edit(Task, task, status="done")
    a.edit(Task, task, title="每日学习打卡（必做）")
    for replica in (a, b, a):
        with _client(replica, live_server.url, token) as client:
            client.sync()
    assert a.snapshot() == b.snapshot()
    with a.db.session() as session:
        row = session.get(Task, task)
        assert row is not None and (row.title, row.status) == ("每日学习打卡（必做）", "done")
    with _client(a, live_server.url, token) as client:  # nothing new: a no-op
        again = client.sync()
    assert again.pushed == 0 and again.pulled.changed == 0


def test_status_reports_pending_changes_and_last_sync(
    make_replica: MakeReplica, live_server: LiveServer
) -> None:
    _, token = live_server.user()
    a = make_replica("a")
    configure_server(a.secrets, live_server.url, token)
    a.add_task("填报")
    before = sync_status(a.db, a.secrets)
    assert before.pending == 1 and before.last_sync_at is None
    with _client(a, live_server.url, token) as client:
        client.sync()
    after = sync_status(a.db, a.secrets)
    assert after.pending == 0 and after.last_sync_at is not None and after.last_error is None
    assert "待上传 0 条" in after.short()


def test_status_without_a_server_counts_nothing(make_replica: MakeReplica) -> None:
    """No server: nothing is "pending" (there is nowhere to upload to) and the change log is not
    counted (a row per change ever made: ~100 ms of CPU at every start of a 1M-item profile)."""
    a = make_replica("a")
    a.add_task("填报")
    status = sync_status(a.db, a.secrets)
    assert status.pending is None and not status.configured
    assert "待上传" not in status.short() and "待上传更改：—" in "\n".join(status.lines())


def test_more_changes_than_one_page_all_arrive(make_replica: MakeReplica, live_server: LiveServer) -> None:
    _, token = live_server.user()
    a, b = make_replica("a"), make_replica("b")
    for n in range(120):
        a.add_task(f"任务{n}：" + "说明" * 30)
    posts: list[str] = []

    def count(request: httpx.Request) -> None:
        if request.method == "POST":
            posts.append(request.url.path)

    with _client(a, live_server.url, token, page_bytes=8_000, request=[count]) as client:
        client.sync()
    assert len(posts) > 5
    with _client(b, live_server.url, token, page_bytes=8_000) as client:
        client.sync()
    assert b.count("SELECT count(*) FROM tasks") == 120
    assert a.snapshot() == b.snapshot()


@pytest.mark.slow
def test_server_killed_mid_push_then_resumed(make_replica: MakeReplica, server_process) -> None:  # type: ignore[no-untyped-def]
    server: ServerProcess = server_process()
    name = "kill-" + server.port.__str__()
    server.admin("user", "add", name)
    token = server.admin("token", "issue", name).strip().splitlines()[-1]
    server.start()
    a, b = make_replica("a"), make_replica("b")
    for n in range(60):
        a.add_task(f"任务{n}：" + "说明" * 30)
    posts: list[int] = []

    def kill_after_two_pages(response: httpx.Response) -> None:
        if response.request.method == "POST":
            posts.append(response.status_code)
            if len(posts) == 2:
                server.kill()

    with (
        _client(a, server.url, token, page_bytes=8_000, response=[kill_after_two_pages]) as client,
        pytest.raises(ServerUnreachableError),
    ):
        client.sync()
    status = sync_status(a.db, a.secrets)
    assert status.last_sync_at is None  # never advanced by an interrupted sync

    with a.db.engine.connect() as conn:
        upload = load_peer_state(conn, peer_id(server.url))["push_session"]
        total_pages = len(list(export_pages(conn, upload["from"], upload["upto"], 8_000)))
    assert total_pages > 3 and len(upload["bounds"]) >= 2  # each page's range saved before it was sent
    server.start()
    with _client(b, server.url, token) as client:
        client.sync()  # half an upload is staged, never visible
    assert b.count("SELECT count(*) FROM tasks") == 0

    resent: list[int] = []
    with _client(
        a,
        server.url,
        token,
        page_bytes=8_000,
        request=[lambda r: resent.append(1) if r.method == "POST" else None],
    ) as client:
        client.sync()
    with a.db.engine.connect() as conn:
        pages = conn.exec_driver_sql("SELECT count(*) FROM tasks").scalar()
    assert pages == 60
    assert len(resent) == total_pages - 2  # resumed: the two pages the server kept are not sent again
    with _client(b, server.url, token) as client:
        client.sync()
    assert a.snapshot() == b.snapshot()


@pytest.mark.slow
def test_server_killed_mid_pull_changes_nothing(make_replica: MakeReplica, server_process) -> None:  # type: ignore[no-untyped-def]
    server: ServerProcess = server_process()
    server.admin("user", "add", "pull")
    token = server.admin("token", "issue", "pull").strip().splitlines()[-1]
    server.start()
    a, b = make_replica("a"), make_replica("b")
    for n in range(60):
        a.add_task(f"任务{n}：" + "说明" * 30)
    with _client(a, server.url, token) as client:
        client.sync()
    gets: list[int] = []

    def kill_after_first_page(response: httpx.Response) -> None:
        if response.request.url.path == "/v1/pull":
            gets.append(1)
            server.kill()

    with (
        _client(b, server.url, token, page_bytes=8_000, response=[kill_after_first_page]) as client,
        pytest.raises(ServerUnreachableError),
    ):
        client.sync()
    assert b.count("SELECT count(*) FROM tasks") == 0
    assert b.count("SELECT count(*) FROM sync_peers WHERE last_sync_at IS NOT NULL") == 0
    server.start()
    with _client(b, server.url, token, page_bytes=8_000) as client:
        client.sync()
    assert b.snapshot() == a.snapshot()
