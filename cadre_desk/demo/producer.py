"""Where the demo's items are generated: in this process, or in a child process for large runs.

Generating an item is pure Python (~20 µs); writing it is mostly SQLite, which releases the GIL
only while a statement steps. In one process the generator thread and the writer thread took
turns on the GIL: at 1M items ~20 s of generation and ~26 s of writing barely overlapped. A
child process generates instead and streams ready chunks of rows (plain tuples, pickled) through a pipe,
so the parent's writer and the generator each have a core.

The child starts from the parent's random state and hands back its final state, the outcome
(ground truth, per-source counts) and its clock, so the profile is the same row for row as one
generated in-process (tests/demo/test_producer.py) and the caller goes on as if it had run here.
"""

from __future__ import annotations

import functools
import multiprocessing
import pickle
import queue
import random
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

from cadre_desk.demo.catalogue import SourceSpec
from cadre_desk.demo.items import ItemGenerator, ItemsOutcome
from cadre_desk.demo.pools import build_pools
from cadre_desk.domain.hlc import HybridLogicalClock

# From this many items a child process generates them: below, starting an interpreter (~0.3-0.5 s
# of imports) costs more than the overlap gains.
CHILD_MIN_ITEMS = 20_000
_QUEUE_CHUNKS = 3  # chunks generated ahead of the pipe (~5 MB each at most)
_POLL_SECONDS = 2.0
_ROWS, _DONE, _ERROR = b"r", b"d", b"e"  # first byte of each message

Rows = list[tuple[object, ...]]


def _same(rows: Rows) -> Rows:
    return rows


@dataclass(frozen=True)
class ItemsJob:
    """Everything the generator needs, picklable (the child is spawned, not forked)."""

    rng_state: Any
    specs: tuple[SourceSpec, ...]
    source_ids: dict[str, str]
    track: frozenset[str]
    items: int
    days: int
    now: datetime
    large: bool
    device_id: str
    clock_last: int


@dataclass(frozen=True)
class _Finished:
    outcome: ItemsOutcome
    rng_state: Any
    clock_last: int


def _generator(job: ItemsJob, rng: random.Random, stamp: Any) -> ItemGenerator:
    pools = build_pools(rng, job.now.year)
    return ItemGenerator(stamp, job.device_id, rng, job.specs, job.source_ids, pools, set(job.track))


def _produce(job: ItemsJob, pipe: Connection) -> None:
    """The child's work: every chunk pickled into ``pipe``, then what the parent needs to go on.

    A sender thread writes while this thread generates the next chunk (a write blocks until the
    parent reads; it holds the GIL only between system calls)."""
    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=_QUEUE_CHUNKS)

    def send() -> None:
        while (data := outbox.get()) is not None:
            pipe.send_bytes(data)

    sender = threading.Thread(target=send, name="demo-items-sender", daemon=True)
    sender.start()
    try:
        rng = random.Random()
        rng.setstate(job.rng_state)
        clock = HybridLogicalClock(last=job.clock_last)
        generator = _generator(job, rng, clock.now)
        for rows in generator.chunks(job.items, job.days, job.now, job.large):
            outbox.put(_ROWS + pickle.dumps(rows, pickle.HIGHEST_PROTOCOL))
        finished = _Finished(generator.outcome, rng.getstate(), clock.last)
        outbox.put(_DONE + pickle.dumps(finished, pickle.HIGHEST_PROTOCOL))
    except BaseException:
        outbox.put(_ERROR + traceback.format_exc().encode())
    outbox.put(None)
    sender.join()
    pipe.close()


def use_child_process(items: int) -> bool:
    # A frozen (PyInstaller) app cannot spawn interpreters without freeze_support.
    return items >= CHILD_MIN_ITEMS and not getattr(sys, "frozen", False)


class ItemsProducer:
    """Rows of the demo's items, chunk by chunk; afterwards ``finish`` gives the outcome and
    leaves ``rng`` and ``clock`` where generating in this process would have left them."""

    def __init__(
        self, job: ItemsJob, rng: random.Random, clock: HybridLogicalClock, *, in_child: bool
    ) -> None:
        self._job = job
        self._rng = rng
        self._clock = clock
        self._local: ItemGenerator | None = None
        self._process: Any = None
        self._pipe: Any = None
        self._finished: _Finished | None = None
        if in_child:
            # "spawn": forking a process that runs Qt or SQLite threads is unsafe.
            context = multiprocessing.get_context("spawn")
            self._pipe, child_end = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_produce, args=(job, child_end), name="cadre-demo-items", daemon=True
            )
            self._process.start()
            child_end.close()  # the child's copy stays open: EOF here when the child is gone
        else:
            self._local = _generator(job, rng, clock.now)

    def chunks(self) -> Iterator[Callable[[], Rows]]:
        """Each chunk as a call that gives its rows: from a child, the rows are unpickled by
        whoever calls it (the writer thread), so this thread holds the GIL for no long stretch
        while the writer binds rows between SQLite steps."""
        if self._local is not None:
            for rows in self._local.chunks(self._job.items, self._job.days, self._job.now, self._job.large):
                yield functools.partial(_same, rows)
            return
        while True:
            if not self._pipe.poll(_POLL_SECONDS):
                if not self._process.is_alive() and not self._pipe.poll(0):
                    raise RuntimeError(
                        f"demo item generator exited without a result (exit code {self._process.exitcode})"
                    )
                continue
            data = self._pipe.recv_bytes()
            kind, payload = data[:1], memoryview(data)[1:]
            if kind == _ROWS:
                yield functools.partial(pickle.loads, payload)
            elif kind == _DONE:
                self._finished = pickle.loads(payload)
                return
            else:
                raise RuntimeError(f"demo item generator failed in its process:\n{bytes(payload).decode()}")

    def finish(self) -> ItemsOutcome:
        """After ``chunks`` ran out: the outcome; the random state and clock follow the child's."""
        if self._local is not None:
            return self._local.outcome
        finished = self._finished
        assert finished is not None, "finish() before every chunk was read"
        self._rng.setstate(finished.rng_state)
        self._clock.receive(finished.clock_last)
        self.close()
        return finished.outcome

    def close(self) -> None:
        """Stop the child if it still runs (after an error); idempotent."""
        if self._process is None:
            return
        if self._process.is_alive() and self._finished is None:
            self._process.terminate()
        self._process.join(timeout=30)
        self._pipe.close()
        self._process = None
