"""Time as the domain sees it (D7): instants in UTC; calendar facts in Europe/Amsterdam.

Every part of the program (core, desktop app, server, the hybrid logical clock) reads
the time here, never from the database or ``datetime.now``, so one setting moves it:
``DORPSONDERSTEUNER_NOW`` (an ISO 8601 instant with its offset) starts the program's
clock at that instant, and it runs on from there. The tests pin it so that they pass
on any day, and set it to chosen days (a leap day, a DST change) to prove it.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

PINNED_NOW_VARIABLE = "DORPSONDERSTEUNER_NOW"


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with its offset, e.g. ``2026-12-31T09:00:00+01:00``."""
    instant = datetime.fromisoformat(text.strip())
    if instant.tzinfo is None:
        raise ValueError(f"{PINNED_NOW_VARIABLE} needs an offset or Z: {text!r}")
    return instant.astimezone(UTC)


class _Clock:
    """The real clock, or one started at a pinned instant that then runs in real time
    (timers, ordering and expiry keep working).

    The pin is kept as ``instant@anchor``: the real time (epoch seconds) at which the
    clock read that instant. A pin without an anchor is anchored at its first reading
    and written back to the environment, so the programs this one starts (the desktop
    app in a subprocess, the server) share one timeline instead of each starting over.
    """

    def __init__(self) -> None:
        self._text: str | None = None
        self._offset: timedelta | None = None

    def now(self) -> datetime:
        text = os.environ.get(PINNED_NOW_VARIABLE) or None
        if text != self._text:  # read again when a test or the caller moves it
            self._offset = None if text is None else self._anchored_offset(text)
            self._text = os.environ.get(PINNED_NOW_VARIABLE) or None
        real = datetime.now(UTC)
        return real if self._offset is None else real + self._offset

    @staticmethod
    def _anchored_offset(text: str) -> timedelta:
        instant_text, _, anchor_text = text.partition("@")
        instant = parse_instant(instant_text)
        if anchor_text:
            anchor = datetime.fromtimestamp(float(anchor_text), UTC)
        else:
            anchor = datetime.now(UTC)
            os.environ[PINNED_NOW_VARIABLE] = f"{instant_text.strip()}@{anchor.timestamp()}"
        return instant - anchor


_CLOCK = _Clock()


def now_utc() -> datetime:
    return _CLOCK.now()


def now_ms() -> int:
    """Milliseconds since the epoch: the wall part of the hybrid logical clock."""
    return int(now_utc().timestamp() * 1000)


def local_date(instant: datetime) -> date:
    """The calendar date of an instant in the Netherlands."""
    return instant.astimezone(AMSTERDAM).date()


def today() -> date:
    return local_date(now_utc())
