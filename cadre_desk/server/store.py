"""Server-side storage: users, hashed tokens, staged uploads, merged rows, paged pulls.

Works unchanged on SQLite and PostgreSQL (plain SQLAlchemy Core). Each user's changes get
consecutive sequence numbers from a counter on the user row; the commit that takes numbers
first locks that row, so numbers become visible in order and a pull cursor never skips one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import secrets
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from cadre_desk.domain.ids import new_id
from cadre_desk.server.checkpoint import Checkpointer
from cadre_desk.server.engine import (
    compress_staged_pages_fast,
    large_write_cache,
    make_engine,
    noticing_disconnect,
    retry_on_disconnect,
    retry_write,
    sqlite_file,
)
from cadre_desk.server.errors import (
    IncompleteUploadError,
    ServerAdminError,
    TokenRevokedError,
)
from cadre_desk.server.models import CommittedSession, Row, ServerBase, StagedPage, Token, User
from cadre_desk.server.rows import (
    Writes,
    flush,
    held_records,
    held_records_of_users,
    marks,
    merge_rows,
    merge_user,
    queue_changes,
    run,
)
from cadre_desk.server.staged import (
    StagedCache,
    add_version_column,
    by_key,
    checked_page,
    make_room,
    new_version,
    staged_pages_entries,
)
from cadre_desk.server.writer import BatchWriter, SqliteWriteLock, UploadJob
from cadre_desk.services.sync import fastjson
from cadre_desk.services.sync.apply import combine
from cadre_desk.services.sync.merge import RowState, merge_states
from cadre_desk.services.sync.records import PAGE_BYTES, SyncFormatError, schema

log = logging.getLogger(__name__)

_TOKEN_TTL_S = 30.0  # only saves a lookup: every data access re-checks the token in its transaction
STAGED_TTL_S = 24 * 3600.0  # an upload not finished within a day is abandoned (the client resends)
STAGED_CAP_PAGES = 2_000  # staged pages per user (a client's pages are ≤ 1 MB: about 2 GB)
STAGED_CAP_UPLOADS = 32  # unfinished uploads per user (a user has a few devices, each one at a time)
_PURGE_EVERY_S = 600.0


Key = tuple[str, str]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class PullPage:
    body: bytes  # ready-to-send JSON: {"records": [...], "next": n, "more": bool}
    count: int
    next: int
    more: bool


class ServerStore:
    def __init__(
        self,
        url: str,
        *,
        staged_ttl_s: float = STAGED_TTL_S,
        staged_cap_pages: int = STAGED_CAP_PAGES,
        staged_cap_uploads: int = STAGED_CAP_UPLOADS,
    ) -> None:
        self.url = url
        self.engine = make_engine(url)
        # (before the first connection: it sets the connections' automatic checkpoint size)
        self._checkpointer = (
            Checkpointer(self.engine)
            if self.engine.dialect.name == "sqlite" and sqlite_file(url) is not None
            else None
        )
        # Pulls read without a transaction on PostgreSQL: no BEGIN, and no ROLLBACK round trip
        # when the connection goes back to the pool (each round trip waits for a backend to be
        # scheduled). A page's first rows and the token check are one statement; rows are
        # numbered under the user's row lock, so later statements of a page never skip one.
        self._reads = (
            self.engine.execution_options(isolation_level="AUTOCOMMIT")
            if self.engine.dialect.name == "postgresql"
            else self.engine
        )
        ServerBase.metadata.create_all(self.engine)
        for index in ServerBase.metadata.tables["srv_staged_pages"].indexes:  # tables of earlier versions too
            index.create(self.engine, checkfirst=True)
        compress_staged_pages_fast(self.engine)
        add_version_column(self.engine)
        self._staged = StagedCache(max_age_s=staged_ttl_s)
        self.staged_ttl_s = staged_ttl_s
        self.staged_cap_pages = staged_cap_pages
        self.staged_cap_uploads = staged_cap_uploads
        self._last_purge: float | None = None  # monotonic time starts near 0 after a boot
        self._token_cache: dict[str, tuple[str | None, float]] = {}
        self._cache_lock = threading.Lock()
        # SQLite has one writer at a time and its busy handler polls with growing sleeps: queue
        # writers on a lock instead (threads and worker processes), which keeps tail latency low.
        # PostgreSQL locks rows itself.
        self._write_lock: SqliteWriteLock | contextlib.nullcontext[None] = (
            SqliteWriteLock(sqlite_file(url))
            if self.engine.dialect.name == "sqlite"
            else contextlib.nullcontext()
        )
        self._writer = BatchWriter(self._commit_uploads)
        self._cleanup = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cadre-staged-cleanup")

    def close(self) -> None:
        self._writer.close()
        self._cleanup.shutdown(wait=True)
        if self._checkpointer is not None:
            self._checkpointer.close()
        self.engine.dispose()
        if isinstance(self._write_lock, SqliteWriteLock):
            self._write_lock.close()

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(select(1))

    # -- administration ------------------------------------------------------------------------

    def add_user(self, name: str) -> str:
        user_id = new_id()
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(User).values(id=user_id, name=name, seq=0, created_at=datetime.now(UTC)))
        except IntegrityError as exc:
            raise ServerAdminError(f"用户 {name} 已存在。") from exc
        return user_id

    def users(self) -> list[tuple[str, int, int]]:
        """(name, rows stored, active tokens) per user."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(
                    User.name,
                    select(func.count()).where(Row.user_id == User.id).scalar_subquery(),
                    select(func.count())
                    .where(Token.user_id == User.id, Token.revoked.is_(False))
                    .scalar_subquery(),
                ).order_by(User.name)
            )
            return [(name, int(count), int(tokens)) for name, count, tokens in rows]

    def _user_id(self, conn: Any, name: str) -> str:
        user_id = conn.execute(select(User.id).where(User.name == name)).scalar()
        if user_id is None:
            raise ServerAdminError(f"没有名为 {name} 的用户。")
        return str(user_id)

    def issue_token(self, name: str, label: str = "") -> str:
        """A new token for the user; only its hash is stored, so it is shown once."""
        token = secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            user_id = self._user_id(conn, name)
            conn.execute(
                insert(Token).values(
                    token_hash=hash_token(token), user_id=user_id, label=label, created_at=datetime.now(UTC)
                )
            )
        return token

    def revoke_tokens(self, name: str) -> int:
        with self.engine.begin() as conn:
            user_id = self._user_id(conn, name)
            result = conn.execute(
                update(Token).where(Token.user_id == user_id, Token.revoked.is_(False)).values(revoked=True)
            )
        with self._cache_lock:
            self._token_cache.clear()
        return int(result.rowcount)

    def _revoked(self, conn: Any, token_hashes: set[str]) -> set[str]:
        """Which of these tokens are no longer valid, read in the caller's transaction: a token
        revoked by another process (``cadre-desk-server token revoke``) fails its next request."""
        if not token_hashes:
            return set()
        # A DB-API cursor on the transaction's own connection: this runs on every request, and
        # a Core IN query cost ~20x more in Python here (exec_driver_sql still ~2x).
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        hashes = tuple(token_hashes)
        cursor = conn.connection.cursor()
        try:
            cursor.execute(
                f"SELECT token_hash FROM srv_tokens WHERE token_hash IN ({', '.join([mark] * len(hashes))}) "
                "AND NOT revoked",
                hashes,
            )
            valid = {row[0] for row in cursor.fetchall()}
        finally:
            cursor.close()
        revoked = token_hashes - valid
        if revoked:
            with self._cache_lock:
                for digest in revoked:
                    self._token_cache.pop(digest, None)
        return revoked

    def _check_token(self, conn: Any, token_hash: str | None) -> None:
        if token_hash is not None and self._revoked(conn, {token_hash}):
            raise TokenRevokedError()

    def cached_user(self, token: str) -> tuple[str | None, bool]:
        """(user id or None, whether the answer is known) from the cache alone, no database."""
        cached = self._token_cache.get(hash_token(token))
        if cached is not None and cached[1] > time.monotonic():
            return cached[0], True
        return None, False

    def _token_user(self, digest: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(Token.user_id).where(Token.token_hash == digest, Token.revoked.is_(False))
            ).scalar()

    def authenticate(self, token: str) -> str | None:
        digest = hash_token(token)
        now = time.monotonic()
        with self._cache_lock:
            cached = self._token_cache.get(digest)
        if cached is not None and cached[1] > now:
            return cached[0]
        user_id = retry_on_disconnect(self.engine, lambda: self._token_user(digest))
        with self._cache_lock:
            if len(self._token_cache) > 10_000:
                self._token_cache.clear()
            self._token_cache[digest] = (user_id, now + _TOKEN_TTL_S)
        return user_id

    # -- push ----------------------------------------------------------------------------------

    def upload_status(
        self, user_id: str, session: str, token_hash: str | None = None
    ) -> tuple[list[int], bool]:
        with self.engine.connect() as conn:
            self._check_token(conn, token_hash)
            committed = conn.execute(
                select(CommittedSession.cursor).where(
                    CommittedSession.user_id == user_id, CommittedSession.session == session
                )
            ).first()
            pages = conn.execute(
                select(StagedPage.page).where(StagedPage.user_id == user_id, StagedPage.session == session)
            ).scalars()
            return sorted(pages), committed is not None

    def stage(
        self,
        user_id: str,
        session: str,
        page: int,
        pages: int,
        records: list[Any],
        raw: str | None = None,
        token_hash: str | None = None,
    ) -> None:
        """Keep one page of an upload (a resent page replaces the earlier copy), each record checked
        and already in the form it is stored in (``staged_entries``). ``raw``, the request body
        the records were parsed from, is accepted for older callers and not needed.

        A malformed page fails the whole upload: its pages staged so far are dropped with it."""
        try:
            body, entries, size = checked_page(records)
        except SyncFormatError:
            self.discard_upload(user_id, session)
            raise
        self.purge_abandoned_uploads()
        version = new_version()
        retry_write(
            self.engine, lambda: self._stage_page(user_id, session, page, pages, body, version, token_hash)
        )
        self._staged.put(user_id, session, page, version, entries, size)

    def _stage_page(
        self,
        user_id: str,
        session: str,
        page: int,
        pages: int,
        body: str,
        version: str,
        token_hash: str | None,
    ) -> None:
        with self._write_lock, self.engine.begin() as conn:
            self._check_token(conn, token_hash)
            make_room(conn, user_id, session, page, self.staged_cap_pages, self.staged_cap_uploads)
            conn.execute(
                delete(StagedPage).where(
                    StagedPage.user_id == user_id, StagedPage.session == session, StagedPage.page == page
                )
            )
            conn.execute(
                insert(StagedPage).values(
                    user_id=user_id,
                    session=session,
                    page=page,
                    pages=pages,
                    body=body,
                    created_at=datetime.now(UTC),
                    version=version,
                )
            )

    def commit(self, user_id: str, session: str, pages: int, token_hash: str | None = None) -> int:
        """Merge every staged page of an upload in one transaction; returns the user's cursor."""
        try:  # run again if it lost a lock conflict: a committed session is answered, not merged twice
            cursor = retry_write(self.engine, lambda: self._commit(user_id, session, pages, token_hash))
        except SyncFormatError:
            self.discard_upload(user_id, session)  # it can never commit: do not keep its pages
            raise
        # The committed upload's pages go after the answer (on SQLite, freeing 73 MB of bodies
        # took ~0.2 s of the commit the client waits for). Until then, or if the server stops
        # first, they are harmless: a committed session is answered, never merged again, and
        # pages left behind expire with the abandoned ones.
        self._cleanup.submit(self._drop_committed_pages, user_id, session)
        return cursor

    def _drop_committed_pages(self, user_id: str, session: str) -> None:
        self._staged.forget(user_id, session)
        try:
            retry_write(self.engine, lambda: self.discard_upload(user_id, session))
        except Exception:  # logged: the pages then expire with the abandoned ones
            log.exception(json.dumps({"event": "committed_pages_kept", "user": user_id}))

    def wait_for_cleanup(self) -> None:
        """Until the pages of the uploads committed so far are dropped."""
        self._cleanup.submit(lambda: None).result()

    def discard_upload(self, user_id: str, session: str) -> None:
        self._staged.forget(user_id, session)
        with self._write_lock, self.engine.begin() as conn:
            conn.execute(
                delete(StagedPage).where(StagedPage.user_id == user_id, StagedPage.session == session)
            )

    def purge_abandoned_uploads(self, *, force: bool = False) -> int:
        """Drop staged pages older than the TTL (at most every few minutes unless forced)."""
        now = time.monotonic()
        if not force and self._last_purge is not None and now - self._last_purge < _PURGE_EVERY_S:
            return 0
        self._last_purge = now
        cutoff = datetime.now(UTC) - timedelta(seconds=self.staged_ttl_s)
        with self._write_lock, self.engine.begin() as conn:
            result = conn.execute(delete(StagedPage).where(StagedPage.created_at < cutoff))
        if result.rowcount:
            log.info(json.dumps({"event": "abandoned_uploads_purged", "pages": result.rowcount}))
        return int(result.rowcount)

    def _commit(self, user_id: str, session: str, pages: int, token_hash: str | None) -> int:
        with self._write_lock, self.engine.begin() as conn:
            self._check_token(conn, token_hash)
            # Lock the user row first: uploads of one user commit one after another.
            conn.execute(update(User).where(User.id == user_id).values(seq=User.seq))
            done = conn.execute(
                select(CommittedSession.cursor).where(
                    CommittedSession.user_id == user_id, CommittedSession.session == session
                )
            ).scalar()
            if done is not None:
                return int(done)
            staged = staged_pages_entries(conn, user_id, session, self._staged)
            missing = [n for n in range(pages) if n not in staged]
            if missing:
                raise IncompleteUploadError(missing)
            plain, repeated = by_key(staged)
            held = held_records(conn, user_id, [*plain, *repeated])
            incoming = combine(
                fastjson.loads(text)
                for text in (
                    *(plain.pop(key) for key in held if key in plain),
                    *(t for ts in repeated.values() for t in ts),
                )
            )
            writes = Writes()
            cursor = merge_user(conn, user_id, incoming, writes, plain, held)
            writes.sessions.append((user_id, session, cursor))
            with large_write_cache(conn):
                flush(conn, writes)
            return cursor

    def push_single(self, user_id: str, session: str, records: list[Any]) -> int:
        """A one-page upload (most pushes): merged at once, without staging."""
        return self.submit_single(user_id, session, records).result()

    def submit_single(
        self, user_id: str, session: str, records: list[Any], token_hash: str | None = None
    ) -> Future[int]:
        """Queue a one-page upload for the writer thread; the future holds the user's cursor.

        The writer merges every upload waiting in the queue in one transaction (group commit):
        under many small concurrent pushes the server pays one commit and a handful of
        statements per batch, not per push, and waiting pushes hold no worker thread (pulls are
        never stuck behind them).
        """
        return self._writer.submit(UploadJob(user_id, session, records, token_hash))

    def _commit_uploads(self, batch: list[UploadJob]) -> tuple[set[str], list[int]]:
        """One transaction for a batch from the writer thread: uploads whose token was revoked
        meanwhile are left out (their hashes returned), the others merged (their cursors). Once more
        on a fresh connection if the first one had died: a session committed already is answered
        with its cursor, not merged again."""
        return retry_write(self.engine, lambda: self._commit_batch(batch))

    def _commit_batch(self, batch: list[UploadJob]) -> tuple[set[str], list[int]]:
        with self._write_lock, self.engine.begin() as conn, noticing_disconnect(conn):
            revoked = self._revoked(conn, {job.token_hash for job in batch if job.token_hash})
            allowed = [job for job in batch if job.token_hash not in revoked]
            return revoked, self._write_batch(conn, allowed) if allowed else []

    def _write_batch(self, conn: Any, jobs: list[UploadJob]) -> list[int]:
        """Merge one-page uploads (already validated) in the caller's transaction.

        A fixed number of statements whatever the batch holds (no statement per user): on
        PostgreSQL each one is a round trip to a backend that must be scheduled, on SQLite a
        release of the GIL that the event loop may keep ~5 ms; under load both add up per batch."""
        users = sorted({job.user_id for job in jobs})
        # Lock the users' rows first: uploads of one user commit one after another, also across
        # server processes; the same statement reads their counters (stable while locked).
        # PostgreSQL locks them in id order: an UPDATE locks rows in the order its scan meets
        # them, which differs between transactions (each update moves a row), and two workers'
        # batches then deadlocked. SQLite has one writer at a time (the write lock).
        # Plain SQL on the DB-API cursor: Core statements built per batch cost more Python than
        # the writer's whole database work.
        lock = (
            f"SELECT id, seq FROM srv_users WHERE id IN ({marks(users)}) ORDER BY id FOR NO KEY UPDATE"
            if conn.dialect.name == "postgresql"
            else f"UPDATE srv_users SET seq = seq WHERE id IN ({marks(users)}) RETURNING id, seq"
        )
        seqs = {user_id: int(seq) for user_id, seq in run(conn, lock, users)}
        sessions = sorted({job.session for job in jobs})
        done: dict[tuple[str, str], int] = {}
        leftovers: list[tuple[str, str]] = []
        for user_id, session, cursor in run(
            conn,
            f"SELECT user_id, session, cursor FROM srv_sessions WHERE session IN ({marks(sessions)}) "
            "UNION ALL SELECT DISTINCT user_id, session, CAST(NULL AS BIGINT) FROM srv_staged_pages "
            f"WHERE session IN ({marks(sessions)})",
            [*sessions, *sessions],
        ):
            if cursor is None:
                leftovers.append((user_id, session))
            else:
                done[(user_id, session)] = int(cursor)
        by_user: dict[str, list[UploadJob]] = {}
        for job in jobs:
            if (job.user_id, job.session) not in done:
                by_user.setdefault(job.user_id, []).append(job)
        tables = schema()
        incoming_by_user: dict[str, dict[Key, RowState]] = {}
        for user_id, user_jobs in by_user.items():
            incoming: dict[Key, RowState] = {}
            for job in user_jobs:
                for key, state in job.incoming.items():
                    previous = incoming.get(key)
                    incoming[key] = (
                        state
                        if previous is None
                        else merge_states(previous, state, append_only=tables[key[0]].append_only).merged
                    )
            incoming_by_user[user_id] = incoming
        held = held_records_of_users(conn, incoming_by_user)
        writes = Writes()
        cursors: dict[tuple[str, str], int] = dict(done)
        counters: list[tuple[int, str]] = []
        for user_id, user_jobs in by_user.items():
            changed = merge_rows(conn, user_id, incoming_by_user[user_id], held.get(user_id, {}))
            cursor = queue_changes(user_id, changed, seqs[user_id], writes)
            if cursor != seqs[user_id]:
                counters.append((cursor, user_id))
            for job in user_jobs:
                if (user_id, job.session) not in cursors:
                    cursors[(user_id, job.session)] = cursor
                    writes.sessions.append((user_id, job.session, cursor))
        if counters:
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            conn.exec_driver_sql(f"UPDATE srv_users SET seq = {mark} WHERE id = {mark}", counters)
        flush(conn, writes)
        for user_id, session in leftovers:
            # An earlier attempt staged this page before the server went down: now merged.
            if (user_id, session) in cursors:
                conn.execute(
                    delete(StagedPage).where(StagedPage.user_id == user_id, StagedPage.session == session)
                )
        return [cursors[(job.user_id, job.session)] for job in jobs]

    def pull(
        self, user_id: str, after: int, max_bytes: int = PAGE_BYTES, token_hash: str | None = None
    ) -> PullPage:
        return retry_on_disconnect(self.engine, lambda: self._pull(user_id, after, max_bytes, token_hash))

    def _pull(self, user_id: str, after: int, max_bytes: int, token_hash: str | None) -> PullPage:
        parts: list[str] = []
        size = 0
        last = after
        more = False
        with self._reads.connect() as conn, noticing_disconnect(conn):
            if token_hash is not None:
                # The token check and the first rows in one statement (one round trip on
                # PostgreSQL): a row (valid, NULL, NULL) when there is nothing new.
                first = run(
                    conn,
                    "SELECT t.valid, r.seq, r.record FROM (SELECT count(*) AS valid FROM srv_tokens "
                    "WHERE token_hash = ? AND NOT revoked) AS t LEFT JOIN (SELECT seq, record FROM srv_rows "
                    "WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT 500) AS r ON 1 = 1 ORDER BY r.seq",
                    (token_hash, user_id, after),
                )
                if not first[0][0]:
                    self._revoked(conn, {token_hash})  # drops it from the cache
                    raise TokenRevokedError()
                pending: list[Any] | None = [(seq, record) for _, seq, record in first if seq is not None]
            else:
                pending = None
            while True:
                if pending is None:
                    rows = run(
                        conn,
                        "SELECT seq, record FROM srv_rows WHERE user_id = ? AND seq > ? "
                        "ORDER BY seq LIMIT 500",
                        (user_id, last),
                    )
                else:
                    rows, pending = pending, None
                if not rows:
                    break
                for seq, record in rows:
                    if parts and size + len(record) > max_bytes:
                        more = True
                        break
                    parts.append(record)
                    size += len(record) + 1
                    last = seq
                if more or len(rows) < 500:
                    break
        body = '{"records":[' + ",".join(parts) + f'],"next":{last},"more":{"true" if more else "false"}}}'
        return PullPage(body.encode(), len(parts), last, more)
