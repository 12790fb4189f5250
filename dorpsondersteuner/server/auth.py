"""Login, device registration and device tokens (D4, D6; PRIVACY-SECURITY 11-14).

No FastAPI here: these functions take a session factory or a session and raise
``AuthError``; ``app.py`` turns that into an HTTP answer. Every bit of state is in the
database (throttle counters, tokens), so any number of server processes agree.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import logging
import math
import secrets
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any

import anyio
from anyio import to_thread
from sqlalchemy import Connection, bindparam, case, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..models import User
from ..models.base import utcnow
from ..models.enums import Role
from .db import READ_ONLY_OPTION
from .models import Credential, Device, DeviceToken, LoginThrottle
from .passwords import Hasher, HashingBusy
from .settings import Settings, ThrottlePolicy

log = logging.getLogger("dorpsondersteuner.server.auth")

TOKEN_PREFIX = "dos_"  # recognisable in a leaked file or a secret scanner
TOKEN_BYTES = 32  # 256 bits
RECOVERY_SECRET_BYTES = 32  # 256 bits (D4)
LAST_SEEN_RESOLUTION = timedelta(minutes=1)  # fewer writes: last-seen to the minute
MAX_USERNAME_LENGTH = 64

# Short codes (D6): a letter and digits, e.g. "K3". No D (the demo register is "D1"),
# no I, L, O or Q, no 0 or 1, so a code read aloud or handwritten stays unambiguous.
CODE_LETTERS = "ABCEFGHJKMNPRSTUVWXYZ"
CODE_DIGITS = "23456789"


class AuthError(Exception):
    """A refused login or token. ``code`` is stable for clients; the message is English."""

    def __init__(
        self, message: str, *, code: str, status: int = 401, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.retry_after = retry_after


def invalid_credentials() -> AuthError:
    # One answer for an unknown name, a wrong password and an inactive account.
    return AuthError("wrong username or password", code="invalid_credentials")


def normalise_username(username: str) -> str:
    return username.strip().casefold()


def short_code(number: int) -> str:
    """The ``number``-th short code: A2 … Z9, then A22 … Z99, and so on."""
    if number < 0:
        raise ValueError("short code numbers start at 0")
    digits = 1
    while number >= len(CODE_LETTERS) * len(CODE_DIGITS) ** digits:
        number -= len(CODE_LETTERS) * len(CODE_DIGITS) ** digits
        digits += 1
    letter, rest = divmod(number, len(CODE_DIGITS) ** digits)
    tail = ""
    for _ in range(digits):
        rest, digit = divmod(rest, len(CODE_DIGITS))
        tail = CODE_DIGITS[digit] + tail
    return CODE_LETTERS[letter] + tail


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- login throttling --------------------------------------------------------------

# An attempt still marked as being checked after this long was lost (its process
# stopped): it stays counted as a failure, and no one waits for it any more.
PENDING_TTL = timedelta(seconds=60)
# How long an attempt waits for other attempts on the same counter that are still being
# checked (each takes a hash queue's wait and one hash) before it is answered 429.
IN_FLIGHT_WAIT = 10.0
SWEEP_BATCH = 1000  # expired counter rows deleted at a time
# Threads for the database work of logins, apart from the threads other requests use: a
# flood of logins waits for one of these (holding no thread while it waits) and can
# never take every thread while a signed-in user's request needs one. Few, as each
# thread busy with a login competes for the GIL with the signed-in users' requests:
# under a flood of made-up names, /me answered at p95 55-65 ms with 8, 20 ms with 3.
LOGIN_DB_THREADS = 3
_DB_THREADS = anyio.CapacityLimiter(LOGIN_DB_THREADS)
TOTAL_KEY = "total"


@dataclass(frozen=True)
class ThrottleDecision:
    allowed: bool
    retry_after: float = 0.0
    locked: bool = False
    failures: int = 0  # the count to store when allowed
    window_started_at: datetime | None = None


def decide(
    policy: ThrottlePolicy,
    now: datetime,
    failures: int,
    window_started_at: datetime | None,
    last_attempt_at: datetime | None,
) -> ThrottleDecision:
    """May one more attempt be made now? Pure, so the default numbers can be tested."""
    window = timedelta(seconds=policy.window)
    if window_started_at is None or last_attempt_at is None or now >= window_started_at + window:
        return ThrottleDecision(allowed=True, failures=1, window_started_at=now)
    if failures >= policy.max_failures:
        wait = (window_started_at + window - now).total_seconds()
        return ThrottleDecision(allowed=False, retry_after=wait, locked=True)
    delay = policy.delay_after(failures)
    wait = (last_attempt_at + timedelta(seconds=delay) - now).total_seconds()
    if delay > 0 and wait > 0:  # no delay due: a clock a little behind another is no wait
        return ThrottleDecision(allowed=False, retry_after=wait)
    return ThrottleDecision(
        allowed=True, failures=failures + 1, window_started_at=window_started_at
    )


def account_key(account: str) -> str:
    return "account:" + normalise_username(account)[:MAX_USERNAME_LENGTH]


def device_key(device_id: uuid.UUID) -> str:
    return f"device:{device_id}"


def address_key(client: str) -> str:
    """The counter of a client address: an IPv4 address, or the /64 of an IPv6 one (one
    household or office gets a whole /64, so counting single IPv6 addresses would count
    nothing)."""
    try:
        address = ipaddress.ip_address(client)
    except ValueError:
        return "address:" + client[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return f"address:{address.ipv4_mapped}"
        return f"address:{ipaddress.ip_network(f'{address}/64', strict=False)}"
    return f"address:{address}"


class Scope(StrEnum):
    ACCOUNT = "account"
    DEVICE = "device"
    ADDRESS = "address"
    TOTAL = "total"


@dataclass(frozen=True)
class Gate:
    """One counter a login attempt must pass: its key, its numbers, and whether a
    correct login clears its earlier failures (the user's own typos) or only takes its
    own attempt back (a shared address or the total)."""

    key: str
    policy: ThrottlePolicy
    scope: Scope
    forgive: bool


def login_gates(
    settings: Settings,
    account: str,
    device_id: uuid.UUID,
    client: str,
    *,
    own_device: bool,
) -> list[Gate]:
    """The counters an attempt passes, by where it comes from.

    From the user's own registered device: that device's counter, and the account's only
    as a ceiling over all routes (ASVS' 100 an hour), so guesses made elsewhere never
    lock the owner's laptop. From anywhere else: the account's counter, the address's
    and the total. Unknown names and wrong devices go the second way, so the answers
    never tell which names exist.
    """
    if own_device:
        ceiling = replace(
            settings.throttle,
            free_failures=settings.account_ceiling,
            max_failures=settings.account_ceiling,
        )
        return [
            Gate(device_key(device_id), settings.throttle, Scope.DEVICE, forgive=True),
            Gate(account_key(account), ceiling, Scope.ACCOUNT, forgive=False),
        ]
    return [
        Gate(account_key(account), settings.throttle, Scope.ACCOUNT, forgive=True),
        Gate(address_key(client), settings.address_throttle, Scope.ADDRESS, forgive=False),
        Gate(TOTAL_KEY, settings.total_throttle, Scope.TOTAL, forgive=False),
    ]


class Verdict(IntEnum):
    ALLOWED = 0
    IN_FLIGHT = 1  # refused only because of attempts still being checked: wait for them
    REFUSED = 2


@dataclass(frozen=True)
class GateCheck:
    gate: Gate
    verdict: Verdict
    decision: ThrottleDecision
    live_pending: int = 0


def check_gate(gate: Gate, row: LoginThrottle | None, now: datetime) -> GateCheck:
    """Pure: may an attempt pass this counter now, given its row (None: no row)?

    When only attempts still being checked stand in the way, an attempt on a user's own
    counter (account, device) waits for them: they are most likely the same user's
    correct logins. On a shared counter (address, total, ceiling) it is answered at once
    to come back shortly, so a crowd of attempts never sits polling the database.
    """
    if row is None:
        return GateCheck(gate, Verdict.ALLOWED, decide(gate.policy, now, 0, None, None))
    live = row.pending if now - row.last_attempt_at < PENDING_TTL else 0
    live = max(0, min(live, row.failures))
    decision = decide(gate.policy, now, row.failures, row.window_started_at, row.last_attempt_at)
    if decision.allowed:
        return GateCheck(gate, Verdict.ALLOWED, decision, live)
    if live:
        settled = decide(
            gate.policy, now, row.failures - live, row.window_started_at, row.last_attempt_at
        )
        if settled.allowed and gate.forgive:
            return GateCheck(gate, Verdict.IN_FLIGHT, decision, live)
        if settled.allowed:
            return GateCheck(gate, Verdict.REFUSED, ThrottleDecision(False, retry_after=1.0), live)
        return GateCheck(gate, Verdict.REFUSED, settled, live)
    return GateCheck(gate, Verdict.REFUSED, decision, live)


def _worst(checks: list[GateCheck]) -> Verdict:
    return max((check.verdict for check in checks), default=Verdict.ALLOWED)


def peek_gates(session: Session, gates: list[Gate]) -> list[GateCheck]:
    """The verdicts from a plain read: a refused attempt then costs no write at all."""
    now = utcnow()
    rows = {
        row.key: row
        for row in session.scalars(
            select(LoginThrottle).where(LoginThrottle.key.in_([gate.key for gate in gates]))
        )
    }
    return [check_gate(gate, rows.get(gate.key), now) for gate in gates]


def _insert_missing(session: Session, gates: list[Gate], now: datetime) -> None:
    """Rows for new keys, in key order (so processes lock rows in one order)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    rows = [
        {
            "key": gate.key,
            "failures": 0,
            "pending": 0,
            "window_started_at": now,
            "last_attempt_at": now,
            "expires_at": now + timedelta(seconds=gate.policy.window),
        }
        for gate in sorted(gates, key=lambda gate: gate.key)
    ]
    session.execute(insert(LoginThrottle).values(rows).on_conflict_do_nothing())


def reserve_attempt(sessions: sessionmaker[Session], gates: list[Gate]) -> list[GateCheck]:
    """Count one attempt against every gate before its password is checked, or none.

    The rows are made if missing and locked (PostgreSQL ``FOR UPDATE``; SQLite's write
    lock, taken by the first statement, an insert), so two processes racing for the
    last slot cannot both get it. Nothing is written when a gate refuses, so refused
    attempts leave no rows behind. The verdicts are returned; all ALLOWED: counted.
    """
    for attempt in range(5):
        now = utcnow()
        try:
            with sessions() as session:
                _insert_missing(session, gates, now)
                rows = {
                    row.key: row
                    for row in session.scalars(
                        select(LoginThrottle)
                        .where(LoginThrottle.key.in_([gate.key for gate in gates]))
                        .order_by(LoginThrottle.key)
                        .with_for_update()
                    )
                }
                if len(rows) < len(gates):  # a success deleted one since the insert
                    session.rollback()
                    continue
                now = utcnow()  # after waiting for the lock, as the attempts before us did
                checks = [check_gate(gate, rows[gate.key], now) for gate in gates]
                if _worst(checks) is not Verdict.ALLOWED:
                    session.rollback()
                    return checks
                for check in checks:
                    row = rows[check.gate.key]
                    started = check.decision.window_started_at or now
                    restarted = started != row.window_started_at
                    row.failures = check.decision.failures + (
                        check.live_pending if restarted else 0
                    )
                    row.pending = check.live_pending + 1
                    row.window_started_at = started
                    row.last_attempt_at = now
                    row.expires_at = max(
                        started + timedelta(seconds=check.gate.policy.window), now + PENDING_TTL
                    )
                session.commit()
                return checks
        except OperationalError:
            # PostgreSQL broke a deadlock or SQLite gave up waiting: try again, and
            # after that let the error handler answer 503 (the database is in trouble).
            if attempt == 4:
                raise
            time.sleep(0.05)
    raise AuthError(
        "too many login attempts at once; try again shortly",
        code="too_many_attempts",
        status=429,
        retry_after=1.0,
    )


def _one_less(column: Any) -> Any:
    return case((column > 1, column - 1), else_=0)


class Outcome(StrEnum):
    FAILED = "failed"  # stays counted
    SUCCEEDED = "succeeded"  # never counted; forgiving gates clear their failures
    WITHDRAWN = "withdrawn"  # never checked (the hash queue was full): not counted


def settle_attempt(sessions: sessionmaker[Session], gates: list[Gate], outcome: Outcome) -> None:
    """Mark a reserved attempt as checked: a failure stays counted, a success does not.

    One row at a time in key order, the order ``reserve_attempt`` locks them in, so two
    processes never wait for each other in a circle.
    """
    pending = _one_less(LoginThrottle.pending)
    for attempt in range(5):
        try:
            with sessions.begin() as session:
                for gate in sorted(gates, key=lambda gate: gate.key):
                    if outcome is Outcome.FAILED:
                        values = {"pending": pending}
                    elif gate.forgive and outcome is Outcome.SUCCEEDED:
                        # Clear the failures; keep the other attempts still being checked.
                        values = {"failures": pending, "pending": pending}
                    else:
                        values = {"failures": _one_less(LoginThrottle.failures), "pending": pending}
                    session.execute(
                        update(LoginThrottle)
                        .where(LoginThrottle.key == gate.key)
                        .values(values)
                        .execution_options(synchronize_session=False)
                    )
                if outcome is not Outcome.FAILED:
                    session.execute(
                        delete(LoginThrottle)
                        .where(
                            LoginThrottle.key.in_([gate.key for gate in gates]),
                            LoginThrottle.failures <= 0,
                            LoginThrottle.pending <= 0,
                        )
                        .execution_options(synchronize_session=False)
                    )
            break
        except OperationalError:
            if attempt == 4:
                raise
            time.sleep(0.05)
    if outcome is Outcome.FAILED:
        sweep_expired(sessions)


def sweep_expired(sessions: sessionmaker[Session], now: datetime | None = None) -> int:
    """Delete counter rows whose window has ended (after each failure: failures are
    what make rows). Rows another process holds are skipped, never waited for."""
    expired = (
        select(LoginThrottle.key)
        .where(LoginThrottle.expires_at <= (now or utcnow()))
        .limit(SWEEP_BATCH)
        .with_for_update(skip_locked=True)
    )
    with sessions.begin() as session:
        result = session.execute(
            delete(LoginThrottle)
            .where(LoginThrottle.key.in_(expired.scalar_subquery()))
            .execution_options(synchronize_session=False)
        )
    return int(result.rowcount)  # type: ignore[attr-defined]


def forgive_attempts(session: Session, account: str, device_ids: Iterable[uuid.UUID] = ()) -> None:
    """Clear the failures of an account name and of the given devices (a lifted lockout)."""
    keys = [account_key(account), *(device_key(device_id) for device_id in device_ids)]
    session.execute(
        delete(LoginThrottle)
        .where(LoginThrottle.key.in_(keys))
        .execution_options(synchronize_session=False)
    )


_REFUSALS = {
    Scope.ACCOUNT: ("this account", "the account"),
    Scope.DEVICE: ("this device", "the device"),
    Scope.ADDRESS: ("this address", "the client address"),
    Scope.TOTAL: ("this server", "all logins together"),
}


def _refusal(checks: list[GateCheck]) -> tuple[AuthError, str]:
    """The answer for a refused attempt and the reason for the log."""
    refused = [check for check in checks if check.verdict is not Verdict.ALLOWED]
    check = max(refused, key=lambda check: check.decision.retry_after)
    subject, logged = _REFUSALS[check.gate.scope]
    wait = max(check.decision.retry_after, 1.0)
    if check.decision.locked:
        message = f"too many failed logins: {subject} is locked for a while"
        reason = f"{logged} is locked after too many failed logins"
    else:
        message = f"too many failed logins for {subject}: wait before trying again"
        reason = f"too many failed logins for {logged}; must wait {math.ceil(wait)} s"
    error = AuthError(message, code="too_many_attempts", status=429, retry_after=wait)
    return error, reason


# --- login ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    token: str
    expires_at: datetime
    user_id: uuid.UUID
    device_id: uuid.UUID
    short_code: str
    recovery_secret: bytes


@dataclass(frozen=True)
class _Facts:
    """What the database says about an attempt before its password is checked."""

    user: User | None
    password_hash: str | None
    own_device: bool  # the device is registered to this user and not revoked
    gates: list[Gate]
    checks: list[GateCheck]


def _reading(sessions: sessionmaker[Session]) -> Session:
    """A session that only reads, on a connection of the login's own: no write lock on
    SQLite, no BEGIN and ROLLBACK round trips on PostgreSQL (see ``db.read_only``)."""
    bind = sessions.kw["bind"]
    options: dict[str, Any] = {READ_ONLY_OPTION: True}
    if bind.dialect.name == "postgresql":
        options["isolation_level"] = "AUTOCOMMIT"
    return Session(bind.connect().execution_options(**options))


# The user, their password hash and whether the device is theirs and live, in one query.
_LOOK_UP = (
    select(User, Credential.password_hash, Device.user_id, Device.revoked_at)
    .outerjoin(Credential, Credential.user_id == User.id)
    .outerjoin(Device, Device.id == bindparam("device_id"))
    .where(User.username == bindparam("account"))
)


def _look_up(
    sessions: sessionmaker[Session],
    settings: Settings,
    account: str,
    device_id: uuid.UUID,
    client: str,
) -> _Facts:
    session = _reading(sessions)
    try:
        found = session.execute(_LOOK_UP, {"account": account, "device_id": device_id}).first()
        user, password_hash, device_user_id, device_revoked_at = (
            found if found is not None else (None, None, None, None)
        )
        own_device = user is not None and device_user_id == user.id and device_revoked_at is None
        gates = login_gates(settings, account, device_id, client, own_device=own_device)
        checks = peek_gates(session, gates)
        session.expunge_all()
    finally:
        connection = session.get_bind()
        session.close()
        assert isinstance(connection, Connection)
        connection.close()
    return _Facts(user, password_hash, own_device, gates, checks)


async def _reserve(sessions: sessionmaker[Session], facts: _Facts, who: str, where: str) -> None:
    """Count this attempt on its gates, waiting while others on them are being checked;
    ``AuthError`` (429, logged) when a gate refuses."""
    checks = facts.checks
    deadline = time.monotonic() + IN_FLIGHT_WAIT
    pause = 0.02
    while True:
        verdict = _worst(checks)
        if verdict is Verdict.REFUSED:
            error, reason = _refusal(checks)
            log.warning("login refused: %s: %s; %s", who, reason, where)
            raise error
        if verdict is Verdict.ALLOWED:
            checks = await to_thread.run_sync(
                reserve_attempt, sessions, facts.gates, limiter=_DB_THREADS
            )
            if _worst(checks) is Verdict.ALLOWED:
                return
            continue
        if time.monotonic() >= deadline:
            log.warning(
                "login refused: %s: other attempts on the same counters are still being "
                "checked; %s",
                who,
                where,
            )
            raise AuthError(
                "too many login attempts at once; try again shortly",
                code="too_many_attempts",
                status=429,
                retry_after=1.0,
            )
        await anyio.sleep(pause)
        pause = min(pause * 2, 0.2)
        checks = await to_thread.run_sync(_peek, sessions, facts.gates, limiter=_DB_THREADS)


def _peek(sessions: sessionmaker[Session], gates: list[Gate]) -> list[GateCheck]:
    with sessions() as session:
        return peek_gates(session, gates)


async def login(
    sessions: sessionmaker[Session],
    hasher: Hasher,
    settings: Settings,
    *,
    username: str,
    password: str,
    device_id: uuid.UUID,
    client: str,
) -> LoginResult:
    """Check the password, register or recognise the device, and issue a device token.

    A coroutine: the database work runs on worker threads and the password check in the
    hasher's own bounded pool, so waiting logins hold no request thread. Every refusal
    is logged with the account and the reason, without the password, the token or the
    secret; a name that matches no user is logged as "unknown username" (it may be a
    password typed in the wrong box).
    """
    account = normalise_username(username)[:MAX_USERNAME_LENGTH]
    facts = await to_thread.run_sync(
        _look_up, sessions, settings, account, device_id, client, limiter=_DB_THREADS
    )
    user = facts.user
    who = f"user {user.username}" if user is not None else "unknown username"
    where = f"device {device_id}{' (registered)' if facts.own_device else ''}; client {client}"
    # Answered before anything is counted or written.
    if not hasher.has_room(priority=facts.own_device):
        log.warning("login refused: %s: the password checks are all busy; %s", who, where)
        raise _busy()
    await _reserve(sessions, facts, who, where)

    # Always one argon2 verification, so the time taken does not tell whether the name
    # exists; known and unknown names wait in the same queue.
    try:
        matched = await hasher.verify_queued(
            facts.password_hash, password, priority=facts.own_device
        )
    except HashingBusy:
        await to_thread.run_sync(
            settle_attempt, sessions, facts.gates, Outcome.WITHDRAWN, limiter=_DB_THREADS
        )
        log.warning("login refused: %s: the password checks are all busy; %s", who, where)
        raise _busy() from None
    except BaseException:
        with anyio.CancelScope(shield=True):
            await to_thread.run_sync(
                settle_attempt, sessions, facts.gates, Outcome.WITHDRAWN, limiter=_DB_THREADS
            )
        raise

    reason = None
    if user is None:
        reason = "no such user"
    elif not matched:
        reason = "wrong password"
    elif not user.active or user.deleted_at is not None:
        reason = "the user is deactivated"
    if reason is not None or user is None:
        await to_thread.run_sync(
            settle_attempt, sessions, facts.gates, Outcome.FAILED, limiter=_DB_THREADS
        )
        log.warning("login failed: %s: %s; %s", who, reason, where)
        raise invalid_credentials()
    await to_thread.run_sync(
        settle_attempt, sessions, facts.gates, Outcome.SUCCEEDED, limiter=_DB_THREADS
    )

    if (
        facts.password_hash
        and not hasher.params.is_test_profile
        and hasher.needs_rehash(facts.password_hash)
    ):
        with contextlib.suppress(HashingBusy):  # next time, then
            new_hash = await hasher.hash_queued(password)
            await to_thread.run_sync(_store_hash, sessions, user.id, new_hash, limiter=_DB_THREADS)

    device = await to_thread.run_sync(
        _register_device, sessions, user, device_id, client, limiter=_DB_THREADS
    )
    token, expires_at = await to_thread.run_sync(
        _issue_token, sessions, settings, user, device, limiter=_DB_THREADS
    )
    log.info(
        "login succeeded: user %s on device %s (%s); client %s",
        user.username,
        device.short_code,
        device.id,
        client,
    )
    return LoginResult(
        token=token,
        expires_at=expires_at,
        user_id=user.id,
        device_id=device.id,
        short_code=device.short_code,
        recovery_secret=device.recovery_secret,
    )


def _busy() -> AuthError:
    return AuthError(
        "the server is busy checking other logins; try again shortly",
        code="server_busy",
        status=429,
        retry_after=1.0,
    )


def _store_hash(sessions: sessionmaker[Session], user_id: uuid.UUID, password_hash: str) -> None:
    with sessions.begin() as session:
        session.execute(
            update(Credential)
            .where(Credential.user_id == user_id)
            .values(password_hash=password_hash)
        )


def _issue_token(
    sessions: sessionmaker[Session], settings: Settings, user: User, device: Device
) -> tuple[str, datetime]:
    """A new token for the device; one live token per device: the previous one ends."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    expires_at = now + settings.token_max_age
    with sessions.begin() as session:
        # The device row first: its lock makes simultaneous logins of one device take
        # turns here, so each ends the token of the one before and one stays live.
        session.execute(
            update(Device).where(Device.id == device.id).values(last_seen_at=now, last_login_at=now)
        )
        session.execute(
            update(DeviceToken)
            .where(DeviceToken.device_id == device.id, DeviceToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        session.add(
            DeviceToken(
                token_hash=hash_token(token),
                device_id=device.id,
                user_id=user.id,
                created_at=now,
                expires_at=expires_at,
                last_seen_at=now,
            )
        )
    return token, expires_at


def _register_device(
    sessions: sessionmaker[Session], user: User, device_id: uuid.UUID, client: str
) -> Device:
    """The device row for this laptop: made at its first login, then only checked.

    A device belongs to the user who first logged in on it: its recovery secret unwraps
    that user's register, and its short code numbers that register's references, so a
    second user on the same device id is refused (their laptop makes its own id).
    """
    for _ in range(5):
        try:
            with sessions.begin() as session:
                device = session.get(Device, device_id)
                if device is None:
                    highest = session.scalar(select(func.max(Device.code_number)))
                    number = 0 if highest is None else highest + 1
                    device = Device(
                        id=device_id,
                        user_id=user.id,
                        code_number=number,
                        short_code=short_code(number),
                        recovery_secret=secrets.token_bytes(RECOVERY_SECRET_BYTES),
                        created_at=utcnow(),
                    )
                    session.add(device)
                    session.flush()
                    log.info(
                        "device %s registered as %s for user %s",
                        device_id,
                        device.short_code,
                        user.username,
                    )
                session.expunge(device)
        except IntegrityError:
            continue  # another login took that code number (or this device) first
        if device.revoked_at is not None:
            log.warning(
                "login refused: device %s (%s) is revoked; user %s; client %s",
                device.short_code,
                device.id,
                user.username,
                client,
            )
            raise AuthError(
                "this device has been revoked by the administrator",
                code="device_revoked",
                status=403,
            )
        if device.user_id != user.id:
            log.warning(
                "login refused: device %s (%s) belongs to another user than %s; client %s",
                device.short_code,
                device.id,
                user.username,
                client,
            )
            raise AuthError(
                "this device is registered to another user", code="device_other_user", status=403
            )
        return device
    raise AuthError(
        "the device could not be registered; try again",
        code="try_again",
        status=503,
        retry_after=1.0,
    )


# --- tokens --------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenOwner:
    """A live token's device and user, as the token check found them."""

    token_hash: str
    user_id: uuid.UUID
    device_id: uuid.UUID
    short_code: str
    username: str
    display_name: str
    role: Role
    team_id: uuid.UUID | None
    last_seen_at: datetime | None = None  # as stored: to the minute


# Built once: on every authenticated request only the parameter changes. Its 13 columns
# are what ``token_owner`` reads; ``deps`` adds the principal's areas to it.
TOKEN_CHECK = (
    select(
        DeviceToken.revoked_at,
        DeviceToken.expires_at,
        DeviceToken.last_seen_at,
        Device.id,
        Device.short_code,
        Device.revoked_at,
        User.id,
        User.username,
        User.display_name,
        User.role,
        User.team_id,
        User.active,
        User.deleted_at,
    )
    .join(Device, Device.id == DeviceToken.device_id)
    .join(User, User.id == DeviceToken.user_id)
    .where(DeviceToken.token_hash == bindparam("token_hash"))
)


def check_token(
    connection: Connection | Session, token: str, now: datetime | None = None
) -> TokenOwner:
    """The user and device of a live token; ``AuthError`` (401) for anything else.

    One query by primary keys, of plain columns (no ORM objects), reading only: no write
    lock needed, and nothing kept that could outlive this request.
    """
    token_hash = hash_token(token)
    found = connection.execute(TOKEN_CHECK, {"token_hash": token_hash}).first()
    return token_owner(found, token_hash, now or utcnow())


def token_owner(found: Sequence[Any] | None, token_hash: str, now: datetime) -> TokenOwner:
    """The verdict on what ``TOKEN_CHECK`` found for a token (its columns first in
    ``found``; a query may add more after them): its owner, or ``AuthError`` (401)."""
    if found is None:
        raise AuthError("not signed in: the token is unknown", code="invalid_token")
    token_revoked, expires_at, last_seen_at, device_id, code, device_revoked = found[:6]
    user_id, username, display_name, role, team_id, active, deleted_at = found[6:13]
    # The revoked device first: that answer tells a lost laptop to wipe itself.
    if device_revoked is not None:
        raise AuthError("this device has been revoked", code="device_revoked")
    if token_revoked is not None:
        raise AuthError("not signed in: the token has ended", code="invalid_token")
    if not active or deleted_at is not None:
        raise AuthError("this account is deactivated", code="account_inactive")
    if expires_at <= now:
        raise AuthError("the sign-in has expired: log in again", code="token_expired")
    return TokenOwner(
        token_hash=token_hash,
        user_id=user_id,
        device_id=device_id,
        short_code=code,
        username=username,
        display_name=display_name,
        role=role,
        team_id=team_id,
        last_seen_at=last_seen_at,
    )


def last_seen_is_due(owner: TokenOwner, now: datetime) -> bool:
    """Whether this use should be written down: at most once a minute per token."""
    return owner.last_seen_at is None or now - owner.last_seen_at >= LAST_SEEN_RESOLUTION


def record_use(sessions: sessionmaker[Session], owner: TokenOwner, now: datetime) -> None:
    """Write the token's and its device's last-seen, in a short write transaction of its
    own: the requests that read (almost all) then never write. Of several requests that
    find it due at once, only the first writes."""
    with sessions.begin() as session:
        result = session.execute(
            update(DeviceToken)
            .where(
                DeviceToken.token_hash == owner.token_hash,
                DeviceToken.last_seen_at <= now - LAST_SEEN_RESOLUTION,
            )
            .values(last_seen_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            session.execute(
                update(Device)
                .where(Device.id == owner.device_id)
                .values(last_seen_at=now)
                .execution_options(synchronize_session=False)
            )


def end_token(session: Session, token_hash: str) -> None:
    session.execute(
        update(DeviceToken)
        .where(DeviceToken.token_hash == token_hash, DeviceToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def end_user_tokens(session: Session, user_id: uuid.UUID) -> int:
    """End every live token of a user (password reset, deactivation)."""
    result = session.execute(
        update(DeviceToken)
        .where(DeviceToken.user_id == user_id, DeviceToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
