"""Closed vocabularies of the domain.

Values are stable ASCII identifiers (they are stored and synced); the Chinese labels live in
``labels.py`` so that the UI and reports show the same words.
"""

from __future__ import annotations

from enum import StrEnum


class SourceKind(StrEnum):
    RSS = "rss"  # RSS/Atom/JSON Feed, including WeChat bridges (RSSHub, wewe-rss, we-mp-rss)
    WEBPAGE = "webpage"  # a portal column such as 通知公告, watched with CSS selectors
    IMAP = "imap"  # a mailbox folder
    MANUAL = "manual"  # an account with no feed: items captured by pasting links or text


class Platform(StrEnum):
    WECHAT_ACCOUNT = "wechat_account"
    WECHAT_MINIPROGRAM = "wechat_miniprogram"
    APP = "app"
    PORTAL = "portal"
    MAILBOX = "mailbox"
    WORK_GROUP = "work_group"
    STUDY_PLATFORM = "study_platform"
    WEIBO = "weibo"
    DOUYIN = "douyin"
    OTHER = "other"


class Level(StrEnum):
    """Administrative level of the unit that runs an account."""

    CENTRAL = "central"  # 中央
    PROVINCE = "province"  # 省
    CITY = "city"  # 市
    COUNTY = "county"  # 县
    TOWNSHIP = "township"  # 乡/镇/街道
    VILLAGE = "village"  # 村/社区

    @property
    def rank(self) -> int:
        """Higher for higher levels; used to pick the first publisher of a repost."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {
    Level.CENTRAL: 6,
    Level.PROVINCE: 5,
    Level.CITY: 4,
    Level.COUNTY: 3,
    Level.TOWNSHIP: 2,
    Level.VILLAGE: 1,
}


class Category(StrEnum):
    GOV_SERVICE = "gov_service"  # 政务服务
    NEWS = "news"  # 新闻宣传
    PARTY_STUDY = "party_study"  # 党建学习
    WORK_GROUP = "work_group"  # 工作群
    NOTICE = "notice"  # 通知公告
    LIVELIHOOD = "livelihood"  # 民生服务 (12345, 社保…)
    OTHER = "other"


class OperationKind(StrEnum):
    READ = "read"  # 阅读
    FORWARD = "forward"  # 转发
    LIKE = "like"  # 点赞
    COMMENT = "comment"  # 评论
    STUDY_CHECKIN = "study_checkin"  # 学习打卡
    QUIZ = "quiz"  # 答题
    REPORT = "report"  # 填报
    SCREENSHOT = "screenshot"  # 截图留痕
    GROUP_REPLY = "group_reply"  # 工作群回复/接龙
    INSTALL_LOGIN = "install_login"  # 下载安装/登录 App
    OTHER = "other"


class BurdenCategory(StrEnum):
    """Banned practices named by the 2023/2024/2026 rules on the fingertip burden."""

    FORCED_USE = "forced_use"  # 强制使用
    EXCESSIVE_EVIDENCE = "excessive_evidence"  # 过度留痕
    RANKING_ABUSE = "ranking_abuse"  # 滥用排名
    MULTIPLE_REPORTING = "multiple_reporting"  # 多头填报
    ZOMBIE_SHELL = "zombie_shell"  # 空壳/僵尸


class TaskView(StrEnum):
    """The four task lists (the task page's tabs, ``cadre-desk tasks VIEW``)."""

    TODAY = "today"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"
    DONE = "done"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskOrigin(StrEnum):
    REQUIREMENT = "requirement"
    ITEM = "item"
    RULE = "rule"
    MANUAL = "manual"
    OWN = "own"  # the accounts the cadre runs: cadence warnings, messages awaiting a reply


class FindingKind(StrEnum):
    ZOMBIE = "zombie"
    DEAD = "dead"
    REPOST = "repost"
    OVERLAP = "overlap"
    DUPLICATE_ACCOUNT = "duplicate_account"
    LOW_VALUE = "low_value"


class FindingStatus(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    DISMISSED = "dismissed"
    APPLIED = "applied"
