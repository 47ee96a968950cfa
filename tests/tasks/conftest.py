"""Fixtures of the task area: the services over the real per-test database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cadre_desk.platform.paths import DataPaths
from cadre_desk.services.burden import BurdenService
from cadre_desk.services.oplog import EvidenceStore, OperationLogService
from cadre_desk.services.requirements import RequirementService
from cadre_desk.services.tasks import TaskService
from cadre_desk.storage.database import Database


@dataclass
class TaskArea:
    db: Database
    requirements: RequirementService
    oplog: OperationLogService
    tasks: TaskService
    burden: BurdenService


def build_area(db: Database, paths: DataPaths, max_bytes: int = 1024 * 1024) -> TaskArea:
    oplog = OperationLogService(db, EvidenceStore(paths.attachments, max_bytes=max_bytes))
    return TaskArea(db, RequirementService(db), oplog, TaskService(db, oplog), BurdenService(db))


@pytest.fixture
def area(db: Database, data_paths: DataPaths) -> TaskArea:
    return build_area(db, data_paths)
