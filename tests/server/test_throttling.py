"""Failed logins are slowed, then limited, per account, per device, per client address
and in total, with the counters in the database; a correct login never counts.

The server answers on 127.0.0.1; a test that needs a client address of its own connects
from another loopback address (127.x.y.z), so its failures never slow the other tests.
"""

from __future__ import annotations

import math
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import func, select

from dorpsondersteuner.models.base import utcnow
from dorpsondersteuner.server import admin, auth, settings
from dorpsondersteuner.server.models import DeviceToken, LoginThrottle
from dorpsondersteuner.server.settings import PasswordHashing, ThrottlePolicy, load_settings

from .conftest import TEST_THROTTLE, Server, bearer, login

FREE = int(TEST_THROTTLE["LOGIN_FREE_FAILURES"])
MAX = int(TEST_THROTTLE["LOGIN_MAX_FAILURES"])
POLICY = ThrottlePolicy(
    free_failures=FREE,
    first_delay=float(TEST_THROTTLE["LOGIN_FIRST_DELAY"]),
    max_delay=float(TEST_THROTTLE["LOGIN_MAX_DELAY"]),
    max_failures=MAX,
)
WRONG = "wrong password, but long"


def new_address() -> str:
    """A loopback address no other test uses (127.0.0.1 is the shared one)."""
    return f"127.{random.randrange(1, 255)}.{random.randrange(256)}.{random.randrange(2, 255)}"


def client_from(server: Server, address: str | None = None) -> httpx.Client:
    """A client whose connections come from ``address`` (default: a new one)."""
    transport = httpx.HTTPTransport(local_address=address or new_address())
    return httpx.Client(base_url=server.url, timeout=30, transport=transport)


@pytest.fixture
def elsewhere(server: Server) -> Iterator[httpx.Client]:
    with client_from(server) as http:
        yield http


def _fail_until_locked(client: httpx.Client, username: str) -> list[tuple[int, str]]:
    """Wrong passwords, waiting as told, until the account is locked; the answers seen."""
    answers: list[tuple[int, str]] = []
    for failures in range(MAX):
        time.sleep(POLICY.delay_after(failures))
        answer = login(client, username, WRONG)
        answers.append((answer.status_code, answer.json()["error"]))
    return answers


def _fail_then_try(
    client: httpx.Client, name: str, password: str, device: uuid.UUID | None = None
) -> httpx.Response | None:
    """FREE failures, then at once one more attempt: its answer, or None when this
    machine was too busy to make it within the wait (then it proves nothing)."""
    for _ in range(FREE):
        assert login(client, name, WRONG, device).status_code == 401
    failed_at = time.monotonic()
    answer = login(client, name, password, device)
    if answer.status_code != 429 and time.monotonic() - failed_at >= POLICY.delay_after(FREE):
        return None
    return answer


def _rows(server: Server, prefix: str) -> list[LoginThrottle]:
    with server.transaction() as session:
        return list(
            session.scalars(select(LoginThrottle).where(LoginThrottle.key.startswith(prefix)))
        )


def test_failures_are_slowed_then_locked_and_unknown_names_behave_the_same(
    make_user, server: Server
):
    account = make_user()
    ghost = f"ghost{uuid.uuid4().hex[:8]}"
    for name, password in ((account.username, account.password), (ghost, WRONG)):
        with client_from(server) as client:
            # Even the right password waits: the attempt is refused before it is checked.
            too_soon = _fail_then_try(client, name, password)
            if too_soon is not None:
                assert too_soon.status_code == 429
                assert too_soon.json()["error"] == "too_many_attempts"
                assert "this account" in too_soon.json()["message"]
                assert int(too_soon.headers["retry-after"]) >= 1

    with client_from(server) as client:
        time.sleep(POLICY.delay_after(FREE))
        assert login(client, account.username, account.password).status_code == 200  # forgiven
        assert _rows(server, auth.account_key(account.username)) == []

    # From a clean slate, a known and an unknown name see the very same answers.
    other, ghost = make_user(), f"ghost{uuid.uuid4().hex[:8]}"
    seen = {}
    for name in (other.username, ghost):
        with client_from(server) as client:
            seen[name] = _fail_until_locked(client, name)
    assert seen[other.username] == seen[ghost] == [(401, "invalid_credentials")] * MAX
    with client_from(server) as client:
        for name in (other.username, ghost):
            locked = login(client, name, other.password)
            assert locked.status_code == 429 and "locked" in locked.json()["message"]
            assert int(locked.headers["retry-after"]) > 3000  # until the one-hour window ends

        with server.transaction() as session:
            admin.unlock(session, other.username)
        assert login(client, other.username, other.password).status_code == 200


def test_every_refused_login_is_logged_with_the_account_and_the_reason(
    make_user, server: Server, elsewhere: httpx.Client
):
    account = make_user()
    _fail_until_locked(elsewhere, account.username)
    assert login(elsewhere, account.username, account.password).status_code == 429
    log = server.log()
    assert f"login failed: user {account.username}: wrong password" in log
    reason = "the account is locked after too many failed logins"
    assert f"login refused: user {account.username}: {reason}" in log
    # A name that is no account is logged as such, never as typed (it may be a password).
    ghost = f"ghost{uuid.uuid4().hex[:8]}"
    login(elsewhere, ghost, WRONG)
    assert "login failed: unknown username: no such user; device" in server.log()
    assert ghost not in server.log()


def test_counters_live_in_the_database(make_user, server: Server):
    """What one process counted, every process sees; a correct login takes its own
    attempt back and clears the account's, but not the shared address's."""
    account = make_user()
    address = new_address()
    elsewhere = client_from(server, address)
    for _ in range(2):
        login(elsewhere, account.username, WRONG)
    with server.transaction() as session:
        row = session.get(LoginThrottle, auth.account_key(account.username))
        assert row is not None and (row.failures, row.pending) == (2, 0)
        assert row.expires_at == row.window_started_at + timedelta(hours=1)
        by_address = session.get(LoginThrottle, auth.address_key(address))
        assert by_address is not None and by_address.failures == 2
    assert login(elsewhere, account.username, account.password).status_code == 200
    with server.transaction() as session:
        assert session.get(LoginThrottle, auth.account_key(account.username)) is None
        by_address = session.get(LoginThrottle, auth.address_key(address))
        assert by_address is not None and (by_address.failures, by_address.pending) == (2, 0)
    elsewhere.close()


def test_default_numbers():
    policy = ThrottlePolicy()
    assert (policy.free_failures, policy.max_failures, policy.window) == (5, 20, 3600)
    assert [policy.delay_after(n) for n in range(8)] == [0, 0, 0, 0, 0, 1, 2, 4]
    assert policy.delay_after(40) == settings.MAX_DELAY_SECONDS == 60
    assert policy.worst_case_failures_per_hour() <= settings.ASVS_MAX_FAILURES_PER_HOUR
    loaded = load_settings({})
    assert loaded.throttle == policy
    # Every route into one account together: still within ASVS in any hour.
    ceiling = ThrottlePolicy(
        free_failures=loaded.account_ceiling, max_failures=loaded.account_ceiling
    )
    assert ceiling.worst_case_failures_per_hour() <= settings.ASVS_MAX_FAILURES_PER_HOUR
    assert loaded.account_ceiling > policy.max_failures  # elsewhere alone never reaches it
    address, total = loaded.address_throttle, loaded.total_throttle
    assert (address.free_failures, address.max_failures) == (20, 100)
    assert (total.free_failures, total.max_delay) == (200, 1.0)
    # The total allows at most about one failure a second after its free ones, so an
    # hour never reaches its backstop; each failure makes at most two counter rows.
    assert total.free_failures + total.window / total.max_delay < total.max_failures
    hashing = loaded.hashing
    assert 1 <= hashing.workers <= settings.usable_cores()
    assert hashing.waiting == 8 * hashing.workers
    custom = load_settings(
        {
            settings.ENV_PREFIX + "HASH_WORKERS": "3",
            settings.ENV_PREFIX + "LOGIN_ADDRESS_FREE_FAILURES": "7",
        }
    )
    assert (custom.hashing.workers, custom.hashing.waiting) == (3, 24)
    assert custom.address_throttle.free_failures == 7
    with pytest.raises(ValueError, match="CEILING"):
        load_settings({settings.ENV_PREFIX + "LOGIN_ACCOUNT_CEILING": "3"})


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


def test_client_addresses_are_counted_per_ipv4_address_or_ipv6_64():
    assert auth.address_key("192.0.2.7") == "address:192.0.2.7"
    assert auth.address_key("::ffff:192.0.2.7") == "address:192.0.2.7"
    same = {auth.address_key("2001:db8:1:2::1"), auth.address_key("2001:db8:1:2:ffff::9")}
    assert same == {"address:2001:db8:1:2::/64"}
    assert auth.address_key("2001:db8:1:3::1") != auth.address_key("2001:db8:1:2::1")
    assert auth.address_key("unknown") == "address:unknown"


def test_attempts_being_checked_hold_their_slot_until_they_end():
    """Pure: an attempt waits for attempts in flight, is refused by real failures, and
    a lost attempt (its process stopped) stops holding others up after a while."""
    gate = auth.Gate("account:x", POLICY, auth.Scope.ACCOUNT, forgive=True)
    now = datetime(2026, 1, 1, tzinfo=UTC)

    def row(failures: int, pending: int, last: datetime = now) -> LoginThrottle:
        return LoginThrottle(
            key="account:x",
            failures=failures,
            pending=pending,
            window_started_at=now - timedelta(minutes=5),
            last_attempt_at=last,
            expires_at=now + timedelta(hours=1),
        )

    assert auth.check_gate(gate, None, now).verdict is auth.Verdict.ALLOWED
    assert auth.check_gate(gate, row(FREE - 1, 0), now).verdict is auth.Verdict.ALLOWED
    assert auth.check_gate(gate, row(FREE, FREE), now).verdict is auth.Verdict.IN_FLIGHT
    assert auth.check_gate(gate, row(FREE, 0), now).verdict is auth.Verdict.REFUSED
    assert auth.check_gate(gate, row(MAX, MAX), now).verdict is auth.Verdict.IN_FLIGHT
    # On a shared counter (here an address) nobody waits: come back in a second.
    shared = auth.Gate("address:x", POLICY, auth.Scope.ADDRESS, forgive=False)
    busy = auth.check_gate(shared, row(FREE, FREE), now)
    assert busy.verdict is auth.Verdict.REFUSED and busy.decision.retry_after == 1.0
    lost = row(MAX, MAX, last=now - auth.PENDING_TTL)
    assert auth.check_gate(gate, lost, now).verdict is auth.Verdict.REFUSED  # counted, not awaited


def test_parallel_guesses_cannot_slip_past_the_counter(make_user, server: Server):
    """Attempts are counted before the password is checked, under a row lock: with one
    failure left before the lock, ten guesses at once get exactly one try."""
    account = make_user()
    address = new_address()
    with client_from(server, address) as client:
        for failures in range(MAX - 1):
            time.sleep(POLICY.delay_after(failures))
            assert login(client, account.username, WRONG).status_code == 401
    time.sleep(POLICY.delay_after(MAX - 1))

    def guess(_: int) -> int:
        with client_from(server, address) as own:
            return login(own, account.username, WRONG).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = sorted(pool.map(guess, range(10)))
    assert answers == [401] + [429] * 9


def test_concurrent_correct_logins_of_one_device_all_succeed(make_user, server: Server):
    """Eight at once, on a new device and then on the registered one: a correct login is
    never counted as a failure, and those still being checked only make others wait."""
    account = make_user()
    address = new_address()
    device = uuid.uuid4()

    def sign_in(_: int) -> int:
        with client_from(server, address) as own:
            return login(own, account.username, account.password, device).status_code

    for _ in range(2):  # first as a new device, then as the registered one
        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(sign_in, range(8))) == [200] * 8
    with server.transaction() as session:
        live = session.scalar(
            select(func.count())
            .select_from(DeviceToken)
            .where(DeviceToken.user_id == account.user_id, DeviceToken.revoked_at.is_(None))
        )
    assert live == 1  # one live token per device, however many logins raced
    assert _rows(server, auth.account_key(account.username)) == []
    assert _rows(server, auth.device_key(device)) == []


def test_guesses_from_elsewhere_do_not_keep_the_owner_out(make_user, server: Server):
    """Twenty wrong guesses from another address and other device ids lock the name for
    new devices, but the owner's registered laptop with the right password gets in,
    even from the attacker's address (one office, one NAT address)."""
    owner = make_user()
    laptop = uuid.uuid4()
    attacker = new_address()
    with client_from(server) as home:
        first = login(home, owner.username, owner.password, laptop)
        assert first.status_code == 200
    with client_from(server, attacker) as client:
        answers = []
        for guess in range(20):
            time.sleep(POLICY.delay_after(guess) if guess < MAX else 0)
            answers.append(login(client, owner.username, WRONG).status_code)
        assert answers.count(401) == MAX and answers[MAX:] == [429] * (20 - MAX)
        locked = login(client, owner.username, owner.password)  # a new device
        assert locked.status_code == 429 and "locked" in locked.json()["message"]

    for place in (attacker, new_address()):
        with client_from(server, place) as client:
            again = login(client, owner.username, owner.password, laptop)
            assert again.status_code == 200, again.text
            assert again.json()["device"] == first.json()["device"]
            assert client.get("/me", headers=bearer(again.json()["token"])).status_code == 200
    assert f"user {owner.username}: the account is locked" in server.log()

    # The laptop is no free pass for guessing: its own counter slows wrong passwords.
    with client_from(server) as client:
        on_laptop = _fail_then_try(client, owner.username, WRONG, laptop)
        assert on_laptop is None or on_laptop.status_code == 429
        # ...and the owner's later success clears only the laptop's own typos.
        time.sleep(POLICY.delay_after(FREE))
        assert login(client, owner.username, owner.password, laptop).status_code == 200
        assert login(client, owner.username, owner.password).status_code == 429  # still locked


def test_a_flood_of_made_up_names_is_slowed_per_address_and_others_are_served(
    make_user, server: Server, client: httpx.Client
):
    """Made-up names never meet an account's counter twice, so their address's counter
    slows them; meanwhile a signed-in user and another address's login are served, and
    the refused attempts leave no counter rows behind."""
    address_policy = load_settings({}).address_throttle  # the server's own (the default)
    flood_address = new_address()
    prefix = f"flood{uuid.uuid4().hex[:6]}"
    reader, latecomer = make_user(), make_user()
    token = login(client, reader.username, reader.password).json()["token"]
    stop = threading.Event()
    seen: Counter[int] = Counter()
    lock = threading.Lock()

    def flood(_: int) -> None:
        with client_from(server, flood_address) as own:
            while not stop.is_set():
                status = login(own, f"{prefix}{uuid.uuid4().hex[:10]}", WRONG).status_code
                with lock:
                    seen[status] += 1

    me_latency: list[float] = []
    with ThreadPoolExecutor(max_workers=8) as pool:
        started = time.monotonic()
        floods = [pool.submit(flood, n) for n in range(8)]
        while time.monotonic() - started < 2.5:
            before = time.perf_counter()
            assert client.get("/me", headers=bearer(token)).status_code == 200
            me_latency.append(time.perf_counter() - before)
            time.sleep(0.02)
        with client_from(server) as other_place:
            other = login(other_place, latecomer.username, latecomer.password)
        stop.set()
        for done in floods:
            done.result()
        lasted = time.monotonic() - started

    assert other.status_code == 200, other.text
    assert set(seen) <= {401, 429}
    # The free failures, then one after each wait the policy sets (1 s, 2 s, 4 s …).
    allowed, waited = address_policy.free_failures, 0.0
    while waited + address_policy.delay_after(allowed) <= lasted:
        waited += address_policy.delay_after(allowed)
        allowed += 1
    assert address_policy.free_failures <= seen[401] <= allowed
    assert seen[429] > seen[401]  # and the rest was answered at once, without a hash
    assert sorted(me_latency)[len(me_latency) // 2] < 1.0
    # Only counted (allowed) attempts made rows: the table grows with the limit, not
    # with the flood.
    assert len(_rows(server, auth.account_key(prefix))) == seen[401]
    assert "login refused: unknown username: too many failed logins for the client address" in (
        server.log()
    )


def test_old_counter_rows_expire(server: Server, elsewhere: httpx.Client):
    """Rows whose window ended are deleted at the next failure, whoever it is."""
    stale = f"account:stale{uuid.uuid4().hex[:6]}"
    long_ago = utcnow() - timedelta(hours=2)
    with server.transaction() as session:
        for n in range(30):
            session.add(
                LoginThrottle(
                    key=f"{stale}{n}",
                    failures=3,
                    pending=0,
                    window_started_at=long_ago,
                    last_attempt_at=long_ago,
                    expires_at=long_ago + timedelta(hours=1),
                )
            )
    assert len(_rows(server, stale)) == 30
    assert login(elsewhere, f"someone{uuid.uuid4().hex[:6]}", WRONG).status_code == 401
    assert _rows(server, stale) == []
    with server.transaction() as session:
        expired = session.scalar(
            select(func.count())
            .select_from(LoginThrottle)
            .where(LoginThrottle.expires_at <= utcnow())
        )
    assert expired == 0


def test_a_full_hash_queue_answers_at_once():
    """Past its workers and its waiting places the hasher refuses at once (429 at the
    route), so a burst of logins never queues without bound; the owners' registered
    devices have places of their own."""
    import asyncio
    import threading

    from dorpsondersteuner.server.passwords import Hasher, HashingBusy

    hasher = Hasher(
        PasswordHashing(time_cost=2, memory_kib=8192, parallelism=1, workers=1, waiting=2)
    )
    stored = hasher.hash("a long enough password")
    real_verify = hasher.verify
    gate = threading.Event()

    def held_verify(password_hash: str | None, password: str) -> bool:
        # Held until every login of the burst has asked for its place, so a fast hash
        # on a busy machine cannot free a place early and make the test flaky.
        gate.wait(10)
        return real_verify(password_hash, password)

    hasher.verify = held_verify  # type: ignore[method-assign]

    async def burst(logins: int, owners: int = 0) -> list[bool | str]:
        gate.clear()
        jobs = [
            asyncio.ensure_future(
                hasher.verify_queued(stored, "a long enough password", priority=owner)
            )
            for owner in [False] * logins + [True] * owners
        ]
        await asyncio.sleep(0)  # each job has asked for a place
        gate.set()
        results = await asyncio.gather(*jobs, return_exceptions=True)
        return [r if isinstance(r, bool) else type(r).__name__ for r in results]

    assert hasher.has_room()
    results = asyncio.run(burst(6))
    assert results[:3] == [True] * 3  # one working, two waiting
    assert results[3:] == [HashingBusy.__name__] * 3
    assert hasher.has_room()

    # The users' own devices have places of their own: a flood never keeps them out.
    seen = asyncio.run(burst(6, owners=3))
    assert seen[:6] == [True] * 3 + [HashingBusy.__name__] * 3
    assert seen[6:] == [True, True, HashingBusy.__name__]
    gate.set()
    assert asyncio.run(hasher.verify_queued(stored, "a long enough password"))  # freed again
