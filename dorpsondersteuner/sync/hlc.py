"""Hybrid logical clocks (D3).

An HLC value is (wall time in ms, counter, device id). It never goes backwards on one
device, stays close to real time, and orders any two changes the same way on every
machine, so the server can pick the winner of a conflict deterministically.

Encoded as a fixed-width string that sorts like the value itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from ..clock import now_ms

MAX_AHEAD_MS = 5 * 60 * 1000  # the server clamps values further ahead than this (D3)
_WALL_DIGITS = 15
_COUNTER_DIGITS = 6


def wall_clock_ms() -> int:
    return now_ms()


@dataclass(frozen=True, order=True)
class HLC:
    wall_ms: int
    counter: int
    device_id: uuid.UUID

    def encode(self) -> str:
        wall = f"{self.wall_ms:0{_WALL_DIGITS}d}"
        return f"{wall}-{self.counter:0{_COUNTER_DIGITS}d}-{self.device_id.hex}"

    @classmethod
    def decode(cls, text: str) -> HLC:
        try:
            wall, counter, device = text.split("-")
            if len(wall) != _WALL_DIGITS or len(counter) != _COUNTER_DIGITS:
                raise ValueError
            return cls(int(wall), int(counter), uuid.UUID(hex=device))
        except ValueError:
            raise ValueError(f"not an HLC value: {text!r}") from None


@dataclass
class HybridClock:
    """The clock of one device. ``last`` is persisted by the caller after each use."""

    device_id: uuid.UUID
    last_wall_ms: int = 0
    last_counter: int = 0
    now_ms: Callable[[], int] = wall_clock_ms

    def tick(self) -> HLC:
        """A value for a local change: later than anything this device issued or saw."""
        now = self.now_ms()
        if now > self.last_wall_ms:
            self.last_wall_ms, self.last_counter = now, 0
        else:
            self.last_counter += 1
        return HLC(self.last_wall_ms, self.last_counter, self.device_id)

    def receive(self, remote: HLC) -> None:
        """Move past a value seen from elsewhere (every pull advances the clock, D3)."""
        now = self.now_ms()
        wall = max(now, self.last_wall_ms, remote.wall_ms)
        if wall == self.last_wall_ms == remote.wall_ms:
            counter = max(self.last_counter, remote.counter) + 1
        elif wall == self.last_wall_ms:
            counter = self.last_counter + 1
        elif wall == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        self.last_wall_ms, self.last_counter = wall, counter


def clamp(value: HLC, server_now_ms: int) -> tuple[HLC, bool]:
    """The server's view of a pushed value: one more than 5 minutes ahead of the
    server's clock is pulled back to that limit and flagged, never refused (D3)."""
    limit = server_now_ms + MAX_AHEAD_MS
    if value.wall_ms <= limit:
        return value, False
    return HLC(limit, value.counter, value.device_id), True
