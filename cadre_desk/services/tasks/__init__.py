"""Tasks: occurrences of requirements, tasks from inbox items and by hand; the four views.

One service in three parts: ``occurrences`` (generating), ``queries`` (reading) and
``commands`` (changing, built on the queries); ``types`` holds the values they share.
"""

from __future__ import annotations

from cadre_desk.domain.enums import TaskView
from cadre_desk.services.oplog import OperationLogService
from cadre_desk.services.tasks.commands import TaskCommands
from cadre_desk.services.tasks.occurrences import TaskOccurrences
from cadre_desk.services.tasks.types import (
    FALLBACK_ANCHOR,
    PAGE_SIZE,
    DayBounds,
    TaskCounts,
    TaskRow,
    ms_to_datetime,
)
from cadre_desk.storage.database import Database

__all__ = [
    "FALLBACK_ANCHOR",
    "PAGE_SIZE",
    "DayBounds",
    "TaskCounts",
    "TaskRow",
    "TaskService",
    "TaskView",
    "ms_to_datetime",
]


class TaskService(TaskOccurrences, TaskCommands):
    def __init__(self, db: Database, oplog: OperationLogService, upcoming_days: int = 14) -> None:
        self._db = db
        self._oplog = oplog
        self.upcoming_days = upcoming_days
