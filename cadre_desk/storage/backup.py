"""Backups of the database file: consistent, verified, atomic, rotated, cancellable.

A backup is copied online with SQLite's backup API, a few megabytes per step with a pause
between steps, from one read snapshot (a read transaction held on the source connection, so
writes by the app during the copy neither restart it nor leak into it). The copy goes to a
temporary name, is checked with ``PRAGMA integrity_check`` and only then renamed into place, so
a crash, a full disk or a cancel never leaves a half backup that looks good. Every step, and
the check, looks at a cancel flag: quitting the app stops a backup of a 2 GB profile at once.

Daily backups keep the newest seven; a backup taken before a migration is kept per migration.
All but the newest backup are stored gzip-compressed, so the folder stays near one database's
size plus a fraction per older copy.
"""

from __future__ import annotations

import contextlib
import gzip
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from cadre_desk.domain.errors import CadreError, DiskFullError

log = logging.getLogger(__name__)

DAILY_KEEP = 7
DAILY_PREFIX = "daily-"
MIGRATION_PREFIX = "premigration-"
COMPRESSED_SUFFIX = ".gz"
STEP_BYTES = 4 * 1024 * 1024  # per backup step: one step holds the source's read lock briefly
STEP_PAUSE = 0.0  # seconds between steps; the app's idle backup passes a small pause
CHUNK = 4 * 1024 * 1024
VERIFY_CHECK_EVERY = 1_000  # SQLite VM steps between cancel checks during integrity_check


class BackupError(CadreError):
    next_step = "请检查数据文件夹的磁盘空间与权限；原数据库未被改动。"


class BackupCancelled(CadreError):
    """The backup was stopped (the app is quitting); nothing was written, it is retried later."""

    next_step = "下次启动时会自动重新备份。"


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


def _raise_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BackupCancelled("备份已中止（程序正在退出）。")


def _integrity_ok_plain(path: Path, cancel: threading.Event | None = None) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if cancel is not None:
                # A non-zero return interrupts the statement: checking 2 GB must not hold a quit.
                conn.set_progress_handler(lambda: int(cancel.is_set()), VERIFY_CHECK_EVERY)
            result = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
    except sqlite3.OperationalError:
        _raise_if_cancelled(cancel)
        return False
    except sqlite3.DatabaseError:
        return False
    return result is not None and result[0] == "ok"


@contextlib.contextmanager
def _expanded(path: Path) -> Iterator[Path]:
    """A compressed backup as a plain database file in a temporary folder beside it."""
    if not path.name.endswith(COMPRESSED_SUFFIX):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix=".expand-", dir=path.parent) as folder:
        plain = Path(folder) / path.name.removesuffix(COMPRESSED_SUFFIX)
        with gzip.open(path, "rb") as source, plain.open("wb") as target:
            shutil.copyfileobj(source, target, CHUNK)
        yield plain


def integrity_ok(path: Path) -> bool:
    """True if ``path`` (a database or a compressed backup of one) passes ``integrity_check``."""
    try:
        with _expanded(path) as plain:
            return _integrity_ok_plain(plain)
    except (OSError, EOFError, gzip.BadGzipFile):
        return False


def _copy_online(db_path: Path, partial: Path, cancel: threading.Event | None, pause: float) -> None:
    source = sqlite3.connect(str(db_path), isolation_level=None)
    target = sqlite3.connect(str(partial))
    try:
        source.execute("PRAGMA busy_timeout = 10000")
        # One snapshot for the whole copy: the backup then never restarts when the app writes.
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_schema").fetchone()

        def step(_status: int, _remaining: int, _total: int) -> None:
            _raise_if_cancelled(cancel)
            if pause:
                time.sleep(pause)

        page_size = source.execute("PRAGMA page_size").fetchone()[0]
        source.backup(target, pages=max(1, STEP_BYTES // page_size), progress=step)
        source.execute("COMMIT")
        # The copy inherits WAL mode; a backup is a single self-contained file.
        target.execute("PRAGMA journal_mode = DELETE")
    finally:
        target.close()
        source.close()


def backup_database(
    db_path: Path, dest: Path, *, cancel: threading.Event | None = None, pause: float = STEP_PAUSE
) -> Path:
    """Write a verified copy of ``db_path`` to ``dest`` atomically.

    ``cancel`` stops the copy or the check within one step; ``BackupCancelled`` is raised and
    nothing is left behind. ``pause`` sleeps between steps so a backup on idle stays gentle.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    _check_free_space(db_path, dest.parent)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        _copy_online(db_path, partial, cancel, pause)
        if not _integrity_ok_plain(partial, cancel):
            raise BackupError(f"备份校验失败：{dest.name}")
        _raise_if_cancelled(cancel)
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


def compress_backup(path: Path, cancel: threading.Event | None = None) -> Path:
    """Replace a plain backup by its gzip copy (written aside, renamed, then the plain removed)."""
    target = path.with_name(path.name + COMPRESSED_SUFFIX)
    partial = target.with_name(target.name + ".partial")
    try:
        with path.open("rb") as source, gzip.open(partial, "wb", compresslevel=3) as sink:
            while chunk := source.read(CHUNK):
                _raise_if_cancelled(cancel)
                sink.write(chunk)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    path.unlink()
    return target


def _stem_date(path: Path) -> str:
    return path.name.removesuffix(COMPRESSED_SUFFIX).removesuffix(".db")


def _daily(backups: Path) -> list[Path]:
    found = [*backups.glob(f"{DAILY_PREFIX}*.db"), *backups.glob(f"{DAILY_PREFIX}*.db{COMPRESSED_SUFFIX}")]
    return sorted(found, key=_stem_date)  # ISO dates sort by time


def remove_leftovers(backups: Path) -> list[Path]:
    """Partial files of a backup or compression that was cancelled or cut by a crash."""
    if not backups.is_dir():
        return []
    left = [p for p in backups.glob("*.partial") if p.is_file()]
    for path in left:
        path.unlink(missing_ok=True)
    return left


def daily_backup(
    db_path: Path,
    backups: Path,
    today: date | None = None,
    *,
    cancel: threading.Event | None = None,
    pause: float = STEP_PAUSE,
) -> Path | None:
    """Take today's backup unless it exists; compress the older ones; keep the newest ``DAILY_KEEP``."""
    today = today or date.today()
    remove_leftovers(backups)
    name = f"{DAILY_PREFIX}{today.isoformat()}.db"
    dest = backups / name
    if dest.exists() or (backups / (name + COMPRESSED_SUFFIX)).exists():
        return None
    backup_database(db_path, dest, cancel=cancel, pause=pause)
    rotate_daily(backups)
    compress_older(backups, keep_plain=dest, cancel=cancel)
    return dest


def compress_older(backups: Path, keep_plain: Path, cancel: threading.Event | None = None) -> list[Path]:
    """Compress every plain backup but ``keep_plain`` (the newest, for a quick restore)."""
    done = []
    for path in sorted(backups.glob("*.db")):
        if path != keep_plain and path.is_file():
            done.append(compress_backup(path, cancel))
    return done


def rotate_daily(backups: Path, keep: int = DAILY_KEEP) -> list[Path]:
    daily = _daily(backups)
    removed = daily[:-keep] if len(daily) > keep else []
    for old in removed:
        old.unlink()
    return removed


def premigration_backup(db_path: Path, backups: Path, from_rev: str, to_rev: str) -> Path:
    """One backup per migration step: re-running the same upgrade overwrites it."""
    return backup_database(db_path, backups / f"{MIGRATION_PREFIX}{from_rev}-to-{to_rev}.db")


def list_backups(backups: Path) -> list[Path]:
    """Every finished backup (plain or compressed), newest first."""
    if not backups.is_dir():
        return []
    found = [p for p in (*backups.glob("*.db"), *backups.glob(f"*.db{COMPRESSED_SUFFIX}")) if p.is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


@dataclass(frozen=True)
class BackupUsage:
    count: int
    compressed: int
    bytes: int


def backup_usage(backups: Path) -> BackupUsage:
    """How many backups there are and the disk space they take (shown by ``doctor``)."""
    found = list_backups(backups)
    return BackupUsage(
        count=len(found),
        compressed=sum(p.name.endswith(COMPRESSED_SUFFIX) for p in found),
        bytes=sum(p.stat().st_size for p in found),
    )


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
    if backup.name.endswith(COMPRESSED_SUFFIX):
        with gzip.open(backup, "rb") as source, staging.open("wb") as target:
            shutil.copyfileobj(source, target, CHUNK)
    else:
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
