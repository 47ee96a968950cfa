"""Expected failures of the task area (requirements, recurrence, quick-add, evidence, logs).

Kept apart from ``domain/errors.py`` so each area owns its own failures; all are
``CadreError`` subclasses, shown by the UI and the CLI with ``user_message`` + ``next_step``.
"""

from __future__ import annotations

from cadre_desk.domain.errors import CadreError


class InvalidRecurrenceError(CadreError):
    """An RRULE that dateutil cannot read, or one that never produces a date."""

    next_step = "请使用“每天/工作日/每周/每月”之一，或填写形如 FREQ=WEEKLY;BYDAY=MO,TH 的规则。"


class InvalidTimeError(CadreError):
    next_step = "请按“时:分”（24 小时制）填写，例如 09:00 或 17:30。"


class QuickAddError(CadreError):
    next_step = "请写出要做的事，例如“明天下午3点前报送安全生产月报”。"


class PastDueError(CadreError):
    """A new task or requirement whose date already passed."""

    next_step = "请确认日期是否写错；如确实是补录，请改用“记录操作”补记已完成的工作。"


class EvidenceTooLargeError(CadreError):
    next_step = "请压缩图片或只截取必要部分后再添加；上限可在设置“留痕附件大小上限”中调整。"


class EvidenceUnreadableError(CadreError):
    next_step = "请确认文件仍在原处且有读取权限，然后重新添加。"


class NotFoundError(CadreError):
    next_step = "该记录可能已被删除或尚未同步到本机；请刷新后重试。"


class AppendOnlyError(CadreError):
    """Someone tried to change an operation log instead of recording a correction."""

    next_step = "操作记录不能修改或删除；请使用“更正”新增一条记录，原记录会保留备查。"
