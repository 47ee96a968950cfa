"""Fixtures for the analysis tests: sources and items written as real rows."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert

from cadre_desk.domain.ids import new_id
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Source

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def make_source(
    db: Database,
    name: str,
    *,
    level: str = "county",
    platform: str = "wechat_account",
    category: str = "news",
    owner_unit: str | None = None,
    kind: str = "rss",
    created_at: datetime | None = None,
    **extra: Any,
) -> str:
    source = Source(
        kind=kind,
        name=name,
        platform=platform,
        level=level,
        category=category,
        owner_unit=owner_unit,
        created_at=created_at or NOW - timedelta(days=200),
        url=None if kind == "manual" else f"http://127.0.0.1/{new_id()}.xml",
        **extra,
    )
    with db.session() as session:
        session.add(source)
    return source.id


def make_item(
    db: Database,
    source_id: str,
    title: str,
    body: str,
    published_at: datetime,
    *,
    item_id: str | None = None,
    is_read: bool = False,
) -> str:
    item_id = item_id or new_id()
    html = "".join(f"<p>{para}</p>" for para in body.split("\n"))
    with db.session() as session:
        session.execute(
            insert(Item),
            [
                {
                    "id": item_id,
                    "source_id": source_id,
                    "guid": f"guid-{item_id}",
                    "url": f"http://127.0.0.1/a/{item_id}.html",
                    "title": title,
                    "published_at": published_at,
                    "fetched_at": published_at,
                    "summary": body[:200],
                    "content_html": html,
                    "content_hash": hashlib.sha256(body.encode()).hexdigest(),
                    "is_read": is_read,
                    **db.stamp_columns(),
                }
            ],
        )
    return item_id


@pytest.fixture
def source_factory(db: Database) -> Callable[..., str]:
    return lambda name, **kw: make_source(db, name, **kw)


@pytest.fixture
def item_factory(db: Database) -> Callable[..., str]:
    return lambda source_id, title, body, published_at, **kw: make_item(db, source_id, title, body, published_at, **kw)
