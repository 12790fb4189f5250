"""Server-only tables (D12): credentials, devices, device tokens, login throttling and
the sync rate limits.

They live on their own declarative base so the laptop register never gets them; the
`server` Alembic tree migrates these together with the shared domain tables.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, LargeBinary, MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..models import User
from ..models.base import NAMING_CONVENTION, UTCDateTime, utcnow

# A column object, not the string "users.id": that table lives on the domain metadata.
_USER_ID = User.__table__.c.id


class ServerBase(DeclarativeBase):
    """Server-only tables; never on a laptop."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Credential(ServerBase):
    """A user's password, as an argon2id hash (PRIVACY-SECURITY 12)."""

    __tablename__ = "credentials"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_USER_ID), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Device(ServerBase):
    """A laptop, known by the id it made for itself (D4), registered to one user.

    ``code_number`` orders the short codes (D6); rows are never deleted, only revoked,
    so a short code is never handed out twice.
    """

    __tablename__ = "devices"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_USER_ID), index=True)
    code_number: Mapped[int] = mapped_column(Integer, unique=True)
    short_code: Mapped[str] = mapped_column(String(8), unique=True)
    # Released only to this device's user after an online login (D4); never logged.
    recovery_secret: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # first sign-in
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # last sign-in
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DeviceToken(ServerBase):
    """A bearer token of one device, stored only as its SHA-256 (PRIVACY-SECURITY 14).

    A token is random and long, so a fast hash suffices: nothing to brute-force.
    """

    __tablename__ = "device_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_USER_ID), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginThrottle(ServerBase):
    """Failed logins per key, shared by every server process (ASVS 2.2.1).

    A key is ``account:<name>`` (the name as typed, normalised, whether or not such a
    user exists, so the throttling never tells which names exist), ``device:<id>`` (a
    registered device signing in its own user), ``address:<client>`` or ``total``.
    ``failures`` counts attempts in the window that started at ``window_started_at``,
    ``pending`` those of them still being checked: an attempt is counted before its
    password is checked, so parallel guesses cannot slip past, and taken back when it
    succeeds, so a correct login never counts. A row is deleted once ``expires_at``
    passes, so the table holds only live windows.
    """

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SyncRateLimit(ServerBase):
    """The request rate of one device for one kind of sync request (``server/limits.py``),
    shared by every server process.

    ``full_at_ms`` (milliseconds since the epoch) is when the device's allowance is whole
    again if it sends nothing more: each request moves it one interval (a minute divided
    by the rate) past the later of itself and now, and a request that would move it more
    than ``burst`` intervals past now is refused (the generic cell rate algorithm). One
    row per device and kind, so the table never outgrows the devices.
    """

    __tablename__ = "sync_rate_limits"

    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    full_at_ms: Mapped[int] = mapped_column(BigInteger)


SERVER_METADATA = (ServerBase.metadata,)
