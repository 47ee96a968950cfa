"""Task subcommands: ``tasks`` (views, quick-add, complete, generate), ``log``, ``burden``."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cadre_desk.cli.profile import Access, note_changes, open_context
from cadre_desk.domain.enums import OperationKind, TaskView
from cadre_desk.domain.labels import label
from cadre_desk.domain.recurrence import CHINA_TZ, parse_hhmm
from cadre_desk.domain.task_errors import NotFoundError

if TYPE_CHECKING:  # the task area pulls in the burden rules and reports: loaded when a task command runs
    from cadre_desk.services.task_area import TaskArea
    from cadre_desk.services.tasks import TaskRow

_VIEW_NAMES = {
    TaskView.TODAY: "今天",
    TaskView.OVERDUE: "已逾期",
    TaskView.UPCOMING: "即将到期",
    TaskView.DONE: "已完成",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tasks = subparsers.add_parser("tasks", help="任务：今天/逾期/即将到期/已完成，快速添加，完成")
    actions = tasks.add_subparsers(dest="tasks_action", metavar="ACTION")
    for view in TaskView:
        shown = actions.add_parser(view.value, help=f"列出{_VIEW_NAMES[view]}的任务")
        shown.add_argument("--limit", type=int, default=50)
        shown.set_defaults(handler=run_view, view=view)
    add = actions.add_parser(
        "add",
        help="快速添加，例如：cadre-desk tasks add 明天下午3点前报送月报；“每个工作日 学习打卡”添加重复要求",
    )
    add.add_argument("text", nargs="+")
    add.add_argument("--allow-past", action="store_true", help="允许过去的日期（补录）")
    add.add_argument("--source", default=None, metavar="账号", help="关联的账号（订阅源名称或编号）")
    add.set_defaults(handler=run_add)
    done = actions.add_parser("complete", help="完成任务并记录一条操作")
    done.add_argument("task_ids", nargs="+", help="任务编号（可只写前 8 位）")
    done.add_argument("--minutes", type=float, default=None, help="实际用时（分钟）；默认按要求的预计用时")
    done.add_argument("--note", default=None)
    done.add_argument("--evidence", type=Path, action="append", default=[], help="留痕文件，可重复")
    done.set_defaults(handler=run_done)
    generate = actions.add_parser("generate", help="按要求生成近期任务（不会重复）")
    generate.set_defaults(handler=run_generate)
    tasks.set_defaults(handler=run_view, view=TaskView.TODAY, limit=50)

    log = subparsers.add_parser("log", help="记录一次操作/打卡（只追加，不可修改）")
    log.add_argument("kind", choices=[k.value for k in OperationKind], help="操作类型")
    log.add_argument("--minutes", type=float, default=0)
    log.add_argument("--note", default=None)
    log.add_argument("--at", default=None, help="完成时间 HH:MM（今天），默认现在")
    log.add_argument("--checkin", action="store_true", help="这是一次考核打卡")
    log.add_argument("--evidence", type=Path, action="append", default=[])
    log.add_argument("--corrects", default=None, help="更正某条记录（记录编号）")
    log.add_argument("--source", default=None, metavar="账号", help="为哪个账号做的（订阅源名称或编号）")
    log.set_defaults(handler=run_log)

    burden = subparsers.add_parser("burden", help="减负台账：被标记的负担要求")
    burden.add_argument("--suggested", action="store_true", help="也列出尚未确认的建议")
    burden.set_defaults(handler=run_burden)


@contextmanager
def _area(args: argparse.Namespace, access: Access = Access.WRITE) -> Iterator[TaskArea]:
    ctx = open_context(args, access)
    try:
        from cadre_desk.app import build_services

        yield build_services(ctx).tasks
    finally:
        ctx.close()


def _when(moment: datetime | None) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%m-%d %H:%M") if moment else "—"


def _line(row: TaskRow) -> str:
    marks = "!" * row.priority
    where = f"  [{row.source_name}]" if row.source_name else ""
    moment = row.effective_at if row.status == "open" else row.completed_at
    return f"{row.id[:8]}  {_when(moment)}  {marks}{row.title}{where}"


def run_view(args: argparse.Namespace) -> int:
    view: TaskView = args.view
    with _area(args) as area:
        note_changes(args, area.tasks.refresh().changes)
        rows = area.tasks.page(view, limit=args.limit)
        counts = area.tasks.counts()
    print(f"{_VIEW_NAMES[view]}：{len(rows)} 项")
    for row in rows:
        print(_line(row))
    print(
        f"今天 {counts.today} 项 · 逾期 {counts.overdue} 项 · 今日已完成 {counts.done_today} 项 · "
        f"今日用时 {counts.minutes_today:g} 分钟"
    )
    return 0


def run_add(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    with _area(args) as area:
        source_id = area.resolve_source(args.source) if args.source else None
        added = area.quick_add(text, allow_past=args.allow_past, source_id=source_id)
        note_changes(args, added.changes)
    if added.requirement_id:
        print(
            f"已添加重复要求：{added.schedule} · {added.title}（下一次截止 {_when(added.due_at)}）"
            f"编号 {added.requirement_id[:8]}"
        )
    else:
        print(f"已添加：{added.title}（截止 {_when(added.due_at)}）编号 {(added.task_id or '')[:8]}")
    return 0


def _resolve(area: TaskArea, prefix: str) -> str:
    for view in (TaskView.TODAY, TaskView.OVERDUE, TaskView.UPCOMING):
        after = None
        while True:
            page = area.tasks.page(view, after=after, limit=500)
            for row in page:
                if row.id.startswith(prefix):
                    return row.id
            if len(page) < 500:
                break
            after = page[-1].key
    raise NotFoundError(
        f"没有编号以 {prefix} 开头的待办任务。",
        "运行 cadre-desk tasks today（或 overdue、upcoming）查看任务编号。",
    )


def run_done(args: argparse.Namespace) -> int:
    from cadre_desk.services.oplog import Evidence

    with _area(args) as area:
        for prefix in args.task_ids:
            task_id = _resolve(area, prefix)
            evidence = [Evidence.from_path(p) for p in args.evidence]
            done = area.tasks.complete(task_id, minutes=args.minutes, note=args.note, evidence=evidence)
            note_changes(args, done.changes)
            print(f"已完成 {task_id[:8]}，操作记录 {done.id[:8]}")
    return 0


def run_generate(args: argparse.Namespace) -> int:
    with _area(args) as area:
        created = area.tasks.refresh()
        note_changes(args, created.changes)
    print(f"新生成 {created.count} 项任务。")
    return 0


def run_log(args: argparse.Namespace) -> int:
    from cadre_desk.services.oplog import Evidence, LogDraft

    performed = None
    if args.at:
        at = parse_hhmm(args.at)
        assert at is not None
        today = datetime.now(UTC).astimezone(CHINA_TZ).date()
        performed = datetime.combine(today, at, tzinfo=CHINA_TZ).astimezone(UTC)
    draft = LogDraft(
        operation_kind=args.kind,
        minutes=args.minutes,
        performed_at=performed,
        note=args.note,
        is_checkin=args.checkin,
        evidence=tuple(Evidence.from_path(p) for p in args.evidence),
    )
    with _area(args) as area:
        if args.source:
            draft = replace(draft, source_id=area.resolve_source(args.source))
        logged = area.oplog.correct(args.corrects, draft) if args.corrects else area.oplog.record(draft)
        note_changes(args, logged.changes)
        total = area.oplog.minutes_on(datetime.now(UTC).astimezone(CHINA_TZ).date())
    print(
        f"已记录 {label(OperationKind(args.kind))} {args.minutes:g} 分钟（编号 {logged.id[:8]}）；"
        f"今日合计 {total:g} 分钟"
    )
    return 0


def run_burden(args: argparse.Namespace) -> int:
    with _area(args, Access.READ) as area:
        register_ = area.burden.register(include_suggested=args.suggested)
    print(f"减负台账（规则库版本 {register_.catalogue_version}，近 {register_.window_days} 天）")
    for e in register_.entries:
        state = "已确认" if e.confirmed else "建议"
        print(
            f"[{state}] {e.category_label}｜{e.requirement}｜{e.account}｜{e.imposed_by}｜"
            f"记录 {e.logs_in_window} 次，留痕 {e.evidence_files} 个，{e.minutes_in_window:g} 分钟"
            f"（按规则每月约 {e.estimated_minutes_per_month:g} 分钟）｜{e.reason}"
        )
    print(f"合计每月约 {register_.minutes_per_month:g} 分钟")
    return 0
