"""One sync of a real register with its server, without a window (ARCHITECTURE "Sync").

``sync(register, client)`` pushes the pending ops in batches, in the order they were
made, and records each batch's answers in one transaction; then pulls pages until the
server has no more, applying each page — purges, changes, losing values, rejected ops —
in one transaction together with its cursor (rule 3), through the apply path of D15
(``PulledSink``: no op is written, nothing echoes). A crash anywhere leaves the register
at the end of a batch or a page; the next sync goes on from there. A lost answer is
harmless: the same batch is sent again, and the server answers a retried op with its
first result; a page is asked for again from the same cursor.

The ledger always holds (``ledger``): every op made on this laptop is pending,
applied, lost (its value kept by the server for review), rejected (with the reason),
or not delivered — the laptop purged the record it is on (D16) before the server took
it, whether it was still pending or the server had just refused it because its user no
longer sees the record. A not-delivered op is still pushed once, with the next push, so
the server logs it and the request's owner hears of it; it stays on the list for the
user. Applied ops are kept ``ACKNOWLEDGED_KEPT_DAYS`` (a server restored from a backup
gets them again), lost, rejected and not-delivered ones until the user has seen them.

A fresh register's first sync is the server's snapshot (D17; ``snapshot_import.py``):
one file with exactly what its user may see and the cursor it was cut at, imported in
one transaction with that cursor, then the search index; the pull goes on from there.
Its ticket (with the file's one-time key) is kept inside the encrypted register while
the file downloads, so a download broken off goes on at the next sync from the bytes on
disk, until the server's 24 hours are up; the import forgets it.
A register that already holds records (work made before the first sync could finish),
a server without snapshots, or one that refuses another snapshot for now (earlier
tries died) pulls from the start instead.

When the server no longer knows the cursor (409: it was restored from a backup), the
engine pushes every kept op again, forgets the field versions and pulls from the start:
the server applies what it lacks, answers the rest as before, and the laptop takes the
server's state. Nothing is deleted to heal.

No Qt here: the desktop app runs ``sync`` on its network worker and passes ``db``, which
runs each piece of register work (a read, a batch's answers, a page) on its one DB
worker and waits for it; the HTTP stays on the network worker. Headless, ``db`` calls
the piece right away. ``progress`` and ``changed`` are called on the caller's thread.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from pydantic import ValidationError as PydanticError
from sqlalchemy import ColumnElement, case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from ..clock import now_utc
from ..errors import (
    NotFoundError,
    RegisterError,
    SyncError,
    SyncErrorKind,
)
from ..models import (
    ArrangedHelp,
    Contact,
    DeviceState,
    FieldVersion,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    RegisterKind,
    Resident,
)
from ..models.enums import Role
from ..models.local import (
    ACKNOWLEDGED_KEPT_DAYS,
    OutboxOp,
    ReceivedLosingValue,
    ReceivedRejectedOp,
    SyncState,
)
from ..register import Register
from ..services.access import Principal, load_principal
from ..services.changes import Changes, collected_changes
from .apply import apply_changes
from .client import (
    LoginAnswer,
    OfflineError,
    RateLimitedError,
    ServerError,
    SyncClient,
    UnknownCursorError,
)
from .protocol import (
    MAX_OPS_PER_PUSH,
    LosingValue,
    Op,
    OpResult,
    PullPage,
    Purge,
    PushResult,
    RejectedOp,
    RejectReason,
    SnapshotTicket,
)
from .purge import purge
from .snapshot_import import SnapshotError

if TYPE_CHECKING:
    from .checksum import Sum
    from .snapshot_import import ImportedSnapshot

PULL_LIMIT = 1000
# Compare, re-pull what differs, compare again: a second difference is reported.
VERIFY_ROUNDS = 2
# A batch whose answer was lost is sent again this many times before the sync gives up
# (and the next sync sends it again).
BATCH_RETRIES = 2
RETRY_PAUSE_SECONDS = 0.5


class NotDelivered(StrEnum):
    """Why an op never reached the server's data."""

    NO_LONGER_VISIBLE = "no_longer_visible"  # its record left this laptop (D16 purge)


class Problem(StrEnum):
    """Why the last sync did not finish (``SyncState.last_problem``)."""

    OFFLINE = "offline"
    SIGN_IN = "sign_in"  # the token expired or ended: the password is needed again
    UPDATE_PROGRAM = "update_program"
    RATE_LIMITED = "rate_limited"
    SERVER = "server"


class NotSyncableError(RegisterError):
    """A demo register, or a real one without its sync state: it never syncs (D1)."""


class ConcurrentSyncError(SyncError):
    """Another sync of this register moved the cursor meanwhile; this one stops."""

    def __init__(self, message: str) -> None:
        super().__init__(message, kind=SyncErrorKind.SERVER)


# The rejection reasons that mean "this user may no longer see the record": such an op
# on a record purged right after counts as not delivered, not as refused.
_UNSEEN_REASONS = frozenset({RejectReason.NOT_FOUND.value, RejectReason.FORBIDDEN.value})
_APPLIED = frozenset({OpResult.APPLIED.value, OpResult.APPLIED_OVER.value})
_REQUEST_CHILDREN = (Contact, FollowUp, ArrangedHelp, HistoryEvent)


@dataclass(frozen=True)
class SyncProgress:
    """Counts so far, for a progress bar: ``phase`` is ``push``, ``download`` (the first
    sync's snapshot file: ``downloaded`` of ``download_size`` bytes), ``pull`` or
    ``verify``."""

    phase: str
    sent: int
    to_send: int
    received: int
    purged: int
    pages: int
    downloaded: int = 0
    download_size: int = 0


@dataclass
class SyncReport:
    """What one sync did."""

    sent: int = 0
    applied: int = 0
    lost: int = 0
    rejected: int = 0
    not_delivered: int = 0  # ops set aside by this sync's purges
    received: int = 0  # pulled changes written
    set_aside: int = 0  # pulled changes this laptop could not place (rule 8)
    purged: int = 0
    pages: int = 0
    snapshot: bool = False  # the first sync came as the server's snapshot
    restored: bool = False  # the server had been restored; everything was sent again
    checksum: str | None = None  # "ok", "mismatch", or None: not compared
    checksum_differs: tuple[str, ...] = ()  # the partitions that still differ
    unsent: int = 0  # still pending when the sync ended
    changes: Changes = field(default_factory=Changes)

    @property
    def complete(self) -> bool:
        """Everything was sent, and the checksum (when compared) agrees."""
        return self.unsent == 0 and self.checksum in (None, "ok")


@dataclass(frozen=True)
class Ledger:
    """Every op this register holds, by state; ``total`` is their sum."""

    pending: int
    applied: int
    lost: int
    rejected: int
    not_delivered: int

    @property
    def total(self) -> int:
        return self.pending + self.applied + self.lost + self.rejected + self.not_delivered


ProgressCallback = Callable[[SyncProgress], None]
ChangesCallback = Callable[[Changes], None]
T = TypeVar("T")


def _here(work: Callable[[], T]) -> T:
    return work()


class DbRunner(Protocol):
    """Runs one piece of register work where the register's writer is, returns its result."""

    def __call__(self, work: Callable[[], T], /) -> T: ...


def ledger(session: Session) -> Ledger:
    state = case(
        (OutboxOp.not_delivered_reason.is_not(None), "not_delivered"),
        (OutboxOp.result.is_(None), "pending"),
        else_=OutboxOp.result,
    )
    counts: dict[str, int] = {
        name: number
        for name, number in session.execute(select(state, func.count()).group_by(state))
    }
    return Ledger(
        pending=counts.get("pending", 0),
        applied=counts.get(OpResult.APPLIED.value, 0) + counts.get(OpResult.APPLIED_OVER.value, 0),
        lost=counts.get(OpResult.LOST.value, 0),
        rejected=counts.get(OpResult.REJECTED.value, 0),
        not_delivered=counts.get("not_delivered", 0),
    )


def sync_state(session: Session) -> SyncState:
    """The register's sync state; ``NotSyncableError`` for a demo register."""
    device = session.scalars(select(DeviceState)).one_or_none()
    if device is None or device.register_kind != RegisterKind.REAL:
        raise NotSyncableError("a demo register never syncs")
    state = session.get(SyncState, 1)
    if state is None:
        raise NotSyncableError("this register is not connected to a server")
    return state


def remember_sign_in(session: Session, answer: LoginAnswer) -> None:
    """Keep a new device token (only inside the encrypted register)."""
    state = sync_state(session)
    state.token, state.token_expires_at = answer.token, answer.expires_at


def sync(
    register: Register,
    client: SyncClient,
    *,
    progress: ProgressCallback | None = None,
    batch: int = MAX_OPS_PER_PUSH,
    page_limit: int = PULL_LIMIT,
    db: DbRunner = _here,
    changed: ChangesCallback | None = None,
) -> SyncReport:
    """One sync: push, then pull to the end (then verify). Raises the client's typed
    errors (``OfflineError``, ``NotSignedInError``, ``UpdateProgramError``,
    ``RateLimitedError``, ``ServerError``) after recording the problem in the
    register; what was done before stays done."""
    if not 1 <= batch <= MAX_OPS_PER_PUSH:
        raise ValueError(f"a push batch is 1 to {MAX_OPS_PER_PUSH} ops")
    run = _Run(register, client, progress or (lambda _progress: None), batch, page_limit, db)
    run.changed = changed or (lambda _changes: None)

    def begin() -> str | None:
        # Read only: a sync that finds nothing to do writes once, at its end.
        with register.sessions() as session:
            return sync_state(session).token

    token = db(begin)
    if token is not None:
        # The register's token is the current one: every sign-in keeps its token there,
        # so a client kept between syncs picks up a sign-in made meanwhile.
        client.token = token
    try:
        run.push()
        try:
            run.pull()
        except UnknownCursorError:
            run.start_over()
            run.push()
            run.pull()
        run.verify()
    except SyncError as error:
        db(partial(_record_problem, register, error))
        raise

    def finish() -> int:
        with register.transaction() as session:
            state = sync_state(session)
            state.last_sync_at = state.last_attempt_at = now_utc()
            state.last_problem = state.last_problem_detail = state.last_problem_at = None
            _forget_old_acknowledged(session)
            return ledger(session).pending

    run.report.unsent = db(finish)
    return run.report


@dataclass
class _Run:
    register: Register
    client: SyncClient
    progress: ProgressCallback
    batch: int
    page_limit: int
    db: DbRunner = _here
    changed: ChangesCallback = field(default=lambda _changes: None)
    report: SyncReport = field(default_factory=SyncReport)
    _to_send: int = 0
    _changed_entities: set[str] = field(default_factory=set)
    _changed_ids: set[uuid.UUID] = field(default_factory=set)

    def _tell(self, phase: str) -> None:
        self.report.changes = Changes(
            frozenset(self._changed_entities), frozenset(self._changed_ids)
        )
        r = self.report
        self.progress(SyncProgress(phase, r.sent, self._to_send, r.received, r.purged, r.pages))

    # --- push ------------------------------------------------------------------------------

    def push(self) -> None:
        def unanswered() -> int:
            with self.register.sessions() as session:
                return _count(session, _unanswered())

        waiting = self.db(unanswered)
        self._to_send = self.report.sent + waiting
        self._tell("push")
        if not waiting:
            return

        def next_batch() -> tuple[list[Op], list[tuple[uuid.UUID, str]]] | None:
            with self.register.sessions() as session:
                rows = session.scalars(
                    select(OutboxOp)
                    .where(_unanswered())
                    .order_by(OutboxOp.position)
                    .limit(self.batch)
                ).all()
                return _wire_ops(rows) if rows else None

        while True:
            batch = self.db(next_batch)
            if batch is None:
                return
            ops, misshapen = batch
            results = self._send(ops) if ops else []
            self.db(partial(self._record, results, misshapen))
            for result in results:
                self.report.sent += 1
                if result.result.value in _APPLIED:
                    self.report.applied += 1
                elif result.result is OpResult.LOST:
                    self.report.lost += 1
                else:
                    self.report.rejected += 1
            self.report.rejected += len(misshapen)
            self._tell("push")

    def _record(
        self, results: Sequence[PushResult], misshapen: Sequence[tuple[uuid.UUID, str]]
    ) -> None:
        with self.register.transaction() as session:
            _record_results(session, results, misshapen)

    def _send(self, ops: list[Op]) -> list[PushResult]:
        """One batch; when its answer is lost, the same batch again (the server answers
        a retried op with its first result)."""
        for attempt in range(BATCH_RETRIES + 1):
            try:
                return self.client.push(ops)
            except OfflineError:
                if attempt == BATCH_RETRIES:
                    raise
                time.sleep(RETRY_PAUSE_SECONDS)
        raise AssertionError("unreachable")

    # --- pull ------------------------------------------------------------------------------

    def pull(self) -> None:
        cursor = self.db(self._cursor)
        if cursor is None:
            self._first_sync()
            cursor = self.db(self._cursor)
        while True:
            page = self._page(cursor)
            if page.cursor == cursor and not (
                page.more or page.changes or page.purge or page.losing_values or page.rejected
            ):
                # Up to date: nothing to write (the no-op sync stays one request).
                self.report.pages += 1
                self._tell("pull")
                return
            changed = self.db(partial(self._apply_page, cursor, page))
            cursor = page.cursor
            if changed.entities or changed.record_ids:
                self.changed(changed)
            self._changed_entities |= changed.entities
            self._changed_ids |= changed.record_ids
            self.report.pages += 1
            self._tell("pull")
            if not page.more:
                return

    def _apply_page(self, cursor: str | None, page: PullPage) -> Changes:
        with self.register.transaction() as session:
            self._apply(session, cursor, page)
            return collected_changes(session)

    def _cursor(self) -> str | None:
        with self.register.sessions() as session:
            return sync_state(session).cursor

    def _page(self, cursor: str | None) -> PullPage:
        for attempt in range(BATCH_RETRIES + 1):
            try:
                return self.client.pull(cursor, self.page_limit)
            except OfflineError:
                if attempt == BATCH_RETRIES:
                    raise
                time.sleep(RETRY_PAUSE_SECONDS)
        raise AssertionError("unreachable")

    def _apply(self, session: Session, cursor: str | None, page: PullPage) -> None:
        """One page and its cursor, in the caller's transaction."""
        state = sync_state(session)
        if state.cursor != cursor:
            raise ConcurrentSyncError("another sync of this register moved on meanwhile")
        if page.purge:
            self.report.not_delivered += _set_aside_ops_on(session, page.purge)
            _drop_received(session, page.purge)
            self.report.purged += purge(session, page.purge)
        applied = apply_changes(session, _principal(session, state), page.changes)
        self.report.received += applied.applied
        self.report.set_aside += len(applied.set_aside)
        _keep_losing_values(session, page.losing_values)
        _keep_rejected(session, page.rejected)
        state.cursor = page.cursor

    def _first_sync(self) -> None:
        """A fresh register's first sync as the server's snapshot, when it can be."""
        from .snapshot_import import build_search_index

        def holds_something() -> bool:
            with self.register.sessions() as session:
                return sync_state(session).cursor is not None or any(
                    session.scalar(select(model.id).limit(1)) is not None
                    for model in (Resident, Helper, HelpRequest)
                )

        if self.db(holds_something):
            return
        imported: ImportedSnapshot | None = None
        ticket = self.db(self._kept_ticket)
        if ticket is not None:  # an earlier sync's download, broken off: go on with it
            try:
                imported = self._download_and_import(ticket)
            except SnapshotError as error:
                if error.status not in (404, 410):
                    raise
                # expired or gone on the server: ask for a new one
        if imported is None:
            try:
                ticket = self.client.snapshot()
            except RateLimitedError:
                return  # snapshots asked for too often (earlier tries died): pull instead
            except ServerError as error:
                if error.status == 404:  # a server without snapshots: pull from the start
                    return
                raise
            self.db(partial(self._keep_ticket, ticket))
            imported = self._download_and_import(ticket)
        self.report.snapshot = True
        self.report.received += sum(imported.counts.values())
        self.report.pages += 1
        self._tell("pull")
        self.changed(Changes(frozenset({HelpRequest.__tablename__}), frozenset()))
        self.db(lambda: build_search_index(self.register))

    def _kept_ticket(self) -> SnapshotTicket | None:
        """The snapshot an earlier sync began to download, while it has not expired."""
        with self.register.sessions() as session:
            kept = sync_state(session).snapshot_ticket
        if kept is None:
            return None
        ticket = SnapshotTicket.model_validate_json(kept)
        return ticket if ticket.expires_at > now_utc() else None

    def _keep_ticket(self, ticket: SnapshotTicket | None) -> None:
        """Keep the ticket (its one-time key inside the encrypted register) and drop
        any file of an earlier one, which is under another key."""
        with self.register.transaction() as session:
            sync_state(session).snapshot_ticket = (
                None if ticket is None else ticket.model_dump_json()
            )
        for leftover in self.register.path.parent.glob(self.register.path.name + ".snapshot-*"):
            if ticket is None or leftover != self._snapshot_path(ticket):
                leftover.unlink(missing_ok=True)

    def _snapshot_path(self, ticket: SnapshotTicket) -> Path:
        return self.register.path.with_name(
            f"{self.register.path.name}.snapshot-{ticket.snapshot_id}"
        )

    def _download_and_import(self, ticket: SnapshotTicket) -> ImportedSnapshot:
        """Download (resuming after what an earlier sync left) and import in one
        transaction that also sets the cursor and forgets the ticket. What arrived stays
        on disk, encrypted, when the download breaks off; the file goes once imported."""
        from .snapshot_import import import_snapshot

        path = self._snapshot_path(ticket)
        r = self.report

        def downloaded(done: int) -> None:
            self.progress(
                SyncProgress(
                    "download",
                    r.sent,
                    self._to_send,
                    r.received,
                    r.purged,
                    r.pages,
                    done,
                    ticket.size,
                )
            )

        try:
            self.client.download_snapshot(ticket, path, downloaded)
        except SnapshotError as error:
            if error.status in (404, 410):  # expired, or never this device's
                self.db(partial(self._keep_ticket, None))
            raise

        def keep_cursor(session: Session, imported: ImportedSnapshot) -> None:
            state = sync_state(session)
            state.cursor, state.snapshot_ticket = imported.cursor, None

        imported = self.db(
            lambda: import_snapshot(
                self.register, path, bytes.fromhex(ticket.key), before_commit=keep_cursor
            )
        )
        path.unlink(missing_ok=True)
        return imported

    # --- a restored server -----------------------------------------------------------------

    def start_over(self) -> None:
        """The server does not know the cursor: send every kept op again and pull from
        the start, taking the server's state (field versions forgotten)."""
        self.db(self._start_over)
        self.report.restored = True

    def _start_over(self) -> None:
        with self.register.transaction() as session:
            state = sync_state(session)
            state.cursor = None
            state.restores_seen += 1
            # The checksum sums are made anew after pulling everything again.
            state.checksum_sums_for = None
            session.flush()
            session.execute(
                update(OutboxOp)
                .where(OutboxOp.result.is_not(None), OutboxOp.not_delivered_reason.is_(None))
                .values(
                    result=None, reason=None, field=None, detail=None, seq=None,
                    acknowledged_at=None,
                )
            )  # fmt: skip
            session.execute(delete(FieldVersion))

    # --- verify ----------------------------------------------------------------------------

    def verify(self) -> None:
        """Compare a count and a hash per partition with the server (rule 12); the
        partitions that differ come again whole with one more pull, and are compared
        again. Nothing is deleted to heal. A server without checksums: not compared.

        A sync that sent, received and purged nothing after one that compared equal
        holds what it held then: it is not compared again (a no-op sync stays one round
        trip). The laptop's sums are kept as records change (``checksum.local_sums``),
        so a comparison after a sync that changed something costs milliseconds here.
        """
        r = self.report

        def last_checksum() -> str | None:
            with self.register.sessions() as session:
                return sync_state(session).last_checksum

        changed = r.sent or r.received or r.set_aside or r.purged or r.restored or r.snapshot
        if not changed and self.db(last_checksum) == "ok":
            r.checksum = "ok"
            return
        self._tell("verify")
        differ: list[str] = []
        for attempt in range(VERIFY_ROUNDS):
            found = self._compare()
            if found is None:
                return
            differ = found
            if not differ or attempt == VERIFY_ROUNDS - 1:
                break
            self.client.repull(differ)
            self.pull()
        result = "ok" if not differ else "mismatch"

        def keep() -> None:
            with self.register.transaction() as session:
                state = sync_state(session)
                state.last_checksum, state.last_checksum_at = result, now_utc()

        self.db(keep)
        self.report.checksum = result
        self.report.checksum_differs = tuple(differ)

    def _local_sums(self, device_records: Sequence[uuid.UUID]) -> dict[str, Sum]:
        from .checksum import local_sums

        with self.register.transaction() as session:  # the kept sums move along
            return local_sums(session, _principal(session, sync_state(session)), device_records)

    def _compare(self) -> list[str] | None:
        """The partitions whose sums differ; None when the server has no checksums or
        moved on meanwhile (then the next sync compares)."""
        from .checksum import Sum, differing

        for _ in range(2):
            cursor = self.db(self._cursor)
            try:
                answer = self.client.checksum(cursor)
            except ServerError as error:
                if error.status == 404:
                    return None
                raise
            if answer.current:
                theirs = {name: Sum(p.count, p.hash) for name, p in answer.partitions.items()}
                mine = self.db(partial(self._local_sums, answer.device_records))
                return differing(mine, theirs)
            self.pull()  # others wrote meanwhile: catch up, then compare
        return None


def _unanswered() -> ColumnElement[bool]:
    """Ops to push: pending ones, and not-delivered ones not yet reported."""
    return OutboxOp.result.is_(None)


def _count(session: Session, condition: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count()).select_from(OutboxOp).where(condition)) or 0)


def op_of(row: OutboxOp) -> Op:
    """An outbox row as it goes on the wire."""
    return Op.model_validate(
        {
            "op_id": row.op_id,
            "kind": row.kind,
            "entity": row.entity,
            "record_id": row.record_id,
            "payload": row.payload,
            "base_version": row.base_version,
            "hlc": row.hlc,
            "user_id": row.user_id,
            "device_id": row.device_id,
            "protocol_version": row.protocol_version,
        }
    )


def _wire_ops(rows: Sequence[OutboxOp]) -> tuple[list[Op], list[tuple[uuid.UUID, str]]]:
    """The rows as ops; one that does not fit the protocol is set apart (rule 8)."""
    ops: list[Op] = []
    misshapen: list[tuple[uuid.UUID, str]] = []
    for row in rows:
        try:
            ops.append(op_of(row))
        except PydanticError as error:
            misshapen.append((row.op_id, str(error)[:300]))
    return ops, misshapen


def _record_results(
    session: Session, results: Sequence[PushResult], misshapen: Sequence[tuple[uuid.UUID, str]]
) -> None:
    now = now_utc()
    rows = {
        row.op_id: row
        for row in session.scalars(
            select(OutboxOp).where(
                OutboxOp.op_id.in_([r.op_id for r in results] + [m[0] for m in misshapen])
            )
        )
    }
    for result in results:
        row = rows[result.op_id]
        row.result = result.result.value
        row.reason = result.reason.value if result.reason else None
        row.field, row.detail, row.seq = result.field, result.detail or None, result.seq
        row.acknowledged_at = now
        if row.not_delivered_reason is not None and row.result in _APPLIED:
            # The record became visible again before the report: it arrived after all.
            row.not_delivered_reason = row.not_delivered_at = None
    for op_id, detail in misshapen:
        row = rows[op_id]
        row.result, row.reason = OpResult.REJECTED.value, RejectReason.INVALID.value
        row.detail, row.acknowledged_at = detail, now


def _forget_old_acknowledged(session: Session) -> None:
    """Applied ops go after ``ACKNOWLEDGED_KEPT_DAYS``; the others stay for the user."""
    session.execute(
        delete(OutboxOp).where(
            OutboxOp.result.in_(_APPLIED),
            OutboxOp.not_delivered_reason.is_(None),
            OutboxOp.acknowledged_at < now_utc() - timedelta(days=ACKNOWLEDGED_KEPT_DAYS),
        )
    )


def _purged_ids(session: Session, purges: Sequence[Purge]) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """Every record the purges remove (a request with its children), and the requests."""
    records: set[uuid.UUID] = set()
    requests: set[uuid.UUID] = set()
    for item in purges:
        records.add(item.record_id)
        if item.entity == HelpRequest.__tablename__:
            requests.add(item.record_id)
            for child in _REQUEST_CHILDREN:
                records.update(
                    session.scalars(select(child.id).where(child.request_id == item.record_id))
                )
    return records, requests


def _set_aside_ops_on(session: Session, purges: Sequence[Purge]) -> int:
    """Ops on records about to be purged become not delivered: pending ones, and ones
    the server just refused because their user no longer sees the record."""
    records, _requests = _purged_ids(session, purges)
    if not records:
        return 0
    moved = session.execute(
        update(OutboxOp)
        .where(
            OutboxOp.record_id.in_(records),
            OutboxOp.not_delivered_reason.is_(None),
            or_(
                OutboxOp.result.is_(None),
                (OutboxOp.result == OpResult.REJECTED.value) & OutboxOp.reason.in_(_UNSEEN_REASONS),
            ),
        )
        .values(
            not_delivered_reason=NotDelivered.NO_LONGER_VISIBLE.value, not_delivered_at=now_utc()
        )
    )
    return int(moved.rowcount or 0)  # type: ignore[attr-defined]


def _drop_received(session: Session, purges: Sequence[Purge]) -> None:
    """Losing values and rejected ops of purged records go with them."""
    records, requests = _purged_ids(session, purges)
    for model in (ReceivedLosingValue, ReceivedRejectedOp):
        session.execute(
            delete(model).where(or_(model.request_id.in_(requests), model.record_id.in_(records)))
        )


def _keep_losing_values(session: Session, values: Sequence[LosingValue]) -> None:
    """The page's losing values not kept yet (a page may come again), read in one
    query: a page where two laptops edited the same requests holds a hundred."""
    if not values:
        return
    kept: set[tuple[int, str, uuid.UUID, str]] = set(
        session.execute(
            select(
                ReceivedLosingValue.seq,
                ReceivedLosingValue.entity,
                ReceivedLosingValue.record_id,
                ReceivedLosingValue.field,
            ).where(ReceivedLosingValue.seq.in_({value.seq for value in values}))
        )
    )
    for value in values:
        key = (value.seq, value.entity, value.record_id, value.field)
        if key not in kept:
            kept.add(key)
            session.add(ReceivedLosingValue(**value.model_dump()))


def _keep_rejected(session: Session, rejected: Sequence[RejectedOp]) -> None:
    for op in rejected:
        if session.get(ReceivedRejectedOp, op.op_id) is None:
            values = op.model_dump()
            values["kind"], values["reason"] = op.kind.value, op.reason.value
            session.add(ReceivedRejectedOp(**values))


def _principal(session: Session, state: SyncState) -> Principal:
    """The user, as the register's directory knows them; before the directory has
    arrived (a user who sees nothing yet), as the sync state remembers them."""
    try:
        return load_principal(session, state.user_id)
    except NotFoundError:
        return Principal(
            user_id=state.user_id,
            username=state.username,
            display_name=state.username,
            role=Role(state.role),
            team_id=None,
            area_ids=frozenset(),
        )


_PROBLEMS = {
    SyncErrorKind.NETWORK: Problem.OFFLINE,
    SyncErrorKind.AUTH: Problem.SIGN_IN,
    SyncErrorKind.PROTOCOL_VERSION: Problem.UPDATE_PROGRAM,
    SyncErrorKind.RATE_LIMITED: Problem.RATE_LIMITED,
}


def problem_of(error: SyncError) -> Problem:
    """The kind of problem a sync error is, as kept in the sync state."""
    return _PROBLEMS.get(error.kind, Problem.SERVER)


def _record_problem(register: Register, error: SyncError) -> None:
    with register.transaction() as session:
        state = sync_state(session)
        state.last_problem = problem_of(error).value
        state.last_problem_detail = str(error)[:300]
        state.last_problem_at = state.last_attempt_at = now_utc()


@dataclass(frozen=True)
class Status:
    """What ``dorpsondersteuner status`` shows, read without the network."""

    username: str
    user_id: uuid.UUID
    server: str
    device_id: uuid.UUID
    last_sync_at: datetime | None
    last_problem: str | None
    last_problem_detail: str | None
    last_checksum: str | None
    last_checksum_at: datetime | None
    ledger: Ledger
    requests_held: int
    losing_values: int
    rejected_for_review: int


def status(register: Register) -> Status:
    with register.sessions() as session:
        state = sync_state(session)
        device = session.scalars(select(DeviceState)).one()
        return Status(
            username=state.username,
            user_id=state.user_id,
            server=state.server_url,
            device_id=device.device_id,
            last_sync_at=state.last_sync_at,
            last_problem=state.last_problem,
            last_problem_detail=state.last_problem_detail,
            last_checksum=state.last_checksum,
            last_checksum_at=state.last_checksum_at,
            ledger=ledger(session),
            requests_held=int(
                session.scalar(
                    select(func.count())
                    .select_from(HelpRequest)
                    .where(HelpRequest.deleted_at.is_(None))
                )
                or 0
            ),
            losing_values=int(
                session.scalar(
                    select(func.count())
                    .select_from(ReceivedLosingValue)
                    .where(ReceivedLosingValue.reviewed_at.is_(None))
                )
                or 0
            ),
            rejected_for_review=int(
                session.scalar(
                    select(func.count())
                    .select_from(ReceivedRejectedOp)
                    .where(ReceivedRejectedOp.reviewed_at.is_(None))
                )
                or 0
            ),
        )
