"""Human labels for the domain vocabularies, in both supported languages.

These live in the domain (not in Qt ``.ts`` files) because reports, the CLI and the sync
server need them without Qt. The UI picks the language from settings.
"""

from __future__ import annotations

from enum import StrEnum

from cadre_desk.domain.enums import (
    BurdenCategory,
    Category,
    FindingKind,
    Level,
    OperationKind,
    Platform,
    SourceKind,
    TaskStatus,
)

ZH = "zh_CN"
EN = "en"

_LABELS: dict[StrEnum, tuple[str, str]] = {
    SourceKind.RSS: ("订阅源", "Feed"),
    SourceKind.WEBPAGE: ("网页栏目", "Web page"),
    SourceKind.IMAP: ("邮箱", "Mailbox"),
    SourceKind.MANUAL: ("手动录入", "Manual"),
    Platform.WECHAT_ACCOUNT: ("微信公众号", "WeChat account"),
    Platform.WECHAT_MINIPROGRAM: ("微信小程序", "WeChat mini-program"),
    Platform.APP: ("政务App", "App"),
    Platform.PORTAL: ("门户网站", "Portal"),
    Platform.MAILBOX: ("政务邮箱", "Mailbox"),
    Platform.WORK_GROUP: ("工作群", "Work group"),
    Platform.STUDY_PLATFORM: ("学习平台", "Study platform"),
    Platform.WEIBO: ("微博", "Weibo"),
    Platform.DOUYIN: ("抖音", "Douyin"),
    Platform.OTHER: ("其他", "Other"),
    Level.CENTRAL: ("中央", "Central"),
    Level.PROVINCE: ("省级", "Province"),
    Level.CITY: ("市级", "City"),
    Level.COUNTY: ("县级", "County"),
    Level.TOWNSHIP: ("乡镇", "Township"),
    Level.VILLAGE: ("村/社区", "Village"),
    Category.GOV_SERVICE: ("政务服务", "Government services"),
    Category.NEWS: ("新闻宣传", "News"),
    Category.PARTY_STUDY: ("党建学习", "Party study"),
    Category.WORK_GROUP: ("工作群", "Work groups"),
    Category.NOTICE: ("通知公告", "Notices"),
    Category.LIVELIHOOD: ("民生服务", "Livelihood services"),
    Category.OTHER: ("其他", "Other"),
    OperationKind.READ: ("阅读", "Read"),
    OperationKind.FORWARD: ("转发", "Forward"),
    OperationKind.LIKE: ("点赞", "Like"),
    OperationKind.COMMENT: ("评论", "Comment"),
    OperationKind.STUDY_CHECKIN: ("学习打卡", "Study check-in"),
    OperationKind.QUIZ: ("答题", "Quiz"),
    OperationKind.REPORT: ("填报", "Report form"),
    OperationKind.SCREENSHOT: ("截图留痕", "Screenshot evidence"),
    OperationKind.GROUP_REPLY: ("工作群回复", "Group reply"),
    OperationKind.INSTALL_LOGIN: ("安装/登录App", "Install / log in"),
    OperationKind.OTHER: ("其他", "Other"),
    BurdenCategory.FORCED_USE: ("强制使用", "Forced use"),
    BurdenCategory.EXCESSIVE_EVIDENCE: ("过度留痕", "Excessive evidence"),
    BurdenCategory.RANKING_ABUSE: ("滥用排名", "Ranking abuse"),
    BurdenCategory.MULTIPLE_REPORTING: ("多头填报", "Multiple reporting"),
    BurdenCategory.ZOMBIE_SHELL: ("空壳僵尸", "Zombie / empty shell"),
    TaskStatus.OPEN: ("待办", "Open"),
    TaskStatus.DONE: ("已完成", "Done"),
    TaskStatus.CANCELLED: ("已取消", "Cancelled"),
    FindingKind.ZOMBIE: ("僵尸账号", "Zombie"),
    FindingKind.DEAD: ("失效账号", "Dead"),
    FindingKind.REPOST: ("转载为主", "Mostly reposts"),
    FindingKind.OVERLAP: ("内容重叠", "Overlap"),
    FindingKind.DUPLICATE_ACCOUNT: ("重复账号", "Duplicate account"),
    FindingKind.LOW_VALUE: ("低价值高负担", "Low value, high burden"),
}


def label(value: StrEnum | str, language: str = ZH) -> str:
    """The label of a vocabulary value; unknown values are shown as they are."""
    pair = _LABELS.get(value) if isinstance(value, StrEnum) else None
    if pair is None:
        for key, candidate in _LABELS.items():
            if key.value == value:
                pair = candidate
                break
    if pair is None:
        return str(value)
    return pair[1] if language.startswith("en") else pair[0]
