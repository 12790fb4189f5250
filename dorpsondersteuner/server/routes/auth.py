"""Signing a laptop in and out, and who is signed in (``/auth/*``, ``/me``); the rules
themselves (throttling, tokens, devices) are in ``server/auth.py``."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from ...models import Area, DistrictTeam
from .. import auth
from ..deps import DeviceDep, PrincipalDep, SessionDep
from ..errors import SIGNED_IN_ERRORS, error_responses
from ..schemas import AreaOut, DeviceOut, LoginRequest, LoginResponse, MeResponse, TeamOut

log = logging.getLogger("dorpsondersteuner.server")

router = APIRouter(tags=["auth"])


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/auth/login", responses=error_responses(401, 403, 422, 429, 503))
async def login(body: LoginRequest, request: Request) -> LoginResponse:
    """Sign in on this laptop: a device token, the short code and the recovery secret.

    Asynchronous so that a login waiting for its password check (a bounded queue of its
    own) or for a throttling counter holds none of the threads other requests need.
    """
    result = await auth.login(
        request.app.state.sessions,
        request.app.state.hasher,
        request.app.state.settings,
        username=body.username,
        password=body.password,
        device_id=body.device_id,
        client=_client(request),
    )
    return LoginResponse(
        token=result.token,
        expires_at=result.expires_at,
        user_id=result.user_id,
        device=DeviceOut(id=result.device_id, short_code=result.short_code),
        recovery_secret=result.recovery_secret.hex(),
    )


@router.post("/auth/logout", status_code=204, responses=SIGNED_IN_ERRORS)
def logout(session: SessionDep, owner: DeviceDep, request: Request) -> Response:
    """End this device's token; the device stays registered."""
    auth.end_token(session, owner.token_hash)
    session.commit()
    log.info("logout: device %s; client %s", owner.short_code, _client(request))
    return Response(status_code=204)


@router.get("/me", responses=SIGNED_IN_ERRORS)
def me(session: SessionDep, principal: PrincipalDep, owner: DeviceDep) -> MeResponse:
    """The signed-in user: role, team and the areas they work for."""
    team = session.get(DistrictTeam, principal.team_id) if principal.team_id else None
    areas = session.scalars(
        select(Area).where(Area.id.in_(principal.area_ids)).order_by(Area.code)
    ).all()
    return MeResponse(
        user_id=principal.user_id,
        username=principal.username,
        display_name=principal.display_name,
        role=principal.role,
        team=TeamOut(id=team.id, name=team.name) if team else None,
        areas=[AreaOut(id=area.id, code=area.code, name=area.name) for area in areas],
        device=DeviceOut(id=owner.device_id, short_code=owner.short_code),
    )
