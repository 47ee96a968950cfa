"""What each table of the 我运营的账号 page shows, as text, in either language.

The page's Qt models and ``cadre-desk own list|check`` render the same cells from here, so
the command line says exactly what the page says.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cadre_desk.domain.own_cadence import CadenceLevel, CadenceStatus, Holiday
from cadre_desk.domain.own_messages import state_label
from cadre_desk.domain.own_wording import WordingHit, category_label, severity_label
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.services.own.accounts import AccountCadence
from cadre_desk.services.own.checks import WordingFinding
from cadre_desk.services.own.duties import DUTY_STATE_LABELS, DutyTaskView
from cadre_desk.services.own.links import LinkResult
from cadre_desk.services.own.messages import MessageView


def _en(language: str) -> bool:
    return language.startswith("en")


def _t(zh: str, en: str, language: str) -> str:
    return en if _en(language) else zh


def when(moment: datetime | None) -> str:
    return f"{moment.astimezone(CHINA_TZ):%Y-%m-%d %H:%M}" if moment else ""


def headers(zh: Sequence[str], en: Sequence[str], language: str) -> list[str]:
    return list(en if _en(language) else zh)


# --------------------------------------------------------------------------- cadence

CADENCE_HEADERS = (
    ("账号", "规则", "转载", "最后原创", "最后更新", "距今天数", "剩余天数", "状态", "近期节假日"),
    (
        "Account",
        "Rule",
        "Reposts",
        "Last original",
        "Last post",
        "Days since",
        "Days left",
        "Status",
        "Holidays ahead",
    ),
)


def level_text(status: CadenceStatus, language: str) -> str:
    if status.level == CadenceLevel.RED:
        if status.rule.min_posts_per_week and not status.rule.max_gap_days:
            return _t(
                f"未达要求（上周 {status.posts_last_week} 条）",
                f"Breached ({status.posts_last_week} last week)",
                language,
            )
        return _t("已超期", "Breached", language)
    if status.level == CadenceLevel.YELLOW:
        return _t("即将超期", "Due soon", language)
    return _t("正常", "OK", language)


def days_left_text(status: CadenceStatus, language: str) -> str:
    if status.days_left is None:
        return ""
    if status.days_left <= 0:
        return _t(f"已超 {-status.days_left} 天", f"{-status.days_left} over", language)
    extra = ""
    if status.rule.min_posts_per_week:
        missing = max(0, status.rule.min_posts_per_week - status.posts_this_week)
        if missing:
            extra = _t(f"（本周还差 {missing} 条）", f" ({missing} more this week)", language)
    return _t(f"{status.days_left} 天", f"{status.days_left} d", language) + extra


_HOLIDAYS_EN = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Qingming",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-Autumn Festival",
    "国庆节": "National Day",
}


def holidays_text(holidays: Sequence[Holiday], language: str) -> str:
    parts = []
    for h in holidays[:3]:
        name = _HOLIDAYS_EN.get(h.name, h.name) if _en(language) else h.name
        span = f"{h.first:%m-%d}" if h.first == h.last else f"{h.first:%m-%d}–{h.last:%m-%d}"
        guess = "" if h.confirmed else _t("（待公布）", " (unconfirmed)", language)
        parts.append(f"{name} {span}{guess}")
    return _t("；", "; ", language).join(parts)


def cadence_cells(standing: AccountCadence, language: str) -> list[str]:
    status = standing.status
    rule = status.rule
    return [
        standing.account.name,
        rule.label(language),
        _t("计入", "count", language) if rule.counts_reposts else _t("不计入", "do not count", language),
        status.last_original.isoformat() if status.last_original else _t("无", "none", language),
        status.last_post.isoformat() if status.last_post else _t("无", "none", language),
        "" if status.days_since_last is None else str(status.days_since_last),
        days_left_text(status, language),
        level_text(status, language),
        holidays_text(status.holidays, language),
    ]


# --------------------------------------------------------------------------- wording

WORDING_HEADERS = (
    ("账号", "发布时间", "文章", "原文", "建议", "类别", "程度", "依据", "整改"),
    ("Account", "Published", "Post", "Text", "Suggestion", "Category", "Severity", "Source", "Fixed"),
)


def wording_cells(finding: WordingFinding, language: str) -> list[str]:
    entry = finding.hit.entry
    return [
        finding.source_name,
        when(finding.published_at),
        finding.item_title,
        finding.context,
        entry.suggestion or _t("删除", "remove", language),
        category_label(entry.category, language),
        severity_label(entry.severity, language),
        entry.source.citation,
        _t("已整改", "fixed", language) if finding.fixed else "",
    ]


DRAFT_HEADERS = (
    ("位置", "原文", "建议", "类别", "程度", "上下文", "依据"),
    ("Position", "Text", "Suggestion", "Category", "Severity", "Context", "Source"),
)
DRAFT_CONTEXT_COLUMN = 5  # the long one: it takes the width the others leave
DRAFT_SOURCE_COLUMN = 6


def draft_cells(hit: WordingHit, text: str, language: str) -> list[str]:
    entry = hit.entry
    line = text.count("\n", 0, hit.start) + 1
    column = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
    return [
        _t(f"第 {line} 行第 {column} 字", f"line {line}, char {column}", language),
        text[hit.start : hit.end],
        entry.suggestion or _t("删除", "remove", language),
        category_label(entry.category, language),
        severity_label(entry.severity, language),
        hit.context(text),
        str(entry.source),
    ]


# --------------------------------------------------------------------------- links

LINK_HEADERS = (
    ("账号", "链接", "所在文章", "检查时间", "结果"),
    ("Account", "Link", "In post", "Checked", "Outcome"),
)


_LINK_STATUS_EN = {
    401: "Login required",
    403: "Access refused (intranet only or login needed)",
    404: "Page not found: the link is dead",
    410: "Page deleted",
    429: "The server asks to slow down; check later",
}


def link_outcome_text(result: LinkResult, language: str) -> str:
    """The stored plain-Chinese outcome, or its English for the statuses that have one
    (network errors keep the fetcher's Chinese message)."""
    if not _en(language) or result.status is None:
        return result.outcome
    if result.ok:
        redirected = ", redirected" if "跳转" in result.outcome else ""
        return f"Opens (HTTP {result.status}{redirected})"
    text = _LINK_STATUS_EN.get(result.status) or (
        "Server error; check later" if result.status >= 500 else "Request refused"
    )
    return f"{text} (HTTP {result.status})"


def link_cells(result: LinkResult, language: str) -> list[str]:
    place = result.item_title or (_t("菜单", "menu", language) if result.origin == "menu" else "")
    checked = when(result.checked_at) + (
        _t("（预置记录）", " (recorded)", language) if result.recorded else ""
    )
    return [result.source_name, result.url, place, checked, link_outcome_text(result, language)]


# --------------------------------------------------------------------------- duties

DUTY_HEADERS = (
    ("本单位账号", "上级信息", "上级发布", "期限", "状态", "证据"),
    ("My account", "Superior's item", "Published", "Due", "State", "Evidence"),
)


def duty_cells(task: DutyTaskView, language: str) -> list[str]:
    zh, en = DUTY_STATE_LABELS[task.state]
    state = en if _en(language) else zh
    if task.delay_minutes is not None:
        state += _t(f"（用时 {task.delay_minutes} 分钟）", f" ({task.delay_minutes} min)", language)
    return [
        task.own_name,
        f"{task.superior_name}：{task.superior_title}",
        when(task.published_at),
        when(task.due_at),
        state,
        task.evidence or "",
    ]


# --------------------------------------------------------------------------- messages

MESSAGE_HEADERS = (
    ("账号", "留言人", "留言", "收到", "回复期限", "状态", "回复"),
    ("Account", "From", "Message", "Received", "Reply by", "State", "Reply"),
)


def message_cells(message: MessageView, language: str) -> list[str]:
    return [
        message.source_name,
        message.sender or "",
        " ".join(message.text.split()),
        when(message.received_at),
        when(message.reply_due_at),
        state_label(message.state, language),
        (f"{when(message.replied_at)} {message.reply_note or ''}".strip() if message.replied_at else ""),
    ]
