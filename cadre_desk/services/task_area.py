"""Assembles the task-area services over one profile (used by app.py, the CLI and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from cadre_desk.domain.recurrence import DEFAULT_DUE, parse_hhmm
from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.burden import BurdenService
from cadre_desk.services.oplog import DEFAULT_MAX_BYTES, EvidenceStore, OperationLogService
from cadre_desk.services.reminders import ReminderService, policy_from_settings
from cadre_desk.services.requirements import RequirementService
from cadre_desk.services.settings import Settings
from cadre_desk.services.tasks import TaskService
from cadre_desk.storage.database import Database


@dataclass
class TaskArea:
    requirements: RequirementService
    oplog: OperationLogService
    tasks: TaskService
    burden: BurdenService
    reminders: ReminderService
    settings: Settings

    def default_due_time(self) -> time:
        """Tasks given only a date fall due at the end of the working day (``work.hours_end``)."""
        return parse_hhmm(self.settings.get("work.hours_end")) or DEFAULT_DUE


def build_task_area(db: Database, paths: DataPaths, settings: Settings) -> TaskArea:
    evidence = EvidenceStore(paths.attachments, max_bytes=DEFAULT_MAX_BYTES)
    oplog = OperationLogService(db, evidence)
    return TaskArea(
        requirements=RequirementService(db),
        oplog=oplog,
        tasks=TaskService(db, oplog),
        burden=BurdenService(db),
        reminders=ReminderService(db, policy_from_settings(settings), paths.root),
        settings=settings,
    )
