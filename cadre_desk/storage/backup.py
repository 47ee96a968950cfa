"""Backups of the database file: consistent, verified, atomic, rotated.

A backup is written with ``VACUUM INTO`` to a temporary name, checked with
``PRAGMA integrity_check`` and only then renamed into place, so a crash or a full disk never
leaves a half backup that looks good. Daily backups keep the newest seven; a backup taken
before a migration is kept per migration.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from cadre_desk.domain.errors import CadreError, DiskFullError

log = logging.getLogger(__name__)

DAILY_KEEP = 7
DAILY_PREFIX = "daily-"
MIGRATION_PREFIX = "premigration-"


class BackupError(CadreError):
    next_step = "请检查数据文件夹的磁盘空间与权限；原数据库未被改动。"


def _check_free_space(db_path: Path, dest_dir: Path) -> None:
    needed = db_path.stat().st_size
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        needed += wal.stat().st_size
    free = shutil.disk_usage(dest_dir).free
    if free < needed * 1.1 + 10 * 1024 * 1024:
        raise DiskFullError(
            f"备份需要约 {needed / 1e6:.0f} MB，但磁盘只剩 {free / 1e6:.0f} MB。数据库未被改动。"
        )


def integrity_ok(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return result is not None and result[0] == "ok"


def backup_database(db_path: Path, dest: Path) -> Path:
    """Write a verified copy of ``db_path`` to ``dest`` atomically."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    _check_free_space(db_path, dest.parent)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(str(db_path))
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("VACUUM INTO ?", (str(partial),))
        finally:
            conn.close()
        if not integrity_ok(partial):
            raise BackupError(f"备份校验失败：{dest.name}")
        os.replace(partial, dest)
    except sqlite3.OperationalError as exc:
        partial.unlink(missing_ok=True)
        if "full" in str(exc).lower():
            raise DiskFullError("磁盘已满，备份未完成；数据库未被改动。") from exc
        raise BackupError(f"备份失败：{exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    log.info("backup written: %s", dest)
    return dest


def daily_backup(db_path: Path, backups: Path, today: date | None = None) -> Path | None:
    """Take today's backup unless it exists; keep the newest ``DAILY_KEEP``."""
    today = today or date.today()
    dest = backups / f"{DAILY_PREFIX}{today.isoformat()}.db"
    if dest.exists():
        return None
    backup_database(db_path, dest)
    rotate_daily(backups)
    return dest


def rotate_daily(backups: Path, keep: int = DAILY_KEEP) -> list[Path]:
    daily = sorted(backups.glob(f"{DAILY_PREFIX}*.db"))  # ISO dates sort by time
    removed = daily[:-keep] if len(daily) > keep else []
    for old in removed:
        old.unlink()
    return removed


def premigration_backup(db_path: Path, backups: Path, from_rev: str, to_rev: str) -> Path:
    """One backup per migration step: re-running the same upgrade overwrites it."""
    return backup_database(db_path, backups / f"{MIGRATION_PREFIX}{from_rev}-to-{to_rev}.db")


def list_backups(backups: Path) -> list[Path]:
    """Every finished backup, newest first."""
    if not backups.is_dir():
        return []
    found = [p for p in backups.glob("*.db") if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def latest_good_backup(backups: Path) -> Path | None:
    for candidate in list_backups(backups):
        if integrity_ok(candidate):
            return candidate
    return None


def restore_backup(backup: Path, db_path: Path) -> Path:
    """Put ``backup`` in place of ``db_path``. The damaged file is kept beside it, never deleted.

    Returns the path the damaged database was moved to.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    staging = db_path.with_name(db_path.name + ".restoring")
    shutil.copy2(backup, staging)
    if db_path.exists():
        os.replace(db_path, kept)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            with contextlib.suppress(OSError):
                os.replace(side, kept.with_name(kept.name + suffix))
    os.replace(staging, db_path)
    log.warning("restored %s from %s; damaged file kept as %s", db_path, backup, kept)
    return kept
