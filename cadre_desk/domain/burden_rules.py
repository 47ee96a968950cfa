"""Built-in, versioned catalogue of banned "fingertip" practices, and the rules that suggest
``BurdenCategory`` flags for a requirement.

Each rule names the documents it rests on. The ``point`` texts are short summaries of the
relevant provisions (not verbatim quotations); a cadre confirms or dismisses every
suggestion, so the catalogue only proposes — it never labels a demand on its own.

Bump ``CATALOGUE_VERSION`` whenever a rule or citation changes; the burden register and its
exports print the version they were checked against.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cadre_desk.domain.enums import BurdenCategory, OperationKind

CATALOGUE_VERSION = "2026.1"


@dataclass(frozen=True)
class Document:
    key: str
    title: str
    issuer: str
    year: int
    number: str = ""  # 文号, when published with one

    @property
    def citation(self) -> str:
        number = f"（{self.number}）" if self.number else ""
        return f"{self.issuer}《{self.title}》{number}"


FINGERTIP_2023 = Document(
    "fingertip-2023",
    "关于防治“指尖上的形式主义”的若干意见",
    "中央网络安全和信息化委员会",
    2023,
)
BURDEN_RULES_2024 = Document(
    "burden-rules-2024",
    "整治形式主义为基层减负若干规定",
    "中共中央办公厅、国务院办公厅",
    2024,
)
GOV_APPS_2026 = Document(
    "gov-apps-2026",
    "政务移动互联网应用程序规范化管理办法",
    "国务院办公厅",
    2026,
    "国办函〔2026〕12号",
)
DOCUMENTS: tuple[Document, ...] = (FINGERTIP_2023, BURDEN_RULES_2024, GOV_APPS_2026)


@dataclass(frozen=True)
class Citation:
    document: Document
    point: str  # summary of the provision

    def __str__(self) -> str:
        return f"{self.document.citation}：{self.point}"


@dataclass(frozen=True)
class RequirementFacts:
    """What the rules look at: a requirement and a little of its context."""

    id: str
    title: str
    operation_kind: str
    rrule: str | None = None
    within_hours: float | None = None
    mandatory: bool = True
    imposed_by: str | None = None
    basis: str | None = None
    notes: str | None = None
    source_id: str | None = None
    source_name: str | None = None
    source_platform: str | None = None
    source_silent_days: int | None = None  # days since the source last published anything

    @property
    def text(self) -> str:
        return " ".join(filter(None, (self.title, self.notes, self.basis)))

    @property
    def frequent(self) -> bool:
        """Daily, every workday, several times a week, or after every new item."""
        if self.rrule is None:
            return self.within_hours is not None
        upper = self.rrule.upper()
        if "FREQ=DAILY" in upper:
            return True
        match = re.search(r"BYDAY=([A-Z,]+)", upper)
        return "FREQ=WEEKLY" in upper and match is not None and len(match.group(1).split(",")) >= 3


@dataclass(frozen=True)
class FlagSuggestion:
    category: BurdenCategory
    rule_id: str
    reason: str  # why this requirement matched, in plain Chinese
    citations: tuple[Citation, ...]

    @property
    def citation_text(self) -> str:
        return "；".join(str(c) for c in self.citations)


@dataclass(frozen=True)
class BurdenRule:
    id: str
    category: BurdenCategory
    title: str
    citations: tuple[Citation, ...]
    check: Callable[[RequirementFacts, Sequence[RequirementFacts]], str | None] = field(repr=False)

    def apply(self, facts: RequirementFacts, others: Sequence[RequirementFacts]) -> FlagSuggestion | None:
        reason = self.check(facts, others)
        if reason is None:
            return None
        return FlagSuggestion(self.category, self.id, reason, self.citations)


def _find(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text)
    return match.group(0) if match else None


# ----------------------------------------------------------------------------- checks


def _compulsory_checkin(f: RequirementFacts, _others: Sequence[RequirementFacts]) -> str | None:
    if not f.mandatory:
        return None
    word = _find(r"打卡|签到|接龙", f.text)
    if f.operation_kind == OperationKind.STUDY_CHECKIN:
        return "强制要求的学习打卡" + ("（每天/每个工作日）" if f.frequent else "")
    if word and f.operation_kind != OperationKind.GROUP_REPLY:
        return f"强制要求“{word}”"
    return None


def _ranking(f: RequirementFacts, _others: Sequence[RequirementFacts]) -> str | None:
    word = _find(r"积分|排名|排行|通报|在线时长|学习时长|时长达标|考核分", f.text)
    if word:
        return f"以“{word}”评价或通报"
    return None


def _install_quota(f: RequirementFacts, _others: Sequence[RequirementFacts]) -> str | None:
    word = _find(r"下载量|安装率|注册率|激活率|关注率|关注量|粉丝量|装机|定期登录|每日登录|每天登录", f.text)
    if word:
        return f"下载安装或登录指标：“{word}”"
    if f.operation_kind == OperationKind.INSTALL_LOGIN and f.mandatory:
        return "强制下载安装或登录政务应用"
    return None


def _instant_group_reply(f: RequirementFacts, _others: Sequence[RequirementFacts]) -> str | None:
    word = _find(r"接龙|秒回|即时回复|立即回复|收到请回复|第一时间回复", f.text)
    if f.operation_kind == OperationKind.GROUP_REPLY:
        if word:
            return f"工作群强制“{word}”"
        if f.within_hours is not None and f.within_hours <= 1:
            return f"工作群要求 {f.within_hours:g} 小时内回复"
    elif word:
        return f"工作群强制“{word}”"
    return None


def _screenshot_evidence(f: RequirementFacts, _others: Sequence[RequirementFacts]) -> str | None:
    word = _find(r"截图|截屏|拍照|照片|留痕", f.text)
    screenshot = f.operation_kind == OperationKind.SCREENSHOT or word is not None
    if screenshot and f.frequent:
        return "频繁要求截图/拍照留痕" + (f"（“{word}”）" if word else "")
    if screenshot and f.mandatory and _find(r"考核|评比|检查|督查|作为依据", f.text):
        return "以截图/照片留痕作为考核检查依据"
    return None


def _location_video(f: RequirementFacts, _others: Sequence[RequirementFacts]) -> str | None:
    word = _find(r"定位|轨迹|位置共享|实时位置|视频打卡|上传视频|录像", f.text)
    return f"要求提供“{word}”" if word else None


def _engagement_assessment(f: RequirementFacts, _others: Sequence[RequirementFacts]) -> str | None:
    engagement = {OperationKind.LIKE, OperationKind.FORWARD, OperationKind.COMMENT}
    word = _find(r"点赞|转发|评论|投票|关注|阅读量", f.text)
    if f.operation_kind not in engagement and word is None:
        return None
    assessed = _find(r"考核|评比|评选|通报|排名|任务数|完成率|纳入", f.text)
    if assessed:
        return f"把点赞/转发/投票作为考核依据（“{assessed}”）"
    if f.mandatory and f.operation_kind in engagement:
        return "强制要求点赞/转发/评论"
    return None


_REPORT_NOISE = re.compile(r"[（）()《》“”\"'、，,。\s]|报送|填报|上报|统计表|情况|工作|表|的|每周|每月|每日")


def _bigrams(text: str) -> set[str]:
    core = _REPORT_NOISE.sub("", text)
    return {core[i : i + 2] for i in range(len(core) - 1)}


def _multiple_reporting(f: RequirementFacts, others: Sequence[RequirementFacts]) -> str | None:
    if f.operation_kind != OperationKind.REPORT:
        return None
    mine = _bigrams(f.title)
    if not mine:
        return None
    for other in others:
        if other.id == f.id or other.operation_kind != OperationKind.REPORT:
            continue
        same_channel = (other.source_id and other.source_id == f.source_id) and (
            (other.imposed_by or "") == (f.imposed_by or "")
        )
        if same_channel:
            continue
        theirs = _bigrams(other.title)
        if not theirs:
            continue
        overlap = len(mine & theirs) / len(mine | theirs)
        if overlap >= 0.5:
            where = other.source_name or other.imposed_by or "另一平台"
            return f"与“{other.title}”（{where}）内容重复填报"
    return None


ZOMBIE_SILENT_DAYS = 60  # two months without updates: the usual 空壳/僵尸 threshold in notices


def _zombie_source(f: RequirementFacts, _others: Sequence[RequirementFacts]) -> str | None:
    if f.source_silent_days is not None and f.source_silent_days >= ZOMBIE_SILENT_DAYS:
        return f"要求关注/使用的账号已 {f.source_silent_days} 天没有更新"
    return None


CATALOGUE: tuple[BurdenRule, ...] = (
    BurdenRule(
        "compulsory-checkin",
        BurdenCategory.FORCED_USE,
        "强制打卡签到",
        (
            Citation(FINGERTIP_2023, "整治打卡签到、积分排名、统计在线时长等强制使用功能"),
            Citation(GOV_APPS_2026, "不得把学习时长、打卡情况作为考核评价依据"),
        ),
        _compulsory_checkin,
    ),
    BurdenRule(
        "ranking-points",
        BurdenCategory.RANKING_ABUSE,
        "积分排名、在线时长",
        (
            Citation(FINGERTIP_2023, "不得设置积分排名、统计在线时长等功能变相强制使用"),
            Citation(GOV_APPS_2026, "不得将学习时长、点赞转发数量等作为考核评价、评比评选依据"),
        ),
        _ranking,
    ),
    BurdenRule(
        "install-quota",
        BurdenCategory.FORCED_USE,
        "强制下载安装、定期登录",
        (Citation(FINGERTIP_2023, "不得强制推广下载政务应用程序，政务公众账号推广不得作强制性要求"),),
        _install_quota,
    ),
    BurdenRule(
        "instant-group-reply",
        BurdenCategory.FORCED_USE,
        "工作群强制接龙、即时响应",
        (Citation(FINGERTIP_2023, "工作群组中不得脱离工作实际强制要求打卡接龙、即时响应"),),
        _instant_group_reply,
    ),
    BurdenRule(
        "screenshot-evidence",
        BurdenCategory.EXCESSIVE_EVIDENCE,
        "截图拍照留痕",
        (
            Citation(FINGERTIP_2023, "不得随意要求通过政务应用程序、工作群组上传不必要的截图或视频"),
            Citation(BURDEN_RULES_2024, "不得简单以拍照留痕、工作痕迹评判工作实绩"),
            Citation(GOV_APPS_2026, "不得要求基层提供照片、视频等过程性留痕材料"),
        ),
        _screenshot_evidence,
    ),
    BurdenRule(
        "location-video",
        BurdenCategory.EXCESSIVE_EVIDENCE,
        "位置轨迹、视频留痕",
        (Citation(GOV_APPS_2026, "不得要求提供照片、视频、位置轨迹等证明材料"),),
        _location_video,
    ),
    BurdenRule(
        "engagement-assessment",
        BurdenCategory.RANKING_ABUSE,
        "点赞转发作为考核依据",
        (
            Citation(FINGERTIP_2023, "不得滥用关注点赞、转发评论功能，不得将其作为考核评价、评比评选依据"),
            Citation(GOV_APPS_2026, "不得将点赞、投票、转发、学习时长作为考核评价依据"),
        ),
        _engagement_assessment,
    ),
    BurdenRule(
        "multiple-reporting",
        BurdenCategory.MULTIPLE_REPORTING,
        "多头填报、重复索要数据",
        (Citation(FINGERTIP_2023, "同一事项或数据原则上“一张表”报送，防止多头填报、重复索要数据"),),
        _multiple_reporting,
    ),
    BurdenRule(
        "zombie-source",
        BurdenCategory.ZOMBIE_SHELL,
        "空壳僵尸账号",
        (Citation(FINGERTIP_2023, "清理关停使用频率低、实用性不强的“空壳”“僵尸”政务应用和账号"),),
        _zombie_source,
    ),
)


def suggest_flags(facts: RequirementFacts, others: Sequence[RequirementFacts] = ()) -> list[FlagSuggestion]:
    """Every rule that matches, at most one suggestion per category (the first rule wins)."""
    found: dict[BurdenCategory, FlagSuggestion] = {}
    for rule in CATALOGUE:
        if rule.category in found:
            continue
        suggestion = rule.apply(facts, others)
        if suggestion is not None:
            found[rule.category] = suggestion
    return list(found.values())


def rule_by_id(rule_id: str) -> BurdenRule:
    for rule in CATALOGUE:
        if rule.id == rule_id:
            return rule
    raise KeyError(rule_id)
