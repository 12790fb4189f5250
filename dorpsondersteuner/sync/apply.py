"""Applying pulled changes on the laptop (D15).

The server checked every step against its own state and derived its effect; a change
arrives as the resulting values of one record. The laptop writes them as they are —
it never runs ``refusal()`` or derives an effect again, so laptops cannot drift from
the server — through the same ``ChangeRecorder`` as its own changes, with the
``PulledSink``: the field versions move to the change's sequence number, the search
index stays in step, the views hear of it through ``Changes``, and no op is written,
so nothing echoes back. The access log gets one entry for the batch, with its count
(D11).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from ..models import Area, DeviceState, DistrictTeam, FieldVersion, User
from ..models.base import Base
from ..services import search
from ..services.access import Principal
from ..services.access_log import AccessAction, log_access
from ..services.changes import (
    ChangeRecorder,
    Changes,
    PulledSink,
    collected_changes,
    field_versions,
    from_wire,
    record_changes_in,
)
from .hlc import HLC, HybridClock
from .protocol import Change


def _shared_models() -> dict[str, type[Base]]:
    """Every domain table a change may name, by table name."""
    return {
        mapper.class_.__tablename__: mapper.class_
        for mapper in Base.registry.mappers
        if hasattr(mapper.class_, "__tablename__")
    }


@dataclass(frozen=True)
class AppliedBatch:
    """What applying one page did: how many changes were written, which were set
    aside (with why), and what changed for the views."""

    applied: int
    set_aside: tuple[tuple[int, str], ...]  # (sequence number, reason)
    changes: Changes


def apply_changes(
    session: Session, principal: Principal, changes: Sequence[Change]
) -> AppliedBatch:
    """Write a page of pulled changes in the caller's transaction.

    A change this laptop cannot place (an unknown table or field, an update of a record
    it does not hold) is set aside and reported, never blocking the rest (rule 8); a
    later checksum and re-pull heal what it missed (rule 12).
    """
    sink = PulledSink(session)
    models = _shared_models()
    page = _Page.read(session, models, changes)
    applied = 0
    set_aside: list[tuple[int, str]] = []
    with record_changes_in(session, sink), search.kept_in_step_together(session):
        recorder = ChangeRecorder(session, principal)
        for change in changes:
            sink.version = change.seq
            reason = _apply_one(recorder, sink, page, models.get(change.entity), change)
            if reason is None:
                applied += 1
            else:
                set_aside.append((change.seq, reason))
        sink.write_versions()
    clock_values = [HLC.decode(change.hlc) for change in changes if change.hlc is not None]
    if clock_values:
        _receive(session, max(clock_values))
    if applied:
        log_access(session, principal.user_id, AccessAction.RECEIVE, "changes", count=applied)
    return AppliedBatch(applied, tuple(set_aside), collected_changes(session))


@dataclass
class _Page:
    """The records a page names that this laptop holds, and their field versions
    (field, version) as stored before the page, by (table, id): read in one query per
    table instead of two per change."""

    records: dict[tuple[str, uuid.UUID], Base]
    versions: dict[tuple[str, uuid.UUID], list[tuple[str, int]]]
    read_tables: set[str]  # the tables whose records were read (keyed by ``id``)

    @classmethod
    def read(
        cls, session: Session, models: dict[str, type[Base]], changes: Sequence[Change]
    ) -> _Page:
        ids: dict[str, set[uuid.UUID]] = {}
        for change in changes:
            if change.entity in models:
                ids.setdefault(change.entity, set()).add(change.record_id)
        page = cls({}, {}, set())
        for entity, record_ids in ids.items():
            model = models[entity]
            by_id = [column.key for column in inspect(model).primary_key] == ["id"]
            if by_id:
                page.read_tables.add(entity)
            for chunk in _chunks(sorted(record_ids)):
                if by_id:
                    held = session.scalars(select(model).where(model.id.in_(chunk)))  # type: ignore[attr-defined]
                    for record in held:
                        page.records[(entity, record.id)] = record  # type: ignore[attr-defined]
                rows = session.execute(
                    select(FieldVersion.record_id, FieldVersion.field, FieldVersion.version).where(
                        FieldVersion.entity == entity, FieldVersion.record_id.in_(chunk)
                    )
                )
                for row in rows:
                    page.versions.setdefault((entity, row.record_id), []).append(
                        (row.field, row.version)
                    )
        return page

    def record(
        self, session: Session, model: type[Base], key: tuple[str, uuid.UUID]
    ) -> Base | None:
        if key[0] in self.read_tables:
            return self.records.get(key)
        return session.get(model, key[1])


def _chunks(ids: list[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


_CHUNK = 500  # ids per statement, well below SQLite's limit of bound values

# The tables a foreign key refers to.
_REFERENCED = frozenset(
    key.column.table.name for table in Base.metadata.tables.values() for key in table.foreign_keys
)


def _apply_one(
    recorder: ChangeRecorder,
    sink: PulledSink,
    page: _Page,
    model: type[Base] | None,
    change: Change,
) -> str | None:
    """Write one change; the reason it was set aside, or None."""
    if model is None:
        return f"unknown entity {change.entity!r}"
    wire = dict(change.values)
    area_ids = wire.pop(AREA_IDS, None)
    try:
        values = {name: from_wire(model, name, value) for name, value in wire.items()}
    except ValueError as error:
        return str(error)
    session = recorder.session
    key = (change.entity, change.record_id)
    record = page.record(session, model, key)
    if record is None:
        if change.kind != "create":
            return "an update of a record this laptop does not hold"
        record = model(**{**values, "id": change.record_id})
        recorder.create(record)
        page.records[key] = record
        if change.entity in _REFERENCED:
            # The page's writes are flushed together, ordered by table rather than by
            # change: a record others may refer to (a new request's resident) is written
            # before the change that refers to it.
            session.flush()
        _set_areas(session, record, area_ids)
        for name, version in (change.versions or {}).items():
            # A record sent whole: each field at its own version, as the server has it,
            # so the checksums of both sides agree (rule 12).
            sink.see(change.entity, change.record_id, name, version)
        return None
    _set_areas(session, record, area_ids)
    seen = {
        **field_versions(model, page.versions.get(key, [])),
        **field_versions(model, sink.pending.get(key, {}).items()),
    }
    for name, value in values.items():
        if change.versions is None:
            version = change.seq
            if seen.get(name, 0) >= version:
                # This laptop holds this state of the field or a newer one already: a
                # request that moved in whole arrives at the state of its page, and the
                # change log after the cursor repeats what it holds.
                continue
        else:
            version = change.versions.get(name, change.seq)
            if seen.get(name, 0) > version:
                # A record sent whole again (a rejected op, a checksum's re-pull) comes
                # back to the server's state, over a value changed here: an unsent op
                # stays in the outbox and brings it back when pushed. A version never
                # goes back.
                continue
        sink.version = version
        if not recorder.set(record, name, value):
            # The same value (often this laptop's own change coming back): its version
            # still moves on.
            sink.field_set(record, name, value)
    sink.version = change.seq
    return None


# A user's or team's areas travel as one list of ids with the record (the server's
# ``changelog.log_directory``): membership is a table of its own, not a field.
AREA_IDS = "area_ids"


def _set_areas(session: Session, record: Base, area_ids: list[str] | None) -> None:
    if area_ids is None or not isinstance(record, User | DistrictTeam):
        return
    areas = [session.get(Area, uuid.UUID(area_id)) for area_id in area_ids]
    record.areas = [area for area in areas if area is not None]


def _receive(session: Session, remote: HLC) -> None:
    """Every pull advances the laptop's clock past what it saw (D3)."""
    state = session.scalars(select(DeviceState)).one()
    clock = HybridClock(state.device_id, state.hlc_wall_ms, state.hlc_counter)
    clock.receive(remote)
    state.hlc_wall_ms, state.hlc_counter = clock.last_wall_ms, clock.last_counter
