"""Laptop-only tables (D12): never on the server, never synced as such.

Device state (identity, reference counter, clock), the outbox of operations waiting to
be pushed, the version the laptop last saw of every synced field, and the rows behind
the full-text search index, drafts of open forms and the snapshot of the list each user
last saw. Sync state joins with the issue that needs it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, Index, Integer, String, Uuid
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
    """One local change waiting to be pushed, written in the same transaction as the
    change itself (sync rule 2). ``position`` keeps the order the changes were made in."""

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


class FieldVersion(LocalBase):
    """The server version this laptop last saw of one field of one record (D2, D3).

    Written by sync when it applies pulled changes; read to give every op its base
    version. A field never synced has no row (base version none).
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
