"""Small builders for test data (real rows in the real database)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from cadre_desk.domain.ids import new_id
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Source

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def add_source(
    db: Database,
    name: str = "清河县人民政府",
    *,
    category: str = "gov_service",
    level: str = "county",
    platform: str = "wechat_account",
    kind: str = "rss",
) -> str:
    source = Source(
        kind=kind,
        name=name,
        platform=platform,
        level=level,
        category=category,
        created_at=NOW,
        url=f"http://127.0.0.1/{new_id()}.xml",
    )
    with db.session() as session:
        session.add(source)
    return source.id


def add_items(
    db: Database, source_id: str, count: int, *, start: datetime = NOW, read_every: int = 0
) -> list[str]:
    ids = []
    rows = []
    for n in range(count):
        item_id = new_id()
        ids.append(item_id)
        title = f"关于做好第{n + 1}批森林防火工作的通知"
        rows.append(
            {
                "id": item_id,
                "source_id": source_id,
                "guid": f"guid-{item_id}",
                "url": f"http://127.0.0.1/a/{item_id}.html",
                "title": title,
                "published_at": start - timedelta(minutes=7 * n),
                "fetched_at": start,
                "summary": title,
                "content_html": f"<p>{title}。各村（社区）要落实责任。</p>",
                "content_hash": hashlib.sha256(title.encode()).hexdigest(),
                "is_read": bool(read_every and n % read_every == 0),
                **db.stamp_columns(),
            }
        )
    with db.session() as session:
        session.execute(insert(Item), rows)
    return ids
