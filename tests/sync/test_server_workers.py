"""``cadre-desk-server serve --workers N``: several processes on one port, on SQLite and on a real
PostgreSQL. Concurrent pushes from many devices through different workers lose nothing and get
consecutive sequence numbers; the workers end with the server, even when it is killed."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from cadre_desk.server.writer import SqliteWriteLock
from tests.sync.server_fixtures import ServerProcess
from tests.sync.test_server_api import pull_all, push, task_record


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _client(url: str, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30, trust_env=False
    )


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads worker processes from /proc (Linux)")
def test_workers_share_the_port_and_lose_no_concurrent_push(
    server_process: Callable[..., ServerProcess],
) -> None:
    server = server_process("--workers", "2")
    server.start()
    assert server.process is not None
    workers = _children(server.process.pid)
    assert len(workers) == 2
    users = []
    for n in range(3):
        name = f"workers-{n}-{os.getpid()}-{time.monotonic_ns()}"
        server.admin("user", "add", name)
        users.append(server.admin("token", "issue", name).strip().splitlines()[-1])

    sent: dict[str, set[str]] = {token: set() for token in users}
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(12)

    def device(token: str, n: int) -> None:
        # own connection per device: the kernel spreads connections over the workers
        with _client(server.url, token) as http:
            start.wait()
            for k in range(15):
                records = [task_record(f"设备{n}第{k}条"), task_record(f"设备{n}第{k}条乙")]
                if k % 5 == 4:  # some uploads in two pages (staged, then committed)
                    session = os.urandom(16).hex()
                    replies = [
                        push(http, records[:1], session=session, page=0, pages=2),
                        push(http, records[1:], session=session, page=1, pages=2),
                    ]
                else:
                    replies = [push(http, records)]
                with lock:
                    if all(reply.status_code == 200 for reply in replies):
                        sent[token].update(record["id"] for record in records)
                    else:
                        failures.append(replies[-1].text)

    threads = [threading.Thread(target=device, args=(users[n % 3], n)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures
    for token in users:
        with _client(server.url, token) as http:
            records, _ = pull_all(http)
            whole = http.get("/v1/pull", params={"after": 0}).json()
        ids = [record["id"] for record in records]
        assert len(ids) == len(set(ids)) == len(sent[token]) == 4 * 15 * 2
        assert set(ids) == sent[token]
        # every change got its own sequence number, none skipped or given twice
        assert not whole["more"] and whole["next"] == len(ids)
    assert all(_alive(pid) for pid in workers)

    server.kill()  # SIGKILL to the supervising process: the workers must not outlive it
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    leftover = [pid for pid in workers if _alive(pid)]
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    assert not leftover


@pytest.mark.slow
def test_workers_stop_cleanly_on_terminate(server_process: Callable[..., ServerProcess]) -> None:
    server = server_process("--workers", "2")
    server.start()
    assert server.process is not None
    workers = _children(server.process.pid)
    server.process.terminate()
    assert server.process.wait(20) == 0
    assert not any(_alive(pid) for pid in workers)


@pytest.mark.slow
def test_workers_option_is_checked(server_process: Callable[..., ServerProcess]) -> None:
    server = server_process("--workers", "0")
    with pytest.raises(RuntimeError, match="--workers"):
        server.start()


@pytest.mark.skipif(os.name != "posix", reason="the writer lock file is POSIX flock")
def test_sqlite_write_lock_excludes_another_process_holding_the_same_database(tmp_path: Path) -> None:
    """Two stores of one database (as in two worker processes: each opens the lock file itself)
    never write at the same time: the second waits until the first lets go."""
    first, second = SqliteWriteLock(tmp_path / "server.db"), SqliteWriteLock(tmp_path / "server.db")
    events: list[str] = []
    holding = threading.Event()

    def other_process() -> None:
        holding.wait(5)
        with second:
            events.append("second writes")

    thread = threading.Thread(target=other_process)
    thread.start()
    with first:
        holding.set()
        time.sleep(0.3)  # the other one is waiting on the lock file all this time
        events.append("first done")
    thread.join(5)
    assert events == ["first done", "second writes"]
    assert (tmp_path / "server.db-writer.lock").exists()
    first.close()
    second.close()
