"""Server settings: defaults, overridable by environment variables.

The app is built from these in every worker process (``serve`` passes its options on
through the environment), so nothing here depends on which process reads it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path

ENV_PREFIX = "DORPSONDERSTEUNER_SERVER_"
DATABASE_URL_ENV = "DATABASE_URL"

# Login throttling (PRIVACY-SECURITY 13 and 22, ASVS 2.2.1: at most 100 failures per
# hour per account). Failed logins are counted per account name, per registered device,
# per client address and in total, each in a window of an hour.
#
# Per account name (and, with the same numbers, per registered device of its user): five
# free attempts, then a doubling wait (1 s, 2 s, 4 s … at most 60 s), and after 20
# failures the name is locked until its window ends. The user's own registered devices
# are not held by that lock, only by their own counter and by ACCOUNT_CEILING.
FREE_FAILURES = 5
FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0
MAX_FAILURES_PER_WINDOW = 20
WINDOW_SECONDS = 3600.0
ASVS_MAX_FAILURES_PER_HOUR = 100
# Failures of an account by every route together (other places and each of its devices)
# within one window: even its own devices stop here, so an hour never holds more than
# ASVS allows (two windows can touch one hour).
ACCOUNT_CEILING = ASVS_MAX_FAILURES_PER_HOUR // 2

# Per client address (an IPv4 address, or an IPv6 /64): a flood of made-up names from one
# place is slowed after 20 failures and stopped at 100 in the window. An office behind
# one NAT address shares this, so it is generous; registered devices are not held by it.
ADDRESS_FREE_FAILURES = 20
ADDRESS_FIRST_DELAY_SECONDS = 1.0
ADDRESS_MAX_DELAY_SECONDS = 60.0
ADDRESS_MAX_FAILURES = 100

# All failed logins from anywhere but registered devices, together: 200 free in the
# window, then at most about one a second. This bounds a flood from many addresses, and
# with it the number of counter rows (each failure makes at most two).
TOTAL_FREE_FAILURES = 200
TOTAL_FIRST_DELAY_SECONDS = 0.05
TOTAL_MAX_DELAY_SECONDS = 1.0
TOTAL_MAX_FAILURES = 5000  # a backstop: one a second never gets here within the hour

MAX_BODY_BYTES = 1024 * 1024
# The request line and headers together (PRIVACY-SECURITY 22): a device token and the
# usual headers take well under 1 KiB; more is refused with 431 before the app sees it.
MAX_HEADER_BYTES = 16 * 1024
# A device token expires after 12 hours (ASVS 3.3.2 level 2: re-authenticate at least
# every 12 hours); the laptop asks for the password again, as its idle lock does.
TOKEN_MAX_AGE = timedelta(hours=12)

# A sync snapshot is kept in the database in pieces of this many bytes.
SNAPSHOT_CHUNK_BYTES = 1 << 20

# Per device, for each kind of sync request: a request rate with a burst, and the
# largest request body. A laptop syncs every few minutes: it pushes its outbox in a few
# batches, pulls pages of changes, and asks for a whole snapshot only when it starts
# over, so these leave ordinary use far below the limits and stop a runaway client.
SYNC_LIMIT_KINDS = ("push", "pull", "snapshot")


@dataclass(frozen=True)
class SyncLimit:
    """``per_minute`` requests a minute on average (0: no rate limit), of which up to
    ``burst`` may come at once; request bodies of at most ``max_body_bytes``."""

    per_minute: float
    burst: int
    max_body_bytes: int


SYNC_LIMITS = {
    "push": SyncLimit(per_minute=60, burst=20, max_body_bytes=MAX_BODY_BYTES),
    "pull": SyncLimit(per_minute=120, burst=60, max_body_bytes=64 * 1024),
    "snapshot": SyncLimit(per_minute=0.1, burst=2, max_body_bytes=64 * 1024),  # 6 an hour
}


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int = FREE_FAILURES
    first_delay: float = FIRST_DELAY_SECONDS
    max_delay: float = MAX_DELAY_SECONDS
    max_failures: int = MAX_FAILURES_PER_WINDOW
    window: float = WINDOW_SECONDS

    def delay_after(self, failures: int) -> float:
        """Seconds to wait after the given number of failures before the next try."""
        if failures < self.free_failures:
            return 0.0
        exponent = min(failures - self.free_failures, 30)  # no float overflow
        return min(self.first_delay * 2.0**exponent, self.max_delay)

    def worst_case_failures_per_hour(self) -> int:
        """Failures an attacker who waits exactly as told can make in any hour.

        A new window can start right after a locked one ends, so count two windows
        when the window is shorter than an hour's worth of them.
        """
        windows = math.ceil(3600.0 / self.window) + 1
        return windows * self.max_failures


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may give fewer)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_hash_workers() -> int:
    # One argon2 hash keeps one core busy for a few hundred milliseconds; half the cores
    # at most, so the other requests always have the rest.
    return max(1, usable_cores() // 2)


@dataclass(frozen=True)
class PasswordHashing:
    """argon2id parameters. The default is argon2-cffi's (RFC 9106 low-memory profile:
    64 MiB, t=3, p=4), above the OWASP minimum (19 MiB, t=2, p=1).

    ``workers`` hash at the same time in each server process and ``waiting`` more may
    queue behind them; a login finding the queue full is answered at once (429), so a
    burst of logins costs bounded CPU and memory and never holds the request threads.
    """

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4
    workers: int = field(default_factory=default_hash_workers)
    waiting: int = field(default_factory=lambda: 8 * default_hash_workers())

    @property
    def is_test_profile(self) -> bool:
        return self.memory_kib < 19456


# Far below OWASP: only for the test suite, and only when asked for by name.
TEST_HASHING = PasswordHashing(time_cost=1, memory_kib=1024, parallelism=1)
TEST_HASHING_ENV = ENV_PREFIX + "INSECURE_TEST_HASHING"


def _address_policy() -> ThrottlePolicy:
    return ThrottlePolicy(
        free_failures=ADDRESS_FREE_FAILURES,
        first_delay=ADDRESS_FIRST_DELAY_SECONDS,
        max_delay=ADDRESS_MAX_DELAY_SECONDS,
        max_failures=ADDRESS_MAX_FAILURES,
    )


def _total_policy() -> ThrottlePolicy:
    return ThrottlePolicy(
        free_failures=TOTAL_FREE_FAILURES,
        first_delay=TOTAL_FIRST_DELAY_SECONDS,
        max_delay=TOTAL_MAX_DELAY_SECONDS,
        max_failures=TOTAL_MAX_FAILURES,
    )


@dataclass(frozen=True)
class Settings:
    database_url: str
    max_body_bytes: int = MAX_BODY_BYTES
    max_header_bytes: int = MAX_HEADER_BYTES
    sync_limits: Mapping[str, SyncLimit] = field(default_factory=lambda: dict(SYNC_LIMITS))
    token_max_age: timedelta = TOKEN_MAX_AGE
    # Per account name; a registered device has its own counter with the same numbers.
    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    account_ceiling: int = ACCOUNT_CEILING
    address_throttle: ThrottlePolicy = field(default_factory=_address_policy)
    total_throttle: ThrottlePolicy = field(default_factory=_total_policy)
    hashing: PasswordHashing = field(default_factory=PasswordHashing)
    snapshot_chunk_bytes: int = SNAPSHOT_CHUNK_BYTES


def default_database_url() -> str:
    """The embedded default: a SQLite file in the user's data folder."""
    from platformdirs import user_data_path

    folder = Path(user_data_path("dorpsondersteuner", appauthor=False)) / "server"
    return f"sqlite:///{folder / 'server.db'}"


def load_settings(
    env: Mapping[str, str] | None = None, *, database_url: str | None = None
) -> Settings:
    """Settings from the environment; ``database_url`` (a CLI flag) wins over it."""
    env = os.environ if env is None else env

    def number(name: str, default: float) -> float:
        raw = env.get(ENV_PREFIX + name)
        if raw is None or raw == "":
            return default
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"{ENV_PREFIX + name} must be a number, not {raw!r}") from None
        if value < 0 or not math.isfinite(value):
            raise ValueError(f"{ENV_PREFIX + name} must be zero or more, not {raw!r}")
        return value

    window = number("LOGIN_WINDOW", WINDOW_SECONDS)

    def policy(prefix: str, defaults: ThrottlePolicy) -> ThrottlePolicy:
        return ThrottlePolicy(
            free_failures=int(number(prefix + "FREE_FAILURES", defaults.free_failures)),
            first_delay=number(prefix + "FIRST_DELAY", defaults.first_delay),
            max_delay=number(prefix + "MAX_DELAY", defaults.max_delay),
            max_failures=int(number(prefix + "MAX_FAILURES", defaults.max_failures)),
            window=window,
        )

    throttle = policy("LOGIN_", ThrottlePolicy())
    address_throttle = policy("LOGIN_ADDRESS_", _address_policy())
    total_throttle = policy("LOGIN_TOTAL_", _total_policy())
    most = min(throttle.max_failures, address_throttle.max_failures, total_throttle.max_failures)
    if window <= 0 or most < 1:
        raise ValueError("login throttling needs at least one failure and a window")
    account_ceiling = int(number("LOGIN_ACCOUNT_CEILING", ACCOUNT_CEILING))
    if account_ceiling < throttle.max_failures:
        raise ValueError(
            f"{ENV_PREFIX}LOGIN_ACCOUNT_CEILING must be at least the account's "
            f"LOGIN_MAX_FAILURES ({throttle.max_failures})"
        )
    hashing = TEST_HASHING if env.get(TEST_HASHING_ENV) == "1" else PasswordHashing()
    workers = int(number("HASH_WORKERS", hashing.workers))
    hashing = replace(
        hashing,
        workers=max(1, workers),
        waiting=int(number("HASH_QUEUE", 8 * max(1, workers))),
    )
    sync_limits = {
        kind: SyncLimit(
            per_minute=number(f"{kind.upper()}_PER_MINUTE", limit.per_minute),
            burst=max(1, int(number(f"{kind.upper()}_BURST", limit.burst))),
            max_body_bytes=int(number(f"{kind.upper()}_MAX_BODY_BYTES", limit.max_body_bytes)),
        )
        for kind, limit in SYNC_LIMITS.items()
    }
    return Settings(
        database_url=database_url or env.get(DATABASE_URL_ENV) or default_database_url(),
        max_body_bytes=int(number("MAX_BODY_BYTES", MAX_BODY_BYTES)),
        max_header_bytes=int(number("MAX_HEADER_BYTES", MAX_HEADER_BYTES)),
        sync_limits=sync_limits,
        token_max_age=timedelta(seconds=number("TOKEN_MAX_AGE", TOKEN_MAX_AGE.total_seconds())),
        throttle=throttle,
        account_ceiling=account_ceiling,
        address_throttle=address_throttle,
        total_throttle=total_throttle,
        hashing=hashing,
        snapshot_chunk_bytes=max(1, int(number("SNAPSHOT_CHUNK_BYTES", SNAPSHOT_CHUNK_BYTES))),
    )
