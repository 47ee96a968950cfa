"""``cadre-desk requirements list|add|pause|resume``: the operations accounts and superiors demand."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cadre_desk.domain.enums import OperationKind
from cadre_desk.domain.labels import label
from cadre_desk.domain.task_errors import InvalidRecurrenceError, NotFoundError

if TYPE_CHECKING:
    from cadre_desk.services.task_area import TaskArea

_EXAMPLES = "每个工作日 学习打卡；每周一 上午10点 报送周报；每月5日前 填报"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    requirements = subparsers.add_parser(
        "requirements", help="要求：账号或上级要求的重复操作（列出、添加、暂停）"
    )
    actions = requirements.add_subparsers(dest="requirements_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="列出要求")
    listing.add_argument("--all", action="store_true", help="也列出已暂停的要求")
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help=f"用一句话添加重复要求，例如：{_EXAMPLES}")
    add.add_argument("text", nargs="+", help="要求，写明重复方式和要做的事")
    add.add_argument("--source", default=None, metavar="账号", help="提出要求的账号（订阅源名称或编号）")
    add.add_argument("--minutes", type=float, default=None, help="完成一次的预计用时（分钟，默认 5）")
    add.add_argument(
        "--kind", choices=[k.value for k in OperationKind], default=None, help="操作类型（默认按文字判断）"
    )
    add.add_argument("--imposed-by", default=None, help="提出要求的单位")
    add.add_argument("--basis", default=None, help="依据（文件名称或文号）")
    add.set_defaults(handler=run_add)

    for name, active, text in (
        ("pause", False, "暂停要求（不再生成任务）"),
        ("resume", True, "恢复已暂停的要求"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("requirement_ids", nargs="+", help="要求编号（可只写前 8 位）")
        action.set_defaults(handler=run_set_active, active=active)


def run_list(args: argparse.Namespace) -> int:
    from cadre_desk.cli.profile import Access
    from cadre_desk.cli.tasks import _area

    with _area(args, Access.READ) as area:
        views = area.requirements.catalogue(include_inactive=args.all)
    if not views:
        print(f"还没有要求。添加：cadre-desk requirements add {_EXAMPLES.split('；')[0]}")
        return 0
    for view in views:
        state = "" if view.active else "［已暂停］"
        when = f" {view.due_time}前" if view.due_time else ""
        account = f"  [{view.source_name}]" if view.source_name else ""
        print(
            f"{view.id[:8]}  {state}{view.schedule}{when}  {view.title}"
            f"（{label(OperationKind(view.operation_kind))}，约 {view.expected_minutes:g} 分钟）{account}"
        )
    return 0


def run_add(args: argparse.Namespace) -> int:
    from cadre_desk.cli.profile import note_changes
    from cadre_desk.cli.tasks import _area, _when
    from cadre_desk.domain.quick_recurrence import parse_recurring

    text = " ".join(args.text)
    recurring = parse_recurring(text, datetime.now(UTC))
    if recurring is None:
        raise InvalidRecurrenceError(
            f"没有从“{text}”中看出重复方式。",
            f"请写明多久做一次，例如：{_EXAMPLES}。一次性的事请用 cadre-desk tasks add。",
        )
    with _area(args) as area:
        added = area.add_requirement(
            recurring,
            source_id=area.resolve_source(args.source) if args.source else None,
            operation_kind=args.kind,
            expected_minutes=args.minutes,
            imposed_by=args.imposed_by,
            basis=args.basis,
        )
        note_changes(args, added.changes)
        assert added.requirement_id is not None
        view = area.requirements.get(added.requirement_id, with_suggestions=True)
    kind = label(OperationKind(view.operation_kind))
    print(
        f"已添加要求 {view.id[:8]}：{view.schedule} · {view.title}"
        f"（{kind}，约 {view.expected_minutes:g} 分钟）"
    )
    if added.due_at:
        print(f"下一次截止：{_when(added.due_at)}")
    for suggestion in view.suggestions:
        print(f"提示：{suggestion.reason}")
    return 0


def _resolve(area: TaskArea, prefix: str) -> str:
    views = area.requirements.catalogue(include_inactive=True)
    found = [view.id for view in views if view.id.startswith(prefix.strip())]
    if len(found) == 1:
        return str(found[0])
    if not found:
        raise NotFoundError(
            f"没有编号以 {prefix} 开头的要求。", "运行 cadre-desk requirements list --all 查看编号。"
        )
    raise NotFoundError(f"有 {len(found)} 条要求的编号以 {prefix} 开头。", "请多写几位编号。")


def run_set_active(args: argparse.Namespace) -> int:
    from cadre_desk.cli.profile import note_changes
    from cadre_desk.cli.tasks import _area

    with _area(args) as area:
        for prefix in args.requirement_ids:
            requirement_id = _resolve(area, prefix)
            changes = area.requirements.set_active(requirement_id, args.active)
            if args.active:
                changes |= area.tasks.reschedule(requirement_id).changes
            else:
                changes |= area.tasks.retire_future(requirement_id).changes
            note_changes(args, changes)
            title = area.requirements.get(requirement_id, with_suggestions=False).title
            print(f"{'已恢复' if args.active else '已暂停'}：{title}（{requirement_id[:8]}）")
    return 0
