"""A built-in catalogue of the accounts a township cadre typically has to follow.

The first-run wizard offers these so a new user starts with a realistic source list instead
of an empty screen. Names are templates filled with the user's county and township
(``{county}`` → 清河县); entries without a feed become ``manual`` sources (items are pasted
in), entries given an http(s) feed URL become ``rss`` sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount
from cadre_desk.domain.enums import Category, Level, Platform, SourceKind
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.ids import stable_id
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source


@dataclass(frozen=True)
class CatalogueEntry:
    key: str
    name_template: str
    kind_label: str  # what sort of account this is, shown in the wizard (zh; English via .ts)
    platform: Platform
    level: Level
    category: Category
    mandatory: bool
    suggested: bool  # ticked by default: nearly every township cadre follows it

    def name_for(self, county: str, township: str) -> str:
        return self.name_template.format(county=county or "本县", township=township or "本镇")


CATALOGUE: tuple[CatalogueEntry, ...] = (
    CatalogueEntry("county_gov", "{county}人民政府", "县政府公众号", Platform.WECHAT_ACCOUNT,
                   Level.COUNTY, Category.NOTICE, True, True),
    CatalogueEntry("county_media", "{county}融媒体中心", "县融媒体公众号", Platform.WECHAT_ACCOUNT,
                   Level.COUNTY, Category.NEWS, True, True),
    CatalogueEntry("study_platform", "学习强国", "学习平台（学习打卡）", Platform.STUDY_PLATFORM,
                   Level.CENTRAL, Category.PARTY_STUDY, True, True),
    CatalogueEntry("party_building", "{county}智慧党建", "党建云平台", Platform.APP,
                   Level.COUNTY, Category.PARTY_STUDY, True, True),
    CatalogueEntry("organization_dept", "{county}组工", "组织部公众号", Platform.WECHAT_ACCOUNT,
                   Level.COUNTY, Category.PARTY_STUDY, False, False),
    CatalogueEntry("hotline_12345", "{county}12345政务服务便民热线", "12345 热线工单", Platform.APP,
                   Level.COUNTY, Category.LIVELIHOOD, True, True),
    CatalogueEntry("gov_service_portal", "省政务服务网", "政务服务网", Platform.PORTAL,
                   Level.PROVINCE, Category.GOV_SERVICE, False, True),
    CatalogueEntry("city_portal_notices", "市政府门户网站·通知公告", "市政府门户通知公告", Platform.PORTAL,
                   Level.CITY, Category.NOTICE, False, False),
    CatalogueEntry("township_account", "{township}发布", "乡镇公众号", Platform.WECHAT_ACCOUNT,
                   Level.TOWNSHIP, Category.NEWS, False, True),
    CatalogueEntry("township_work_group", "{township}干部工作群", "乡镇工作群", Platform.WORK_GROUP,
                   Level.TOWNSHIP, Category.WORK_GROUP, True, True),
    CatalogueEntry("village_group", "村（社区）两委工作群", "村级工作群", Platform.WORK_GROUP,
                   Level.VILLAGE, Category.WORK_GROUP, False, False),
    CatalogueEntry("emergency_app", "{county}应急管理", "应急防汛 App", Platform.APP,
                   Level.COUNTY, Category.GOV_SERVICE, False, False),
    CatalogueEntry("grid_governance", "{county}网格化社会治理", "综治网格 App", Platform.APP,
                   Level.COUNTY, Category.GOV_SERVICE, False, False),
    CatalogueEntry("social_security", "{county}人社", "人社/医保公众号", Platform.WECHAT_ACCOUNT,
                   Level.COUNTY, Category.LIVELIHOOD, False, False),
    CatalogueEntry("rural_revitalization", "{county}乡村振兴", "乡村振兴公众号", Platform.WECHAT_ACCOUNT,
                   Level.COUNTY, Category.NEWS, False, False),
)  # fmt: skip


@dataclass(frozen=True)
class CatalogueChoice:
    """One entry the user ticked, with the name they confirmed and an optional feed URL."""

    entry: CatalogueEntry
    name: str
    feed_url: str = ""


class InvalidFeedUrlError(CadreError):
    next_step = "请填写以 http:// 或 https:// 开头的订阅地址，或留空作为手动录入的账号。"


def entry(key: str) -> CatalogueEntry:
    for candidate in CATALOGUE:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def add_catalogue_sources(
    db: Database, choices: list[CatalogueChoice], *, now: datetime | None = None
) -> ChangesWithCount:
    """Create a source per choice; the count is how many were new.

    Ids are derived from the entry and the name, so running the wizard twice (or on two
    devices before a sync) never creates the same account twice.
    """
    created_at = now or datetime.now(UTC)
    for choice in choices:
        url = choice.feed_url.strip()
        if url and not url.lower().startswith(("http://", "https://")):
            raise InvalidFeedUrlError(f"“{choice.name}”的订阅地址无效：{url}")
        if not choice.name.strip():
            raise CadreError("账号名称不能为空。", "请填写账号名称，或取消勾选这一行。")
    added = 0
    with db.session() as session:
        for choice in choices:
            name = choice.name.strip()
            url = choice.feed_url.strip()
            source_id = stable_id("catalogue", choice.entry.key, name)
            existing = session.get(Source, source_id)
            if existing is not None:
                if existing.deleted:
                    existing.deleted = False
                    added += 1
                continue
            session.add(
                Source(
                    id=source_id,
                    kind=SourceKind.RSS if url else SourceKind.MANUAL,
                    name=name,
                    url=url or None,
                    platform=choice.entry.platform,
                    level=choice.entry.level,
                    category=choice.entry.category,
                    mandatory=choice.entry.mandatory,
                    owner_unit=None,
                    config={"catalogue": choice.entry.key},
                    created_at=created_at,
                )
            )
            added += 1
    return ChangesWithCount(added, Changes(sources=True) if added else NOTHING)
