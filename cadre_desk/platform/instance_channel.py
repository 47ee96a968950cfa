"""The single-instance channel seen from outside Qt: its name, and a client for the CLI.

The window listens with a ``QLocalServer`` (``ui/single_instance.py``): a Unix socket in the temp
folder, a named pipe on Windows. A CLI command that changed the profile while the window is open
tells it so over this channel (one JSON line, answered ``ok``), and the window refreshes the
views showing those entities.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import socket
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

_ACK = b"ok\n"


def server_name_for(data_dir: Path) -> str:
    """One name per user and data folder (the demo and the real profile run side by side)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir.expanduser().resolve()}".encode()).hexdigest()[:16]
    return f"cadre_desk-{digest}"


def _unix_socket_path(name: str) -> Path:
    # QLocalServer puts a relative name in QDir::tempPath(): $TMPDIR, else /tmp.
    return Path(os.environ.get("TMPDIR") or tempfile.gettempdir()) / name


def send_message(data_dir: Path, message: dict[str, object], timeout: float = 2.0) -> bool:
    """Send one message to the window open on ``data_dir``; True if it answered."""
    payload = json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"
    name = server_name_for(data_dir)
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            with open(rf"\\.\pipe\{name}", "r+b", buffering=0) as pipe:
                pipe.write(payload)
                return pipe.read(len(_ACK)) == _ACK
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout)
            client.connect(str(_unix_socket_path(name)))
            client.sendall(payload)
            answer = b""
            while len(answer) < len(_ACK):
                chunk = client.recv(len(_ACK) - len(answer))
                if not chunk:
                    break
                answer += chunk
            return answer == _ACK
    except OSError as exc:
        log.info("no window answered on the single-instance channel: %s", exc)
        return False


def announce_changes(data_dir: Path, entities: Iterable[str]) -> bool:
    """Tell the open window which kinds of data a command changed, so its views refresh."""
    return send_message(data_dir, {"command": "changed", "entities": sorted(set(entities))})
