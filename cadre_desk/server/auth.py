"""Who is calling the sync server: the bearer token checked per request, and the API's error type.

Apart from ``app.py`` so the routers it installs (the unit's view) can depend on them without
importing the application module back.
"""

from __future__ import annotations

from typing import Annotated, NamedTuple

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool

from cadre_desk.server.store import ServerStore, hash_token


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code  # for clients that act on the kind of error (the message is for people)


class Caller(NamedTuple):
    user_id: str
    token_hash: str


async def current_user(request: Request) -> Caller:
    # async: a token seen recently is answered from the store's cache on the event loop;
    # only a cache miss costs a worker thread (and a database query). The cache only names
    # the user: every data access checks the token again in its own transaction, so a
    # revocation (even from another process) takes effect on the very next request.
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "缺少访问令牌。")
    token = token.strip()
    store: ServerStore = request.app.state.store
    user_id, known = store.cached_user(token)
    if not known:
        user_id = await run_in_threadpool(store.authenticate, token)
    if user_id is None:
        raise ApiError(401, "访问令牌无效或已被吊销。")
    request.state.user_id = user_id
    return Caller(user_id, hash_token(token))


CallerDep = Annotated[Caller, Depends(current_user)]
