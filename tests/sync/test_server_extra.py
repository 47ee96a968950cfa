"""The unit server is an optional extra: without it, cadre-desk-server says how to install it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = """
import sys
for name in ("fastapi", "uvicorn", "psycopg"):
    sys.modules[name] = None  # as on a desktop install without the `server` extra
from cadre_desk.server.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", PROGRAM, *args], capture_output=True, text=True, timeout=60)


@pytest.mark.slow  # a subprocess
def test_serve_without_the_server_extra_says_how_to_install_it(tmp_path: Path) -> None:
    done = run("--db", f"sqlite:///{tmp_path / 's.db'}", "serve")
    assert done.returncode == 2
    assert "fastapi、uvicorn" in done.stderr and "cadre-desk[server]" in done.stderr
    assert "下一步" in done.stderr and "Traceback" not in done.stderr
    postgres = run("--db", "postgresql://cadre@127.0.0.1:1/x", "user", "list")
    assert postgres.returncode == 2 and "psycopg" in postgres.stderr
    # User administration on SQLite needs no web stack.
    listed = run("--db", f"sqlite:///{tmp_path / 's.db'}", "user", "list")
    assert listed.returncode == 0, listed.stderr


@pytest.mark.slow  # a subprocess
def test_the_desktop_never_imports_the_server_stack() -> None:
    code = (
        "import sys, cadre_desk.cli, cadre_desk.app, cadre_desk.services.sync.server_client;"
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'psycopg', 'starlette') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
