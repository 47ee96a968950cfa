"""Staged pages of large uploads: their checked lines, and this process's copy of them.

A page is stored (``srv_staged_pages``) as ``STAGED_LINES`` text, each record already checked
and in its stored form. The process that staged a page also keeps its entries in memory
(``StagedCache``), under the random version it stored with the page: the final commit then
takes them from memory instead of reading the bodies back and splitting them again (100,000
records: ~0.35 s of the commit, which the client waits for). A page resent to another process
(``serve --workers``) gets another version, so a stale copy is never used; a page whose copy
is missing or stale is read from the database as before.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Engine, String, delete, func, inspect, select
from sqlalchemy.exc import DBAPIError

from cadre_desk.server.errors import UploadTooLargeError
from cadre_desk.server.models import StagedPage
from cadre_desk.server.rows import STAGED_LINES, staged_entries, stored_record
from cadre_desk.services.sync.records import decode

log = logging.getLogger("cadre_desk.server.store")

Key = tuple[str, str]
Entry = tuple[Key, str]  # ((table, row id), record text as stored)

# Entries kept per process at most (bytes of record text, roughly what they take in memory):
# a 100,000-change upload is ~75 MB. Pages beyond it are read back from the database at commit.
CACHE_MAX_BYTES = 256 * 1024 * 1024
_ENTRY_OVERHEAD = 160  # bytes per entry for the tuples and small strings beside the text


def new_version() -> str:
    return secrets.token_hex(8)


def checked_page(records: list[Any]) -> tuple[str, list[Entry], int]:
    """(page body to store, its entries, their size for the cache) of a page's records, each
    checked (``decode`` raises ``SyncFormatError``) and in the form it is stored in."""
    lines = [STAGED_LINES.encode()[:-1]]
    entries: list[Entry] = []
    size = 0
    for record in records:
        state = decode(record)  # refuse malformed records now, not at commit
        stored = stored_record(record, state)
        lines.append(b"%s\t%s\t%s" % (state.table.encode(), state.row_id.encode(), stored))
        entries.append(((state.table, state.row_id), stored.decode()))
        size += len(stored) + _ENTRY_OVERHEAD
    return b"\n".join(lines).decode(), entries, size


class StagedCache:
    """This process's entries of the pages it staged, by (user, upload) and page, each under the
    version stored with the page. Bounded by bytes and by age; thread-safe."""

    def __init__(self, max_bytes: int = CACHE_MAX_BYTES, max_age_s: float = 24 * 3600.0) -> None:
        self.max_bytes = max_bytes
        self.max_age_s = max_age_s
        self._uploads: OrderedDict[tuple[str, str], dict[int, tuple[str, list[Entry], int]]] = OrderedDict()
        self._touched: dict[tuple[str, str], float] = {}
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return self._bytes

    def put(
        self, user_id: str, session: str, page: int, version: str, entries: list[Entry], size: int
    ) -> None:
        with self._lock:
            upload = (user_id, session)
            pages = self._uploads.setdefault(upload, {})
            self._uploads.move_to_end(upload)
            self._touched[upload] = time.monotonic()
            previous = pages.pop(page, None)
            if previous is not None:
                self._bytes -= previous[2]
            if size > self.max_bytes:  # never fits: the others stay
                if not pages:
                    self._drop(upload)
                return
            self._evict(size, keep=upload)
            if self._bytes + size <= self.max_bytes:
                pages[page] = (version, entries, size)
                self._bytes += size
            elif not pages:
                self._drop(upload)

    def _evict(self, size: int, keep: tuple[str, str]) -> None:
        """Drop uploads gone stale (abandoned: the database purges their pages too), then the
        least recently staged others while ``size`` more would not fit."""
        cutoff = time.monotonic() - self.max_age_s
        for upload in [u for u, at in self._touched.items() if at < cutoff and u != keep]:
            self._drop(upload)
        while self._bytes + size > self.max_bytes and len(self._uploads) > 1:
            self._drop(next(iter(self._uploads)))  # ``keep`` is the most recent: never this one

    def _drop(self, upload: tuple[str, str]) -> None:
        pages = self._uploads.pop(upload, {})
        self._touched.pop(upload, None)
        self._bytes -= sum(size for _, _, size in pages.values())

    def pages(self, user_id: str, session: str) -> dict[int, tuple[str, list[Entry]]]:
        with self._lock:
            return {n: (v, e) for n, (v, e, _) in self._uploads.get((user_id, session), {}).items()}

    def forget(self, user_id: str, session: str) -> None:
        with self._lock:
            self._drop((user_id, session))


def staged_pages_entries(
    conn: Any, user_id: str, session: str, cache: StagedCache
) -> dict[int, Iterable[Entry]]:
    """The entries of every staged page of an upload, by page: this process's copy of a page when
    its version is the one stored, else read back from the database."""
    versions = dict(
        conn.execute(
            select(StagedPage.page, StagedPage.version).where(
                StagedPage.user_id == user_id, StagedPage.session == session
            )
        ).all()
    )
    entries: dict[int, Iterable[Entry]] = {}
    for page, (version, kept) in cache.pages(user_id, session).items():
        if version is not None and versions.get(page) == version:
            entries[page] = kept
    unread = sorted(set(versions) - set(entries))
    for start in range(0, len(unread), 500):
        chunk = unread[start : start + 500]
        for page, body in conn.execute(
            select(StagedPage.page, StagedPage.body).where(
                StagedPage.user_id == user_id, StagedPage.session == session, StagedPage.page.in_(chunk)
            )
        ):
            entries[page] = staged_entries(body)
    return entries


def by_key(pages: dict[int, Iterable[Entry]]) -> tuple[dict[Key, str], dict[Key, list[str]]]:
    """The entries of an upload's pages, in page order: (rows that come once: their record text,
    rows that come more than once: their record texts in order).

    Every record was checked when its page was staged: rows new to the server are stored as they
    came (no decode, no merge); only rows the server holds already, or that come more than once,
    are merged field by field."""
    plain: dict[Key, str] = {}
    repeated: dict[Key, list[str]] = {}
    for n in sorted(pages):
        for key, text in pages[n]:
            if key in repeated:
                repeated[key].append(text)
            elif key in plain:
                repeated[key] = [plain.pop(key), text]
            else:
                plain[key] = text
    return plain, repeated


def make_room(conn: Any, user_id: str, session: str, page: int, cap_pages: int, cap_uploads: int) -> None:
    """Keep a user's unfinished uploads within the caps: the oldest other uploads go first
    (an abandoned upload of one device must not block the next one); an upload that alone
    exceeds the cap is refused. Pages are counted, not measured: the count reads only the
    primary-key index, never the bodies (each page is bounded by the request size limit)."""
    counts = conn.execute(
        select(StagedPage.session, func.count())
        .where(
            StagedPage.user_id == user_id,
            ~((StagedPage.session == session) & (StagedPage.page == page)),  # a resent page is replaced
        )
        .group_by(StagedPage.session)
    ).all()
    others = {s: int(n) for s, n in counts if s != session}
    own = sum(int(n) for s, n in counts if s == session) + 1
    if own > cap_pages:
        raise UploadTooLargeError(
            f"这次上传超过了服务器为每个用户暂存的上限（{cap_pages} 页）。",
            "请把同步分几次完成，或请管理员调高上限（cadre-desk-server serve --max-staged-pages）。",
        )
    total = own + sum(others.values())
    if total <= cap_pages and len(others) < cap_uploads:
        return
    ages = conn.execute(  # rare: only now read when the other uploads began
        select(StagedPage.session, func.min(StagedPage.created_at))
        .where(StagedPage.user_id == user_id, StagedPage.session.in_(list(others)))
        .group_by(StagedPage.session)
    ).all()
    evicted: list[str] = []
    for _, oldest in sorted((created, s) for s, created in ages):
        if total <= cap_pages and len(others) < cap_uploads:
            break
        evicted.append(oldest)
        total -= others.pop(oldest)
    conn.execute(delete(StagedPage).where(StagedPage.user_id == user_id, StagedPage.session.in_(evicted)))
    log.info(json.dumps({"event": "abandoned_uploads_evicted", "user": user_id, "uploads": len(evicted)}))


def add_version_column(engine: Engine) -> None:
    """``srv_staged_pages.version`` in a database made by an earlier version (its staged pages keep
    no version: they are read back at commit)."""
    if "version" in {column["name"] for column in inspect(engine).get_columns("srv_staged_pages")}:
        return
    column = String(32).compile(dialect=engine.dialect)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"ALTER TABLE srv_staged_pages ADD COLUMN version {column}")
    except DBAPIError:  # another server process added it meanwhile
        if "version" not in {c["name"] for c in inspect(engine).get_columns("srv_staged_pages")}:
            raise
