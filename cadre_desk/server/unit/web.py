"""Routes of the unit's view: the app's report endpoints and the coordinator's dashboard.

    POST   /v1/unit/report     a cadre's monthly aggregates (replaces what they sent before)
    DELETE /v1/unit/report     revocation: every figure this cadre sent is removed
    GET    /unit/…             dashboard pages (HTML), /unit/api/… the same figures as JSON

The dashboard takes a coordinator's token once (login form) and then a session cookie; each
request checks again that the token is valid and its user still a coordinator.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from cadre_desk.domain.errors import FontMissingError
from cadre_desk.server.auth import CallerDep
from cadre_desk.server.store import ServerStore, hash_token
from cadre_desk.server.unit import pages
from cadre_desk.server.unit.consolidation import consolidation_pdf, consolidation_xlsx
from cadre_desk.server.unit.contributions import ReportFormatError
from cadre_desk.server.unit.store import UnitStore
from cadre_desk.services.reports.document import REPORT_TZ

COOKIE = "cadre_unit_session"
SESSION_TTL_S = 8 * 3600.0
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class Unauthorized(Exception):
    pass


class _Sessions:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_id: dict[str, tuple[str, str, float]] = {}  # id -> (user, token hash, expiry)

    def open(self, user_id: str, token_hash: str) -> str:
        session = secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._by_id = {k: v for k, v in self._by_id.items() if v[2] > now}
            self._by_id[session] = (user_id, token_hash, now + SESSION_TTL_S)
        return session

    def get(self, session: str) -> tuple[str, str] | None:
        with self._lock:
            found = self._by_id.get(session)
        if found is None or found[2] < time.monotonic():
            return None
        return found[0], found[1]

    def close(self, session: str) -> None:
        with self._lock:
            self._by_id.pop(session, None)


def _bad_filter(message: str) -> Response:
    return JSONResponse({"error": message}, status_code=422)


def install(app: FastAPI, store: ServerStore, unit: UnitStore, api_error: type[Exception]) -> None:
    sessions = _Sessions()
    app.state.unit = unit

    @app.post("/v1/unit/report")
    async def report(request: Request, caller: CallerDep) -> dict[str, Any]:
        try:
            body = json.loads(await request.body())
        except ValueError as exc:
            raise api_error(400, "请求内容不是有效的 JSON（UTF-8 编码）。") from exc
        try:
            return await run_in_threadpool(
                _checked_replace, store, unit, caller.user_id, caller.token_hash, body
            )
        except ReportFormatError as exc:
            raise api_error(422, f"{exc.user_message}{exc.next_step or ''}") from exc

    @app.delete("/v1/unit/report")
    def revoke(caller: CallerDep) -> dict[str, int]:
        _check_token(store, caller.token_hash)
        return {"removed": unit.revoke(caller.user_id)}

    def coordinator(request: Request) -> str:
        """The coordinator's user id, from the session cookie or a bearer token."""
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            token = header[7:].strip()
            user_id = store.authenticate(token) if token else None
            token_hash = hash_token(token)
        else:
            found = sessions.get(request.cookies.get(COOKIE, ""))
            if found is None:
                raise Unauthorized()
            user_id, token_hash = found
        if user_id is None or _revoked(store, token_hash) or not unit.is_coordinator(user_id):
            raise Unauthorized()
        return user_id

    def guarded(render: Any) -> Any:
        def handler(request: Request) -> Response:
            try:
                coordinator(request)
            except Unauthorized:
                if request.url.path.startswith("/unit/api/"):
                    return JSONResponse(
                        {"error": "需要协调员身份。下一步：用协调员令牌登录。"}, status_code=403
                    )
                return RedirectResponse("/unit/login", status_code=303)
            unit.publish_due()  # a batch whose epoch has ended goes out before the page is read
            return render(request)

        return handler

    def filters(request: Request) -> tuple[str, str, str, str] | Response:
        query = request.query_params
        month, level, kind, key = (query.get(n, "") for n in ("month", "level", "kind", "key"))
        if month and not _MONTH.match(month):
            return _bad_filter("月份格式应为 YYYY-MM。")
        if level not in pages.LEVELS:
            return _bad_filter("层级不正确。")
        if kind not in pages.FINDING_KINDS:
            return _bad_filter("结论类型不正确。")
        if len(key) > 500:
            return _bad_filter("账号标识过长。")
        return month, level, kind, key

    def accounts_view(request: Request) -> Response:
        chosen = filters(request)
        if isinstance(chosen, Response):
            return chosen
        month, level, _kind, _key = chosen
        months = unit.months()
        month = month or (months[0] if months else "")
        rows = unit.ranking(month, level) if month else []
        if request.url.path.startswith("/unit/api/"):
            return JSONResponse(
                {"month": month, "months": months, "rows": rows, "reporters": unit.reporter_count()}
            )
        state = unit.published_state()
        published = datetime.fromtimestamp(state.published_at, REPORT_TZ).strftime("%Y-%m-%d %H:%M")
        return HTMLResponse(
            pages.accounts_page(
                months,
                month,
                level,
                rows,
                unit.reporter_count(),
                unit.min_reporters,
                published,
                state.period_s,
            )
        )

    def account_view(request: Request) -> Response:
        chosen = filters(request)
        if isinstance(chosen, Response):
            return chosen
        label, rows = unit.trend(chosen[3])
        if request.url.path.startswith("/unit/api/"):
            return JSONResponse({"account": label.key, "name": label.name, "rows": rows})
        return HTMLResponse(pages.account_page(label.name, label.key, label.level, rows, unit.min_reporters))

    def findings_view(request: Request) -> Response:
        chosen = filters(request)
        if isinstance(chosen, Response):
            return chosen
        rows = unit.consensus_findings(chosen[2])
        if request.url.path.startswith("/unit/api/"):
            return JSONResponse({"rows": rows})
        return HTMLResponse(pages.findings_page(chosen[2], rows, unit.min_reporters))

    def burden_view(request: Request) -> Response:
        chosen = filters(request)
        if isinstance(chosen, Response):
            return chosen
        rows = unit.burden(chosen[1])
        if request.url.path.startswith("/unit/api/"):
            return JSONResponse({"rows": rows})
        return HTMLResponse(pages.burden_page(chosen[1], rows, unit.min_reporters))

    def report_view(_request: Request) -> Response:
        return Response(
            unit.cached("consolidation.xlsx", lambda: consolidation_xlsx(unit)),
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"Content-Disposition": 'attachment; filename="unit-consolidation.xlsx"'},
        )

    def report_pdf_view(_request: Request) -> Response:
        try:
            body = unit.cached("consolidation.pdf", lambda: consolidation_pdf(unit))
        except FontMissingError as exc:
            return HTMLResponse(
                pages.error_page(
                    "无法生成 PDF",
                    f"{exc.user_message} 下一步：请服务器管理员安装中文 TrueType 字体"
                    "（Debian：apt-get install fonts-wqy-zenhei），或先下载 XLSX 版本。",
                    unit.min_reporters,
                ),
                status_code=503,
            )
        return Response(
            body,
            media_type="application/pdf",
            headers={"Content-Disposition": 'attachment; filename="unit-consolidation.pdf"'},
        )

    for path, view in (
        ("/unit/", accounts_view),
        ("/unit/api/accounts", accounts_view),
        ("/unit/account", account_view),
        ("/unit/api/account", account_view),
        ("/unit/findings", findings_view),
        ("/unit/api/findings", findings_view),
        ("/unit/burden", burden_view),
        ("/unit/api/burden", burden_view),
        ("/unit/report.xlsx", report_view),
        ("/unit/report.pdf", report_pdf_view),
    ):
        app.add_api_route(path, guarded(view), methods=["GET"], include_in_schema=False)

    @app.get("/unit", include_in_schema=False)
    def unit_root() -> Response:
        return RedirectResponse("/unit/", status_code=303)

    @app.get("/unit/login", include_in_schema=False)
    def login_form() -> Response:
        return HTMLResponse(pages.login_page())

    @app.post("/unit/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        fields = parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (fields.get("token") or [""])[0].strip()
        user_id = await run_in_threadpool(store.authenticate, token) if token else None
        if user_id is None:
            return HTMLResponse(
                pages.login_page("令牌无效或已被吊销。下一步：向服务器管理员索取新令牌。"), status_code=401
            )
        if not await run_in_threadpool(unit.is_coordinator, user_id):
            return HTMLResponse(
                pages.login_page(
                    "这个令牌的用户不是协调员。"
                    "下一步：请管理员运行 cadre-desk-server user coordinator 用户名。"
                ),
                status_code=403,
            )
        response = RedirectResponse("/unit/", status_code=303)
        response.set_cookie(
            COOKIE,
            sessions.open(user_id, hash_token(token)),
            httponly=True,
            samesite="strict",
            max_age=int(SESSION_TTL_S),
        )
        return response

    @app.get("/unit/logout", include_in_schema=False)
    def logout(request: Request) -> Response:
        sessions.close(request.cookies.get(COOKIE, ""))
        response = RedirectResponse("/unit/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response


def _revoked(store: ServerStore, token_hash: str) -> bool:
    with store.engine.connect() as conn:
        return bool(store._revoked(conn, {token_hash}))


def _check_token(store: ServerStore, token_hash: str) -> None:
    from cadre_desk.server.errors import TokenRevokedError

    if _revoked(store, token_hash):
        raise TokenRevokedError()


def _checked_replace(
    store: ServerStore, unit: UnitStore, user_id: str, token_hash: str, body: Any
) -> dict[str, int]:
    _check_token(store, token_hash)
    return unit.replace_report(user_id, body)
