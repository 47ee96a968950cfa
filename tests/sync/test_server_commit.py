"""The commit of a multi-page upload: rows new to the server are stored as they came, the others
merged field by field (SQLite and PostgreSQL)."""

from __future__ import annotations

from cadre_desk.domain.ids import new_id
from tests.sync.server_fixtures import LiveServer
from tests.sync.test_server_api import client, pull_all, push, task_record


def test_multi_page_commit_merges_held_and_repeated_rows_and_stores_new_ones(live_server: LiveServer) -> None:
    _, token = live_server.user()
    http = client(live_server, token)
    held = task_record("服务器已有", hlc=1 << 40)
    held_twice = task_record("服务器已有，又传两次", hlc=1 << 40)
    for record in (held, held_twice):
        assert push(http, [record]).status_code == 200

    newer_held = {**held, "c": [(1 << 40) + 5, "e" * 32], "v": {**held["v"], "title": "改过的标题"}}
    older_held = {**held, "c": [(1 << 40) - 5, "e" * 32], "v": {**held["v"], "title": "更早的标题"}}
    twice_a = {**held_twice, "c": [(1 << 40) + 1, "e" * 32], "v": {**held_twice["v"], "title": "第一次"}}
    twice_b = {**held_twice, "c": [(1 << 40) + 2, "f" * 32], "v": {**held_twice["v"], "title": "第二次"}}
    fresh = task_record("新任务")
    fresh_twice = task_record("新任务，两页都有", hlc=1 << 40)
    fresh_twice_later = {
        **fresh_twice,
        "c": [(1 << 40) + 9, "e" * 32],
        "v": {**fresh_twice["v"], "priority": 3},
    }
    from_newer_version = task_record("新版本的记录")
    from_newer_version["v"] = {**from_newer_version["v"], "colour_of_the_future": "蓝"}
    pages = [
        [fresh, newer_held, twice_a, fresh_twice_later],
        [twice_b, from_newer_version, older_held],
        [fresh_twice],
    ]
    session = new_id()
    for index, records in enumerate(pages):
        reply = push(http, records, session=session, page=index, pages=len(pages))
        assert reply.status_code == 200, reply.text
    assert reply.json()["committed"] is True

    records, _ = pull_all(http)
    by_id = {r["id"]: r for r in records}
    assert len(records) == len(by_id) == 5  # every row once
    assert by_id[held["id"]]["v"]["title"] == "改过的标题"
    assert by_id[held["id"]]["c"] == [(1 << 40) + 5, "e" * 32]
    assert by_id[held_twice["id"]]["v"]["title"] == "第二次"
    assert by_id[fresh["id"]]["v"] == fresh["v"]
    assert by_id[fresh_twice["id"]]["v"]["priority"] == 3
    assert by_id[fresh_twice["id"]]["v"]["title"] == "新任务，两页都有"
    assert (
        "colour_of_the_future" not in by_id[from_newer_version["id"]]["v"]
    )  # stored as this server reads it
    assert by_id[from_newer_version["id"]]["v"]["title"] == "新版本的记录"
