from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from cadre_desk.domain.changes import Changes, ChangesWithCount
from cadre_desk.domain.enums import OperationKind, TaskStatus
from cadre_desk.domain.ids import stable_id
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.domain.task_errors import (
    EvidenceTooLargeError,
    EvidenceUnreadableError,
    InvalidRecurrenceError,
    NotFoundError,
    PastDueError,
)
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.oplog import Evidence, LogDraft
from cadre_desk.services.requirements import RequirementDraft
from cadre_desk.services.tasks import TaskView
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.models import OperationLog, Requirement, Task
from tests.factories import add_items, add_source
from tests.tasks.conftest import TaskArea, build_area

TODAY = date(2026, 11, 23)


def daily(area: TaskArea, title: str = "每日学习打卡", **kw: object) -> str:
    draft = RequirementDraft(
        title=title,
        operation_kind=kw.pop("operation_kind", OperationKind.STUDY_CHECKIN),  # type: ignore[arg-type]
        rrule=kw.pop("rrule", "FREQ=DAILY"),  # type: ignore[arg-type]
        due_time="09:00",
        expected_minutes=10,
        starts_on=date(2026, 11, 1),
        **kw,  # type: ignore[arg-type]
    )
    return area.requirements.create(draft, today=TODAY).id


def test_generating_twice_makes_no_duplicates(area: TaskArea) -> None:
    req = daily(area)
    first = area.tasks.generate_occurrences(date(2026, 11, 1), date(2026, 11, 30))
    again = area.tasks.generate_occurrences(date(2026, 11, 1), date(2026, 11, 30))
    assert (first.count, again.count) == (30, 0)
    assert first.changes == Changes(tasks=True) and not again.changes  # nothing new: no refresh
    with area.db.session() as s:
        ids = s.scalars(select(Task.id).where(Task.requirement_id == req)).all()
    assert len(ids) == 30
    assert stable_id(req, "2026-11-23") in ids


def test_two_devices_generate_the_same_ids_and_merge_without_duplicates(
    area: TaskArea, tmp_path: Path
) -> None:
    req_id = daily(area)
    other_db = open_database(DataPaths(tmp_path / "laptop").ensure())
    try:
        assert other_db.device_id != area.db.device_id
        with area.db.session() as s:  # the requirement reaches the laptop by sync
            row = {c.name: getattr(s.get(Requirement, req_id), c.key) for c in Requirement.__table__.columns}
        with other_db.session() as s:
            s.execute(insert(Requirement), [row])
        laptop = build_area(other_db, DataPaths(tmp_path / "laptop"))
        area.tasks.generate_occurrences(date(2026, 11, 20), date(2026, 11, 26))
        laptop.tasks.generate_occurrences(date(2026, 11, 20), date(2026, 11, 26))
        with area.db.session() as s:
            desk_ids = set(s.scalars(select(Task.id)))
        with other_db.session() as s:
            laptop_rows = [
                {c.name: getattr(t, c.key) for c in Task.__table__.columns} for t in s.scalars(select(Task))
            ]
        assert {r["id"] for r in laptop_rows} == desk_ids
        with area.db.session() as s:  # union merge as sync does it
            merged = s.execute(sqlite_insert(Task).values(laptop_rows).on_conflict_do_nothing()).rowcount
            assert merged == 0
            assert s.scalar(select(func.count()).select_from(Task)) == 7
    finally:
        other_db.close()


def test_workday_requirement_skips_holidays(area: TaskArea) -> None:
    req = area.requirements.create(
        RequirementDraft(
            "每个工作日报平安", OperationKind.REPORT, "FREQ=DAILY;X-CN-WORKDAY=1", starts_on=date(2025, 9, 1)
        ),
        today=date(2025, 9, 1),
    ).id
    area.tasks.generate_occurrences(date(2025, 9, 27), date(2025, 10, 12))
    with area.db.session() as s:
        days = sorted(s.scalars(select(Task.occurrence_date).where(Task.requirement_id == req)))
    assert days == ["2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11"]


def test_per_item_requirement_makes_one_task_per_item(area: TaskArea) -> None:
    source = add_source(area.db, "清河融媒")
    start = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    items = add_items(area.db, source, 3, start=start)
    area.requirements.create(
        RequirementDraft("转发融媒文章", OperationKind.FORWARD, None, within_hours=1, source_id=source),
        today=TODAY,
    )
    since = start - timedelta(days=1)
    assert area.tasks.generate_item_tasks(since).count == 3
    assert area.tasks.generate_item_tasks(since).count == 0
    with area.db.session() as s:
        task = s.scalars(select(Task).where(Task.item_id == items[0])).one()
    assert task.due_at == start + timedelta(hours=1)
    assert task.title.startswith("转发融媒文章：")
    assert task.priority == 0  # normal, as an occurrence's: every forward carried a "！" (noise)


def test_item_tasks_are_generated_only_for_items_without_one(
    area: TaskArea, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A start-up refresh looks only at items that lack this requirement's task: a cancelled one
    (tombstone) stays cancelled, an item that arrives late with an old date still gets its task,
    a second requirement on the same source gets its own, and items already served are not
    turned into rows again (at 1M items that was ~25,000 ids hashed on every start)."""
    import cadre_desk.services.tasks.occurrences as occurrences

    source = add_source(area.db, "清河融媒")
    start = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    since = start - timedelta(days=1)
    first = add_items(area.db, source, 4, start=start)
    forward = area.requirements.create(
        RequirementDraft("转发融媒文章", OperationKind.FORWARD, None, within_hours=1, source_id=source),
        today=TODAY,
    ).id
    assert area.tasks.generate_item_tasks(since).count == 4
    cancelled = stable_id(forward, "item", first[0])
    area.tasks.cancel(cancelled)
    late = add_items(area.db, source, 2, start=start - timedelta(hours=3))  # older than the others
    like = area.requirements.create(
        RequirementDraft("点赞融媒文章", OperationKind.LIKE, None, within_hours=2, source_id=source),
        today=TODAY,
    ).id
    hashed: list[tuple[str, ...]] = []

    def counting_stable_id(*parts: str) -> str:
        hashed.append(parts)
        return stable_id(*parts)

    monkeypatch.setattr(occurrences, "stable_id", counting_stable_id)
    assert area.tasks.generate_item_tasks(since).count == 2 + 6
    assert sorted(hashed) == sorted(
        [(forward, "item", item) for item in late] + [(like, "item", item) for item in first + late]
    )
    hashed.clear()
    assert area.tasks.generate_item_tasks(since).count == 0
    assert hashed == []
    with area.db.session() as s:
        rows = s.execute(select(Task.id, Task.requirement_id, Task.item_id, Task.deleted)).all()
    assert {(r.requirement_id, r.item_id) for r in rows} == {
        (req, item) for req in (forward, like) for item in first + late
    }
    assert {r.id for r in rows if r.deleted} == {cancelled}
    assert all(r.id == stable_id(r.requirement_id, "item", r.item_id) for r in rows)


def test_item_task_lookup_searches_the_item_index(area: TaskArea) -> None:
    """Whether an item has its task already is one index search per item (ix_tasks_item), not
    a scan of the tasks table per item nor a temporary automatic index built on every start:
    at 1M items the start-up refresh took 28 s that way."""
    from sqlalchemy import event

    source = add_source(area.db, "清河融媒")
    start = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    add_items(area.db, source, 5, start=start)
    area.requirements.create(
        RequirementDraft("转发融媒文章", OperationKind.FORWARD, None, within_hours=1, source_id=source),
        today=TODAY,
    )
    plans: list[str] = []

    def explain(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if "EXISTS" in statement and not executemany:
            rows = cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans.append("\n".join(row[-1] for row in rows))

    event.listen(area.db.engine, "before_cursor_execute", explain)
    try:
        assert area.tasks.generate_item_tasks(start - timedelta(days=1)).count == 5
    finally:
        event.remove(area.db.engine, "before_cursor_execute", explain)
    assert plans
    for plan in plans:
        assert "SEARCH tasks USING INDEX ix_tasks_item (item_id=?)" in plan, plan
        assert "SCAN tasks" not in plan and "AUTOMATIC" not in plan, plan


def test_views_today_overdue_upcoming_done(area: TaskArea) -> None:
    daily(area)
    area.tasks.generate_occurrences(date(2026, 11, 20), date(2026, 11, 26))
    today = area.tasks.page(TaskView.TODAY, TODAY)
    overdue = area.tasks.page(TaskView.OVERDUE, TODAY)
    upcoming = area.tasks.page(TaskView.UPCOMING, TODAY)
    assert [r.due_at.astimezone(CHINA_TZ).date() for r in today] == [TODAY]  # type: ignore[union-attr]
    assert len(overdue) == 3 and len(upcoming) == 3
    assert today[0].operation_kind == OperationKind.STUDY_CHECKIN and today[0].expected_minutes == 10
    manual = area.tasks.create("整理档案").id  # undated: shown with today
    assert manual in [r.id for r in area.tasks.page(TaskView.TODAY, TODAY)]
    log_id = area.tasks.complete(today[0].id, minutes=12, note="已打卡").id
    assert today[0].id not in [r.id for r in area.tasks.page(TaskView.TODAY, TODAY)]
    done = area.tasks.page(TaskView.DONE, TODAY)
    assert [r.id for r in done] == [today[0].id]
    log = area.oplog.get(log_id)
    assert (log.minutes, log.is_checkin, log.task_id) == (12, True, today[0].id)


def test_keyset_paging_walks_every_row_once(area: TaskArea) -> None:
    daily(area)
    area.tasks.generate_occurrences(date(2026, 11, 1), date(2026, 11, 22))
    seen: list[str] = []
    after = None
    while True:
        page = area.tasks.page(TaskView.OVERDUE, TODAY, after, limit=5)
        if not page:
            break
        seen += [r.id for r in page]
        after = page[-1].key
    assert len(seen) == len(set(seen)) == 22


def test_snooze_moves_a_task_between_views(area: TaskArea) -> None:
    daily(area)
    area.tasks.generate_occurrences(date(2026, 11, 22), date(2026, 11, 22))
    task = area.tasks.page(TaskView.OVERDUE, TODAY)[0]
    later = datetime.now(UTC) + timedelta(days=3)
    area.tasks.snooze([task.id], later)
    today_real = datetime.now(UTC).astimezone(CHINA_TZ).date()
    assert task.id in [r.id for r in area.tasks.page(TaskView.UPCOMING, today_real)]
    assert task.id not in [r.id for r in area.tasks.page(TaskView.OVERDUE, today_real)]
    with pytest.raises(PastDueError):
        area.tasks.snooze([task.id], datetime.now(UTC) - timedelta(hours=1))


def test_bulk_complete_logs_each_task(area: TaskArea) -> None:
    daily(area)
    area.tasks.generate_occurrences(date(2026, 11, 20), date(2026, 11, 22))
    ids = [r.id for r in area.tasks.page(TaskView.OVERDUE, TODAY)]
    assert area.tasks.complete_many(ids) == ChangesWithCount(3, Changes(tasks=True, operation_logs=True))
    assert area.tasks.complete_many(ids) == ChangesWithCount(
        0, Changes()
    )  # already done: nothing logged twice
    with area.db.session() as s:
        logs = s.scalars(select(OperationLog)).all()
    assert sorted(log.task_id for log in logs) == sorted(ids)  # type: ignore[type-var]
    assert all(log.minutes == 10 for log in logs)


def test_priority_notes_link_and_item_task(area: TaskArea) -> None:
    source = add_source(area.db)
    (item,) = add_items(area.db, source, 1)
    task = area.tasks.create_from_item(item).id
    assert area.tasks.create_from_item(item).id == task  # one key twice: still one task
    area.tasks.set_priority(task, 5)
    area.tasks.set_notes(task, "  要附照片 ")
    row = area.tasks.get(task)
    assert (row.priority, row.item_id, row.source_id, row.has_notes) == (2, item, source, True)
    assert area.tasks.notes(task) == "要附照片"
    other = area.tasks.create("手动任务").id
    area.tasks.link_item(other, item)
    assert area.tasks.get(other).item_id == item
    with pytest.raises(NotFoundError):
        area.tasks.link_item(other, "0" * 32)


def test_quick_add_refuses_past_dates_unless_allowed(area: TaskArea) -> None:
    now = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ)
    with pytest.raises(PastDueError):
        area.tasks.quick_add("11月20日补交材料", now=now)
    task = area.tasks.quick_add("11月20日补交材料", now=now, allow_past=True).id
    assert area.tasks.get(task).title == "补交材料"
    task = area.tasks.quick_add("明天下午3点前报送月报！", now=now).id
    row = area.tasks.get(task)
    assert row.priority == 1
    assert row.due_at == datetime(2026, 11, 24, 15, 0, tzinfo=CHINA_TZ)


def test_editing_a_rule_reschedules_future_occurrences(area: TaskArea) -> None:
    today = datetime.now(UTC).astimezone(CHINA_TZ).date()
    req = area.requirements.create(
        RequirementDraft("周报", OperationKind.REPORT, "FREQ=DAILY", starts_on=today), today=today
    ).id
    area.tasks.generate_occurrences(today, today + timedelta(days=13))
    view = area.requirements.get(req)
    area.requirements.update(
        req, RequirementDraft(**{**view.draft().__dict__, "rrule": "FREQ=WEEKLY;BYDAY=MO"})
    )
    area.tasks.reschedule(req, today)
    with area.db.session() as s:
        future = s.scalars(
            select(Task.occurrence_date).where(
                Task.requirement_id == req, Task.deleted.is_(False), Task.occurrence_date > today.isoformat()
            )
        ).all()
    assert all(date.fromisoformat(d).weekday() == 0 for d in future)
    assert len(future) >= 1


def test_invalid_requirement_input(area: TaskArea) -> None:
    with pytest.raises(InvalidRecurrenceError):
        area.requirements.create(RequirementDraft("坏规则", rrule="FREQ=SOMETIMES"), today=TODAY)
    with pytest.raises(InvalidRecurrenceError):
        area.requirements.create(RequirementDraft("无来源", rrule=None, within_hours=1), today=TODAY)
    with pytest.raises(InvalidRecurrenceError):
        area.requirements.create(
            RequirementDraft("倒序", starts_on=date(2026, 12, 1), ends_on=date(2026, 11, 1)), today=TODAY
        )


def test_flag_suggestions_confirm_dismiss_and_register(area: TaskArea) -> None:
    source = add_source(area.db, "县学习平台", platform="study_platform")
    req = daily(
        area,
        "每日学习截图上传",
        operation_kind=OperationKind.SCREENSHOT,
        source_id=source,
        imposed_by="县委宣传部",
    )
    view = area.requirements.get(req)
    assert "excessive_evidence" in view.suggested
    assert any("截图" in s.reason for s in view.suggestions)
    area.requirements.confirm_flag(req, "excessive_evidence")
    view = area.requirements.get(req)
    assert view.confirmed == ("excessive_evidence",) and "excessive_evidence" not in view.suggested
    area.tasks.generate_occurrences(TODAY - timedelta(days=3), TODAY)
    for row in area.tasks.page(TaskView.OVERDUE, TODAY)[:2]:
        area.tasks.complete(
            row.id,
            minutes=6,
            evidence=[Evidence.screenshot(b"\x89PNG fake " + row.id.encode())],
            performed_at=datetime.now(UTC) - timedelta(days=1),
        )
    register = area.burden.register(datetime.now(UTC).astimezone(CHINA_TZ).date())
    (entry,) = register.entries
    assert (entry.category_label, entry.account, entry.imposed_by) == ("过度留痕", "县学习平台", "县委宣传部")
    assert (entry.logs_in_window, entry.evidence_files, entry.minutes_in_window) == (2, 2, 12)
    assert entry.estimated_minutes_per_month == pytest.approx(10 * 365 / 12, rel=0.02)
    assert "若干规定" in entry.citation and register.catalogue_version
    area.requirements.dismiss_flag(req, "excessive_evidence")
    assert area.burden.register().entries == []


def test_multiple_reporting_flags_both_sides(area: TaskArea) -> None:
    a = area.requirements.create(
        RequirementDraft(
            "防返贫监测信息填报", OperationKind.REPORT, "FREQ=WEEKLY;BYDAY=MO", imposed_by="省平台"
        ),
        today=TODAY,
    ).id
    b = area.requirements.create(
        RequirementDraft(
            "防返贫监测信息报送表", OperationKind.REPORT, "FREQ=WEEKLY;BYDAY=FR", imposed_by="县局"
        ),
        today=TODAY,
    ).id
    assert "multiple_reporting" in area.requirements.get(a).suggested
    assert "multiple_reporting" in area.requirements.get(b).suggested


# ------------------------------------------------------------------ append-only operation log


def test_operation_log_refuses_update_and_delete_at_db_level(area: TaskArea) -> None:
    log_id = area.oplog.record(LogDraft(OperationKind.FORWARD, minutes=3)).id
    for statement in (
        "UPDATE operation_logs SET minutes = 0, updated_at_hlc = updated_at_hlc + 1 WHERE id = :id",
        "DELETE FROM operation_logs WHERE id = :id",
    ):
        with pytest.raises(IntegrityError, match=r"append-only|never deleted"), area.db.session() as s:
            s.execute(text(statement), {"id": log_id})
    with pytest.raises(ValueError), area.db.session() as s:  # the ORM path is refused too
        s.delete(s.get(OperationLog, log_id))
    assert area.oplog.get(log_id).minutes == 3


def test_no_service_path_updates_or_deletes_logs(area: TaskArea) -> None:
    """Drive every service operation that touches logs and watch the SQL they emit."""
    from sqlalchemy import event

    seen: list[str] = []

    def watch(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(area.db.engine, "before_cursor_execute", watch)
    try:
        daily(area)
        area.tasks.generate_occurrences(TODAY - timedelta(days=2), TODAY)
        rows = area.tasks.page(TaskView.OVERDUE, TODAY)
        area.tasks.complete(rows[0].id, minutes=5)
        area.tasks.complete_many([rows[1].id])
        area.tasks.reopen(rows[0].id)
        log = area.oplog.record(LogDraft(OperationKind.READ, minutes=1)).id
        area.oplog.correct(log, LogDraft(OperationKind.READ, minutes=2))
        area.oplog.retract(log, "重复记录")
    finally:
        event.remove(area.db.engine, "before_cursor_execute", watch)
    touching = [
        s for s in seen if "operation_logs" in s and s.lstrip().upper().startswith(("UPDATE", "DELETE"))
    ]
    assert touching == []


def test_corrections_supersede_and_minutes_count_once(area: TaskArea) -> None:
    now = datetime.now(UTC)
    first = area.oplog.record(LogDraft(OperationKind.REPORT, minutes=30, performed_at=now)).id
    fixed = area.oplog.correct(first, LogDraft(OperationKind.REPORT, minutes=45, performed_at=now)).id
    day = now.astimezone(CHINA_TZ).date()
    assert area.oplog.minutes_on(day) == 45
    assert area.oplog.get(first).superseded and not area.oplog.get(fixed).superseded
    area.oplog.retract(fixed, "记错了")
    assert area.oplog.minutes_on(day) == 0
    assert area.oplog.get(first).minutes == 30  # the original stays as it was
    with pytest.raises(NotFoundError):
        area.oplog.correct("f" * 32, LogDraft(OperationKind.REPORT))


def test_reopen_retracts_the_completion_log(area: TaskArea) -> None:
    task = area.tasks.create("报送月报").id
    area.tasks.complete(task, minutes=20)
    area.tasks.reopen(task, "没有提交成功")
    assert area.tasks.get(task).status == TaskStatus.OPEN
    logs = area.oplog.for_task(task)
    assert len(logs) == 2 and logs[0].superseded and logs[1].retracted


# ------------------------------------------------------------------ evidence


def test_evidence_is_content_addressed_and_kept_once(
    area: TaskArea, data_paths: DataPaths, tmp_path: Path
) -> None:
    shot = tmp_path / "截图.png"
    shot.write_bytes(b"\x89PNG same bytes")
    one = area.oplog.record(LogDraft(OperationKind.SCREENSHOT, evidence=(Evidence.from_path(shot),))).id
    two = area.oplog.record(
        LogDraft(OperationKind.SCREENSHOT, evidence=(Evidence.screenshot(shot.read_bytes()),))
    ).id
    a, b = area.oplog.get(one).attachments[0], area.oplog.get(two).attachments[0]
    assert a.sha256 == b.sha256 and a.path == b.path
    assert a.path.parent.name == a.sha256[:2] and a.path.parent.parent == data_paths.attachments
    stored = [p for p in data_paths.attachments.rglob("*") if p.is_file()]
    assert stored == [a.path]
    assert a.mime_type == "image/png" and a.is_image and not a.missing


def test_evidence_too_large_is_refused_with_a_clear_message(area: TaskArea) -> None:
    big = Evidence("大文件.pdf", data=b"x" * (1024 * 1024 + 1))
    with pytest.raises(EvidenceTooLargeError) as info:
        area.oplog.record(LogDraft(OperationKind.REPORT, evidence=(big,)))
    assert "超过上限" in info.value.user_message and info.value.next_step
    with area.db.session() as s:
        assert s.scalar(select(func.count()).select_from(OperationLog)) == 0  # nothing half-written


def test_unreadable_and_missing_evidence(area: TaskArea, tmp_path: Path) -> None:
    with pytest.raises(EvidenceUnreadableError):
        area.oplog.record(
            LogDraft(OperationKind.REPORT, evidence=(Evidence.from_path(tmp_path / "nope.png"),))
        )
    log = area.oplog.record(LogDraft(OperationKind.REPORT, evidence=(Evidence("a.txt", data=b"hello"),))).id
    att = area.oplog.get(log).attachments[0]
    att.path.unlink()  # removed by hand, or not synced yet
    again = area.oplog.get(log).attachments[0]
    assert again.missing and again.filename == "a.txt"


def test_appending_log_rows_writes_the_change_log(area: TaskArea, db: Database) -> None:
    log = area.oplog.record(LogDraft(OperationKind.LIKE, minutes=1)).id
    with db.session() as s:
        ops = s.execute(text("SELECT op FROM change_log WHERE row_id = :id"), {"id": log}).scalars().all()
    assert ops == ["insert"]
