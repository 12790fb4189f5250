"""The access log (D11; PRIVACY-SECURITY 16–20): every view and change of case data,
written in the same transaction as what it logs.

Entries hold ids, the action, the actor, the device, the time (UTC) and the result,
never content. Each entry's hash covers the previous entry's hash and its own fields,
so editing or removing an entry breaks the chain (``verify_chain``); the program offers
no way to change entries.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import now_utc
from ..errors import ForbiddenError
from ..models import AccessLogEntry, DeviceState
from .access import Principal, administers

GENESIS = "0" * 64


class AccessAction(StrEnum):
    VIEW = "view"
    SEARCH = "search"
    CREATE = "create"
    CHANGE = "change"
    STEP = "step"
    EXPORT = "export"
    PRINT = "print"
    ERASE = "erase"
    EMERGENCY = "emergency"
    RECEIVE = "receive"  # a sync delivered records to this device: one entry, with the count


@dataclass(frozen=True)
class LogEntryView:
    at: datetime
    user_id: uuid.UUID
    device_id: uuid.UUID | None
    action: str
    entity: str
    record_id: uuid.UUID | None
    result: str
    count: int | None


def _digest(prev_hash: str, entry: AccessLogEntry) -> str:
    fields = (
        prev_hash,
        entry.at.isoformat(),
        str(entry.user_id),
        str(entry.device_id or ""),
        entry.action,
        entry.entity,
        str(entry.record_id or ""),
        entry.result,
        "" if entry.count is None else str(entry.count),
    )
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def log_access(
    session: Session,
    user_id: uuid.UUID,
    action: AccessAction,
    entity: str,
    record_id: uuid.UUID | None = None,
    *,
    result: str = "ok",
    count: int | None = None,
) -> None:
    """Append one entry. Within one session the same action on the same record is
    logged once (an edit of three fields is one change)."""
    seen: set[tuple[str, str, uuid.UUID | None]] = session.info.setdefault("logged", set())
    if (action, entity, record_id) in seen:
        return
    seen.add((action, entity, record_id))
    last = session.scalar(select(AccessLogEntry).order_by(AccessLogEntry.id.desc()).limit(1))
    entry = AccessLogEntry(
        at=now_utc(),
        user_id=user_id,
        device_id=session.scalar(select(DeviceState.device_id)),
        action=action.value,
        entity=entity,
        record_id=record_id,
        result=result,
        count=count,
        prev_hash=last.hash if last is not None else GENESIS,
    )
    entry.hash = _digest(entry.prev_hash, entry)
    session.add(entry)
    session.flush()  # the next entry in this session chains onto this one


def log_search(session: Session, principal: Principal, found: int) -> None:
    """A search, once the user stopped typing (not per keystroke, D11): how many
    requests it found, never the words (they may be a resident's name)."""
    log_access(session, principal.user_id, AccessAction.SEARCH, "help_requests", count=found)


def verify_chain(session: Session) -> int | None:
    """The id of the first entry that does not fit the chain, or None when intact."""
    previous = GENESIS
    for entry in session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id)):
        if entry.prev_hash != previous or _digest(previous, entry) != entry.hash:
            return entry.id
        previous = entry.hash
    return None


def log_entries(
    session: Session,
    principal: Principal,
    *,
    record_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
) -> list[LogEntryView]:
    """The log per record or per user, for administrators (entries hold no content)."""
    if not administers(principal):
        raise ForbiddenError("only administrators read the access log")
    query = select(AccessLogEntry).order_by(AccessLogEntry.id)
    if record_id is not None:
        query = query.where(AccessLogEntry.record_id == record_id)
    if user_id is not None:
        query = query.where(AccessLogEntry.user_id == user_id)
    return [
        LogEntryView(
            e.at, e.user_id, e.device_id, e.action, e.entity, e.record_id, e.result, e.count
        )
        for e in session.scalars(query)
    ]
