from __future__ import annotations

from datetime import datetime, time

import pytest

from cadre_desk.domain.quick_add import cn_number, parse_quick_add
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.domain.task_errors import QuickAddError

NOW = datetime(2026, 11, 23, 10, 15, tzinfo=CHINA_TZ)  # a Monday morning


def local(text: str, now: datetime = NOW) -> tuple[str, str | None]:
    result = parse_quick_add(text, now)
    due = result.due_local()
    return result.title, due.strftime("%Y-%m-%d %H:%M") if due else None


@pytest.mark.parametrize(
    ("phrase", "title", "due"),
    [
        ("明天下午3点前报送安全生产月报", "报送安全生产月报", "2026-11-24 15:00"),
        ("周五前完成党员学习积分统计", "完成党员学习积分统计", "2026-11-27 17:30"),
        ("11月30日 提交森林防火排查表", "提交森林防火排查表", "2026-11-30 17:30"),
        ("十一月三十号前上报低保名单", "上报低保名单", "2026-11-30 17:30"),
        ("后天上午开会", "开会", "2026-11-25 12:00"),
        ("下周一 汇报材料", "汇报材料", "2026-11-30 17:30"),
        ("3天后回访困难户", "回访困难户", "2026-11-26 17:30"),
        ("三天后回访困难户", "回访困难户", "2026-11-26 17:30"),
        ("今晚8点前在群里接龙", "在群里接龙", "2026-11-23 20:00"),
        ("下午三点半到县里开会", "到县里开会", "2026-11-23 15:30"),
        ("15:30 视频会议", "视频会议", "2026-11-23 15:30"),
        ("１５：３０视频会议", "视频会议", "2026-11-23 15:30"),
        ("2小时后转发县融媒文章", "转发县融媒文章", "2026-11-23 12:15"),
        ("半小时后点赞", "点赞", "2026-11-23 10:45"),
        ("两个半小时后交表", "交表", "2026-11-23 12:45"),
        ("月底前报送低保台账", "报送低保台账", "2026-11-30 17:30"),
        ("25号前报人口普查表", "报人口普查表", "2026-11-25 17:30"),
        ("明早9点交材料", "交材料", "2026-11-24 09:00"),
        ("12/5 报送", "报送", "2026-12-05 17:30"),
        ("星期天值班", "值班", "2026-11-29 17:30"),
        ("3点前报数", "报数", "2026-11-23 15:00"),
        ("2026年12月1日交年度总结", "交年度总结", "2026-12-01 17:30"),
        ("一周内整改到位", "整改到位", "2026-11-30 17:30"),
        ("下下周二督查", "督查", "2026-12-08 17:30"),
        ("晚上开会", "开会", "2026-11-23 21:00"),
        ("请于本周三下午5点前上传截图", "上传截图", "2026-11-25 17:00"),
        ("中午12点吃饭前转发", "吃饭前转发", "2026-11-23 12:00"),
        ("中午1点开视频会", "开视频会", "2026-11-23 13:00"),
        ("下个月5号交党费", "交党费", "2026-12-05 17:30"),
        ("1月5日前报年度计划", "报年度计划", "2027-01-05 17:30"),
        ("整理档案", "整理档案", None),
        ("快一点完成第一号文件学习", "快一点完成第一号文件学习", None),
        ("到3号楼开会", "到3号楼开会", None),
    ],
)
def test_phrases_cadres_type(phrase: str, title: str, due: str | None) -> None:
    assert local(phrase) == (title, due)


def test_time_already_past_today_without_a_date_means_tomorrow() -> None:
    late = datetime(2026, 11, 23, 16, 0, tzinfo=CHINA_TZ)
    assert local("3点开会", late) == ("开会", "2026-11-24 15:00")


def test_explicit_past_date_is_flagged_not_moved() -> None:
    result = parse_quick_add("11月20日 补交材料", NOW)
    assert result.in_past
    assert result.due_local() is not None and result.due_local().day == 20  # type: ignore[union-attr]
    assert parse_quick_add("今天上午9点开会", NOW).in_past
    assert not parse_quick_add("明天开会", NOW).in_past


def test_priority_marks() -> None:
    assert parse_quick_add("紧急 明天交材料", NOW).priority == 2
    assert parse_quick_add("交材料!", NOW).priority == 1
    assert parse_quick_add("交材料！！", NOW).priority == 2
    assert parse_quick_add("交材料", NOW).priority == 0


def test_recognized_words_and_has_time() -> None:
    result = parse_quick_add("明天下午3点前报送月报", NOW)
    assert result.recognized == ("明天", "下午3点")
    assert result.has_time
    assert not parse_quick_add("明天报送月报", NOW).has_time


def test_default_time_is_configurable() -> None:
    result = parse_quick_add("明天报送月报", NOW, default_time=time(12, 0))
    assert result.due_local().strftime("%H:%M") == "12:00"  # type: ignore[union-attr]


@pytest.mark.parametrize("empty", ["", "   ", "明天", "下午3点前"])
def test_only_a_date_or_nothing_is_an_error(empty: str) -> None:
    with pytest.raises(QuickAddError):
        parse_quick_add(empty, NOW)


@pytest.mark.parametrize(
    ("text", "value"),
    [("3", 3), ("十", 10), ("十一", 11), ("二十三", 23), ("两", 2), ("三十一", 31), ("二〇二六", 2026)],
)
def test_cn_number(text: str, value: int) -> None:
    assert cn_number(text) == value
