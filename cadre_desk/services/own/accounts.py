"""Marking sources as 本单位运营, their cadence rule, and the cadence watch with its tasks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithId, ChangesWithIds
from cadre_desk.domain.enums import TaskOrigin, TaskStatus
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.ids import stable_id
from cadre_desk.domain.own_cadence import (
    DEFAULT_PRESET,
    DEFAULT_WARN_DAYS,
    CadenceLevel,
    CadencePreset,
    CadenceRule,
    CadenceStatus,
    Post,
    evaluate_cadence,
    rule_for,
)
from cadre_desk.domain.own_messages import DEFAULT_REPLY_WORKDAYS
from cadre_desk.domain.recurrence import CHINA_TZ, china_date, occurrence_due
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source, Task
from cadre_desk.storage.own_models import OwnAccount
from cadre_desk.storage.types import from_ms, to_ms

RUN_BY = ("me", "unit")


class OwnAccountError(CadreError):
    next_step = "请在「我运营的账号」页或订阅源列表中重新选择账号后再试。"


@dataclass(frozen=True)
class OwnSettings:
    """What the cadre chooses per run account."""

    preset: str = DEFAULT_PRESET.value
    counts_reposts: bool = True
    custom_max_gap_days: int | None = None
    custom_min_posts_per_week: int | None = None
    warn_days: int = DEFAULT_WARN_DAYS
    reply_workdays: int = DEFAULT_REPLY_WORKDAYS
    run_by: str = "unit"
    menu_links: tuple[str, ...] = ()

    def validated(self) -> OwnSettings:
        try:
            CadencePreset(self.preset)
        except ValueError:
            raise OwnAccountError(f"未知的更新规则：{self.preset}") from None
        if self.run_by not in RUN_BY:
            raise OwnAccountError(f"运营方只能是“本人”或“本单位”（收到 {self.run_by!r}）")
        if not 0 <= self.warn_days <= 30:
            raise OwnAccountError("提前提醒天数须在 0 到 30 之间。")
        if not 1 <= self.reply_workdays <= 30:
            raise OwnAccountError("留言回复期限须在 1 到 30 个工作日之间。")
        for value, what in (
            (self.custom_max_gap_days, "最长间隔天数"),
            (self.custom_min_posts_per_week, "每周条数"),
        ):
            if value is not None and not 1 <= value <= 90:
                raise OwnAccountError(f"自定义规则的{what}须在 1 到 90 之间。")
        links: list[str] = []
        for link in self.menu_links:
            link = link.strip()
            if not link:
                continue
            if not link.startswith(("http://", "https://")):
                raise OwnAccountError(f"菜单链接须以 http:// 或 https:// 开头：{link}")
            links.append(link)
        return OwnSettings(
            self.preset,
            self.counts_reposts,
            self.custom_max_gap_days,
            self.custom_min_posts_per_week,
            self.warn_days,
            self.reply_workdays,
            self.run_by,
            tuple(dict.fromkeys(links)),
        )

    def rule(self) -> CadenceRule:
        return rule_for(
            self.preset,
            counts_reposts=self.counts_reposts,
            custom_max_gap_days=self.custom_max_gap_days,
            custom_min_posts_per_week=self.custom_min_posts_per_week,
        )


@dataclass(frozen=True)
class OwnAccountView:
    source_id: str
    name: str
    url: str | None
    platform: str
    settings: OwnSettings
    marked_at: datetime

    @property
    def rule(self) -> CadenceRule:
        return self.settings.rule()


@dataclass(frozen=True)
class AccountCadence:
    account: OwnAccountView
    status: CadenceStatus


OWN = Changes(own=True)
OWN_MARK = Changes(own=True, sources=True)  # the sources list shows which accounts are run
CADENCE_TASKS = Changes(tasks=True)  # reminders in the task list; the account page reads items


@dataclass
class CadenceTaskChanges:
    created: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.closed)

    @property
    def changes(self) -> Changes:
        return CADENCE_TASKS if self.changed else NOTHING


def own_account_id(source_id: str) -> str:
    return stable_id("own-account", source_id)


def cadence_task_id(source_id: str, breach_on: date) -> str:
    return stable_id("own-cadence", source_id, breach_on.isoformat())


# An item is original unless the repost detector put it in a cluster first published by
# another account (the same test as the 减负 analysis' zombie detector).
ORIGINAL_SQL = "(k.cluster IS NULL OR k.cluster = i.rowid OR c.source_id = i.source_id)"
WITH_CLUSTER = "LEFT JOIN item_clusters k ON k.item = i.rowid LEFT JOIN items c ON c.rowid = k.cluster"


class OwnAccountService:
    def __init__(self, db: Database) -> None:
        self._db = db

    # ----------------------------------------------------------------- marking

    def mark_run(self, source_id: str, settings: OwnSettings | None = None) -> ChangesWithId:
        """Mark a source as run by me/my unit (again); the id is the own account's."""
        clean = (settings or OwnSettings()).validated()
        with self._db.session() as session:
            if session.get(Source, source_id) is None:
                raise OwnAccountError("找不到这个订阅源，可能已被删除。")
            row = session.get(OwnAccount, own_account_id(source_id))
            if row is None:
                row = OwnAccount(
                    id=own_account_id(source_id), source_id=source_id, created_at=datetime.now(UTC)
                )
                session.add(row)
            row.active = True
            row.deleted = False
            if settings is not None or row.cadence_preset is None:
                _apply(row, clean)
            return ChangesWithId(row.id, OWN_MARK)

    def unmark(self, source_id: str) -> Changes:
        with self._db.session() as session:
            row = session.get(OwnAccount, own_account_id(source_id))
            if row is None or not row.active:
                return NOTHING
            row.active = False
        return OWN_MARK

    def update_settings(self, source_id: str, settings: OwnSettings) -> Changes:
        clean = settings.validated()
        with self._db.session() as session:
            row = session.get(OwnAccount, own_account_id(source_id))
            if row is None or not row.active or row.deleted:
                raise OwnAccountError("这个账号还没有标记为本单位运营。")
            _apply(row, clean)
        return OWN

    def mark_run_by_names(self, names: Iterable[str]) -> ChangesWithIds:
        """First-run wizard: mark the named accounts as run by the unit; a name with no source
        yet becomes a hand-captured WeChat account. The ids are the marked sources'."""
        from cadre_desk.domain.enums import Category, Platform, SourceKind

        wanted = [n.strip() for n in names if n.strip()]
        if not wanted:
            return ChangesWithIds((), NOTHING)
        with self._db.session() as session:
            known = {
                name: source_id
                for source_id, name in session.execute(
                    select(Source.id, Source.name).where(Source.deleted.is_(False), Source.name.in_(wanted))
                )
            }
            for name in wanted:
                if name not in known:
                    source = Source(
                        id=stable_id("own-wizard", name),
                        kind=SourceKind.MANUAL.value,
                        name=name[:300],
                        platform=Platform.WECHAT_ACCOUNT.value,
                        category=Category.NEWS.value,
                        owner_unit=None,
                        created_at=datetime.now(UTC),
                    )
                    session.add(source)
                    known[name] = source.id
        ids = tuple(known[name] for name in dict.fromkeys(wanted))
        for source_id in ids:
            self.mark_run(source_id)
        return ChangesWithIds(ids, OWN_MARK)

    def is_run(self, source_id: str) -> bool:
        return source_id in self.run_source_ids()

    def run_source_ids(self) -> set[str]:
        with self._db.session() as session:
            return set(session.scalars(active_accounts_query().with_only_columns(OwnAccount.source_id)))

    def accounts(self) -> list[OwnAccountView]:
        with self._db.session() as session:
            rows = session.execute(
                active_accounts_query()
                .add_columns(Source.name, Source.url, Source.platform)
                .order_by(Source.name)
            ).all()
            return [_view(row[0], row[1], row[2], row[3]) for row in rows]

    def account(self, source_id: str) -> OwnAccountView:
        for view in self.accounts():
            if view.source_id == source_id:
                return view
        raise OwnAccountError("这个账号还没有标记为本单位运营。")

    # ----------------------------------------------------------------- cadence

    def cadence(
        self, now: datetime | None = None, accounts: Sequence[OwnAccountView] | None = None
    ) -> list[AccountCadence]:
        """Each run account's standing under its rule, today (China date)."""
        moment = now or datetime.now(UTC)
        today = china_date(moment)
        views = list(accounts) if accounts is not None else self.accounts()
        if not views:
            return []
        longest = max((v.rule.max_gap_days or 0) for v in views)
        window_start = min(today - timedelta(days=longest + 1), today - timedelta(days=today.weekday() + 8))
        posts = self.posts_between(views, window_start, moment)
        out: list[AccountCadence] = []
        for view in views:
            status = evaluate_cadence(
                view.rule,
                posts.get(view.source_id, []),
                today,
                view.settings.warn_days,
                since=china_date(view.marked_at),
            )
            out.append(AccountCadence(view, status))
        return out

    def posts_between(
        self, views: Sequence[OwnAccountView], window_start: date, now: datetime
    ) -> dict[str, list[Post]]:
        """Posts inside the window plus each account's latest post and latest original before it:
        enough for every rule (evaluation looks at maxima and recent weeks only)."""
        ids = [v.source_id for v in views]
        start_ms = to_ms(datetime.combine(window_start, datetime.min.time(), tzinfo=CHINA_TZ))
        now_ms = to_ms(now)
        posts: dict[str, list[Post]] = defaultdict(list)
        has_original: set[str] = set()
        with self._db.engine.connect() as conn:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join(f":s{n}" for n in range(len(chunk)))
                params: dict[str, Any] = {f"s{n}": value for n, value in enumerate(chunk)}
                rows = conn.execute(
                    text(
                        f"""SELECT i.source_id, i.published_at, {ORIGINAL_SQL}
                        FROM items i {WITH_CLUSTER}
                        WHERE i.source_id IN ({marks}) AND NOT i.deleted
                          AND i.published_at >= :start AND i.published_at <= :now"""
                    ),
                    {**params, "start": start_ms, "now": now_ms},
                )
                for source_id, published, original in rows:
                    posts[source_id].append(Post(china_date(from_ms(int(published))), bool(original)))
                    if original:
                        has_original.add(source_id)
            # Before the window only the latest post and the latest original matter: walk the
            # (source, published) index backwards and stop at the first one (no full scan).
            latest_any = text(
                """SELECT i.published_at FROM items i WHERE i.source_id = :s AND i.published_at < :start
                AND NOT i.deleted ORDER BY i.published_at DESC LIMIT 1"""
            )
            latest_original = text(
                f"""SELECT i.published_at FROM items i {WITH_CLUSTER}
                WHERE i.source_id = :s AND i.published_at < :start AND NOT i.deleted AND {ORIGINAL_SQL}
                ORDER BY i.published_at DESC LIMIT 1"""
            )
            for source_id in ids:
                checks = [] if source_id in has_original else [(latest_original, True)]
                if source_id not in posts:
                    checks.append((latest_any, False))
                for statement, original in checks:
                    last = conn.execute(statement, {"s": source_id, "start": start_ms}).scalar()
                    if last is not None:
                        posts[source_id].append(Post(china_date(from_ms(int(last))), original))
        return posts

    def ensure_cadence_tasks(self, now: datetime | None = None) -> CadenceTaskChanges:
        """A task (with a tray reminder) for each account at yellow or red; tasks of a breach
        that moved away (the account posted) are closed. Idempotent."""
        moment = now or datetime.now(UTC)
        changes = CadenceTaskChanges()
        standings = self.cadence(moment)
        wanted: dict[str, tuple[AccountCadence, date]] = {}
        for standing in standings:
            status = standing.status
            if status.level != CadenceLevel.GREEN and status.breach_on is not None:
                wanted[cadence_task_id(standing.account.source_id, status.breach_on)] = (
                    standing,
                    status.breach_on,
                )
        with self._db.session() as session:
            open_tasks = session.scalars(
                select(Task).where(
                    Task.origin == TaskOrigin.OWN.value,
                    Task.status == TaskStatus.OPEN.value,
                    Task.deleted.is_(False),
                    Task.occurrence_date.is_not(None),
                    Task.notes == CADENCE_NOTE,
                )
            ).all()
            for task in open_tasks:
                if task.id not in wanted:
                    task.status = TaskStatus.DONE.value
                    task.completed_at = moment
                    changes.closed.append(task.id)
            existing = set(session.scalars(select(Task.id).where(Task.id.in_(list(wanted)))))
            for task_id, (standing, breach_on) in wanted.items():
                if task_id in existing:
                    continue
                session.add(
                    Task(
                        id=task_id,
                        title=cadence_task_title(standing)[:500],
                        notes=CADENCE_NOTE,
                        origin=TaskOrigin.OWN.value,
                        due_at=occurrence_due(breach_on - timedelta(days=1), None),
                        priority=2 if standing.status.level == CadenceLevel.RED else 1,
                        status=TaskStatus.OPEN.value,
                        remind_at=moment,
                        occurrence_date=breach_on.isoformat(),
                        source_id=standing.account.source_id,
                        created_at=moment,
                    )
                )
                changes.created.append(task_id)
        return changes


CADENCE_NOTE = "本单位运营账号更新提醒（自动生成；账号发布新内容后自动关闭）"


def cadence_task_title(standing: AccountCadence) -> str:
    status, name = standing.status, standing.account.name
    rule = status.rule
    what = (
        f"{rule.max_gap_days} 天未更新"
        if rule.max_gap_days and not rule.min_posts_per_week
        else rule.label_zh
    )
    verdict = "单项否决" if rule.veto else "扣分"
    if status.level == CadenceLevel.RED:
        return f"{name} 已触发{what}（{verdict}），请尽快发布"
    return f"{name} 还有 {status.days_left} 天将触发{what}{verdict}（{status.breach_on:%m月%d日}前须更新）"


def active_accounts_query() -> Any:
    return (
        select(OwnAccount)
        .join(Source, Source.id == OwnAccount.source_id)
        .where(OwnAccount.active.is_(True), OwnAccount.deleted.is_(False), Source.deleted.is_(False))
    )


def _apply(row: OwnAccount, clean: OwnSettings) -> None:
    row.cadence_preset = clean.preset
    row.counts_reposts = clean.counts_reposts
    row.custom_max_gap_days = clean.custom_max_gap_days
    row.custom_min_posts_per_week = clean.custom_min_posts_per_week
    row.warn_days = clean.warn_days
    row.reply_workdays = clean.reply_workdays
    row.run_by = clean.run_by
    row.menu_links = list(clean.menu_links)


def _view(row: OwnAccount, name: str, url: str | None, platform: str) -> OwnAccountView:
    settings = OwnSettings(
        preset=row.cadence_preset,
        counts_reposts=bool(row.counts_reposts),
        custom_max_gap_days=row.custom_max_gap_days,
        custom_min_posts_per_week=row.custom_min_posts_per_week,
        warn_days=int(row.warn_days),
        reply_workdays=int(row.reply_workdays),
        run_by=row.run_by,
        menu_links=tuple(row.menu_links or ()),
    )
    return OwnAccountView(row.source_id, name, url, platform, settings, row.created_at)


def mark_sources_run(session: Session, source_ids: Iterable[str], device_stamp: dict[str, Any]) -> int:
    """Bulk mark (OPML import): insert missing own-account rows with default settings."""
    ids = list(dict.fromkeys(source_ids))
    if not ids:
        return 0
    known = set(session.scalars(select(OwnAccount.source_id).where(OwnAccount.source_id.in_(ids))))
    now = datetime.now(UTC)
    defaults = OwnSettings()
    rows = [
        {
            "id": own_account_id(source_id),
            "source_id": source_id,
            "active": True,
            "run_by": defaults.run_by,
            "cadence_preset": defaults.preset,
            "counts_reposts": defaults.counts_reposts,
            "warn_days": defaults.warn_days,
            "reply_workdays": defaults.reply_workdays,
            "menu_links": [],
            "created_at": now,
            "deleted": False,
            **device_stamp,
        }
        for source_id in ids
        if source_id not in known
    ]
    if rows:
        session.execute(insert(OwnAccount), rows)
    if known:
        session.execute(
            update(OwnAccount)
            .where(OwnAccount.source_id.in_(list(known)))
            .values(active=True, **device_stamp)
        )
    return len(ids)


def run_source_ids_query() -> Any:
    """SQL: the ids of the sources marked 本单位运营 (for ``IN`` clauses elsewhere)."""
    return active_accounts_query().with_only_columns(OwnAccount.source_id)
