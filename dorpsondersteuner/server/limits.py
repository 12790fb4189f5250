"""Per-device limits for the sync endpoints: a request rate and a body size for each
kind of sync request (``push``, ``pull``, ``snapshot``; numbers in ``settings.py``).

A route (or a whole router) takes them with one dependency, and documents the answers:

    router = APIRouter(prefix="/sync", tags=["sync"], responses=LIMITED_ERRORS)

    @router.post("/push", dependencies=[Depends(device_limit("push"))])
    def push(...): ...

- **Rate**: each device has an allowance per kind: ``per_minute`` requests a minute on
  average, up to ``burst`` of them at once. A request over it is refused with ``429``,
  error ``too_many_requests`` and ``Retry-After`` (whole seconds): after that wait the
  next request is let through. The allowance is kept in the database
  (``sync_rate_limits``, one row per device and kind), so every server process counts
  the same requests; it is taken in a short transaction of its own, before the route
  runs, and a refused request writes nothing.
- **Body**: a request body over ``max_body_bytes`` of its kind is refused with ``413``,
  error ``body_too_large``: by its Content-Length before anything is counted, else while
  it is read (``middleware.BodySizeLimit`` asks ``route_body_limit`` for the route's
  limit), so no more than that is ever held.

The token is checked first (``DeviceDep``): a request without a valid token is refused
with 401 and counts against nothing.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from fastapi import Request
from sqlalchemy import case, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Scope

from ..models.base import utcnow
from .deps import DeviceDep
from .errors import SIGNED_IN_ERRORS, error_responses
from .middleware import BodyTooLarge
from .models import SyncRateLimit
from .settings import SYNC_LIMIT_KINDS, Settings, SyncLimit

log = logging.getLogger("dorpsondersteuner.server")

# The answers of a route with a device limit, for its ``responses=``.
LIMITED_ERRORS = {**SIGNED_IN_ERRORS, **error_responses(413, 429)}


class DeviceLimit:
    """The dependency: ``Depends(device_limit("push"))``. Refuses a request over the
    device's rate for this kind with 429; its body limit is enforced by the body-size
    middleware, which finds this dependency on the route."""

    def __init__(self, kind: str) -> None:
        if kind not in SYNC_LIMIT_KINDS:
            raise ValueError(f"no limits for {kind!r}; known: {', '.join(SYNC_LIMIT_KINDS)}")
        self.kind = kind

    def __repr__(self) -> str:
        return f"device_limit({self.kind!r})"

    def __call__(self, request: Request, owner: DeviceDep) -> None:
        # A plain function: FastAPI runs it on a worker thread, as the database needs.
        settings: Settings = request.app.state.settings
        limit = settings.sync_limits[self.kind]
        # The middleware holds the limit while a body is read; this holds it for a route
        # that never reads the body it was sent (a GET), before anything is counted.
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit.max_body_bytes:
            raise BodyTooLarge(limit.max_body_bytes)
        wait = take(request.app.state.sessions, owner.device_id, self.kind, limit, utcnow())
        if wait is None:
            return
        seconds = max(1, math.ceil(wait))
        log.info(
            "%s refused: device %s over its rate (%s a minute, burst %s); retry after %s s",
            self.kind,
            owner.short_code,
            f"{limit.per_minute:g}",
            limit.burst,
            seconds,
        )
        raise StarletteHTTPException(
            429,
            f"too many {self.kind} requests from this device: try again in {seconds} s",
            headers={"Retry-After": str(seconds)},
        )


def device_limit(kind: str) -> DeviceLimit:
    """The rate and body limits of ``kind`` (push, pull or snapshot) for a route."""
    return DeviceLimit(kind)


@dataclass(frozen=True)
class Rate:
    """A limit in whole milliseconds: one request per ``interval``, ``burst`` at once."""

    interval_ms: int
    burst: int

    @classmethod
    def of(cls, limit: SyncLimit) -> Rate | None:
        if limit.per_minute <= 0:
            return None  # no rate limit
        return cls(interval_ms=max(1, round(60_000 / limit.per_minute)), burst=limit.burst)


def take(
    sessions: sessionmaker[Session],
    device_id: uuid.UUID,
    kind: str,
    limit: SyncLimit,
    now: datetime,
) -> float | None:
    """Take one request from the device's allowance: None when it is let through, else
    the seconds until the next one would be.

    One statement decides, atomically on either database: an insert of the first row, or
    an update of the row that only happens when the request is within the allowance (a
    row lock on PostgreSQL, the write lock on SQLite); a refused request reads the row
    to say how long to wait.
    """
    rate = Rate.of(limit)
    if rate is None:
        return None
    now_ms = int(now.timestamp() * 1000)
    full_at = SyncRateLimit.full_at_ms
    # The allowance is whole again at ``full_at``; this request moves that one interval
    # on from the later of ``full_at`` and now, and may not move it more than ``burst``
    # intervals past now.
    moved = case((full_at > now_ms, full_at), else_=now_ms) + rate.interval_ms
    with sessions.begin() as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (
            insert(SyncRateLimit)
            .values(device_id=device_id, kind=kind, full_at_ms=now_ms + rate.interval_ms)
            .on_conflict_do_update(
                index_elements=[SyncRateLimit.device_id, SyncRateLimit.kind],
                set_={"full_at_ms": moved},
                where=moved - now_ms <= rate.burst * rate.interval_ms,
            )
            .returning(full_at)
        )
        if session.execute(statement).first() is not None:
            return None
        stored = int(
            session.execute(
                select(full_at).where(
                    SyncRateLimit.device_id == device_id, SyncRateLimit.kind == kind
                )
            ).scalar_one()
        )
    waited = max(stored, now_ms) + rate.interval_ms - now_ms - rate.burst * rate.interval_ms
    return waited / 1000


def route_body_limit(limits: Mapping[str, SyncLimit]) -> Callable[[Scope], int | None]:
    """For ``middleware.BodySizeLimit``: the body limit of the route a request was routed
    to, when the route (or its router) has a ``device_limit``; None for the default."""

    def body_limit(scope: Scope) -> int | None:
        route = scope.get("route")
        for dependency in getattr(route, "dependencies", ()):
            call = getattr(dependency, "dependency", None)
            if isinstance(call, DeviceLimit):
                return limits[call.kind].max_body_bytes
        return None

    return body_limit


def largest_body(limits: Mapping[str, SyncLimit]) -> int:
    """The largest body any device limit lets through (the middleware's early check)."""
    return max((limit.max_body_bytes for limit in limits.values()), default=0)
