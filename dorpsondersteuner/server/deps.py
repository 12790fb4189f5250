"""The dependencies routes ask for: a database session and the authorisation layer.

Every endpoint but ``/health``, ``/version`` and ``/auth/login`` needs a device token
(``Authorization: Bearer …``). Routes take the signed-in ``Principal`` from
``PrincipalDep`` or a role requirement such as ``AdministratorDep``, so the access policy
in ``dorpsondersteuner.services.access`` is the only place that decides what a user sees.

What this costs per request matters: the sync endpoints pay it on every call. The token
check and the principal are one trip to a worker thread and two primary-key queries on
a read-only connection of their own, back in the pool before that thread is left;
everything else here runs on the event loop. The route's session connects at its first
query and holds that connection until the request ends (``db.POOL_SIZE`` says why the
pool is larger than the thread pool). Nothing is cached between requests: a revoked
token fails on its very next request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection, Select, bindparam, select
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

# The areas a user works for, by role: the same answer as
# ``services.access.load_principal`` gives (tests/server/test_concurrency.py keeps it
# so), in one query of plain ids instead of loading the user and its areas as objects.
_AREAS_BY_ROLE: dict[Role, Select[tuple[Any]]] = {
    Role.VILLAGE_SUPPORTER: select(user_areas.c.area_id).where(
        user_areas.c.user_id == bindparam("user_id")
    ),
    Role.DISTRICT_TEAM: select(team_areas.c.area_id).where(
        team_areas.c.team_id == bindparam("team_id")
    ),
}
_EVERY_AREA = select(Area.id).where(Area.deleted_at.is_(None))


def principal_of(connection: Connection, owner: auth.TokenOwner) -> Principal:
    """The principal of a token's (active) user."""
    query = _AREAS_BY_ROLE.get(owner.role, _EVERY_AREA)
    if owner.role is Role.DISTRICT_TEAM and owner.team_id is None:
        area_ids: frozenset[Any] = frozenset()
    else:
        parameters = {"user_id": owner.user_id, "team_id": owner.team_id}
        area_ids = frozenset(connection.execute(query, parameters).scalars())
    return Principal(
        user_id=owner.user_id,
        username=owner.username,
        display_name=owner.display_name,
        role=owner.role,
        team_id=owner.team_id,
        area_ids=area_ids,
    )


@dataclass(frozen=True)
class SignedIn:
    owner: auth.TokenOwner
    principal: Principal


def signed_in(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> SignedIn:
    """The live device token of this request and its user, or 401.

    Both in one trip to a thread, on a read-only connection returned before the route
    runs; last-seen is written at most once a minute per token.
    """
    if credentials is None:
        raise auth.AuthError(
            "not signed in: send the device token as 'Authorization: Bearer <token>'",
            code="missing_token",
        )
    state = request.app.state
    now = utcnow()
    with state.read_engine.connect() as connection:
        owner = auth.check_token(connection, credentials.credentials, now)
        principal = principal_of(connection, owner)
    if auth.last_seen_is_due(owner, now):
        auth.record_use(state.sessions, owner, now)
    return SignedIn(owner, principal)


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
