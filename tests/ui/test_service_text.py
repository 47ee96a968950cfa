"""Texts made below ui/ (fetch errors, schedules, burden-rule reasons and clauses) in English."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from cadre_desk.domain.burden_rules import CATALOGUE, RequirementFacts, suggest_flags
from cadre_desk.domain.recurrence import describe
from cadre_desk.sources.errors import http_status_message
from cadre_desk.ui.service_text import service_text

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_chinese_interface_shows_them_unchanged(interface_language: str) -> None:
    text = "找不到服务器 feeds.example.cn（域名无法解析）"
    if interface_language == "zh_CN":
        assert service_text(text) == text
    else:
        assert service_text(text) == "Server feeds.example.cn not found (the domain name does not resolve)"


def test_english_fetch_errors_schedules_and_rules(interface_language: str, qapp: QApplication) -> None:
    if interface_language != "en":
        return
    assert service_text(http_status_message(404)) == (
        "Address not found; the feed may have been discontinued or moved (HTTP 404)"
    )
    for status in (400, 401, 403, 410, 418, 429, 500, 502, 503, 504, 599):
        assert not HAN.search(service_text(http_status_message(status))), status
    assert (
        service_text("连接中断：10.1.2.3:8080（ReadError）")
        == "Connection interrupted: 10.1.2.3:8080 (ReadError)"
    )
    assert service_text(describe("FREQ=WEEKLY;BYDAY=MO,WE,FR")) == "Weekly on Mon, Wed, Fri"
    assert service_text(describe("FREQ=MONTHLY;BYMONTHDAY=25")) == "Monthly on day 25"
    assert service_text(describe(None, 1.5)) == "Within 1.5 hours of each new item"
    for rule in (
        "FREQ=DAILY",
        "FREQ=DAILY;X-CN-WORKDAY=1",
        "FREQ=MONTHLY;BYMONTHDAY=-1",
        "FREQ=WEEKLY;BYDAY=SU",
    ):
        assert not HAN.search(service_text(describe(rule))), rule
    for rule in CATALOGUE:  # every clause of every rule
        for citation in rule.citations:
            assert not HAN.search(service_text(str(citation))), str(citation)
    facts = RequirementFacts(
        id="r", title="每日学习打卡，纳入考核通报", operation_kind="study_checkin", rrule="FREQ=DAILY"
    )
    for suggestion in suggest_flags(facts):
        reason = service_text(suggestion.reason)
        assert not HAN.search(reason.replace("“通报”", "").replace('"通报"', "")), reason
        assert "Opinions on Preventing" in service_text(
            suggestion.citation_text
        ) or "Measures" in service_text(suggestion.citation_text)
    assert (
        service_text("强制要求的学习打卡（每天/每个工作日）")
        == "Mandatory study check-in (daily/every workday)"
    )
    assert service_text("用户确认") == "Confirmed by user"
    assert service_text("张三的备注") == "张三的备注"  # a user's own words are left alone


def test_english_findings_evidence(interface_language: str, qapp: QApplication) -> None:
    if interface_language != "en":
        return
    zombie = "已 26 天没有发布新内容（最后一条：2026-11-06），超过 14 天的僵尸账号标准。"
    assert service_text(zombie) == (
        "Nothing new for 26 days (last post: 2026-11-06), beyond the 14-day zombie-account threshold."
    )
    duplicate = "「柳林镇人民政府」在微信公众号上有 2 个账号，建议只关注原创最多的「柳林镇人民政府」。"
    assert service_text(duplicate) == (
        '"柳林镇人民政府" has 2 accounts on WeChat account; follow only "柳林镇人民政府", '
        "which publishes the most original posts."
    )
