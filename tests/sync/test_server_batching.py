"""Group commit of one-page uploads (SQLite and PostgreSQL): many concurrent pushes merged per
transaction keep per-user numbering, per-field merge, idempotent sessions and isolation; a bad
upload fails alone. Also the access log and the compact encoding fast paths."""

from __future__ import annotations

import json
import logging
import threading
import time
from concurrent.futures import Future

import httpx
import pytest

from cadre_desk.domain.ids import new_id
from cadre_desk.server.store import ServerStore
from cadre_desk.services.sync.merge import RowState
from cadre_desk.services.sync.records import SyncFormatError, decode, encode
from tests.sync.server_fixtures import LiveServer
from tests.sync.test_server_api import client, pull_all, push, task_record


def _user(store: ServerStore) -> str:
    name = f"user-{new_id()[:12]}"
    return store.add_user(name)


def _records(store: ServerStore, user_id: str) -> list[dict]:
    return list(json.loads(store.pull(user_id, 0).body)["records"])


def test_concurrent_one_page_uploads_are_all_merged_with_consecutive_numbers(store: ServerStore) -> None:
    users = [_user(store) for _ in range(3)]
    futures: list[tuple[str, Future[int]]] = []
    lock = threading.Lock()

    def device(n: int) -> None:
        for k in range(10):
            user = users[(n + k) % 3]
            future = store.submit_single(user, new_id(), [task_record(f"设备{n}第{k}条")])
            with lock:
                futures.append((user, future))

    threads = [threading.Thread(target=device, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for _, future in futures:
        assert future.result(timeout=30) > 0
    total = 0
    for user in users:
        page = json.loads(store.pull(user, 0).body)
        total += len(page["records"])
        assert page["next"] == len(page["records"])  # seq 1..n, no gap, no duplicate
        # every upload's cursor covers its own change
        assert max(f.result() for u, f in futures if u == user) == page["next"]
    assert total == 120


def test_same_row_from_many_pushes_in_one_batch_merges_per_field(store: ServerStore) -> None:
    user = _user(store)
    row_id = new_id()
    base = task_record("原标题", hlc=10 << 16, device="a" * 32, row_id=row_id)
    edit_title = json.loads(json.dumps(base))
    edit_title["f"] = {"title": [30 << 16, "a" * 32]}
    edit_title["v"]["title"] = "新标题"
    edit_status = json.loads(json.dumps(base))
    edit_status["f"] = {"status": [20 << 16, "b" * 32]}
    edit_status["v"]["status"] = "done"
    session = new_id()
    # queued together: the writer takes them as one batch (the same session twice = a retry)
    futures = [
        store.submit_single(user, new_id(), [edit_title]),
        store.submit_single(user, session, [edit_status]),
        store.submit_single(user, session, [edit_status]),
        store.submit_single(user, new_id(), [base]),
    ]
    cursors = [f.result(timeout=30) for f in futures]
    assert cursors[1] == cursors[2]
    [merged] = _records(store, user)
    assert (merged["v"]["title"], merged["v"]["status"]) == ("新标题", "done")
    assert store.push_single(user, session, [edit_status]) == cursors[1]  # committed before: answered
    assert len(_records(store, user)) == 1


def test_a_malformed_upload_fails_alone(store: ServerStore) -> None:
    user = _user(store)
    bad = task_record("坏记录")
    del bad["v"]["status"]
    good = store.submit_single(user, new_id(), [task_record("好记录")])
    broken = store.submit_single(user, new_id(), [bad])
    assert good.result(timeout=30) == 1
    with pytest.raises(SyncFormatError):
        broken.result(timeout=30)
    assert [r["v"]["title"] for r in _records(store, user)] == ["好记录"]


def test_one_page_upload_after_a_staged_attempt_clears_the_staged_copy(store: ServerStore) -> None:
    user = _user(store)
    session = new_id()
    records = [task_record("断线前上传")]
    store.stage(user, session, 0, 1, records)  # the server died before committing
    assert store.upload_status(user, session) == ([0], False)
    assert store.push_single(user, session, records) == 1
    assert store.upload_status(user, session) == ([], True)
    assert len(_records(store, user)) == 1


def test_staged_pages_keep_the_request_body_as_sent(store: ServerStore) -> None:
    user = _user(store)
    session = new_id()
    pages = [[task_record(f"第{p}页")] for p in range(2)]
    for n, records in enumerate(pages):
        raw = json.dumps({"protocol": 1, "session": session, "page": n, "pages": 2, "records": records})
        store.stage(user, session, n, 2, records, raw)
    assert store.commit(user, session, 2) == 2
    assert sorted(r["v"]["title"] for r in _records(store, user)) == ["第0页", "第1页"]


def test_closed_store_refuses_new_uploads(server_db_url: str) -> None:
    store = ServerStore(server_db_url)
    user = _user(store)
    assert store.push_single(user, new_id(), [task_record("关闭前")]) == 1
    store.close()
    with pytest.raises(RuntimeError):
        store.submit_single(user, new_id(), [task_record("关闭后")])


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_access_log_has_one_line_per_request_without_tokens(live_server: LiveServer) -> None:
    name, token = live_server.user()
    http = client(live_server, token)
    access = logging.getLogger("cadre_desk.server.access")
    handler, level = _Collect(), access.level
    access.addHandler(handler)
    access.setLevel(logging.INFO)
    try:
        assert push(http, [task_record("日志")]).status_code == 200
        assert httpx.get(f"{live_server.url}/v1/pull", trust_env=False).status_code == 401
        pull_all(http)
        # the line is written when the request is over, just after the client has its response
        deadline = time.monotonic() + 60  # waits for the lines; only a hang takes this long
        while len(handler.messages) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        access.removeHandler(handler)
        access.setLevel(level)
    lines = [json.loads(m) for m in handler.messages]
    assert [(x["method"], x["path"], x["status"]) for x in lines] == [
        ("POST", "/v1/push", 200),
        ("GET", "/v1/pull", 401),
        ("GET", "/v1/pull", 200),
    ]
    assert lines[0]["user"] and lines[1]["user"] is None and lines[0]["ms"] >= 0
    text = "\n".join(handler.messages)
    assert token not in text and name not in text


def test_encoding_fast_paths_match_the_general_form() -> None:
    one = RowState("tags", new_id(), {"name": "甲", "color": None, "deleted": 0}, {})
    one.clocks = dict.fromkeys(one.values, (5, "a" * 32))
    assert encode(one) == {"t": "tags", "id": one.row_id, "c": [5, "a" * 32], "v": one.values}
    mixed = RowState("tags", one.row_id, dict(one.values), {**one.clocks, "name": (9, "b" * 32)})
    record = encode(mixed)
    assert record["c"] == [5, "a" * 32] and record["f"] == {"name": [9, "b" * 32]}
    assert decode(record) == mixed
    assert decode(encode(one)) == one
    newer = {**record, "v": {**record["v"], "added_by_a_newer_version": 1}}
    assert decode(newer) == mixed  # unknown columns ignored
    for broken in ({**record, "v": {"name": "甲"}}, {**record, "v": {**record["v"], "name": ["x"]}}):
        with pytest.raises(SyncFormatError):
            decode(broken)


@pytest.mark.parametrize("row_id", ["A" * 32, "a" * 31, "a" * 33, "a" * 32 + "\n", "g" * 32, "", 5, None])
def test_record_ids_must_be_32_lowercase_hex_digits(row_id: object) -> None:
    record = {"t": "tags", "id": row_id, "c": [1, "d" * 32], "v": {"name": "甲", "color": None, "deleted": 0}}
    with pytest.raises(SyncFormatError):
        decode(record)
    assert decode({**record, "id": "0123456789abcdef" * 2}).row_id == "0123456789abcdef" * 2


def test_one_batch_of_many_users_keeps_each_users_rows_apart_in_fixed_statements(
    store: ServerStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer reads and numbers a whole batch with statements per batch, not per user; a row
    id two users share (ids derived from a requirement and a date are) stays each user's own."""
    import cadre_desk.server.rows as rows_module
    import cadre_desk.server.store as store_module
    from cadre_desk.server.writer import UploadJob
    from cadre_desk.services.sync.apply import combine

    statements: list[str] = []
    counted = store_module.run

    def counting(conn: object, sql: str, params: object = ()) -> list:
        statements.append(sql)
        return counted(conn, sql, params)  # type: ignore[arg-type]

    def write(jobs: list[UploadJob]) -> list[int]:
        for job in jobs:
            job.incoming = combine(job.records)
        statements.clear()
        revoked, cursors = store._commit_uploads(jobs)
        assert not revoked
        return cursors

    shared_id = new_id()
    holder, newcomer = _user(store), _user(store)
    held = task_record("甲的原标题", hlc=10 << 16, device="a" * 32, row_id=shared_id)
    assert store.push_single(holder, new_id(), [held]) == 1
    monkeypatch.setattr(store_module, "run", counting)
    monkeypatch.setattr(rows_module, "run", counting)

    newer = json.loads(json.dumps(held))
    newer["c"] = [20 << 16, "a" * 32]
    newer["v"]["title"] = "甲改过的标题"
    older = json.loads(json.dumps(held))
    older["c"] = [5 << 16, "b" * 32]
    older["v"]["title"] = "乙的同号任务"
    retried = new_id()
    first = write(
        [
            UploadJob(holder, new_id(), [newer]),
            UploadJob(newcomer, retried, [older]),
            UploadJob(newcomer, new_id(), [task_record("乙的另一条")]),
        ]
    )
    few_users = len(statements)
    assert first == [2, 2, 2]
    many = [_user(store) for _ in range(10)]
    again = write(
        [UploadJob(user, new_id(), [task_record(f"用户{n}")]) for n, user in enumerate(many)]
        + [UploadJob(newcomer, retried, [older])]  # committed before: answered, not merged again
    )
    assert len(statements) == few_users
    assert again == [1] * 10 + [2]

    mine, theirs = _records(store, holder), _records(store, newcomer)
    assert [r["v"]["title"] for r in mine] == ["甲改过的标题"]
    assert sorted(r["v"]["title"] for r in theirs) == ["乙的另一条", "乙的同号任务"]
    assert {r["id"] for r in theirs} >= {shared_id}
