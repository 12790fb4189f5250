"""``/health`` and ``/version``: open without a token, so operators and load balancers
can check a running server."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text

from ... import __version__
from ..errors import DATABASE_ERRORS
from ..schemas import HealthResponse, VersionResponse

router = APIRouter(tags=["server"])


@router.get("/health", responses=DATABASE_ERRORS)
def health(request: Request) -> HealthResponse:
    # The read-only engine: a health check never takes nor waits for SQLite's write lock.
    with request.app.state.read_engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return HealthResponse(status="ok")


@router.get("/version")
def version(request: Request) -> VersionResponse:
    return VersionResponse(
        program="dorpsondersteuner-server",
        version=__version__,
        schema_revision=request.app.state.schema_revision,
    )
