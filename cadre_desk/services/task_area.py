"""Assembles the task-area services over one profile (used by app.py, the CLI and tests)."""

from __future__ import annotations

from dataclasses import dataclass

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.burden import BurdenService
from cadre_desk.services.oplog import EvidenceStore, OperationLogService
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


def build_task_area(db: Database, paths: DataPaths, settings: Settings) -> TaskArea:
    evidence = EvidenceStore(paths.attachments, max_bytes=int(settings.get("evidence.max_mb")) * 1024 * 1024)
    oplog = OperationLogService(db, evidence)
    return TaskArea(
        requirements=RequirementService(db),
        oplog=oplog,
        tasks=TaskService(db, oplog, upcoming_days=int(settings.get("tasks.upcoming_days"))),
        burden=BurdenService(db),
        reminders=ReminderService(
            db, policy_from_settings(settings), paths.root, enabled=bool(settings.get("reminders.enabled"))
        ),
        settings=settings,
    )
