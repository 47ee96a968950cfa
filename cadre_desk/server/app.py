"""HTTP API of the unit server.

    GET  /health                 liveness + database check (no auth)
    GET  /v1/push/{session}      which pages of an upload the server holds, committed or not
    POST /v1/push                one page of an upload; the last page commits the whole upload
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
from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from cadre_desk import __version__
from cadre_desk.server.store import IncompleteUploadError, ServerStore
from cadre_desk.services.sync.records import PAGE_BYTES, SyncFormatError

log = logging.getLogger("cadre_desk.server")
access_log = logging.getLogger("cadre_desk.server.access")

DEFAULT_MAX_BODY = 4 * 1024 * 1024
DEFAULT_THREADS = 16  # a 1 MB page of records plus JSON overhead, with room
_SESSION_RE = re.compile(r"^[0-9a-f]{32}$")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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
                await self.app(scope, receive, send)  # client went away: let the app see it
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


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(
    store: ServerStore, *, max_body: int = DEFAULT_MAX_BODY, threads: int = DEFAULT_THREADS
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
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, _exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": "请求参数格式不正确。"}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    async def current_user(request: Request) -> str:
        # async: a token seen recently is answered from the store's cache on the event loop;
        # only a cache miss costs a worker thread (and a database query).
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "缺少访问令牌。")
        token = token.strip()
        user_id, known = store.cached_user(token)
        if not known:
            user_id = await run_in_threadpool(store.authenticate, token)
        if user_id is None:
            raise ApiError(401, "访问令牌无效或已被吊销。")
        request.state.user_id = user_id
        return user_id

    @app.get("/health")
    def health() -> dict[str, str]:
        try:
            store.ping()
        except Exception as exc:
            log.exception("health check: database unreachable")
            raise ApiError(503, "数据库不可用。") from exc
        return {"status": "ok", "version": __version__}

    @app.get("/v1/push/{session}")
    def upload_status(session: str, user_id: str = Depends(current_user)) -> dict[str, Any]:
        if not _SESSION_RE.match(session):
            raise ApiError(422, "上传会话编号格式不正确。")
        pages, committed = store.upload_status(user_id, session)
        return {"session": session, "pages": pages, "committed": committed}

    @app.post("/v1/push")
    async def push(request: Request, user_id: str = Depends(current_user)) -> dict[str, Any]:
        raw = await request.body()
        try:
            body = json.loads(raw)
        except ValueError as exc:
            raise ApiError(400, "请求内容不是有效的 JSON。") from exc
        session, page, pages, records = _push_fields(body)
        try:
            if pages == 1:
                cursor = await asyncio.wrap_future(store.submit_single(user_id, session, records))
            else:
                text = raw.decode()
                await run_in_threadpool(store.stage, user_id, session, page, pages, records, text)
                if page != pages - 1:
                    return {"session": session, "page": page, "committed": False}
                cursor = await run_in_threadpool(store.commit, user_id, session, pages)
        except SyncFormatError as exc:
            raise ApiError(422, exc.user_message) from exc
        except IncompleteUploadError as exc:
            raise ApiError(409, exc.user_message) from exc
        log.info(json.dumps({"event": "upload_committed", "user": user_id, "pages": pages, "cursor": cursor}))
        return {"session": session, "page": page, "committed": True, "cursor": cursor}

    @app.get("/v1/pull")
    def pull(after: int = 0, max_bytes: int = PAGE_BYTES, user_id: str = Depends(current_user)) -> Response:
        if after < 0 or not 1 <= max_bytes <= PAGE_BYTES:
            raise ApiError(422, "请求参数超出范围。")
        page = store.pull(user_id, after, max_bytes)
        return Response(page.body, media_type="application/json")

    return BodyLimit(AccessLog(app), max_body)


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


def _push_fields(body: Any) -> tuple[str, int, int, list[Any]]:
    if not isinstance(body, dict):
        raise ApiError(422, "请求内容格式不正确。")
    session, page, pages, records = (
        body.get("session"),
        body.get("page"),
        body.get("pages"),
        body.get("records"),
    )
    if body.get("protocol") != 1:
        raise ApiError(422, "客户端的同步协议版本与服务器不一致，请升级 cadre_desk。")
    if not isinstance(session, str) or not _SESSION_RE.match(session):
        raise ApiError(422, "上传会话编号格式不正确。")
    if not isinstance(pages, int) or not 1 <= pages <= 100_000:
        raise ApiError(422, "上传页数不正确。")
    if not isinstance(page, int) or not 0 <= page < pages:
        raise ApiError(422, "上传页码不正确。")
    if not isinstance(records, list):
        raise ApiError(422, "上传内容缺少 records。")
    return session, page, pages, records
