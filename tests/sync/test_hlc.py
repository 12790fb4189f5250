"""The hybrid logical clock (D3)."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dorpsondersteuner.sync.hlc import HLC, MAX_AHEAD_MS, HybridClock, clamp

DEVICE_A = uuid.UUID(int=1)
DEVICE_B = uuid.UUID(int=2)


class FakeWall:
    """A wall clock the test moves by hand, backwards too (laptops' clocks do)."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_ticks_increase_even_when_the_wall_clock_stands_still_or_goes_back():
    wall = FakeWall(1_000)
    clock = HybridClock(DEVICE_A, now_ms=wall)
    first = clock.tick()
    second = clock.tick()
    wall.ms = 500  # the user set the clock back
    third = clock.tick()
    assert first < second < third
    assert third.wall_ms == 1_000


def test_receiving_a_value_from_the_future_moves_the_clock_past_it():
    clock = HybridClock(DEVICE_A, now_ms=FakeWall(1_000))
    remote = HLC(5_000, 7, DEVICE_B)
    clock.receive(remote)
    assert clock.tick() > remote


def test_encoding_sorts_like_the_values_and_round_trips():
    values = [
        HLC(1, 0, DEVICE_B),
        HLC(1, 1, DEVICE_A),
        HLC(2, 0, DEVICE_A),
        HLC(10**13, 3, DEVICE_A),
    ]
    assert sorted(v.encode() for v in values) == [v.encode() for v in sorted(values)]
    assert [HLC.decode(v.encode()) for v in values] == values


def test_decoding_garbage_is_a_clear_error():
    with pytest.raises(ValueError, match="not an HLC value"):
        HLC.decode("yesterday")


def test_the_server_clamps_a_value_far_ahead_and_flags_it():
    now = 1_000_000
    near = HLC(now + MAX_AHEAD_MS, 0, DEVICE_A)
    far = HLC(now + MAX_AHEAD_MS + 1, 4, DEVICE_A)
    assert clamp(near, now) == (near, False)
    clamped, flagged = clamp(far, now)
    assert flagged and clamped.wall_ms == now + MAX_AHEAD_MS and clamped.counter == 4


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10_000), st.integers(0, 50)), max_size=60))
def test_a_device_never_issues_a_value_twice_or_out_of_order(events):
    wall = FakeWall(0)
    clock = HybridClock(DEVICE_A, now_ms=wall)
    issued: list[HLC] = []
    for is_receive, ms, counter in events:
        wall.ms = ms
        if is_receive:
            clock.receive(HLC(ms + 7, counter, DEVICE_B))
        else:
            issued.append(clock.tick())
    assert issued == sorted(set(issued))
