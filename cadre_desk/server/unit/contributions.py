"""A report as it arrives: checked, normalized, and turned into what it adds to each total.

Pure functions (no database): the store applies ``difference(old, new)`` to the totals, so a
report replacing an earlier one, or a revocation (``new`` empty), costs only what changed.
"""

from __future__ import annotations

import math
import re
from typing import Any

from cadre_desk.domain.errors import CadreError

MAX_ACCOUNTS = 3_000
MAX_MONTHS = 24
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_KINDS = {"zombie", "dead", "repost", "overlap", "duplicate_account", "low_value"}
_LEVELS = {"", "central", "province", "city", "county", "township", "village"}

Totals = dict[str, dict[tuple[str, ...], tuple[float, ...]]]
TABLE_WIDTH = {"names": 1, "follows": 1, "months": 3, "findings": 3, "burden": 3}


class ReportFormatError(CadreError):
    pass


def _text(value: Any, limit: int, what: str) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ReportFormatError(f"减负统计格式不正确：{what}。")
    return value.strip()


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ReportFormatError(f"减负统计格式不正确：{what}不是数字。")
    if not 0 <= value <= 1_000_000:
        raise ReportFormatError(f"减负统计格式不正确：{what}超出范围。")
    return float(value)


def normalize(body: Any) -> dict[str, Any]:
    """The parts of a report the server keeps, checked; anything else in it is dropped."""
    if not isinstance(body, dict) or body.get("format") != 1:
        raise ReportFormatError("减负统计的格式版本与服务器不一致。", "请把 cadre_desk 升级到最新版本。")
    accounts_in, months_in = body.get("accounts"), body.get("months")
    burden_in, findings_in = body.get("burden", {}), body.get("findings", {})
    if not all(isinstance(part, dict) for part in (accounts_in, months_in, burden_in, findings_in)):
        raise ReportFormatError("减负统计格式不正确：缺少 accounts 或 months。")
    assert isinstance(accounts_in, dict) and isinstance(months_in, dict)
    if len(accounts_in) > MAX_ACCOUNTS or len(months_in) > MAX_MONTHS:
        raise ReportFormatError("减负统计过大（账号或月份过多）。")
    accounts: dict[str, dict[str, str]] = {}
    for key, info in accounts_in.items():
        key = _text(key, 500, "账号标识")
        if not isinstance(info, dict):
            raise ReportFormatError("减负统计格式不正确：账号信息。")
        level = _text(info.get("level", ""), 20, "账号层级")
        accounts[key] = {
            "name": _text(info.get("name", ""), 300, "账号名称"),
            "level": level if level in _LEVELS else "",
        }
    months: dict[str, dict[str, list[float]]] = {}
    for month, rows in months_in.items():
        if not isinstance(month, str) or not _MONTH.match(month) or not isinstance(rows, list):
            raise ReportFormatError("减负统计格式不正确：月份。")
        cells: dict[str, list[float]] = {}
        for row in rows:
            if not isinstance(row, dict) or row.get("account") not in accounts:
                raise ReportFormatError("减负统计格式不正确：月度数据指向未列出的账号。")
            operations = row.get("operations", {})
            if not isinstance(operations, dict):
                raise ReportFormatError("减负统计格式不正确：操作次数。")
            count = sum(_number(value, "操作次数") for value in operations.values())
            cells[row["account"]] = [_number(row.get("minutes", 0), "用时"), count]
        months[month] = cells
    burden: dict[str, list[list[Any]]] = {}
    for key, rows in burden_in.items():
        if key not in accounts or not isinstance(rows, list):
            raise ReportFormatError("减负统计格式不正确：减负问题指向未列出的账号。")
        burden[key] = [
            [
                sorted({_text(category, 30, "减负问题类别") for category in row.get("categories", [])}),
                _text(row.get("operation", "other"), 30, "操作类型"),
                _number(row.get("expected_minutes", 0), "预计用时"),
            ]
            for row in rows
            if isinstance(row, dict) and isinstance(row.get("categories", []), list)
        ]
    findings: dict[str, list[list[Any]]] = {}
    for key, rows in findings_in.items():
        if key not in accounts or not isinstance(rows, list):
            raise ReportFormatError("减负统计格式不正确：分析结论指向未列出的账号。")
        kept = []
        for row in rows:
            if not isinstance(row, dict) or row.get("kind") not in _KINDS:
                continue
            related = row.get("related") or ""
            related = _text(related, 500, "相关账号") if related else ""
            kept.append(
                [
                    row["kind"],
                    related,
                    _number(row.get("score", 0), "分值"),
                    _number(row.get("minutes_saved_per_month", 0), "节省时间"),
                ]
            )
        findings[key] = kept
    return {"accounts": accounts, "months": months, "burden": burden, "findings": findings}


def contributions(report: dict[str, Any] | None) -> Totals:
    """What one reporter adds to each total: every key counts the reporter once."""
    totals: Totals = {table: {} for table in TABLE_WIDTH}
    if not report:
        return totals
    accounts: dict[str, dict[str, str]] = report["accounts"]
    for key, info in accounts.items():
        totals["names"][(key, info["name"], info["level"])] = (1,)
        totals["follows"][(key,)] = (1,)
    for month, cells in report["months"].items():
        for key, (minutes, operations) in cells.items():
            totals["months"][(month, key)] = (1, minutes, operations)
    for key, rows in report["findings"].items():
        for kind, related, score, saved in rows:
            cell = (kind, key, related)
            earlier = totals["findings"].get(cell)
            if earlier is None or score > earlier[1]:
                totals["findings"][cell] = (1, score, saved)
    burden: dict[tuple[str, ...], list[float]] = {}
    for key, rows in report["burden"].items():
        level = accounts[key]["level"]
        for categories, operation, expected in rows:
            for category in categories:
                sums = burden.setdefault((category, level, operation), [1, 0, 0.0])
                sums[1] += 1
                sums[2] += expected
    totals["burden"] = {cell: tuple(values) for cell, values in burden.items()}
    return totals


def difference(old: Totals, new: Totals) -> Totals:
    """``new - old`` per key, leaving out keys whose figures do not change."""
    result: Totals = {}
    for table, width in TABLE_WIDTH.items():
        before, after = old.get(table, {}), new.get(table, {})
        changed: dict[tuple[str, ...], tuple[float, ...]] = {}
        for cell in before.keys() | after.keys():
            a = before.get(cell, (0.0,) * width)
            b = after.get(cell, (0.0,) * width)
            delta = tuple(y - x for x, y in zip(a, b, strict=True))
            if any(abs(value) > 1e-9 for value in delta):
                changed[cell] = delta
        result[table] = changed
    return result
