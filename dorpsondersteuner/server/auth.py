"""Login, device registration and device tokens (D4, D6; PRIVACY-SECURITY 11-14).

No FastAPI here: these functions take a session factory or a session and raise
``AuthError``; ``app.py`` turns that into an HTTP answer. Every bit of state is in the
database (throttle counters, tokens), so any number of server processes agree.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ..models import User
from ..models.base import utcnow
from .models import Credential, Device, DeviceToken, LoginThrottle
from .passwords import Hasher
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
    wait = (last_attempt_at + timedelta(seconds=policy.delay_after(failures)) - now).total_seconds()
    if wait > 0:
        return ThrottleDecision(allowed=False, retry_after=wait)
    return ThrottleDecision(
        allowed=True, failures=failures + 1, window_started_at=window_started_at
    )


def reserve_attempt(sessions: sessionmaker[Session], account: str, policy: ThrottlePolicy) -> None:
    """Count one attempt against ``account`` before its password is checked.

    The count is written with a compare-and-set, so two processes racing for the same
    slot cannot both get it. Raises ``AuthError`` (429) when the account must wait.
    """
    for _ in range(5):
        now = utcnow()
        try:
            with sessions.begin() as session:
                row = session.get(LoginThrottle, account)
                if row is None:
                    session.add(
                        LoginThrottle(
                            account=account,
                            failures=1,
                            window_started_at=now,
                            last_attempt_at=now,
                        )
                    )
                    return
                decision = decide(
                    policy, now, row.failures, row.window_started_at, row.last_attempt_at
                )
                if not decision.allowed:
                    raise _throttled(decision)
                result = session.execute(
                    update(LoginThrottle)
                    .where(
                        LoginThrottle.account == account,
                        LoginThrottle.failures == row.failures,
                        LoginThrottle.window_started_at == row.window_started_at,
                    )
                    .values(
                        failures=decision.failures,
                        window_started_at=decision.window_started_at,
                        last_attempt_at=now,
                    )
                    .execution_options(synchronize_session=False)
                )
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    return
        except IntegrityError:
            pass  # another process made the row first: read it again
    raise AuthError(
        "too many login attempts at once; try again shortly",
        code="too_many_attempts",
        status=429,
        retry_after=1.0,
    )


def _throttled(decision: ThrottleDecision) -> AuthError:
    if decision.locked:
        message = "too many failed logins: this account is locked for a while"
    else:
        message = "too many failed logins: wait before trying again"
    return AuthError(
        message, code="too_many_attempts", status=429, retry_after=decision.retry_after
    )


def forgive_attempts(session: Session, account: str) -> None:
    session.execute(delete(LoginThrottle).where(LoginThrottle.account == account))


# --- login ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginResult:
    token: str
    expires_at: datetime
    user_id: uuid.UUID
    device_id: uuid.UUID
    short_code: str
    recovery_secret: bytes


def login(
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

    Every decision is logged, without the password, the token or the secret; a name that
    matches no user is not logged either (it may be a password typed in the wrong box).
    """
    account = normalise_username(username)[:MAX_USERNAME_LENGTH]
    try:
        reserve_attempt(sessions, account, settings.throttle)
    except AuthError:
        log.warning("login refused: too many failed attempts for this name; client %s", client)
        raise

    with sessions() as session:
        found = session.execute(
            select(User, Credential.password_hash)
            .outerjoin(Credential, Credential.user_id == User.id)
            .where(User.username == account)
        ).first()
    user, password_hash = found if found is not None else (None, None)
    # Always one argon2 verification, so the time taken does not tell whether the name exists.
    matched = hasher.verify(password_hash, password)
    if user is None:
        log.warning("login failed: unknown username; device %s; client %s", device_id, client)
        raise invalid_credentials()
    if not matched:
        log.warning("login failed: wrong password for user %s; client %s", user.username, client)
        raise invalid_credentials()
    if not user.active or user.deleted_at is not None:
        log.warning("login failed: user %s is deactivated; client %s", user.username, client)
        raise invalid_credentials()

    with sessions.begin() as session:
        forgive_attempts(session, account)
        if (
            password_hash
            and not hasher.params.is_test_profile
            and hasher.needs_rehash(password_hash)
        ):
            session.execute(
                update(Credential)
                .where(Credential.user_id == user.id)
                .values(password_hash=hasher.hash(password))
            )

    device = _register_device(sessions, user, device_id, client)
    token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    now = utcnow()
    expires_at = now + settings.token_max_age
    with sessions.begin() as session:
        # One live token per device: a new login ends the previous one.
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
        session.execute(update(Device).where(Device.id == device.id).values(last_seen_at=now))
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
    token_hash: str
    user_id: uuid.UUID
    device_id: uuid.UUID
    short_code: str


def check_token(session: Session, token: str) -> TokenOwner:
    """The user and device of a live token; ``AuthError`` (401) for anything else."""
    now = utcnow()
    token_hash = hash_token(token)
    found = session.execute(
        select(DeviceToken, Device, User)
        .join(Device, Device.id == DeviceToken.device_id)
        .join(User, User.id == DeviceToken.user_id)
        .where(DeviceToken.token_hash == token_hash)
    ).first()
    if found is None:
        raise AuthError("not signed in: the token is unknown", code="invalid_token")
    row, device, user = found
    # The revoked device first: that answer tells a lost laptop to wipe itself.
    if device.revoked_at is not None:
        raise AuthError("this device has been revoked", code="device_revoked")
    if row.revoked_at is not None:
        raise AuthError("not signed in: the token has ended", code="invalid_token")
    if not user.active or user.deleted_at is not None:
        raise AuthError("this account is deactivated", code="account_inactive")
    if row.expires_at <= now:
        raise AuthError("the sign-in has expired: log in again", code="token_expired")
    if now - row.last_seen_at >= LAST_SEEN_RESOLUTION:
        session.execute(
            update(DeviceToken).where(DeviceToken.token_hash == token_hash).values(last_seen_at=now)
        )
        session.execute(update(Device).where(Device.id == device.id).values(last_seen_at=now))
        session.commit()
    return TokenOwner(
        token_hash=token_hash, user_id=user.id, device_id=device.id, short_code=device.short_code
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
