"""Filter rules: stored, previewed over existing items, applied on ingest and on demand.

Actions are idempotent: running a rule twice over the same item changes nothing the second
time. Tasks created by rules use ``stable_id(rule, item)`` so two devices applying the same
rule to the same synced item produce one task after sync.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from datetime import time as dtime
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithId
from cadre_desk.domain.enums import TaskOrigin, TaskStatus
from cadre_desk.domain.ids import stable_id
from cadre_desk.domain.rules import (
    Action,
    ActionType,
    Field,
    ItemFacts,
    Op,
    RuleError,
    RuleSpec,
    matches,
    parse_rule,
)
from cadre_desk.services.inbox import older_than
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Folder, Item, ItemTag, Requirement, Rule, Source, Tag, Task
from cadre_desk.storage.search_index import html_to_text

CST = timezone(timedelta(hours=8))
WORKDAY_END = dtime(17, 30)
SCAN_BATCH = 2_000
PREVIEW_LIMIT = 200


@dataclass
class ApplyReport:
    matched_items: int = 0
    changed: dict[str, int] = field(default_factory=dict)  # action type -> rows changed/created

    def add(self, kind: str, count: int) -> None:
        if count:
            self.changed[kind] = self.changed.get(kind, 0) + count

    @property
    def tasks_created(self) -> int:
        return self.changed.get(ActionType.CREATE_TASK, 0) + self.changed.get(
            ActionType.ATTACH_REQUIREMENT, 0
        )

    @property
    def changes(self) -> Changes:
        """Items tagged, moved, read, muted or starred; tasks made."""
        on_items = any(count for kind, count in self.changed.items() if kind not in TASK_ACTIONS)
        return Changes(items=on_items, tasks=bool(self.tasks_created))


TASK_ACTIONS = {ActionType.CREATE_TASK, ActionType.ATTACH_REQUIREMENT}
RULES = Changes(rules=True)


@dataclass(frozen=True)
class RuleChoices:
    sources: list[tuple[str, str]]
    folders: list[tuple[str, str]]
    tags: list[tuple[str, str]]
    requirements: list[tuple[str, str]]

    def names(self) -> dict[str, str]:
        return dict(self.sources + self.folders + self.tags + self.requirements)


@dataclass(frozen=True)
class PreviewRow:
    item_id: str
    title: str
    source_name: str
    published_at: datetime


@dataclass(frozen=True)
class Preview:
    rows: tuple[PreviewRow, ...]  # the newest matches, at most ``PREVIEW_LIMIT``
    matched: int  # how many of the scanned items match
    scanned: int


def due_after(days: int, now: datetime) -> datetime:
    """``days`` days after ``now``, at the end of the working day (China Standard Time)."""
    local = now.astimezone(CST).date() + timedelta(days=days)
    return datetime.combine(local, WORKDAY_END, tzinfo=CST).astimezone(UTC)


class RulesService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----------------------------------------------------------------- storage

    def rules(self, session: Session | None = None) -> list[RuleSpec]:
        """All live rules in order (disabled ones included)."""
        if session is None:
            with self._db.session() as own:
                return self.rules(own)
        rows = session.scalars(select(Rule).where(Rule.deleted.is_(False)).order_by(Rule.position, Rule.name))
        return [
            parse_rule(r.name, r.conditions or {}, r.actions or {}, enabled=r.enabled, rule_id=r.id)
            for r in rows
        ]

    def save(self, rule: RuleSpec) -> ChangesWithId:
        """Insert or update; validates first (``RuleError`` with a clear message)."""
        checked = parse_rule(rule.name, rule.conditions_json(), rule.actions_json(), enabled=rule.enabled)
        with self._db.session() as session:
            row = session.get(Rule, rule.id) if rule.id else None
            if row is None:
                count = len(session.scalars(select(Rule.id).where(Rule.deleted.is_(False))).all())
                row = Rule(position=count)
                if rule.id:
                    row.id = rule.id
                session.add(row)
            row.name = checked.name
            row.enabled = checked.enabled
            row.conditions = checked.conditions_json()
            row.actions = checked.actions_json()
            row.deleted = False
            session.flush()
            return ChangesWithId(row.id, RULES)

    def delete(self, rule_id: str) -> Changes:
        with self._db.session() as session:
            row = session.get(Rule, rule_id)
            if row is None:
                return NOTHING
            row.deleted = True
        return RULES

    def set_enabled(self, rule_id: str, enabled: bool) -> Changes:
        with self._db.session() as session:
            row = session.get(Rule, rule_id)
            if row is None:
                return NOTHING
            row.enabled = enabled
        return RULES

    def choices(self) -> RuleChoices:
        """What the rules dialog offers in its drop-downs."""
        with self._db.session() as session:

            def pairs(model: Any, label: Any) -> list[tuple[str, str]]:
                rows = session.execute(
                    select(model.id, label).where(model.deleted.is_(False)).order_by(label)
                )
                return [(r[0], r[1]) for r in rows]

            return RuleChoices(
                sources=pairs(Source, Source.name),
                folders=pairs(Folder, Folder.name),
                tags=pairs(Tag, Tag.name),
                requirements=pairs(Requirement, Requirement.title),
            )

    def ensure_tag(self, name: str) -> ChangesWithId:
        """The tag called ``name`` (created if new; tags are shown with the items)."""
        name = name.strip()
        if not name:
            raise RuleError("标签名称不能为空。")
        with self._db.session() as session:
            found = session.scalars(select(Tag).where(Tag.name == name, Tag.deleted.is_(False))).first()
            if found is not None:
                return ChangesWithId(found.id, NOTHING)
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            return ChangesWithId(tag.id, Changes(items=True))

    # ----------------------------------------------------------------- facts

    def _facts_query(self) -> Any:
        query = (
            select(
                Item.id,
                Item.source_id,
                Item.folder_id,
                Source.folder_id,
                Source.level,
                Item.title,
                Item.content_html,
                Item.summary,
                Item.author,
                Item.published_at,
                Source.name,
            )
            .join(Source, Source.id == Item.source_id)
            .where(Item.deleted.is_(False))
        )
        return query

    @staticmethod
    def _facts(row: Any, needs_content: bool) -> ItemFacts:
        content = html_to_text(row[6] or row[7]) if needs_content else ""
        return ItemFacts(
            item_id=row[0],
            source_id=row[1],
            folder_id=row[2] or row[3],
            level=row[4],
            title=row[5] or "",
            content=content,
            author=row[8],
        )

    def _scan(self, session: Session, rule: RuleSpec) -> Iterator[Any]:
        """Items newest first, in keyset batches, narrowed in SQL where the rule allows it."""
        query = self._facts_query()
        narrowing = _sql_narrowing(rule)
        if narrowing is not None:
            query = query.where(narrowing)
        after: tuple[int, str] | None = None
        while True:
            page = query
            if after is not None:
                page = page.where(older_than(after))
            rows = session.execute(
                page.order_by(Item.published_at.desc(), Item.id.desc()).limit(SCAN_BATCH)
            ).all()
            if not rows:
                return
            yield from rows
            last = rows[-1]
            after = (int(last[9].timestamp() * 1000), last[0])

    # ----------------------------------------------------------------- preview & apply

    def preview(self, rule: RuleSpec, limit: int = PREVIEW_LIMIT) -> Preview:
        """Which existing items the rule would match (without changing anything)."""
        checked = parse_rule(rule.name, rule.conditions_json(), rule.actions_json())
        needs_content = _needs_content(checked)
        shown: list[PreviewRow] = []
        matched = scanned = 0
        with self._db.session() as session:
            for row in self._scan(session, checked):
                scanned += 1
                if matches(checked, self._facts(row, needs_content)):
                    matched += 1
                    if len(shown) < limit:
                        shown.append(PreviewRow(row[0], row[5], row[10], row[9]))
        return Preview(tuple(shown), matched, scanned)

    def apply_to_existing(self, rule: RuleSpec, now: datetime | None = None) -> ApplyReport:
        """Run one rule over every existing item."""
        checked = parse_rule(
            rule.name, rule.conditions_json(), rule.actions_json(), enabled=True, rule_id=rule.id
        )
        needs_content = _needs_content(checked)
        with self._db.session() as session:
            hits = [
                (row[0], row[1], row[5])
                for row in self._scan(session, checked)
                if matches(checked, self._facts(row, needs_content))
            ]
            report = ApplyReport(matched_items=len(hits))
            self._perform(session, checked, hits, now or datetime.now(UTC), report)
        return report

    def apply_to_items(
        self, session: Session, item_ids: Sequence[str], now: datetime | None = None
    ) -> ApplyReport:
        """Apply every enabled rule to freshly ingested items, inside the ingest's transaction."""
        report = ApplyReport()
        rules = [r for r in self.rules(session) if r.enabled]
        if not rules or not item_ids:
            return report
        needs_content = any(_needs_content(r) for r in rules)
        rows: list[Any] = []
        for start in range(0, len(item_ids), 500):
            chunk = list(item_ids[start : start + 500])
            rows += session.execute(self._facts_query().where(Item.id.in_(chunk))).all()
        facts = [(row, self._facts(row, needs_content)) for row in rows]
        matched: set[str] = set()
        moment = now or datetime.now(UTC)
        for rule in rules:
            hits = [(row[0], row[1], row[5]) for row, f in facts if matches(rule, f)]
            matched.update(h[0] for h in hits)
            self._perform(session, rule, hits, moment, report)
        report.matched_items = len(matched)
        return report

    # ----------------------------------------------------------------- actions

    def _perform(
        self,
        session: Session,
        rule: RuleSpec,
        hits: list[tuple[str, str, str]],
        now: datetime,
        report: ApplyReport,
    ) -> None:
        if not hits:
            return
        ids = [h[0] for h in hits]
        for action in rule.actions:
            if action.type is ActionType.MARK_READ:
                report.add(action.type, self._set(session, ids, Item.is_read, True))
            elif action.type is ActionType.STAR:
                report.add(action.type, self._set(session, ids, Item.is_starred, True))
            elif action.type is ActionType.MUTE:
                report.add(action.type, self._set(session, ids, Item.is_muted, True))
            elif action.type is ActionType.MOVE_TO_FOLDER:
                report.add(action.type, self._set(session, ids, Item.folder_id, action.value))
            elif action.type is ActionType.TAG:
                report.add(action.type, self._tag(session, ids, str(action.value)))
            elif action.type is ActionType.CREATE_TASK:
                report.add(action.type, self._tasks(session, rule, action, hits, now))
            elif action.type is ActionType.ATTACH_REQUIREMENT:
                report.add(action.type, self._requirement_tasks(session, str(action.value), hits, now))

    def _set(self, session: Session, ids: list[str], column: Any, value: Any) -> int:
        changed = 0
        for start in range(0, len(ids), 500):
            result = session.execute(
                update(Item)
                .where(Item.id.in_(ids[start : start + 500]), column.is_not(value))
                .values({column: value, **self._db.stamp_columns()})
                .execution_options(synchronize_session=False)
            )
            changed += result.rowcount  # type: ignore[attr-defined]
        return changed

    def _tag(self, session: Session, ids: list[str], tag_id: str) -> int:
        existing = set(
            session.scalars(select(ItemTag.item_id).where(ItemTag.tag_id == tag_id, ItemTag.item_id.in_(ids)))
        )
        new = [i for i in ids if i not in existing]
        session.add_all(ItemTag(id=stable_id("item_tag", i, tag_id), item_id=i, tag_id=tag_id) for i in new)
        return len(new)

    def _new_tasks(self, session: Session, tasks: list[Task]) -> int:
        if not tasks:
            return 0
        known = set(session.scalars(select(Task.id).where(Task.id.in_([t.id for t in tasks]))))
        fresh = [t for t in tasks if t.id not in known]
        session.add_all(fresh)
        return len(fresh)

    def _tasks(
        self,
        session: Session,
        rule: RuleSpec,
        action: Action,
        hits: list[tuple[str, str, str]],
        now: datetime,
    ) -> int:
        due = due_after(action.due_days or 0, now)
        label = action.title or rule.name
        return self._new_tasks(
            session,
            [
                Task(
                    id=stable_id("rule-task", rule.id or rule.name, item_id),
                    title=f"{label}：{title}"[:500],
                    origin=TaskOrigin.RULE.value,
                    due_at=due,
                    priority=action.priority,
                    status=TaskStatus.OPEN.value,
                    item_id=item_id,
                    source_id=source_id,
                    created_at=now,
                )
                for item_id, source_id, title in hits
            ],
        )

    def _requirement_tasks(
        self, session: Session, requirement_id: str, hits: list[tuple[str, str, str]], now: datetime
    ) -> int:
        requirement = session.get(Requirement, requirement_id)
        if requirement is None or requirement.deleted:
            return 0
        due = (
            now + timedelta(hours=requirement.within_hours) if requirement.within_hours else due_after(0, now)
        )
        return self._new_tasks(
            session,
            [
                Task(
                    id=stable_id("rule-requirement", requirement_id, item_id),
                    title=f"{requirement.title}：{title}"[:500],
                    origin=TaskOrigin.RULE.value,
                    due_at=due,
                    status=TaskStatus.OPEN.value,
                    requirement_id=requirement_id,
                    item_id=item_id,
                    source_id=source_id,
                    created_at=now,
                )
                for item_id, source_id, title in hits
            ],
        )


def _needs_content(rule: RuleSpec) -> bool:
    return any(c.field in (Field.CONTENT, Field.TITLE_OR_CONTENT) for c in rule.conditions)


def _sql_narrowing(rule: RuleSpec) -> Any | None:
    """A WHERE clause implied by the rule's source/level conditions (only for "all" rules:
    with "any" every item may match through another condition). Python still decides."""
    if not rule.match_all:
        return None
    clauses = []
    for c in rule.conditions:
        column = {Field.SOURCE: Item.source_id, Field.LEVEL: Source.level}.get(c.field)
        if column is not None and c.op is Op.IS:
            clauses.append(column.in_(c.values))
    return and_(*clauses) if clauses else None


def inbox_ingest_listener(db: Database) -> Callable[[Session, list[str]], None]:
    """The inbox's ingest hook: run the enabled rules over new items, then let a new repost of
    a notice the cadre already read arrive read (same transaction as the ingest)."""
    from cadre_desk.services.folding import FoldingService

    rules = RulesService(db)
    folding = FoldingService(db)

    def listener(session: Session, new_ids: list[str]) -> None:
        folding.read_if_group_read(session, new_ids)
        rules.apply_to_items(session, new_ids)

    return listener
