"""HTTP API of the unit server.

    GET  /health                 liveness + database check (no auth)
    GET  /v1/push/{session}      which pages of an upload the server holds, committed or not
    POST /v1/push                one page of an upload; the last page commits the whole upload
                                 (protocol 1: "pages" with every page; 2: the last one "final")
    GET  /v1/pull?after=N        changes after cursor N, one page of ≤ ~1 MB, with "more"

Every /v1 call needs ``Authorization: Bearer <token>``; a user only ever reads or writes rows
under their own id. Bodies over the size limit are refused before they are read in full.
Each request is logged as one JSON line (method, path, status, duration, user — never tokens).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from cadre_desk import __version__
from cadre_desk.server.auth import ApiError, CallerDep
from cadre_desk.server.errors import (
    IncompleteUploadError,
    ServerBusyError,
    TokenRevokedError,
    UploadTooLargeError,
)
from cadre_desk.server.store import ServerStore
from cadre_desk.server.sync_api import SyncEndpoints
from cadre_desk.services.sync import fastjson
from cadre_desk.services.sync.records import (
    IMPOSSIBLE_CLOCK,
    ImpossibleClockError,
    SyncFormatError,
)

log = logging.getLogger("cadre_desk.server")
access_log = logging.getLogger("cadre_desk.server.access")

DEFAULT_MAX_BODY = 4 * 1024 * 1024
PROTOCOLS = (1, 2)  # upload protocols this server speaks (said in GET /v1/push/{session})
MAX_PAGES = 100_000
DEFAULT_THREADS = 16  # a 1 MB page of records plus JSON overhead, with room
_SESSION_RE = re.compile(r"^[0-9a-f]{32}$")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # how a lone surrogate reaches us in JSON
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class BodyLimit:
    """ASGI middleware: refuse bodies over ``limit`` bytes (declared or streamed) with 413."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _send_json(send, 413, {"error": f"请求过大（上限 {self.limit // 1024} KB）。"})
            return
        # Read the body here (bounded), then replay it: a streamed body over the limit is
        # refused without ever reaching the application.
        chunks: list[bytes] = []
        seen = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                # The client went away mid-upload (closed laptop, lost network): nothing to answer,
                # nothing to apply. One line, not a traceback: the client resumes next time.
                log.info(
                    json.dumps({"event": "client_disconnected", "path": scope.get("path"), "received": seen})
                )
                return
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                await _send_json(send, 413, {"error": f"请求过大（上限 {self.limit // 1024} KB）。"})
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _json_bytes(payload: dict[str, Any]) -> bytes:
    # "replace": a message quoting client input must not fail on a lone surrogate it contains
    return json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace")


def _error(status: int, message: str, code: str | None = None) -> Response:
    payload = {"error": message} if code is None else {"error": message, "code": code}
    return Response(_json_bytes(payload), status_code=status, media_type="application/json")


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = _json_bytes(payload)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    store: ServerStore,
    *,
    max_body: int = DEFAULT_MAX_BODY,
    threads: int = DEFAULT_THREADS,
    min_reporters: int = 3,
) -> BodyLimit:
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Database calls run on worker threads. Each one is short, and all of them share the
        # GIL: 16 threads (fewer than the store's 20 pooled connections, so no overflow
        # connection is opened and closed with its PRAGMAs on every burst) instead of anyio's
        # default 40, which mostly handed the GIL to each other under 200 clients.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(
        title="cadre_desk sync server", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan
    )
    app.state.store = store

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> Response:
        return _error(exc.status, exc.message, exc.code)

    @app.exception_handler(TokenRevokedError)
    async def revoked(_request: Request, exc: TokenRevokedError) -> Response:
        return _error(401, exc.user_message)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, _exc: RequestValidationError) -> Response:
        return _error(422, "请求参数格式不正确。")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> Response:
        return _error(exc.status_code, str(exc.detail))

    @app.get("/health")
    def health() -> dict[str, str]:
        try:
            store.ping()
        except Exception as exc:
            log.exception("health check: database unreachable")
            raise ApiError(503, "数据库不可用。") from exc
        return {"status": "ok", "version": __version__}

    @app.get("/v1/push/{session}")
    def upload_status(session: str, caller: CallerDep) -> dict[str, Any]:
        if not _SESSION_RE.match(session):
            raise ApiError(422, "上传会话编号格式不正确。")
        pages, committed = store.upload_status(caller.user_id, session, caller.token_hash)
        return {"session": session, "pages": pages, "committed": committed, "protocols": list(PROTOCOLS)}

    from cadre_desk.server.unit import web as unit_web  # the unit's view (issue 19)
    from cadre_desk.server.unit.store import UnitStore

    unit_web.install(app, store, UnitStore(store.engine, min_reporters), ApiError)
    return BodyLimit(AccessLog(SyncEndpoints(app, store, push_page)), max_body)


class AccessLog:
    """ASGI middleware: one JSON line per request (a plain ASGI wrapper: Starlette's
    ``BaseHTTPMiddleware`` runs every request through an extra task and memory streams)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not access_log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            state = scope.get("state") or {}
            access_log.info(
                json.dumps(
                    {
                        "event": "request",
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "user": state.get("user_id"),
                    }
                )
            )


async def push_page(store: ServerStore, raw: bytes, user_id: str, token_hash: str) -> dict[str, Any]:
    """POST /v1/push (answered by ``sync_api.SyncEndpoints``, outside FastAPI): one page of an
    upload; the last one commits it. Refusals are ``ApiError``."""
    text, body = _parse_body(raw)
    session, page, pages, final, records = _push_fields(body)
    single = page == 0 and final
    try:
        _refuse_lone_surrogates(text, body)
        if single:
            cursor = await asyncio.wrap_future(store.submit_single(user_id, session, records, token_hash))
        else:
            await run_in_threadpool(store.stage, user_id, session, page, pages, records, text, token_hash)
            if not final:
                return {"session": session, "page": page, "committed": False}
            cursor = await run_in_threadpool(store.commit, user_id, session, page + 1, token_hash)
    except SyncFormatError as exc:
        if not single:  # this upload can never commit: its staged pages go now, not at the TTL
            await run_in_threadpool(store.discard_upload, user_id, session)
        code = IMPOSSIBLE_CLOCK if isinstance(exc, ImpossibleClockError) else None
        raise ApiError(422, exc.user_message, code) from exc
    except IncompleteUploadError as exc:
        raise ApiError(409, exc.user_message) from exc
    except UploadTooLargeError as exc:
        raise ApiError(413, f"{exc.user_message}{exc.next_step}") from exc
    except ServerBusyError as exc:  # kept losing lock conflicts: nothing stored, the client sends again
        log.warning(json.dumps({"event": "upload_busy", "user": user_id, "session": session}))
        raise ApiError(503, f"{exc.user_message}{exc.next_step}") from exc
    log.info(json.dumps({"event": "upload_committed", "user": user_id, "pages": pages, "cursor": cursor}))
    return {"session": session, "page": page, "committed": True, "cursor": cursor}


def _parse_body(raw: bytes) -> tuple[str, Any]:
    """The request body as text and as JSON: UTF-8 only, standard JSON only (no NaN/Infinity),
    no deeper nesting than the parser handles."""
    try:
        text = raw.decode()
        return text, fastjson.loads(raw)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise ApiError(400, "请求内容不是有效的 JSON（UTF-8 编码）。") from exc


def _refuse_lone_surrogates(text: str, body: Any) -> None:
    """JSON may spell a lone UTF-16 surrogate (``\\ud800``); no database stores one."""
    if _SURROGATE_ESCAPE.search(text):  # rare: only then encode everything to find out
        try:
            json.dumps(body, ensure_ascii=False).encode()
        except UnicodeEncodeError as exc:
            raise SyncFormatError("同步数据含有无效的字符（孤立的代理项）。") from exc


def _push_fields(body: Any) -> tuple[str, int, int, bool, list[Any]]:
    """(session, page, pages — 0 while a protocol 2 upload has not reached its last page —,
    whether this is the last page, records).

    Protocol 1 gives the page count with every page (the client exports everything first);
    protocol 2 marks the last page ``final`` instead, so a client uploads each page as soon as
    it is exported."""
    if not isinstance(body, dict):
        raise ApiError(422, "请求内容格式不正确。")
    protocol, session, page, records = (
        body.get("protocol"),
        body.get("session"),
        body.get("page"),
        body.get("records"),
    )
    if type(protocol) is int and protocol > max(PROTOCOLS):
        raise ApiError(
            422,
            f"客户端使用的同步协议（第 {protocol} 版）比服务器支持的新。下一步：请管理员升级同步服务器"
            "（cadre-desk-server）后再同步；本机数据没有丢失。",
        )
    if protocol not in PROTOCOLS or type(protocol) is not int:
        raise ApiError(422, "客户端的同步协议版本与服务器不一致。下一步：请升级 cadre_desk 后再同步。")
    if not isinstance(session, str) or not _SESSION_RE.match(session):
        raise ApiError(422, "上传会话编号格式不正确。")
    if protocol == 1:
        pages = body.get("pages")
        if not isinstance(pages, int) or not 1 <= pages <= MAX_PAGES:
            raise ApiError(422, "上传页数不正确。")
        if not isinstance(page, int) or not 0 <= page < pages:
            raise ApiError(422, "上传页码不正确。")
        final = page == pages - 1
    else:
        final = body.get("final")
        if not isinstance(final, bool):
            raise ApiError(422, "上传内容缺少 final（是否最后一页）。")
        if not isinstance(page, int) or not 0 <= page < MAX_PAGES:
            raise ApiError(422, "上传页码不正确。")
        pages = page + 1 if final else 0
    if not isinstance(records, list):
        raise ApiError(422, "上传内容缺少 records。")
    return session, page, pages, final, records
