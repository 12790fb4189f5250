"""Declarative bases and column types shared by every table.

Three metadata collections keep the schemas apart (D12): ``Base`` holds the domain
tables that the laptop register and the server share, ``LocalBase`` the laptop-only
tables and (in ``server/``) ``ServerBase`` the server-only ones. Each Alembic tree
migrates the domain tables plus its own.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, MetaData, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..clock import now_utc

# Constraint names fixed by convention, so migrations on SQLite and PostgreSQL agree.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return now_utc()


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class UTCDateTime(TypeDecorator[datetime]):
    """An instant, stored in UTC and returned timezone-aware (D7).

    A naive datetime is refused: its meaning would depend on the laptop's clock setting.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("instants must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]


class Base(DeclarativeBase):
    """Domain tables: shared by the laptop register and the server."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class LocalBase(DeclarativeBase):
    """Laptop-only tables (device state, outbox, field versions, drafts)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordMixin:
    """UUID key made where the record is born, timestamps in UTC, and a tombstone.

    A deleted record keeps its row with ``deleted_at`` set, so the delete can travel
    to other devices (D9 *tombstone*); queries leave such rows out.
    """

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
