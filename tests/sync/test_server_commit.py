"""The commit of a multi-page upload: rows new to the server are stored as they came, the others
merged field by field (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from cadre_desk.domain.ids import new_id
from cadre_desk.server.engine import LARGE_COMMIT_CACHE_KIB, large_write_cache
from cadre_desk.server.models import StagedPage
from cadre_desk.server.rows import COPY_MIN_ROWS
from cadre_desk.server.store import ServerStore
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


def test_pages_staged_by_an_earlier_version_still_commit(store: ServerStore) -> None:
    """Earlier versions staged the request body as it came; a server upgraded between the pages of
    an upload commits those pages beside pages staged in the pre-split form."""
    user = store.add_user(f"user-{new_id()[:12]}")
    session = new_id()
    earlier = [task_record("升级前暂存"), task_record("升级前，又在新页里", hlc=1 << 40)]
    body = json.dumps({"protocol": 1, "session": session, "page": 0, "pages": 2, "records": earlier})
    with store.engine.begin() as conn:
        conn.execute(
            insert(StagedPage).values(
                user_id=user, session=session, page=0, pages=2, body=body, created_at=datetime.now(UTC)
            )
        )
    newer_copy = {**earlier[1], "c": [(1 << 40) + 1, "e" * 32], "v": {**earlier[1]["v"], "priority": 2}}
    store.stage(user, session, 1, 2, [task_record("升级后暂存"), newer_copy])
    assert store.commit(user, session, 2) == 3
    stored = {r["v"]["title"]: r for r in json.loads(store.pull(user, 0).body)["records"]}
    assert sorted(stored) == ["升级前暂存", "升级前，又在新页里", "升级后暂存"]
    assert stored["升级前，又在新页里"]["v"]["priority"] == 2
    assert stored["升级前暂存"] == earlier[0]


def test_a_large_upload_is_stored_record_for_record(store: ServerStore) -> None:
    """Enough new rows for PostgreSQL's COPY path: every record comes back exactly as it was sent,
    quotes, tabs, backslashes and newlines in values included."""
    user = store.add_user(f"user-{new_id()[:12]}")
    session = new_id()
    records = [task_record(f'第{n}条\t"引号"\\反斜杠\n换行 ☃') for n in range(COPY_MIN_ROWS + 10)]
    half = len(records) // 2
    store.stage(user, session, 0, 2, records[:half])
    store.stage(user, session, 1, 2, records[half:])
    assert store.commit(user, session, 2) == len(records)
    pulled: list[dict] = []
    after = 0
    while True:
        page = store.pull(user, after)
        pulled += json.loads(page.body)["records"]
        after = page.next
        if not page.more:
            break
    assert pulled == records


def test_a_large_upload_merges_the_rows_the_server_holds(store: ServerStore) -> None:
    """A user's first large upload skips looking up held rows (there are none); a later one
    over rows the server holds still merges them field by field (newer title wins, older loses)."""
    user = store.add_user(f"user-{new_id()[:12]}")
    first = [task_record(f"第{n}条", hlc=1 << 40) for n in range(COPY_MIN_ROWS)]
    session = new_id()
    store.stage(user, session, 0, 1, first)
    assert store.commit(user, session, 1) == len(first)

    newer = [{**r, "c": [(1 << 40) + 1, "e" * 32], "v": {**r["v"], "title": "改了"}} for r in first[:300]]
    older = [{**r, "c": [(1 << 40) - 1, "e" * 32], "v": {**r["v"], "title": "旧的"}} for r in first[300:600]]
    fresh = [task_record(f"新{n}") for n in range(COPY_MIN_ROWS)]
    session = new_id()
    store.stage(user, session, 0, 2, newer + older)
    store.stage(user, session, 1, 2, fresh)
    assert store.commit(user, session, 2) == len(first) + len(newer) + len(fresh)  # older: no change

    stored: dict[str, str] = {}
    after = 0
    while True:
        page = store.pull(user, after)
        stored |= {r["id"]: r["v"]["title"] for r in json.loads(page.body)["records"]}
        after = page.next
        if not page.more:
            break
    assert len(stored) == len(first) + len(fresh)
    assert {stored[r["id"]] for r in newer} == {"改了"}
    assert [stored[r["id"]] for r in older] == [r["v"]["title"] for r in first[300:600]]
    assert all(stored[r["id"]] == r["v"]["title"] for r in fresh)


def test_a_large_commit_gets_a_bigger_sqlite_cache_only_for_its_transaction(tmp_path: Path) -> None:
    store = ServerStore(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        with store.engine.begin() as conn:
            before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
            with large_write_cache(conn):
                assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -LARGE_COMMIT_CACHE_KIB
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before
        user = store.add_user(f"user-{new_id()[:12]}")
        session = new_id()
        store.stage(user, session, 0, 1, [task_record(f"第{n}条") for n in range(COPY_MIN_ROWS)])
        assert store.commit(user, session, 1) == COPY_MIN_ROWS
        for _ in range(store.engine.pool.checkedin()):  # every pooled connection as it was
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before
    finally:
        store.close()
