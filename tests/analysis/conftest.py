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
_COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都"
    "两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重"
    "新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
    "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知"
    "较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造"
    "百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白"
    "教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿"
    "千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存"
    "候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该"
    "铁价严龙飞"
)


def random_text(seed: int, length: int = 160) -> str:
    """Distinct Chinese-looking text (near-duplicate free between seeds) for unit tests."""
    import random

    rng = random.Random(seed)
    chars = [rng.choice(_COMMON) for _ in range(length)]
    for pos in range(20, length, 20):
        chars[pos] = "。"
    return "".join(chars)


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
    return lambda source_id, title, body, published_at, **kw: make_item(
        db, source_id, title, body, published_at, **kw
    )
