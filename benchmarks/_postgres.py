"""A throwaway PostgreSQL cluster on a loopback port (Debian ``postgresql`` package).

Used by the sync server tests and benchmarks. ``initdb`` refuses to run as root, so as root the
cluster runs as the ``postgres`` user in a temp dir it owns.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("PostgreSQL server binaries not found: apt-get install -y postgresql")
    return Path(initdb).parent


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextlib.contextmanager
def temporary_postgres(max_connections: int = 300) -> Iterator[str]:
    """Yields an SQLAlchemy URL; the cluster is stopped and deleted afterwards."""
    binaries = _pg_bin()
    base = Path(tempfile.mkdtemp(prefix="cadre-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data = base / "data"
    port = free_port()
    try:
        subprocess.run(
            _as_postgres(
                [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "cadre", "--no-sync"]
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c synchronous_commit=off -c max_connections={max_connections}"
        )
        subprocess.run(
            _as_postgres(
                [
                    str(binaries / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(base / "log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://cadre@127.0.0.1:{port}/postgres"
    finally:
        if data.exists():
            subprocess.run(
                _as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                capture_output=True,
            )
        shutil.rmtree(base, ignore_errors=True)
