"""Laptop-only tables (D12): never on the server, never synced.

The outbox, field versions, sync state and drafts join this module with the later
issues that need them.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from .base import LocalBase, UTCDateTime, utcnow
from enum import StrEnum


class RegisterKind(StrEnum):
    DEMO = "demo"  # fictional data, local only, never syncs (D1)
    REAL = "real"  # created by the first online login to a server


class DeviceState(LocalBase):
    """The one row that says which laptop this register belongs to.

    ``device_id`` is made once on the laptop and sent with every login (D4);
    ``short_code`` is given by the server at device registration (``D1`` for the demo
    register) and, with ``next_reference_number``, makes references unique without a
    server round trip (D6).
    """

    __tablename__ = "device_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    short_code: Mapped[str] = mapped_column(String(8))
    register_kind: Mapped[str] = mapped_column(String(8))
    next_reference_number: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
