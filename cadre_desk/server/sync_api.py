"""The two requests every device sends all day, answered as plain ASGI.

    POST /v1/push                one page of an upload; the last page commits the whole upload
    GET  /v1/pull?after=N        changes after cursor N, one page of ≤ ~1 MB, with "more"

FastAPI's routing, dependency solving, parameter validation and its middleware stack cost about
half of the event loop's CPU per sync request under 200 clients; these two endpoints take none
of it (the other endpoints stay in the FastAPI app behind this one). Same answers, same errors.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

import anyio.to_thread

from cadre_desk.server.auth import ApiError
from cadre_desk.server.errors import TokenRevokedError
from cadre_desk.server.store import ServerStore, hash_token
from cadre_desk.services.sync.records import INT64_MAX, PAGE_BYTES

PushHandler = Callable[[ServerStore, bytes, str, str], Awaitable[dict[str, Any]]]


class SyncEndpoints:
    """ASGI: ``POST /v1/push`` and ``GET /v1/pull`` here, everything else on to ``app``."""

    def __init__(self, app: Any, store: ServerStore, push: PushHandler) -> None:
        self.app = app
        self.store = store
        self._push = push  # app.push_page: the upload protocol lives with the rest of the API
        self._lookups: dict[str, asyncio.Future[str | None]] = {}  # token hash -> lookup under way

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            route = (scope["method"], scope["path"])
            if route == ("GET", "/v1/pull") or route == ("POST", "/v1/push"):
                await self._answer(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _answer(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            user_id, token_hash = await self._caller(scope)
            if scope["method"] == "GET":
                body = await self._pull(scope, user_id, token_hash)
            else:
                raw = await _read_body(receive)
                reply = await self._push(self.store, raw, user_id, token_hash)
                body = json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode()
            status = 200
        except ApiError as exc:
            status, body = exc.status, _error_body(exc.message, exc.code)
        except TokenRevokedError as exc:
            status, body = 401, _error_body(exc.user_message)
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        if status == 503:
            headers.append((b"retry-after", b"5"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _caller(self, scope: Any) -> tuple[str, str]:
        # A token seen recently is answered from the store's cache on the event loop; only a
        # miss costs a worker thread. The cache only names the user: every data access checks
        # the token again in its own transaction (a revocation counts on the very next request).
        header = b""
        for name, value in scope.get("headers") or ():
            if name == b"authorization":
                header = value
                break
        scheme, _, token = header.decode("latin-1").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise ApiError(401, "缺少访问令牌。")
        user_id, known = self.store.cached_user(token)
        if not known:
            user_id = await self._look_up(token)
        if user_id is None:
            raise ApiError(401, "访问令牌无效或已被吊销。")
        scope.setdefault("state", {})["user_id"] = user_id  # for the access log
        return user_id, hash_token(token)

    async def _look_up(self, token: str) -> str | None:
        """The token's user from the database; requests with the same token meanwhile wait for
        that one lookup (a unit's devices start syncing together after a restart or a network
        outage: 200 lookups of 20 tokens were 200 worker-thread hops and queries)."""
        digest = hash_token(token)
        pending = self._lookups.get(digest)
        if pending is None:
            pending = asyncio.ensure_future(anyio.to_thread.run_sync(self.store.authenticate, token))
            self._lookups[digest] = pending
            pending.add_done_callback(lambda _done: self._lookups.pop(digest, None))  # one per digest
        return await asyncio.shield(pending)  # a caller that goes away leaves the lookup to the others

    async def _pull(self, scope: Any, user_id: str, token_hash: str) -> bytes:
        values: dict[str, str] = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        try:
            after = int(values.get("after", 0))
            max_bytes = int(values.get("max_bytes", PAGE_BYTES))
        except ValueError as exc:
            raise ApiError(422, "请求参数格式不正确。") from exc
        # Cursors are 64-bit sequence numbers in both databases: anything larger is not a cursor.
        if not 0 <= after <= INT64_MAX or not 1 <= max_bytes <= PAGE_BYTES:
            raise ApiError(422, "请求参数超出范围。")
        page = await anyio.to_thread.run_sync(self.store.pull, user_id, after, max_bytes, token_hash)
        return page.body


async def _read_body(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client went away: BodyLimit stops that first
            return b"".join(chunks)
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _error_body(message: str, code: str | None = None) -> bytes:
    payload = {"error": message} if code is None else {"error": message, "code": code}
    # "replace": a message quoting client input must not fail on a lone surrogate it contains
    return json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace")
