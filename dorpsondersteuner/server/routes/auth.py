"""Signing a laptop in and out, and who is signed in (``/auth/*``, ``/me``); the rules
themselves (throttling, tokens, devices) are in ``server/auth.py``."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response

from .. import auth
from ..deps import DeviceDep, SessionDep, SignedInDep
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


@router.get("/me", response_model=MeResponse, responses=SIGNED_IN_ERRORS)
async def me(signed: SignedInDep) -> Response:
    """The signed-in user: role, team and the areas they work for."""
    # All of it comes with the token check; asynchronous, and the answer made here
    # without FastAPI checking it again, so /me makes no trip to a thread of its own.
    owner, principal = signed.owner, signed.principal
    team = None
    if principal.team_id is not None and signed.team_name is not None:
        team = TeamOut(id=principal.team_id, name=signed.team_name)
    answer = MeResponse(
        user_id=principal.user_id,
        username=principal.username,
        display_name=principal.display_name,
        role=principal.role,
        team=team,
        areas=[AreaOut(id=area.id, code=area.code, name=area.name) for area in signed.areas],
        device=DeviceOut(id=owner.device_id, short_code=owner.short_code),
    )
    return Response(answer.model_dump_json().encode(), media_type="application/json")
