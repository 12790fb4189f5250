"""``/sync/snapshot``: a fresh laptop's first sync as one encrypted file (rule 13, D17).

``POST`` cuts it, in one consistent read, and answers where to download it, its
one-time key and the cursor to pull from after importing it; ``GET`` serves it, whole
or in byte ranges, from any server process, to the device that asked for it, until it
expires. The work is in ``server/sync/snapshot.py``.
"""

from __future__ import annotations

import contextlib
import logging
import re
import uuid
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...errors import NotFoundError
from ...models.base import utcnow
from ...sync.protocol import SnapshotRequest, SnapshotTicket
from ..deps import DeviceDep, PrincipalDep
from ..errors import SIGNED_IN_ERRORS, SyncRefused, error_responses
from ..limits import LIMITED_ERRORS, device_limit
from ..sync.snapshot import SnapshotGone, cut, find, read_bytes, store
from .sync import _check_version

log = logging.getLogger("dorpsondersteuner.server")

router = APIRouter(prefix="/sync", tags=["sync"])

_FILE = {
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}
}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


@contextlib.contextmanager
def _one_state(state: Any) -> Iterator[Session]:
    """A read of one consistent state of the database: REPEATABLE READ on PostgreSQL;
    on SQLite a read transaction, one snapshot of the write-ahead log that takes no
    write lock, so pushes go on while the snapshot is cut."""
    engine = state.engine
    if engine.dialect.name == "postgresql":
        bind = engine.execution_options(isolation_level="REPEATABLE READ")
    else:
        bind = state.read_engine
    with Session(bind=bind) as session, session.begin():
        yield session


@router.post(
    "/snapshot",
    dependencies=[Depends(device_limit("snapshot"))],
    responses={
        200: {
            "links": {
                "download": {
                    "operationId": "download_snapshot",
                    "parameters": {"snapshot_id": "$response.body#/snapshot_id"},
                    "description": "The snapshot file",
                }
            }
        },
        **LIMITED_ERRORS,
        **error_responses(422, 426),
    },
)
def take_snapshot(
    body: SnapshotRequest, request: Request, principal: PrincipalDep, owner: DeviceDep
) -> SnapshotTicket:
    """Cut a snapshot of everything this device's user may see, for its first sync.

    Download it from ``/sync/snapshot/{snapshot_id}`` within 24 hours, open it with
    ``key``, import it, then pull from ``cursor``. Each device has one snapshot at a
    time: a new one replaces the last.
    """
    _check_version(body.protocol_version)
    state = request.app.state
    now = utcnow()
    with _one_state(state) as session:
        made = cut(session, principal, owner.device_id, now)
    try:
        with state.sessions.begin() as session:
            ticket = store(
                session,
                made,
                device_id=owner.device_id,
                user_id=principal.user_id,
                now=now,
                chunk_bytes=state.settings.snapshot_chunk_bytes,
            )
    finally:
        made.path.unlink(missing_ok=True)
    log.info(
        "snapshot: device %s, %s records, %s bytes",
        owner.short_code,
        sum(ticket.counts.values()),
        ticket.size,
    )
    return ticket


@router.get(
    "/snapshot/{snapshot_id}",
    operation_id="download_snapshot",
    response_class=Response,
    responses={
        200: {"description": "The whole file", **_FILE},
        206: {
            "description": "The byte range asked for",
            "headers": {
                "Content-Range": {
                    "description": "bytes first-last/size",
                    "schema": {"type": "string"},
                }
            },
            **_FILE,
        },
        **SIGNED_IN_ERRORS,
        **error_responses(404, 410, 416, 422),
    },
)
def download_snapshot(
    snapshot_id: uuid.UUID,
    request: Request,
    owner: DeviceDep,
    range_header: Annotated[
        str | None,
        Header(
            alias="range",
            max_length=200,
            description="One range, bytes=first-[last], to resume a download",
        ),
    ] = None,
) -> Response:
    """This device's snapshot file, whole or the one byte range asked for (to resume).

    Another device's snapshot is not found, as an unknown one; an expired one is gone
    (410): ask for a new one.
    """
    state = request.app.state
    with state.read_sessions() as session:
        try:
            snapshot = find(session, snapshot_id, owner.device_id, utcnow())
        except SnapshotGone as gone:
            raise SyncRefused(410, "snapshot_expired", f"{gone}: take a new snapshot") from None
    if snapshot is None:
        raise NotFoundError("no such snapshot")
    size = snapshot.size
    start, end, status = 0, size - 1, 200
    asked = _range(range_header, size)
    if asked is not None:
        start, end, status = *asked, 206
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Length": str(end - start + 1),
        "ETag": f'"{snapshot.sha256}"',
        "Cache-Control": "no-store",
    }
    if status == 206:
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    if size == 0:
        return Response(b"", status_code=200, headers=headers)
    return StreamingResponse(
        read_bytes(state.read_sessions, snapshot, start, end),
        status_code=status,
        media_type="application/octet-stream",
        headers=headers,
    )


def _range(header: str | None, size: int) -> tuple[int, int] | None:
    """The one byte range of a ``Range`` header (RFC 9110 14.2), or None to send the
    whole file (no header, or one this server does not take: several ranges, another
    unit); ``416`` when it lies beyond the file."""
    if header is None:
        return None
    match = _RANGE.fullmatch(header.strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":  # the last N bytes
        start, end = max(size - int(last), 0), size - 1
    else:
        start = int(first)
        if last and int(last) < start:
            return None  # not a range at all: ignored, as RFC 9110 allows
        end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        raise StarletteHTTPException(
            416,
            f"the range {header!r} is not within the file's {size} bytes",
            headers={"Content-Range": f"bytes */{size}"},
        )
    return start, end
