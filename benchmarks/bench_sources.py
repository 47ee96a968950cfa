"""Refresh 500 loopback feeds × 50 items: cadre_desk (cold, then warm) vs newsboat, same run.

The feeds (mixed sizes, 100 of them GBK declared as gb2312, every one with an ETag or a
Last-Modified) are served by a separate process on 127.0.0.1. cadre_desk runs headless
(``cadre-desk fetch``) into a fresh profile; newsboat runs ``-x reload`` with
``reload-threads 8``. Each measured command runs under a small wrapper that reports its own
peak RSS: the whole process tree's, sampled from ``/proc`` (``benchmarks._tree_rss``); the
``reader`` library is a second peer when installed. Also measures ingest throughput in-process.

    python -m benchmarks.bench_sources [--feeds 500] [--items 50]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sources.samples import rss_feed  # noqa: E402 - after the path fix

_READER_REFRESH = (
    "import sys\n"
    "from reader import make_reader\n"
    "reader = make_reader(sys.argv[1])\n"
    "for url in open(sys.argv[2]).read().split():\n"
    "    reader.add_feed(url, exist_ok=True)\n"
    "reader.update_feeds(workers=8)\n"
    "reader.close()\n"
)


def build_feeds(count: int, items: int) -> dict[str, tuple[bytes, str, dict[str, str]]]:
    feeds: dict[str, tuple[bytes, str, dict[str, str]]] = {}
    for n in range(count):
        gbk = n % 5 == 0  # 100 of 500
        body = rss_feed(
            n,
            items,
            encoding="gbk" if gbk else "utf-8",
            declared="gb2312" if gbk else "utf-8",
            body_repeat=1 + n % 4,
        )
        validators = (
            {"ETag": f'"feed-{n}-v1"'} if n % 5 != 1 else {"Last-Modified": "Mon, 23 Nov 2026 08:00:00 GMT"}
        )
        feeds[f"/feeds/{n}.xml"] = (body, "text/xml" if gbk else "application/rss+xml", validators)
    return feeds


def serve(port_queue: Any, count: int, items: int) -> None:
    feeds = build_feeds(count, items)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: with Nagle's algorithm on, the body's last
        # segment waited for the client's delayed ACK, ~40 ms per response on loopback, which
        # bound every client at (feeds / connections per host) × 40 ms. Web servers send with
        # TCP_NODELAY (nginx's default), so the farm does too.
        disable_nagle_algorithm = True

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            found = feeds.get(self.path)
            if found is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, content_type, validators = found
            etag = validators.get("ETag")
            modified = validators.get("Last-Modified")
            if (etag and self.headers.get("If-None-Match") == etag) or (
                modified and self.headers.get("If-Modified-Since") == modified
            ):
                self.send_response(304)
                for key, value in validators.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            for key, value in validators.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 256

    server = Server(("127.0.0.1", 0), Handler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def measured(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, float, int]:
    """(seconds, peak RSS of the whole process tree in KB, exit code, CPU seconds, largest single
    process's peak RSS in KB) of one command, measured by a wrapper (``benchmarks._tree_rss``)."""
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks._tree_rss", *argv],
        capture_output=True,
        text=True,
        env={**(env or os.environ), "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=False,
    )
    if result.stderr.strip():
        print("   stderr:", result.stderr.strip().splitlines()[-1][:200])
    seconds, rss, code, cpu, largest = result.stdout.split()
    return float(seconds), int(rss), int(code), float(cpu), int(largest)


def opml_for(urls: list[str]) -> bytes:
    outlines = "".join(f'<outline type="rss" text="feed {i}" xmlUrl="{u}"/>' for i, u in enumerate(urls))
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'.encode()


def run_cadre(urls: list[str], work: Path) -> dict[str, Any]:
    profile = work / "cadre-profile"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    opml = work / "feeds.opml"
    opml.write_bytes(opml_for(urls))
    base = [sys.executable, "-m", "cadre_desk", "--data-dir", str(profile)]
    subprocess.run([*base, "opml", "import", str(opml)], check=True, env=env, capture_output=True)
    cold = measured([*base, "fetch", "--quiet"], env)
    warm = measured([*base, "fetch", "--quiet"], env)
    with sqlite3.connect(profile / "cadre_desk.db") as conn:
        stored = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    return {"cold": cold, "warm": warm, "stored": stored}


def run_newsboat(urls: list[str], work: Path) -> dict[str, Any] | None:
    binary = shutil.which("newsboat")
    if binary is None:
        return None
    folder = work / "newsboat"
    folder.mkdir()
    (folder / "urls").write_text("\n".join(urls) + "\n")
    (folder / "config").write_text("reload-threads 8\nmax-items 0\n")
    argv = [
        binary,
        "-x",
        "reload",
        "-u",
        str(folder / "urls"),
        "-c",
        str(folder / "cache.db"),
        "-C",
        str(folder / "config"),
    ]
    env = {**os.environ, "HOME": str(folder)}
    cold = measured(argv, env)
    warm = measured(argv, env)
    with sqlite3.connect(folder / "cache.db") as conn:
        stored = conn.execute("SELECT count(*) FROM rss_item").fetchone()[0]
    return {"cold": cold, "warm": warm, "stored": stored}


def run_reader(urls: list[str], work: Path) -> dict[str, Any] | None:
    """The Python ``reader`` library (feedparser inside, 8 workers) as a second peer."""
    try:
        import reader  # noqa: F401 - only asks whether it is installed
    except ImportError:
        return None
    folder = work / "reader"
    folder.mkdir()
    (folder / "urls").write_text("\n".join(urls) + "\n")
    argv = [sys.executable, "-c", _READER_REFRESH, str(folder / "reader.sqlite"), str(folder / "urls")]
    cold = measured(argv)
    warm = measured(argv)
    with sqlite3.connect(folder / "reader.sqlite") as conn:
        stored = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    return {"cold": cold, "warm": warm, "stored": stored}


def ingest_throughput(count: int, work: Path) -> float:
    """Items per second stored by IngestService (pre-parsed items, fresh profile), the WAL
    checkpoint at the end included."""
    from datetime import UTC, datetime

    from cadre_desk.domain.timestamps import to_ms
    from cadre_desk.platform.paths import DataPaths
    from cadre_desk.platform.secrets import SecretStore
    from cadre_desk.services.settings import Settings
    from cadre_desk.services.sources import NewSource, build_source_services
    from cadre_desk.sources.feed_rows import feed_rows
    from cadre_desk.sources.model import SourceOutcome
    from cadre_desk.storage.database import open_database

    paths = DataPaths(work / "ingest-profile").ensure()
    db = open_database(paths)
    try:
        services = build_source_services(db, Settings(db), SecretStore(paths.root / "secrets.enc"))
        now = datetime.now(UTC)
        parsed = [
            feed_rows(rss_feed(n, 50, body_repeat=2), f"http://127.0.0.1/{n}.xml", {}, to_ms(now))[0]
            for n in range(count)
        ]
        ids = [
            services.sources.add(NewSource(kind="rss", name=f"源{n}", url=f"http://127.0.0.1/{n}.xml")).id
            for n in range(count)
        ]
        outcomes = [
            SourceOutcome(sid, now, ok=True, rows=rows) for sid, rows in zip(ids, parsed, strict=True)
        ]
        total = sum(len(rows) for rows in parsed)
        started = time.perf_counter()
        for start in range(0, len(outcomes), 60):
            services.ingest.store(outcomes[start : start + 60])
        services.ingest.checkpoint()  # as a refresh does at its end: part of the cost
        return total / (time.perf_counter() - started)
    finally:
        db.close()


def _peak(figures: dict[str, Any]) -> int:
    return max(figures["cold"][1], figures["warm"][1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()

    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports, args.feeds, args.items), daemon=True)
    server.start()
    port = ports.get(timeout=60)
    urls = [f"http://127.0.0.1:{port}/feeds/{n}.xml" for n in range(args.feeds)]
    expected = args.feeds * args.items
    print(
        f"{args.feeds} feeds × {args.items} items = {expected} items; "
        f"{args.feeds // 5} GBK feeds declared gb2312"
    )
    try:
        with tempfile.TemporaryDirectory(prefix="bench-sources-") as tmp:
            work = Path(tmp)
            cadre = run_cadre(urls, work)
            newsboat = run_newsboat(urls, work)
            reader = run_reader(urls, work)
            rate = ingest_throughput(min(args.feeds, 500), work)
    finally:
        server.terminate()

    def row(name: str, figures: dict[str, Any]) -> None:
        cold_s, cold_rss, cold_code, cold_cpu, _ = figures["cold"]
        warm_s, warm_rss, _, warm_cpu, _ = figures["warm"]
        print(
            f"{name:<12} cold {cold_s:6.2f} s   warm {warm_s:6.2f} s   "
            f"stored {figures['stored']:>6}/{expected}"
            f"   CPU {cold_cpu:5.1f}/{warm_cpu:4.1f} s"
            f"   peak RSS cold {cold_rss / 1024:5.1f} MB, warm {warm_rss / 1024:5.1f} MB   (exit {cold_code})"
        )

    row("cadre_desk", cadre)
    if newsboat is None:
        print("newsboat     not installed (apt-get install newsboat): no comparison")
    else:
        row("newsboat", newsboat)
        print(
            f"ratios       cold speed-up {newsboat['cold'][0] / cadre['cold'][0]:.2f}× (goal ≥ 2.5×), "
            f"warm speed-up {newsboat['warm'][0] / cadre['warm'][0]:.2f}× (goal ≥ 1×), "
            f"peak RSS {_peak(cadre) / _peak(newsboat):.2f}× "
            "of newsboat (goal ≤ 1.5×)"
        )
    if reader is None:
        print("reader       not installed (pip install reader): no comparison")
    else:
        row("reader", reader)
    print("(peak RSS: the whole process tree, parse workers included)")
    print(f"ingest       {rate:,.0f} items/s stored (goal ≥ 30,000)")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.json:
        figures = {"cadre_desk": cadre, "newsboat": newsboat, "reader": reader, "ingest_items_per_s": rate}
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
