"""Push: a laptop's ops, each applied exactly once, each with its own result (rules 2,
4, 6, 8; D3, D15).

The whole batch is one transaction. It first locks what it may conflict over: the
device (one push of a device at a time, on any server process, so a retried op id —
in the same batch, a later batch, or on another process after a lost response — finds
its first result in ``pushed_ops`` and gets it again) and the rows of the roots its
ops touch (so an edit reads the field version a concurrent push wrote, and a step the
state it left). Ops run in savepoints — one for a run of ops, one of its own for an op
that fails (``_run``): a rejected op leaves nothing behind and never blocks the rest.
Only then it takes the sequence counter's lock and numbers the batch's changes in op
order (``changelog``): pushes that touch other requests are applied side by side, and
still commit in number order.

What an op may write is the core's answer (``services.pushed``, ``workflow.take_step``);
this module adds only what a server knows: the versions of the fields, which decide
whether two edits were concurrent, and the clock values that decide which one wins.
"""

from __future__ import annotations

import math
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError as PydanticError
from sqlalchemy import func, insert, inspect, select, update
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
from ...models.base import Base, utcnow
from ...services import pushed, workflow
from ...services.access import Principal, administers
from ...services.changes import (
    ChangeRecorder,
    ResultingChange,
    ResultSink,
    record_changes_in,
    to_wire,
)
from ...services.workflow import Step
from ...sync import PROTOCOL_VERSION
from ...sync.hlc import HLC, clamp
from ...sync.protocol import Op, OpResult, PushResult, RejectReason, SetPayload, StepPayload
from ..models import DeviceScope, FieldStamp, PushedOp, ServerAccessLogEntry
from . import checksum
from .changelog import LogRows, LosingValue, Numbering, Origin, losing_value

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
    losing: LosingValue | None = None  # a concurrent value kept for review


@dataclass(frozen=True)
class _Stamp:
    """A field's stamp written earlier in this batch, not yet numbered: newer than any
    version a laptop can name."""

    hlc: str | None
    device_id: uuid.UUID | None
    user_id: uuid.UUID | None
    version: float = math.inf


# A field's stamp as stored (a row of ``field_stamps``), or None when it has none.
_Stamps = dict[tuple[str, uuid.UUID, str], Any]


@dataclass
class _Done:
    """One op of the batch, applied or rejected, waiting for its numbers."""

    row: dict[str, Any]  # its ``pushed_ops`` row, without ``seq``
    origin: Origin
    changes: list[ResultingChange] = field(default_factory=list)
    outcome: _Outcome | None = None  # None: rejected


@dataclass
class _Batch:
    """What a push knows while it applies its ops: the results of ops seen before
    (earlier pushes, or earlier in this one), the stamps it wrote, its ops so far."""

    principal: Principal
    device_id: uuid.UUID
    known: dict[uuid.UUID, PushedOp | _Done]
    stored: _Stamps  # the stamps of the fields the batch edits, as they were
    records: list[Any]  # the records it touches, loaded in advance
    new: set[tuple[str, uuid.UUID]]  # the ids its creates name that no record had
    stamps: dict[tuple[str, uuid.UUID, str], _Stamp] = field(default_factory=dict)
    done: list[_Done] = field(default_factory=list)


def push(
    session: Session, principal: Principal, device_id: uuid.UUID, ops: list[Op]
) -> list[PushResult]:
    """Apply a batch in the caller's transaction (committed by the caller).

    Locks first: this device's pushes one at a time, then the roots the ops touch (see
    ``_lock``), so a retried op finds its first result and an edit sees the version a
    concurrent one wrote. The ops are applied, and only then the counter is locked, the
    batch's changes numbered in op order and written: pushes that touch other roots
    run side by side, and numbers still commit in order (``changelog``).
    """
    if not ops:
        # A laptop with nothing to send reads and writes no case data: nothing to log,
        # lock or number (so the no-op sync writes nothing; the pull is logged when it
        # delivers records).
        return []
    stored, records, new = _lock_and_load(session, device_id, ops)
    known: dict[uuid.UUID, PushedOp | _Done] = {
        row.op_id: row
        for row in session.scalars(
            select(PushedOp).where(PushedOp.op_id.in_({op.op_id for op in ops}))
        )
    }
    batch = _Batch(principal, device_id, known, stored, records, new)
    results: list[PushResult | _Done] = []
    position = 0
    while position < len(ops):
        position += _run(session, batch, ops[position:], results)
        if position < len(ops):
            # The op a run stopped at, in a savepoint of its own: rejected, most likely.
            results.append(_push_one(session, batch, ops[position], alone=True))
            position += 1
    if batch.done:  # else a retried batch, answered from before
        _number(session, batch.done)
    answers = [_answer(item) for item in results]
    _log(session, principal, device_id, answers)
    return answers


def _number(session: Session, done: list[_Done]) -> None:
    """Under the counter's lock, held until the commit: the batch's changes numbered in
    op order and written, each op's row with its number (a rejected op's too, for the
    request's owner), a statement per table.

    Before it, the field versions of the records changed are read for the checksums:
    this transaction has written each of them (an UPDATE or INSERT), so no other can
    change them or their stamps until it commits."""
    before = checksum.stamped(
        session, [(change.entity, change.record_id) for item in done for change in item.changes]
    )
    # The numbers it takes below: the counter moves on as it is locked.
    count = sum(
        1 if item.outcome is None else len(item.changes) + (item.outcome.losing is not None)
        for item in done
    )
    numbering = Numbering.locked(session, count)
    log = LogRows()
    for item in done:
        if item.outcome is None:
            item.row["seq"] = numbering.next()
            continue
        losing_seq = None
        if item.outcome.losing is not None:
            losing_seq = log.add_losing(numbering, item.outcome.losing)
        seq = log.add(session, numbering, item.changes, item.origin)
        item.row["seq"] = losing_seq if item.outcome.result is OpResult.LOST else seq
    log.insert(session, before)
    session.execute(insert(PushedOp), [item.row for item in done])
    numbering.save()


def _log(
    session: Session, principal: Principal, device_id: uuid.UUID, answers: list[PushResult]
) -> None:
    counts = Counter(answer.result.value for answer in answers)
    session.add(
        ServerAccessLogEntry(
            user_id=principal.user_id,
            device_id=device_id,
            action="push",
            count=len(answers),
            result=", ".join(f"{name} {count}" for name, count in sorted(counts.items())),
        )
    )


def _lock_and_load(
    session: Session, device_id: uuid.UUID, ops: list[Op]
) -> tuple[_Stamps, list[Any], set[tuple[str, uuid.UUID]]]:
    """Lock what the batch may conflict over and load what it reads, a statement per
    table instead of a few per op: the stamps of the fields its ``set`` ops edit, the
    records (held by the batch: the session keeps only weak references), and which ids
    its creates name that no record has.

    PostgreSQL: this device's pushes one after another (a retry waits for the push it
    repeats), then the rows of the roots the ops touch — residents, helpers, requests (a
    request stands for all its records) — in one order, so two pushes never wait for
    each other in a circle; what is read is read after the locks. SQLite's transaction
    holds the write lock from its start."""
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres:
        key = int.from_bytes(device_id.bytes[:8], "big", signed=True)
        session.execute(select(func.pg_advisory_xact_lock(key)))
    roots: dict[str, set[uuid.UUID]] = {
        "residents": set(),
        "helpers": set(),
        "help_requests": set(),
    }
    children: dict[str, set[uuid.UUID]] = {}
    created: dict[str, set[uuid.UUID]] = {}
    edited: set[tuple[str, uuid.UUID, str]] = set()
    for op in ops:
        if op.kind is OpKind.SET and isinstance(op.payload.get("field"), str):
            edited.add((op.entity, op.record_id, op.payload["field"]))
        if op.kind is OpKind.CREATE and op.entity in pushed.MODELS:
            created.setdefault(op.entity, set()).add(op.record_id)
        if op.entity in roots:
            roots[op.entity].add(op.record_id)
        elif op.entity in _CHILD_ENTITIES:
            parent = None
            if op.kind is OpKind.CREATE:
                parent = _uuid_or_none(op.payload.get("request_id"))
            if parent is not None:
                roots["help_requests"].add(parent)
            else:
                children.setdefault(op.entity, set()).add(op.record_id)
    for entity, ids in children.items():
        model: Any = pushed.model_of(entity)
        roots["help_requests"].update(
            session.scalars(select(model.request_id).where(model.id.in_(ids)))
        )
    # The records of a request that the creates name are loaded with those edited:
    # whichever exist, one statement per table.
    loaded = dict(children)
    for entity, ids in created.items():
        if entity not in roots:
            loaded[entity] = loaded.get(entity, set()) | ids
    records: list[Any] = []
    for entity, ids in [*roots.items(), *loaded.items()]:
        if ids:
            model = pushed.model_of(entity)
            query = select(model).where(model.id.in_(ids)).order_by(model.id)
            if postgres and entity in roots:
                query = query.with_for_update(key_share=True)
            records += session.scalars(query).all()
    new = {(entity, record_id) for entity, ids in created.items() for record_id in ids}
    new -= {(record.__tablename__, record.id) for record in records}
    stamps: _Stamps = dict.fromkeys(edited)
    ids_of: dict[str, set[uuid.UUID]] = {}
    for entity, record_id, _ in edited:
        ids_of.setdefault(entity, set()).add(record_id)
    for entity, ids in sorted(ids_of.items()):
        # By entity and id: the stamps' primary key leads with the entity.
        rows = session.execute(
            select(
                FieldStamp.entity,
                FieldStamp.record_id,
                FieldStamp.field,
                FieldStamp.version,
                FieldStamp.hlc,
                FieldStamp.device_id,
                FieldStamp.user_id,
            ).where(FieldStamp.entity == entity, FieldStamp.record_id.in_(ids))
        )
        for row in rows:
            if (row.entity, row.record_id, row.field) in stamps:
                stamps[(row.entity, row.record_id, row.field)] = row
    return stamps, records, new


def _answer(item: PushResult | _Done) -> PushResult:
    if isinstance(item, PushResult):
        return item
    return _result_of(item.row)


def _result_of(row: PushedOp | dict[str, Any]) -> PushResult:
    values = row if isinstance(row, dict) else {name: getattr(row, name) for name in _RESULT}
    return PushResult(
        op_id=values["op_id"],
        result=OpResult(values["result"]),
        seq=values["seq"],
        reason=RejectReason(values["reason"]) if values["reason"] else None,
        field=values["field"],
        detail=values["detail"],
        clamped=values["clamped"],
    )


_RESULT = ("op_id", "result", "seq", "reason", "field", "detail", "clamped")


class _Stop(Exception):
    """An op failed inside a run (``_run``)."""


# What rejects an op: the core's refusals, the sync's own, and a value that does not fit.
_REJECTING = (DorpsondersteunerError, Rejected, IntegrityError, PydanticError, ValueError)


def _run(
    session: Session,
    batch: _Batch,
    ops: list[Op],
    results: list[PushResult | _Done],
    *,
    flush_each: bool = False,
) -> int:
    """Apply ``ops`` one after another in one savepoint, instead of one savepoint each
    (two round trips per op), their edits flushed together at the end (a flush per
    edit is a round trip each); the number applied. When one fails, the run is rolled back and
    the ops before it are applied again: the failing op then goes alone. A failure
    the database finds may be any op's of those not yet flushed: then the run is
    applied again with a flush after each op, to find the op."""
    done, stamps, answered = len(batch.done), dict(batch.stamps), len(results)
    savepoint = session.begin_nested()

    def undo() -> None:
        savepoint.rollback()
        for undone in batch.done[done:]:
            del batch.known[undone.row["op_id"]]
        del batch.done[done:], results[answered:]
        batch.stamps = stamps

    for index, op in enumerate(ops):
        try:
            results.append(_push_one(session, batch, op, alone=False, flush=flush_each))
        except _Stop as stop:
            undo()
            if isinstance(stop.__cause__, IntegrityError) and not flush_each:
                return _run(session, batch, ops, results, flush_each=True)
            return _run(session, batch, ops[:index], results) if index else 0
    if not flush_each:
        try:
            session.flush()
        except IntegrityError:
            undo()
            return _run(session, batch, ops, results, flush_each=True)
    savepoint.commit()
    return len(ops)


def _push_one(
    session: Session, batch: _Batch, op: Op, *, alone: bool, flush: bool = True
) -> PushResult | _Done:
    """One op; ``alone``: in a savepoint of its own, else an op that fails raises
    ``_Stop`` (see ``_run``); ``flush``: its changes sent to the database at once."""
    known = batch.known.get(op.op_id)
    if isinstance(known, _Done):
        return known  # twice in one batch: one result
    if known is not None:
        if known.device_id != batch.device_id:
            # Another device's op id: its result is none of this device's business.
            return PushResult(
                op_id=op.op_id,
                result=OpResult.REJECTED,
                reason=RejectReason.NOT_YOUR_IDENTITY,
                detail="this op id belongs to another device",
            )
        return _result_of(known)
    principal, device_id = batch.principal, batch.device_id
    hlc, clamped = _clock_value(op)
    origin = Origin(op.op_id, hlc, principal.user_id, device_id)
    savepoint = session.begin_nested() if alone else None
    sink = ResultSink(device_id)
    try:
        _check_identity(op, principal, device_id)
        with record_changes_in(session, sink):
            outcome = _apply(session, batch, op, origin)
        if flush or alone:
            # Else the op's writes wait for the run's flush, with the other ops' (a
            # later op that queries what it added flushes it first: autoflush).
            session.flush()
    except _REJECTING as error:
        if savepoint is None:
            raise _Stop from error
        savepoint.rollback()
        reason, field_name, detail = _rejection(error)
        row = _kept(op, device_id, principal, OpResult.REJECTED, clamped)
        row.update(reason=reason.value, field=field_name, detail=detail[:300])
        row["request_id"] = _send_again(session, device_id, op)
        done = _Done(row, origin)
    else:
        if savepoint is not None:
            savepoint.commit()
        row = _kept(op, device_id, principal, outcome.result, clamped)
        if outcome.result is OpResult.APPLIED:
            row["payload"] = None
        done = _Done(row, origin, sink.changes, outcome)
        for change in sink.changes:
            for name in change.values:
                batch.stamps[(change.entity, change.record_id, name)] = _Stamp(
                    hlc, device_id, principal.user_id
                )
    batch.done.append(done)
    batch.known[op.op_id] = done
    return done


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
) -> dict[str, Any]:
    """The op's ``pushed_ops`` row (numbered at the end of the batch)."""
    return {
        "op_id": op.op_id,
        "device_id": device_id,
        "user_id": principal.user_id,
        "kind": op.kind.value,
        "entity": op.entity,
        "record_id": op.record_id,
        "hlc": op.hlc,
        "result": result.value,
        "reason": None,
        "field": None,
        "clamped": clamped,
        "detail": "",
        "payload": op.payload,
        "seq": None,
        "request_id": None,
        "at": utcnow(),
    }


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


def _apply(session: Session, batch: _Batch, op: Op, origin: Origin) -> _Outcome:
    principal = batch.principal
    recorder = ChangeRecorder(session, principal)
    match op.kind:
        case OpKind.CREATE:
            record = pushed.create(
                session,
                principal,
                op.entity,
                op.record_id,
                op.payload,
                known_new=_still_new(batch, op.entity, op.record_id),
            )
            _defaults(record)  # in the values logged, before the run's flush writes it
            session.add(record)
            batch.records.append(record)  # read again when the batch is written
            recorder.create(record)
            return _Outcome()
        case OpKind.SET:
            change = SetPayload.model_validate(op.payload)
            record = pushed.record_for_change(session, principal, op.entity, op.record_id)
            value = pushed.set_value(session, principal, record, change.field, change.value)
            return _set(session, recorder, batch, op, origin, record, change.field, value)
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


def _defaults(record: Base) -> None:
    """The column defaults a new record gets when it is written, given it now."""
    given = inspect(record).dict
    for column in record.__table__.columns:
        default = column.default
        if default is not None and column.key not in given:
            value = default.arg(None) if default.is_callable else default.arg
            setattr(record, column.key, value)


def _still_new(batch: _Batch, entity: str, record_id: uuid.UUID) -> bool:
    """Whether no record has this id: none had when the batch was loaded, and none of
    its ops applied so far added one (an op undone is no longer among them)."""
    return (entity, record_id) in batch.new and not any(
        change.entity == entity and change.record_id == record_id
        for done in batch.done
        for change in done.changes
    )


def _set(
    session: Session,
    recorder: ChangeRecorder,
    batch: _Batch,
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
    key = (op.entity, record_id, field)
    stamp: _Stamp | FieldStamp | None = batch.stamps.get(key)
    if stamp is None:
        stamp = batch.stored[key] if key in batch.stored else session.get(FieldStamp, key)
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
        losing = losing_value(
            session,
            entity=op.entity,
            record_id=record_id,
            field=field,
            losing_value=current,
            winning_value=to_wire(value),
            loser=Origin(None, stamp.hlc or "", stamp.user_id, stamp.device_id),
            winner=origin,
        )
        return _Outcome(OpResult.APPLIED_OVER, losing)
    losing = losing_value(
        session,
        entity=op.entity,
        record_id=record_id,
        field=field,
        losing_value=to_wire(value),
        winning_value=current,
        loser=origin,
        winner=Origin(None, stamp.hlc, stamp.user_id, stamp.device_id),
    )
    return _Outcome(OpResult.LOST, losing)


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
