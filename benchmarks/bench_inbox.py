"""Inbox and search at scale.

    python -m benchmarks.bench_inbox                 # 200,000 demo items (a few minutes)
    python -m benchmarks.bench_inbox --items 1000000 # the issue's profile
    python -m benchmarks.bench_inbox --profile DIR   # reuse a profile built earlier

Prints: item write rate with the index queue triggers, index build rate, first inbox page,
search p50/p95 for 1-, 2- and 4-character queries against a full ``LIKE '%q%'`` scan in the
same run, and from the real main window (separate process): build time, first page painted
after ``show()``, the longest GUI-thread stall while scrolling 20 pages, and peak RSS.

The shared 1M profile: ``--profile benchmarks/out/demo-1000000-20261123`` (see profiles.py).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.inbox import InboxFilter, InboxService
from cadre_desk.services.search import SearchService
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.models import Item, Source

WORDS_TEXT = (
    "通知 公告 关于 开展 乡村振兴 工作 会议 学习 贯彻 落实 党建 疫情防控 安全生产 检查 填报 统计 数据 社保 "
    "医保 缴费 低保 补贴 发放 村民 代表大会 选举 文明创建 环境整治 垃圾分类 防汛抗旱 森林防火 宣传教育 活动 "
    "培训 报名 截止日期 县委 乡镇 街道 社区 网格化 治理 基层 减负 督查 考核 表彰 先进典型 经验交流 座谈"
)
WORDS = WORDS_TEXT.split()
CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
)
QUERIES = {
    1: ["村", "防", "填", "镇"],
    2: ["填报", "村民", "督查", "补贴"],
    4: ["乡村振兴", "森林防火", "防汛抗旱", "代表大会"],
}


LIKE_SCAN = text(
    "SELECT id FROM items WHERE NOT deleted AND (title LIKE :p OR content_html LIKE :p "
    "OR author LIKE :p) ORDER BY published_at DESC"
)


def _text(rng: random.Random, length: int) -> str:
    out: list[str] = []
    size = 0
    while size < length:
        piece = rng.choice(WORDS) if rng.random() < 0.45 else rng.choice(CHARS)
        out.append(piece)
        size += len(piece)
    return "".join(out)


def synthetic_profile(db: Database, items: int, seed: int = 7) -> float:
    """Core bulk inserts of realistic-length Chinese items; returns items/s."""
    rng = random.Random(seed)
    levels = ["province", "city", "county", "township", "village"]
    sources = []
    with db.session() as session:
        for n in range(60):
            source = Source(
                kind="rss",
                name=f"{rng.choice(['清河县', '城关镇', '东风村', '市', '省'])}{_text(rng, 4)}{n}",
                platform="wechat_account",
                level=levels[n % 5],
                category="notice",
                created_at=datetime.now(UTC),
            )
            session.add(source)
            sources.append(source)
    source_ids = [s.id for s in sources]
    start = datetime(2026, 11, 20, tzinfo=UTC)
    began = time.perf_counter()
    batch = 5000
    for offset in range(0, items, batch):
        rows = []
        for n in range(offset, min(items, offset + batch)):
            title = _text(rng, rng.randint(12, 28))
            body = _text(rng, rng.randint(80, 300))
            item_id = new_id()
            rows.append(
                {
                    "id": item_id,
                    "source_id": rng.choice(source_ids),
                    "guid": item_id,
                    "title": title,
                    "published_at": start - timedelta(minutes=items - n),
                    "fetched_at": start,
                    "summary": body[:120],
                    "content_html": f"<p>{body}</p>",
                    "content_hash": hashlib.sha256(body.encode()).hexdigest(),
                    "is_read": rng.random() < 0.7,
                    **db.stamp_columns(),
                }
            )
        with db.session() as session:
            session.execute(insert(Item), rows)
    return items / (time.perf_counter() - began)


def _ms(fn: object) -> float:
    began = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - began) * 1000


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)] if len(values) > 1 else values[0]


def bench_search(db: Database, rounds: int) -> None:
    service = SearchService(db)
    print("search (p50 / p95 ms, full LIKE scan ms, ratio):")
    for length, queries in QUERIES.items():
        times: list[float] = []
        for _ in range(rounds):
            for q in queries:
                times.append(_ms(lambda q=q: service.search(q, catch_up=False)))
        like_times = []
        with db.engine.connect() as conn:
            for q in queries[:2]:
                like_times.append(_ms(lambda q=q: conn.execute(LIKE_SCAN, {"p": f"%{q}%"}).all()))
        like = statistics.mean(like_times)
        p95 = _p95(times)
        print(
            f"  {length} char: p50 {statistics.median(times):7.1f}  p95 {p95:7.1f}  "
            f"LIKE {like:8.1f}  ratio {like / p95:6.0f}x"
        )


def bench_first_page(db: Database) -> None:
    service = InboxService(db)
    times = [_ms(lambda: service.page(InboxFilter())) for _ in range(5)]
    unread = [_ms(lambda: service.page(InboxFilter(unread_only=True))) for _ in range(5)]
    print(f"first inbox page (200 rows): {min(times):.1f} ms (unread only: {min(unread):.1f} ms)")


def gui_rss(profile: Path) -> None:
    """Open the main window on the profile in a child process and report its peak RSS."""
    code = (
        "import sys, resource, os\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "from pathlib import Path\n"
        "from benchmarks._gui_probe import probe\n"
        "probe(Path(sys.argv[1]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(profile)], capture_output=True, text=True)
    print(done.stdout.strip() or done.stderr.strip()[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-gui", action="store_true")
    parser.add_argument("--synthetic", action="store_true", help="random items instead of the demo generator")
    args = parser.parse_args()
    root = args.profile or Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    paths = DataPaths(root).ensure()
    fresh = not paths.database.exists()
    db = open_database(paths)
    try:
        if fresh:
            began = time.perf_counter()
            if args.synthetic:
                synthetic_profile(db, args.items)
                made = "synthetic"
            else:
                from cadre_desk.demo import generate_demo

                generate_demo(db, items=args.items)
                made = "demo generator"
            written = time.perf_counter() - began
            with db.engine.connect() as conn:
                total = conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one()
            print(
                f"items written ({made}, with the index-queue triggers): {total / written:,.0f} items/s "
                f"({total:,} items, {written:.1f} s)"
            )
            began = time.perf_counter()
            stats = SearchService(db).index_pending()
            seconds = time.perf_counter() - began
            print(f"write + index together: {total / (written + seconds):,.0f} items/s")
            print(
                f"index built: {stats.indexed / seconds:,.0f} items/s "
                f"({stats.indexed:,} items, {seconds:.1f} s)"
            )
            with db.engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
                conn.exec_driver_sql("ANALYZE")
        else:
            # A reused profile may hold items the index has not caught up with (the GUI indexes
            # in the background): search the whole profile, as the app does after catching up.
            service = SearchService(db)
            waiting = service.pending()
            if waiting:
                began = time.perf_counter()
                stats = service.index_pending()
                print(
                    f"index caught up on the reused profile: {stats.indexed:,} items "
                    f"in {time.perf_counter() - began:.1f} s"
                )
        with db.engine.connect() as conn:
            count = conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one()
        print(f"profile: {root} ({count:,} items, {paths.database.stat().st_size / 1e6:,.0f} MB)")
        bench_first_page(db)
        bench_search(db, args.rounds)
    finally:
        db.close()
    if not args.no_gui:
        gui_rss(root)
    print(f"benchmark process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
