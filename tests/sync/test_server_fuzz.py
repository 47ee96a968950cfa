"""Fuzz every endpoint of the sync server (SQLite and PostgreSQL) with random JSON shapes, sizes and
encodings: never a 500, never a hang (bounded examples, a timeout on every request)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre_desk.domain.ids import new_id
from cadre_desk.services.sync.records import schema
from tests.sync.server_fixtures import LiveServer
from tests.sync.test_server_api import TASK_COLUMNS, task_record

pytestmark = pytest.mark.slow

SESSIONS = [new_id() for _ in range(3)]  # a few shared sessions: pages of one upload meet each other
TABLES = sorted(schema())

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)  # includes lone surrogates
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
clocks = st.one_of(
    st.tuples(st.integers(min_value=-(2**80), max_value=2**80), st.text(max_size=33)).map(list),
    json_values,
)


@st.composite
def records(draw: st.DrawFn) -> Any:
    """Mostly record-shaped, with any part of it broken or strange."""
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)
    record: dict[str, Any] = task_record(draw(st.text(max_size=30)))
    if draw(st.booleans()):
        record["t"] = draw(st.sampled_from(TABLES) | st.text(max_size=12))
    if draw(st.booleans()):
        record["id"] = draw(st.sampled_from([new_id(), "A" * 32, ""]) | st.text(max_size=40))
    if draw(st.booleans()):
        record["c"] = draw(clocks)
    if draw(st.booleans()):
        record["f"] = draw(
            st.dictionaries(st.sampled_from(sorted(TASK_COLUMNS)) | st.text(max_size=8), clocks)
        )
    if draw(st.booleans()):
        values = dict(record["v"])
        for column in draw(st.lists(st.sampled_from(sorted(TASK_COLUMNS)), max_size=4)):
            values[column] = draw(json_values)
        if draw(st.booleans()):
            values.pop(draw(st.sampled_from(sorted(TASK_COLUMNS))), None)
        record["v"] = values
    return record


@st.composite
def push_bodies(draw: st.DrawFn) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(json_values)
    pages = draw(st.integers(1, 3) | st.integers(-(2**65), 2**65) | json_values)
    body = {
        "protocol": draw(st.just(1) | json_values),
        "device": "d" * 32,
        "session": draw(st.sampled_from(SESSIONS) | st.text(max_size=40)),
        "page": draw(st.integers(0, 2) | st.integers(-(2**65), 2**65) | json_values),
        "pages": pages,
        "records": draw(st.lists(records(), max_size=6) | json_values),
    }
    for key in draw(st.lists(st.sampled_from(sorted(body)), max_size=2)):
        body.pop(key, None)
    return body


@st.composite
def encoded(draw: st.DrawFn, body: Any) -> bytes:
    """The body as bytes: JSON in various encodings, duplicated to large sizes, cut, nested or junk."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.binary(max_size=300))
    if kind == 1:
        depth = draw(st.integers(500, 40_000))
        return b"[" * depth + b"]" * draw(st.integers(0, depth))
    text = json.dumps(body, ensure_ascii=draw(st.booleans()), allow_nan=True)
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "utf-32", "gb18030", "latin-1"]))
    data = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    if kind == 2:
        data = data[: draw(st.integers(0, len(data)))]
    if kind == 3 and isinstance(body, dict):  # large: many copies of the records (past the body limit)
        copies = draw(st.integers(50, 3_000))
        grown = {**body, "records": [task_record("很长的标题" * 5)] * copies}
        data = json.dumps(grown).encode()
    return data


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, str, bytes | None, dict[str, str]]:
    endpoint = draw(st.sampled_from(["push", "push", "push", "pull", "status", "health", "other"]))
    headers: dict[str, str] = {}
    if endpoint == "push":
        headers["Content-Type"] = draw(
            st.sampled_from(["application/json", "text/plain", "application/x-www-form"])
        )
        return "POST", "/v1/push", draw(encoded(draw(push_bodies()))), headers
    if endpoint == "pull":
        params = draw(
            st.dictionaries(
                st.sampled_from(["after", "max_bytes", "x"]),
                st.integers(-(2**80), 2**80).map(str) | st.text(max_size=20),
                max_size=3,
            )
        )
        query = "&".join(f"{quote(k)}={quote(v, safe='', errors='replace')}" for k, v in params.items())
        return "GET", f"/v1/pull?{query}", None, headers
    if endpoint == "status":
        session = draw(st.sampled_from(SESSIONS) | st.text(max_size=50))
        return "GET", f"/v1/push/{quote(session, safe='', errors='replace')}", None, headers
    if endpoint == "health":
        return "GET", "/health", None, headers
    method = draw(st.sampled_from(["PUT", "DELETE", "PATCH", "GET", "POST"]))
    path = draw(st.sampled_from(["/v1/push", "/v1/pull", "/v1", "/", "/v1/push/x/y"]) | st.text(max_size=20))
    return (
        method,
        "/" + quote(path.lstrip("/"), safe="/?=&", errors="replace"),
        draw(st.binary(max_size=50)),
        headers,
    )


def test_no_request_makes_the_server_fail_or_hang(live_server: LiveServer) -> None:
    _, token = live_server.user()
    auth = {"Authorization": f"Bearer {token}"}
    junk_auth = [{}, {"Authorization": "Bearer nope"}, {"Authorization": token}]
    statuses: dict[int, int] = {}
    http = httpx.Client(base_url=live_server.url, timeout=15, trust_env=False)

    @settings(
        max_examples=120,
        deadline=None,  # a shared 2-core machine: the per-request timeout is the hang detector
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
        derandomize=False,
    )
    @given(request=requests(), authorized=st.integers(0, 7))
    def one(request: tuple[str, str, bytes | None, dict[str, str]], authorized: int) -> None:
        method, path, content, headers = request
        headers = {**headers, **(auth if authorized else junk_auth[authorized % 3])}
        reply = http.request(method, path, content=content, headers=headers)
        statuses[reply.status_code] = statuses.get(reply.status_code, 0) + 1
        assert reply.status_code < 500, (method, path, (content or b"")[:300], reply.text[:300])
        if reply.status_code >= 400 and path.startswith("/v1"):
            assert "error" in reply.json()

    try:
        one()
    finally:
        http.close()
    assert httpx.get(f"{live_server.url}/health", trust_env=False).json()["status"] == "ok"
    assert statuses.get(200, 0) > 0 and sum(v for k, v in statuses.items() if k >= 400) > 0, statuses
