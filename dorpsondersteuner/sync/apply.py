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
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Area, DeviceState, DistrictTeam, FieldVersion, User
from ..models.base import Base
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
    applied = 0
    set_aside: list[tuple[int, str]] = []
    with record_changes_in(session, sink):
        recorder = ChangeRecorder(session, principal)
        for change in changes:
            sink.version = change.seq
            reason = _apply_one(recorder, sink, models.get(change.entity), change)
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


def _apply_one(
    recorder: ChangeRecorder, sink: PulledSink, model: type[Base] | None, change: Change
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
    record = session.get(model, change.record_id)
    if record is None:
        if change.kind != "create":
            return "an update of a record this laptop does not hold"
        record = model(**{**values, "id": change.record_id})
        recorder.create(record)
        _set_areas(session, record, area_ids)
        for name, version in (change.versions or {}).items():
            # A record sent whole: each field at its own version, as the server has it,
            # so the checksums of both sides agree (rule 12).
            sink.see(change.entity, change.record_id, name, version)
        return None
    _set_areas(session, record, area_ids)
    seen = {
        **_versions(recorder.session, model, change.record_id),
        **sink.pending.get((change.entity, change.record_id), {}),
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


def _versions(session: Session, model: type[Base], record_id: uuid.UUID) -> dict[str, int]:
    rows = session.execute(
        select(FieldVersion.field, FieldVersion.version).where(
            FieldVersion.entity == model.__tablename__, FieldVersion.record_id == record_id
        )
    )
    return field_versions(model, [(row.field, row.version) for row in rows])


def _receive(session: Session, remote: HLC) -> None:
    """Every pull advances the laptop's clock past what it saw (D3)."""
    state = session.scalars(select(DeviceState)).one()
    clock = HybridClock(state.device_id, state.hlc_wall_ms, state.hlc_counter)
    clock.receive(remote)
    state.hlc_wall_ms, state.hlc_counter = clock.last_wall_ms, clock.last_counter
