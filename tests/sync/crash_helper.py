"""Sync runs in a separate process that a test kills with SIGKILL at chosen or random points.

A helper process (started once, everything imported, single-threaded) forks one child per
job, so a killed import costs a fork rather than a fresh interpreter (~3 s on a busy machine).
The child opens the device's data folder on its own, as the app would after a restart, and
runs a real bundle import or server sync. It is killed either by itself at an injected point
(``os.kill(os.getpid(), SIGKILL)`` — no clean-up of any kind runs) or from outside after a
random delay.

Protocol: one JSON job per line on stdin; the helper answers ``{"pid": …}`` once the child
runs, then ``{"killed": bool, "code": int, "error": str}`` when it is gone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
POINTS = ("none", "verify", "write", "commit", "request")  # where a child kills itself


class Crasher:
    """The test side: start the helper, run jobs, kill children."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.crash_helper"],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the crash helper died")
        result: dict[str, Any] = json.loads(line)
        return result

    def run(self, job: dict[str, Any], kill_after: float | None = None) -> dict[str, Any]:
        """Run ``job`` in a child; SIGKILL it after ``kill_after`` seconds if still running."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        pid = int(self._read()["pid"])
        if kill_after is not None:
            time.sleep(kill_after)
            try:
                os.kill(pid, signal.SIGKILL)  # our own child (through the helper)
            except ProcessLookupError:
                pass
        return self._read()

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --------------------------------------------------------------------------- the helper side


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _kill_on_call(owner: Any, name: str, nth: int, after: bool = False) -> None:
    """Make the ``nth`` call of ``owner.name`` SIGKILL this process (before or after it runs)."""
    original = getattr(owner, name)
    calls = [0]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth and not after:
            _die()
        result = original(*args, **kwargs)
        if calls[0] == nth and after:
            _die()
        return result

    setattr(owner, name, wrapper)


def _child(job: dict[str, Any]) -> int:
    import keyring.backend

    from cadre_desk.domain.errors import CadreError
    from cadre_desk.platform.paths import DataPaths
    from cadre_desk.platform.secrets import SecretStore
    from cadre_desk.services.sync import apply, bundle, pairing, server_client
    from cadre_desk.storage.database import open_database

    class Keys(keyring.backend.KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            self.values: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.values.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.values[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.values.pop((service, username), None)

    point, nth = job.get("point", "none"), int(job.get("nth", 1))
    if point == "verify":
        _kill_on_call(bundle, "read_batch", nth)
    elif point == "write":  # inside the apply transaction, after the rows are written
        _kill_on_call(apply, "_write", nth, after=True)
    elif point == "commit":  # a batch committed, its attachments not yet stored
        _kill_on_call(bundle, "_store_attachments", nth)
    elif point == "request":  # between two requests of a (multi-page) server sync
        _kill_on_call(server_client.ServerClient, "_call", nth, after=True)
    paths = DataPaths(Path(job["data_dir"]))
    db = open_database(paths)
    try:
        if job["kind"] == "bundle":
            secrets = SecretStore(paths.root / "secrets.enc", backend=Keys())
            pairing.set_key(secrets, job["pairing_key"])
            bundle.import_bundles(db, paths, secrets, Path(job["usb"]), allow_mass_delete=True)
        else:
            with server_client.ServerClient(
                db, job["url"], job["token"], page_bytes=int(job["page_bytes"])
            ) as client:
                client.sync(allow_mass_delete=True)
    except CadreError as exc:
        sys.stderr.write(f"crash helper child: {exc.user_message}\n")
        return 3
    finally:
        db.close()
    return 0


def main() -> None:
    import cadre_desk.services.sync.bundle
    import cadre_desk.services.sync.server_client
    import cadre_desk.storage.database
    import cadre_desk.storage.migrate

    # Built once here and inherited by every forked child, as the imports are.
    cadre_desk.services.sync.server_client.verified_tls()
    cadre_desk.storage.migrate.revision_graph()

    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)  # stdout is the protocol
            code = 4
            try:
                code = _child(job)
            except BaseException as exc:
                sys.stderr.write(f"crash helper child failed: {exc!r}\n")
            finally:
                os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
        print(json.dumps({"killed": killed, "code": code}), flush=True)


if __name__ == "__main__":
    main()
