"""A deterministic township cadre's year of operations, for report tests and the benchmark.

Written with bulk Core inserts (stamped like any bulk writer must be). Includes what makes
reports hard: corrections (chains and a concurrent fork), operations without a source, events
late in the evening and on holidays, items, tasks on time/late/open, image evidence files.
"""

from __future__ import annotations

import hashlib
import random
import struct
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from cadre_desk.domain.ids import stable_id
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Attachment, Item, OperationLog, Requirement, Source, Task

SOURCES = [
    # name, platform, level, category, required_by
    ("青山县融媒体中心", "wechat_account", "county", "news", "县委宣传部"),
    ("青山县人民政府", "portal", "county", "notice", None),
    ("学习强国", "study_platform", "central", "party_study", "县委组织部"),
    ("青山镇党建", "wechat_account", "township", "party_study", "镇党委"),
    ("青山镇政务服务", "wechat_miniprogram", "township", "gov_service", None),
    ("平安青山App", "app", "county", "gov_service", "县委政法委"),
    ("青山县应急管理", "wechat_account", "county", "notice", "县应急管理局"),
    ("河东村工作群", "work_group", "village", "work_group", None),
    ("青山镇防溺水打卡", "app", "township", "other", "县教育局"),
    ("市融媒体“云上”客户端", "app", "city", "news", "市委宣传部"),
    ("青山县12345", "wechat_account", "county", "livelihood", None),
    ("河西村村务公开", "wechat_account", "village", "notice", None),
]

REQUIREMENTS = [
    # title, source index, kind, imposed_by, basis, confirmed, suggested, dismissed, expected minutes
    ("每日转发县融媒体文章", 0, "forward", "县委宣传部", "青宣〔2026〕12号", ["forced_use"], [], [], 5),
    (
        "学习强国每日积分不低于30分",
        2,
        "study_checkin",
        "县委组织部",
        "青组通〔2026〕3号",
        ["ranking_abuse"],
        ["forced_use"],
        [],
        30,
    ),
    (
        "平安青山App每日登录签到截图",
        5,
        "screenshot",
        "县委政法委",
        None,
        ["excessive_evidence", "forced_use"],
        [],
        [],
        8,
    ),
    (
        "防溺水安全教育平台填报",
        8,
        "report",
        "县教育局",
        "青教办〔2026〕41号",
        [],
        ["multiple_reporting"],
        [],
        20,
    ),
    (
        "市客户端下载安装并注册",
        9,
        "install_login",
        "市委宣传部",
        None,
        [],
        ["forced_use"],
        ["forced_use"],
        15,
    ),
    ("工作群接龙回复", 7, "group_reply", None, None, [], [], [], 2),
    ("应急信息转发并截图", 6, "forward", "县应急管理局", None, [], ["excessive_evidence"], [], 6),
]

KINDS = ["read", "forward", "like", "comment", "study_checkin", "quiz", "report", "screenshot", "group_reply"]


@dataclass
class World:
    source_ids: list[str]
    requirement_ids: list[str]
    log_ids: list[str] = field(default_factory=list)
    corrections: int = 0


def _png(path: Path, color: tuple[int, int, int]) -> bytes:
    """A small real PNG (40×24, one colour) without needing an image library."""
    width, height = 40, 24
    raw = b"".join(b"\x00" + bytes(color) * width for _ in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return png


def populate(
    db: Database,
    *,
    start: datetime,
    days: int,
    events: int,
    seed: int = 7,
    items: int = 2000,
    tasks: int = 300,
    attachments_dir: Path | None = None,
) -> World:
    rng = random.Random(seed)
    created = datetime(2025, 1, 1, tzinfo=UTC)
    start_ms = int(start.timestamp() * 1000)
    span_ms = days * 86_400_000
    world = World(
        [stable_id("source", name) for name, *_ in SOURCES], [stable_id("req", r[0]) for r in REQUIREMENTS]
    )
    with db.engine.begin() as conn:
        conn.execute(
            insert(Source),
            [
                dict(
                    id=world.source_ids[i],
                    kind="manual",
                    name=name,
                    platform=platform,
                    level=level,
                    category=category,
                    required_by=required_by,
                    mandatory=required_by is not None,
                    config={},
                    created_at=created,
                    **db.stamp_columns(),
                )
                for i, (name, platform, level, category, required_by) in enumerate(SOURCES)
            ],
        )
        conn.execute(
            insert(Requirement),
            [
                dict(
                    id=world.requirement_ids[i],
                    source_id=world.source_ids[r[1]],
                    title=r[0],
                    operation_kind=r[2],
                    imposed_by=r[3],
                    basis=r[4],
                    confirmed_flags=r[5],
                    suggested_flags=r[6],
                    dismissed_flags=r[7],
                    expected_minutes=r[8],
                    **db.stamp_columns(),
                )
                for i, r in enumerate(REQUIREMENTS)
            ],
        )
        logs = []
        for index in range(events):
            choice = rng.random()
            if choice < 0.55:
                r = rng.randrange(len(REQUIREMENTS))
                source_id: str | None = world.source_ids[REQUIREMENTS[r][1]]
                requirement_id: str | None = world.requirement_ids[r]
                kind = REQUIREMENTS[r][2]
            elif choice < 0.95:
                source_id, requirement_id, kind = rng.choice(world.source_ids), None, rng.choice(KINDS)
            else:
                source_id, requirement_id, kind = None, None, rng.choice(KINDS)
            log_id = f"{index:032x}"
            world.log_ids.append(log_id)
            logs.append(
                dict(
                    id=log_id,
                    operation_kind=kind,
                    performed_at=start_ms + rng.randrange(span_ms),
                    minutes=rng.choice([0.5, 1, 2, 3, 5, 8, 12.5, 20, 30]),
                    is_checkin=kind == "study_checkin",
                    source_id=source_id,
                    requirement_id=requirement_id,
                    task_id=None,
                    item_id=None,
                    note=f"第{index}次记录" if index % 9 == 0 else None,
                    supersedes_id=None,
                    recorded_at=created,
                    updated_at_hlc=1_000_000 + index,
                    device_id="a" * 32,
                )
            )
        # Corrections: 2 % of events corrected once, some twice (a chain), one concurrent fork.
        corrections = []
        hlc = 10_000_000
        for index in rng.sample(range(events), max(events // 50, 3)):
            original = logs[index]
            previous = original["id"]
            for step in range(1 + (index % 5 == 0)):
                hlc += 1
                fixed = dict(
                    original,
                    id=f"c{step}{index:030x}",
                    supersedes_id=previous,
                    minutes=original["minutes"] + 10 * (step + 1),
                    performed_at=original["performed_at"] + rng.randrange(-3, 3) * 86_400_000,
                    updated_at_hlc=hlc,
                    device_id="b" * 32,
                )
                corrections.append(fixed)
                previous = fixed["id"]
        fork_target = logs[1]["id"]
        corrections.append(
            dict(
                logs[1],
                id="f0" + "1" * 30,
                supersedes_id=fork_target,
                minutes=111,
                updated_at_hlc=hlc + 5,
                device_id="c" * 32,
            )
        )
        corrections.append(
            dict(
                logs[1],
                id="f1" + "1" * 30,
                supersedes_id=fork_target,
                minutes=222,
                updated_at_hlc=hlc + 5,
                device_id="d" * 32,
            )
        )  # same HLC: device id decides
        world.corrections = len(corrections)
        for chunk in range(0, len(logs), 20_000):
            conn.execute(insert(OperationLog), logs[chunk : chunk + 20_000])
        conn.execute(insert(OperationLog), corrections)
        conn.execute(
            insert(Item),
            [
                dict(
                    id=f"{i:032x}",
                    source_id=world.source_ids[i % len(SOURCES)],
                    guid=str(i),
                    title=f"通知{i}",
                    published_at=start_ms + rng.randrange(span_ms),
                    fetched_at=created,
                    is_read=rng.random() < 0.6,
                    **db.stamp_columns(),
                )
                for i in range(items)
            ],
        )
        task_rows = []
        for i in range(tasks):
            due = start_ms + rng.randrange(span_ms)
            status = rng.choice(["done", "done", "done", "open", "cancelled"])
            completed = due + rng.randrange(-86_400_000, 43_200_000) if status == "done" else None
            task_rows.append(
                dict(
                    id=f"{i:032x}",
                    title=f"任务{i}",
                    origin="manual",
                    due_at=due,
                    status=status,
                    completed_at=completed,
                    source_id=world.source_ids[i % len(SOURCES)],
                    created_at=created,
                    **db.stamp_columns(),
                )
            )
        conn.execute(insert(Task), task_rows)
        if attachments_dir is not None:
            attachment_rows = []
            flagged = {world.requirement_ids[i] for i in (0, 2, 6)}
            for log in logs:
                if log["requirement_id"] in flagged and len(attachment_rows) < 30:
                    data = _png(attachments_dir, (len(attachment_rows) * 8 % 255, 120, 200))
                    sha = hashlib.sha256(data + log["id"].encode()).hexdigest()
                    folder = attachments_dir / sha[:2]
                    folder.mkdir(parents=True, exist_ok=True)
                    (folder / sha).write_bytes(data)
                    attachment_rows.append(
                        dict(
                            operation_log_id=log["id"],
                            sha256=sha,
                            filename=f"截图{len(attachment_rows) + 1}.png",
                            mime_type="image/png",
                            size_bytes=len(data),
                            created_at=created,
                            **db.stamp_columns(),
                        )
                    )
            if attachment_rows:
                conn.execute(insert(Attachment), attachment_rows)
    return world
