"""Filter rules: conditions on an item → actions. Pure evaluation, no I/O.

A rule is stored as two JSON documents (``rules.conditions`` / ``rules.actions``)::

    conditions = {"match": "all", "items": [{"field": "title", "op": "contains", "value": "填报"}]}
    actions = {"items": [{"type": "create_task", "due_days": 3}, {"type": "star"}]}

The dialog builds them; :func:`parse_rule` validates them (a typed error with a Chinese
message, never a crash on a bad regex), and :func:`matches` evaluates one item's facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any

from cadre_desk.domain.errors import CadreError


class RuleError(CadreError):
    next_step = "请在规则对话框中修改这条规则后再保存。"


class Field(StrEnum):
    SOURCE = "source"  # value: source ids
    FOLDER = "folder"  # value: folder ids (the item's folder, else its source's folder)
    LEVEL = "level"  # value: Level values
    TITLE = "title"
    CONTENT = "content"
    TITLE_OR_CONTENT = "title_or_content"
    AUTHOR = "author"


class Op(StrEnum):
    IS = "is"  # one of the listed values
    IS_NOT = "is_not"
    CONTAINS = "contains"  # any of the listed words (case-insensitive)
    NOT_CONTAINS = "not_contains"
    REGEX = "regex"


class ActionType(StrEnum):
    TAG = "tag"  # value: tag id
    MOVE_TO_FOLDER = "move_to_folder"  # value: folder id
    MARK_READ = "mark_read"
    MUTE = "mute"
    STAR = "star"
    CREATE_TASK = "create_task"  # due_days, priority, title (optional)
    ATTACH_REQUIREMENT = "attach_requirement"  # value: requirement id


CHOICE_FIELDS = {Field.SOURCE, Field.FOLDER, Field.LEVEL}
TEXT_FIELDS = {Field.TITLE, Field.CONTENT, Field.TITLE_OR_CONTENT, Field.AUTHOR}
CHOICE_OPS = {Op.IS, Op.IS_NOT}
TEXT_OPS = {Op.CONTAINS, Op.NOT_CONTAINS, Op.REGEX}
VALUE_ACTIONS = {ActionType.TAG, ActionType.MOVE_TO_FOLDER, ActionType.ATTACH_REQUIREMENT}
MAX_DUE_DAYS = 365


@dataclass(frozen=True)
class Condition:
    field: Field
    op: Op
    values: tuple[str, ...]
    pattern: re.Pattern[str] | None = dataclass_field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field.value, "op": self.op.value, "value": list(self.values)}


@dataclass(frozen=True)
class Action:
    type: ActionType
    value: str | None = None
    due_days: int | None = None
    priority: int = 0
    title: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.type.value}
        if self.value is not None:
            data["value"] = self.value
        if self.type is ActionType.CREATE_TASK:
            data["due_days"] = self.due_days
            data["priority"] = self.priority
            if self.title:
                data["title"] = self.title
        return data


@dataclass(frozen=True)
class RuleSpec:
    name: str
    conditions: tuple[Condition, ...]
    actions: tuple[Action, ...]
    match_all: bool = True
    enabled: bool = True
    id: str | None = None

    def conditions_json(self) -> dict[str, Any]:
        return {"match": "all" if self.match_all else "any", "items": [c.to_json() for c in self.conditions]}

    def actions_json(self) -> dict[str, Any]:
        return {"items": [a.to_json() for a in self.actions]}


@dataclass(frozen=True)
class ItemFacts:
    """What conditions look at, for one item."""

    item_id: str
    source_id: str
    folder_id: str | None
    level: str | None
    title: str
    content: str  # plain text
    author: str | None


def _values(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list | tuple):
        raise RuleError(f"条件的值格式不对：{raw!r}")
    return tuple(str(v) for v in raw if str(v).strip())


def parse_condition(data: dict[str, Any]) -> Condition:
    try:
        fld, op = Field(str(data.get("field"))), Op(str(data.get("op")))
    except ValueError as exc:
        raise RuleError(f"不认识的条件：{data.get('field')} {data.get('op')}") from exc
    values = _values(data.get("value"))
    if fld in CHOICE_FIELDS and op not in CHOICE_OPS:
        raise RuleError("来源、文件夹和级别只能用“是/不是”来比较。")
    if fld in TEXT_FIELDS and op not in TEXT_OPS:
        raise RuleError("标题、正文和作者只能用“包含/不包含/正则”来比较。")
    if not values:
        raise RuleError("每个条件都需要填写要比较的内容。")
    pattern = None
    if op is Op.REGEX:
        try:
            pattern = re.compile(values[0], re.IGNORECASE)
        except re.error as exc:
            raise RuleError(f"正则表达式有误：{values[0]}（{exc.msg}）", "请检查括号、转义等写法。") from exc
    return Condition(fld, op, values, pattern)


def parse_action(data: dict[str, Any]) -> Action:
    try:
        kind = ActionType(str(data.get("type")))
    except ValueError as exc:
        raise RuleError(f"不认识的动作：{data.get('type')}") from exc
    value = data.get("value")
    if kind in VALUE_ACTIONS and not value:
        raise RuleError("这个动作需要选择一个目标（标签、文件夹或要求）。")
    due_days = None
    if kind is ActionType.CREATE_TASK:
        try:
            due_days = int(data.get("due_days", 3))
        except (TypeError, ValueError) as exc:
            raise RuleError("任务的截止天数必须是整数。") from exc
        if not 0 <= due_days <= MAX_DUE_DAYS:
            raise RuleError(f"任务的截止天数应在 0 到 {MAX_DUE_DAYS} 之间。")
    try:
        priority = int(data.get("priority", 0) or 0)
    except (TypeError, ValueError):
        priority = 0
    title = data.get("title") or None
    return Action(kind, str(value) if value else None, due_days, max(0, min(priority, 2)), title)


def parse_rule(
    name: str,
    conditions: dict[str, Any],
    actions: dict[str, Any],
    *,
    enabled: bool = True,
    rule_id: str | None = None,
) -> RuleSpec:
    name = (name or "").strip()
    if not name:
        raise RuleError("规则需要一个名称。")
    parsed_conditions = tuple(parse_condition(c) for c in conditions.get("items", []))
    if not parsed_conditions:
        raise RuleError("规则至少需要一个条件。", "例如：标题包含“填报”。")
    parsed_actions = tuple(parse_action(a) for a in actions.get("items", []))
    if not parsed_actions:
        raise RuleError("规则至少需要一个动作。", "例如：创建任务，3 天后截止。")
    match = conditions.get("match", "all")
    return RuleSpec(name, parsed_conditions, parsed_actions, match != "any", enabled, rule_id)


def _text_of(fld: Field, facts: ItemFacts) -> str:
    if fld is Field.TITLE:
        return facts.title
    if fld is Field.CONTENT:
        return facts.content
    if fld is Field.AUTHOR:
        return facts.author or ""
    return f"{facts.title}\n{facts.content}"


def condition_holds(condition: Condition, facts: ItemFacts) -> bool:
    fld, op = condition.field, condition.op
    if fld in CHOICE_FIELDS:
        actual = {Field.SOURCE: facts.source_id, Field.FOLDER: facts.folder_id, Field.LEVEL: facts.level}[fld]
        inside = actual in condition.values
        return inside if op is Op.IS else not inside
    text = _text_of(fld, facts)
    if op is Op.REGEX:
        assert condition.pattern is not None
        return condition.pattern.search(text) is not None
    folded = text.casefold()
    found = any(v.casefold() in folded for v in condition.values)
    return found if op is Op.CONTAINS else not found


def matches(rule: RuleSpec, facts: ItemFacts) -> bool:
    results = (condition_holds(c, facts) for c in rule.conditions)
    return all(results) if rule.match_all else any(results)


@dataclass(frozen=True)
class Match:
    rule: RuleSpec
    item_id: str


def evaluate(rules: Sequence[RuleSpec], items: Iterable[ItemFacts]) -> list[Match]:
    """Every (enabled rule, item) pair that matches, rules in their order."""
    live = [r for r in rules if r.enabled]
    return [Match(rule, facts.item_id) for facts in items for rule in live if matches(rule, facts)]


def describe(rule: RuleSpec, names: dict[str, str] | None = None) -> str:
    """A one-line Chinese summary for lists ("标题包含 填报 → 创建任务（3 天后截止）")."""
    names = names or {}
    field_words = {
        Field.SOURCE: "来源",
        Field.FOLDER: "文件夹",
        Field.LEVEL: "级别",
        Field.TITLE: "标题",
        Field.CONTENT: "正文",
        Field.TITLE_OR_CONTENT: "标题或正文",
        Field.AUTHOR: "作者",
    }
    op_words = {
        Op.IS: "是",
        Op.IS_NOT: "不是",
        Op.CONTAINS: "包含",
        Op.NOT_CONTAINS: "不包含",
        Op.REGEX: "匹配",
    }
    action_words = {
        ActionType.TAG: "加标签",
        ActionType.MOVE_TO_FOLDER: "移到文件夹",
        ActionType.MARK_READ: "标为已读",
        ActionType.MUTE: "静音",
        ActionType.STAR: "加星标",
        ActionType.CREATE_TASK: "创建任务",
        ActionType.ATTACH_REQUIREMENT: "关联要求",
    }
    joiner = "且" if rule.match_all else "或"
    conditions = f" {joiner} ".join(
        f"{field_words[c.field]}{op_words[c.op]} {'/'.join(names.get(v, v) for v in c.values)}"
        for c in rule.conditions
    )
    actions = []
    for a in rule.actions:
        word = action_words[a.type]
        if a.type is ActionType.CREATE_TASK:
            word += f"（{a.due_days} 天后截止）"
        elif a.value:
            word += f" {names.get(a.value, a.value)}"
        actions.append(word)
    return f"{conditions} → {'、'.join(actions)}"
