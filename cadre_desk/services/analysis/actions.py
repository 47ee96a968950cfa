"""What the user does with a finding: unsubscribe, merge, keep with a reason, dismiss.

Every action is reversible and keeps history: unsubscribing sets ``subscribed = False``
(items, logs and findings stay), merging records ``merged_into_id``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from cadre_desk.domain.enums import FindingStatus
from cadre_desk.domain.errors import CadreError
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Finding, Source


class AnalysisActionError(CadreError):
    next_step = "请刷新“减负”页面后重试。"


def _source(session: Session, source_id: str) -> Source:
    source = session.get(Source, source_id)
    if source is None or source.deleted:
        raise AnalysisActionError("找不到这个账号，可能已被删除。")
    return source


def _set_status(
    session: Session, source_id: str, from_status: tuple[str, ...], to_status: str, reason: str | None
) -> int:
    rows = session.scalars(
        select(Finding).where(
            Finding.source_id == source_id, Finding.deleted.is_(False), Finding.status.in_(from_status)
        )
    ).all()
    for row in rows:
        row.status = to_status
        row.status_reason = reason
    return len(rows)


def unsubscribe(db: Database, source_id: str) -> None:
    """Stop following a source; its items, logs and history stay (reversible)."""
    with db.session() as session:
        source = _source(session, source_id)
        source.subscribed = False
        _set_status(session, source_id, (FindingStatus.OPEN,), FindingStatus.APPLIED, "已取消关注")


def resubscribe(db: Database, source_id: str) -> None:
    """Undo an unsubscribe or a merge."""
    with db.session() as session:
        source = _source(session, source_id)
        source.subscribed = True
        source.merged_into_id = None
        _set_status(session, source_id, (FindingStatus.APPLIED,), FindingStatus.OPEN, None)


def merge_source(db: Database, source_id: str, into_id: str) -> None:
    """Follow ``into_id`` instead of ``source_id`` (recorded so it can be undone)."""
    if source_id == into_id:
        raise AnalysisActionError("不能把账号合并到它自己。", "请选择另一个账号作为合并目标。")
    with db.session() as session:
        source = _source(session, source_id)
        target = _source(session, into_id)
        if not target.subscribed or target.merged_into_id:
            raise AnalysisActionError(
                f"合并目标「{target.name}」已取消关注或已被合并。", "请先恢复关注目标账号，或选择另一个账号。"
            )
        source.merged_into_id = into_id
        source.subscribed = False
        _set_status(
            session, source_id, (FindingStatus.OPEN,), FindingStatus.APPLIED, f"已合并到「{target.name}」"
        )


def keep_source(db: Database, source_id: str, reason: str) -> None:
    """Keep a source (e.g. 政务服务/12345/社保): its findings are closed until the evidence changes."""
    reason = reason.strip()
    if not reason:
        raise AnalysisActionError("请填写保留理由。", "例如：民生服务账号，群众办事需要。")
    with db.session() as session:
        source = _source(session, source_id)
        source.keep_reason = reason
        _set_status(session, source_id, (FindingStatus.OPEN,), FindingStatus.KEPT, reason)


def unkeep_source(db: Database, source_id: str) -> None:
    with db.session() as session:
        source = _source(session, source_id)
        source.keep_reason = None
        _set_status(session, source_id, (FindingStatus.KEPT,), FindingStatus.OPEN, None)


def dismiss_finding(db: Database, finding_id: str, reason: str | None = None) -> None:
    """Not a problem: hidden until its evidence changes."""
    with db.session() as session:
        row = session.get(Finding, finding_id)
        if row is None or row.deleted:
            raise AnalysisActionError("找不到这条分析结果，可能已重新计算。")
        row.status = FindingStatus.DISMISSED
        row.status_reason = (reason or "").strip() or "用户忽略"


def reopen_finding(db: Database, finding_id: str) -> None:
    with db.session() as session:
        row = session.get(Finding, finding_id)
        if row is None or row.deleted:
            raise AnalysisActionError("找不到这条分析结果，可能已重新计算。")
        row.status = FindingStatus.OPEN
        row.status_reason = None
