"""The operation log: append-only records of what was actually done, with evidence files.

A row is never changed or deleted (the database refuses both). A correction is a new row
whose ``supersedes_id`` names the row it replaces; a retraction is a correction with zero
minutes and ``RETRACTED_NOTE`` in front of its note. "Effective" rows are those no later row
supersedes.

Evidence files are stored content-addressed under ``DataPaths.attachments`` as
``ab/abcdef…`` (the file's SHA-256), so the same screenshot added twice is kept once.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from cadre_desk.domain.changes import Changes, ChangesWithId
from cadre_desk.domain.enums import OperationKind
from cadre_desk.domain.ids import new_id
from cadre_desk.domain.recurrence import CHINA_TZ
from cadre_desk.domain.task_errors import (
    EvidenceTooLargeError,
    EvidenceUnreadableError,
    NotFoundError,
    QuickAddError,
)
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Attachment, OperationLog, Source, Task
from cadre_desk.storage.types import to_ms

RETRACTED_NOTE = "【撤销】"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
LOGS = Changes(operation_logs=True)  # a row and its evidence


@dataclass(frozen=True)
class Evidence:
    """One evidence file to attach: a path on disk or bytes (a pasted screenshot)."""

    filename: str
    path: Path | None = None
    data: bytes | None = None
    mime_type: str | None = None

    @classmethod
    def from_path(cls, path: Path) -> Evidence:
        return cls(filename=path.name, path=path)

    @classmethod
    def screenshot(cls, png: bytes, taken: datetime | None = None) -> Evidence:
        moment = (taken or datetime.now(UTC)).astimezone(CHINA_TZ)
        return cls(filename=f"截图-{moment:%Y%m%d-%H%M%S}.png", data=png, mime_type="image/png")


@dataclass(frozen=True)
class LogDraft:
    operation_kind: str = OperationKind.OTHER
    minutes: float = 0
    performed_at: datetime | None = None  # default: now
    note: str | None = None
    is_checkin: bool = False
    task_id: str | None = None
    requirement_id: str | None = None
    source_id: str | None = None
    item_id: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class AttachmentView:
    id: str
    sha256: str
    filename: str
    mime_type: str
    size_bytes: int
    path: Path
    missing: bool  # the file is not in the data folder (not synced yet, or removed by hand)

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")


@dataclass(frozen=True)
class LogView:
    id: str
    operation_kind: str
    performed_at: datetime
    minutes: float
    note: str | None
    is_checkin: bool
    task_id: str | None
    requirement_id: str | None
    source_id: str | None
    source_name: str | None
    supersedes_id: str | None
    superseded: bool
    attachments: tuple[AttachmentView, ...] = field(default=())

    @property
    def retracted(self) -> bool:
        return (self.note or "").startswith(RETRACTED_NOTE)


class EvidenceStore:
    """Content-addressed files: ``root/ab/abcdef…`` named by their SHA-256."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes

    def path_of(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def put(self, evidence: Evidence) -> tuple[str, int]:
        """Store the bytes (once) and return (sha256, size)."""
        data = self._read(evidence)
        digest = hashlib.sha256(data).hexdigest()
        target = self.path_of(digest)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write beside the target and rename: a crash never leaves half a file under the hash.
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temp, target)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        return digest, len(data)

    def _read(self, evidence: Evidence) -> bytes:
        limit_mb = self.max_bytes / 1024 / 1024
        if evidence.data is not None:
            size_mb = len(evidence.data) / 1024 / 1024
            if len(evidence.data) > self.max_bytes:
                raise EvidenceTooLargeError(
                    f"“{evidence.filename}”有 {size_mb:.1f} MB，超过上限 {limit_mb:g} MB。"
                )
            return evidence.data
        if evidence.path is None:
            raise EvidenceUnreadableError(f"“{evidence.filename}”没有内容。")
        try:
            size = evidence.path.stat().st_size
            if size > self.max_bytes:
                raise EvidenceTooLargeError(
                    f"“{evidence.filename}”有 {size / 1024 / 1024:.1f} MB，超过上限 {limit_mb:g} MB。"
                )
            return evidence.path.read_bytes()
        except OSError as exc:
            raise EvidenceUnreadableError(f"无法读取文件“{evidence.path}”：{exc.strerror or exc}") from exc


class OperationLogService:
    def __init__(self, db: Database, evidence: EvidenceStore) -> None:
        self._db = db
        self.evidence = evidence

    # ----------------------------------------------------------------- writing (append only)

    def record(self, draft: LogDraft) -> ChangesWithId:
        """Append one log row (and its evidence); the id is the new row's."""
        return ChangesWithId(self._append(draft, supersedes_id=None), LOGS)

    def correct(self, log_id: str, draft: LogDraft) -> ChangesWithId:
        """Record a correction of ``log_id``; the original row stays as it was."""
        return ChangesWithId(self._append(draft, supersedes_id=log_id), LOGS)

    def retract(self, log_id: str, reason: str = "") -> ChangesWithId:
        """Record that ``log_id`` should not count (zero minutes); the original stays."""
        original = self.get(log_id)
        retraction = self._append(
            LogDraft(
                operation_kind=original.operation_kind,
                minutes=0,
                performed_at=original.performed_at,
                note=RETRACTED_NOTE + reason.strip(),
                is_checkin=original.is_checkin,
                task_id=original.task_id,
                requirement_id=original.requirement_id,
                source_id=original.source_id,
            ),
            supersedes_id=log_id,
        )
        return ChangesWithId(retraction, LOGS)

    def _append(self, draft: LogDraft, supersedes_id: str | None) -> str:
        minutes = float(draft.minutes)
        if not 0 <= minutes <= 24 * 60:
            raise QuickAddError("用时应在 0 到 1440 分钟之间。", "请填写实际用了多少分钟。")
        OperationKind(draft.operation_kind)
        stored = [(ev, *self.evidence.put(ev)) for ev in draft.evidence]  # files first, then rows
        now = datetime.now(UTC)
        log_id = new_id()
        with self._db.session() as session:
            if supersedes_id is not None and session.get(OperationLog, supersedes_id) is None:
                raise NotFoundError("要更正的记录不存在。")
            source_id = draft.source_id
            if source_id is None and draft.task_id is not None:
                task = session.get(Task, draft.task_id)
                source_id = task.source_id if task else None
            session.add(
                OperationLog(
                    id=log_id,
                    operation_kind=draft.operation_kind,
                    performed_at=draft.performed_at or now,
                    minutes=minutes,
                    is_checkin=draft.is_checkin,
                    source_id=source_id,
                    task_id=draft.task_id,
                    requirement_id=draft.requirement_id,
                    item_id=draft.item_id,
                    note=(draft.note or "").strip() or None,
                    supersedes_id=supersedes_id,
                    recorded_at=now,
                )
            )
            session.flush()
            for ev, digest, size in stored:
                session.add(
                    Attachment(
                        operation_log_id=log_id,
                        sha256=digest,
                        filename=ev.filename,
                        mime_type=ev.mime_type
                        or mimetypes.guess_type(ev.filename)[0]
                        or "application/octet-stream",
                        size_bytes=size,
                        created_at=now,
                    )
                )
        return log_id

    def record_many(self, drafts: Sequence[LogDraft], session: Session) -> list[str]:
        """Append several rows inside the caller's transaction (bulk completion). No evidence."""
        now = datetime.now(UTC)
        ids = []
        for draft in drafts:
            log_id = new_id()
            ids.append(log_id)
            session.add(
                OperationLog(
                    id=log_id,
                    operation_kind=draft.operation_kind,
                    performed_at=draft.performed_at or now,
                    minutes=float(draft.minutes),
                    is_checkin=draft.is_checkin,
                    source_id=draft.source_id,
                    task_id=draft.task_id,
                    requirement_id=draft.requirement_id,
                    item_id=draft.item_id,
                    note=(draft.note or "").strip() or None,
                    recorded_at=now,
                )
            )
        return ids

    # ----------------------------------------------------------------- reading

    def get(self, log_id: str) -> LogView:
        views = self._views(select(OperationLog).where(OperationLog.id == log_id))
        if not views:
            raise NotFoundError("找不到这条操作记录。")
        return views[0]

    def for_task(self, task_id: str) -> list[LogView]:
        return self._views(
            select(OperationLog).where(OperationLog.task_id == task_id).order_by(OperationLog.performed_at)
        )

    def between(self, start: datetime, end: datetime, limit: int = 1000) -> list[LogView]:
        return self._views(
            select(OperationLog)
            .where(OperationLog.performed_at >= to_ms(start), OperationLog.performed_at < to_ms(end))
            .order_by(OperationLog.performed_at.desc())
            .limit(limit)
        )

    def _views(self, query: object) -> list[LogView]:
        with self._db.session() as session:
            rows = list(session.scalars(query))  # type: ignore[call-overload]
            if not rows:
                return []
            ids = [r.id for r in rows]
            superseded = set(
                session.scalars(select(OperationLog.supersedes_id).where(OperationLog.supersedes_id.in_(ids)))
            )
            attachments: dict[str, list[Attachment]] = {}
            for att in session.scalars(select(Attachment).where(Attachment.operation_log_id.in_(ids))):
                attachments.setdefault(att.operation_log_id, []).append(att)
            source_ids = {r.source_id for r in rows if r.source_id}
            names: dict[str, str] = {}
            if source_ids:
                for source_id, name in session.execute(
                    select(Source.id, Source.name).where(Source.id.in_(source_ids))
                ):
                    names[source_id] = name
        return [
            LogView(
                id=r.id,
                operation_kind=r.operation_kind,
                performed_at=r.performed_at,
                minutes=r.minutes,
                note=r.note,
                is_checkin=r.is_checkin,
                task_id=r.task_id,
                requirement_id=r.requirement_id,
                source_id=r.source_id,
                source_name=names.get(r.source_id) if r.source_id else None,
                supersedes_id=r.supersedes_id,
                superseded=r.id in superseded,
                attachments=tuple(self._attachment_view(a) for a in attachments.get(r.id, [])),
            )
            for r in rows
        ]

    def _attachment_view(self, att: Attachment) -> AttachmentView:
        path = self.evidence.path_of(att.sha256)
        return AttachmentView(
            id=att.id,
            sha256=att.sha256,
            filename=att.filename,
            mime_type=att.mime_type,
            size_bytes=att.size_bytes,
            path=path,
            missing=not path.is_file(),
        )

    def minutes_between(self, start: datetime, end: datetime) -> float:
        """Effective minutes logged in ``[start, end)``: superseded rows do not count."""
        later = aliased(OperationLog)
        superseded = select(later.id).where(later.supersedes_id == OperationLog.id).exists()
        with self._db.session() as session:
            total = session.scalar(
                select(func.coalesce(func.sum(OperationLog.minutes), 0)).where(
                    OperationLog.performed_at >= to_ms(start),
                    OperationLog.performed_at < to_ms(end),
                    OperationLog.deleted.is_(False),
                    ~superseded,
                )
            )
        return float(total or 0)

    def minutes_on(self, day: date) -> float:
        start = datetime.combine(day, datetime.min.time(), tzinfo=CHINA_TZ)
        return self.minutes_between(start, start + timedelta(days=1))


def effective(logs: Iterable[LogView]) -> list[LogView]:
    """Drop rows a later row supersedes."""
    return [log for log in logs if not log.superseded]
