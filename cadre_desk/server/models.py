"""The server's own tables (a separate metadata: the server never creates desktop tables)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from cadre_desk.storage.types import UtcDateTime


class ServerBase(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {datetime: UtcDateTime()}


class User(ServerBase):
    __tablename__ = "srv_users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)  # last change sequence number given out
    created_at: Mapped[datetime]


class Token(ServerBase):
    """Access tokens, stored as SHA-256 (tokens are 256-bit random: no slow hash needed)."""

    __tablename__ = "srv_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("srv_users.id"))
    label: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class Row(ServerBase):
    """The merged state of one synced row of one user, as a change record (JSON text)."""

    __tablename__ = "srv_rows"
    __table_args__ = (Index("ix_srv_rows_user_seq", "user_id", "seq"),)

    user_id: Mapped[str] = mapped_column(ForeignKey("srv_users.id"), primary_key=True)
    entity: Mapped[str] = mapped_column(String(50), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    record: Mapped[str] = mapped_column(Text)


class StagedPage(ServerBase):
    """A page of an upload not yet committed: merged only when every page has arrived."""

    __tablename__ = "srv_staged_pages"
    # expiry finds old pages without reading their bodies (SQLite stores created_at after them)
    __table_args__ = (Index("ix_srv_staged_pages_created_at", "created_at"),)

    user_id: Mapped[str] = mapped_column(ForeignKey("srv_users.id"), primary_key=True)
    session: Mapped[str] = mapped_column(String(32), primary_key=True)
    page: Mapped[int] = mapped_column(Integer, primary_key=True)
    pages: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    # random, new each time a page is staged: the staging process's copy of the page is used at
    # commit only while this matches (``staged.py``); NULL in pages of earlier versions
    version: Mapped[str | None] = mapped_column(String(32), nullable=True)


class CommittedSession(ServerBase):
    """Uploads already merged: a retried final page is answered, not merged twice."""

    __tablename__ = "srv_sessions"

    user_id: Mapped[str] = mapped_column(ForeignKey("srv_users.id"), primary_key=True)
    session: Mapped[str] = mapped_column(String(32), primary_key=True)
    cursor: Mapped[int] = mapped_column(BigInteger)
    committed_at: Mapped[datetime]


class QuarantinedRow(ServerBase):
    """A stored record ``cadre-desk-server doctor --repair`` took out of circulation (or repaired),
    kept as it was so nothing is lost."""

    __tablename__ = "srv_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(String(32), index=True)
    entity: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(32))
    record: Mapped[str] = mapped_column(Text)
    problem: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(20))  # "repaired" (clock reset) or "removed"
    at: Mapped[datetime]
