from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_desk.domain.errors import ClockSkewError
from cadre_desk.domain.hlc import COUNTER_MAX, HybridLogicalClock, Stamp, pack, unpack


class FakeWall:
    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def test_pack_orders_like_tuples() -> None:
    assert pack(10, 5) < pack(10, 6) < pack(11, 0)
    assert unpack(pack(1_795_000_000_000, 42)) == (1_795_000_000_000, 42)
    assert Stamp.from_packed(pack(7, 3)) == Stamp(7, 3)


def test_now_is_strictly_monotonic_when_wall_clock_stands_still() -> None:
    wall = FakeWall(1000)
    clock = HybridLogicalClock(physical=wall)
    stamps = [clock.now() for _ in range(5)]
    assert stamps == sorted(set(stamps))
    assert unpack(stamps[-1]) == (1000, 4)


def test_now_survives_wall_clock_going_backwards() -> None:
    wall = FakeWall(5000)
    clock = HybridLogicalClock(physical=wall)
    first = clock.now()
    wall.now = 1000  # NTP correction or a user changing the clock
    second = clock.now()
    assert second > first
    assert unpack(second)[0] == 5000


def test_counter_overflow_borrows_next_millisecond() -> None:
    wall = FakeWall(1000)
    clock = HybridLogicalClock(last=pack(1000, COUNTER_MAX), physical=wall)
    assert unpack(clock.now()) == (1001, 0)


def test_receive_moves_past_remote_stamp() -> None:
    wall = FakeWall(1000)
    clock = HybridLogicalClock(physical=wall)
    remote = pack(2000, 7)  # a peer slightly ahead
    merged = clock.receive(remote)
    assert merged > remote
    assert clock.now() > merged


def test_receive_same_wall_takes_max_counter() -> None:
    wall = FakeWall(100)
    clock = HybridLogicalClock(last=pack(3000, 2), physical=wall)
    assert unpack(clock.receive(pack(3000, 9))) == (3000, 10)


def test_receive_older_remote_still_advances() -> None:
    wall = FakeWall(100)
    clock = HybridLogicalClock(last=pack(3000, 2), physical=wall)
    assert unpack(clock.receive(pack(1000, 50))) == (3000, 3)


def test_receive_refuses_stamp_far_in_the_future() -> None:
    wall = FakeWall(1_000_000)
    clock = HybridLogicalClock(physical=wall, max_drift_ms=60_000)
    before = clock.last
    with pytest.raises(ClockSkewError) as info:
        clock.receive(pack(1_000_000 + 3_600_000, 0))
    assert "小时" in info.value.user_message
    assert clock.last == before  # a refused stamp leaves the clock alone


def test_skew_within_tolerance_is_accepted() -> None:
    wall = FakeWall(1_000_000)
    clock = HybridLogicalClock(physical=wall)  # default tolerance: a week
    one_day = 24 * 3_600_000
    assert unpack(clock.receive(pack(1_000_000 + one_day, 0)))[0] == 1_000_000 + one_day


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10_000), st.integers(0, 20)), max_size=60))
def test_any_sequence_of_events_is_monotonic(events: list[tuple[bool, int, int]]) -> None:
    wall = FakeWall(5_000)
    clock = HybridLogicalClock(physical=wall)
    previous = clock.last
    for is_receive, wall_ms, counter in events:
        wall.now = wall_ms
        stamp = clock.receive(pack(wall_ms + 10, counter)) if is_receive else clock.now()
        assert stamp > previous
        previous = stamp
