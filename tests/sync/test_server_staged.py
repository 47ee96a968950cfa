"""The staging process's copy of a large upload's pages (``server/staged.py``): used at commit
only while the page stored is the one it staged (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, select, update

from cadre_desk.domain.ids import new_id
from cadre_desk.server.models import StagedPage
from cadre_desk.server.staged import StagedCache, checked_page
from cadre_desk.server.store import ServerStore
from tests.sync.test_server_api import task_record


def _titles(store: ServerStore, user: str) -> list[str]:
    return sorted(r["v"]["title"] for r in json.loads(store.pull(user, 0).body)["records"])


def test_a_page_resent_to_another_process_commits_as_resent(server_db_url: str) -> None:
    """``serve --workers``: page 1 staged by one process, then sent again (changed) to another.
    The first process commits: the copy it kept of page 1 is stale and must not be used."""
    first, second = ServerStore(server_db_url), ServerStore(server_db_url)
    try:
        user = first.add_user(f"user-{new_id()[:12]}")
        session = new_id()
        row = new_id()
        first.stage(user, session, 0, 2, [task_record("第一页")])
        first.stage(user, session, 1, 2, [task_record("旧的第二页", row_id=row)])
        second.stage(user, session, 1, 2, [task_record("重发的第二页", row_id=row)])
        assert first.commit(user, session, 2) == 2
        assert _titles(first, user) == ["第一页", "重发的第二页"]
    finally:
        first.close()
        second.close()


def test_the_commit_takes_the_pages_it_staged_from_memory(store: ServerStore) -> None:
    """The stored bodies are not read back when this process's copies are current: a body changed
    behind the store's back (its version kept) does not show in the commit."""
    user = store.add_user(f"user-{new_id()[:12]}")
    session = new_id()
    store.stage(user, session, 0, 2, [task_record("暂存的第一页")])
    store.stage(user, session, 1, 2, [task_record("暂存的第二页")])
    body, _, _ = checked_page([task_record("库里改过的")])
    with store.engine.begin() as conn:
        conn.execute(update(StagedPage).where(StagedPage.session == session).values(body=body))
    assert store.commit(user, session, 2) == 2
    assert _titles(store, user) == ["暂存的第一页", "暂存的第二页"]


def test_pages_without_a_current_copy_are_read_back(store: ServerStore) -> None:
    """A page with no version (staged by an earlier server version) or another one is read from the
    database, beside pages taken from memory."""
    user = store.add_user(f"user-{new_id()[:12]}")
    session = new_id()
    for page in range(3):
        store.stage(user, session, page, 3, [task_record(f"第{page}页")])
    with store.engine.begin() as conn:
        staged = StagedPage.__table__
        where = (StagedPage.session == session) & (StagedPage.page == 0)
        conn.execute(
            update(staged).where(where).values(version=None, body=checked_page([task_record("无版本")])[0])
        )
        where = (StagedPage.session == session) & (StagedPage.page == 2)
        conn.execute(
            update(staged).where(where).values(version="f" * 16, body=checked_page([task_record("别处")])[0])
        )
    assert store.commit(user, session, 3) == 3
    assert _titles(store, user) == ["别处", "无版本", "第1页"]
    store.wait_for_cleanup()
    with store.engine.connect() as conn:  # the commit dropped the pages, and this process its copies
        assert not conn.execute(select(StagedPage.page).where(StagedPage.session == session)).all()
    assert store._staged.pages(user, session) == {}


def test_pages_left_behind_by_a_committed_upload_are_never_merged_again(store: ServerStore) -> None:
    """A committed upload's pages are dropped after the answer; if the server stopped before that,
    the final page sent again is answered with the cursor and nothing is stored twice."""
    user = store.add_user(f"user-{new_id()[:12]}")
    session = new_id()
    pages = [[task_record("第一页")], [task_record("第二页")]]
    for page, records in enumerate(pages):
        store.stage(user, session, page, 2, records)
    assert store.commit(user, session, 2) == 2
    store.wait_for_cleanup()
    assert store.upload_status(user, session) == ([], True)
    with store.engine.begin() as conn:  # as if the server had stopped before dropping them
        for page, records in enumerate(pages):
            body = checked_page(records)[0]
            conn.execute(
                insert(StagedPage).values(
                    user_id=user, session=session, page=page, pages=2, body=body, created_at=datetime.now(UTC)
                )
            )
    assert store.upload_status(user, session) == ([0, 1], True)
    store.stage(user, session, 1, 2, pages[1])
    assert store.commit(user, session, 2) == 2
    assert _titles(store, user) == ["第一页", "第二页"]
    store.wait_for_cleanup()
    assert store.upload_status(user, session) == ([], True)


def test_a_database_of_an_earlier_version_gets_the_version_column(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:  # srv_staged_pages as earlier versions made it, with a staged page
        conn.exec_driver_sql(
            "CREATE TABLE srv_users (id VARCHAR(32) PRIMARY KEY, name VARCHAR(200) UNIQUE, seq BIGINT, "
            "created_at BIGINT)"
        )
        conn.exec_driver_sql(
            "CREATE TABLE srv_staged_pages (user_id VARCHAR(32), session VARCHAR(32), page INTEGER, "
            "pages INTEGER, body TEXT, created_at BIGINT, PRIMARY KEY (user_id, session, page))"
        )
        conn.exec_driver_sql("INSERT INTO srv_users VALUES ('u', 'old', 0, 0)")
        body, _, _ = checked_page([task_record("升级前暂存")])
        conn.exec_driver_sql(
            "INSERT INTO srv_staged_pages VALUES ('u', 's', 0, 2, ?, ?)", (body, 4_000_000_000_000)
        )
    engine.dispose()
    store = ServerStore(url)
    try:
        store.stage("u", "s", 1, 2, [task_record("升级后暂存")])
        assert store.commit("u", "s", 2) == 2
        assert _titles(store, "u") == ["升级前暂存", "升级后暂存"]
    finally:
        store.close()
    ServerStore(url).close()  # opening it again finds the column


def test_the_cache_keeps_to_its_size() -> None:
    cache = StagedCache(max_bytes=1000)
    cache.put("u", "a", 0, "v0", [], 400)
    cache.put("u", "a", 1, "v1", [], 400)
    cache.put("u", "b", 0, "w0", [], 400)  # the oldest upload goes to make room
    assert cache.pages("u", "a") == {}
    assert set(cache.pages("u", "b")) == {0}
    cache.put("u", "b", 0, "w1", [], 500)  # a page staged again replaces its copy
    assert cache.pages("u", "b") == {0: ("w1", [])} and cache.size == 500
    cache.put("u", "b", 1, "w2", [], 600)  # too big beside the upload's own pages: not kept
    assert set(cache.pages("u", "b")) == {0} and cache.size == 500
    cache.put("u", "c", 0, "x0", [], 2000)  # larger than the whole cache: never kept
    assert cache.pages("u", "c") == {} and set(cache.pages("u", "b")) == {0} and cache.size == 500
    cache.forget("u", "b")
    assert cache.size == 0


def test_the_cache_drops_uploads_left_longer_than_its_age() -> None:
    cache = StagedCache(max_bytes=1000, max_age_s=-1.0)  # everything is already too old
    cache.put("u", "a", 0, "v0", [], 100)
    cache.put("u", "b", 0, "w0", [], 100)
    assert cache.pages("u", "a") == {} and set(cache.pages("u", "b")) == {0} and cache.size == 100
