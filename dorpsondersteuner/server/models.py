"""Server-only tables (D12): credentials, devices, device tokens, login throttling, the
sync rate limits, and sync's own bookkeeping: the sequence counter, the change log,
field stamps, pushed ops with their results, losing values and each device's scope.

They live on their own declarative base so the laptop register never gets them; the
`server` Alembic tree migrates these together with the shared domain tables.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Uuid,
    text,
)
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


class SyncCounter(ServerBase):
    """The one row that numbers every change (rule 3). A push takes its lock before it
    numbers anything, so numbers are committed in order and no reader ever passes one
    that is not yet visible. ``epoch`` names this database's history: a restored
    backup gets a new one, and cursors of the old one are refused."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    epoch: Mapped[str] = mapped_column(String(16))


class ChangeLogEntry(ServerBase):
    """The resulting values of one record after an accepted change (D15), numbered.

    ``request_id`` is the request the record belongs to (the request itself for a
    request), so a pull selects what a device may see by its requests; residents and
    helpers have their own visibility rules and no request here.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_request_seq", "request_id", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(8))  # create | update
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    hlc: Mapped[str | None] = mapped_column(String(64))
    op_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FieldStamp(ServerBase):
    """The version of one field (the sequence number of its last change, D3), with the
    clock value and device of that change: what a pushed edit is compared with."""

    __tablename__ = "field_stamps"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    hlc: Mapped[str | None] = mapped_column(String(64))
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class PushedOp(ServerBase):
    """Every op a laptop pushed, with its result, so a retried op gets its first answer
    and is applied once (rule 2). A rejected or lost op keeps its payload, for the
    laptop and the request's owner to see."""

    __tablename__ = "pushed_ops"
    __table_args__ = (Index("ix_pushed_ops_device_at", "device_id", "at"),)

    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_USER_ID))
    kind: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    hlc: Mapped[str] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(String(300), default="")
    # Applied: the number of its last change; rejected: a number of its own, so the
    # rejection reaches the request's owner with the pull, exactly once.
    seq: Mapped[int | None] = mapped_column(BigInteger, index=True)
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    clamped: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LosingValueEntry(ServerBase):
    """A value that lost a concurrent edit of one field, with who, when and both
    values (rule 4). Numbered like the change log, so it reaches the request's owner
    with the pull, exactly once."""

    __tablename__ = "losing_values"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the request's, then
    field: Mapped[str] = mapped_column(String(64))
    losing_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    winning_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    losing_user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    losing_device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    losing_hlc: Mapped[str] = mapped_column(String(64))
    winning_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    winning_hlc: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DeviceScope(ServerBase):
    """What a device holds, as of the last page it confirmed (D16): the requests,
    residents and helpers its user may see, each with everything recorded about it. A
    pull compares them with what the user may see now, for move-ins and move-outs."""

    __tablename__ = "device_scope"
    __table_args__ = (
        # Every pull asks whether the device holds a root to send again: most never do.
        Index(
            "ix_device_scope_stale",
            "device_id",
            sqlite_where=text("stale = 1"),
            postgresql_where=text("stale"),
        ),
    )

    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    # The device's copy may differ from the server's (it applied an op the server
    # rejected): the next pull sends the root whole again, or purges it.
    stale: Mapped[bool] = mapped_column(Boolean, default=False)


class ScopeDelta(ServerBase):
    """What the last page sent to a device changed in its scope, held until the device
    shows it committed that page by pulling from its cursor (a page and its cursor are
    one unit): then ``device_scope`` takes it over; a pull from an older cursor drops it."""

    __tablename__ = "scope_deltas"

    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(80))
    added: Mapped[list[str]] = mapped_column(JSON)
    removed: Mapped[list[str]] = mapped_column(JSON)


class ServerAccessLogEntry(ServerBase):
    """Who did what to case data on the server (D11): ids, action, counts and result,
    never content. A push is one entry with its counts; records delivered to a device
    by a pull are one entry with the count."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[str] = mapped_column(String(200), default="")


class SyncSnapshot(ServerBase):
    """A snapshot cut for one device's first sync (D17): an encrypted file, kept in
    ``sync_snapshot_chunks`` so every server process can serve it, until ``expires_at``.
    The key it is encrypted with went to the device once and is not kept here."""

    __tablename__ = "sync_snapshots"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("devices.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_USER_ID))
    cursor: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    chunk_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SyncSnapshotChunk(ServerBase):
    """One piece of a snapshot's file, in order (``number`` from 0), each
    ``chunk_bytes`` long but the last."""

    __tablename__ = "sync_snapshot_chunks"

    snapshot_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sync_snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ChecksumRecord(ServerBase):
    """One record's hash over its id and field versions (``sync/checksum.py``), and
    where it counts: a request's tree (``request_id``, ``slot``: everyone who sees the
    request, or its contacts marked professionals only), or a ``partition`` of its own
    (residents, helpers). Kept as changes are written (rule 12)."""

    __tablename__ = "checksum_records"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    hash: Mapped[int] = mapped_column(BigInteger)
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    slot: Mapped[str | None] = mapped_column(String(1))
    partition: Mapped[str | None] = mapped_column(String(100), index=True)


class ChecksumTree(ServerBase):
    """The sums of one request's tree, so a request that changes area or level moves
    between partitions as one row, not a scan: ``base`` is where it counts now (none:
    deleted), ``proj_*`` its own hash as an administrator's device holds it."""

    __tablename__ = "checksum_trees"

    request_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    base: Mapped[str | None] = mapped_column(String(80), index=True)
    resident_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    count_all: Mapped[int] = mapped_column(BigInteger, default=0)
    hash_all: Mapped[int] = mapped_column(BigInteger, default=0)
    count_professionals: Mapped[int] = mapped_column(BigInteger, default=0)
    hash_professionals: Mapped[int] = mapped_column(BigInteger, default=0)
    proj_count: Mapped[int] = mapped_column(Integer, default=0)
    proj_hash: Mapped[int] = mapped_column(BigInteger, default=0)


class ChecksumPartition(ServerBase):
    """Count and hash of one partition (area x highest level reached x professionals
    only; residents; helpers), and of its requests' administrator projection."""

    __tablename__ = "checksum_partitions"

    partition: Mapped[str] = mapped_column(String(100), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[int] = mapped_column(BigInteger, default=0)
    proj_count: Mapped[int] = mapped_column(BigInteger, default=0)
    proj_hash: Mapped[int] = mapped_column(BigInteger, default=0)


SERVER_METADATA = (ServerBase.metadata,)
