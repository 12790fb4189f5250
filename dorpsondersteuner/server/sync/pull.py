"""Pull: pages of what a device's user may see, after its cursor (rules 3, 7, 9; D5, D16).

A device's *scope* is the set of roots it holds: requests (with everything recorded
about them), residents and neighbourhood helpers. Each pull compares the scope the
device confirmed with what the access policy's SQL face says its user may see now —
never a grant's sequence number with the cursor (SYNC-LESSONS) — and answers first
with the difference: roots that moved in, whole and however old, and roots that moved
out, to purge. The database computes the difference and returns only it: each root
the policy's clauses select is looked up in the device's ``device_scope`` rows, and
each root the device holds in its table, under the same clauses. Only when the scope
agrees does it page through the change log, each entry shown only when its record is
visible now, asked of the policy for that page's records alone.

A page and its cursor are one unit: the scope change a page makes is held apart
(``ScopeDelta``) until the device pulls from that page's cursor, which shows it
committed the page; a pull from an older cursor (a lost answer, a crash) gets the
same page again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from ...models import (
    Area,
    ArrangedHelp,
    Contact,
    DistrictTeam,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
    User,
)
from ...models.base import Base
from ...services.access import (
    Principal,
    administers,
    request_scope,
    visible_helpers,
    visible_requests,
    visible_residents,
)
from ...services.changes import record_fields
from ...sync.checksum import ADMIN_PROJECTION
from ...sync.protocol import Change, LosingValue, PullPage, Purge, RejectedOp
from ..models import (
    ChangeLogEntry,
    DeviceScope,
    FieldStamp,
    LosingValueEntry,
    PushedOp,
    ScopeDelta,
    ServerAccessLogEntry,
    SyncCounter,
)
from .changelog import DIRECTORY

_CHILDREN: tuple[type[Base], ...] = (Contact, FollowUp, ArrangedHelp, HistoryEvent)


class UnknownCursor(Exception):
    """A cursor this database never gave out (another epoch: a restored backup)."""


@dataclass(frozen=True)
class Cursor:
    epoch: str
    seq: int
    serial: int  # counts the pages that changed the device's scope

    def encode(self) -> str:
        return f"{self.epoch}.{self.seq}.{self.serial}"

    @classmethod
    def decode(cls, text: str | None, epoch: str, last: int) -> Cursor:
        if text is None:
            return cls(epoch, 0, 0)
        try:
            their_epoch, seq, serial = text.split(".")
            cursor = cls(their_epoch, int(seq), int(serial))
        except ValueError:
            raise UnknownCursor("this is not a cursor of this server") from None
        if cursor.epoch != epoch or not 0 <= cursor.seq <= last or cursor.serial < 0:
            raise UnknownCursor("this cursor is of another history of this server's database")
        return cursor


def _key(entity: str, record_id: uuid.UUID) -> str:
    return f"{entity}:{record_id}"


def _unkey(key: str) -> tuple[str, uuid.UUID]:
    entity, record_id = key.split(":")
    return entity, uuid.UUID(record_id)


def _root_tables(
    principal: Principal,
) -> tuple[tuple[str, type[Resident | Helper | HelpRequest], ColumnElement[bool]], ...]:
    """Per root table, the policy's SQL face for it; in the order roots move in: a
    request's resident first, so it exists when the request arrives."""
    if administers(principal):
        # The content-free projection of every request (D5).
        return (("help_requests", HelpRequest, HelpRequest.deleted_at.is_(None)),)
    return (
        ("residents", Resident, visible_residents(principal)),
        ("helpers", Helper, visible_helpers(principal)),
        ("help_requests", HelpRequest, visible_requests(principal)),
    )


def visible_roots(session: Session, principal: Principal) -> dict[uuid.UUID, str]:
    """What the user may see now, by the policy's SQL face: root id → entity."""
    roots: dict[uuid.UUID, str] = {}
    for entity, model, clause in _root_tables(principal):
        roots.update(dict.fromkeys(session.scalars(select(model.id).where(clause)), entity))
    return roots


def _visible_among(
    session: Session, principal: Principal, wanted: dict[str, set[uuid.UUID]]
) -> set[uuid.UUID]:
    """Which of these roots (entity → ids) the user may see now, by the policy's SQL
    face: a statement per table and batch, each an index lookup per id."""
    found: set[uuid.UUID] = set()
    for entity, model, clause in _root_tables(principal):
        ids = list(wanted.get(entity, ()))
        for start in range(0, len(ids), 500):
            found.update(
                session.scalars(
                    select(model.id).where(model.id.in_(ids[start : start + 500]), clause)
                )
            )
    return found


def _moved_in(
    session: Session, principal: Principal, device_id: uuid.UUID
) -> list[tuple[str, uuid.UUID]]:
    """The roots the user may see that the device does not hold, or holds stale (to
    send again): residents first, then helpers, then requests, each by id. Sorted
    here: ordering in the database would read the tables in id order, row by row."""
    found: list[tuple[str, uuid.UUID]] = []
    for entity, model, clause in _root_tables(principal):
        held = exists().where(
            DeviceScope.device_id == device_id,
            DeviceScope.record_id == model.id,
            DeviceScope.stale.is_(False),
        )
        roots = session.scalars(select(model.id).where(clause, ~held))
        found.extend((entity, root) for root in sorted(roots, key=str))
    return found


def _moved_out(
    session: Session, principal: Principal, device_id: uuid.UUID
) -> list[tuple[str, uuid.UUID]]:
    """The roots the device holds that the user may no longer see (entity, id)."""
    visible = or_(
        *(
            and_(
                DeviceScope.entity == entity,
                exists().where(model.id == DeviceScope.record_id, clause),
            )
            for entity, model, clause in _root_tables(principal)
        )
    )
    rows = session.execute(
        select(DeviceScope.entity, DeviceScope.record_id).where(
            DeviceScope.device_id == device_id, ~visible
        )
    )
    return [(row.entity, row.record_id) for row in rows]


def held_roots(
    session: Session, device_id: uuid.UUID
) -> tuple[dict[uuid.UUID, str], set[uuid.UUID]]:
    """The roots the device holds (id → entity), and those of them to send again."""
    rows = session.execute(
        select(DeviceScope.record_id, DeviceScope.entity, DeviceScope.stale).where(
            DeviceScope.device_id == device_id
        )
    ).all()
    return {row.record_id: row.entity for row in rows}, {row.record_id for row in rows if row.stale}


def _confirm(session: Session, device_id: uuid.UUID, cursor: str | None) -> None:
    """The device pulls from ``cursor``: if that was the last page's, it committed the
    page, and the page's scope change becomes the device's scope."""
    delta = session.get(ScopeDelta, device_id)
    if delta is None:
        return
    if delta.cursor == cursor:
        added = [_unkey(key) for key in delta.added]
        # Set-wise, in batches: a snapshot's scope holds tens of thousands of roots.
        gone = [_unkey(key)[1] for key in delta.removed] + [root for _, root in added]
        for start in range(0, len(gone), 1000):
            session.execute(
                delete(DeviceScope).where(
                    DeviceScope.device_id == device_id,
                    DeviceScope.record_id.in_(gone[start : start + 1000]),
                )
            )
        if added:
            session.execute(
                insert(DeviceScope),
                [
                    {"device_id": device_id, "record_id": root, "entity": entity, "stale": False}
                    for entity, root in added
                ],
            )
    session.delete(delta)
    session.flush()


def _counter(session: Session, device_id: uuid.UUID) -> tuple[int, str, bool]:
    """The newest committed number and the epoch, and whether the device's scope is
    settled: its last page did not change it (a page that did leaves a ``ScopeDelta``
    until the device confirms it) and none of its roots is marked to be sent again. One
    statement, so the no-op sync costs one round trip here."""
    delta = select(ScopeDelta.device_id).where(ScopeDelta.device_id == device_id)
    stale = select(DeviceScope.record_id).where(
        DeviceScope.device_id == device_id,
        DeviceScope.stale,  # its partial index
    )
    row = session.execute(
        select(
            SyncCounter.last_seq,
            SyncCounter.epoch,
            ~delta.exists() & ~stale.exists(),
        ).where(SyncCounter.id == 1)
    ).one()
    return row[0], row[1], bool(row[2])


def pull(
    session: Session,
    principal: Principal,
    device_id: uuid.UUID,
    cursor_text: str | None,
    limit: int,
) -> PullPage:
    """One page, in the caller's transaction (a snapshot: see ``routes/sync.py``)."""
    last, epoch, settled = _counter(session, device_id)
    cursor = Cursor.decode(cursor_text, epoch, last)
    if cursor_text is not None and settled and cursor.seq == last:
        # Nothing can have changed for the device: nothing was numbered since its
        # cursor, whose page found its scope equal to what its user may see. Every
        # change of what a user may see is numbered (records and the directory alike),
        # so the policy need not run.
        return PullPage(changes=[], cursor=cursor_text)
    _confirm(session, device_id, cursor_text)
    if cursor_text is None:
        # A fresh start (a new register, or one whose cursor was refused after a
        # restore) holds nothing for sure: everything the user may see comes whole.
        session.execute(
            update(DeviceScope).where(DeviceScope.device_id == device_id).values(stale=True)
        )
    moved_in = _moved_in(session, principal, device_id)
    moved_out = _moved_out(session, principal, device_id)
    # A new device gets the directory first, also when it may see no record yet.
    if moved_in or moved_out or cursor_text is None:
        page = _scope_page(session, principal, device_id, cursor, last, moved_in, moved_out, limit)
    else:
        page = _change_page(session, principal, cursor, last, limit)
    session.add(
        ServerAccessLogEntry(
            user_id=principal.user_id,
            device_id=device_id,
            action="pull",
            count=len(page.changes),
            result=f"{len(page.changes)} records, {len(page.purge)} purged",
        )
    )
    return page


def _scope_page(
    session: Session,
    principal: Principal,
    device_id: uuid.UUID,
    cursor: Cursor,
    last: int,
    moved_in: list[tuple[str, uuid.UUID]],
    moved_out: list[tuple[str, uuid.UUID]],
    limit: int,
) -> PullPage:
    """Roots that moved in, whole, at the state of ``last`` (this transaction's
    snapshot), and every root that moved out; the cursor's number stays, so the
    change log is read from where the device was."""
    version = max(last, 1)
    changes = (
        [
            Change(seq=version, kind="create", entity=entity, record_id=record_id, values=values)
            for entity, record_id, values in _directory(session, cursor, last)
        ]
        if moved_in or (cursor.seq, cursor.serial) == (0, 0)
        else []
    )
    added: list[str] = []
    records: list[tuple[str, uuid.UUID, dict[str, Any]]] = []
    for entity, root in moved_in:
        # At least one root a page, however much of the directory came along: a
        # directory larger than the page would otherwise be sent again and again.
        if added and len(changes) + len(records) >= limit:
            break
        records.extend(
            (record.__tablename__, record.id, values)  # type: ignore[attr-defined]
            for record, values in _whole(session, principal, entity, root)
        )
        added.append(_key(entity, root))
    stamps = field_versions(session, [(entity, record_id) for entity, record_id, _ in records])
    changes.extend(
        Change(
            seq=version,
            kind="create",
            entity=entity,
            record_id=record_id,
            values=values,
            versions=_versions_of(stamps, entity, record_id, values),
        )
        for entity, record_id, values in records
    )
    purge = [Purge(entity=entity, record_id=root) for entity, root in moved_out]
    new_cursor = Cursor(cursor.epoch, cursor.seq, cursor.serial + 1)
    session.merge(
        ScopeDelta(
            device_id=device_id,
            cursor=new_cursor.encode(),
            added=added,
            removed=[_key(entity, root) for entity, root in moved_out],
        )
    )
    return PullPage(changes=changes, purge=purge, cursor=new_cursor.encode(), more=True)


def field_versions(
    session: Session, keys: Sequence[tuple[str, uuid.UUID]]
) -> dict[tuple[str, uuid.UUID], dict[str, int]]:
    """The field stamps of records sent whole, so each field arrives at its own version
    (the checksums compare them, rule 12): one query per table."""
    found: dict[tuple[str, uuid.UUID], dict[str, int]] = {}
    ids_of: dict[str, list[uuid.UUID]] = {}
    for entity, record_id in keys:
        ids_of.setdefault(entity, []).append(record_id)
    for entity, ids in ids_of.items():
        for start in range(0, len(ids), 500):
            rows = session.execute(
                select(FieldStamp.record_id, FieldStamp.field, FieldStamp.version).where(
                    FieldStamp.entity == entity, FieldStamp.record_id.in_(ids[start : start + 500])
                )
            )
            for row in rows:
                found.setdefault((entity, row.record_id), {})[row.field] = row.version
    return found


def _versions_of(
    stamps: dict[tuple[str, uuid.UUID], dict[str, int]],
    entity: str,
    record_id: uuid.UUID,
    values: dict[str, Any],
) -> dict[str, int] | None:
    own = stamps.get((entity, record_id))
    if not own:
        return None
    return {name: version for name, version in own.items() if name in values}


def _directory(
    session: Session, cursor: Cursor, last: int
) -> list[tuple[str, uuid.UUID, dict[str, Any]]]:
    """The directory as it is now, for a page of moved-in records that may name
    colleagues the device has not heard of yet: whole for a new device, else what
    changed after its cursor. Areas first, then teams, then users."""
    changed: set[uuid.UUID] | None = None
    if (cursor.seq, cursor.serial) != (0, 0):
        changed = set(
            session.scalars(
                select(ChangeLogEntry.record_id).where(
                    ChangeLogEntry.seq > cursor.seq,
                    ChangeLogEntry.seq <= last,
                    ChangeLogEntry.entity.in_(DIRECTORY),
                )
            )
        )
        if not changed:
            return []
    found: list[tuple[str, uuid.UUID, dict[str, Any]]] = []
    models: tuple[type[Area | DistrictTeam | User], ...] = (Area, DistrictTeam, User)
    for model in models:
        query = select(model).order_by(model.id)
        if changed is not None:
            query = query.where(model.id.in_(changed))
        for record in session.scalars(query):
            values = record_fields(record)
            if isinstance(record, User | DistrictTeam):
                values["area_ids"] = sorted(str(area.id) for area in record.areas)
            found.append((model.__tablename__, record.id, values))  # type: ignore[attr-defined]
    return found


def _whole(
    session: Session, principal: Principal, entity: str, root: uuid.UUID
) -> Iterable[tuple[Base, dict[str, Any]]]:
    """A root with everything recorded about it that the user may see."""
    if entity == "residents":
        resident = session.get_one(Resident, root)
        yield resident, record_fields(resident)
        return
    if entity == "helpers":
        helper = session.get_one(Helper, root)
        yield helper, record_fields(helper)
        return
    request = session.get_one(HelpRequest, root)
    fields = record_fields(request)
    if administers(principal):
        yield request, {name: fields[name] for name in ADMIN_PROJECTION}
        return
    yield request, fields
    for model in _CHILDREN:
        # Deleted records too: the laptop holds what the server holds, tombstones and all.
        query = select(model).where(model.request_id == root)  # type: ignore[attr-defined]
        if model is Contact and not _sees_professionals_only(principal):
            query = query.where(Contact.professionals_only.is_(False))
        for record in session.scalars(query):
            yield record, record_fields(record)


def _change_page(
    session: Session,
    principal: Principal,
    cursor: Cursor,
    last: int,
    limit: int,
) -> PullPage:
    """The change log after the cursor, each entry shown when its record is visible
    (the scope is settled here: what is visible is what the device holds)."""
    rows = session.scalars(
        select(ChangeLogEntry)
        .where(ChangeLogEntry.seq > cursor.seq, ChangeLogEntry.seq <= last)
        .order_by(ChangeLogEntry.seq)
        .limit(limit)
    ).all()
    upto = rows[-1].seq if len(rows) == limit else last
    hidden_contacts = _hidden_contacts(session, principal, rows)
    unhidden_at = _unhidden_at(session, principal, rows, cursor.seq, last)
    visible = _visible_among(session, principal, _roots_of(rows))
    changes: list[Change] = []
    purge: list[Purge] = []
    for row in rows:
        values = _shown(principal, row, visible)
        if values is None:
            continue
        if row.seq < unhidden_at.get(row.record_id, 0):
            continue  # logged while "professionals only": it comes whole when lifted
        if row.record_id in hidden_contacts:
            if values.get("professionals_only") is True:
                purge.append(Purge(entity="contacts", record_id=row.record_id))
            continue
        versions = None
        if _unhidden_contact(principal, row):
            # No longer "professionals only": a supporter never had it, so it comes whole.
            contact = session.get_one(Contact, row.record_id)
            values, row_kind = record_fields(contact), "create"
            stamps = field_versions(session, [(row.entity, row.record_id)])
            versions = _versions_of(stamps, row.entity, row.record_id, values)
        else:
            row_kind = row.kind
        changes.append(
            Change(
                seq=row.seq,
                kind=row_kind,  # type: ignore[arg-type]
                entity=row.entity,
                record_id=row.record_id,
                values=values,
                hlc=row.hlc,
                versions=versions,
            )
        )
    new_cursor = Cursor(cursor.epoch, upto, cursor.serial)
    return PullPage(
        changes=changes,
        purge=purge,
        losing_values=_losing_values(session, principal, cursor.seq, upto),
        rejected=_rejected(session, principal, cursor.seq, upto),
        cursor=new_cursor.encode(),
        more=upto < last,
    )


def _roots_of(rows: Sequence[ChangeLogEntry]) -> dict[str, set[uuid.UUID]]:
    """The roots whose visibility decides whether these entries are shown (``_shown``)."""
    wanted: dict[str, set[uuid.UUID]] = {}
    for row in rows:
        if row.entity in DIRECTORY:
            continue
        if row.request_id is not None:
            wanted.setdefault("help_requests", set()).add(row.request_id)
        else:
            wanted.setdefault(row.entity, set()).add(row.record_id)
    return wanted


def _shown(
    principal: Principal, row: ChangeLogEntry, visible: set[uuid.UUID]
) -> dict[str, Any] | None:
    """The values of a change-log entry this user sees, or None."""
    if row.entity in DIRECTORY:
        return row.values  # everyone knows their colleagues, teams and areas
    if administers(principal):
        if row.entity != "help_requests" or row.record_id not in visible:
            return None
        projected = {name: row.values[name] for name in ADMIN_PROJECTION if name in row.values}
        return projected or None
    if row.request_id is not None:
        return row.values if row.request_id in visible else None
    return row.values if row.record_id in visible else None


def _sees_professionals_only(principal: Principal) -> bool:
    scope = request_scope(principal)
    return scope is not None and scope.sees_professionals_only


def _unhidden_contact(principal: Principal, row: ChangeLogEntry) -> bool:
    return (
        row.entity == "contacts"
        and row.kind == "update"
        and row.values.get("professionals_only") is False
        and not _sees_professionals_only(principal)
    )


def _hidden_contacts(
    session: Session, principal: Principal, rows: Sequence[ChangeLogEntry]
) -> frozenset[uuid.UUID]:
    """Contacts in ``rows`` that are "professionals only" now, for a user who never
    sees those (D5)."""
    if _sees_professionals_only(principal):
        return frozenset()
    contact_ids = {row.record_id for row in rows if row.entity == "contacts"}
    if not contact_ids:
        return frozenset()
    return frozenset(
        session.scalars(
            select(Contact.id).where(
                Contact.id.in_(contact_ids), Contact.professionals_only.is_(True)
            )
        )
    )


def _unhidden_at(
    session: Session, principal: Principal, rows: Sequence[ChangeLogEntry], after: int, upto: int
) -> dict[uuid.UUID, int]:
    """For a user who never sees "professionals only" contacts: the number of the last
    change after ``after`` that lifted it, per contact in ``rows``. Their changes before
    it were made while hidden from this user (one edit logs each field apart), so they
    are not shown; the lifting change sends the contact whole."""
    if _sees_professionals_only(principal):
        return {}
    requests = {row.request_id for row in rows if row.entity == "contacts"}
    if not requests:
        return {}
    found: dict[uuid.UUID, int] = {}
    for entry in session.execute(
        select(ChangeLogEntry.record_id, ChangeLogEntry.seq, ChangeLogEntry.values).where(
            ChangeLogEntry.request_id.in_(requests),
            ChangeLogEntry.seq > after,
            ChangeLogEntry.seq <= upto,
            ChangeLogEntry.entity == "contacts",
            ChangeLogEntry.kind == "update",
        )
    ):
        if entry.values.get("professionals_only") is False:
            found[entry.record_id] = max(found.get(entry.record_id, 0), entry.seq)
    return found


def _rejected(
    session: Session,
    principal: Principal,
    after: int,
    upto: int,
) -> list[RejectedOp]:
    """Others' ops the server rejected on requests this user owns (the one who pushed
    an op has its result already)."""
    rows = session.execute(
        select(PushedOp, HelpRequest.owner_id)
        .join(HelpRequest, HelpRequest.id == PushedOp.request_id)
        .where(
            PushedOp.seq > after,
            PushedOp.seq <= upto,
            PushedOp.result == "rejected",
            HelpRequest.owner_id == principal.user_id,
            PushedOp.user_id != principal.user_id,
        )
        .order_by(PushedOp.seq)
    ).all()
    visible = _requests_visible(session, principal, (row.PushedOp.request_id for row in rows))
    return [
        RejectedOp(
            seq=row.PushedOp.seq,
            op_id=row.PushedOp.op_id,
            kind=row.PushedOp.kind,
            entity=row.PushedOp.entity,
            record_id=row.PushedOp.record_id,
            request_id=row.PushedOp.request_id,
            user_id=row.PushedOp.user_id,
            reason=row.PushedOp.reason,
            field=row.PushedOp.field,
            detail=row.PushedOp.detail,
        )
        for row in rows
        if row.PushedOp.request_id in visible
    ]


def _losing_values(
    session: Session,
    principal: Principal,
    after: int,
    upto: int,
) -> list[LosingValue]:
    """Values lost to concurrent edits, for the request's owner and the one who lost."""
    rows = session.scalars(
        select(LosingValueEntry)
        .where(LosingValueEntry.seq > after, LosingValueEntry.seq <= upto)
        .where(
            (LosingValueEntry.owner_id == principal.user_id)
            | (LosingValueEntry.losing_user_id == principal.user_id)
        )
        .order_by(LosingValueEntry.seq)
    ).all()
    visible = _requests_visible(session, principal, (row.request_id for row in rows))
    return [
        LosingValue(
            seq=row.seq,
            entity=row.entity,
            record_id=row.record_id,
            request_id=row.request_id,
            field=row.field,
            losing_value=row.losing_value,
            winning_value=row.winning_value,
            losing_user_id=row.losing_user_id,
            losing_device_id=row.losing_device_id,
            losing_hlc=row.losing_hlc,
            winning_user_id=row.winning_user_id,
            winning_hlc=row.winning_hlc,
            at=row.at,
        )
        for row in rows
        if row.request_id is None or row.request_id in visible
    ]


def _requests_visible(
    session: Session, principal: Principal, ids: Iterable[uuid.UUID | None]
) -> set[uuid.UUID]:
    """Which of these requests the user may see now."""
    wanted = {request_id for request_id in ids if request_id is not None}
    return _visible_among(session, principal, {"help_requests": wanted}) if wanted else set()
