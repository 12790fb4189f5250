"""``/admin/*``: what administrators may see and do over the network; the work itself
is in ``server/admin.py``, shared with the ``admin`` CLI."""

from __future__ import annotations

from fastapi import APIRouter

from .. import admin
from ..deps import AdministratorDep, SessionDep
from ..errors import error_responses
from ..schemas import DeviceListEntry

router = APIRouter(prefix="/admin", tags=["admin"], responses=error_responses(401, 403, 503))


@router.get("/devices")
def devices(session: SessionDep, _admin: AdministratorDep) -> list[DeviceListEntry]:
    """Every registered device with its user (administrators only)."""
    return [
        DeviceListEntry(
            id=info.id,
            short_code=info.short_code,
            username=info.username,
            created_at=info.created_at,
            last_seen_at=info.last_seen_at,
            revoked_at=info.revoked_at,
        )
        for info in admin.list_devices(session)
    ]
