from __future__ import annotations

import pytest

from cadre_desk.domain.burden_rules import (
    CATALOGUE,
    CATALOGUE_VERSION,
    DOCUMENTS,
    GOV_APPS_2026,
    RequirementFacts,
    suggest_flags,
)
from cadre_desk.domain.enums import BurdenCategory, OperationKind


def facts(title: str, kind: str = OperationKind.OTHER, **kw: object) -> RequirementFacts:
    return RequirementFacts(id=kw.pop("id", "r1"), title=title, operation_kind=kind, **kw)  # type: ignore[arg-type]


def categories(f: RequirementFacts, others: list[RequirementFacts] | None = None) -> set[BurdenCategory]:
    return {s.category for s in suggest_flags(f, others or [])}


def test_catalogue_cites_the_three_documents() -> None:
    assert CATALOGUE_VERSION
    cited = {c.document.key for rule in CATALOGUE for c in rule.citations}
    assert cited == {d.key for d in DOCUMENTS}
    assert "国办函〔2026〕12号" in GOV_APPS_2026.citation
    assert len({rule.id for rule in CATALOGUE}) == len(CATALOGUE)


def test_daily_screenshot_evidence_is_excessive_evidence() -> None:
    f = facts("每日学习截图上传工作群", OperationKind.SCREENSHOT, rrule="FREQ=DAILY")
    suggestions = suggest_flags(f)
    flagged = {s.category: s for s in suggestions}
    assert BurdenCategory.EXCESSIVE_EVIDENCE in flagged
    s = flagged[BurdenCategory.EXCESSIVE_EVIDENCE]
    assert "截图" in s.reason
    assert "整治形式主义为基层减负若干规定" in s.citation_text


def test_monthly_optional_screenshot_is_not_flagged() -> None:
    f = facts(
        "月度工作照片归档", OperationKind.SCREENSHOT, rrule="FREQ=MONTHLY;BYMONTHDAY=1", mandatory=False
    )
    assert BurdenCategory.EXCESSIVE_EVIDENCE not in categories(f)


def test_study_time_ranking_is_ranking_abuse() -> None:
    f = facts("学习时长全县排名通报", OperationKind.STUDY_CHECKIN, rrule="FREQ=WEEKLY;BYDAY=MO")
    got = categories(f)
    assert BurdenCategory.RANKING_ABUSE in got
    assert BurdenCategory.FORCED_USE in got  # compulsory study check-in as well


def test_mandatory_daily_checkin_is_forced_use() -> None:
    f = facts("每日学习打卡", OperationKind.STUDY_CHECKIN, rrule="FREQ=DAILY;X-CN-WORKDAY=1")
    s = next(x for x in suggest_flags(f) if x.category == BurdenCategory.FORCED_USE)
    assert "打卡" in s.reason
    assert "指尖上的形式主义" in s.citation_text


def test_voluntary_reading_is_clean() -> None:
    f = facts("阅读县政府通知公告", OperationKind.READ, rrule="FREQ=DAILY", mandatory=False)
    assert categories(f) == set()


def test_forward_counted_in_assessment() -> None:
    f = facts("转发县融媒文章，转发量纳入月度考核", OperationKind.FORWARD, within_hours=1)
    s = next(x for x in suggest_flags(f) if x.category == BurdenCategory.RANKING_ABUSE)
    assert "考核" in s.reason
    assert "12号" in s.citation_text


def test_mandatory_like_is_forced_use_via_engagement_rule() -> None:
    f = facts("给县委公众号文章点赞", OperationKind.LIKE, within_hours=2)
    assert BurdenCategory.RANKING_ABUSE in categories(f) or BurdenCategory.FORCED_USE in categories(f)
    assert categories(facts("给文章点赞", OperationKind.LIKE, within_hours=2, mandatory=False)) == set()


def test_install_quota_and_daily_login() -> None:
    assert BurdenCategory.FORCED_USE in categories(facts("完成App安装率95%", OperationKind.INSTALL_LOGIN))
    assert BurdenCategory.FORCED_USE in categories(
        facts("每天登录平台", OperationKind.INSTALL_LOGIN, rrule="FREQ=DAILY", mandatory=False)
    )


def test_group_reply_within_an_hour_and_jielong() -> None:
    reply = facts("收到通知回复", OperationKind.GROUP_REPLY, within_hours=0.5)
    assert BurdenCategory.FORCED_USE in categories(reply)
    assert BurdenCategory.FORCED_USE in categories(
        facts("群内接龙报平安", OperationKind.GROUP_REPLY, rrule="FREQ=DAILY")
    )
    relaxed = facts("工作群回复", OperationKind.GROUP_REPLY, within_hours=24, mandatory=False)
    assert categories(relaxed) == set()


def test_location_tracks_are_excessive_evidence() -> None:
    f = facts("巡河上传位置轨迹", OperationKind.OTHER, rrule="FREQ=WEEKLY;BYDAY=MO")
    s = next(x for x in suggest_flags(f) if x.category == BurdenCategory.EXCESSIVE_EVIDENCE)
    assert "轨迹" in s.reason


def test_same_report_on_two_platforms_is_multiple_reporting() -> None:
    a = facts("防返贫监测信息填报", OperationKind.REPORT, id="a", source_id="s1", source_name="省防返贫平台")
    b = facts("防返贫监测信息报送表", OperationKind.REPORT, id="b", source_id="s2", imposed_by="县乡村振兴局")
    c = facts("安全生产月报", OperationKind.REPORT, id="c", source_id="s3")
    assert BurdenCategory.MULTIPLE_REPORTING in categories(b, [a, c])
    reason = next(
        s for s in suggest_flags(b, [a, c]) if s.category == BurdenCategory.MULTIPLE_REPORTING
    ).reason
    assert "省防返贫平台" in reason
    assert BurdenCategory.MULTIPLE_REPORTING not in categories(c, [a, b])


def test_zombie_source() -> None:
    assert BurdenCategory.ZOMBIE_SHELL in categories(
        facts("关注村务公众号", OperationKind.READ, source_silent_days=90)
    )
    assert BurdenCategory.ZOMBIE_SHELL not in categories(
        facts("关注村务公众号", OperationKind.READ, source_silent_days=3)
    )


@pytest.mark.parametrize("rule", CATALOGUE, ids=lambda r: r.id)
def test_every_rule_has_citations_and_title(rule: object) -> None:
    assert rule.title and rule.citations  # type: ignore[attr-defined]
    for citation in rule.citations:  # type: ignore[attr-defined]
        assert citation.point and "《" in str(citation)
