"""Server settings: defaults, overridable by environment variables.

The app is built from these in every worker process (``serve`` passes its options on
through the environment), so nothing here depends on which process reads it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

ENV_PREFIX = "DORPSONDERSTEUNER_SERVER_"
DATABASE_URL_ENV = "DATABASE_URL"

# Login throttling per account (PRIVACY-SECURITY 13, ASVS 2.2.1: at most 100 failures
# per hour). Five free attempts, then a doubling wait (1 s, 2 s, 4 s … at most 60 s),
# and after 20 failures the account is locked until its one-hour window ends.
FREE_FAILURES = 5
FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 60.0
MAX_FAILURES_PER_WINDOW = 20
WINDOW_SECONDS = 3600.0
ASVS_MAX_FAILURES_PER_HOUR = 100

MAX_BODY_BYTES = 1024 * 1024
# A device token expires after 12 hours (ASVS 3.3.2 level 2: re-authenticate at least
# every 12 hours); the laptop asks for the password again, as its idle lock does.
TOKEN_MAX_AGE = timedelta(hours=12)


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


@dataclass(frozen=True)
class PasswordHashing:
    """argon2id parameters. The default is argon2-cffi's (RFC 9106 low-memory profile:
    64 MiB, t=3, p=4), above the OWASP minimum (19 MiB, t=2, p=1)."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4

    @property
    def is_test_profile(self) -> bool:
        return self.memory_kib < 19456


# Far below OWASP: only for the test suite, and only when asked for by name.
TEST_HASHING = PasswordHashing(time_cost=1, memory_kib=1024, parallelism=1)
TEST_HASHING_ENV = ENV_PREFIX + "INSECURE_TEST_HASHING"


@dataclass(frozen=True)
class Settings:
    database_url: str
    max_body_bytes: int = MAX_BODY_BYTES
    token_max_age: timedelta = TOKEN_MAX_AGE
    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    hashing: PasswordHashing = field(default_factory=PasswordHashing)


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

    throttle = ThrottlePolicy(
        free_failures=int(number("LOGIN_FREE_FAILURES", FREE_FAILURES)),
        first_delay=number("LOGIN_FIRST_DELAY", FIRST_DELAY_SECONDS),
        max_delay=number("LOGIN_MAX_DELAY", MAX_DELAY_SECONDS),
        max_failures=int(number("LOGIN_MAX_FAILURES", MAX_FAILURES_PER_WINDOW)),
        window=number("LOGIN_WINDOW", WINDOW_SECONDS),
    )
    if throttle.max_failures < 1 or throttle.window <= 0:
        raise ValueError("login throttling needs at least one failure and a window")
    hashing = TEST_HASHING if env.get(TEST_HASHING_ENV) == "1" else PasswordHashing()
    return Settings(
        database_url=database_url or env.get(DATABASE_URL_ENV) or default_database_url(),
        max_body_bytes=int(number("MAX_BODY_BYTES", MAX_BODY_BYTES)),
        token_max_age=timedelta(seconds=number("TOKEN_MAX_AGE", TOKEN_MAX_AGE.total_seconds())),
        throttle=throttle,
        hashing=hashing,
    )
