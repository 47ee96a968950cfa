"""The consolidation report a cadre hands to the unit: accounts followed, findings with
evidence, proposed cuts and merges, minutes saved. Built once as a ``ReportDocument`` and
rendered by the shared writers of ``services.reports`` (atomic write, CJK font embedded in the
PDF), so XLSX and PDF carry the same rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from cadre_desk.domain.enums import Category, FindingStatus
from cadre_desk.domain.labels import label
from cadre_desk.services.analysis.accounts import (
    AccountFindings,
    findings_of,
    group_by_account,
    proposed_action,
)
from cadre_desk.services.analysis.facts import AnalysisParams, gather_facts
from cadre_desk.services.analysis.findings import FindingRow, followed_count, list_findings, what_if
from cadre_desk.services.reports import REPORT_TZ, Column, Paragraph, ReportDocument, Section, Table
from cadre_desk.services.reports.tables import (
    account_cells,
    account_columns,
    ranked_account_table,
    report_meta,
    vocab_label,
    write_document,
)
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database


@dataclass
class ConsolidationReport:
    """The report as a format-neutral document plus the findings it was built from."""

    document: ReportDocument
    findings: list[FindingRow] = field(default_factory=list)
    accounts: list[AccountFindings] = field(default_factory=list)  # the findings per account


def _reasons(group: AccountFindings) -> str:
    return "、".join(label(kind) for kind in group.kinds)


def build_consolidation_report(db: Database, settings: Settings, now: datetime) -> ConsolidationReport:
    open_rows = list_findings(db, (FindingStatus.OPEN,))
    kept_rows = list_findings(db, (FindingStatus.KEPT,))
    followed = followed_count(db)
    accounts = group_by_account(open_rows)
    total = what_if(open_rows, findings_of(accounts), followed)
    window = AnalysisParams.from_settings(settings, now).window_days
    document = ReportDocument(
        title="关注账号精简报告",
        period_label=f"截至 {now.astimezone(REPORT_TZ):%Y-%m-%d} 的最近 {window} 天",
        meta=report_meta(settings.get("user.name"), settings.get("user.unit"), now, missing="（未填写）"),
    )
    summary = Section(
        "概况",
        [
            Paragraph(
                f"目前关注账号 {followed} 个，{len(total.sources)} 个账号有减负建议"
                f"（理由 {len(open_rows)} 条；一个账号可有多条理由，节省时间只计一次）。"
            ),
            Paragraph(
                f"全部采纳后每月约节省 {total.minutes_saved_per_month:.0f} 分钟（约 "
                f"{total.minutes_saved_per_month / 60:.1f} 小时），"
                f"关注账号由 {followed} 个减少到 {total.accounts_left} 个。"
            ),
            Paragraph(
                "依据：国办发〔2018〕123号（同一单位在同一平台原则上只开设一个账号）、"
                "国办秘函〔2019〕19号（两周未更新视为僵尸账号）及整治“指尖上的形式主义”有关要求。"
            ),
        ],
    )
    findings_table = ranked_account_table(
        "减负建议（每个账号一行，按每月节省时间排序）",
        "序号",
        (5, 16, 10, 7),
        [
            Column("问题", "text", 12),
            Column("证据", "text", 44),
            Column("建议", "text", 18),
            Column("每月节省（分钟）", "minutes", 10),
        ],
        [
            (
                g.source_name,
                g.lead.platform,
                g.lead.level,
                (
                    _reasons(g),
                    "\n".join(g.evidence_lines()),
                    proposed_action(g),
                    round(g.minutes_saved_per_month, 1),
                ),
            )
            for g in accounts
        ],
        note=None if accounts else "没有待处理的减负建议。",
    )
    cuts_table = Table(
        "拟精简、合并的账号",
        [
            Column("账号", "text", 18),
            Column("主办单位", "text", 20),
            Column("建议操作", "text", 24),
            Column("理由", "text", 16),
            Column("每月节省（分钟）", "minutes", 12),
        ],
        [
            [
                g.source_name,
                g.lead.owner_unit or "",
                proposed_action(g),
                _reasons(g),
                g.minutes_saved_per_month,
            ]
            for g in accounts
        ],
        total_row=["合计", "", f"{len(accounts)} 个账号", "", total.minutes_saved_per_month],
    )
    kept_by_source = {r.source_id: r for r in kept_rows}
    kept_table = Table(
        "保留的账号及理由",
        [Column("账号", "text", 20), Column("曾被提示的问题", "text", 14), Column("保留理由", "text", 44)],
        [
            [r.source_name, label(r.kind), r.keep_reason or r.status_reason or ""]
            for r in kept_by_source.values()
        ],
        note=None if kept_by_source else "无。",
    )
    params = AnalysisParams.from_settings(settings, now)
    facts = gather_facts(db, params)
    with db.engine.connect() as conn:
        ordered = [
            r[0] for r in conn.execute(text("SELECT id FROM sources ORDER BY level, name")) if r[0] in facts
        ]
    accounts_table = Table(
        "目前关注的账号",
        [
            *account_columns(18, 10, 7),
            Column("类别", "text", 10),
            Column("主办单位", "text", 20),
            Column("近30天内容", "int", 9),
            Column("每月耗时（分钟）", "minutes", 11),
        ],
        [
            [
                *account_cells(facts[s].name, facts[s].platform, facts[s].level),
                vocab_label(Category, facts[s].category),
                facts[s].owner_unit or "",
                facts[s].items_30d,
                facts[s].monthly_cost(params)["total"],
            ]
            for s in ordered
        ],
    )
    document.sections = [
        summary,
        Section("减负建议", [findings_table], sheet="减负建议"),
        Section("拟精简、合并的账号", [cuts_table, kept_table], sheet="精简方案"),
        Section("目前关注的账号", [accounts_table], sheet="关注账号"),
    ]
    return ConsolidationReport(document, open_rows, accounts)


def export_consolidation_report(report: ConsolidationReport, target: Path) -> Path:
    """Write the report as PDF, CSV or XLSX (by suffix), atomically."""
    return write_document(report.document, target)
