"""Recurring work from plain Chinese: the phrases cadres type become requirements, not one-offs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from cadre_desk.cli import main
from cadre_desk.domain.quick_recurrence import parse_recurring
from cadre_desk.domain.recurrence import CHINA_TZ, Recurrence
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.settings import Settings
from cadre_desk.services.task_area import build_task_area
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import OperationLog, Requirement, Source, Task

NOW = datetime(2026, 9, 18, 2, 0, tzinfo=UTC)  # Friday 10:00 China time, before 中秋 and National Day
WORKDAYS = "FREQ=DAILY;X-CN-WORKDAY=1"

# (typed, title, rrule, due time, operation kind)
PHRASES: list[tuple[str, str, str, str | None, str]] = [
    ("每个工作日 学习打卡", "学习打卡", WORKDAYS, None, "study_checkin"),
    ("每周一 上午10点 报送周报", "报送周报", "FREQ=WEEKLY;BYDAY=MO", "10:00", "report"),
    ("每月5日前 填报", "填报", "FREQ=MONTHLY;BYMONTHDAY=5", None, "report"),
    ("每天 学习强国打卡", "学习强国打卡", "FREQ=DAILY", None, "study_checkin"),
    ("每日早上9点前 学习打卡", "学习打卡", "FREQ=DAILY", "09:00", "study_checkin"),
    ("工作日每天下午5点前报送疫情日报", "报送疫情日报", WORKDAYS, "17:00", "report"),
    ("每周五下午下班前报送周报", "报送周报", "FREQ=WEEKLY;BYDAY=FR", None, "report"),
    ("每周一、三、五 转发县融媒体文章", "转发县融媒体文章", "FREQ=WEEKLY;BYDAY=MO,WE,FR", None, "forward"),
    ("周一至周五每天 签到", "签到", WORKDAYS, None, "study_checkin"),
    ("每周一至周五 签到", "签到", WORKDAYS, None, "study_checkin"),
    ("每月5号前填报党费收缴情况", "填报党费收缴情况", "FREQ=MONTHLY;BYMONTHDAY=5", None, "report"),
    ("每月五号前 填报", "填报", "FREQ=MONTHLY;BYMONTHDAY=5", None, "report"),
    ("每个月25号报送考勤", "报送考勤", "FREQ=MONTHLY;BYMONTHDAY=25", None, "report"),
    ("每月30日前报送台账", "报送台账", "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1", None, "report"),
    ("每月底前上报台账", "上报台账", "FREQ=MONTHLY;BYMONTHDAY=-1", None, "report"),
    ("每月最后一天 报送月报", "报送月报", "FREQ=MONTHLY;BYMONTHDAY=-1", None, "report"),
    ("每月报送月报", "报送月报", "FREQ=MONTHLY;BYMONTHDAY=-1", None, "report"),
    ("每两周周五 例会纪要", "例会纪要", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", None, "other"),
    (
        "每季度末 报送季度统计表",
        "报送季度统计表",
        "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
        None,
        "report",
    ),
    ("每年12月31日前 年度总结", "年度总结", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", None, "other"),
    ("每天晚上8点 群里接龙", "群里接龙", "FREQ=DAILY", "20:00", "group_reply"),
    ("每周三下午3点半 理论学习", "理论学习", "FREQ=WEEKLY;BYDAY=WE", "15:30", "study_checkin"),
    ("每晚八点 学习打卡", "学习打卡", "FREQ=DAILY", "20:00", "study_checkin"),
    ("每隔3天 巡查水库", "巡查水库", "FREQ=DAILY;INTERVAL=3", None, "other"),
    ("每周报送周报", "报送周报", "FREQ=WEEKLY;BYDAY=FR", None, "report"),
    ("每周一次 理论学习", "理论学习", "FREQ=WEEKLY;BYDAY=FR", None, "study_checkin"),
    ("每 周一 上午10点 报送周报", "报送周报", "FREQ=WEEKLY;BYDAY=MO", "10:00", "report"),
    ("每周二、四 上午 点赞转发", "点赞转发", "FREQ=WEEKLY;BYDAY=TU,TH", "12:00", "forward"),
    ("每个星期一上午十点前报送周报", "报送周报", "FREQ=WEEKLY;BYDAY=MO", "10:00", "report"),
    ("每周星期五17:00前 报送周报", "报送周报", "FREQ=WEEKLY;BYDAY=FR", "17:00", "report"),
    ("每天一次 学习打卡", "学习打卡", "FREQ=DAILY", None, "study_checkin"),
    ("每日一题 答题", "一题 答题", "FREQ=DAILY", None, "quiz"),
    ("每周一 截图留痕 上报", "截图留痕 上报", "FREQ=WEEKLY;BYDAY=MO", None, "screenshot"),
]

ONE_OFFS = [
    "明天下午3点前报送安全生产月报",
    "各村每户发放宣传单",
    "明天前报送每日统计表",
    "12月5日前 报送每月考勤表",
    "周五前转发防汛通知",
    "下周一上午10点开会",
]


@pytest.mark.parametrize(("typed", "title", "rule", "due", "kind"), PHRASES, ids=[p[0] for p in PHRASES])
def test_phrases_cadres_type(typed: str, title: str, rule: str, due: str | None, kind: str) -> None:
    found = parse_recurring(typed, NOW)
    assert found is not None, typed
    assert (found.title, found.rrule, found.operation_kind.value) == (title, rule, kind)
    assert (found.due_time.strftime("%H:%M") if found.due_time else None) == due
    Recurrence.parse(found.rrule).ensure_usable(NOW.date())  # storable and produces dates


@pytest.mark.parametrize("typed", ONE_OFFS)
def test_one_off_lines_stay_one_off(typed: str) -> None:
    assert parse_recurring(typed, NOW) is None


def test_quick_add_makes_a_requirement_whose_tasks_follow_the_holiday_calendar(
    db: Database, data_paths: DataPaths
) -> None:
    area = build_task_area(db, data_paths, Settings(db))
    added = area.quick_add("每个工作日 学习打卡", now=NOW)
    assert added.requirement_id and added.schedule.startswith("每个工作日")
    assert added.due_at is not None and added.due_at.astimezone(CHINA_TZ).date() == date(2026, 9, 18)
    with db.session() as session:
        requirement = session.get(Requirement, added.requirement_id)
        assert requirement is not None and requirement.rrule == WORKDAYS
        days = sorted(
            datetime.fromisoformat(str(d)).date() if not isinstance(d, date) else d
            for d in session.scalars(
                select(Task.occurrence_date).where(Task.requirement_id == added.requirement_id)
            )
        )
    assert date(2026, 9, 20) in days  # a Sunday make-up workday (调休)
    assert date(2026, 9, 25) not in days  # 中秋节, a Friday
    assert not any(date(2026, 10, 1) <= day <= date(2026, 10, 7) for day in days)  # National Day
    assert date(2026, 9, 19) not in days  # an ordinary Saturday
    assert date(2026, 9, 21) in days
    one_off = area.quick_add("明天下午3点前报送安全生产月报", now=NOW)
    assert one_off.requirement_id is None and one_off.task_id
    assert one_off.due_at == datetime(2026, 9, 19, 15, 0, tzinfo=CHINA_TZ).astimezone(UTC)


def test_weekly_quick_add_next_due(db: Database, data_paths: DataPaths) -> None:
    area = build_task_area(db, data_paths, Settings(db))
    added = area.quick_add("每周一 上午10点 报送周报", now=NOW)
    assert added.due_at == datetime(2026, 9, 21, 10, 0, tzinfo=CHINA_TZ).astimezone(UTC)
    monthly = area.quick_add("每月5日前 填报", now=NOW)
    assert monthly.due_at is not None
    assert monthly.due_at.astimezone(CHINA_TZ).date() == date(2026, 10, 5)
    assert monthly.due_at.astimezone(CHINA_TZ).time() == time(17, 30)


def test_requirements_cli_and_log_for_an_account(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = ["--data-dir", str(tmp_path / "p")]
    assert main([*profile, "sources", "add", "--kind", "manual", "--name", "学习强国"]) == 0
    assert main([*profile, "requirements", "add", "每个工作日", "学习打卡", "--source", "学习强国"]) == 0
    assert main([*profile, "requirements", "add", "每周一", "上午10点", "报送周报", "--minutes", "20"]) == 0
    assert main([*profile, "tasks", "add", "每月5日前", "填报"]) == 0
    out = capsys.readouterr().out
    assert "已添加要求" in out and "已添加重复要求：每月5日 · 填报" in out
    assert main([*profile, "requirements", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 3
    weekly = next(line for line in listed if "报送周报" in line)
    assert "每周一 10:00前" in weekly and "约 20 分钟" in weekly
    assert "[学习强国]" in next(line for line in listed if "学习打卡" in line)
    assert main([*profile, "requirements", "pause", weekly[:8]]) == 0
    assert "已暂停：报送周报" in capsys.readouterr().out
    assert main([*profile, "requirements", "list"]) == 0
    assert "报送周报" not in capsys.readouterr().out
    assert main([*profile, "requirements", "list", "--all"]) == 0
    assert "［已暂停］每周一" in capsys.readouterr().out
    assert main([*profile, "requirements", "resume", weekly[:8]]) == 0
    assert main([*profile, "requirements", "add", "明天开会"]) == 2
    assert "没有从“明天开会”中看出重复方式" in capsys.readouterr().err
    assert main([*profile, "log", "study_checkin", "--minutes", "5", "--source", "学习强国"]) == 0
    assert main([*profile, "log", "forward", "--source", "没有这个号"]) == 2
    assert "没有找到订阅源“没有这个号”" in capsys.readouterr().err
    from cadre_desk.app import build_context

    ctx = build_context(tmp_path / "p")
    try:
        with ctx.db.session() as session:
            names = session.scalars(
                select(Source.name).join(OperationLog, OperationLog.source_id == Source.id)
            ).all()
    finally:
        ctx.close()
    assert names == ["学习强国"]


def test_quick_add_bar_adds_a_requirement(qtbot, db: Database, data_paths: DataPaths) -> None:  # type: ignore[no-untyped-def]
    from cadre_desk.ui.background import BackgroundRunner
    from cadre_desk.ui.bus import DataBus
    from cadre_desk.ui.tasks.page import TasksPage

    area = build_task_area(db, data_paths, Settings(db))
    errors: list[BaseException] = []
    runner = BackgroundRunner(errors.append)
    page = TasksPage(area, runner, DataBus())
    qtbot.addWidget(page)
    page.quick_add.insert("每周一 上午10点 报送周报")
    assert "将添加重复要求：每周一 · 报送周报" in page.preview.text()
    page.submit_quick_add()
    qtbot.waitUntil(lambda: page.quick_add.text() == "", timeout=20_000)
    runner.wait_idle()
    assert errors == []
    (view,) = area.requirements.catalogue()
    assert (view.title, view.rrule, view.due_time) == ("报送周报", "FREQ=WEEKLY;BYDAY=MO", "10:00")
