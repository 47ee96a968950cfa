"""``generate_demo``: a deterministic township cadre's profile, from 5,000 to 1,000,000 items."""

from __future__ import annotations

import dataclasses
import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, func, insert, select

from cadre_desk.demo import items as demo_items
from cadre_desk.demo.catalogue import FOLDERS, SourceSpec
from cadre_desk.demo.items import COMMIT_EVERY, RepostLink, insert_items
from cadre_desk.demo.producer import ItemsJob, ItemsProducer, use_child_process
from cadre_desk.demo.work import REQUIREMENTS, build_work
from cadre_desk.demo.world import SOURCES
from cadre_desk.demo.writer import ChunkWriter
from cadre_desk.domain.enums import SourceKind
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.ids import stable_id
from cadre_desk.storage.bulk_write import defer_plain_indexes, restore_deferred_indexes
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Folder, OperationLog, Requirement, Source, SourceFetchState, Task

log = logging.getLogger(__name__)

DEFAULT_SEED = 20261123
# From this many items the items table's plain indexes are dropped for the run and built once at
# its end (storage.bulk_write.defer_plain_indexes): 200k items, writer CPU ~7.5 -> ~5.5 s.
DEFER_INDEXES_MIN_ITEMS = 20_000
GENERATOR_VERSION = 2  # bump when the generated data changes shape (invalidates benchmark caches)
MANIFEST_FILE = "demo-manifest.json"
MANIFEST_FORMAT = 1
DEMO_SOURCE = "demo"  # Source.config key the refresh service skips (services.refresh.DEMO_SOURCE)
FETCHED_KINDS = (SourceKind.RSS.value, SourceKind.WEBPAGE.value, SourceKind.IMAP.value)


class DemoError(CadreError):
    next_step = "换一个空的数据文件夹（--data-dir），或换一个随机种子（--seed）。"


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    now: datetime
    days: int
    folders: int
    sources: int
    items: int
    reposts: int  # items republished by another unit's account
    mirrors: int  # items pushed again by a duplicate account of the same unit
    requirements: int
    tasks: int
    operation_logs: int
    zombies: tuple[str, ...]  # names of accounts silent for weeks
    duplicate_accounts: tuple[tuple[str, str], ...]  # (duplicate, primary) names
    seconds: float
    writer_cpu_seconds: float  # CPU of the SQLite writer thread (the rest runs beside it)
    manifest: Path | None
    repost_truth: dict[str, RepostLink] = field(repr=False, default_factory=dict)

    @property
    def items_per_second(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        """The summary for people (CLI, logs)."""
        return [
            f"随机种子：{self.seed}　截止时间：{self.now:%Y-%m-%d %H:%M} UTC　覆盖天数：{self.days}",
            f"文件夹 {self.folders} 个，信息源 {self.sources} 个，条目 {self.items} 条"
            f"（其中转载 {self.reposts} 条、重复账号同步推送 {self.mirrors} 条）",
            f"僵尸账号 {len(self.zombies)} 个：{'、'.join(self.zombies)}",
            "重复账号：" + "；".join(f"{dup} ↔ {primary}" for dup, primary in self.duplicate_accounts),
            f"上级要求 {self.requirements} 项，待办 {self.tasks} 条，操作记录 {self.operation_logs} 条",
            f"用时 {self.seconds:.2f} 秒（{self.items_per_second:,.0f} 条/秒）",
        ]


def default_now() -> datetime:
    """Today at 00:00 UTC: a demo made today looks current and is the same all day."""
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def demo_source_id(seed: int, key: str) -> str:
    return stable_id("demo", str(seed), "source", key)


def generate_demo(
    db: Database,
    *,
    items: int = 5000,
    days: int = 90,
    seed: int = DEFAULT_SEED,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    child_process: bool | None = None,
) -> DemoSummary:
    """Fill ``db`` with a realistic township cadre's world; deterministic for (seed, now).

    ``child_process``: generate the items in a child process (default: for large runs,
    ``demo.producer.use_child_process``); the profile is the same either way.

    Raises ``DemoError`` if this profile already holds a demo made with the same seed.
    """
    if items < 0 or days < 1:
        raise DemoError(f"条目数须 ≥ 0、天数须 ≥ 1（收到 items={items}, days={days}）")
    if now is not None and now.tzinfo is None:
        raise DemoError("截止时间须带时区（例如 UTC），否则会差八小时。")
    now = default_now() if now is None else now.astimezone(UTC)
    started = time.perf_counter()
    rng = random.Random(seed)
    specs: tuple[SourceSpec, ...] = SOURCES
    folder_ids = {f.key: stable_id("demo", str(seed), "folder", f.key) for f in FOLDERS}
    source_ids = {spec.key: demo_source_id(seed, spec.key) for spec in specs}

    with db.session() as session:
        if session.get(Source, source_ids[specs[0].key]) is not None:
            raise DemoError(f"这个数据文件夹里已经有随机种子 {seed} 生成的演示数据。")

    folders = [_folder_row(db, f, folder_ids[f.key]) for f in FOLDERS]
    sources = [_source_row(db, spec, source_ids[spec.key], folder_ids[spec.folder], now) for spec in specs]

    fetch_states = [
        # The demo's items stand for what a fetch at ``now`` delivered: healthy, never fetched again.
        {"source_id": row["id"], "last_attempt_at": now, "last_success_at": now, "consecutive_errors": 0}
        for row in sources
        if row["kind"] in FETCHED_KINDS
    ]

    def write_catalogue(conn: Connection) -> int:
        conn.execute(insert(Folder), folders)
        conn.execute(insert(Source), sources)
        if fetch_states:
            conn.execute(insert(SourceFetchState), fetch_states)
        if items >= DEFER_INDEXES_MIN_ITEMS:
            stored = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM items").scalar_one()
            if items >= stored:  # a new profile, or more than it holds: one sort beats B-tree inserts
                defer_plain_indexes(conn, "items")
        return 0

    track = {spec.source for spec in REQUIREMENTS if spec.rrule is None and spec.source}
    job = ItemsJob(
        rng.getstate(), specs, source_ids, frozenset(track), items, days, now, items > demo_items.LARGE_RUN,
        db.device_id, db.clock.last,
    )  # fmt: skip
    in_child = use_child_process(items) if child_process is None else child_process
    producer = ItemsProducer(job, rng, db.clock, in_child=in_child)
    # About 0.4 KB of page cache per item, up to 512 MB, only while generating.
    writer = ChunkWriter(
        db.engine.connect, COMMIT_EVERY, cache_kib=min(512 * 1024, max(32_000, items * 2 // 5))
    )
    try:
        writer.put(write_catalogue)
        for rows in producer.chunks():
            writer.put(insert_items(rows))
            if progress is not None:
                progress(writer.written, items)
        outcome = producer.finish()
        work = build_work(rng, seed, now, days, source_ids, outcome.tracked)

        def write_work(conn: Connection) -> int:
            models: tuple[type[Requirement | Task | OperationLog], ...] = (Requirement, Task, OperationLog)
            for model, rows in zip(models, (work.requirements, work.tasks, work.logs), strict=True):
                if rows:
                    stamped = [{**row, **db.stamp_columns(), "deleted": False} for row in rows]
                    conn.execute(insert(model), stamped)
            restore_deferred_indexes(conn)
            return 0

        writer.put(write_work)
    except BaseException:
        producer.close()
        writer.abort()
        _restore_indexes_after_failure(db)
        raise
    writer.close()
    if progress is not None:
        progress(outcome.written, items)

    zombies = tuple(spec.name for spec in specs if spec.silent_days)
    duplicates = tuple(
        (spec.name, next(s.name for s in specs if s.key == spec.duplicate_of))
        for spec in specs
        if spec.duplicate_of
    )
    seconds = time.perf_counter() - started
    summary = DemoSummary(
        seed=seed,
        now=now,
        days=days,
        folders=len(FOLDERS),
        sources=len(specs),
        items=outcome.written,
        reposts=outcome.reposts,
        mirrors=outcome.mirrors,
        requirements=len(work.requirements),
        tasks=len(work.tasks),
        operation_logs=len(work.logs),
        zombies=zombies,
        duplicate_accounts=duplicates,
        seconds=seconds,
        writer_cpu_seconds=writer.cpu_seconds,
        manifest=None,
        repost_truth=outcome.truth,
    )
    manifest = _write_manifest(db, summary)
    return dataclasses.replace(summary, manifest=manifest)


def _restore_indexes_after_failure(db: Database) -> None:
    """Build the items indexes a failed run dropped, for this process's further use of the
    profile (opening the file would do it too)."""
    try:
        with db.engine.begin() as conn:
            restore_deferred_indexes(conn)
    except Exception:
        log.exception("demo: indexes of the failed run not built again; the next start builds them")


def _folder_row(db: Database, folder: object, folder_id: str) -> dict[str, object]:
    from cadre_desk.demo.catalogue import FolderSpec

    assert isinstance(folder, FolderSpec)
    return {"id": folder_id, "name": folder.name, "parent_id": None, "position": folder.position,
            "deleted": False, **db.stamp_columns()}  # fmt: skip


def _source_row(
    db: Database, spec: SourceSpec, source_id: str, folder_id: str, now: datetime
) -> dict[str, object]:
    return {
        "id": source_id,
        "kind": spec.kind.value,
        "name": spec.name,
        "url": spec.url,
        "platform": spec.platform.value,
        "owner_unit": spec.owner_unit,
        "level": spec.level.value,
        "category": spec.category.value,
        "mandatory": spec.mandatory,
        "required_by": spec.required_by,
        "folder_id": folder_id,
        "fetch_interval_minutes": spec.fetch_interval_minutes,
        "config": {**spec.config, DEMO_SOURCE: True},  # made-up hosts: never fetched
        "subscribed": True,
        "keep_reason": None,
        "merged_into_id": None,
        "notes": spec.notes,
        "created_at": now.replace(year=now.year - 1),
        "deleted": False,
        **db.stamp_columns(),
    }


# --------------------------------------------------------------------------- ground truth


def manifest_path(db: Database) -> Path:
    return db.path.parent / MANIFEST_FILE


def _write_manifest(db: Database, summary: DemoSummary) -> Path:
    """Parameters and repost ground truth next to the database, for evaluations (issue 7)."""
    path = manifest_path(db)
    payload = {
        "format": MANIFEST_FORMAT,
        "seed": summary.seed,
        "now": summary.now.isoformat(),
        "days": summary.days,
        "items": summary.items,
        "zombies": [
            {
                "source_id": demo_source_id(summary.seed, spec.key),
                "name": spec.name,
                "silent_days": spec.silent_days,
            }
            for spec in SOURCES
            if spec.silent_days
        ],
        "duplicate_accounts": [
            {
                "source_id": demo_source_id(summary.seed, spec.key),
                "primary_id": demo_source_id(summary.seed, primary),
            }
            for spec in SOURCES
            if (primary := spec.duplicate_of)
        ],
        "reposts": [
            [link.repost_id, link.original_id, link.parent_id, link.kind, list(link.edits)]
            for link in summary.repost_truth.values()
        ],
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    return path


def demo_repost_truth(db: Database) -> dict[str, RepostLink]:
    """Which item republishes which, as generated: repost id -> link (original, parent, kind)."""
    path = manifest_path(db)
    if not path.exists():
        raise DemoError(f"找不到演示数据的真值文件：{path}")
    payload = json.loads(path.read_text(encoding="utf-8"))
    links = (RepostLink(r[0], r[1], r[2], r[3], tuple(r[4])) for r in payload["reposts"])
    return {link.repost_id: link for link in links}


def profile_has_sources(db: Database) -> bool:
    with db.session() as session:
        return bool(session.scalar(select(func.count()).select_from(Source).where(Source.deleted.is_(False))))
