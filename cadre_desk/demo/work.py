"""Requirements imposed on the cadre, tasks for recent occurrences and 30 days of operation logs.

Task ids, titles and due times follow ``services.tasks`` (``stable_id(requirement, date)``;
per item ``stable_id(requirement, "item", item)``; RRULEs read by ``domain.recurrence``), so a
demo task and one the app generates later for the same occurrence are the same row. Logs follow the
requirements: a daily check-in most days, a forward and its screenshot within the hour after
the pushed article, a weekly 填报 on its weekday — with minutes spread around the expected time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from cadre_desk.demo.items import CHINA, DAY_MS, MINUTE_MS, uuid_hex
from cadre_desk.domain.enums import BurdenCategory, OperationKind, TaskOrigin, TaskStatus
from cadre_desk.domain.ids import stable_id
from cadre_desk.domain.recurrence import Recurrence, china_date, occurrence_due, parse_hhmm
from cadre_desk.storage.types import from_ms, to_ms

B = BurdenCategory
K = OperationKind

LOG_DAYS = 30
TASK_DAYS_BACK = 7
TASK_DAYS_AHEAD = 3
ITEM_TASK_DAYS = 2


@dataclass(frozen=True)
class RequirementSpec:
    key: str
    title: str
    source: str | None  # catalogue key
    kind: OperationKind
    rrule: str | None  # None: one occurrence per new item of the source
    due_time: str | None
    within_hours: float | None
    minutes: float
    imposed_by: str
    basis: str
    flags: tuple[BurdenCategory, ...] = ()
    per_day_cap: int = 3  # per-item requirements: how many pushed items a day demand it
    completion: float = 0.92
    is_checkin: bool = False
    notes: str | None = None


REQUIREMENTS: tuple[RequirementSpec, ...] = (
    RequirementSpec(
        "study_daily",
        "江北干部网络学院每日学习打卡（积分≥30）",
        "study_platform",
        K.STUDY_CHECKIN,
        "FREQ=DAILY",
        "22:00",
        None,
        25,
        "中共清河县委组织部",
        "清组字〔2026〕18号",
        (B.RANKING_ABUSE,),
        completion=0.9,
        is_checkin=True,
        notes="每周一在全县通报学习积分排名",
    ),
    RequirementSpec(
        "forward_fabu",
        "转发「清河发布」推文到朋友圈和村民群",
        "qinghe_fabu",
        K.FORWARD,
        None,
        None,
        1.0,
        3,
        "中共清河县委宣传部",
        "清宣字〔2026〕9号",
        (B.FORCED_USE,),
        per_day_cap=2,
        notes="要求推送后一小时内完成",
    ),
    RequirementSpec(
        "screenshot_fabu",
        "转发后截图上传工作群留痕",
        "qinghe_fabu",
        K.SCREENSHOT,
        None,
        None,
        1.5,
        2,
        "中共清河县委宣传部",
        "清宣字〔2026〕9号",
        (B.EXCESSIVE_EVIDENCE,),
        per_day_cap=2,
    ),
    RequirementSpec(
        "like_douyin",
        "每日为县融媒体抖音视频点赞评论",
        "qinghe_douyin",
        K.LIKE,
        "FREQ=DAILY",
        "18:00",
        None,
        3,
        "中共清河县委宣传部",
        "网评员工作群通知（2026年9月2日）",
        (B.FORCED_USE, B.RANKING_ABUSE),
        completion=0.85,
        is_checkin=True,
    ),
    RequirementSpec(
        "weekly_zhenxing",
        "每周五填报乡村振兴工作周报",
        "group_county_zhenxing",
        K.REPORT,
        "FREQ=WEEKLY;BYDAY=FR",
        "17:00",
        None,
        40,
        "清河县乡村振兴局",
        "清乡振办〔2026〕21号",
        (B.MULTIPLE_REPORTING,),
        completion=0.95,
    ),
    RequirementSpec(
        "weekly_env",
        "人居环境整治周报（附整治前后对比照片）",
        "group_town_env",
        K.REPORT,
        "FREQ=WEEKLY;BYDAY=MO",
        "12:00",
        None,
        35,
        "柳林镇人居环境整治办公室",
        "柳政办〔2026〕15号",
        (B.EXCESSIVE_EVIDENCE, B.MULTIPLE_REPORTING),
        completion=0.95,
    ),
    RequirementSpec(
        "group_reply",
        "工作群通知接龙回复「收到」",
        "group_town_work",
        K.GROUP_REPLY,
        None,
        None,
        0.5,
        1,
        "柳林镇党政办",
        "镇党政办工作群管理要求",
        (),
        per_day_cap=4,
        completion=0.97,
    ),
    RequirementSpec(
        "fire_daily",
        "森林防火每日巡查情况上报（含轨迹截图）",
        "group_town_fire",
        K.REPORT,
        "FREQ=DAILY",
        "17:30",
        None,
        10,
        "柳林镇森林防火指挥部",
        "柳森防指〔2026〕3号",
        (B.EXCESSIVE_EVIDENCE,),
        completion=0.93,
    ),
    RequirementSpec(
        "quiz_monthly",
        "「云州组工」每月知识答题",
        "yunzhou_zugong",
        K.QUIZ,
        "FREQ=MONTHLY;BYMONTHDAY=25",
        "20:00",
        None,
        30,
        "中共云州市委组织部",
        "云组通〔2026〕44号",
        (B.RANKING_ABUSE,),
        is_checkin=True,
    ),
    RequirementSpec(
        "app_login",
        "「爱清河」App每日登录签到",
        "aiqinghe_app",
        K.INSTALL_LOGIN,
        "FREQ=DAILY;X-CN-WORKDAY=1",
        "10:00",
        None,
        2,
        "中共清河县委宣传部",
        "清宣字〔2026〕12号",
        (B.FORCED_USE,),
        completion=0.8,
        is_checkin=True,
    ),
    RequirementSpec(
        "comment_zugong",
        "阅读「清河组工」推文并留言",
        "qinghe_zugong",
        K.COMMENT,
        None,
        None,
        24,
        4,
        "中共清河县委组织部",
        "清组字〔2026〕18号",
        (B.FORCED_USE,),
        per_day_cap=1,
        completion=0.7,
    ),
    RequirementSpec(
        "weekly_qingfeng",
        "「清河清风」廉政学习每周打卡",
        "qinghe_qingfeng",
        K.STUDY_CHECKIN,
        "FREQ=WEEKLY;BYDAY=WE",
        "21:00",
        None,
        10,
        "清河县纪委监委",
        "清纪办〔2026〕6号",
        (),
        is_checkin=True,
    ),
)


@dataclass
class WorkRows:
    requirements: list[dict[str, object]]
    tasks: list[dict[str, object]]
    logs: list[dict[str, object]]


def _occurrences(rule: str, anchor: date, start: date, end: date) -> list[date]:
    """China dates of a requirement's occurrences in [start, end], as the task service sees them
    (same RRULE reading, same 调休-aware workdays)."""
    return Recurrence.parse(rule).dates(anchor, start, end)


def _minutes(rng: random.Random, expected: float) -> float:
    return round(max(0.5, expected * rng.lognormvariate(0, 0.35)), 1)


def build_work(
    rng: random.Random,
    seed: int,
    now: datetime,
    days: int,
    source_ids: dict[str, str],
    tracked: dict[str, list[tuple[str, int, str]]],
) -> WorkRows:
    """Rows (ORM-ready dicts) for requirements, tasks and operation logs."""
    now_ms = to_ms(now)
    today = now.astimezone(CHINA).date()
    starts_on = now - timedelta(days=max(days, LOG_DAYS) + 30)
    requirements: list[dict[str, object]] = []
    tasks: list[dict[str, object]] = []
    logs: list[dict[str, object]] = []
    for spec in REQUIREMENTS:
        req_id = stable_id("demo", str(seed), "requirement", spec.key)
        source_id = source_ids.get(spec.source) if spec.source else None
        # The demo cadre has already gone through about half of the suggestions and confirmed
        # them, so the 减负台账 has entries (a separate generator keeps the rest of the data stable).
        reviewed = bool(spec.flags) and random.Random(f"{seed}-reviewed-{spec.key}").random() < 0.5
        requirements.append(
            {
                "id": req_id,
                "source_id": source_id,
                "title": spec.title,
                "operation_kind": spec.kind.value,
                "rrule": spec.rrule,
                "due_time": spec.due_time,
                "within_hours": spec.within_hours,
                "expected_minutes": spec.minutes,
                "imposed_by": spec.imposed_by,
                "basis": spec.basis,
                "mandatory": True,
                "suggested_flags": [] if reviewed else [flag.value for flag in spec.flags],
                "confirmed_flags": [flag.value for flag in spec.flags] if reviewed else [],
                "dismissed_flags": [],
                "active": True,
                "starts_on": starts_on,
                "ends_on": None,
                "notes": spec.notes,
            }
        )
        if spec.rrule:
            _recurring(rng, spec, req_id, source_id, china_date(starts_on), today, now, now_ms, tasks, logs)
        else:
            _per_item(
                rng, spec, req_id, source_id, tracked.get(spec.source or "", []), now, now_ms, tasks, logs
            )
    _corrections(rng, logs, now_ms)
    # Corrections after the rows they supersede (the foreign key is checked per row).
    logs.sort(key=lambda row: (row["supersedes_id"] is not None, str(row["performed_at"]), str(row["id"])))
    return WorkRows(requirements, tasks, logs)


def _log(
    rng: random.Random,
    spec: RequirementSpec,
    req_id: str,
    source_id: str | None,
    performed_ms: int,
    now_ms: int,
    task_id: str | None = None,
    item_id: str | None = None,
    note: str | None = None,
) -> dict[str, object]:
    recorded_ms = performed_ms + rng.randrange(10_000, 20 * MINUTE_MS)
    if rng.random() < 0.15:  # entered in a batch at the end of the day
        recorded_ms = performed_ms + rng.randrange(2, 8) * 60 * MINUTE_MS
    return {
        "id": uuid_hex(rng),
        "operation_kind": spec.kind.value,
        "performed_at": from_ms(performed_ms),
        "minutes": _minutes(rng, spec.minutes),
        "is_checkin": spec.is_checkin,
        "source_id": source_id,
        "task_id": task_id,
        "requirement_id": req_id,
        "item_id": item_id,
        "note": note,
        "supersedes_id": None,
        "recorded_at": from_ms(min(recorded_ms, now_ms)),
    }


def demo_priority(task_id: str) -> int:
    """Most tasks are normal (0, as TaskOccurrences makes them); a few were marked by the
    cadre: 重要 (1) ~6 %, 紧急 (2) ~2 %. Every task had a "！" before, which read as noise.
    Drawn from the task's id, not the run's generator, so the rest of the demo (logs, minutes,
    figures) is unchanged and the same seed gives the same marks."""
    draw = random.Random(task_id).random()
    return 2 if draw < 0.02 else 1 if draw < 0.08 else 0


def _recurring(
    rng: random.Random,
    spec: RequirementSpec,
    req_id: str,
    source_id: str | None,
    anchor: date,
    today: date,
    now: datetime,
    now_ms: int,
    tasks: list[dict[str, object]],
    logs: list[dict[str, object]],
) -> None:
    assert spec.rrule is not None
    log_start = today - timedelta(days=LOG_DAYS)
    task_start = today - timedelta(days=TASK_DAYS_BACK)
    for day in _occurrences(spec.rrule, anchor, log_start, today + timedelta(days=TASK_DAYS_AHEAD)):
        due = occurrence_due(day, parse_hhmm(spec.due_time))
        due_ms = to_ms(due)
        done = due_ms - 2 * 3_600_000 < now_ms and rng.random() < spec.completion
        performed_ms = due_ms - rng.randrange(5 * MINUTE_MS, 9 * 60 * MINUTE_MS)
        if performed_ms >= now_ms:
            done = False
        task_id = None
        if day >= task_start:
            task_id = stable_id(req_id, day.isoformat())
            tasks.append(
                {
                    "id": task_id,
                    "title": spec.title,
                    "notes": None,
                    "origin": TaskOrigin.REQUIREMENT.value,
                    "due_at": due,
                    "priority": demo_priority(task_id),
                    "status": (TaskStatus.DONE if done else TaskStatus.OPEN).value,
                    "snoozed_until": None,
                    "completed_at": from_ms(performed_ms) if done else None,
                    "remind_at": due - timedelta(minutes=30),
                    "requirement_id": req_id,
                    "occurrence_date": day.isoformat(),
                    "item_id": None,
                    "source_id": source_id,
                    "created_at": min(now, due - timedelta(days=1)),
                }
            )
        if done:
            logs.append(_log(rng, spec, req_id, source_id, performed_ms, now_ms, task_id=task_id))


def _per_item(
    rng: random.Random,
    spec: RequirementSpec,
    req_id: str,
    source_id: str | None,
    items: list[tuple[str, int, str]],
    now: datetime,
    now_ms: int,
    tasks: list[dict[str, object]],
    logs: list[dict[str, object]],
) -> None:
    """Only a few pushed items a day carry the demand (the ones the group was told to forward)."""
    within_ms = int((spec.within_hours or 1.0) * 3_600_000)
    per_day: dict[int, list[tuple[str, int, str]]] = {}
    for entry in items:
        if now_ms - entry[1] <= LOG_DAYS * DAY_MS:
            per_day.setdefault((entry[1] + 8 * 3_600_000) // DAY_MS, []).append(entry)
    # Same selection for the forward and its screenshot: seeded by the day, not by spec order.
    for day_key in sorted(per_day):
        day_items = per_day[day_key]
        chooser = random.Random(f"{day_key}:{spec.source}")
        chosen = sorted(chooser.sample(day_items, min(spec.per_day_cap, len(day_items))), key=lambda e: e[1])
        for item_id, published_ms, title in chosen:
            due_ms = published_ms + within_ms
            late = rng.random() < 0.1
            delay = rng.randrange(3 * MINUTE_MS, int(within_ms * (1.6 if late else 0.95)))
            if spec.kind == K.SCREENSHOT:
                delay += 5 * MINUTE_MS  # after the forward it documents
            performed_ms = published_ms + delay
            done = performed_ms < now_ms and rng.random() < spec.completion
            task_id = None
            if now_ms - published_ms <= ITEM_TASK_DAYS * DAY_MS:
                # Same id, origin and title as TaskService.generate_item_tasks would give.
                task_id = stable_id(req_id, "item", item_id)
                tasks.append(
                    {
                        "id": task_id,
                        "title": f"{spec.title}：{title}"[:500],
                        "notes": None,
                        "origin": TaskOrigin.REQUIREMENT.value,
                        "due_at": from_ms(due_ms),
                        "priority": demo_priority(task_id),
                        "status": (TaskStatus.DONE if done else TaskStatus.OPEN).value,
                        "snoozed_until": None,
                        "completed_at": from_ms(performed_ms) if done else None,
                        "remind_at": from_ms(published_ms + within_ms // 2),
                        "requirement_id": req_id,
                        "occurrence_date": datetime.fromtimestamp(published_ms / 1000, CHINA)
                        .date()
                        .isoformat(),
                        "item_id": item_id,
                        "source_id": source_id,
                        "created_at": from_ms(min(published_ms + MINUTE_MS, now_ms)),
                    }
                )
            if done:
                note = "超时完成" if performed_ms > due_ms else None
                logs.append(
                    _log(
                        rng,
                        spec,
                        req_id,
                        source_id,
                        performed_ms,
                        now_ms,
                        task_id=task_id,
                        item_id=item_id,
                        note=note,
                    )
                )


def _corrections(rng: random.Random, logs: list[dict[str, object]], now_ms: int) -> None:
    """A couple of corrections: new rows superseding a wrong entry (logs are append-only)."""
    candidates = [row for row in logs if float(row["minutes"]) >= 10]  # type: ignore[arg-type]
    for row in rng.sample(candidates, min(2, len(candidates))):
        performed = row["performed_at"]
        assert isinstance(performed, datetime)
        fixed = dict(row)
        fixed["id"] = uuid_hex(rng)
        fixed["minutes"] = round(float(row["minutes"]) * 1.5, 1)  # type: ignore[arg-type]
        fixed["note"] = "更正：漏记了整理照片的时间"
        fixed["supersedes_id"] = row["id"]
        recorded = row["recorded_at"]
        assert isinstance(recorded, datetime)
        fixed["recorded_at"] = from_ms(min(to_ms(recorded) + DAY_MS // 2, now_ms))
        logs.append(fixed)
