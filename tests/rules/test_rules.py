"""Rule engine: pure evaluation (domain) and actions on a real database (service)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from cadre_desk.domain.changes import NOTHING, Changes
from cadre_desk.domain.ids import new_id
from cadre_desk.domain.rules import ItemFacts, RuleError, describe, evaluate, matches, parse_rule
from cadre_desk.services.rules import RulesService, due_after
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Folder, Item, ItemTag, Requirement, Tag, Task
from tests.factories import add_items, add_source
from tests.search.test_search import add_item

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def facts(title: str = "", content: str = "", **kw: object) -> ItemFacts:
    values: dict[str, object] = {
        "item_id": new_id(),
        "source_id": "s1",
        "folder_id": None,
        "level": "county",
        "author": None,
    }
    values.update(kw)
    return ItemFacts(title=title, content=content, **values)  # type: ignore[arg-type]


def rule(
    conditions: list[dict[str, object]],
    actions: list[dict[str, object]] | None = None,
    match: str = "all",
    name: str = "r",
) -> object:
    return parse_rule(name, {"match": match, "items": conditions}, {"items": actions or [{"type": "star"}]})


def test_contains_is_case_insensitive_and_any_of_words() -> None:
    r = rule([{"field": "title", "op": "contains", "value": ["填报", "REPORT"]}])
    assert matches(r, facts("请完成低保数据填报"))  # type: ignore[arg-type]
    assert matches(r, facts("Monthly report due"))  # type: ignore[arg-type]
    assert not matches(r, facts("村民代表大会", content="填报"))  # type: ignore[arg-type]


def test_not_contains_content_and_title_or_content() -> None:
    r = rule([{"field": "content", "op": "not_contains", "value": "转发"}])
    assert matches(r, facts("x", content="请阅读"))  # type: ignore[arg-type]
    assert not matches(r, facts("x", content="请转发到朋友圈"))  # type: ignore[arg-type]
    r2 = rule([{"field": "title_or_content", "op": "contains", "value": "打卡"}])
    assert matches(r2, facts("学习", content="每日打卡"))  # type: ignore[arg-type]


def test_regex_and_bad_regex() -> None:
    r = rule([{"field": "title", "op": "regex", "value": r"第\d+期"}])
    assert matches(r, facts("学习强国第12期答题"))  # type: ignore[arg-type]
    assert not matches(r, facts("第二期"))  # type: ignore[arg-type]
    with pytest.raises(RuleError) as info:
        rule([{"field": "title", "op": "regex", "value": "第(\\d+期"}])
    assert "正则表达式有误" in info.value.user_message


def test_choice_fields_and_match_any() -> None:
    r = rule(
        [
            {"field": "source", "op": "is", "value": ["s1", "s2"]},
            {"field": "level", "op": "is_not", "value": "village"},
        ]
    )
    assert matches(r, facts(source_id="s2", level="county"))  # type: ignore[arg-type]
    assert not matches(r, facts(source_id="s2", level="village"))  # type: ignore[arg-type]
    assert not matches(r, facts(source_id="s3"))  # type: ignore[arg-type]
    any_rule = rule(
        [
            {"field": "folder", "op": "is", "value": "f1"},
            {"field": "author", "op": "contains", "value": "办"},
        ],
        match="any",
    )
    assert matches(any_rule, facts(folder_id="f1"))  # type: ignore[arg-type]
    assert matches(any_rule, facts(author="县委办"))  # type: ignore[arg-type]
    assert not matches(any_rule, facts(folder_id="f2", author="张三"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("conditions", "actions", "message"),
    [
        ([], [{"type": "star"}], "至少需要一个条件"),
        ([{"field": "title", "op": "contains", "value": "x"}], [], "至少需要一个动作"),
        ([{"field": "title", "op": "is", "value": "x"}], [{"type": "star"}], "包含/不包含/正则"),
        ([{"field": "source", "op": "contains", "value": "x"}], [{"type": "star"}], "是/不是"),
        ([{"field": "title", "op": "contains", "value": ""}], [{"type": "star"}], "需要填写"),
        ([{"field": "nope", "op": "contains", "value": "x"}], [{"type": "star"}], "不认识的条件"),
        ([{"field": "title", "op": "contains", "value": "x"}], [{"type": "explode"}], "不认识的动作"),
        ([{"field": "title", "op": "contains", "value": "x"}], [{"type": "tag"}], "需要选择"),
        (
            [{"field": "title", "op": "contains", "value": "x"}],
            [{"type": "create_task", "due_days": "三"}],
            "整数",
        ),
        (
            [{"field": "title", "op": "contains", "value": "x"}],
            [{"type": "create_task", "due_days": -1}],
            "之间",
        ),
    ],
)
def test_invalid_rules_are_typed_errors(conditions: list, actions: list, message: str) -> None:
    with pytest.raises(RuleError) as info:
        parse_rule("r", {"items": conditions}, {"items": actions})
    assert message in info.value.user_message


def test_evaluate_skips_disabled_and_describe() -> None:
    on = rule(
        [{"field": "title", "op": "contains", "value": "填报"}], [{"type": "create_task", "due_days": 3}]
    )
    off = parse_rule(
        "off",
        {"items": [{"field": "title", "op": "contains", "value": "填报"}]},
        {"items": [{"type": "star"}]},
        enabled=False,
    )
    item = facts("数据填报")
    assert [m.rule.name for m in evaluate([on, off], [item])] == ["r"]  # type: ignore[list-item]
    assert describe(on) == "标题包含 填报 → 创建任务（3 天后截止）"  # type: ignore[arg-type]


def test_due_after_is_end_of_working_day_in_china() -> None:
    due = due_after(3, datetime(2026, 11, 20, 20, 0, tzinfo=UTC))  # 04:00 on the 21st in Beijing
    assert due == datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # 17:30 on the 24th in Beijing


# --------------------------------------------------------------------------- service


def test_fill_in_rule_creates_tasks_once(db: Database) -> None:
    source = add_source(db)
    report_id = add_item(db, source, "请于周五前完成低保数据填报")
    other = add_item(db, source, "村民代表大会召开")
    service = RulesService(db)
    spec = parse_rule(
        "填报任务",
        {"items": [{"field": "title", "op": "contains", "value": "填报"}]},
        {"items": [{"type": "create_task", "due_days": 3}, {"type": "star"}]},
    )
    spec = parse_rule(spec.name, spec.conditions_json(), spec.actions_json(), rule_id=service.save(spec).id)
    preview = service.preview(spec)
    assert [r.item_id for r in preview.rows] == [report_id] and preview.matched == 1 and preview.scanned == 2
    first = service.apply_to_existing(spec, now=NOW)
    assert first.matched_items == 1 and first.tasks_created == 1 and first.changed["star"] == 1
    assert first.changes == Changes(items=True, tasks=True)
    again = service.apply_to_existing(spec, now=NOW)
    assert again.matched_items == 1 and again.changed == {} and again.changes == NOTHING
    with db.session() as session:
        tasks = session.scalars(select(Task)).all()
        starred = session.scalars(select(Item.id).where(Item.is_starred.is_(True))).all()
    assert len(tasks) == 1 and tasks[0].item_id == report_id and tasks[0].origin == "rule"
    assert tasks[0].title == "填报任务：请于周五前完成低保数据填报"
    assert tasks[0].due_at == due_after(3, NOW)
    assert starred == [report_id] and other not in starred


def test_apply_on_ingest_all_actions(db: Database) -> None:
    source = add_source(db, "城关镇党建", level="township")
    with db.session() as session:
        folder = Folder(name="党建")
        tag = Tag(name="学习")
        requirement = Requirement(title="学习打卡", operation_kind="study_checkin", within_hours=2)
        session.add_all([folder, tag, requirement])
    service = RulesService(db)
    service.save(
        parse_rule(
            "党建学习",
            {
                "items": [
                    {"field": "source", "op": "is", "value": source},
                    {"field": "content", "op": "contains", "value": "学习"},
                ]
            },
            {
                "items": [
                    {"type": "tag", "value": tag.id},
                    {"type": "move_to_folder", "value": folder.id},
                    {"type": "mark_read"},
                    {"type": "mute"},
                    {"type": "attach_requirement", "value": requirement.id},
                ]
            },
        )
    )
    hit = add_item(db, source, "每周一课", "请组织学习并打卡")
    miss = add_item(db, source, "环境整治", "清理垃圾")
    with db.session() as session:
        report = service.apply_to_items(session, [hit, miss], now=NOW)
    assert report.matched_items == 1
    assert report.changed == {
        "tag": 1,
        "move_to_folder": 1,
        "mark_read": 1,
        "mute": 1,
        "attach_requirement": 1,
    }
    with db.session() as session:
        item = session.get(Item, hit)
        assert item is not None and item.is_read and item.is_muted and item.folder_id == folder.id
        assert session.scalars(select(ItemTag.item_id)).all() == [hit]
        task = session.scalars(select(Task)).one()
        assert task.requirement_id == requirement.id and task.due_at == NOW + timedelta(hours=2)
        untouched = session.get(Item, miss)
        assert untouched is not None and not untouched.is_read


def test_disabled_and_deleted_rules_do_nothing(db: Database) -> None:
    source = add_source(db)
    ids = add_items(db, source, 3)
    service = RulesService(db)
    rule_id = service.save(
        parse_rule(
            "r",
            {"items": [{"field": "title", "op": "contains", "value": "防火"}]},
            {"items": [{"type": "mark_read"}]},
            enabled=False,
        )
    ).id
    with db.session() as session:
        assert service.apply_to_items(session, ids).matched_items == 0
    assert service.set_enabled(rule_id, True) == Changes(rules=True)
    assert service.delete(rule_id) == Changes(rules=True)
    assert service.rules() == []
    assert service.delete("no such rule") == NOTHING


def test_preview_over_many_items_uses_keyset_batches(db: Database) -> None:
    source = add_source(db)
    other = add_source(db, "另一个来源")
    add_items(db, source, 2500)
    add_items(db, other, 10)
    spec = parse_rule(
        "r",
        {
            "items": [
                {"field": "source", "op": "is", "value": source},
                {"field": "title", "op": "regex", "value": r"第\d*5批"},
            ]
        },
        {"items": [{"type": "star"}]},
    )
    preview = RulesService(db).preview(spec)
    assert preview.scanned == 2500  # narrowed to the source in SQL
    assert preview.matched == 250 and len(preview.rows) == 200
