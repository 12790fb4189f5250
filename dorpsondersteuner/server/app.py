"""The FastAPI application: endpoints, the authorisation layer and the error answers.

Every endpoint but ``/health``, ``/version`` and ``/auth/login`` needs a device token
(``Authorization: Bearer …``). Later endpoints take the signed-in ``Principal`` from
``current_principal`` or ``require_roles(...)``, so the access policy in
``dorpsondersteuner.services.access`` is the only place that decides what a user sees.
"""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import (
    ConflictError,
    DorpsondersteunerError,
    ForbiddenError,
    NotFoundError,
    ValidationError,
)
from ..models import Area, DistrictTeam
from ..models.enums import Role
from ..services.access import Principal, load_principal
from . import admin, auth
from .db import SchemaError, SchemaState, make_engine, schema_status
from .passwords import Hasher
from .settings import Settings, load_settings

log = logging.getLogger("dorpsondersteuner.server")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"strict-transport-security", b"max-age=31536000"),
]


# --- wire models ---------------------------------------------------------------------


class Strict(BaseModel):
    """Unknown fields are an error, never silently dropped (ARCHITECTURE sync rule 10)."""

    model_config = ConfigDict(extra="forbid")


class LoginRequest(Strict):
    username: str = Field(
        min_length=1, max_length=auth.MAX_USERNAME_LENGTH, pattern=r"^[A-Za-z0-9._-]+$"
    )
    password: str = Field(min_length=1, max_length=1024)
    device_id: uuid.UUID = Field(description="The laptop's own id, made once and kept (D4)")


class DeviceOut(Strict):
    id: uuid.UUID
    short_code: str = Field(description="For references, e.g. BAK-2026-K3-042 (D6)")


class LoginResponse(Strict):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'")
    token_type: str = "bearer"
    expires_at: datetime
    user_id: uuid.UUID
    device: DeviceOut
    recovery_secret: str = Field(description="256 bits, hex; unwraps the register key (D4)")


class AreaOut(Strict):
    id: uuid.UUID
    code: str
    name: str


class TeamOut(Strict):
    id: uuid.UUID
    name: str


class MeResponse(Strict):
    user_id: uuid.UUID
    username: str
    display_name: str
    role: Role
    team: TeamOut | None
    areas: list[AreaOut]
    device: DeviceOut


class HealthResponse(Strict):
    status: str


class VersionResponse(Strict):
    program: str
    version: str
    schema_revision: str


class DeviceListEntry(Strict):
    id: uuid.UUID
    short_code: str
    username: str
    created_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


class ErrorDetail(Strict):
    location: str
    message: str


class ErrorResponse(Strict):
    error: str = Field(description="A stable code, e.g. invalid_credentials")
    message: str
    details: list[ErrorDetail] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (401, 403, 413, 422, 429)
}


# --- dependencies: the authorisation layer -------------------------------------------


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


# --- middleware ------------------------------------------------------------------------


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodySizeLimit:
    """Refuse bodies over the limit, by Content-Length or while reading a chunked body."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                if not value.isdigit():
                    await _send_error(send, 400, "bad_request", "invalid Content-Length header")
                    return
                if int(value) > self.max_bytes:
                    await _send_error(
                        send,
                        413,
                        "body_too_large",
                        f"the request body is larger than {self.max_bytes} bytes",
                    )
                    return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)  # answered by the error handler
            return message

        await self.app(scope, limited_receive, send)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    header for header in SECURITY_HEADERS if header[0] not in present
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _send_error(send: Send, status: int, code: str, message: str) -> None:
    body = ErrorResponse(error=code, message=message).model_dump_json(exclude_none=True).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# --- error answers -------------------------------------------------------------------


def _error(
    status: int,
    code: str,
    message: str,
    *,
    details: list[ErrorDetail] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = ErrorResponse(error=code, message=message, details=details)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


_STATUS_CODES = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "body_too_large",
    415: "unsupported_media_type",
}
_CORE_ERRORS: list[tuple[type[DorpsondersteunerError], int, str]] = [
    (ValidationError, 422, "invalid"),
    (NotFoundError, 404, "not_found"),
    (ForbiddenError, 403, "forbidden"),
    (ConflictError, 409, "conflict"),
]


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(auth.AuthError)
    def on_auth_error(request: Request, error: auth.AuthError) -> JSONResponse:
        headers: dict[str, str] = {}
        if error.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        if error.retry_after is not None:
            headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
        return _error(error.status, error.code, str(error), headers=headers)

    @app.exception_handler(RequestValidationError)
    def on_invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        # Location and reason only: echoing the input could put a password in a log.
        details = [
            ErrorDetail(
                location=".".join(str(part) for part in problem.get("loc", ())),
                message=str(problem.get("msg", "invalid")),
            )
            for problem in error.errors()
        ]
        first = details[0] if details else None
        summary = f"{first.location}: {first.message}" if first else "invalid request"
        return _error(422, "invalid_request", f"invalid request: {summary}", details=details)

    @app.exception_handler(StarletteHTTPException)
    def on_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(error.status_code, f"http_{error.status_code}")
        return _error(error.status_code, code, str(error.detail), headers=error.headers)

    @app.exception_handler(DorpsondersteunerError)
    def on_core_error(request: Request, error: DorpsondersteunerError) -> JSONResponse:
        for error_type, status, code in _CORE_ERRORS:
            if isinstance(error, error_type):
                details = None
                if isinstance(error, ValidationError) and error.field:
                    details = [ErrorDetail(location=error.field, message=str(error))]
                return _error(status, code, str(error), details=details)
        return _error(400, "bad_request", str(error))

    @app.exception_handler(OperationalError)
    def on_database_down(request: Request, error: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", error.orig.__class__.__name__)
        return _error(
            503,
            "unavailable",
            "the database is unavailable; try again",
            headers={"Retry-After": "5"},
        )


# --- the app ----------------------------------------------------------------------------


def create_app(settings: Settings) -> FastAPI:
    """The app over an existing database at the current schema (``serve`` checks first)."""
    engine = make_engine(settings.database_url)
    status = schema_status(engine)
    if status.state is not SchemaState.CURRENT:
        engine.dispose()
        raise SchemaError(status.problem(settings.database_url) or "the database is empty")
    if settings.hashing.is_test_profile:
        log.warning("INSECURE test password hashing is on: never use this outside tests")

    app = FastAPI(
        title="Dorpsondersteuner sync server",
        version=__version__,
        docs_url=None,  # the docs pages load scripts from a CDN; the spec stays available
        redoc_url=None,
        responses=ERRORS,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    app.state.hasher = Hasher(settings.hashing)
    app.state.schema_revision = status.revision
    _install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    _add_routes(app)
    return app


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _add_routes(app: FastAPI) -> None:
    @app.get("/health", tags=["server"])
    def health(request: Request) -> HealthResponse:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return HealthResponse(status="ok")

    @app.get("/version", tags=["server"])
    def version(request: Request) -> VersionResponse:
        return VersionResponse(
            program="dorpsondersteuner-server",
            version=__version__,
            schema_revision=request.app.state.schema_revision,
        )

    @app.post("/auth/login", tags=["auth"])
    def login(body: LoginRequest, request: Request) -> LoginResponse:
        """Sign in on this laptop: a device token, the short code and the recovery secret."""
        result = auth.login(
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

    @app.post("/auth/logout", status_code=204, tags=["auth"])
    def logout(session: SessionDep, owner: DeviceDep, request: Request) -> Response:
        """End this device's token; the device stays registered."""
        auth.end_token(session, owner.token_hash)
        session.commit()
        log.info("logout: device %s; client %s", owner.short_code, _client(request))
        return Response(status_code=204)

    @app.get("/me", tags=["auth"])
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

    @app.get("/admin/devices", tags=["admin"])
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


def app_from_environment() -> FastAPI:
    """The uvicorn factory: settings from the environment (set by ``serve``)."""
    return create_app(load_settings())
