"""自查报告: a monthly or quarterly self-inspection of the run accounts, laid out like the
checklist (国办秘函〔2019〕19号): 单项否决 items first, then 扣分 items, each row with its
evidence (dates, spans, URLs) and what was fixed. One ``ReportDocument`` rendered by the
shared writers (XLSX, PDF with the CJK font embedded, CSV)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cadre_desk.domain.own_cadence import PRESETS_VERSION, Breach, breaches_between
from cadre_desk.domain.own_messages import MessageState, state_label
from cadre_desk.domain.own_wording import WordingSeverity, category_label
from cadre_desk.domain.recurrence import CHINA_TZ, china_date
from cadre_desk.services.own.accounts import OwnAccountView
from cadre_desk.services.own.checks import WordingFinding
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.services.own.duties import DUTY_STATE_LABELS, DutyState, DutyTaskView
from cadre_desk.services.own.messages import MessageView
from cadre_desk.services.own.wording import default_dictionary
from cadre_desk.services.reports import Column, Paragraph, ReportDocument, Section, Table
from cadre_desk.services.reports.periods import Period
from cadre_desk.services.reports.tables import report_meta, write_document

VETO_SHEET = "单项否决"
DEDUCT_SHEET = "扣分项"
ACCOUNTS_SHEET = "账号与规则"


@dataclass(frozen=True)
class SelfInspection:
    document: ReportDocument
    veto_count: int
    deduct_count: int


def _day(moment: datetime | None) -> str:
    return f"{moment.astimezone(CHINA_TZ):%Y-%m-%d %H:%M}" if moment else ""


def _period_bounds(period: Period) -> tuple[datetime, datetime]:
    start = datetime.combine(period.first, datetime.min.time(), tzinfo=CHINA_TZ).astimezone(UTC)
    end = datetime.combine(period.last + timedelta(days=1), datetime.min.time(), tzinfo=CHINA_TZ).astimezone(
        UTC
    )
    return start, end


def build_self_inspection(
    desk: OwnDesk, period: Period, *, name: str = "", unit: str = "", now: datetime | None = None
) -> SelfInspection:
    moment = now or datetime.now(UTC)
    start, end = _period_bounds(period)
    until = min(end, moment)
    last_day = min(period.last, china_date(moment))
    accounts = desk.accounts.accounts()
    dictionary = default_dictionary()
    document = ReportDocument(
        title="政务新媒体自查报告",
        period_label=period.label,
        meta=[
            *report_meta(name, unit, moment, missing="（未填写）"),
            ("检查依据", "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》及本地要求"),
            ("错敏字词典", f"{dictionary.title} {dictionary.version}（{len(dictionary)} 条）"),
            ("更新规则版本", PRESETS_VERSION),
        ],
    )
    if not accounts:
        document.empty_message = (
            "还没有标记为“本单位运营”的账号。下一步：在订阅源列表中右键账号，选择“标记为本单位运营”。"
        )
        return SelfInspection(document, 0, 0)

    breaches = _cadence_breaches(desk, accounts, period, last_day)
    wording = desk.wording.published_findings(start, until)
    severe = [f for f in wording if f.hit.entry.severity == WordingSeverity.SEVERE]
    minor = [f for f in wording if f.hit.entry.severity != WordingSeverity.SEVERE]
    messages = [
        m
        for m in desk.messages.messages(moment, until=until)
        if m.state in (MessageState.OVERDUE, MessageState.REPLIED_LATE) and m.reply_due_at >= start
    ]
    duty_tasks = [
        t
        for t in desk.duties.duty_tasks(moment, since=start)
        if t.due_at < end and t.state in (DutyState.MISSED, DutyState.LATE)
    ]
    fixed_links = desk.wording.fixed_links([a.source_id for a in accounts])
    # Links as last checked (the check time is in the row): the report shows the state handed over.
    dead = desk.links.results(broken_only=True)

    veto_breaches = [(a, b) for a, b in breaches if a.rule.veto]
    local_breaches = [(a, b) for a, b in breaches if not a.rule.veto]
    veto = Section("一、单项否决项", sheet=VETO_SHEET, landscape=True)
    veto.blocks += [
        _breach_table("1. 更新不及时（单项否决）", veto_breaches),
        _wording_table("2. 严重错敏字（政治表述、敏感表述）", severe),
        _message_table("3. 留言超期未回复", messages),
    ]
    deduct = Section("二、扣分项", sheet=DEDUCT_SHEET, landscape=True)
    deduct.blocks += [
        Table(
            "1. 链接或功能无法使用",
            [
                Column("账号", "text", 16),
                Column("链接", "text", 36),
                Column("所在文章/位置", "text", 24),
                Column("检查时间", "text", 16),
                Column("检查结果", "text", 28),
                Column("整改情况", "text", 12),
            ],
            [
                [
                    r.source_name,
                    r.url,
                    r.item_title or ("菜单" if r.origin == "menu" else ""),
                    _day(r.checked_at) + ("（预置记录）" if r.recorded else ""),
                    r.outcome,
                    "已整改" if (r.source_id, r.url) in fixed_links else "未整改",
                ]
                for r in dead
            ],
            note=None if dead else "本期未发现无法打开的链接。",
        ),
        _duty_table("2. 上级重要信息转发不及时", duty_tasks),
        _wording_table("3. 一般错别字、过时机构名称", minor),
        _breach_table("4. 更新频率未达本地要求（扣分）", local_breaches),
    ]
    overview = Section("三、账号与规则", sheet=ACCOUNTS_SHEET)
    overview.blocks.append(
        Table(
            "本单位运营的账号",
            [
                Column("账号", "text", 18),
                Column("更新规则", "text", 26),
                Column("规则说明", "text", 40),
                Column("依据", "text", 50),
            ],
            [[a.name, a.rule.label(), a.rule.describe(), a.rule.citation] for a in accounts],
        )
    )
    veto_count = len(veto_breaches) + len(severe) + len(messages)
    deduct_count = len(dead) + len(duty_tasks) + len(minor) + len(local_breaches)
    summary = f"本期共 {len(accounts)} 个账号，单项否决项 {veto_count} 项，扣分项 {deduct_count} 项。" + (
        " 单项否决项须立即整改。" if veto_count else ""
    )
    conclusion = Section("自查结论", [Paragraph(summary)], sheet=VETO_SHEET)
    basis = dictionary.severity_basis
    if basis is not None:
        overview.blocks.append(Paragraph(f"错敏字分级依据：{basis}"))
    document.sections += [conclusion, veto, deduct, overview]
    return SelfInspection(document, veto_count, deduct_count)


def _cadence_breaches(
    desk: OwnDesk, accounts: Sequence[OwnAccountView], period: Period, last_day: date
) -> list[tuple[OwnAccountView, Breach]]:
    longest = max((a.rule.max_gap_days or 0) for a in accounts)
    window_start = period.first - timedelta(days=longest + 7)
    moment = datetime.combine(last_day + timedelta(days=1), datetime.min.time(), tzinfo=CHINA_TZ)
    posts = desk.accounts.posts_between(accounts, window_start, moment - timedelta(milliseconds=1))
    out: list[tuple[OwnAccountView, Breach]] = []
    for account in accounts:
        since = china_date(account.marked_at)
        for breach in breaches_between(
            account.rule, posts.get(account.source_id, []), period.first, last_day, since=since
        ):
            out.append((account, breach))
    return out


def _breach_table(title: str, rows: list[tuple[OwnAccountView, Breach]]) -> Table:
    return Table(
        title,
        [
            Column("账号", "text", 16),
            Column("规则", "text", 22),
            Column("超期起止", "text", 24),
            Column("天数", "int", 6),
            Column("证据", "text", 40),
            Column("整改情况", "text", 22),
        ],
        [
            [
                account.name,
                account.rule.label(),
                f"{breach.first:%Y-%m-%d} 至 {breach.last:%Y-%m-%d}",
                breach.days,
                breach.detail,
                f"已于 {breach.resumed_on:%Y-%m-%d} 恢复更新" if breach.resumed_on else "尚未恢复更新",
            ]
            for account, breach in rows
        ],
        note=None if rows else "本期无此类问题。",
    )


def _wording_table(title: str, findings: list[WordingFinding]) -> Table:
    return Table(
        title,
        [
            Column("账号", "text", 14),
            Column("发布时间", "text", 16),
            Column("文章", "text", 26),
            Column("原文片段", "text", 30),
            Column("建议改为", "text", 18),
            Column("类别", "text", 12),
            Column("词典依据", "text", 36),
            Column("链接", "text", 30),
            Column("整改情况", "text", 10),
        ],
        [
            [
                f.source_name,
                _day(f.published_at),
                f.item_title,
                f.context,
                f.hit.entry.suggestion or "删除",
                category_label(f.hit.entry.category),
                f.hit.entry.source.citation,
                f.url or "",
                "已整改" if f.fixed else "未整改",
            ]
            for f in findings
        ],
        note=None if findings else "本期无此类问题。",
        pdf_max_rows=60,
    )


def _message_table(title: str, messages: list[MessageView]) -> Table:
    return Table(
        title,
        [
            Column("账号", "text", 14),
            Column("留言人", "text", 10),
            Column("留言摘要", "text", 34),
            Column("收到时间", "text", 16),
            Column("回复期限", "text", 16),
            Column("状态", "text", 10),
            Column("回复情况", "text", 26),
        ],
        [
            [
                m.source_name,
                m.sender or "",
                m.text[:60],
                _day(m.received_at),
                _day(m.reply_due_at),
                state_label(m.state),
                (f"{_day(m.replied_at)} 回复：{m.reply_note or ''}" if m.replied_at else "尚未回复"),
            ]
            for m in messages
        ],
        note=None if messages else "本期无超期未回复的留言。",
    )


def _duty_table(title: str, tasks: list[DutyTaskView]) -> Table:
    return Table(
        title,
        [
            Column("本单位账号", "text", 14),
            Column("上级账号", "text", 14),
            Column("上级信息", "text", 30),
            Column("上级发布", "text", 16),
            Column("转发期限", "text", 16),
            Column("状态", "text", 10),
            Column("证据", "text", 50),
        ],
        [
            [
                t.own_name,
                t.superior_name,
                t.superior_title,
                _day(t.published_at),
                _day(t.due_at),
                DUTY_STATE_LABELS[t.state][0],
                t.evidence or "截至报告生成时仍未在本账号发现转发",
            ]
            for t in tasks
        ],
        note=None if tasks else "本期转发职责均按时完成。",
    )


def export_self_inspection(
    desk: OwnDesk,
    period: Period,
    target: Path,
    *,
    name: str = "",
    unit: str = "",
    now: datetime | None = None,
) -> tuple[Path, SelfInspection]:
    report = build_self_inspection(desk, period, name=name, unit=unit, now=now)
    return write_document(report.document, target), report
