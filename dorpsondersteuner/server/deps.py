"""The dependencies routes ask for: a database session and the authorisation layer.

Every endpoint but ``/health``, ``/version`` and ``/auth/login`` needs a device token
(``Authorization: Bearer …``). Routes take the signed-in ``Principal`` from
``PrincipalDep`` or a role requirement such as ``AdministratorDep``, so the access policy
in ``dorpsondersteuner.services.access`` is the only place that decides what a user sees.

What this costs per request matters: the sync endpoints pay it on every call. The token
check, the principal and its areas are one query on a read-only connection of their own
(``check_signed_in``): on SQLite run on the event loop, on PostgreSQL in one trip to a
worker thread (one of a few kept for checks, ``CHECK_THREADS``); everything else here
runs on the event loop. The route's session connects at its first query and holds that
connection until the request ends (``db.POOL_SIZE`` says why the pool is larger than
the thread pool). Nothing is cached between requests: a revoked token fails on its very
next request.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Select, and_, bindparam, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..errors import ForbiddenError
from ..models import Area, DistrictTeam, User, team_areas, user_areas
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

# Where the token check runs. SQLite: on the event loop itself. It is one indexed query
# inside this process (0.1-0.2 ms), which never waits for a lock (a reader of a WAL
# database waits for no writer; last-seen, a write, is done in a thread), so a trip to
# a thread and back would cost more than the query: /me took 0.55 ms of CPU this way
# against 0.75-1.5 ms with the trip. PostgreSQL: the query is a round trip over the
# network, which must not hold up the event loop, so the check goes to a thread.
#
# Threads for token checks, apart from the request threads: one. A check is one short
# query; a thread waiting for the GIL can lose it to another thread again and again, so
# every thread more made the slowest answers worse. With two server processes on
# PostgreSQL, /me's slowest answers (wrk, three runs each): one check thread p99
# 23-34 ms, the longest 47-94 ms; two threads p99 69-333 ms, the longest 0.5-0.8 s;
# eight threads p95 up to 805 ms. Checks wait their turn in order, holding nothing; a
# check never waits for a lock (it only reads; last-seen is written apart from it), so
# one thread still manages some 1,000 checks a second 1 ms away from the database, per
# process.
CHECK_THREADS = 1
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
_bearer = HTTPBearer(auto_error=False, description="The device token from /auth/login")


@dataclass(frozen=True)
class AreaRow:
    id: uuid.UUID
    code: str
    name: str


_AREA_COLUMNS = (Area.id, Area.code, Area.name)
_ROLES_WITH_OWN_AREAS = (Role.VILLAGE_SUPPORTER, Role.DISTRICT_TEAM)


def _with_areas(query: Select[Any]) -> Select[Any]:
    """``query`` (of ``users``) with, after its own columns, the areas the user works
    for, by code: a row per area, or one row with none. The same areas as
    ``services.access.load_principal`` gives (tests/server/test_concurrency.py keeps it
    so), as plain columns instead of the user and its areas as objects. The OR in the
    join is no burden: a municipality has few areas."""
    return (
        query.add_columns(*_AREA_COLUMNS)
        .outerjoin(
            user_areas,
            and_(User.role == Role.VILLAGE_SUPPORTER, user_areas.c.user_id == User.id),
        )
        .outerjoin(
            team_areas,
            and_(User.role == Role.DISTRICT_TEAM, team_areas.c.team_id == User.team_id),
        )
        .outerjoin(
            Area,
            or_(
                Area.id == user_areas.c.area_id,
                Area.id == team_areas.c.area_id,
                and_(User.role.not_in(_ROLES_WITH_OWN_AREAS), Area.deleted_at.is_(None)),
            ),
        )
        .order_by(Area.code)
    )


# The token check (its columns first, as ``auth.token_owner`` reads them), the name of
# the user's team and their areas: everything a signed-in request needs to know about
# its user, in one statement, so one round trip to PostgreSQL.
_SIGNED_IN = _with_areas(
    auth.TOKEN_CHECK.add_columns(DistrictTeam.name).outerjoin(
        DistrictTeam, DistrictTeam.id == User.team_id
    )
)
_TEAM_NAME = len(auth.TOKEN_CHECK.selected_columns)
_FIRST_AREA_COLUMN = _TEAM_NAME + 1
_USER_AREAS = _with_areas(select(User.id).where(User.id == bindparam("user_id")))


def _areas(rows: Sequence[Sequence[Any]], first: int) -> tuple[AreaRow, ...]:
    return tuple(AreaRow(*row[first:]) for row in rows if row[first] is not None)


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
    """The principal of a token's (active) user, as ``check_signed_in`` makes it."""
    rows = connection.execute(_USER_AREAS, {"user_id": owner.user_id}).all()
    return _principal(owner, _areas(rows, 1))


@dataclass(frozen=True)
class SignedIn:
    owner: auth.TokenOwner
    principal: Principal
    areas: tuple[AreaRow, ...]  # the principal's areas, by code
    team_name: str | None


BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def check_signed_in(state: Any, token: str) -> SignedIn:
    """The token check, the principal and its areas and team, in one query on a
    read-only connection: blocking work, on the event loop for SQLite, else in a thread
    (``signed_in``)."""
    for attempt in (1, 2):
        try:
            with state.check_engine.connect() as connection:
                token_hash = auth.hash_token(token)
                rows = connection.execute(_SIGNED_IN, {"token_hash": token_hash}).all()
            owner = auth.token_owner(rows[0] if rows else None, token_hash, utcnow())
            areas = _areas(rows, _FIRST_AREA_COLUMN)
            return SignedIn(owner, _principal(owner, areas), areas, rows[0][_TEAM_NAME])
        except DBAPIError as error:
            # The check engine does not test a connection before each use (a round trip
            # every time); one the database dropped (a restart) fails here and is
            # thrown away with all older ones, and the check runs again on a new one.
            if attempt == 2 or not error.connection_invalidated:
                raise
    raise AssertionError("unreachable")


async def signed_in(request: Request, credentials: BearerDep) -> SignedIn:
    """The live device token of this request and its user, or 401.

    One query (see ``check_signed_in``), on a read-only connection returned before the
    route runs; last-seen is written, apart from that, at most once a minute per token.
    """
    if credentials is None:
        raise auth.AuthError(
            "not signed in: send the device token as 'Authorization: Bearer <token>'",
            code="missing_token",
        )
    state = request.app.state
    if state.check_inline:
        signed = check_signed_in(state, credentials.credentials)
    else:
        signed = await to_thread.run_sync(
            check_signed_in, state, credentials.credentials, limiter=_checks
        )
    now = utcnow()
    if auth.last_seen_is_due(signed.owner, now):  # at most once a minute per token
        await to_thread.run_sync(auth.record_use, state.sessions, signed.owner, now)
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
