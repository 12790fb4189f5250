"""Time as the domain sees it (D7): instants in UTC; calendar facts in Europe/Amsterdam."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def now_utc() -> datetime:
    return datetime.now(UTC)


def local_date(instant: datetime) -> date:
    """The calendar date of an instant in the Netherlands."""
    return instant.astimezone(AMSTERDAM).date()


def today() -> date:
    return local_date(now_utc())
