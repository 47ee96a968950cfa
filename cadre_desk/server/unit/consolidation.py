"""The unit consolidation report (XLSX and PDF): keep / merge / close candidates with the
aggregated evidence and the policy citations of the burden catalogue. Figures of ≥ k reporters
only, as published in the last batch.

Built once as a ``ReportDocument`` and rendered by the shared writers of ``services.reports``
(the desktop reports' PDF with its embedded CJK font, and their XLSX), so both formats carry the
same rows.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from cadre_desk.domain.burden_rules import CATALOGUE, CATALOGUE_VERSION, DOCUMENTS, Citation
from cadre_desk.domain.enums import BurdenCategory
from cadre_desk.domain.labels import label
from cadre_desk.server.unit.pages import finding_sentence, level_text
from cadre_desk.server.unit.store import UnitStore
from cadre_desk.services.reports.document import (
    REPORT_TZ,
    Column,
    Paragraph,
    ReportDocument,
    Section,
    Table,
)
from cadre_desk.services.reports.pdf import pdf_bytes
from cadre_desk.services.reports.xlsx import xlsx_bytes

TITLE = "单位政务新媒体账号整合建议报告"
_CLOSE = {"zombie", "dead", "low_value"}
_MERGE = {"duplicate_account", "overlap", "repost"}
_ORDER = {"关停": 0, "合并": 1, "核查": 2, "保留": 3}


def _short_citation(citation: Citation) -> str:
    number = f"（{citation.document.number}）" if citation.document.number else ""
    return f"《{citation.document.title}》{number}：{citation.point}"


def _citations(category: BurdenCategory) -> str:
    """The catalogue's citations for ``category``, each once, in catalogue order."""
    seen: dict[str, None] = {}
    for rule in CATALOGUE:
        if rule.category == category:
            seen.update({_short_citation(citation): None for citation in rule.citations})
    return "\n".join(seen)


def candidates(unit: UnitStore) -> list[dict[str, Any]]:
    findings = unit.consensus_findings(limit=10_000)
    months = unit.months()
    minutes = {row["account"]: row for row in unit.ranking(months[0], limit=500)} if months else {}
    rows: list[dict[str, Any]] = []
    decided: set[str] = set()
    for finding in findings:
        if finding["reporters"] * 2 < finding["followers"]:
            continue  # not a majority of those who follow it
        action = "关停" if finding["kind"] in _CLOSE else "合并" if finding["kind"] in _MERGE else "核查"
        decided.add(finding["account"])
        spent = minutes.get(finding["account"], {}).get("minutes")
        rows.append(
            {
                "action": action,
                "name": finding["name"],
                "account": finding["account"],
                "evidence": finding_sentence(finding),
                "minutes": spent,
                "saved": finding["minutes_saved"],
                "citation": _citations(BurdenCategory.ZOMBIE_SHELL),
            }
        )
    for account, row in minutes.items():
        if account not in decided:
            rows.append(
                {
                    "action": "保留",
                    "name": row["name"],
                    "account": account,
                    "evidence": (
                        f"{row['reporters']} 位干部报送，{level_text(row['level'])}，没有多数一致的问题结论"
                    ),
                    "minutes": row["minutes"],
                    "saved": 0,
                    "citation": "",
                }
            )
    rows.sort(
        key=lambda r: (
            _ORDER[r["action"]],
            -(r["saved"] or 0),
            -(r["minutes"] or 0),
            r["name"],
            r["account"],
            r["evidence"],
        )
    )
    return rows


def consolidation_document(unit: UnitStore) -> ReportDocument:
    months = unit.months()
    latest = months[0] if months else ""
    state = unit.published_state()
    reporters = unit.reporter_count()
    k = unit.min_reporters
    published = datetime.fromtimestamp(state.published_at, REPORT_TZ)
    rows = candidates(unit)
    document = ReportDocument(
        title=TITLE,
        period_label=f"{latest} 月份" if latest else "暂无足够数据",
        meta=[
            ("报送干部", f"{reporters} 位" if reporters is not None else f"不足 {k} 位"),
            ("数据汇总于", f"{published:%Y-%m-%d %H:%M}"),
            ("匿名门槛", f"每个数字至少 {k} 位干部"),
        ],
    )
    if not rows and not unit.burden():
        document.empty_message = (
            f"还没有至少 {k} 位干部共同报送的数据，无法形成整合建议。"
            "下一步：请干部在 cadre_desk 设置中开启“向单位报送减负统计”并同步。"
        )
        return document
    document.sections = [
        _summary(rows, latest, reporters, k, published),
        _proposals(rows, latest),
        _burden(unit),
        _policies(),
    ]
    return document


def _summary(
    rows: list[dict[str, Any]], latest: str, reporters: int | None, k: int, published: datetime
) -> Section:
    counts = Counter(row["action"] for row in rows)
    saved = sum(row["saved"] or 0 for row in rows)
    minutes = sum(row["minutes"] or 0 for row in rows if row["action"] == "保留")
    table = Table(
        "建议汇总",
        [
            Column("建议", "text", 8),
            Column("账号数", "int", 8),
            Column(f"{latest} 干部用时合计（分钟）", "minutes", 16),
            Column("每月可节省（分钟）", "minutes", 14),
        ],
        [
            [
                action,
                counts[action],
                sum(r["minutes"] or 0 for r in rows if r["action"] == action),
                sum(r["saved"] or 0 for r in rows if r["action"] == action),
            ]
            for action in _ORDER
            if counts[action]
        ],
    )
    who = f"{reporters} 位干部" if reporters is not None else f"不足 {k} 位干部"
    return Section(
        "一、概况",
        [
            Paragraph(
                f"本报告汇总 {who}自愿、匿名报送的减负统计（各账号每月用时、操作次数、"
                "工具得出的分析结论和确认的减负问题），不含任何干部的姓名、文章内容或工作记录。"
                f"表中每个数字至少来自 {k} 位干部；人数不足的账号和结论不列出。"
            ),
            Paragraph(
                f"数据按批次汇总，本报告依据 {published:%Y-%m-%d %H:%M} 汇总的批次；"
                f"每一批次至少包含 {k} 位干部的新报送，因此数字的任何变化都不能对应到某一位干部。"
            ),
            Paragraph(
                f"建议关停 {counts['关停']} 个、合并 {counts['合并']} 个、核查 {counts['核查']} 个账号，"
                f"全部采纳后干部每月合计约可节省 {saved:,.0f} 分钟（约 {saved / 60:,.1f} 小时）；"
                f"建议保留的 {counts['保留']} 个账号在 {latest or '最近月份'} "
                f"共占用干部 {minutes:,.0f} 分钟。"
            ),
            Paragraph(
                "建议的依据：关注某账号的干部中，过半数的工具得出同一结论时才列为关停（僵尸、失效、"
                "负担高价值低）、合并（重复、内容重叠、以转载为主）或核查；其余账号建议保留。"
                "结论供减负工作参考，须经主管单位核实后决定。"
            ),
            table,
        ],
        sheet="概况",
    )


_PROPOSAL_COLUMNS = [
    Column("建议", "text", 6),
    Column("账号", "text", 14),
    Column("标识", "text", 16),
    Column("依据（汇总）", "text", 34),
    Column("干部用时（分钟）", "minutes", 10),
]


def _proposals(rows: list[dict[str, Any]], latest: str) -> Section:
    changes = [r for r in rows if r["action"] != "保留"]
    kept = [r for r in rows if r["action"] == "保留"]
    return Section(
        "二、整合建议明细",
        [
            Table(
                f"拟关停、合并、核查的账号（用时为 {latest} 合计，按每月可节省时间排序）",
                [
                    *_PROPOSAL_COLUMNS,
                    Column("每月可节省（分钟）", "minutes", 9),
                    Column("政策依据", "text", 30),
                ],
                [
                    [
                        r["action"],
                        r["name"],
                        r["account"],
                        r["evidence"],
                        r["minutes"],
                        r["saved"],
                        r["citation"],
                    ]
                    for r in changes
                ],
                note=None if changes else "没有多数干部一致认为应关停、合并或核查的账号。",
            ),
            Table(
                f"建议保留的账号（{latest} 用时）",
                _PROPOSAL_COLUMNS,
                [[r["action"], r["name"], r["account"], r["evidence"], r["minutes"]] for r in kept],
                note=None if kept else "无。",
            ),
        ],
        sheet="整合建议",
        landscape=True,
    )


def _burden(unit: UnitStore) -> Section:
    items = unit.burden()
    rows = []
    for item in items:
        category = BurdenCategory(item["category"]) if item["category"] in set(BurdenCategory) else None
        rows.append(
            [
                label(item["category"]),
                level_text(item["level"]),
                label(item["operation"]),
                item["reporters"],
                item["requirements"],
                _citations(category) if category else "",
            ]
        )
    return Section(
        "三、减负问题（按账号层级）",
        [
            Table(
                "干部确认的减负问题及其背后的要求",
                [
                    Column("减负问题", "text", 10),
                    Column("账号层级", "text", 8),
                    Column("要求的操作", "text", 10),
                    Column("确认的干部数", "int", 8),
                    Column("要求条数", "int", 8),
                    Column("政策依据", "text", 50),
                ],
                rows,
                note=None if rows else "还没有至少 k 位干部共同确认的减负问题。",
            )
        ],
        sheet="减负问题",
        landscape=True,
    )


def _policies() -> Section:
    return Section(
        "四、政策依据",
        [
            Paragraph(f"{index}. {document.citation}，{document.year} 年。")
            for index, document in enumerate(DOCUMENTS, 1)
        ]
        + [
            Paragraph(
                f"各条要点摘自 cadre_desk 减负规则目录（版本 {CATALOGUE_VERSION}），为条文要点概述，"
                "引用时请以原文为准。"
            )
        ],
        sheet="政策依据",
    )


def consolidation_xlsx(unit: UnitStore) -> bytes:
    return xlsx_bytes(consolidation_document(unit))


def consolidation_pdf(unit: UnitStore) -> bytes:
    return pdf_bytes(consolidation_document(unit))
