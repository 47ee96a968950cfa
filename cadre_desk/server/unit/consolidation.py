"""The unit consolidation report (XLSX): keep / merge / close candidates with the aggregated
evidence and the policy citations of the burden catalogue. Figures of ≥ k reporters only."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter

from cadre_desk.domain.burden_rules import CATALOGUE
from cadre_desk.domain.enums import BurdenCategory
from cadre_desk.domain.labels import label
from cadre_desk.server.unit.pages import finding_sentence, level_text
from cadre_desk.server.unit.store import UnitStore

_CLOSE = {"zombie", "dead", "low_value"}
_MERGE = {"duplicate_account", "overlap", "repost"}


def _citations(category: BurdenCategory) -> str:
    return "；".join(str(c) for rule in CATALOGUE if rule.category == category for c in rule.citations)


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
        spent = minutes.get(finding["account"], {}).get("minutes", "")
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
    order = {"关停": 0, "合并": 1, "核查": 2, "保留": 3}
    rows.sort(key=lambda r: (order[r["action"]], -(r["saved"] or 0), r["name"], r["account"]))
    return rows


def consolidation_xlsx(unit: UnitStore) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#EEF2F6", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
    sheet = workbook.add_worksheet("整合建议")
    months = unit.months()
    sheet.write(
        0,
        0,
        f"单位账号整合建议（至少 {unit.min_reporters} 位干部共同报送的数字；"
        f"最近月份 {months[0] if months else '无'}）",
    )
    headers = [
        "建议",
        "账号",
        "标识",
        "依据（汇总）",
        "最近月份干部用时（分钟）",
        "每月可节省（分钟）",
        "政策依据",
    ]
    widths = [8, 24, 30, 60, 16, 14, 60]
    for column, (title, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.write(2, column, title, bold)
        sheet.set_column(column, column, width)
    for index, row in enumerate(candidates(unit), start=3):
        values = [
            row["action"],
            row["name"],
            row["account"],
            row["evidence"],
            row["minutes"],
            row["saved"],
            row["citation"],
        ]
        for column, value in enumerate(values):
            sheet.write(index, column, value, wrap)
    burden = workbook.add_worksheet("减负问题")
    for column, title in enumerate(["减负问题", "账号层级", "操作", "确认的干部数", "要求条数", "政策依据"]):
        burden.write(0, column, title, bold)
        burden.set_column(column, column, 60 if column == 5 else 14)
    for index, item in enumerate(unit.burden(), start=1):
        category = BurdenCategory(item["category"]) if item["category"] in set(BurdenCategory) else None
        values = [
            label(item["category"]),
            level_text(item["level"]),
            label(item["operation"]),
            item["reporters"],
            item["requirements"],
            _citations(category) if category else "",
        ]
        for column, value in enumerate(values):
            burden.write(index, column, value, wrap)
    workbook.close()
    return buffer.getvalue()
