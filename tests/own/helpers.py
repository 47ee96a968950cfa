"""Builders for the 本单位运营 tests: sources and items stored through the real ingest path."""

from __future__ import annotations

from datetime import datetime

from cadre_desk.domain.ids import new_id
from cadre_desk.services.ingest import IngestService
from cadre_desk.sources.model import ParsedItem
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source


def make_source(db: Database, name: str, *, level: str = "township", created_at: datetime) -> str:
    source = Source(
        kind="manual",
        name=name,
        platform="wechat_account",
        level=level,
        category="news",
        owner_unit=name,
        created_at=created_at,
    )
    with db.session() as session:
        session.add(source)
    return source.id


def post(
    ingest: IngestService,
    source_id: str,
    title: str,
    published_at: datetime,
    body: str = "",
    *,
    guid: str | None = None,
) -> str:
    text = body or f"{title}。请各村（社区）认真组织学习，抓好贯彻落实，确保各项工作取得实效。"
    item = ParsedItem(
        guid=guid or new_id(),
        title=title,
        url=f"http://127.0.0.1/{new_id()}.html",
        published_at=published_at,
        content_html=f"<p>{text}</p>",
        text=text,
    )
    report = ingest.store_items(source_id, [item])
    assert report.new_item_ids, "the item was not stored"
    return report.new_item_ids[0]
