"""``/sync/checksum`` and ``/sync/repull``: after a sync the laptop compares what it holds
with what it should hold, and asks for the partitions that differ again (rule 12). The
work is in ``server/sync/checksum.py``."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from ...sync.protocol import ChecksumAnswer, ChecksumRequest, RepullAnswer, RepullRequest
from ..deps import DeviceDep, PrincipalDep, SessionDep
from ..errors import SyncRefused, error_responses
from ..limits import LIMITED_ERRORS, device_limit
from ..sync.checksum import answer, repull
from ..sync.pull import UnknownCursor
from .sync import _check_version

log = logging.getLogger("dorpsondersteuner.server")

router = APIRouter(
    prefix="/sync", tags=["sync"], responses={**LIMITED_ERRORS, **error_responses(422, 426)}
)


@router.get(
    "/checksum", dependencies=[Depends(device_limit("pull"))], responses=error_responses(409)
)
def checksum(
    query: Annotated[ChecksumRequest, Query()],
    session: SessionDep,
    principal: PrincipalDep,
    owner: DeviceDep,
) -> ChecksumAnswer:
    """Count and hash of what this device should hold, per partition its user sees, as
    of the newest sequence number. Compare only when ``current`` (the device's cursor
    is at that number and its last pull said no more); else pull first."""
    _check_version(query.protocol_version)
    _one_snapshot(session)
    try:
        return answer(session, principal, query.cursor)
    except UnknownCursor as error:
        raise SyncRefused(409, "unknown_cursor", f"{error}: take a new snapshot") from None


def _one_snapshot(session: Session) -> None:
    """The sums and their sequence number from one snapshot: a read-only session is a
    deferred transaction on SQLite (a snapshot without the write lock) and autocommit on
    PostgreSQL, where this makes it one REPEATABLE READ transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


@router.post("/repull", dependencies=[Depends(device_limit("pull"))])
def ask_again(
    body: RepullRequest, session: SessionDep, principal: PrincipalDep, owner: DeviceDep
) -> RepullAnswer:
    """The partitions whose sums differed: the next pull sends their records whole, at
    the server's versions. Nothing is purged; partitions the user does not see are
    ignored."""
    _check_version(body.protocol_version)
    stale = repull(session, principal, owner.device_id, body.partitions)
    session.commit()
    log.info(
        "repull: device %s, %s partitions, %s records to send again",
        owner.short_code,
        len(body.partitions),
        stale,
    )
    return RepullAnswer(stale=stale)
