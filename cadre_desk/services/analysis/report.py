"""The consolidation report a cadre hands to the unit: accounts followed, findings with
evidence, proposed cuts and merges, minutes saved. Built once, rendered as XLSX and PDF by
``report_export`` so both formats carry the same rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import text

from cadre_desk.domain.enums import Category, FindingKind, FindingStatus, Level, Platform
from cadre_desk.domain.labels import label
from cadre_desk.services.analysis.facts import AnalysisParams, gather_facts
from cadre_desk.services.analysis.findings import FindingRow, followed_count, list_findings, what_if
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database

CST = timezone(timedelta(hours=8), "CST")  # reports are read in China Standard Time

MERGE_KINDS = (FindingKind.OVERLAP, FindingKind.DUPLICATE_ACCOUNT)


@dataclass
class ReportTable:
    title: str
    headers: list[str]
    rows: list[list[object]]
    widths: list[float]  # in characters
    note: str | None = None


@dataclass
class ConsolidationReport:
    title: str
    meta: list[tuple[str, str]]
    summary: list[str]
    tables: list[ReportTable] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)


def _enum_label(enum_type: type, value: str | None) -> str:
    if not value:
        return ""
    try:
        return label(enum_type(value))
    except ValueError:
        return value


def proposed_action(row: FindingRow) -> str:
    if row.kind in MERGE_KINDS and row.related_source_name:
        return f"合并：只关注「{row.related_source_name}」"
    if row.kind == FindingKind.LOW_VALUE:
        return "取消关注，或向要求单位反映减少规定操作"
    return "取消关注"


def build_consolidation_report(db: Database, settings: Settings, now: datetime) -> ConsolidationReport:
    open_rows = list_findings(db, (FindingStatus.OPEN,))
    kept_rows = list_findings(db, (FindingStatus.KEPT,))
    followed = followed_count(db)
    total = what_if(open_rows, [r.id for r in open_rows], followed)
    unit = str(settings.get("user.unit")) or "（未填写单位）"
    name = str(settings.get("user.name")) or "（未填写）"
    report = ConsolidationReport(
        title="关注账号精简报告",
        meta=[
            ("单位", unit),
            ("填报人", name),
            ("生成时间", now.astimezone(CST).strftime("%Y-%m-%d %H:%M")),
            ("统计时间窗", f"最近 {settings.get('analysis.window_days')} 天"),
        ],
        summary=[
            f"目前关注账号 {followed} 个，发现减负建议 {len(open_rows)} 条，"
            f"涉及账号 {len(total.sources)} 个。",
            f"全部采纳后每月约节省 {total.minutes_saved_per_month:.0f} 分钟（约 "
            f"{total.minutes_saved_per_month / 60:.1f} 小时），"
            f"关注账号由 {followed} 个减少到 {total.accounts_left} 个。",
            "依据：国办发〔2018〕123号（一个单位在同一平台原则上只开设一个账号）、"
            "国办秘函〔2019〕19号（两周未更新视为僵尸账号）及整治“指尖上的形式主义”有关要求。",
        ],
        findings=open_rows,
    )
    report.tables.append(
        ReportTable(
            "一、减负建议（按每月节省时间排序）",
            ["序号", "账号", "平台", "层级", "问题", "证据", "建议", "每月节省（分钟）"],
            [
                [
                    n,
                    r.source_name,
                    _enum_label(Platform, r.platform),
                    _enum_label(Level, r.level),
                    label(r.kind),
                    r.summary,
                    proposed_action(r),
                    round(r.minutes_saved_per_month, 1),
                ]
                for n, r in enumerate(open_rows, 1)
            ],
            [5, 18, 10, 7, 12, 48, 20, 10],
        )
    )
    per_source: dict[str, FindingRow] = {}
    for r in open_rows:
        best = per_source.get(r.source_id)
        if best is None or r.minutes_saved_per_month > best.minutes_saved_per_month:
            per_source[r.source_id] = r
    cuts = sorted(per_source.values(), key=lambda r: (-r.minutes_saved_per_month, r.source_name))
    report.tables.append(
        ReportTable(
            "二、拟精简、合并的账号",
            ["账号", "主办单位", "建议操作", "主要理由", "每月节省（分钟）"],
            [
                [
                    r.source_name,
                    r.owner_unit or "",
                    proposed_action(r),
                    label(r.kind),
                    round(r.minutes_saved_per_month, 1),
                ]
                for r in cuts
            ]
            + [["合计", "", f"{len(cuts)} 个账号", "", total.minutes_saved_per_month]],
            [20, 22, 26, 14, 12],
        )
    )
    kept_by_source = {r.source_id: r for r in kept_rows}
    report.tables.append(
        ReportTable(
            "三、保留的账号及理由",
            ["账号", "曾被提示的问题", "保留理由"],
            [
                [r.source_name, label(r.kind), r.keep_reason or r.status_reason or ""]
                for r in kept_by_source.values()
            ],
            [22, 16, 50],
            note=None if kept_by_source else "无。",
        )
    )
    facts = gather_facts(db, AnalysisParams.from_settings(settings, now))
    with db.engine.connect() as conn:
        ordered = [
            r[0] for r in conn.execute(text("SELECT id FROM sources ORDER BY level, name")) if r[0] in facts
        ]
    params = AnalysisParams.from_settings(settings, now)
    report.tables.append(
        ReportTable(
            "四、目前关注的账号",
            ["账号", "平台", "层级", "类别", "主办单位", "近30天内容", "每月耗时（分钟）"],
            [
                [
                    facts[s].name,
                    _enum_label(Platform, facts[s].platform),
                    _enum_label(Level, facts[s].level),
                    _enum_label(Category, facts[s].category),
                    facts[s].owner_unit or "",
                    facts[s].items_30d,
                    facts[s].monthly_cost(params)["total"],
                ]
                for s in ordered
            ],
            [22, 10, 7, 10, 22, 10, 12],
        )
    )
    return report


def export_consolidation_report(report: ConsolidationReport, target: Path) -> Path:
    from cadre_desk.services.analysis.report_export import write_report_pdf, write_report_xlsx

    if target.suffix.lower() == ".pdf":
        return write_report_pdf(report, target)
    return write_report_xlsx(report, target)
