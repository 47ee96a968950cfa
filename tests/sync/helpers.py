"""A device in tests: a real profile with its own database, clock and keyring entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cadre_desk.domain.hlc import HybridLogicalClock, wall_clock_ms
from cadre_desk.domain.ids import new_id
from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.sync.records import schema
from cadre_desk.storage.database import Database, open_database
from cadre_desk.storage.models import OperationLog, Source, Task, device_local_columns

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@dataclass
class Replica:
    name: str
    paths: DataPaths
    secrets: SecretStore
    db: Database
    skew_ms: int = 0

    @classmethod
    def open(cls, name: str, paths: DataPaths, secrets: SecretStore, skew_ms: int = 0) -> Replica:
        db = open_database(paths)
        if skew_ms:
            physical: Callable[[], int] = lambda: wall_clock_ms() + skew_ms  # noqa: E731
            db.clock = HybridLogicalClock(last=db.clock.last, physical=physical)
        return cls(name, paths, secrets, db, skew_ms)

    def close(self) -> None:
        self.db.close()

    def reopen(self) -> None:
        """Close and open the database again, as the app does when restarted after a crash."""
        self.db.close()
        self.db = Replica.open(self.name, self.paths, self.secrets, self.skew_ms).db

    def integrity_ok(self) -> bool:
        with self.db.engine.connect() as conn:
            ok = conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            return ok and not conn.exec_driver_sql("PRAGMA foreign_key_check").first()

    # -- edits ---------------------------------------------------------------------------------

    def add_source(self, name: str = "清河县人民政府") -> str:
        source = Source(
            kind="manual", name=name, platform="wechat_account", category="gov_service", created_at=NOW
        )
        with self.db.session() as session:
            session.add(source)
        return source.id

    def add_task(self, title: str, source_id: str | None = None) -> str:
        task = Task(title=title, origin="manual", created_at=NOW, source_id=source_id)
        with self.db.session() as session:
            session.add(task)
        return task.id

    def edit(self, model: type[Any], row_id: str, **values: Any) -> None:
        with self.db.session() as session:
            row = session.get(model, row_id)
            assert row is not None
            for name, value in values.items():
                setattr(row, name, value)

    def check_in(self, task_id: str | None = None, note: str = "学习打卡") -> str:
        log = OperationLog(
            id=new_id(),
            operation_kind="study_checkin",
            performed_at=NOW,
            minutes=5,
            is_checkin=True,
            task_id=task_id,
            note=note,
            recorded_at=NOW,
        )
        with self.db.session() as session:
            session.add(log)
        return log.id

    # -- observation ---------------------------------------------------------------------------

    def snapshot(self) -> dict[str, dict[str, tuple[Any, ...]]]:
        """Every synced row's values (without local stamps and device-local columns), per table."""
        result: dict[str, dict[str, tuple[Any, ...]]] = {}
        with self.db.engine.connect() as conn:
            for table, info in schema().items():
                shared = [c for c in info.columns if c not in device_local_columns(table)]
                cols = ", ".join(f'"{c}"' for c in ("id", *shared))
                rows = conn.exec_driver_sql(f'SELECT {cols} FROM "{table}"')
                result[table] = {row[0]: tuple(row[1:]) for row in rows}
        return result

    def count(self, sql: str) -> int:
        with self.db.engine.connect() as conn:
            return int(conn.exec_driver_sql(sql).scalar() or 0)


def add_items(replica: Replica, source_id: str, count: int) -> list[str]:
    """``count`` small items in one bulk statement (fast enough for tens of thousands)."""
    from sqlalchemy import insert

    from cadre_desk.storage.models import Item

    ids = [new_id() for _ in range(count)]
    rows = [
        {
            "id": row_id,
            "source_id": source_id,
            "guid": f"g{n}",
            "title": f"通知{n}",
            "published_at": NOW,
            "fetched_at": NOW,
            **replica.db.stamp_columns(),
        }
        for n, row_id in enumerate(ids)
    ]
    with replica.db.session() as session:
        session.execute(insert(Item), rows)
    return ids


def tombstone(replica: Replica, model: type[Any], ids: list[str]) -> None:
    """Tombstone rows in bulk, as a device's own deletion would."""
    from sqlalchemy import update

    with replica.db.session() as session:
        for start in range(0, len(ids), 500):
            session.execute(
                update(model)
                .where(model.id.in_(ids[start : start + 500]))
                .values(deleted=True, **replica.db.stamp_columns())
                .execution_options(synchronize_session=False)
            )
