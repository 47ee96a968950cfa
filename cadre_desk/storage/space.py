"""Where a profile's disk space goes, and giving freed space back.

``table_sizes`` reads SQLite's ``dbstat`` table: bytes per table and index, shown by
``doctor --full`` and ``benchmarks/bench_growth.py`` (per item, to see what grows).

New profiles are created with ``auto_vacuum = INCREMENTAL`` (see ``database._set_pragmas``):
pages freed by deletions (tombstones purged, a drained search queue, re-analysis) go back to
the file system in small steps (``release_free_pages``, run by the daily upkeep thread) instead
of staying in the file for ever. An older profile is switched over once by ``compact``
(``doctor --compact``), which rewrites the file.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

INCREMENTAL = 2  # PRAGMA auto_vacuum value
RELEASE_STEP_BYTES = 8 * 1024 * 1024  # given back per write transaction
RELEASE_FROM_BYTES = 1024 * 1024  # less free space than this is left for SQLite to reuse


@dataclass(frozen=True)
class TableSize:
    name: str
    bytes: int


@dataclass(frozen=True)
class SpaceReport:
    tables: list[TableSize]  # largest first
    items: int
    free_bytes: int  # held by free pages
    returns_free_pages: bool  # incremental auto-vacuum: free pages go back to the file system

    @property
    def total(self) -> int:
        return sum(size.bytes for size in self.tables)


def space_report(path: Path) -> SpaceReport:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        free = (
            conn.execute("PRAGMA freelist_count").fetchone()[0]
            * conn.execute("PRAGMA page_size").fetchone()[0]
        )
        mode = conn.execute("PRAGMA auto_vacuum").fetchone()[0]
    finally:
        conn.close()
    return SpaceReport(table_sizes(path), int(items), int(free), mode == INCREMENTAL)


def table_sizes(path: Path) -> list[TableSize]:
    """Bytes used by each table and index, largest first (``dbstat``; read-only)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT name, sum(pgsize) AS size FROM dbstat GROUP BY name ORDER BY size DESC"
        ).fetchall()
    finally:
        conn.close()
    return [TableSize(str(name), int(size)) for name, size in rows]


def release_free_pages(path: Path, cancel: threading.Event | None = None) -> int:
    """Give free pages back to the file system, a few MB per transaction; returns pages freed.

    Only on profiles in incremental auto-vacuum mode (others need ``compact`` once). Stops
    between steps when ``cancel`` is set.
    """
    conn = sqlite3.connect(str(path), isolation_level=None)
    released = 0
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        if conn.execute("PRAGMA auto_vacuum").fetchone()[0] != INCREMENTAL:
            return 0
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        step = max(1, RELEASE_STEP_BYTES // page_size)
        while not (cancel is not None and cancel.is_set()):
            free = conn.execute("PRAGMA freelist_count").fetchone()[0]
            if free * page_size < RELEASE_FROM_BYTES:
                break
            conn.execute(f"PRAGMA incremental_vacuum({min(free, step)})").fetchall()
            released += min(free, step)
    finally:
        conn.close()
    return released


def compact(path: Path) -> tuple[int, int]:
    """Switch the file to incremental auto-vacuum and rewrite it (VACUUM); (bytes before, after).

    Needs exclusive use of the profile (the app closed) and free space for a copy of the file.
    """
    before = path.stat().st_size
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute(f"PRAGMA auto_vacuum = {INCREMENTAL}")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return before, path.stat().st_size
