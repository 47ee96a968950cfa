"""A parse worker process: feed documents in on stdin, item rows out on stdout.

Started by ``parse_pool`` as ``python -m cadre_desk.sources.parse_worker``: a fresh interpreter
that imports the parsers and nothing of the app. Each message is an 8-byte big-endian length
and a pickle: a job ``(body, url, headers, fetched_ms)`` in, ``("ok", (rows, notice))`` or
``("error", exception)`` out, in order. End of input (the refresh closed the pipe, or died) ends
the worker: nothing outlives the process that started it.
"""

from __future__ import annotations

import pickle
import sys
from typing import Any, BinaryIO

LENGTH_BYTES = 8


def read_message(stream: BinaryIO) -> Any | None:
    """The next message, or None at end of input."""
    header = stream.read(LENGTH_BYTES)
    if len(header) < LENGTH_BYTES:
        return None
    size = int.from_bytes(header, "big")
    payload = stream.read(size)
    if len(payload) < size:
        return None
    return pickle.loads(payload)


def frame(message: Any) -> bytes:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return len(payload).to_bytes(LENGTH_BYTES, "big") + payload


def _answer(job: tuple[bytes, str, dict[str, str], int]) -> bytes:
    from cadre_desk.sources.feed_rows import feed_rows

    try:
        return frame(("ok", feed_rows(*job)))
    except Exception as exc:  # handed back: the refresh records it as that source's failure
        try:
            return frame(("error", exc))
        except Exception:  # an exception that cannot be pickled still reaches the refresh
            return frame(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


def serve(source: BinaryIO, sink: BinaryIO) -> None:
    while (job := read_message(source)) is not None:
        sink.write(_answer(job))
        sink.flush()


if __name__ == "__main__":
    # The parsers are imported before the first document: a worker started early (``cadre-desk
    # fetch`` starts one while it opens the profile) is ready by the time documents arrive.
    # feedparser's package start-up (urllib.request, ssl, email: ~8 MB) waits for the first
    # document the fast path declines.
    from cadre_desk.sources.feedparser_parts import defer_package_init

    defer_package_init()
    import cadre_desk.sources.feed_rows  # noqa: F401

    try:
        serve(sys.stdin.buffer, sys.stdout.buffer)
    except (BrokenPipeError, KeyboardInterrupt):  # the refresh went away: nothing to answer
        pass
