"""The composition root: builds paths, database, services and windows — in one place.

Nothing else holds the application, the database or a session in a module-level global.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from cadre_desk.platform.instance_lock import InstanceLock
from cadre_desk.platform.paths import DataPaths, default_data_dir
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.settings import Settings
from cadre_desk.storage.database import Database, open_database

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """Everything a front end (GUI, CLI, tests) needs, built once."""

    paths: DataPaths
    db: Database
    settings: Settings
    secrets: SecretStore
    lock: InstanceLock | None = None
    extras: dict[str, object] = field(default_factory=dict)

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()


def build_context(data_dir: Path | None = None, *, take_lock: bool = True) -> AppContext:
    """Open a profile: lock it, open/migrate its database, build the services."""
    paths = DataPaths(data_dir or default_data_dir()).ensure()
    lock = InstanceLock(paths.lock_file).acquire() if take_lock else None
    try:
        db = open_database(paths)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return AppContext(
        paths=paths,
        db=db,
        settings=Settings(db),
        secrets=SecretStore(paths.root / "secrets.enc"),
        lock=lock,
    )
