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


SERVE_WITHOUT_LISTENING = """
import gc, sys
import uvicorn
from cadre_desk.server.cli import main

def run(app, **_options):  # stands in for the server: reports what the collector will walk
    gc.collect()
    print(gc.get_freeze_count(), len(gc.get_objects()))

uvicorn.run = run
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow  # a subprocess
def test_serve_leaves_start_up_objects_out_of_full_collections(tmp_path: Path) -> None:
    # A full collection walked every object of start-up (~115 ms with no request answered under
    # 200 clients): serve freezes them once the app is built, just before it starts listening.
    done = subprocess.run(
        [sys.executable, "-c", SERVE_WITHOUT_LISTENING, "--db", f"sqlite:///{tmp_path / 's.db'}", "serve"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    frozen, tracked = map(int, done.stdout.split())
    assert frozen > 50_000 and tracked < frozen / 10, (frozen, tracked)
