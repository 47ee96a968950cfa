"""Tables of the accounts the cadre runs (本单位运营): settings, marks, repost duties, messages
and link-check results. Imported by ``storage.models`` so every mapper is known to the
triggers and to sync."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cadre_desk.storage.base import Base, SyncedMixin


class OwnAccount(SyncedMixin, Base):
    """A source run by the cadre or the cadre's unit, and the rule its cadence is held to.

    Id: ``stable_id("own-account", source_id)``, so marking the same source on two devices
    merges. Unmarking sets ``active`` to False (the settings are kept for a later re-mark)."""

    __tablename__ = "own_accounts"
    __table_args__ = (UniqueConstraint("source_id"),)

    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    run_by: Mapped[str] = mapped_column(String(20), default="unit")  # "me" | "unit"
    cadence_preset: Mapped[str] = mapped_column(String(40))  # domain.own_cadence.CadencePreset
    counts_reposts: Mapped[bool] = mapped_column(Boolean, default=True)
    custom_max_gap_days: Mapped[int | None] = mapped_column(Integer)
    custom_min_posts_per_week: Mapped[int | None] = mapped_column(Integer)
    warn_days: Mapped[int] = mapped_column(Integer, default=5)  # task + tray reminder this early
    reply_workdays: Mapped[int] = mapped_column(Integer, default=5)  # 留言 reply deadline
    menu_links: Mapped[list[str]] = mapped_column(default=list)  # 菜单 links entered by hand
    created_at: Mapped[datetime]


class OwnMark(SyncedMixin, Base):
    """A decision about a finding: "not an error here" (per account and term) or "fixed"."""

    __tablename__ = "own_marks"
    __table_args__ = (Index("ix_own_marks_source", "source_id", "subject"),)

    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    kind: Mapped[str] = mapped_column(String(20))  # "not_error" | "fixed"
    subject: Mapped[str] = mapped_column(String(20))  # "wording" | "link"
    key: Mapped[str] = mapped_column(Text)  # the dictionary term or the URL
    item_id: Mapped[str | None] = mapped_column(ForeignKey("items.id"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class OwnRepostDuty(SyncedMixin, Base):
    """ "When <superior> publishes an item matching <rule>, repost it on <my account> within N
    minutes." The requirement row (operation kind 转发) carries title, basis and imposing unit."""

    __tablename__ = "own_repost_duties"
    __table_args__ = (Index("ix_own_repost_duties_superior", "superior_source_id"),)

    requirement_id: Mapped[str] = mapped_column(ForeignKey("requirements.id"))
    superior_source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    own_source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    keywords: Mapped[list[str]] = mapped_column(default=list)  # empty: only items marked 重要
    within_minutes: Mapped[int] = mapped_column(Integer, default=60)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class OwnMessage(SyncedMixin, Base):
    """A public message (留言) to a run account that needs a reply by a working-day deadline."""

    __tablename__ = "own_messages"
    __table_args__ = (Index("ix_own_messages_source", "source_id", "received_at"),)

    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"))
    sender: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    reply_due_at: Mapped[datetime]
    replied_at: Mapped[datetime | None]
    reply_note: Mapped[str | None] = mapped_column(Text)
    task_id: Mapped[str | None] = mapped_column(ForeignKey("tasks.id"))
    created_at: Mapped[datetime]


class OwnLinkCheck(Base):
    """The last outcome of checking one link of a run account (local: another device has its
    own network). ``recorded`` rows were written by the demo, not fetched."""

    __tablename__ = "own_link_checks"

    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    item_id: Mapped[str | None] = mapped_column(String(32))
    origin: Mapped[str] = mapped_column(String(20), default="post")  # "post" | "menu"
    checked_at: Mapped[datetime]
    ok: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(Text)  # plain Chinese
    recorded: Mapped[bool] = mapped_column(Boolean, default=False)
