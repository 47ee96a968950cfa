"""A real HTTP server on 127.0.0.1 for source tests and the benchmark.

Routes are registered as ``server.routes[path] = Route(...)``; each request is recorded.
Supports ETag/Last-Modified (304), Retry-After on 429/503 for the first N hits, redirects,
slow and huge bodies, and absolute-form requests (so it can act as an HTTP proxy in tests).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fail_first: int = 0  # answer `fail_status` this many times before succeeding
    fail_status: int = 429
    retry_after: str | None = None
    location: str | None = None  # for redirects (status 301/302/307/308)
    delay: float = 0.0
    stream_bytes: int = 0  # send this many filler bytes with no Content-Length (huge responses)
    hits: int = 0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FeedServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        self.server.requests.append((path, dict(self.headers.items())))
        if path.startswith("http://"):  # absolute form: we are being used as a proxy
            path = "/__proxy__" + path
        route = self.server.routes.get(path) or self.server.routes.get(path.split("?")[0])
        if route is None:
            self._send(404, b"not found", "text/plain")
            return
        route.hits += 1
        if route.delay:
            time.sleep(route.delay)
        if route.hits <= route.fail_first:
            headers = {"Retry-After": route.retry_after} if route.retry_after else {}
            self._send(route.fail_status, b"slow down", "text/plain", headers)
            return
        if route.location:
            self._send(route.status, b"", "text/plain", {"Location": route.location})
            return
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self._send(304, b"", None, {"ETag": route.etag})
            return
        if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
            self._send(304, b"", None, {"Last-Modified": route.last_modified})
            return
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.stream_bytes:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<!-- filler -->" * 4096
            sent = 0
            try:
                while sent < route.stream_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        self._send(route.status, route.body, route.content_type, headers)

    def _send(
        self, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        scheme = "https" if hasattr(self.socket, "getpeercert") else "http"
        return f"{scheme}://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up (size cap, refused certificates) are expected in these tests

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
