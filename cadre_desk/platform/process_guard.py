"""Worker processes that exit when the process that started them dies.

A ``forkserver`` pool's workers are children of the fork server, not of the app, so neither a
parent-death signal (``PR_SET_PDEATHSIG`` fires on the death of the direct parent) nor a
broken pipe tells them that the app was killed: they waited for work forever, and kept the
fork server and the resource tracker alive with them (the fork server exits once every
holder of its "alive" pipe is gone, the tracker once every holder of its pipe is gone).

So each worker watches the app itself: a daemon thread waits on a pidfd of the app (Linux:
readable the moment it exits, no polling, immune to pid reuse) or, elsewhere, checks once a
second, and ends the worker with ``os._exit`` when the app is gone.
"""

from __future__ import annotations

import os
import select
import sys
import threading
import time

POLL_SECONDS = 1.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # POSIX only: on Windows os.kill would terminate the process
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(pid: int, pidfd: int | None) -> None:
    if pidfd is not None:
        select.select([pidfd], [], [])
    else:
        while _alive(pid):
            time.sleep(POLL_SECONDS)
    os._exit(1)


def exit_with(pid: int) -> None:
    """Pool initializer: end this worker as soon as process ``pid`` has exited."""
    if sys.platform == "win32":  # pragma: no cover - spawn workers; os.kill(pid, 0) would kill
        return
    pidfd: int | None = None
    pidfd_open = getattr(os, "pidfd_open", None)
    if pidfd_open is not None:
        try:
            pidfd = pidfd_open(pid)
        except ProcessLookupError:
            os._exit(1)  # already gone before this worker started
        except OSError:  # e.g. a kernel before 5.3: poll instead
            pidfd = None
    threading.Thread(target=_watch, args=(pid, pidfd), name="exit-with-parent", daemon=True).start()
