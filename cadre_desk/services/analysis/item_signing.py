"""Reading items and signing them (MinHash) for the near-duplicate index, in worker processes
for large jobs: each worker reads its own rowid range read-only and returns the signatures.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Connection, text

from cadre_desk.domain.enums import Level
from cadre_desk.services.analysis import signatures as sg

CHUNK = 5000
_READ_SQL = text(
    """SELECT i.rowid, i.id, i.published_at, s.level, i.title, i.content_html, i.summary
    FROM items i JOIN sources s ON s.id = i.source_id
    WHERE i.rowid > :after AND i.rowid <= :upto AND NOT i.deleted
    ORDER BY i.rowid LIMIT :limit"""
)


_RANKS = {str(level): level.rank for level in Level}


def level_rank(level: str | None) -> int:
    return _RANKS.get(level or "", 0)


@dataclass
class Chunk:
    rowids: np.ndarray
    ids: np.ndarray  # S32
    published: np.ndarray
    ranks: np.ndarray
    texts: list[tuple[str, str | None, str | None]]
    signed_by: int = 0  # process id of the worker that signed it (0: this process)


def chunk_of_rows(rows: Sequence[Any]) -> Chunk:
    return Chunk(
        np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
        np.array([r[1] for r in rows], dtype="S32"),
        np.fromiter((int(r[2]) for r in rows), dtype=np.int64, count=len(rows)),
        np.fromiter((level_rank(r[3]) for r in rows), dtype=np.int8, count=len(rows)),
        [(r[4] or "", r[5], r[6]) for r in rows],
    )


def read_chunks(conn: Connection, after: int, upto: int) -> Iterator[Chunk]:
    while True:
        rows = conn.execute(_READ_SQL, {"after": after, "upto": upto, "limit": CHUNK}).all()
        if not rows:
            return
        yield chunk_of_rows(rows)
        after = int(rows[-1][0])


def sign_rowid_range(
    db_path: str, after: int, upto: int, perms: np.ndarray | None = None
) -> tuple[Chunk, sg.SignatureBatch]:
    """Worker process: read items in (after, upto] itself (read-only) and sign them.

    Reading in the worker keeps the parent from fetching and pickling every text: at a million
    items the parent is otherwise the bottleneck.
    """
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        rows = conn.execute(
            str(_READ_SQL).replace(":after", "?").replace(":upto", "?").replace(":limit", "-1"), (after, upto)
        ).fetchall()
    finally:
        conn.close()
    chunk = chunk_of_rows(rows)
    batch = sg.signatures_of_items(chunk.texts, perms)
    chunk.texts = []
    chunk.signed_by = os.getpid()
    return chunk, batch


def worker_pool(
    workers: int, parallel: bool
) -> contextlib.AbstractContextManager[ProcessPoolExecutor | None]:
    """A small process pool for large jobs (signing, then checking texts), else no pool."""
    # A frozen (PyInstaller) app cannot spawn interpreter workers without freeze_support.
    if not parallel or workers < 2 or getattr(sys, "frozen", False):
        return contextlib.nullcontext()
    # "spawn": forking a process that runs Qt threads is unsafe.
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))


def signed_chunks(
    conn: Connection, db_path: Path, after: int, upto: int, pool: ProcessPoolExecutor | None, workers: int
) -> Iterator[tuple[Chunk, sg.SignatureBatch]]:
    """Chunks with their signatures, computed by the process pool when there is one."""
    if pool is None:
        for chunk in read_chunks(conn, after, upto):
            yield chunk, sg.signatures_of_items(chunk.texts)
        return
    # Rowid ranges of CHUNK ids (rowids are dense: rows are never hard-deleted).
    ranges = [(lo, min(lo + CHUNK, upto)) for lo in range(after, upto, CHUNK)]
    perms = sg.permutations()  # the workers need not import datasketch (and scipy) for them
    pending: list[Future[tuple[Chunk, sg.SignatureBatch]]] = []
    for lo, hi in ranges:
        pending.append(pool.submit(sign_rowid_range, str(db_path), lo, hi, perms))
        if len(pending) >= 3 * workers:
            yield pending.pop(0).result()
    for future in pending:
        yield future.result()
