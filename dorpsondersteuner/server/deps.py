"""The dependencies routes ask for: a database session and the authorisation layer.

Every endpoint but ``/health``, ``/version`` and ``/auth/login`` needs a device token
(``Authorization: Bearer …``). Routes take the signed-in ``Principal`` from
``PrincipalDep`` or a role requirement such as ``AdministratorDep``, so the access policy
in ``dorpsondersteuner.services.access`` is the only place that decides what a user sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from ..errors import ForbiddenError, NotFoundError
from ..models.enums import Role
from ..services.access import Principal, load_principal
from . import auth


def get_session(request: Request) -> Iterator[Session]:
    sessions: sessionmaker[Session] = request.app.state.sessions
    with sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
_bearer = HTTPBearer(auto_error=False, description="The device token from /auth/login")


def current_device(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> auth.TokenOwner:
    """The live device token of this request, or 401."""
    if credentials is None:
        raise auth.AuthError(
            "not signed in: send the device token as 'Authorization: Bearer <token>'",
            code="missing_token",
        )
    return auth.check_token(session, credentials.credentials)


DeviceDep = Annotated[auth.TokenOwner, Depends(current_device)]


def current_principal(session: SessionDep, owner: DeviceDep) -> Principal:
    """The signed-in user as the access policy sees them."""
    try:
        return load_principal(session, owner.user_id)
    except NotFoundError:
        raise auth.AuthError("this account is deactivated", code="account_inactive") from None


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: Role) -> Callable[[Principal], Principal]:
    """A dependency giving the principal when their role is one of ``roles``, else 403."""
    allowed = frozenset(roles)

    def dependency(principal: PrincipalDep) -> Principal:
        if principal.role not in allowed:
            raise ForbiddenError(
                "your role may not do this (needs: "
                + ", ".join(sorted(role.value for role in allowed))
                + ")"
            )
        return principal

    return dependency


AdministratorDep = Annotated[Principal, Depends(require_roles(Role.ADMINISTRATOR))]
