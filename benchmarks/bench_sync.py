"""Sync throughput and server latency, on SQLite and on PostgreSQL.

    python -m benchmarks.bench_sync                      # 100,000 changes, 200 clients × 8 s
    python -m benchmarks.bench_sync --changes 20000 --clients 50 --seconds 3
    python -m benchmarks.bench_sync --backend sqlite     # skip PostgreSQL

Goals (issue 8):
* 100,000 changes device → server → device in ≤ 5 s (push of device A + pull of device B);
* 200 concurrent simulated clients on 127.0.0.1 (bounded count and duration): p99 < 200 ms,
  no errors. Each client alternates a small upload (one page, a few records) and a pull.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import random
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import insert

from benchmarks._postgres import free_port, temporary_postgres
from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.server.store import ServerStore
from cadre_desk.services.sync.server_client import ServerClient
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.models import Item, Source

GOAL_SYNC_SECONDS = 5.0
GOAL_P99_MS = 200.0
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@contextmanager
def serve(db_url: str) -> Iterator[str]:
    """The real ``cadre-desk-server serve`` in its own process (clients here must not share its GIL)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cadre_desk.server.cli", "--db", db_url, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the sync server did not start")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(20)


def fill(db: Database, changes: int) -> None:
    """One source and ``changes - 1`` items (each item insert is one logged change)."""
    source = Source(
        kind="rss", name="清河县人民政府", platform="wechat_account", category="gov_service", created_at=NOW
    )
    with db.session() as session:
        session.add(source)
    rows = []
    for n in range(changes - 1):
        title = f"关于做好第{n + 1}批森林防火工作的通知"
        rows.append(
            {
                "id": new_id(),
                "source_id": source.id,
                "guid": f"guid-{n}",
                "url": f"http://127.0.0.1/a/{n}.html",
                "title": title,
                "published_at": NOW - timedelta(minutes=n),
                "fetched_at": NOW,
                "summary": title,
                "content_html": f"<p>{title}。各村（社区）要落实责任。</p>",
                "content_hash": hashlib.sha256(title.encode()).hexdigest(),
                **db.stamp_columns(),
            }
        )
        if len(rows) == 20_000:
            with db.session() as session:
                session.execute(insert(Item), rows)
            rows = []
    if rows:
        with db.session() as session:
            session.execute(insert(Item), rows)


def bench_round_trip(url: str, store: ServerStore, changes: int, root: Path) -> dict[str, float]:
    name = f"bench-{new_id()[:8]}"
    store.add_user(name)
    token = store.issue_token(name)
    a = open_database(DataPaths(root / "a").ensure())
    b = open_database(DataPaths(root / "b").ensure())
    try:
        fill(a, changes)
        started = time.perf_counter()
        with ServerClient(a, url, token, timeout=120) as client:
            pushed = client.push()
        middle = time.perf_counter()
        with ServerClient(b, url, token, timeout=120) as client:
            pulled = client.pull()
        ended = time.perf_counter()
        with b.engine.connect() as conn:
            arrived = conn.exec_driver_sql("SELECT count(*) FROM items").scalar() or 0
        assert pushed == changes and pulled.received == changes and arrived == changes - 1, (pushed, pulled)
        return {"push_s": middle - started, "pull_s": ended - middle, "total_s": ended - started}
    finally:
        a.close()
        b.close()


async def _client_loop(
    url: str, token: str, deadline: float, max_requests: int, latencies: list[float], tls: ssl.SSLContext
) -> int:
    errors = 0
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=1)
    # One shared TLS context: building one per client costs ~25 ms of this process's CPU, and
    # 200 of them at start-up were being counted as the first requests' latency (~5 s p99).
    async with httpx.AsyncClient(
        base_url=url, headers=headers, timeout=30, trust_env=False, limits=limits, verify=tls
    ) as http:
        cursor = 0
        device = new_id()
        for n in range(max_requests):
            if time.perf_counter() > deadline:
                break
            started = time.perf_counter()
            try:
                if n % 2 == 0:
                    record = {
                        "t": "tags",
                        "id": new_id(),
                        "c": [(int(time.time() * 1000) << 16) + n, device],
                        "v": {"name": f"标签{n}", "color": None, "deleted": 0},
                    }
                    body = {"protocol": 1, "device": device, "session": new_id(), "page": 0, "pages": 1}
                    reply = await http.post("/v1/push", json={**body, "records": [record]})
                else:
                    reply = await http.get("/v1/pull", params={"after": cursor})
                    if reply.status_code == 200:
                        cursor = reply.json()["next"]
                if reply.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(random.uniform(0.05, 0.15))  # a person's device, not a flood
    return errors


def bench_concurrency(url: str, store: ServerStore, clients: int, seconds: float) -> dict[str, float]:
    tokens = []
    for _ in range(max(1, clients // 10)):  # ten devices per user, like a township office
        name = f"load-{new_id()[:8]}"
        store.add_user(name)
        tokens.append(store.issue_token(name))
    latencies: list[float] = []

    tls = ssl.create_default_context()

    async def main() -> int:
        deadline = time.perf_counter() + seconds
        results = await asyncio.gather(
            *(
                _client_loop(url, tokens[n % len(tokens)], deadline, 1000, latencies, tls)
                for n in range(clients)
            )
        )
        return sum(results)

    errors = asyncio.run(main())
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    return {
        "requests": len(latencies),
        "errors": errors,
        "p50_ms": statistics.median(latencies) if latencies else float("nan"),
        "p99_ms": p99,
    }


def run_backend(name: str, url: str, changes: int, clients: int, seconds: float) -> None:
    store = ServerStore(url)
    try:
        with serve(url) as server_url, tempfile.TemporaryDirectory(prefix="cadre-bench-sync-") as tmp:
            trip = bench_round_trip(server_url, store, changes, Path(tmp))
            ok = "OK" if trip["total_s"] <= GOAL_SYNC_SECONDS else "SLOWER THAN GOAL"
            print(
                f"[{name}] {changes:,} changes device→server→device: push {trip['push_s']:.2f} s + "
                f"pull {trip['pull_s']:.2f} s = {trip['total_s']:.2f} s "
                f"(goal ≤ {GOAL_SYNC_SECONDS:.0f} s) {ok}"
            )
            load = bench_concurrency(server_url, store, clients, seconds)
            ok = "OK" if load["p99_ms"] < GOAL_P99_MS and load["errors"] == 0 else "MISSES GOAL"
            print(
                f"[{name}] {clients} clients × {seconds:.0f} s: {load['requests']:,.0f} requests, "
                f"{load['errors']:.0f} errors, p50 {load['p50_ms']:.1f} ms, p99 {load['p99_ms']:.1f} ms "
                f"(goal p99 < {GOAL_P99_MS:.0f} ms, no errors) {ok}"
            )
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="cadre-bench-server-") as tmp:
            run_backend(
                "SQLite", f"sqlite:///{Path(tmp) / 'server.db'}", args.changes, args.clients, args.seconds
            )
    if args.backend in ("postgresql", "both"):
        with temporary_postgres() as url:
            run_backend("PostgreSQL", url, args.changes, args.clients, args.seconds)


if __name__ == "__main__":
    main()
