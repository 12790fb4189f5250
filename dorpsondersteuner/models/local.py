"""Laptop-only tables (D12): never on the server, never synced as such.

Device state (identity, reference counter, clock), the outbox of operations waiting to
be pushed, the version the laptop last saw of every synced field, and the rows behind
the full-text search index, drafts of open forms and the snapshot of the list each user
last saw; and a real register's sync state: the server, the cursor, the device token,
and what the server said about this laptop's ops and others' (sync/engine.py).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import LocalBase, UTCDateTime, utcnow
from .types import text_enum


class RegisterKind(StrEnum):
    DEMO = "demo"  # fictional data, local only, never syncs (D1)
    REAL = "real"  # created by the first online login to a server


class DeviceState(LocalBase):
    """The one row that says which laptop this register belongs to.

    ``device_id`` is made once on the laptop and sent with every login (D4);
    ``short_code`` is given by the server at device registration (``D1`` for the demo
    register) and, with ``next_reference_number``, makes references unique without a
    server round trip (D6). ``hlc_wall_ms``/``hlc_counter`` are the last hybrid logical
    clock value this laptop issued or saw (D3). ``demo_dated_for`` is the local day a
    demo register's dates were made for, so that opening it on a later day can move them
    along (demo/calendar.py); empty on a real register.
    """

    __tablename__ = "device_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    short_code: Mapped[str] = mapped_column(String(8))
    register_kind: Mapped[str] = mapped_column(String(8))
    next_reference_number: Mapped[int] = mapped_column(Integer, default=1)
    hlc_wall_ms: Mapped[int] = mapped_column(Integer, default=0)
    hlc_counter: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    demo_dated_for: Mapped[date | None] = mapped_column(Date)


class OpKind(StrEnum):
    """Operation kinds in the outbox and on the wire (D2)."""

    CREATE = "create"  # a whole new record
    SET = "set"  # one field of one record
    STEP = "step"  # a workflow step, with the level and status it expects
    TOMBSTONE = "tombstone"  # a user deleted the record
    ANONYMISE = "anonymise"  # retention: personal data and free text removed (D9)


class OutboxOp(LocalBase):
    """One local change, written in the same transaction as the change itself (sync
    rule 2). ``position`` keeps the order the changes were made in.

    The op stays after the server answered, with that answer (``result`` and the
    reason of a rejection): applied ops for ``ACKNOWLEDGED_KEPT_DAYS`` (a server
    restored from a backup gets them again), lost and rejected ones until the user has
    seen them. So every op ever made is in one of these states (the ledger):

    - pending: no ``result`` and not ``not_delivered_reason``;
    - applied (``applied`` or ``applied_over``), lost, rejected: the server's answer;
    - not delivered: ``not_delivered_reason`` set — the laptop purged the record it is
      on (D16) before the server took it. It is still pushed once, so the server logs
      it and answers (``result``, usually rejected); it stays on the list for the user.
    """

    __tablename__ = "outbox"

    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    kind: Mapped[OpKind] = mapped_column(text_enum(OpKind))
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    base_version: Mapped[int | None] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    protocol_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The server's answer (sync.protocol.PushResult); none while the op is pending.
    result: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(String(300))
    seq: Mapped[int | None] = mapped_column(Integer)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Why the op could not be delivered (``sync.engine.NotDelivered``), and since when.
    not_delivered_reason: Mapped[str | None] = mapped_column(String(32))
    not_delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


ACKNOWLEDGED_KEPT_DAYS = 30


class SyncState(LocalBase):
    """The one row that ties a real register to its server and user (D1, D4); a demo
    register has none and never syncs.

    ``token`` is the device token: a secret, kept only here, inside the encrypted
    register (no OS keyring is used). ``cursor`` moves only in the transaction that
    applies the page it came with (rule 3). ``last_sync_at`` is the end of the last
    sync that sent everything and pulled to the end; ``last_problem`` a stable code
    (``sync.engine.Problem``) of the last sync that did not, cleared by the next good
    one; ``last_checksum`` the last comparison with the server (``ok`` or
    ``mismatch``; none while there was none). ``snapshot_ticket`` is the first sync's
    snapshot while it downloads (``sync.protocol.SnapshotTicket`` as JSON, its one-time
    key included): kept here, inside the encrypted register, so a download broken off
    resumes at the next sync, and dropped in the transaction that imports it.
    ``checksum_sums_for`` says for whom the kept checksum sums (``HeldChecksum``) are
    made — ``content`` or ``projection`` (an administrator's) — and is empty while they
    are to be made anew: then the triggers that keep them do nothing, so a snapshot
    import or a start from scratch writes its field versions at full speed.
    """

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    server_url: Mapped[str] = mapped_column(String(300))
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    token: Mapped[str | None] = mapped_column(String(200))
    token_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cursor: Mapped[str | None] = mapped_column(String(80))
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_problem: Mapped[str | None] = mapped_column(String(32))
    last_problem_detail: Mapped[str | None] = mapped_column(String(300))
    last_problem_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_checksum: Mapped[str | None] = mapped_column(String(16))
    last_checksum_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    restores_seen: Mapped[int] = mapped_column(Integer, default=0)
    snapshot_ticket: Mapped[str | None] = mapped_column(String(2000))
    checksum_sums_for: Mapped[str | None] = mapped_column(String(16))


class ReceivedLosingValue(LocalBase):
    """A value that lost a concurrent edit of one field, as the server sent it (rule
    4; ``sync.protocol.LosingValue``): for the request's owner to review, and for the
    one who lost it. Purged with its request."""

    __tablename__ = "received_losing_values"
    __table_args__ = (UniqueConstraint("seq", "entity", "record_id", "field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer)
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    field: Mapped[str] = mapped_column(String(64))
    losing_value: Mapped[Any] = mapped_column(JSON)
    winning_value: Mapped[Any] = mapped_column(JSON)
    losing_user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    losing_device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    losing_hlc: Mapped[str] = mapped_column(String(64))
    winning_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    winning_hlc: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReceivedRejectedOp(LocalBase):
    """A colleague's op on a request this user owns that the server rejected, with its
    reason (rule 6; ``sync.protocol.RejectedOp``): for the owner to see. Purged with
    its request."""

    __tablename__ = "received_rejected_ops"

    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    request_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    reason: Mapped[str] = mapped_column(String(32))
    field: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(String(300))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# ``FieldVersion.field`` of the row that holds the version of every synced field of
# the record without a row of its own.
ALL_FIELDS = "*"


class FieldVersion(LocalBase):
    """The server version this laptop last saw of one field of one record (D2, D3).

    Written by sync when it applies pulled changes; read to give every op its base
    version. A field never synced has no row (base version none). A record imported
    from a snapshot or pulled new has one row for all its synced fields (``ALL_FIELDS``:
    the version its creation gave them) and a row of its own for each field changed
    since: 3 million rows instead of 250,000 make the first sync's import slow
    (``services.changes.field_versions`` reads both forms).
    """

    __tablename__ = "field_versions"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class SearchRow(LocalBase):
    """One row of the full-text index per source record (D13): a request's question, a
    resident's name and address, or a contact's summary.

    The words live only in the contentless FTS5 table ``search_fts`` (same rowid); this
    table keeps what search needs to apply visibility: the request (or resident) the
    words belong to and the "professionals only" flag.
    """

    __tablename__ = "search_rows"
    __table_args__ = (
        Index("ix_search_rows_source", "source_kind", "source_id", unique=True),
        Index("ix_search_rows_request", "request_id"),
        Index("ix_search_rows_resident", "resident_id"),
    )

    rowid: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_kind: Mapped[str] = mapped_column(String(16))  # request | resident | contact | follow_up
    source_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    resident_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    professionals_only: Mapped[bool] = mapped_column(Boolean, default=False)


class Draft(LocalBase):
    """The content of an open form, saved as the user types, so nothing typed is lost
    to a crash or a flat battery. ``form`` names the form and ``key`` the record it
    edits (empty for a new one); the draft goes when the form is saved or discarded."""

    __tablename__ = "drafts"

    form: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ListSnapshot(LocalBase):
    """What one user last saw of one list view, so the next start can show it at once.

    ``content`` holds the list as it was drawn: the header labels, the first rows as the
    display strings of each column and each row's level key (for the coloured dot), in
    ``language``. ``dorpsondersteuner/snapshot.py`` reads it with plain ``sqlcipher3``
    before SQLAlchemy is imported, and the program shows it read-only until the live
    list replaces it (well under a second later).

    It is personal data (residents' names, addresses, references), kept only inside the
    encrypted register and only for the ``username`` who saw it; it is never synced.
    Whenever that user's access to a request ends — the sync purge of sync rule 7, a
    later issue — the user's snapshots must be cleared with it, as must be done when a
    user is removed from the laptop.
    """

    __tablename__ = "list_snapshots"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    view: Mapped[str] = mapped_column(String(32), primary_key=True)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    language: Mapped[str] = mapped_column(String(8))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccessLogEntry(LocalBase):
    """One entry of the laptop's access log (D11; NEN 7513): who did what to which
    record, when, from which device, and the result. Ids only, never content, so
    administrators may read it. Each entry's hash covers the previous one's, so a
    changed or removed entry is detectable; the server anchors the chain at sync."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_record", "record_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    result: Mapped[str] = mapped_column(String(16), default="ok")
    count: Mapped[int | None] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class HeldChecksum(LocalBase):
    """One synced record's part of the laptop's checksum (rule 12; ``sync/checksum.py``):
    the partition it counts in and its hash over its field versions, so a comparison
    reads the partitions' sums (``HeldChecksumSum``) instead of every field version.

    Triggers (register migration 0012) mark a row ``stale`` in the transaction that
    changes what it is made of — the record's field versions, or what places it: its
    request's area, highest level, deletion and resident, a contact's "professionals
    only", a resident's or helper's area and deletion. The next comparison computes the
    stale rows again (``sync.checksum.local_sums``). ``request_id`` is a request's own
    id or the request a record belongs to, so a request that moves marks its tree.
    """

    __tablename__ = "held_checksums"
    __table_args__ = (
        Index("ix_held_checksums_request", "request_id"),
        Index("ix_held_checksums_stale", "stale", sqlite_where=text("stale = 1")),
    )

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    request_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    partition: Mapped[str | None] = mapped_column(String(120))
    hash: Mapped[int | None] = mapped_column(Integer)
    stale: Mapped[bool] = mapped_column(Boolean, default=True)


class HeldChecksumSum(LocalBase):
    """The count and hash sum (modulo ``sync.checksum.MOD``) of one partition of the
    records this laptop holds, kept with ``HeldChecksum``."""

    __tablename__ = "held_checksum_sums"

    partition: Mapped[str] = mapped_column(String(120), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[int] = mapped_column(Integer, default=0)
