"""The endpoints, one router per area; ``api_router`` gathers them for ``create_app``.

A new area (``sync.py``) gets its own ``router`` and one ``include_router`` line here;
the order of the lines is the order of the paths in the OpenAPI document.
"""

from __future__ import annotations

from fastapi import APIRouter

from . import admin, auth, checksum, snapshot, status, sync

api_router = APIRouter()
api_router.include_router(status.router)
api_router.include_router(auth.router)
api_router.include_router(admin.router)
api_router.include_router(sync.router)
api_router.include_router(checksum.router)
api_router.include_router(snapshot.router)
