"""The download fetches the next page while the records of the page before are checked, and the
apply pauses cyclic garbage collection: neither changes what a pull applies or refuses."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable

import httpx
import pytest

from cadre_desk.services import collection_pause
from cadre_desk.services.sync import apply as apply_module
from cadre_desk.services.sync.apply import ApplyResult, apply_records
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.services.sync.records import SyncFormatError, decode
from cadre_desk.services.sync.server_client import ServerClient, ServerSyncError, load_peer_state
from cadre_desk.storage.models import Item
from tests.sync.helpers import Replica, add_items

MakeReplica = Callable[..., Replica]
URL = "http://sync.test"


def _records(replica: Replica) -> list[dict[str, object]]:
    with replica.db.engine.connect() as conn:
        return [r for page in export_pages(conn, 0) for r in page.records()]


def _fake_server(pages: list[dict[str, object]], asked: list[int]) -> httpx.Client:
    """Answers GET /v1/pull with ``pages`` in turn (by the cursor asked for)."""

    def answer(request: httpx.Request) -> httpx.Response:
        after = int(request.url.params["after"])
        asked.append(after)
        page = next(p for p in pages if p["after"] == after)
        body = {k: v for k, v in page.items() if k != "after"}
        return httpx.Response(200, content=json.dumps(body).encode())

    return httpx.Client(base_url=URL, transport=httpx.MockTransport(answer))


def _items(replica: Replica) -> int:
    with replica.db.engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {Item.__tablename__}").scalar() or 0)


def test_pages_pulled_ahead_apply_exactly_the_records_in_order(make_replica: MakeReplica) -> None:
    a, b = make_replica("a"), make_replica("b")
    add_items(a, a.add_source(), 30)
    records = _records(a)
    pages = [
        {"after": 0, "records": records[:10], "next": 10, "more": True},
        {"after": 10, "records": records[10:25], "next": 25, "more": True},
        {"after": 25, "records": records[25:], "next": 31, "more": False},
    ]
    asked: list[int] = []
    with ServerClient(b.db, URL, "t", http=_fake_server(pages, asked)) as client:
        result = client.pull()
    assert asked == [0, 10, 25]
    assert result.received == len(records) and _items(b) == 30
    with b.db.engine.connect() as conn:
        assert load_peer_state(conn, client.peer)["pull_cursor"] == 31


def test_the_next_page_is_asked_for_while_a_page_is_checked(
    make_replica: MakeReplica, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = make_replica("a"), make_replica("b")
    add_items(a, a.add_source(), 12)
    records = _records(a)
    pages = [
        {"after": 0, "records": records[:6], "next": 6, "more": True},
        {"after": 6, "records": records[6:], "next": 13, "more": False},
    ]
    second_asked = threading.Event()
    asked: list[int] = []
    seen_while_checking: list[bool] = []

    class Watching(list[int]):
        def append(self, after: int) -> None:
            super().append(after)
            if after == 6:
                second_asked.set()

    def checking(record: object, latest: int | None = None) -> object:
        if not seen_while_checking:  # the first record of the first page
            seen_while_checking.append(second_asked.wait(30))
        return decode(record, latest)

    monkeypatch.setattr(apply_module, "decode", checking)
    asked = Watching()
    with ServerClient(b.db, URL, "t", http=_fake_server(pages, asked)) as client:
        client.pull()
    assert seen_while_checking == [True] and asked == [0, 6] and _items(b) == 12


def test_a_bad_record_fails_the_whole_pull(make_replica: MakeReplica) -> None:
    a, b = make_replica("a"), make_replica("b")
    add_items(a, a.add_source(), 12)
    records = _records(a)
    pages = [
        {"after": 0, "records": records[:6], "next": 6, "more": True},
        {
            "after": 6,
            "records": [*records[6:], {**records[0], "t": "no_such_table"}],
            "next": 13,
            "more": False,
        },
    ]
    with (
        ServerClient(b.db, URL, "t", http=_fake_server(pages, [])) as client,
        pytest.raises(SyncFormatError),
    ):
        client.pull()
    assert _items(b) == 0
    with b.db.engine.connect() as conn:
        assert "pull_cursor" not in load_peer_state(conn, client.peer)


def test_a_server_going_back_in_time_applies_nothing(make_replica: MakeReplica) -> None:
    a, b = make_replica("a"), make_replica("b")
    add_items(a, a.add_source(), 12)
    records = _records(a)
    pages = [
        {"after": 0, "records": records[:6], "next": 6, "more": True},
        {"after": 6, "records": records[6:], "next": 3, "more": False},
    ]
    with (
        ServerClient(b.db, URL, "t", http=_fake_server(pages, [])) as client,
        pytest.raises(ServerSyncError, match="服务器可能被重置"),
    ):
        client.pull()
    assert _items(b) == 0


@pytest.mark.parametrize("enabled", [True, False])
def test_apply_pauses_garbage_collection_and_leaves_it_as_it_was(
    make_replica: MakeReplica, enabled: bool
) -> None:
    a, b = make_replica("a"), make_replica("b")
    add_items(a, a.add_source(), 3)
    during: list[bool] = []

    def look(_conn: object, _result: ApplyResult) -> None:
        during.append(gc.isenabled())
        during.append(not collection_pause.paused())  # what the GUI's collector asks (ui.gc_guard)

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()  # (the test session runs with it off)
        apply_records(b.db, _records(a), after_apply=look)
        assert during == [False, False] and gc.isenabled() is enabled
        assert not collection_pause.paused()
        with pytest.raises(SyncFormatError):
            apply_records(b.db, [{"t": "no_such_table"}])
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
