"""Tokens: a revocation by the admin CLI (another process, another connection pool) takes effect on
the very next request of every endpoint, on SQLite and PostgreSQL; the client's server setup takes
the token from stdin, a file or the keyring, not only from argv."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from cadre_desk.cli import main as desk_main
from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.server import cli as server_cli
from cadre_desk.services.sync.server_client import server_config
from tests.sync.server_fixtures import LiveServer
from tests.sync.test_server_api import client, pull_all, task_record


def _revoke_from_the_admin_cli(url: str, name: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert server_cli.main(["--db", url, "token", "revoke", name]) == 0


def _push(
    http: httpx.Client, title: str, *, session: str | None = None, page: int = 0, pages: int = 1
) -> int:
    body = {"protocol": 1, "device": "d" * 32, "session": session or new_id(), "page": page, "pages": pages}
    return http.post("/v1/push", json={**body, "records": [task_record(title)]}).status_code


REQUESTS: dict[str, Callable[[httpx.Client, str], int]] = {
    "pull": lambda http, _session: http.get("/v1/pull").status_code,
    "upload status": lambda http, session: http.get(f"/v1/push/{session}").status_code,
    "one-page push": lambda http, _session: _push(http, "吊销后上传"),
    "staged page": lambda http, session: _push(http, "吊销后第二页", session=session, page=1, pages=3),
    "final page": lambda http, session: _push(http, "吊销后最后一页", session=session, page=2, pages=3),
}


@pytest.mark.parametrize("request_kind", list(REQUESTS))
def test_revocation_takes_effect_on_the_next_request(live_server: LiveServer, request_kind: str) -> None:
    name, token = live_server.user()
    _, bystander_token = live_server.user()
    http, bystander = client(live_server, token), client(live_server, bystander_token)
    session = new_id()
    # the token is known to the server (cached) and part of an upload is staged
    assert _push(http, "吊销前", session=session, page=0, pages=3) == 200
    if request_kind == "final page":
        assert _push(http, "第二页", session=session, page=1, pages=3) == 200
    assert http.get("/v1/pull").status_code == 200
    _revoke_from_the_admin_cli(live_server.store.url, name)
    assert REQUESTS[request_kind](http, session) == 401
    assert http.get("/v1/pull").status_code == 401  # and stays refused
    assert bystander.get("/v1/pull").status_code == 200  # other users are not affected
    fresh = live_server.store.issue_token(name)
    titles = [r["v"]["title"] for r in pull_all(client(live_server, fresh))[0]]
    assert titles == []  # nothing of the revoked token's upload was merged


def _setup(profile: Path, *args: str) -> int:
    return desk_main(["--data-dir", str(profile), "sync", "server", "--url", "http://127.0.0.1:8765", *args])


def _saved(profile: Path) -> tuple[str, str] | None:
    paths = DataPaths(profile)
    return server_config(SecretStore(paths.root / "secrets.enc"))


def test_server_setup_reads_the_token_from_stdin_a_file_or_the_keyring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "p"
    monkeypatch.setattr("sys.stdin", io.StringIO("从标准输入来的令牌\n"))
    assert _setup(profile, "--token-stdin") == 0
    assert _saved(profile) == ("http://127.0.0.1:8765", "从标准输入来的令牌")

    token_file = tmp_path / "token.txt"
    token_file.write_text("  file-token-123  \n", encoding="utf-8")
    assert _setup(profile, "--token-file", str(token_file)) == 0
    assert _saved(profile) == ("http://127.0.0.1:8765", "file-token-123")

    # no token given: the one in the keyring is kept (e.g. only the address changed)
    assert desk_main(["--data-dir", str(profile), "sync", "server", "--url", "http://10.1.2.3:8765"]) == 0
    assert "沿用" in capsys.readouterr().out
    assert _saved(profile) == ("http://10.1.2.3:8765", "file-token-123")

    assert _setup(profile, "--token", "argv-token") == 0  # still accepted
    assert _saved(profile) == ("http://127.0.0.1:8765", "argv-token")


def test_server_setup_without_any_token_says_how_to_give_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "p"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: no prompt possible
    assert _setup(profile) == 2
    err = capsys.readouterr().err
    assert "--token-stdin" in err and "下一步" in err
    assert _saved(profile) is None
    assert _setup(profile, "--token-file", str(tmp_path / "missing.txt")) == 2
    assert "无法读取令牌文件" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert _setup(profile, "--token-stdin") == 2  # an empty token is refused
    assert _saved(profile) is None


@pytest.mark.parametrize("known", [True, False], ids=["valid token", "unknown token"])
def test_concurrent_requests_with_an_uncached_token_share_one_lookup(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch, known: bool
) -> None:
    # A unit's devices start syncing together (after a server restart, a network outage): each
    # token is looked up once, its other requests wait for that answer.
    _name, token = live_server.user()
    token = token if known else token[::-1]
    lookups: list[str] = []
    authenticate = live_server.store.authenticate

    def slow_authenticate(given: str) -> str | None:
        lookups.append(given)
        time.sleep(0.3)  # the others arrive meanwhile
        return authenticate(given)

    monkeypatch.setattr(live_server.store, "authenticate", slow_authenticate)

    def pull(_n: int) -> int:
        with client(live_server, token) as http:
            return http.get("/v1/pull").status_code

    with ThreadPoolExecutor(12) as pool:
        statuses = list(pool.map(pull, range(12)))
    assert statuses == [200 if known else 401] * 12
    assert lookups == [token]
