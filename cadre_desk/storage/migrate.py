"""Schema migrations at start-up, with a verified backup first.

Order: refuse a newer schema (untouched) → back up → drop derived triggers → upgrade →
recreate triggers → check foreign keys. Any failure rolls the upgrade back; the backup stays.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from cadre_desk.domain.errors import CadreError, DatabaseNewerError
from cadre_desk.storage.backup import premigration_backup
from cadre_desk.storage.bulk_write import restore_deferred_indexes
from cadre_desk.storage.triggers import drop_triggers, install_triggers, triggers_current

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class NotOurDatabaseError(CadreError):
    next_step = "请选择另一个数据文件夹（--data-dir）；这个文件没有被改动。"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE)


@cache
def revision_graph() -> dict[str, str | None]:
    """revision → down_revision, read from the migration files without importing alembic.

    Start-up only needs "is this database at head?"; importing alembic for that costs ~0.2 s.
    A test checks this agrees with alembic's own reading.
    """
    graph: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision and down:
            graph[revision.group(1)] = down.group(1)
    return graph


def head_revision() -> str:
    graph = revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:  # pragma: no cover - guarded by tests
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(revision_graph())


def current_revision(conn: Connection) -> str | None:
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if has_table is None:
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def check_schema(conn: Connection) -> str | None:
    """The current revision; raises if the file is from a newer version or not ours."""
    revision = current_revision(conn)
    if revision is not None and revision not in known_revisions():
        raise DatabaseNewerError(
            f"这个数据库由更新版本的 cadre_desk 创建（结构版本 {revision}），当前版本无法打开。"
        )
    if revision is None:
        tables = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")]
        if tables:
            raise NotOurDatabaseError("这个文件是 SQLite 数据库，但不是 cadre_desk 的数据库。")
    return revision


def upgrade(engine: Engine, db_path: Path, backups: Path, target: str = "head") -> bool:
    """Bring the schema to ``target``; returns True if anything ran."""
    with engine.connect() as conn:
        current = check_schema(conn)
    _restore_indexes(engine)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        _refresh_triggers(engine)
        return False
    if current is not None:
        premigration_backup(db_path, backups, current, wanted)
    from alembic import command

    config = alembic_config()
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # batch mode copies tables
        conn.commit()  # PRAGMA foreign_keys is ignored inside a transaction
        try:
            with conn.begin():
                drop_triggers(conn)
                config.attributes["connection"] = conn
                command.upgrade(config, target)
                install_triggers(conn)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise CadreError(f"迁移后发现 {len(problems)} 条外键错误，已回滚。")
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.commit()
    log.info("database migrated from %s to %s", current, wanted)
    return True


def _restore_indexes(engine: Engine) -> None:
    """Build the indexes a bulk load dropped and never got to build again (it was killed),
    before any migration expects them."""
    with engine.begin() as conn:  # deferred: writes only when something is pending
        restored = restore_deferred_indexes(conn)
    if restored:
        log.warning("indexes of an unfinished bulk load built again: %s", ", ".join(restored))


def _refresh_triggers(engine: Engine) -> None:
    """Reinstall the triggers of a file at the newest revision if this version's differ."""
    with engine.begin() as conn:  # a deferred transaction: it writes only when they differ
        if current_revision(conn) is None or triggers_current(conn):
            return
        install_triggers(conn)
    log.info("database triggers updated to this version's")
