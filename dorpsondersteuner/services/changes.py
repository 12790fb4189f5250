"""Change capture (D2): every write through the services records, in the same
transaction as the data, the operations that will carry it to the server.

Kinds: ``create`` (a whole new record), ``set`` (one field), ``step`` (a workflow step
with the state it expects), ``tombstone`` (delete). Each op gets its base version from
the laptop's field-version table and a hybrid logical clock value (D3).

It also collects *what changed* in ``session.info`` so the desktop app can refresh the
views a write touched, without polling (ARCHITECTURE "Desktop app").
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..models import DeviceState, FieldVersion, OpKind, OutboxOp
from ..models.base import Base
from ..sync import PROTOCOL_VERSION
from ..sync.hlc import HybridClock
from .access import Principal
from .access_log import AccessAction, log_access

_LOGGED_AS = {
    OpKind.CREATE: AccessAction.CREATE,
    OpKind.SET: AccessAction.CHANGE,
    OpKind.STEP: AccessAction.STEP,
    OpKind.TOMBSTONE: AccessAction.CHANGE,
    OpKind.ANONYMISE: AccessAction.CHANGE,
}

# Columns that never travel: the server keeps its own bookkeeping of these.
_LOCAL_COLUMNS = frozenset({"created_at", "updated_at"})


@dataclass(frozen=True)
class Changes:
    """What a write changed: the entities (table names) and the ids of the records."""

    entities: frozenset[str] = frozenset()
    record_ids: frozenset[uuid.UUID] = frozenset()

    def touches(self, entity: str) -> bool:
        return entity in self.entities


@dataclass
class _Collector:
    entities: set[str] = field(default_factory=set)
    record_ids: set[uuid.UUID] = field(default_factory=set)


def collected_changes(session: Session) -> Changes:
    """Everything written through the services in this session so far."""
    collector: _Collector = session.info.get("changes", _Collector())
    return Changes(frozenset(collector.entities), frozenset(collector.record_ids))


def note_change(session: Session, entity: str, record_id: uuid.UUID) -> None:
    """Remember that a record changed (for the views), also when no op travels for it."""
    collector: _Collector = session.info.setdefault("changes", _Collector())
    collector.entities.add(entity)
    collector.record_ids.add(record_id)


def to_wire(value: Any) -> Any:
    """A column value as JSON: ids as text, dates and instants in ISO 8601, enums and
    flag sets as their stored value."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [to_wire(item) for item in value]
    if isinstance(value, dict):
        return {key: to_wire(item) for key, item in value.items()}
    return value


def record_fields(record: Base) -> dict[str, Any]:
    """The synced columns of a record, as JSON."""
    mapper = inspect(type(record))
    return {
        column.key: to_wire(getattr(record, column.key))
        for column in mapper.column_attrs
        if column.key not in _LOCAL_COLUMNS
    }


class ChangeRecorder:
    """Writes outbox ops for one principal's changes within one session."""

    def __init__(self, session: Session, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        state = session.scalars(select(DeviceState)).one_or_none()
        if state is None:
            raise NotFoundError("this register has no device identity")
        self._state = state

    @property
    def device_id(self) -> uuid.UUID:
        return self._state.device_id

    def create(self, record: Base) -> None:
        """Add a new record and record it as one ``create`` op."""
        self.session.add(record)
        self._op(OpKind.CREATE, record, record_fields(record), base_version=None)

    def add_without_op(self, record: Base) -> None:
        """A new record that travels inside another op (a step's history event)."""
        self.session.add(record)
        note_change(self.session, record.__tablename__, record.id)  # type: ignore[attr-defined]

    def set(self, record: Base, field_name: str, value: Any) -> bool:
        """Change one field; records a ``set`` op only when the value really changes."""
        if getattr(record, field_name) == value:
            return False
        setattr(record, field_name, value)
        payload = {"field": field_name, "value": to_wire(value)}
        self._op(OpKind.SET, record, payload, base_version=self._version(record, field_name))
        return True

    def step(self, record: Base, payload: dict[str, Any]) -> None:
        """A workflow step; its base version is that of the request's status."""
        self._op(
            OpKind.STEP, record, to_wire(payload), base_version=self._version(record, "status")
        )

    def record(self, kind: OpKind, record: Base, payload: dict[str, Any]) -> None:
        """An op of a kind without a helper of its own (the privacy operations, D9)."""
        self._op(kind, record, payload, base_version=self._version(record, None))

    def tombstone(self, record: Base, deleted_at: datetime) -> None:
        record.deleted_at = deleted_at  # type: ignore[attr-defined]
        self._op(OpKind.TOMBSTONE, record, {}, base_version=self._version(record, None))

    def _version(self, record: Base, field_name: str | None) -> int | None:
        """The version last seen of one field, or of the newest field (``None``)."""
        entity = record.__tablename__
        record_id = record.id  # type: ignore[attr-defined]
        query = select(func.max(FieldVersion.version)).where(
            FieldVersion.entity == entity, FieldVersion.record_id == record_id
        )
        if field_name is not None:
            query = query.where(FieldVersion.field == field_name)
        return self.session.scalar(query)

    def _op(
        self, kind: OpKind, record: Base, payload: dict[str, Any], base_version: int | None
    ) -> None:
        state = self._state
        clock = HybridClock(state.device_id, state.hlc_wall_ms, state.hlc_counter)
        hlc = clock.tick()
        state.hlc_wall_ms, state.hlc_counter = clock.last_wall_ms, clock.last_counter
        entity = record.__tablename__
        record_id = record.id  # type: ignore[attr-defined]
        self.session.add(
            OutboxOp(
                op_id=uuid.uuid4(),
                kind=kind,
                entity=entity,
                record_id=record_id,
                payload=payload,
                base_version=base_version,
                hlc=hlc.encode(),
                user_id=self.principal.user_id,
                device_id=state.device_id,
                protocol_version=PROTOCOL_VERSION,
            )
        )
        note_change(self.session, entity, record_id)
        if entity != "history_events":  # part of the change it records, logged with it
            log_access(self.session, self.principal.user_id, _LOGGED_AS[kind], entity, record_id)
