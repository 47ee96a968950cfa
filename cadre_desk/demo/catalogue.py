"""The demo's world: who a township cadre in the fictional 江北省云州市清河县柳林镇 follows.

Every name is invented (a fictional province, city and county), shaped like the real ones.
The rates say how much each account publishes relative to the others; the generator scales
them to the requested number of items, so the mix stays the same at 5,000 or 1,000,000 items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cadre_desk.domain.enums import Category, Level, Platform, SourceKind

PROVINCE = "江北省"
CITY = "云州市"
COUNTY = "清河县"
TOWNSHIP = "柳林镇"
VILLAGES = ("杏花村", "桃园村", "石桥村", "东坡村", "河湾社区", "柳林村")

RSSHUB = "http://rsshub.local"
WEWE_RSS = "http://wewe-rss.local"


@dataclass(frozen=True)
class FolderSpec:
    key: str
    name: str
    position: int


FOLDERS: tuple[FolderSpec, ...] = (
    FolderSpec("must", "必看（上级要求关注）", 0),
    FolderSpec("upper", "省市动态", 1),
    FolderSpec("county", "县直部门", 2),
    FolderSpec("township", "镇村账号", 3),
    FolderSpec("groups", "工作群", 4),
    FolderSpec("mail", "邮箱与平台", 5),
)


@dataclass(frozen=True)
class SourceSpec:
    """One followed account, column, mailbox or group, and how it behaves in the demo."""

    key: str  # stable handle for ids and cross references
    name: str
    kind: SourceKind
    platform: Platform
    owner_unit: str
    level: Level
    category: Category
    folder: str
    rate: float  # relative items per active day
    topics: tuple[str, ...]  # keys of pools.TOPICS this account writes about
    mandatory: bool = False
    required_by: str | None = None
    url: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    fetch_interval_minutes: int = 60
    silent_days: int = 0  # > 0: a zombie, nothing published in the last N days
    repost_ratio: float = 0.0  # share of its items that are reposts (or mirrors) of upstream items
    reposts_from: tuple[str, ...] = ()  # keys of the accounts it reposts
    duplicate_of: str | None = None  # same unit, same platform: a mirror account
    weekend_factor: float = 0.4
    notes: str | None = None


def _wechat_rsshub(wechat_id: str) -> tuple[str, dict[str, Any]]:
    return f"{RSSHUB}/wechat/mp/{wechat_id}", {"bridge": "rsshub", "wechat_id": wechat_id}


def _wechat_wewe(feed_id: str) -> tuple[str, dict[str, Any]]:
    return f"{WEWE_RSS}/feeds/{feed_id}.rss", {"bridge": "wewe-rss", "feed_id": feed_id}


def portal(host: str, path: str, encoding: str = "utf-8") -> dict[str, Any]:
    config = {
        "list_selector": "div.list-box ul li",
        "link_selector": "a",
        "title_selector": "a",
        "date_selector": "span.date",
        "date_format": "%Y-%m-%d",
        "content_selector": "div.TRS_Editor",
        "meta_tags": ["ArticleTitle", "PubDate", "ContentSource"],
        "encoding": encoding,
    }
    return {"url": f"http://{host}{path}", "config": config}


def wechat(
    key: str,
    name: str,
    unit: str,
    level: Level,
    category: Category,
    folder: str,
    rate: float,
    topics: tuple[str, ...],
    *,
    bridge: str = "rsshub",
    feed: str = "",
    **extra: Any,
) -> SourceSpec:
    url, config = _wechat_wewe(feed) if bridge == "wewe" else _wechat_rsshub(feed or key)
    return SourceSpec(
        key=key,
        name=name,
        kind=SourceKind.RSS,
        platform=Platform.WECHAT_ACCOUNT,
        owner_unit=unit,
        level=level,
        category=category,
        folder=folder,
        rate=rate,
        topics=topics,
        url=url,
        config=config,
        **extra,
    )


def manual(
    key: str,
    name: str,
    platform: Platform,
    unit: str,
    level: Level,
    category: Category,
    folder: str,
    rate: float,
    topics: tuple[str, ...],
    **extra: Any,
) -> SourceSpec:
    capture = "paste_text" if platform == Platform.WORK_GROUP else "paste_link"
    return SourceSpec(
        key=key,
        name=name,
        kind=SourceKind.MANUAL,
        platform=platform,
        owner_unit=unit,
        level=level,
        category=category,
        folder=folder,
        rate=rate,
        topics=topics,
        config={"capture": capture},
        fetch_interval_minutes=0,
        **extra,
    )


# Shorthands for the account tables.
P, C, X, T, V = Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE
