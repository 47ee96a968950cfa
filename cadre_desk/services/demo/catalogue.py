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
    topics: tuple[str, ...]  # keys of texts.TOPICS this account writes about
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


def _portal(host: str, path: str, encoding: str = "utf-8") -> dict[str, Any]:
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


def _wechat(
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


def _manual(
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


_COUNTY_NOTICES = ("county_notice", "qinghe_gov_portal", "qinghe_fabu", "qinghe_yingji", "qinghe_yibao")
_COUNTY_MIX = (*_COUNTY_NOTICES, "qinghe_renshe", "qinghe_nongye", "qinghe_weijian", "qinghe_wenming")
_PARTY_UP = ("qinghe_zugong", "yunzhou_zugong", "jiangbei_zugong", "qinghe_qingfeng")
_TOWN_UP = ("liulin_gov", "liulin_dangjian")

_M = Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE
P, C, X, T, V = _M

SOURCES: tuple[SourceSpec, ...] = (
    # ------------------------------------------------------------------ province
    _wechat("jiangbei_fabu", "江北发布", "江北省人民政府新闻办公室", P, Category.NEWS, "upper", 4.0,
            ("meeting", "policy", "economy", "livelihood")),
    SourceSpec("jiangbei_portal", "江北省人民政府·通知公告", SourceKind.WEBPAGE, Platform.PORTAL,
               "江北省人民政府办公厅", P, Category.NOTICE, "upper", 1.2, ("notice", "policy"),
               **_portal("www.jiangbei.gov.local", "/zwgk/tzgg/", "gb18030"), fetch_interval_minutes=240),
    _wechat("jiangbei_zugong", "江北组工", "中共江北省委组织部", P, Category.PARTY_STUDY, "upper", 1.5,
            ("study", "party"), mandatory=True, required_by="中共清河县委组织部"),
    SourceSpec("study_platform", "江北干部网络学院", SourceKind.WEBPAGE, Platform.STUDY_PLATFORM,
               "中共江北省委组织部", P, Category.PARTY_STUDY, "mail", 2.0, ("course",),
               mandatory=True, required_by="中共清河县委组织部",
               url="https://study.jiangbei.gov.local/portal/course/new",
               config={"list_selector": "div.course-list div.course-item", "link_selector": "a.title",
                       "title_selector": "a.title", "date_selector": "span.publish-time",
                       "content_selector": "div.course-intro", "login_required": True},
               fetch_interval_minutes=720, weekend_factor=0.8),
    _wechat("jiangbei_yingji", "江北应急", "江北省应急管理厅", P, Category.GOV_SERVICE, "upper", 1.0,
            ("fire", "flood", "safety")),
    # ------------------------------------------------------------------ city
    _wechat("yunzhou_fabu", "云州发布", "中共云州市委宣传部", C, Category.NEWS, "upper", 5.0,
            ("meeting", "economy", "livelihood", "culture"), bridge="wewe", feed="MP_WXS_3091552801"),
    SourceSpec("yunzhou_portal", "云州市人民政府·通知公告", SourceKind.WEBPAGE, Platform.PORTAL,
               "云州市人民政府办公室", C, Category.NOTICE, "upper", 2.0, ("notice", "policy", "recruit"),
               **_portal("www.yunzhou.gov.local", "/xxgk/tzgg/"), fetch_interval_minutes=120),
    SourceSpec("yunzhou_policy", "云州市人民政府·政策解读", SourceKind.WEBPAGE, Platform.PORTAL,
               "云州市人民政府办公室", C, Category.GOV_SERVICE, "upper", 0.8, ("policy",),
               **_portal("www.yunzhou.gov.local", "/xxgk/zcjd/"), fetch_interval_minutes=240),
    _wechat("yunzhou_zugong", "云州组工", "中共云州市委组织部", C, Category.PARTY_STUDY, "upper", 1.5,
            ("study", "party"), mandatory=True, required_by="中共清河县委组织部"),
    _wechat("yunzhou_yibao", "云州医保", "云州市医疗保障局", C, Category.LIVELIHOOD, "upper", 1.0,
            ("insurance", "livelihood")),
    _wechat("yunzhou_12345", "云州12345", "云州市12345政务服务便民热线", C, Category.LIVELIHOOD, "upper",
            0.8, ("hotline", "livelihood")),
    _wechat("yunzhou_yingji", "云州应急管理", "云州市应急管理局", C, Category.GOV_SERVICE, "upper", 1.0,
            ("fire", "flood", "safety")),
    _wechat("yunzhou_nongye", "云州农业农村", "云州市农业农村局", C, Category.GOV_SERVICE, "upper", 0.8,
            ("farming", "revival")),
    _wechat("yunzhou_zhenxing", "云州乡村振兴", "云州市乡村振兴局", C, Category.GOV_SERVICE, "upper", 0.6,
            ("revival",), silent_days=45, notes="机构改革后并入农业农村局，账号停更"),
    # ------------------------------------------------------------------ county
    _wechat("qinghe_fabu", "清河发布", "清河县融媒体中心", X, Category.NEWS, "must", 8.0,
            ("meeting", "notice", "livelihood", "economy", "culture", "fire", "insurance", "environment"),
            bridge="wewe", feed="MP_WXS_3260818842", mandatory=True, required_by="中共清河县委宣传部",
            fetch_interval_minutes=30, weekend_factor=0.7),
    _manual("qinghe_douyin", "清河县融媒体中心（抖音）", Platform.DOUYIN, "清河县融媒体中心", X,
            Category.NEWS, "must", 1.2, ("culture", "livelihood"), mandatory=True,
            required_by="中共清河县委宣传部", weekend_factor=0.8),
    SourceSpec("county_notice", "清河县人民政府·通知公告", SourceKind.WEBPAGE, Platform.PORTAL,
               "清河县人民政府办公室", X, Category.NOTICE, "must", 4.0,
               ("notice", "fire", "flood", "insurance", "environment", "safety", "recruit"),
               **_portal("www.qinghe.gov.local", "/zwgk/tzgg/", "gb18030"), mandatory=True,
               required_by="柳林镇党政办", fetch_interval_minutes=60, weekend_factor=0.2),
    SourceSpec("qinghe_gov_portal", "清河县人民政府·政策文件", SourceKind.WEBPAGE, Platform.PORTAL,
               "清河县人民政府办公室", X, Category.GOV_SERVICE, "county", 1.5, ("policy", "notice"),
               **_portal("www.qinghe.gov.local", "/zwgk/zcwj/", "gb18030"), fetch_interval_minutes=240,
               weekend_factor=0.1),
    _wechat("qinghe_zugong", "清河组工", "中共清河县委组织部", X, Category.PARTY_STUDY, "must", 2.0,
            ("study", "party"), mandatory=True, required_by="中共清河县委组织部"),
    _wechat("qinghe_qingfeng", "清河清风", "清河县纪委监委", X, Category.PARTY_STUDY, "must", 1.5,
            ("discipline", "study"), mandatory=True, required_by="清河县纪委监委"),
    _wechat("qinghe_yingji", "清河应急", "清河县应急管理局", X, Category.GOV_SERVICE, "county", 1.6,
            ("fire", "flood", "safety")),
    _wechat("qinghe_yibao", "清河医保", "清河县医疗保障局", X, Category.LIVELIHOOD, "county", 1.1,
            ("insurance",)),
    _wechat("qinghe_renshe", "清河人社", "清河县人力资源和社会保障局", X, Category.LIVELIHOOD, "county", 1.0,
            ("pension", "recruit")),
    _wechat("qinghe_zhenxing", "清河乡村振兴", "清河县乡村振兴局", X, Category.GOV_SERVICE, "county", 0.7,
            ("revival", "environment"), silent_days=30),
    _wechat("qinghe_nongye", "清河农业农村", "清河县农业农村局", X, Category.GOV_SERVICE, "county", 1.0,
            ("farming", "revival", "environment")),
    _wechat("qinghe_nongye_old", "清河县农业农村局", "清河县农业农村局", X, Category.GOV_SERVICE, "county",
            0.5, ("farming",), duplicate_of="qinghe_nongye", repost_ratio=0.85,
            reposts_from=("qinghe_nongye",), notes="同一单位的旧账号，仍同步转发新账号内容"),
    _wechat("qinghe_weijian", "健康清河", "清河县卫生健康局", X, Category.LIVELIHOOD, "county", 1.0,
            ("health",)),
    _wechat("qinghe_jiaoyu", "清河教育", "清河县教育和体育局", X, Category.NEWS, "county", 0.9,
            ("education",)),
    _wechat("qinghe_huanjing", "清河生态环境", "云州市生态环境局清河分局", X, Category.GOV_SERVICE, "county",
            0.7, ("environment",)),
    _wechat("qinghe_shijian", "清河市场监管", "清河县市场监督管理局", X, Category.GOV_SERVICE, "county", 0.7,
            ("safety", "livelihood")),
    _wechat("qinghe_fulian", "清河女性", "清河县妇女联合会", X, Category.NEWS, "county", 0.4,
            ("culture",), silent_days=56),
    _wechat("qinghe_tuanwei", "青春清河", "共青团清河县委员会", X, Category.NEWS, "county", 0.4,
            ("culture", "recruit"), silent_days=25),
    _wechat("qinghe_wenming", "文明清河", "清河县精神文明建设指导委员会办公室", X, Category.NEWS, "county",
            0.8, ("volunteer", "culture")),
    _manual("qinghe_zwfw", "清河政务服务（小程序）", Platform.WECHAT_MINIPROGRAM, "清河县政务服务中心", X,
            Category.GOV_SERVICE, "county", 0.3, ("livelihood", "pension")),
    SourceSpec("county_mail", "清河县政务邮箱·公文", SourceKind.IMAP, Platform.MAILBOX, "清河县人民政府办公室",
               X, Category.NOTICE, "mail", 2.0, ("mail",), mandatory=True, required_by="柳林镇党政办",
               config={"host": "mail.qinghe.gov.local", "port": 993, "ssl": True,
                       "username": "liulin@qinghe.gov.local", "folder": "INBOX/公文"},
               fetch_interval_minutes=30, weekend_factor=0.1, repost_ratio=0.35,
               reposts_from=("county_notice",)),
    _manual("aiqinghe_app", "爱清河App", Platform.APP, "清河县融媒体中心", X, Category.NEWS, "must", 0.5,
            ("culture", "livelihood"), mandatory=True, required_by="中共清河县委宣传部"),
    _manual("group_county_zhenxing", "清河县乡村振兴工作群", Platform.WORK_GROUP, "清河县乡村振兴局", X,
            Category.WORK_GROUP, "groups", 2.0, ("group",), mandatory=True, required_by="清河县乡村振兴局",
            weekend_factor=0.3),
    _manual("group_county_wangping", "县委宣传部网评员群", Platform.WORK_GROUP, "中共清河县委宣传部", X,
            Category.WORK_GROUP, "groups", 1.5, ("group",), mandatory=True, required_by="中共清河县委宣传部",
            weekend_factor=0.6),
    # ------------------------------------------------------------------ township
    _wechat("liulin_gov", "柳林镇人民政府", "柳林镇人民政府", T, Category.NEWS, "township", 2.5,
            ("meeting", "notice", "environment", "fire", "insurance", "volunteer"), mandatory=True,
            required_by="柳林镇党委", repost_ratio=0.55, reposts_from=_COUNTY_NOTICES),
    _wechat("liulin_gov_old", "柳林镇政府发布", "柳林镇人民政府", T, Category.NEWS, "township", 0.8,
            ("meeting",), duplicate_of="liulin_gov", repost_ratio=0.8, reposts_from=("liulin_gov",),
            notes="2021年开设的旧号，与「柳林镇人民政府」同步推送"),
    _wechat("liulin_dangjian", "柳林镇党建", "中共柳林镇委员会", T, Category.PARTY_STUDY, "township", 1.5,
            ("party", "study"), mandatory=True, required_by="中共清河县委组织部", repost_ratio=0.5,
            reposts_from=_PARTY_UP),
    SourceSpec("liulin_portal", "柳林镇·政务公开", SourceKind.WEBPAGE, Platform.PORTAL, "柳林镇人民政府", T,
               Category.NOTICE, "township", 1.0, ("notice", "environment", "recruit"),
               **_portal("www.qinghe.gov.local", "/zwgk/xzjd/llz/", "gb18030"), fetch_interval_minutes=240,
               weekend_factor=0.1, repost_ratio=0.25, reposts_from=("county_notice",)),
    SourceSpec("liulin_mail", "柳林镇政务邮箱", SourceKind.IMAP, Platform.MAILBOX, "柳林镇党政办", T,
               Category.NOTICE, "mail", 0.8, ("mail",),
               config={"host": "mail.qinghe.gov.local", "port": 993, "ssl": True,
                       "username": "liulin.dzb@qinghe.gov.local", "folder": "INBOX"},
               fetch_interval_minutes=30, weekend_factor=0.1),
    _wechat("liulin_pingan", "平安柳林", "柳林镇综治中心", T, Category.GOV_SERVICE, "township", 0.6,
            ("safety", "fire"), silent_days=35, repost_ratio=0.4, reposts_from=("qinghe_yingji",)),
    _wechat("liulin_weishengyuan", "柳林镇卫生院", "柳林镇卫生院", T, Category.LIVELIHOOD, "township", 0.5,
            ("health",), repost_ratio=0.3, reposts_from=("qinghe_weijian",)),
    _wechat("liulin_xuexiao", "柳林镇中心学校", "柳林镇中心学校", T, Category.NEWS, "township", 0.5,
            ("education",), repost_ratio=0.3, reposts_from=("qinghe_jiaoyu",)),
    _wechat("liulin_wenming", "柳林新时代文明实践所", "柳林镇新时代文明实践所", T, Category.NEWS, "township",
            0.5, ("volunteer", "culture"), repost_ratio=0.6, reposts_from=("qinghe_wenming", "qinghe_fabu")),
    _wechat("liulin_bianmin", "柳林镇便民服务中心", "柳林镇便民服务中心", T, Category.LIVELIHOOD, "township",
            0.4, ("insurance", "pension", "livelihood"), repost_ratio=0.5,
            reposts_from=("qinghe_yibao", "qinghe_renshe")),
    _manual("group_town_work", "柳林镇工作群", Platform.WORK_GROUP, "柳林镇党政办", T, Category.WORK_GROUP,
            "groups", 6.0, ("group",), mandatory=True, required_by="柳林镇党政办", weekend_factor=0.35),
    _manual("group_town_cadres", "柳林镇村干部群", Platform.WORK_GROUP, "柳林镇党政办", T,
            Category.WORK_GROUP, "groups", 3.0, ("group",), mandatory=True, required_by="柳林镇党政办",
            weekend_factor=0.35),
    _manual("group_town_fire", "柳林镇防汛森防群", Platform.WORK_GROUP, "柳林镇森林防火指挥部", T,
            Category.WORK_GROUP, "groups", 1.5, ("group",), mandatory=True,
            required_by="柳林镇森林防火指挥部", weekend_factor=0.8),
    _manual("group_town_env", "柳林镇人居环境整治群", Platform.WORK_GROUP, "柳林镇人居环境整治办公室", T,
            Category.WORK_GROUP, "groups", 1.2, ("group",), mandatory=True, required_by="柳林镇党政办",
            weekend_factor=0.3),
    # ------------------------------------------------------------------ village
    _wechat("xinghua_dzb", "杏花村党支部", "中共柳林镇杏花村支部委员会", V, Category.PARTY_STUDY, "township",
            0.3, ("party", "village"), repost_ratio=0.7, reposts_from=(*_TOWN_UP, "qinghe_zugong")),
    _manual("group_xinghua", "杏花村两委群", Platform.WORK_GROUP, "杏花村村民委员会", V, Category.WORK_GROUP,
            "groups", 1.5, ("group",), weekend_factor=0.5),
    _wechat("taoyuan_cun", "桃园村村务公开", "柳林镇桃园村村民委员会", V, Category.GOV_SERVICE, "township",
            0.25, ("village", "environment"), repost_ratio=0.7, reposts_from=(*_TOWN_UP, "county_notice")),
    _wechat("shiqiao_cun", "石桥村", "柳林镇石桥村村民委员会", V, Category.GOV_SERVICE, "township", 0.2,
            ("village",), silent_days=50, repost_ratio=0.6, reposts_from=("liulin_gov",)),
    _wechat("dongpo_dzb", "东坡村党支部", "中共柳林镇东坡村支部委员会", V, Category.PARTY_STUDY, "township",
            0.2, ("party", "village"), repost_ratio=0.8, reposts_from=(*_TOWN_UP, "qinghe_fabu")),
    _wechat("hewan_sq", "河湾社区", "柳林镇河湾社区居民委员会", V, Category.LIVELIHOOD, "township", 0.35,
            ("village", "volunteer", "health"), repost_ratio=0.6,
            reposts_from=("liulin_gov", "qinghe_fabu", "qinghe_weijian")),
    _wechat("hewan_sq_old", "河湾社区居委会", "柳林镇河湾社区居民委员会", V, Category.LIVELIHOOD, "township",
            0.15, ("village",), duplicate_of="hewan_sq", silent_days=60, repost_ratio=0.7,
            reposts_from=("hewan_sq",), notes="社区换届后新开账号，旧号停更"),
    _wechat("liulin_cun", "柳林村", "柳林镇柳林村村民委员会", V, Category.GOV_SERVICE, "township", 0.2,
            ("village", "environment"), repost_ratio=0.75, reposts_from=(*_TOWN_UP, "county_notice")),
)

SOURCES_BY_KEY: dict[str, SourceSpec] = {spec.key: spec for spec in SOURCES}
