"""``/sync/push`` and ``/sync/pull``: a laptop's ops up, the changes its user may see down
(ARCHITECTURE "Sync"). The work is in ``server/sync/``; this module checks the protocol
version, holds the transactions and logs what happened."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ...sync import PROTOCOL_VERSION
from ...sync.protocol import PullPage, PullRequest, PushRequest, PushResponse
from ..deps import DeviceDep, PrincipalDep, SessionDep
from ..errors import SyncRefused, error_responses
from ..limits import LIMITED_ERRORS, device_limit
from ..sync.pull import UnknownCursor, pull
from ..sync.push import OLDEST_PROTOCOL_VERSION, push

log = logging.getLogger("dorpsondersteuner.server")

router = APIRouter(
    prefix="/sync", tags=["sync"], responses={**LIMITED_ERRORS, **error_responses(422, 426)}
)


# A push that PostgreSQL chose to end to break a deadlock (a push locks request rows and
# then the counter; an administrator's reassign the other way round) is taken again:
# nothing of it was kept.
PUSH_ATTEMPTS = 3
_TRY_AGAIN = frozenset({"40P01", "40001"})  # deadlock detected, serialization failure


def _sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None)


def _check_version(version: int) -> None:
    if not OLDEST_PROTOCOL_VERSION <= version <= PROTOCOL_VERSION:
        raise SyncRefused(
            426,
            "protocol_version",
            f"this server speaks sync protocol versions {OLDEST_PROTOCOL_VERSION} to "
            f"{PROTOCOL_VERSION}, the program {version}: update the program",
        )


@router.post("/push", dependencies=[Depends(device_limit("push"))])
def push_ops(
    body: PushRequest, session: SessionDep, principal: PrincipalDep, owner: DeviceDep
) -> PushResponse:
    """Apply a batch of outbox ops, each exactly once; one result per op, in order."""
    _check_version(body.protocol_version)
    for attempt in range(1, PUSH_ATTEMPTS + 1):
        try:
            results = push(session, principal, owner.device_id, body.ops)
            session.commit()
            break
        except DBAPIError as error:
            session.rollback()
            if attempt == PUSH_ATTEMPTS or _sqlstate(error) not in _TRY_AGAIN:
                raise
    log.info("push: device %s, %s ops", owner.short_code, len(body.ops))
    return PushResponse(results=results)


@router.post("/pull", dependencies=[Depends(device_limit("pull"))], responses=error_responses(409))
def pull_changes(
    body: PullRequest, session: SessionDep, principal: PrincipalDep, owner: DeviceDep
) -> PullPage:
    """The next page of what this device's user may see, after ``cursor``."""
    _check_version(body.protocol_version)
    _snapshot(session)
    try:
        page = pull(session, principal, owner.device_id, body.cursor, body.limit)
    except UnknownCursor as error:
        session.rollback()
        raise SyncRefused(409, "unknown_cursor", f"{error}: take a new snapshot") from None
    session.commit()
    return page


def _snapshot(session: Session) -> None:
    """One consistent view for the whole page: REPEATABLE READ on PostgreSQL (SQLite's
    write transaction is one already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
