"""One clock (D7): the program, the server and the tests read the time in one place, so
pinning it moves all of them, also the programs the tests start."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dorpsondersteuner import clock

PACKAGE = Path(clock.__file__).parent


def test_a_pinned_clock_starts_at_the_pin_and_runs_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.PINNED_NOW_VARIABLE, "2028-02-29T23:59:59+01:00")
    first = clock.now_utc()
    assert (
        timedelta(0) <= first - datetime(2028, 2, 29, 22, 59, 59, tzinfo=UTC) < timedelta(seconds=5)
    )
    assert clock.today().isoformat() == "2028-02-29"  # the Dutch date, not the UTC one
    assert clock.now_utc() >= first


def test_a_program_started_later_reads_the_same_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.PINNED_NOW_VARIABLE, "2027-03-28T01:59:00+01:00")
    here = clock.now_utc()
    printed = subprocess.run(
        [sys.executable, "-c", "from dorpsondersteuner import clock; print(clock.now_ms())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    there = datetime.fromtimestamp(int(printed) / 1000, UTC)
    assert timedelta(0) <= there - here < timedelta(seconds=30)  # one timeline, not restarted


def test_a_pin_without_an_offset_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(clock.PINNED_NOW_VARIABLE, "2027-01-04T00:30:00")
    with pytest.raises(ValueError, match="offset"):
        clock.now_utc()


# Reading the time outside clock.py, or asking SQL for it, would escape the pin.
_OWN_CLOCK = re.compile(
    r"datetime\.now\(|date\.today\(|time\.time\(|time_ns\("
    r"|CURRENT_DATE|CURRENT_TIMESTAMP|date\('now'|func\.now\(",
    re.IGNORECASE,
)
_ALLOWED = {
    "clock.py",  # the one place
    "register.py",  # a backup's file name records when it was really made
    "ui/app.py",  # start-up timing for the benchmark: the process's real start
}


def test_time_is_read_in_one_place() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}"
        for path in PACKAGE.rglob("*.py")
        if str(path.relative_to(PACKAGE)) not in _ALLOWED
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _OWN_CLOCK.search(line)
    ]
    assert offenders == []
