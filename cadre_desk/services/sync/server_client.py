"""Push/pull against the unit server.

Push: the changes logged since the last successful push, in pages of ≤ 1 MB, all under one
upload session. The server stages pages and merges them only when the final page arrives, so
other devices never pull half an upload. Each page goes out as soon as it is exported, while
the next one is being exported (protocol 2: the last page is marked ``final``; a server that
only speaks protocol 1 gets the page count with every page, so everything is exported first).
The session (its id, and each page's range before that page is sent) is saved: after a crash
or a killed server the same session is resumed, the server says which pages it already holds,
and only the others are sent again.

Pull: every page after the saved server cursor, then one local transaction applies them and
moves the cursor. An interruption anywhere leaves the cursor — and "last synced" — where they
were.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import httpx
from sqlalchemy import Connection, insert, select, update

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.ids import new_id
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.sync import fastjson
from cadre_desk.services.sync.apply import ApplyResult, apply_records
from cadre_desk.services.sync.pages import Page, export_pages, export_range
from cadre_desk.services.sync.records import (
    IMPOSSIBLE_CLOCK,
    PAGE_BYTES,
    ImpossibleClockError,
    max_seq,
)
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import SyncPeer

log = logging.getLogger(__name__)

# The server address and token belong to this device (a token is issued per device/user), so
# both live together in the keyring rather than in the synced settings table.
SERVER_SECRET = "sync.server"
AUTO_SYNC_MINUTES = 10
PROTOCOL = 2  # uploads: each page sent once exported, the last one marked (1: page count first)


class ServerSyncError(CadreError):
    next_step = "请稍后重试；本机数据没有丢失，未同步的更改会在下次同步时发送。"


class ServerUnreachableError(ServerSyncError):
    next_step = "请检查网络与服务器地址；恢复连接后会自动同步，本机数据没有丢失。"


class ServerAuthError(ServerSyncError):
    next_step = "请向管理员重新申请令牌（cadre-desk-server token issue），再在同步设置中填写。"


class ServerDataError(ServerSyncError):
    next_step = (
        "请联系服务器管理员运行 cadre-desk-server doctor --repair（会修复或隔离这些记录），"
        "然后再同步；本机数据没有改动。"
    )


class LocalClockError(ServerSyncError):
    """The server refused this device's changes: some carry a clock far in the future."""

    next_step = (
        "本机有记录带着不可能成立的时间戳（本机系统时间可能曾被调到将来），服务器拒收了本次上传。"
        "请先校准本机系统时间，再把这条信息交给技术支持；本机数据没有丢失。"
    )


class ServerNotConfiguredError(ServerSyncError):
    next_step = (
        "请先设置服务器地址和令牌：cadre-desk sync server --url … --token-stdin（令牌从标准输入读取），"
        "或在同步对话框中填写。"
    )


def configure_server(secrets: SecretStore, url: str, token: str) -> None:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ServerSyncError("服务器地址应以 http:// 或 https:// 开头。", "请检查地址后重新填写。")
    if not token.strip():
        raise ServerSyncError("令牌不能为空。", "请填写管理员发放的令牌。")
    secrets.set(SERVER_SECRET, json.dumps({"url": url, "token": token.strip()}))


def server_config(secrets: SecretStore) -> tuple[str, str] | None:
    """(url, token) of the configured server, if any."""
    raw = secrets.get(SERVER_SECRET)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return str(data["url"]), str(data["token"])
    except (ValueError, KeyError, TypeError):
        log.warning("stored sync server configuration unreadable")
        return None


def peer_id(url: str) -> str:
    return f"server:{url.rstrip('/')}"


@dataclass
class ServerSyncReport:
    pushed: int = 0
    pulled: ApplyResult = field(default_factory=ApplyResult)
    unit_note: str | None = None  # what happened to the opt-in unit statistics (services.unit_report)

    @property
    def changes(self) -> Changes:
        return self.pulled.changes

    def summary(self) -> str:
        text = f"已同步：上传 {self.pushed} 条更改；下载{self.pulled.summary()}。"
        return f"{text}\n{self.unit_note}" if self.unit_note else text


def load_peer_state(conn: Connection, peer: str) -> dict[str, Any]:
    row = conn.execute(select(SyncPeer.vector).where(SyncPeer.peer_id == peer)).first()
    return dict(row[0]) if row and row[0] else {}


def save_peer_state(
    conn: Connection, peer: str, state: dict[str, Any], *, synced: bool = False, error: str | None = None
) -> None:
    values: dict[str, Any] = {"vector": state, "last_error": error}
    if synced:
        values["last_sync_at"] = datetime.now(UTC)
    exists = conn.execute(select(SyncPeer.peer_id).where(SyncPeer.peer_id == peer)).first()
    if exists:
        conn.execute(update(SyncPeer).where(SyncPeer.peer_id == peer).values(**values))
    else:
        conn.execute(insert(SyncPeer).values(peer_id=peer, kind="server", **values))


BUSY_RETRIES = 3  # a 503 is asked again this many times before the sync reports it
BUSY_PAUSE_MAX_S = 5.0


def _retry_after(response: httpx.Response) -> float:
    """The pause a 503 asks for (``Retry-After`` in seconds), within 0.2–5 s."""
    try:
        asked = float(response.headers.get("retry-after", "1"))
    except ValueError:  # an HTTP date, or garbage: one second
        asked = 1.0
    return min(max(asked, 0.2), BUSY_PAUSE_MAX_S)


@functools.cache
def verified_tls() -> ssl.SSLContext:
    """The certificate check httpx makes by default (certifi's bundle), built once per process:
    every new client otherwise loads and parses the bundle again (~20 ms of CPU per sync)."""
    return httpx.create_ssl_context(trust_env=False)


class ServerClient:
    def __init__(
        self,
        db: Database,
        url: str,
        token: str,
        *,
        timeout: float = 30.0,
        page_bytes: int = PAGE_BYTES,
        http: httpx.Client | None = None,
        pause: Callable[[float], None] = time.sleep,
    ) -> None:
        self.db = db
        self._pause = pause
        self.url = url.rstrip("/")
        self.peer = peer_id(self.url)
        self.page_bytes = page_bytes
        self._http = http or httpx.Client(
            base_url=self.url,
            timeout=timeout,
            headers={"Authorization": f"Bearer {token}"},
            trust_env=False,
            verify=verified_tls(),
        )

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *_exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- HTTP ----------------------------------------------------------------------------------

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        # 503: the server stored nothing of this request (a write that kept losing lock conflicts,
        # or its database briefly away) and asks to be asked again. Sending it again is safe: a
        # pull reads from its cursor, and records merge by id and clock, so none applies twice.
        for attempt in range(BUSY_RETRIES + 1):
            try:
                response = self._http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                reason = type(exc).__name__
                raise ServerUnreachableError(f"无法连接同步服务器 {self.url}（{reason}）。") from exc
            if response.status_code != 503 or attempt == BUSY_RETRIES:
                break
            self._pause(_retry_after(response))
        if response.status_code == 401:
            raise ServerAuthError("同步服务器拒绝了本机的令牌（令牌无效或已被吊销）。")
        if response.status_code >= 400:
            try:
                reply = response.json()
            except ValueError:
                reply = None
            if not isinstance(reply, dict):
                reply = {"error": response.text[:200]}
            message = f"同步服务器返回错误 {response.status_code}：{reply.get('error', '')}"
            if reply.get("code") == IMPOSSIBLE_CLOCK:
                raise LocalClockError(message)
            raise ServerSyncError(message)
        try:
            # NaN/Infinity read as before: a stored record holding one is refused by the record
            # check, with the message that sends the admin to doctor --repair
            return fastjson.loads(response.content, constants=True)
        except (ValueError, RecursionError) as exc:
            raise ServerSyncError(f"同步服务器的回答不是有效的 JSON（{self.url}）。") from exc

    def reachable(self) -> bool:
        try:
            return self._http.get("/health", timeout=3).status_code == 200
        except httpx.TransportError:
            return False

    # -- push ----------------------------------------------------------------------------------

    def push(self) -> int:
        """Upload everything logged since the last push; returns the number of records sent."""
        with self.db.engine.begin() as conn:
            state = load_peer_state(conn, self.peer)
            pushed = int(state.get("pushed_seq", 0))
            session = state.get("push_session")
            if not session or session.get("from") != pushed:
                upto = max_seq(conn)
                if upto <= pushed:
                    return 0
                # Page bounds are added as pages are exported, each saved before its page is
                # sent: a resumed upload sends the same ranges again (the server keeps pages).
                session = {"id": new_id(), "from": pushed, "upto": upto, "bounds": []}
                state["push_session"] = session
                save_peer_state(conn, self.peer, state)  # saved before the first byte goes out
        status = self._call("GET", f"/v1/push/{session['id']}")
        sent = 0
        if not status.get("committed"):
            protocols = status.get("protocols") or [1]  # servers before protocol 2 do not say
            if PROTOCOL not in protocols and 1 not in protocols:
                raise ServerSyncError(
                    "同步服务器不支持本机的同步协议。",
                    "请升级 cadre_desk 后再同步；本机数据没有丢失，未同步的更改会在下次同步时发送。",
                )
            protocol = PROTOCOL if PROTOCOL in protocols else 1
            sent = self._upload(session, set(status.get("pages", [])), protocol)
        with self.db.engine.begin() as conn:
            state = load_peer_state(conn, self.peer)
            state["pushed_seq"] = session["upto"]
            state.pop("push_session", None)
            save_peer_state(conn, self.peer, state)
        return sent

    def _save_bounds(self, session: dict[str, Any]) -> None:
        with self.db.engine.begin() as conn:
            state = load_peer_state(conn, self.peer)
            state["push_session"] = session
            save_peer_state(conn, self.peer, state)

    def _pages_to_send(
        self, session: dict[str, Any], have: set[int], protocol: int
    ) -> Generator[tuple[int, Page, bool]]:
        """(index, page, whether it is the last) of the pages the server still needs, in order.

        Pages of bounds saved by an interrupted attempt are exported again (the same ranges);
        the rest as the export goes, each bound saved before its page is handed out. Protocol 1
        sends the page count with every page, so there everything is exported first."""
        upto: int = session["upto"]
        bounds: list[int] = session["bounds"]
        resumed = len(bounds)
        starts = [session["from"], *bounds]
        with self.db.engine.connect() as conn:
            fresh: Iterator[Page] = iter(())
            if not bounds or bounds[-1] < upto:
                fresh = export_pages(conn, starts[-1], upto, self.page_bytes)
                if protocol == 1:
                    exported = list(fresh)
                    bounds += [page.last_seq for page in exported]
                    self._save_bounds(session)
                    fresh = iter(exported)
            complete = bool(bounds) and bounds[-1] >= upto
            for index in range(resumed):
                last = complete and index == len(bounds) - 1  # sent again even if held: it commits
                if index not in have or last:
                    yield index, export_range(conn, starts[index], bounds[index], upto), last
            for index, page in enumerate(fresh, start=resumed):
                if protocol != 1:
                    bounds.append(page.last_seq)
                    self._save_bounds(session)
                yield index, page, not page.more

    def _upload(self, session: dict[str, Any], have: set[int], protocol: int) -> int:
        """Send the pages the server lacks; the next page is exported while one is on its way."""
        device = self.db.device_id
        sent = 0
        pending: deque[Future[int]] = deque()
        failed = threading.Event()
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="cadre-sync-upload") as uploader,
            contextlib.closing(self._pages_to_send(session, have, protocol)) as pages,
        ):
            try:
                for index, page, last in pages:
                    head: dict[str, Any] = {
                        "protocol": protocol,
                        "device": device,
                        "session": session["id"],
                        "page": index,
                    }
                    head |= {"pages": len(session["bounds"])} if protocol == 1 else {"final": last}
                    pending.append(uploader.submit(self._send_unless_failed, failed, head, page, last))
                    while pending and (len(pending) > 1 or pending[0].done()):
                        sent += pending.popleft().result()
                while pending:
                    sent += pending.popleft().result()
            finally:
                for future in pending:
                    future.cancel()
        return sent

    def _send_unless_failed(
        self, failed: threading.Event, head: dict[str, Any], page: Page, last: bool
    ) -> int:
        """Send a queued page unless an earlier one failed: the worker would otherwise pick up the
        next page before the exporting thread sees the error (the upload resumes from the saved
        bounds anyway, so sending more after a dropped connection only wastes the link)."""
        if failed.is_set():
            return 0  # never counted: the earlier page's error is raised first
        try:
            return self._send_page(head, page, last)
        except BaseException:
            failed.set()
            raise

    def _send_page(self, head: dict[str, Any], page: Page, last: bool) -> int:
        # The records are already JSON lines: splice them in instead of re-encoding.
        body = json.dumps(head).encode()[:-1] + b',"records":[' + b",".join(page.lines) + b"]}"
        reply = self._call("POST", "/v1/push", content=body, headers={"Content-Type": "application/json"})
        if last and not reply.get("committed"):
            raise ServerSyncError("同步服务器没有确认本次上传。")
        return len(page.lines)

    # -- pull ----------------------------------------------------------------------------------

    def pull(self, *, allow_mass_delete: bool = False) -> ApplyResult:
        with self.db.engine.connect() as conn:
            cursor = int(load_peer_state(conn, self.peer).get("pull_cursor", 0))

        def records() -> Iterator[Any]:
            """Every record after the cursor, page by page: the next page is fetched on a thread
            while this one is checked (``apply_records`` reads them all before it writes)."""
            nonlocal cursor
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cadre-sync-pull") as fetcher:
                ahead: Future[Any] | None = fetcher.submit(self._pull_page, cursor)
                try:
                    while ahead is not None:
                        page = ahead.result()
                        if int(page["next"]) < cursor:
                            raise ServerSyncError(
                                "同步服务器的数据比本机记录的还旧（服务器可能被重置）。", "请联系管理员。"
                            )
                        cursor = int(page["next"])
                        ahead = fetcher.submit(self._pull_page, cursor) if page.get("more") else None
                        yield from page["records"]
                finally:
                    if ahead is not None:
                        ahead.cancel()

        def remember(conn: Connection, result: ApplyResult) -> None:
            state = load_peer_state(conn, self.peer)
            state["pull_cursor"] = cursor
            # What we just received came from the server: do not upload it back, unless local
            # changes were still waiting (then the next push sends everything after them).
            if int(state.get("pushed_seq", 0)) >= result.seq_before and not state.get("push_session"):
                state["pushed_seq"] = max_seq(conn)
            save_peer_state(conn, self.peer, state, synced=True)

        try:
            return apply_records(
                self.db, records(), allow_mass_delete=allow_mass_delete, after_apply=remember
            )
        except ImpossibleClockError as exc:
            raise ServerDataError(
                f"同步服务器上有时间戳异常的记录，已停止下载（{exc.user_message}）。"
            ) from exc

    def _pull_page(self, cursor: int) -> Any:
        return self._call("GET", "/v1/pull", params={"after": cursor, "max_bytes": self.page_bytes})

    def sync(self, *, allow_mass_delete: bool = False) -> ServerSyncReport:
        report = ServerSyncReport()
        try:
            report.pushed = self.push()
            report.pulled = self.pull(allow_mass_delete=allow_mass_delete)
        except CadreError as exc:
            self._record_error(exc.user_message)
            raise
        return report

    def _record_error(self, message: str) -> None:
        try:
            with self.db.engine.begin() as conn:
                state = load_peer_state(conn, self.peer)
                save_peer_state(conn, self.peer, state, error=message)
        except Exception:  # the original error matters more; this one is logged
            log.exception("could not record the sync error")


def configured_client(db: Database, secrets: SecretStore) -> ServerClient:
    config = server_config(secrets)
    if config is None:
        raise ServerNotConfiguredError("还没有设置同步服务器。")
    return ServerClient(db, *config)
