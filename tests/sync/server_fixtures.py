"""Server fixtures: a real PostgreSQL started for the session, SQLite files, uvicorn on 127.0.0.1."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from benchmarks._postgres import free_port, temporary_postgres
from cadre_desk.domain.ids import new_id
from cadre_desk.server import cli as server_cli
from cadre_desk.server.app import create_app
from cadre_desk.server.store import ServerStore

REPO = Path(__file__).resolve().parents[2]
SERVER_START_LIMIT_S = 180


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a loopback port, for the whole test session."""
    with temporary_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(server_db_url: str) -> Iterator[ServerStore]:
    server_store = ServerStore(server_db_url)
    yield server_store
    server_store.close()


@dataclass
class LiveServer:
    url: str
    store: ServerStore
    server: uvicorn.Server
    thread: threading.Thread

    def user(self, name: str | None = None) -> tuple[str, str]:
        """A new user (unique name: PostgreSQL is shared by the session) and a token."""
        name = name or f"user-{new_id()[:12]}"
        self.store.add_user(name)
        return name, self.store.issue_token(name, "test")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def start_server(store: ServerStore, max_body: int = 4 * 1024 * 1024) -> LiveServer:
    port = free_port()
    config = uvicorn.Config(
        create_app(store, max_body=max_body), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # a thread of this process: only a hang takes this long
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    return LiveServer(f"http://127.0.0.1:{port}", store, server, thread)


@pytest.fixture
def live_server(store: ServerStore) -> Iterator[LiveServer]:
    server = start_server(store, max_body=256 * 1024)
    yield server
    server.stop()


class ServerProcess:
    """The real ``cadre-desk-server serve`` in a subprocess, so a test can kill -9 it."""

    def __init__(self, db_url: str, options: tuple[str, ...] = (), log_path: Path | None = None) -> None:
        self.db_url = db_url
        self.options = options  # more ``serve`` options, e.g. ("--workers", "2")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        # The server's stderr (its JSON log lines, tracebacks of a 500) goes to a file, never to
        # a pipe nobody reads: a full pipe would block the server, and the log is what explains
        # a failure (the fixture prints it when a test fails).
        self.log_path = log_path or Path(os.devnull)
        self._log_file: io.BufferedWriter | None = None

    def log(self) -> str:
        if self.log_path == Path(os.devnull) or not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")

    def admin(self, *args: str) -> str:
        """The admin CLI, in-process (same code path as the console script)."""
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert server_cli.main(["--db", self.db_url, *args]) == 0
        return out.getvalue()

    def start(self) -> None:
        if self._log_file is None:
            self._log_file = open(self.log_path, "ab")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cadre_desk.server.cli",
                "--db",
                self.db_url,
                "serve",
                "--port",
                str(self.port),
                *self.options,
            ],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.DEVNULL,
            stderr=self._log_file,
        )
        # Waits for the health answer, not for a time: a fresh interpreter importing FastAPI,
        # uvicorn and SQLAlchemy took over 20 s on a 2-core machine at load 14. The limit only
        # stops a server that hangs for good.
        deadline = time.monotonic() + SERVER_START_LIMIT_S
        with httpx.Client(timeout=5, trust_env=False) as http:  # one client: no TLS set-up per poll
            while time.monotonic() < deadline:
                with contextlib.suppress(httpx.TransportError):
                    if http.get(f"{self.url}/health").status_code == 200:
                        return
                if self.process.poll() is not None:
                    raise RuntimeError(self.log() or "server died")
                time.sleep(0.05)
        raise RuntimeError(f"server did not become healthy in {SERVER_START_LIMIT_S} s")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


@pytest.fixture
def server_process(
    server_db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., ServerProcess]]:
    made: list[ServerProcess] = []

    def make(*options: str) -> ServerProcess:
        process = ServerProcess(server_db_url, options, tmp_path / f"server-{len(made)}.log")
        made.append(process)
        return process

    yield make
    for process in made:
        process.stop()
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for process in made:  # shown under "Captured stderr teardown" of the failed test
            print(f"--- log of the server on {process.url} ---\n{process.log()}", file=sys.stderr)
