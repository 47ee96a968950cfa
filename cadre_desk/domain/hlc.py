"""Hybrid logical clock (Kulkarni et al. 2014).

A timestamp is packed into one 63-bit integer: 47 bits of wall-clock milliseconds and 16 bits
of logical counter. Packed stamps order exactly as (wall, counter), so the database compares
and indexes them as plain integers. Ties between devices are broken by the device id.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from cadre_desk.domain.errors import ClockSkewError

COUNTER_BITS = 16
COUNTER_MAX = (1 << COUNTER_BITS) - 1
DEFAULT_MAX_DRIFT_MS = 24 * 3600 * 1000 * 7  # a week: beyond this a peer's clock is wrong


def pack(wall_ms: int, counter: int) -> int:
    return (wall_ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    return stamp >> COUNTER_BITS, stamp & COUNTER_MAX


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int

    @property
    def packed(self) -> int:
        return pack(self.wall_ms, self.counter)

    @classmethod
    def from_packed(cls, value: int) -> Stamp:
        return cls(*unpack(value))


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """Monotonic, thread-safe timestamps that stay close to wall-clock time.

    ``now()`` stamps a local event; ``receive()`` merges a stamp seen from another device so
    that every later local stamp orders after it.
    """

    def __init__(
        self,
        last: int = 0,
        physical: Callable[[], int] = wall_clock_ms,
        max_drift_ms: int = DEFAULT_MAX_DRIFT_MS,
    ) -> None:
        self._wall, self._counter = unpack(last)
        self._physical = physical
        self._max_drift_ms = max_drift_ms
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return pack(self._wall, self._counter)

    def now(self) -> int:
        with self._lock:
            physical = self._physical()
            if physical > self._wall:
                self._wall, self._counter = physical, 0
            else:
                self._advance_counter()
            return pack(self._wall, self._counter)

    def receive(self, remote: int) -> int:
        """Merge a remote stamp; refuse one implausibly far in the future."""
        remote_wall, remote_counter = unpack(remote)
        with self._lock:
            physical = self._physical()
            if remote_wall - physical > self._max_drift_ms:
                ahead_h = (remote_wall - physical) / 3_600_000
                raise ClockSkewError(f"对方设备的时间比本机快 {ahead_h:.0f} 小时，超出允许范围。")
            if physical > self._wall and physical > remote_wall:
                self._wall, self._counter = physical, 0
            elif remote_wall > self._wall:
                self._wall, self._counter = remote_wall, remote_counter
                self._advance_counter()
            elif self._wall > remote_wall:
                self._advance_counter()
            else:  # same wall time on both sides
                self._counter = max(self._counter, remote_counter)
                self._advance_counter()
            return pack(self._wall, self._counter)

    def _advance_counter(self) -> None:
        if self._counter >= COUNTER_MAX:
            # Counter exhausted within one millisecond: borrow the next millisecond.
            self._wall += 1
            self._counter = 0
        else:
            self._counter += 1
