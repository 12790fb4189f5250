"""Apply and capture (D15): one way to change the domain tables, wherever the change
is recorded.

``ChangeRecorder`` applies each kind of change (create, set, a workflow step's resulting
values with its history event, tombstone, the privacy operations of D9) and keeps the
search index in step; *where it is recorded* is a ``ChangeSink`` the caller chooses for
the session (``record_changes_in``):

- ``OutboxSink`` (the laptop's own changes, the default): outbox ops with their base
  version from the field-version table and a hybrid logical clock value (D2, D3), and
  an access-log entry;
- ``ResultSink`` (the server): the *resulting* field values and history events, which
  the server's change log numbers and hands to the laptops that may see them;
- ``PulledSink`` (the laptop applying a pulled change, ``sync/apply.py``): only the
  field versions, so no op and no echo.

Every sink reports *what changed* in ``session.info`` so the desktop app refreshes the
views a write touched, without polling (ARCHITECTURE "Desktop app").
"""

from __future__ import annotations

import enum
import functools
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Uuid, func, inspect, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..models import DeviceState, FieldVersion, OpKind, OutboxOp
from ..models.base import Base, UTCDateTime
from ..models.local import ALL_FIELDS
from ..models.types import FlagSet
from ..sync import PROTOCOL_VERSION
from ..sync.hlc import HybridClock
from . import search
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


def from_wire(model: type[Base], field_name: str, value: Any) -> Any:
    """A JSON value back as the column's Python value (the inverse of ``to_wire``);
    raises ``ValueError`` for a field the record does not have or a value that does
    not fit it."""
    column = model.__table__.columns.get(field_name)
    if column is None:
        raise ValueError(f"{model.__tablename__} has no field {field_name!r}")
    if value is None:
        return None
    column_type = column.type
    if isinstance(column_type, FlagSet):
        return column_type.flag_cls(int(value))
    if isinstance(column_type, SAEnum) and column_type.enum_class is not None:
        return column_type.enum_class(value)
    if isinstance(column_type, Uuid):
        return uuid.UUID(str(value))
    if isinstance(column_type, UTCDateTime):
        instant = datetime.fromisoformat(str(value))
        if instant.tzinfo is None:
            raise ValueError(f"{field_name}: an instant needs its offset")
        return instant
    if isinstance(column_type, Date):
        return date.fromisoformat(str(value))
    return value


def record_fields(record: Base) -> dict[str, Any]:
    """The synced columns of a record, as JSON."""
    return {name: to_wire(getattr(record, name)) for name in synced_fields(type(record))}


@functools.cache
def synced_fields(model: type[Base]) -> tuple[str, ...]:
    """The names of a model's synced columns (``record_fields``)."""
    return tuple(
        column.key for column in inspect(model).column_attrs if column.key not in _LOCAL_COLUMNS
    )


def field_versions(model: type[Base], rows: Iterable[tuple[str, int]]) -> dict[str, int]:
    """A record's ``FieldVersion`` rows (field, version) as the version of each field:
    an ``ALL_FIELDS`` row stands for every synced field without a row of its own."""
    versions = dict(rows)
    every = versions.pop(ALL_FIELDS, None)
    if every is not None:
        for name in synced_fields(model):
            versions.setdefault(name, every)
    return versions


class ChangeSink(ABC):
    """Where changes are recorded. The recorder has already applied them."""

    #: The device a history event names (None: not known here).
    device_id: uuid.UUID | None = None
    #: Whether this database has the laptop's search index to keep in step.
    searchable: bool = True

    @abstractmethod
    def created(self, record: Base) -> None: ...

    @abstractmethod
    def field_set(self, record: Base, field_name: str, value: Any) -> None: ...

    @abstractmethod
    def stepped(
        self, request: Base, payload: dict[str, Any], changed: dict[str, Any], event: Base
    ) -> None:
        """A workflow step: what the user asked for (``payload``, the step's wire form),
        the request fields it changed, and its history event (already added)."""

    @abstractmethod
    def tombstoned(self, record: Base) -> None: ...

    @abstractmethod
    def privacy(self, kind: OpKind, record: Base) -> None: ...


@contextmanager
def record_changes_in(session: Session, sink: ChangeSink) -> Iterator[ChangeSink]:
    """Within the block, every change made through the services in this session is
    recorded in ``sink``; afterwards the session records where it did before."""
    previous = session.info.get("sink")
    session.info["sink"] = sink
    try:
        yield sink
    finally:
        if previous is None:
            session.info.pop("sink", None)
        else:
            session.info["sink"] = previous


class ChangeRecorder:
    """Applies changes to the domain tables for one principal within one session and
    records them in the session's sink (the laptop's outbox unless the caller chose
    another)."""

    def __init__(self, session: Session, principal: Principal) -> None:
        self.session = session
        self.principal = principal
        chosen = session.info.get("sink")
        self.sink: ChangeSink = chosen or OutboxSink(session, principal)

    @property
    def device_id(self) -> uuid.UUID | None:
        return self.sink.device_id

    def create(self, record: Base) -> None:
        """Add a new record."""
        self.session.add(record)
        self.sink.created(record)
        self._changed(record)

    def set(self, record: Base, field_name: str, value: Any) -> bool:
        """Change one field; recorded only when the value really changes."""
        if getattr(record, field_name) == value:
            return False
        setattr(record, field_name, value)
        self.sink.field_set(record, field_name, value)
        self._changed(record, field_name)
        return True

    def step(
        self,
        request: Base,
        payload: dict[str, Any],
        values: dict[str, Any],
        event: Base,
    ) -> None:
        """A workflow step: write the values it derived and its history event."""
        changed = {}
        for name, value in values.items():
            if getattr(request, name) != value:
                setattr(request, name, value)
                changed[name] = value
        self.session.add(event)
        self.sink.stepped(request, payload, changed, event)
        note_change(self.session, event.__tablename__, event.id)  # type: ignore[attr-defined]
        self._changed(request)

    def tombstone(self, record: Base, deleted_at: datetime) -> None:
        record.deleted_at = deleted_at  # type: ignore[attr-defined]
        self.sink.tombstoned(record)
        self._changed(record, "deleted_at")

    def privacy(self, kind: OpKind, record: Base) -> None:
        """A privacy operation of D9, applied by its service (``retention.py``)."""
        self.sink.privacy(kind, record)
        self._changed(record)

    def _changed(self, record: Base, field_name: str | None = None) -> None:
        note_change(self.session, record.__tablename__, record.id)  # type: ignore[attr-defined]
        if self.sink.searchable:
            search.keep_in_step(self.session, record, field_name)


def field_version(session: Session, record: Base, field_name: str | None) -> int | None:
    """The server version last seen of one field, or of the newest field (``None``)."""
    entity = record.__tablename__
    record_id = record.id  # type: ignore[attr-defined]
    if field_name is None:
        return session.scalar(
            select(func.max(FieldVersion.version)).where(
                FieldVersion.entity == entity, FieldVersion.record_id == record_id
            )
        )
    rows = session.execute(
        select(FieldVersion.field, FieldVersion.version).where(
            FieldVersion.entity == entity,
            FieldVersion.record_id == record_id,
            FieldVersion.field.in_((field_name, ALL_FIELDS)),
        )
    )
    return field_versions(type(record), [(name, version) for name, version in rows]).get(field_name)


class OutboxSink(ChangeSink):
    """The laptop's own changes: one outbox op each, in the same transaction (rule 2)."""

    def __init__(self, session: Session, principal: Principal) -> None:
        state = session.scalars(select(DeviceState)).one_or_none()
        if state is None:
            raise NotFoundError("this register has no device identity")
        self.session = session
        self.principal = principal
        self._state = state
        self.device_id = state.device_id

    def created(self, record: Base) -> None:
        self._op(OpKind.CREATE, record, record_fields(record), base_version=None)

    def field_set(self, record: Base, field_name: str, value: Any) -> None:
        payload = {"field": field_name, "value": to_wire(value)}
        base = field_version(self.session, record, field_name)
        self._op(OpKind.SET, record, payload, base_version=base)

    def stepped(
        self, request: Base, payload: dict[str, Any], changed: dict[str, Any], event: Base
    ) -> None:
        # The event travels inside the step op: the server recreates it with its id.
        base = field_version(self.session, request, "status")
        self._op(OpKind.STEP, request, to_wire(payload), base_version=base)

    def tombstoned(self, record: Base) -> None:
        base = field_version(self.session, record, None)
        self._op(OpKind.TOMBSTONE, record, {}, base_version=base)

    def privacy(self, kind: OpKind, record: Base) -> None:
        self._op(kind, record, {}, base_version=field_version(self.session, record, None))

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
        if entity != "history_events":  # part of the change it records, logged with it
            log_access(self.session, self.principal.user_id, _LOGGED_AS[kind], entity, record_id)


@dataclass(frozen=True)
class ResultingChange:
    """The resulting values of one record after a change: what the server's change log
    keeps and the laptops pull (``sync.protocol.Change`` without its number yet)."""

    kind: str  # "create" | "update"
    entity: str
    record_id: uuid.UUID
    values: dict[str, Any]


class ResultSink(ChangeSink):
    """The server: collects the resulting values of every change, in order, for the
    change log. A step's history event is a record created with it. The server has no
    search index: each laptop keeps its own."""

    searchable = False

    def __init__(self, device_id: uuid.UUID | None = None) -> None:
        self.device_id = device_id
        self.changes: list[ResultingChange] = []

    def created(self, record: Base) -> None:
        self._add("create", record, record_fields(record))

    def field_set(self, record: Base, field_name: str, value: Any) -> None:
        self._add("update", record, {field_name: to_wire(value)})

    def stepped(
        self, request: Base, payload: dict[str, Any], changed: dict[str, Any], event: Base
    ) -> None:
        self._add("update", request, {name: to_wire(value) for name, value in changed.items()})
        self.created(event)

    def tombstoned(self, record: Base) -> None:
        self._add("update", record, {"deleted_at": to_wire(record.deleted_at)})  # type: ignore[attr-defined]

    def privacy(self, kind: OpKind, record: Base) -> None:
        self._add("update", record, record_fields(record))

    def _add(self, kind: str, record: Base, values: dict[str, Any]) -> None:
        entity = record.__tablename__
        record_id = record.id  # type: ignore[attr-defined]
        self.changes.append(ResultingChange(kind, entity, record_id, values))


class PulledSink(ChangeSink):
    """The laptop applying a change the server derived: only the version of each field
    it wrote, so the laptop's next op on it has the right base (D3). No op, no echo."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.version = 0  # the sequence number of the change being applied
        # Versions seen in this page, written together by ``write_versions``: a row at
        # a time cost a read and a write per field of every record pulled.
        self.pending: dict[tuple[str, uuid.UUID], dict[str, int]] = {}

    def created(self, record: Base) -> None:
        # One row for all its fields, as a snapshot's records have: a row per field
        # cost a history entry 13 upserts, each marking its checksum stale. (A record
        # this laptop does not hold has no rows of its own: a purge takes them along.)
        self._seen(record, ALL_FIELDS)

    def field_set(self, record: Base, field_name: str, value: Any) -> None:
        self._seen(record, field_name)

    def stepped(
        self, request: Base, payload: dict[str, Any], changed: dict[str, Any], event: Base
    ) -> None:
        raise TypeError("a pulled step arrives as its resulting values, never as a step")

    def tombstoned(self, record: Base) -> None:
        self._seen(record, "deleted_at")

    def privacy(self, kind: OpKind, record: Base) -> None:
        raise TypeError("a pulled anonymisation arrives as its resulting values")

    def _seen(self, record: Base, field_name: str) -> None:
        self.see(record.__tablename__, record.id, field_name, self.version)  # type: ignore[attr-defined]

    def see(self, entity: str, record_id: uuid.UUID, field_name: str, version: int) -> None:
        self.pending.setdefault((entity, record_id), {})[field_name] = version

    def write_versions(self) -> None:
        """The versions seen so far, in one statement (an upsert of each row)."""
        rows = [
            {"entity": entity, "record_id": record_id, "field": name, "version": version}
            for (entity, record_id), fields in self.pending.items()
            for name, version in fields.items()
        ]
        self.pending.clear()
        if rows:
            upsert = sqlite_insert(FieldVersion)
            self.session.execute(
                upsert.on_conflict_do_update(
                    index_elements=["entity", "record_id", "field"],
                    set_={"version": upsert.excluded.version},
                ),
                rows,
            )
