"""Push: a laptop's ops, each applied exactly once, each with its own result (rules 2,
4, 6, 8; D3, D15).

The whole batch is one transaction that holds the sequence counter's lock (see
``changelog``), so pushes from every server process are applied one after the other:
a retried op id — in the same batch, a later batch, or on another process after a
lost response — finds its first result in ``pushed_ops`` and gets it again. Each op
runs in a savepoint: a rejected op leaves nothing behind and never blocks the rest.

What an op may write is the core's answer (``services.pushed``, ``workflow.take_step``);
this module adds only what a server knows: the versions of the fields, which decide
whether two edits were concurrent, and the clock values that decide which one wins.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError as PydanticError
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...clock import now_ms, now_utc
from ...errors import (
    ConflictError,
    DorpsondersteunerError,
    ForbiddenError,
    NotFoundError,
    ValidationError,
)
from ...models import HelpRequest, OpKind
from ...models.base import Base
from ...services import pushed, workflow
from ...services.access import Principal, administers
from ...services.changes import ChangeRecorder, ResultSink, record_changes_in, to_wire
from ...services.workflow import Step
from ...sync import PROTOCOL_VERSION
from ...sync.hlc import HLC, clamp
from ...sync.protocol import Op, OpResult, PushResult, RejectReason, SetPayload, StepPayload
from ..models import DeviceScope, FieldStamp, PushedOp, ServerAccessLogEntry
from .changelog import Numbering, Origin, keep_losing_value, write

# The oldest protocol version whose ops are still accepted (rule 10).
OLDEST_PROTOCOL_VERSION = 1

# Records of a request: their root in a device's scope is the request.
_CHILD_ENTITIES = frozenset({"contacts", "follow_ups", "arranged_help", "history_events"})

# Codes of the core's ConflictError that have a reason of their own.
_CONFLICT_REASONS = {
    "anonymised": RejectReason.ANONYMISED,
    "closed": RejectReason.CLOSED,
    "exists": RejectReason.EXISTS,
}
_VALIDATION_REASONS = {
    "field_not_writable": RejectReason.FIELD_NOT_WRITABLE,
    "unknown_field": RejectReason.UNKNOWN_FIELD,
    "unknown_entity": RejectReason.UNKNOWN_ENTITY,
}


class Rejected(Exception):
    """An op refused for a reason of the sync itself (not one of the core's rules)."""

    def __init__(self, reason: RejectReason, detail: str = "", field: str | None = None) -> None:
        super().__init__(detail)
        self.reason, self.detail, self.field = reason, detail, field


@dataclass
class _Outcome:
    result: OpResult = OpResult.APPLIED
    seq: int | None = None


def push(
    session: Session, principal: Principal, device_id: uuid.UUID, ops: list[Op]
) -> list[PushResult]:
    """Apply a batch in the caller's transaction (committed by the caller)."""
    numbering = Numbering.locked(session)
    results = [_push_one(session, principal, device_id, numbering, op) for op in ops]
    numbering.save()
    counts = Counter(result.result.value for result in results)
    session.add(
        ServerAccessLogEntry(
            user_id=principal.user_id,
            device_id=device_id,
            action="push",
            count=len(ops),
            result=", ".join(f"{name} {count}" for name, count in sorted(counts.items())),
        )
    )
    return results


def _result_of(row: PushedOp) -> PushResult:
    return PushResult(
        op_id=row.op_id,
        result=OpResult(row.result),
        seq=row.seq,
        reason=RejectReason(row.reason) if row.reason else None,
        field=row.field,
        detail=row.detail,
        clamped=row.clamped,
    )


def _push_one(
    session: Session, principal: Principal, device_id: uuid.UUID, numbering: Numbering, op: Op
) -> PushResult:
    known = session.get(PushedOp, op.op_id)
    if known is not None:
        if known.device_id != device_id:
            # Another device's op id: its result is none of this device's business.
            return PushResult(
                op_id=op.op_id,
                result=OpResult.REJECTED,
                reason=RejectReason.NOT_YOUR_IDENTITY,
                detail="this op id belongs to another device",
            )
        return _result_of(known)
    hlc, clamped = _clock_value(op)
    origin = Origin(op.op_id, hlc, principal.user_id, device_id)
    savepoint = session.begin_nested()
    sink = ResultSink(device_id)
    try:
        _check_identity(op, principal, device_id)
        with record_changes_in(session, sink):
            outcome = _apply(session, principal, numbering, op, origin)
        session.flush()
    except (DorpsondersteunerError, Rejected, IntegrityError, PydanticError, ValueError) as error:
        savepoint.rollback()
        reason, field, detail = _rejection(error)
        row = _kept(op, device_id, principal, OpResult.REJECTED, clamped)
        row.reason, row.field, row.detail = reason.value, field, detail[:300]
        row.request_id = _send_again(session, device_id, op)
        row.seq = numbering.next()
    else:
        savepoint.commit()
        seq = write(session, numbering, sink.changes, origin)
        row = _kept(op, device_id, principal, outcome.result, clamped)
        row.seq = outcome.seq or seq
        if outcome.result is OpResult.APPLIED:
            row.payload = None
    session.add(row)
    return _result_of(row)


def _send_again(session: Session, device_id: uuid.UUID, op: Op) -> uuid.UUID:
    """The laptop applied a rejected op to its own copy: its next pull brings the root
    the op touched whole again, as the server holds it (or purges it, when the user may
    no longer see it), so the laptop's copy returns to the server's state; its own
    refused record stays on the laptop, to be shown."""
    root = op.record_id
    if op.entity in _CHILD_ENTITIES:
        if op.kind is OpKind.CREATE:
            root = _uuid_or_none(op.payload.get("request_id")) or root
        else:
            child = session.get(pushed.model_of(op.entity), op.record_id)
            root = getattr(child, "request_id", None) or root
    session.execute(
        update(DeviceScope)
        .where(DeviceScope.device_id == device_id, DeviceScope.record_id == root)
        .values(stale=True)
    )
    return root


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _kept(
    op: Op, device_id: uuid.UUID, principal: Principal, result: OpResult, clamped: bool
) -> PushedOp:
    return PushedOp(
        op_id=op.op_id,
        device_id=device_id,
        user_id=principal.user_id,
        kind=op.kind.value,
        entity=op.entity,
        record_id=op.record_id,
        hlc=op.hlc,
        result=result.value,
        clamped=clamped,
        detail="",
        payload=op.payload,
    )


def _clock_value(op: Op) -> tuple[str, bool]:
    """The op's clock value as the server compares it: clamped when more than five
    minutes ahead of the server's clock, and flagged (D3); unreadable ones sort first."""
    try:
        value = HLC.decode(op.hlc)
    except ValueError:
        return HLC(0, 0, op.device_id).encode(), False
    value, clamped = clamp(value, now_ms())
    return value.encode(), clamped


def _check_identity(op: Op, principal: Principal, device_id: uuid.UUID) -> None:
    if op.user_id != principal.user_id or op.device_id != device_id:
        raise Rejected(RejectReason.NOT_YOUR_IDENTITY, "the op's user or device is not the token's")
    if not OLDEST_PROTOCOL_VERSION <= op.protocol_version <= PROTOCOL_VERSION:
        raise Rejected(
            RejectReason.PROTOCOL_VERSION,
            f"ops of protocol version {op.protocol_version} are not accepted "
            f"({OLDEST_PROTOCOL_VERSION}–{PROTOCOL_VERSION})",
        )
    HLC.decode(op.hlc)  # raises ValueError → rejected below
    op.checked()


def _rejection(error: Exception) -> tuple[RejectReason, str | None, str]:
    if isinstance(error, Rejected):
        return error.reason, error.field, error.detail
    if isinstance(error, NotFoundError):
        return RejectReason.NOT_FOUND, None, "no such record"
    if isinstance(error, ForbiddenError):
        return RejectReason.FORBIDDEN, None, str(error)
    if isinstance(error, ConflictError):
        code = str(error.code) if error.code else ""
        return _CONFLICT_REASONS.get(code, RejectReason.REFUSED), None, code or str(error)
    if isinstance(error, ValidationError):
        code = str(error.code) if error.code else ""
        reason = _VALIDATION_REASONS.get(code, RejectReason.INVALID)
        return reason, error.field, str(error)
    if isinstance(error, PydanticError):
        # Where and why, never the input: it may hold what a user typed.
        first = error.errors(include_input=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        return RejectReason.INVALID, where or None, f"{where}: {first['msg']}"
    if isinstance(error, IntegrityError):
        return RejectReason.INVALID, None, "it refers to a record that does not exist"
    return RejectReason.INVALID, None, str(error).splitlines()[0]


def _apply(
    session: Session, principal: Principal, numbering: Numbering, op: Op, origin: Origin
) -> _Outcome:
    recorder = ChangeRecorder(session, principal)
    match op.kind:
        case OpKind.CREATE:
            record = pushed.create(session, principal, op.entity, op.record_id, op.payload)
            session.add(record)
            session.flush()  # the column defaults, in the values logged
            recorder.create(record)
            return _Outcome()
        case OpKind.SET:
            change = SetPayload.model_validate(op.payload)
            record = pushed.record_for_change(session, principal, op.entity, op.record_id)
            value = pushed.set_value(session, principal, record, change.field, change.value)
            return _set(session, recorder, numbering, op, origin, record, change.field, value)
        case OpKind.STEP:
            _step(session, principal, op.record_id, op.step())
            return _Outcome()
        case OpKind.TOMBSTONE:
            record = pushed.record_for_tombstone(session, principal, op.entity, op.record_id)
            if record.deleted_at is None:  # type: ignore[attr-defined]
                recorder.tombstone(record, now_utc())
            return _Outcome()
        case OpKind.ANONYMISE:
            existing = session.get(pushed.model_of(op.entity), op.record_id)
            if getattr(existing, "anonymised_at", None) is not None:
                return _Outcome()  # the server anonymised it as well
            raise Rejected(
                RejectReason.UNSUPPORTED,
                "the server anonymises records after their retention period itself",
            )
    raise Rejected(RejectReason.UNSUPPORTED, f"{op.kind.value} ops are not taken from laptops")


def _set(
    session: Session,
    recorder: ChangeRecorder,
    numbering: Numbering,
    op: Op,
    origin: Origin,
    record: Base,
    field: str,
    value: Any,
) -> _Outcome:
    """A field edit, against the field's version: an edit based on an older version
    than the current one, from another device, is concurrent with the edit that made
    the current one, and the later clock value wins (rule 4, D3). The loser is kept."""
    record_id: uuid.UUID = record.id  # type: ignore[attr-defined]
    stamp = session.get(FieldStamp, (op.entity, record_id, field))
    assert origin.hlc is not None
    if stamp is None or stamp.version <= (op.base_version or 0):
        recorder.set(record, field, value)
        return _Outcome()
    if stamp.device_id == origin.device_id:
        # This device's own edits arriving out of order: never a conflict; an older one
        # does not overwrite a newer one.
        if stamp.hlc is None or origin.hlc > stamp.hlc:
            recorder.set(record, field, value)
        return _Outcome()
    current = to_wire(getattr(record, field))
    if getattr(record, field) == value:
        return _Outcome()  # the same value: nothing to choose between
    if stamp.hlc is None or origin.hlc > stamp.hlc:
        recorder.set(record, field, value)
        keep_losing_value(
            session,
            numbering,
            entity=op.entity,
            record_id=record_id,
            field=field,
            losing_value=current,
            winning_value=to_wire(value),
            loser=Origin(None, stamp.hlc or "", stamp.user_id, stamp.device_id),
            winner=origin,
        )
        return _Outcome(OpResult.APPLIED_OVER)
    seq = keep_losing_value(
        session,
        numbering,
        entity=op.entity,
        record_id=record_id,
        field=field,
        losing_value=to_wire(value),
        winning_value=current,
        loser=origin,
        winner=Origin(None, stamp.hlc, stamp.user_id, stamp.device_id),
    )
    return _Outcome(OpResult.LOST, seq)


def _step(session: Session, principal: Principal, request_id: uuid.UUID, step: StepPayload) -> None:
    """A workflow step, taken again on the server's state (rule 6, D15): refused when
    the request has left the level and status it was taken on, or when ``refusal()``
    refuses it now; otherwise its effect is derived here."""
    if step.step is Step.REASSIGN and administers(principal):
        # An administrator reassigns without seeing content (D5); take_step checks it.
        request = session.get(HelpRequest, request_id)
        if request is None:
            raise NotFoundError("no such request")
    else:
        request = workflow.visible_request(session, principal, request_id)
    if (request.level, request.status) != (step.expect.level, step.expect.status):
        raise Rejected(
            RejectReason.STALE,
            f"the request is now {request.level.value}/{request.status.value}, "
            f"the step was taken on {step.expect.level.value}/{step.expect.status.value}",
        )
    ask = workflow.StepInput(
        step.step, step.reason, step.outcome, step.scope, step.on, step.new_owner_id
    )
    latest = now_utc() + timedelta(minutes=5)
    at: datetime = min(step.at, latest)
    workflow.take_step(session, principal, request_id, ask, event_id=step.event_id, at=at)
