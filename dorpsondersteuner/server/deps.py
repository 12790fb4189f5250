"""The dependencies routes ask for: a database session and the authorisation layer.

Every endpoint but ``/health``, ``/version`` and ``/auth/login`` needs a device token
(``Authorization: Bearer …``). Routes take the signed-in ``Principal`` from
``PrincipalDep`` or a role requirement such as ``AdministratorDep``, so the access policy
in ``dorpsondersteuner.services.access`` is the only place that decides what a user sees.

What this costs per request matters: the sync endpoints pay it on every call. The token
check and the principal are one trip to a worker thread (one of a few kept for checks,
``CHECK_THREADS``) and two indexed queries on a read-only connection of their own, back
in the pool before that thread is left; everything else here runs on the event loop. A
route that only reads a little more (``/me``) does that in the same trip
(``run_signed_in``). The route's session connects at its first
query and holds that connection until the request ends (``db.POOL_SIZE`` says why the
pool is larger than the thread pool). Nothing is cached between requests: a revoked
token fails on its very next request.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar, cast

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Select, bindparam, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..errors import ForbiddenError
from ..models import Area, team_areas, user_areas
from ..models.base import utcnow
from ..models.enums import Role
from ..services.access import Principal
from . import auth

# Methods that only read (RFC 9110's "safe" methods) get a read-only session: on SQLite
# they never take or wait for the write lock. A route that changes anything answers
# POST, PUT, PATCH or DELETE.
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Ending a write transaction may be a database round trip, so a session that may write
# is closed in a thread, with a limiter of its own: were it to queue for the request
# threads, a request holding a connection could wait behind requests waiting for a
# connection. Each close holds a connection, so this never waits long.
_closing = CapacityLimiter(64)

# Threads for token checks, apart from the request threads. Few on purpose: a check is
# a few short reads, and each thread holding or waiting for the GIL makes every other
# one wait longer (with 40, a busy process answered /me at p95 60-90 ms instead of
# 25-35 ms). Checks beyond these wait their turn in order, holding nothing. A check
# never waits for a lock: it only reads, and last-seen is written apart from it.
CHECK_THREADS = 4
_checks = CapacityLimiter(CHECK_THREADS)


async def get_session(request: Request) -> AsyncIterator[Session]:
    """The request's session: read-only for GET and HEAD (see ``db.read_only``), else
    one that may write and commits only when told to.

    Made on the event loop: a session connects at its first query, in the route's
    thread. A read-only session is closed there too, as that sends nothing to the
    database; one that may write is closed in a thread.
    """
    state = request.app.state
    reads_only = request.method in READ_ONLY_METHODS
    session: Session = state.read_sessions() if reads_only else state.sessions()
    try:
        yield session
    finally:
        if reads_only or not session.in_transaction():
            session.close()
        else:
            await to_thread.run_sync(session.close, limiter=_closing)


SessionDep = Annotated[Session, Depends(get_session)]
T = TypeVar("T")
_bearer = HTTPBearer(auto_error=False, description="The device token from /auth/login")

# The areas a user works for, by role, with what ``/me`` shows of them, in the order it
# shows them: the same areas as ``services.access.load_principal`` gives
# (tests/server/test_concurrency.py keeps it so), in one query of plain columns instead
# of loading the user and its areas as objects.
_AREA_COLUMNS = (Area.id, Area.code, Area.name)
_AREAS_BY_ROLE: dict[Role, Select[uuid.UUID, str, str]] = {
    Role.VILLAGE_SUPPORTER: select(*_AREA_COLUMNS)
    .join(user_areas, user_areas.c.area_id == Area.id)
    .where(user_areas.c.user_id == bindparam("user_id"))
    .order_by(Area.code),
    Role.DISTRICT_TEAM: select(*_AREA_COLUMNS)
    .join(team_areas, team_areas.c.area_id == Area.id)
    .where(team_areas.c.team_id == bindparam("team_id"))
    .order_by(Area.code),
}
_EVERY_AREA = select(*_AREA_COLUMNS).where(Area.deleted_at.is_(None)).order_by(Area.code)


@dataclass(frozen=True)
class AreaRow:
    id: uuid.UUID
    code: str
    name: str


def areas_of(connection: Connection, owner: auth.TokenOwner) -> tuple[AreaRow, ...]:
    """The areas a token's (active) user works for, by code."""
    if owner.role is Role.DISTRICT_TEAM and owner.team_id is None:
        return ()
    query = _AREAS_BY_ROLE.get(owner.role, _EVERY_AREA)
    parameters = {"user_id": owner.user_id, "team_id": owner.team_id}
    return tuple(AreaRow(*row) for row in connection.execute(query, parameters))


def _principal(owner: auth.TokenOwner, areas: tuple[AreaRow, ...]) -> Principal:
    return Principal(
        user_id=owner.user_id,
        username=owner.username,
        display_name=owner.display_name,
        role=owner.role,
        team_id=owner.team_id,
        area_ids=frozenset(area.id for area in areas),
    )


def principal_of(connection: Connection, owner: auth.TokenOwner) -> Principal:
    """The principal of a token's (active) user."""
    return _principal(owner, areas_of(connection, owner))


@dataclass(frozen=True)
class SignedIn:
    owner: auth.TokenOwner
    principal: Principal
    areas: tuple[AreaRow, ...]  # the principal's areas, by code


BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def bearer_token(credentials: HTTPAuthorizationCredentials | None) -> str:
    """The token sent, or 401."""
    if credentials is None:
        raise auth.AuthError(
            "not signed in: send the device token as 'Authorization: Bearer <token>'",
            code="missing_token",
        )
    return credentials.credentials


def check_signed_in(
    state: Any, token: str, then: Callable[[Connection, SignedIn], T] | None = None
) -> tuple[SignedIn, T | None]:
    """The token check and the principal, then ``then`` on the same read-only
    connection: blocking work, for one trip to a thread (``_checked``)."""
    for attempt in (1, 2):
        try:
            with state.check_engine.connect() as connection:
                owner = auth.check_token(connection, token, utcnow())
                areas = areas_of(connection, owner)
                signed = SignedIn(owner, _principal(owner, areas), areas)
                extra = then(connection, signed) if then is not None else None
            return signed, extra
        except DBAPIError as error:
            # The check engine does not test a connection before each use (a round trip
            # every time); one the database dropped (a restart) fails here and is
            # thrown away with all older ones, and the check runs again on a new one.
            if attempt == 2 or not error.connection_invalidated:
                raise
    raise AssertionError("unreachable")


async def _checked(
    request: Request, token: str, then: Callable[[Connection, SignedIn], T] | None = None
) -> tuple[SignedIn, T | None]:
    state = request.app.state
    signed, extra = await to_thread.run_sync(check_signed_in, state, token, then, limiter=_checks)
    now = utcnow()
    if auth.last_seen_is_due(signed.owner, now):  # at most once a minute per token
        await to_thread.run_sync(auth.record_use, state.sessions, signed.owner, now)
    return signed, extra


async def run_signed_in(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None,
    then: Callable[[Connection, SignedIn], T],
) -> T:
    """For a route that only reads a little more: the token check, the principal and
    ``then`` (given the same read-only connection) in a single trip to a thread.

    The route takes ``BearerDep`` (so the OpenAPI document shows it needs a token) and
    is itself ``async``: it then makes no trip to a thread of its own."""
    _, extra = await _checked(request, bearer_token(credentials), then)
    return cast(T, extra)


async def signed_in(request: Request, credentials: BearerDep) -> SignedIn:
    """The live device token of this request and its user, or 401.

    Both in one trip to a thread, on a read-only connection returned before the route
    runs; last-seen is written, apart from that, at most once a minute per token.
    """
    signed, _ = await _checked(request, bearer_token(credentials))
    return signed


SignedInDep = Annotated[SignedIn, Depends(signed_in)]


# The two below only pick from ``signed_in`` (run once per request), so they are
# async: a plain function would cost a trip to a thread each.
async def current_device(signed: SignedInDep) -> auth.TokenOwner:
    """The live device token of this request, or 401."""
    return signed.owner


DeviceDep = Annotated[auth.TokenOwner, Depends(current_device)]


async def current_principal(signed: SignedInDep) -> Principal:
    """The signed-in user as the access policy sees them."""
    return signed.principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: Role) -> Callable[[Principal], Coroutine[Any, Any, Principal]]:
    """A dependency giving the principal when their role is one of ``roles``, else 403."""
    allowed = frozenset(roles)

    async def dependency(principal: PrincipalDep) -> Principal:
        if principal.role not in allowed:
            raise ForbiddenError(
                "your role may not do this (needs: "
                + ", ".join(sorted(role.value for role in allowed))
                + ")"
            )
        return principal

    return dependency


AdministratorDep = Annotated[Principal, Depends(require_roles(Role.ADMINISTRATOR))]
