"""Several server processes on one listening socket (``cadre-desk-server serve --workers N``).

One Python process runs the event loop, the group-commit writer and the database threads on one
GIL: on a machine shared with other work it gets one share of one core. Worker processes each
run the whole app on the socket the parent bound (the kernel hands each new connection to one of
them). Writes stay correct across processes: each batch locks its users' rows (PostgreSQL) and,
on SQLite, every server write holds the database's writer lock file (``store.py``).

POSIX only (``fork``); the parent only supervises: if a worker ends, the others are stopped
and ``serve`` ends with an error, for the service manager to restart it.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger("cadre_desk.server")

_PR_SET_PDEATHSIG = 1


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _die_with_parent() -> None:
    """A worker ends when the supervising process does, even on ``kill -9`` (Linux)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def run_workers(count: int, sock: socket.socket, serve_one: Callable[[socket.socket], Any]) -> int:
    """Fork ``count`` workers, each calling ``serve_one(sock)``; wait for them. Exit status 0
    when they were stopped by a signal to this process, 1 when one of them ended by itself."""
    parent = os.getpid()
    children: list[int] = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                _die_with_parent()
                if os.getppid() != parent:  # the parent died before the line above
                    os._exit(0)
                serve_one(sock)
                code = 0
            except BaseException:
                log.exception("sync server worker failed")
            finally:
                os._exit(code)
        children.append(pid)
    sock.close()
    stopping = False

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    failed = False
    try:
        remaining = set(children)
        while remaining:
            try:
                pid, _status = os.wait()
            except ChildProcessError:
                break
            remaining.discard(pid)
            if not stopping:  # a worker ended by itself: stop the others, report the failure
                log.error('{"event": "worker_exited", "pid": %d}', pid)
                failed = True
                stop(signal.SIGTERM, None)
        return 1 if failed else 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
