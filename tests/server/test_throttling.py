"""Failed logins are slowed, then limited per account, with the counters in the database."""

from __future__ import annotations

import math
import time
import uuid
from datetime import UTC, datetime, timedelta

import httpx

from dorpsondersteuner.server import admin, auth, settings
from dorpsondersteuner.server.settings import ThrottlePolicy, load_settings

from .conftest import TEST_THROTTLE, Server, login

FREE = int(TEST_THROTTLE["LOGIN_FREE_FAILURES"])
MAX = int(TEST_THROTTLE["LOGIN_MAX_FAILURES"])
POLICY = ThrottlePolicy(
    free_failures=FREE,
    first_delay=float(TEST_THROTTLE["LOGIN_FIRST_DELAY"]),
    max_delay=float(TEST_THROTTLE["LOGIN_MAX_DELAY"]),
    max_failures=MAX,
)


def _fail_until_locked(client: httpx.Client, username: str) -> list[tuple[int, str]]:
    """Wrong passwords, waiting as told, until the account is locked; the answers seen."""
    answers: list[tuple[int, str]] = []
    for failures in range(MAX):
        time.sleep(POLICY.delay_after(failures))
        answer = login(client, username, "wrong password, but long")
        answers.append((answer.status_code, answer.json()["error"]))
    return answers


def test_failures_are_slowed_then_locked_and_unknown_names_behave_the_same(
    client: httpx.Client, make_user, server: Server
):
    account = make_user()
    ghost = f"ghost{uuid.uuid4().hex[:8]}"
    for name in (account.username, ghost):
        for _ in range(FREE):
            assert login(client, name, "wrong password, but long").status_code == 401
        too_soon = login(client, name, "wrong password, but long")
        assert too_soon.status_code == 429
        assert too_soon.json()["error"] == "too_many_attempts"
        assert int(too_soon.headers["retry-after"]) >= 1

    # Even the right password waits: the attempt is refused before it is checked.
    assert login(client, account.username, account.password).status_code == 429
    time.sleep(POLICY.delay_after(FREE))
    assert login(client, account.username, account.password).status_code == 200  # forgiven

    # From a clean slate, a known and an unknown name see the very same answers.
    other, ghost = make_user(), f"ghost{uuid.uuid4().hex[:8]}"
    seen = {name: _fail_until_locked(client, name) for name in (other.username, ghost)}
    assert seen[other.username] == seen[ghost] == [(401, "invalid_credentials")] * MAX
    for name in (other.username, ghost):
        locked = login(client, name, other.password)
        assert locked.status_code == 429 and "locked" in locked.json()["message"]
        assert int(locked.headers["retry-after"]) > 3000  # until the one-hour window ends
    assert "login refused: too many failed attempts" in server.log()

    with server.transaction() as session:
        admin.unlock(session, other.username)
    assert login(client, other.username, other.password).status_code == 200


def test_counters_live_in_the_database(client: httpx.Client, make_user, server: Server):
    """What one process counted, every process sees: the row is there after failures."""
    from dorpsondersteuner.server.models import LoginThrottle

    account = make_user()
    for _ in range(2):
        login(client, account.username, "wrong password, but long")
    with server.transaction() as session:
        row = session.get(LoginThrottle, account.username)
        assert row is not None and row.failures == 2
    assert login(client, account.username, account.password).status_code == 200
    with server.transaction() as session:
        assert session.get(LoginThrottle, account.username) is None


def test_default_numbers():
    policy = ThrottlePolicy()
    assert (policy.free_failures, policy.max_failures, policy.window) == (5, 20, 3600)
    assert [policy.delay_after(n) for n in range(8)] == [0, 0, 0, 0, 0, 1, 2, 4]
    assert policy.delay_after(40) == settings.MAX_DELAY_SECONDS == 60
    assert policy.worst_case_failures_per_hour() <= settings.ASVS_MAX_FAILURES_PER_HOUR
    assert load_settings({}).throttle == policy


def test_an_attacker_waiting_as_told_gets_at_most_100_tries_an_hour():
    """Simulate the default policy over three hours of attempts made as soon as allowed."""
    policy = ThrottlePolicy()
    start = now = datetime(2026, 1, 1, tzinfo=UTC)
    failures, window_start, last = 0, None, None
    attempts: list[datetime] = []
    while now < start + timedelta(hours=3):
        decision = auth.decide(policy, now, failures, window_start, last)
        if decision.allowed:
            attempts.append(now)
            failures, window_start, last = decision.failures, decision.window_started_at, now
            continue
        now += timedelta(seconds=max(decision.retry_after, 0.001))
    hour = timedelta(hours=1)
    worst = max(sum(1 for t in attempts if first <= t < first + hour) for first in attempts)
    assert worst <= settings.ASVS_MAX_FAILURES_PER_HOUR
    assert worst <= policy.worst_case_failures_per_hour()
    assert len(attempts) >= 3 * policy.max_failures  # slowed, not shut for good
    assert math.isclose((attempts[5] - attempts[4]).total_seconds(), 1.0)  # first wait


def test_parallel_guesses_cannot_slip_past_the_counter(client: httpx.Client, make_user):
    """Attempts are counted before the password is checked, with a compare-and-set."""
    from concurrent.futures import ThreadPoolExecutor

    account = make_user()

    def guess(_: int) -> int:
        with httpx.Client(base_url=str(client.base_url), timeout=30) as own:
            return login(own, account.username, "wrong password, but long").status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = sorted(pool.map(guess, range(10)))
    assert answers == [401] * FREE + [429] * (10 - FREE)
