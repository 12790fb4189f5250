"""The real app with a small router that takes the per-device limits, as the sync
router will: served by test_limits.py through uvicorn (``limited_app`` is its factory).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, FastAPI

from dorpsondersteuner.server.app import create_app
from dorpsondersteuner.server.deps import DeviceDep
from dorpsondersteuner.server.limits import LIMITED_ERRORS, device_limit
from dorpsondersteuner.server.settings import load_settings

router = APIRouter(prefix="/test", tags=["test"], responses=LIMITED_ERRORS)


@router.post("/push", dependencies=[Depends(device_limit("push"))])
def push(body: dict[str, Any], owner: DeviceDep) -> dict[str, int]:
    return {"keys": len(body)}


# The limit on the router instead of the route, as a sync router may apply it.
pull_router = APIRouter(
    prefix="/test", dependencies=[Depends(device_limit("pull"))], responses=LIMITED_ERRORS
)


@pull_router.get("/pull")
def pull(owner: DeviceDep) -> dict[str, str]:
    return {"device": owner.short_code}


def limited_app() -> FastAPI:
    app = create_app(load_settings())
    app.include_router(router)
    app.include_router(pull_router)
    return app
