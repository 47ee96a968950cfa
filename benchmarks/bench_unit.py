"""The unit's view at scale, on PostgreSQL (issue 19): load reports, then time dashboard pages.

    python -m benchmarks.bench_unit                      # 500 reporters × 12 months × 150 accounts
    python -m benchmarks.bench_unit --reporters 5000     # the issue's size (long load)
    python -m benchmarks.bench_unit --backend sqlite --reporters 100

Goal (issue 19): 5,000 reporters × 12 months × 150 accounts load; every dashboard page answers in
≤ 200 ms p95. The pages read only the totals tables, whose size is accounts × months (not
reporters), so their latency is measured after the load at whatever reporter count was given.
Each cadre follows 150 of a pool of accounts (popular ones more often), so totals overlap.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from benchmarks._postgres import free_port, temporary_postgres
from cadre_desk.server.app import create_app
from cadre_desk.server.store import ServerStore
from cadre_desk.server.unit.store import UnitStore

KINDS = ("zombie", "repost", "duplicate_account", "overlap", "low_value")
LEVELS = ("province", "city", "county", "township", "village")


def synthetic_report(rng: random.Random, months: list[str], accounts: int, pool: int) -> dict[str, Any]:
    followed = set()
    while len(followed) < min(accounts, pool):
        followed.add(min(int(rng.paretovariate(0.6)) - 1, pool - 1))  # popular accounts first
    keys = {i: f"wechat:MzA{i:07d}" for i in followed}
    return {
        "format": 1,
        "accounts": {keys[i]: {"name": f"示范账号{i}", "level": LEVELS[i % 5]} for i in followed},
        "months": {
            month: [
                {
                    "account": keys[i],
                    "minutes": round(rng.expovariate(1 / 20), 1),
                    "operations": {"read": rng.randint(0, 30)},
                }
                for i in sorted(followed)
            ]
            for month in months
        },
        "burden": {
            keys[i]: [{"categories": ["forced_use"], "operation": "study_checkin", "expected_minutes": 5}]
            for i in followed
            if i % 7 == 0
        },
        "findings": {
            keys[i]: [
                {
                    "kind": KINDS[i % 5],
                    "related": keys.get(i + 1),
                    "score": 0.8,
                    "minutes_saved_per_month": 10,
                }
            ]
            for i in followed
            if i % 4 == 0 and rng.random() < 0.7
        },
    }


@contextlib.contextmanager
def database(backend: str) -> Iterator[str]:
    if backend == "postgresql":
        with temporary_postgres() as url:
            yield url
    else:
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'server.db'}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(backend: str, reporters: int, months_count: int, accounts: int, pool: int, requests: int) -> None:
    months = [f"2026-{m:02d}" for m in range(1, months_count + 1)]
    with database(backend) as url:
        store = ServerStore(url)
        unit = UnitStore(store.engine)
        rng = random.Random(19)
        started = time.perf_counter()
        batch = 100
        for first in range(0, reporters, batch):
            unit.bulk_load(
                (f"cadre{i}", synthetic_report(rng, months, accounts, pool))
                for i in range(first, min(reporters, first + batch))
            )
        load_s = time.perf_counter() - started
        arrivals = []
        for index in range(20):  # one report arriving (replacing an earlier one): staged for a batch
            body = synthetic_report(rng, months, accounts, pool)
            t0 = time.perf_counter()
            unit.replace_report(f"cadre{index}", body)
            arrivals.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assert unit.publish()  # the batch of those 20 reports reaches the totals (an epoch boundary)
        publish_s = time.perf_counter() - t0
        with store.engine.connect() as conn:
            cells = conn.exec_driver_sql("SELECT count(*) FROM srv_unit_month_totals").scalar()
        store.add_user("bench-coordinator")
        unit.set_coordinator("bench-coordinator")
        token = store.issue_token("bench-coordinator")
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(store), host="127.0.0.1", port=port, log_level="warning", lifespan="off"
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.02)
        pages = {
            "accounts (ranking)": f"/unit/?month={months[-1]}",
            "accounts, level filter": f"/unit/?month={months[-1]}&level=county",
            "account trend": "/unit/account?key=wechat:MzA0000003",
            "consensus findings": "/unit/findings",
            "burden by level": "/unit/burden",
            "consolidation xlsx": "/unit/report.xlsx",
            "consolidation pdf": "/unit/report.pdf",
        }
        print(
            f"backend {backend}: {reporters} reporters × {months_count} months × {accounts} accounts"
            f" (pool {pool})"
        )
        print(
            f"  load: {load_s:.1f} s ({reporters / load_s:.0f} reporters/s);"
            f" totals cells month×account: {cells}"
        )
        print(
            f"  one report arriving (incremental update): median {statistics.median(arrivals) * 1000:.0f} ms,"
            f" max {max(arrivals) * 1000:.0f} ms; publishing their batch: {publish_s * 1000:.0f} ms"
        )
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}
        ) as http:
            for name, path in pages.items():
                t0 = time.perf_counter()
                http.get(path).raise_for_status()  # the first request builds a report (then cached)
                first_ms = (time.perf_counter() - t0) * 1000
                timings = []
                for _ in range(requests):
                    t0 = time.perf_counter()
                    reply = http.get(path)
                    timings.append(time.perf_counter() - t0)
                    assert reply.status_code == 200, (path, reply.status_code)
                p95 = percentile(timings, 0.95) * 1000
                verdict = "ok" if p95 <= 200 else "OVER 200 ms"
                print(
                    f"  {name:24s} p50 {statistics.median(timings) * 1000:6.1f} ms"
                    f"  p95 {p95:6.1f} ms  {verdict}  (first request {first_ms:.0f} ms)"
                )
        server.should_exit = True
        thread.join(10)
        store.close()
    print(f"  load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--reporters", type=int, default=500)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--accounts", type=int, default=150)
    parser.add_argument("--pool", type=int, default=400, help="distinct accounts in the unit")
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    args = parser.parse_args()
    run(args.backend, args.reporters, args.months, args.accounts, args.pool, args.requests)


if __name__ == "__main__":
    main()
