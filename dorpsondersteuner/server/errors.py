"""Every error answer has one JSON shape, ``ErrorResponse``: these handlers turn the
exceptions of the core, the auth layer, FastAPI and the database into it."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import Field
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    ConflictError,
    DorpsondersteunerError,
    ForbiddenError,
    NotFoundError,
    ValidationError,
)
from . import auth
from .schemas import Strict

log = logging.getLogger("dorpsondersteuner.server")


class ErrorDetail(Strict):
    location: str
    message: str


class ErrorResponse(Strict):
    error: str = Field(description="A stable code, e.g. invalid_credentials")
    message: str
    details: list[ErrorDetail] | None = None


# Documented on every endpoint (the app's ``responses``).
ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (401, 403, 413, 422, 429)
}


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


def install_error_handlers(app: FastAPI) -> None:
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
