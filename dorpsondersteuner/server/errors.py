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


_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 1},
    }
}

# What each error answer means, for the OpenAPI document; the ``error`` codes are in
# the handlers below and in docs/server.md.
_ERROR_ANSWERS: dict[int, dict[str, Any]] = {
    400: {
        "description": "Bad request: the HTTP request itself is malformed (an invalid "
        "Content-Length, a bad request line or header), or its body could not be read"
    },
    401: {
        "description": "Not signed in: no device token, or one that is unknown, ended, "
        "expired or revoked (WWW-Authenticate: Bearer)"
    },
    403: {"description": "Forbidden: this user, role or device may not do this"},
    404: {"description": "Not found: no such path, or no such item"},
    405: {"description": "Method not allowed: the path does not take this method (Allow)"},
    409: {"description": "Conflict with the current state"},
    410: {"description": "Gone: the item expired; ask for a new one"},
    413: {"description": "The request body is larger than the server takes"},
    426: {
        "description": "This program's sync protocol version is no longer (or not yet) "
        "served: update the program"
    },
    422: {
        "description": "Invalid request: the body is not JSON, or a field is missing, "
        "unknown, of the wrong type or out of range; details name each field"
    },
    416: {
        "description": "The byte range asked for is not within the file (Content-Range "
        "gives its size)",
        "headers": {"Content-Range": {"description": "bytes */size", "schema": {"type": "string"}}},
    },
    429: {"description": "Too many requests: try again after Retry-After", "headers": _RETRY_AFTER},
    431: {"description": "The request line and headers are larger than the server takes"},
    503: {
        "description": "Unavailable for now (the database): try again after Retry-After",
        "headers": _RETRY_AFTER,
    },
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` of a route or router: these error answers, in the one shape."""
    return {status: {"model": ErrorResponse, **_ERROR_ANSWERS[status]} for status in statuses}


# The OpenAPI document's description: what holds for every answer, including those to
# requests that match no operation.
API_DESCRIPTION = """\
Every error answer is an `ErrorResponse`: a stable `error` code, an English `message`
and, for invalid input, `details` naming each field. Each operation lists the error
answers it can give. Besides those, a path that is no operation is answered `404`
(`not_found`), a method a path does not take `405` (`method_not_allowed`, with `Allow`),
a request that is not valid HTTP `400` (`bad_request`) and one whose request line and
headers are too large `431` (`headers_too_large`); `429` and `503` come with
`Retry-After` (seconds).
"""

# Every operation may get these (the app's ``responses``): the protocol layer and the
# limits answer them before any route runs. Each router adds its own; 404 and 405 are
# the answers to paths and methods that are no operation (listed on an operation only
# where it can answer 404 itself, e.g. for an unknown item).
ERRORS = error_responses(400, 413, 431)
# A route that needs the database, and therefore answers 503 when it is unreachable.
DATABASE_ERRORS = error_responses(503)
# A route that needs a device token (``deps.PrincipalDep``, ``DeviceDep``).
SIGNED_IN_ERRORS = error_responses(401, 503)


class SyncRefused(Exception):
    """A sync request the server cannot serve as asked, with a stable code: an unknown
    cursor (409 ``unknown_cursor``: take a new snapshot), a protocol version out of
    range (426 ``protocol_version``: update the program)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


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
    416: "range_not_satisfiable",
    429: "too_many_requests",
    431: "headers_too_large",
}
_CORE_ERRORS: list[tuple[type[DorpsondersteunerError], int, str]] = [
    (ValidationError, 422, "invalid"),
    (NotFoundError, 404, "not_found"),
    (ForbiddenError, 403, "forbidden"),
    (ConflictError, 409, "conflict"),
]


def install_error_handlers(app: FastAPI) -> None:
    # Coroutines, though none of them waits for anything: a plain function would be run
    # in a worker thread, a trip there and back for every error answer (a login flood's
    # 429s competing with signed-in users' requests for those threads).
    @app.exception_handler(auth.AuthError)
    async def on_auth_error(request: Request, error: auth.AuthError) -> JSONResponse:
        headers: dict[str, str] = {}
        if error.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        if error.retry_after is not None:
            headers["Retry-After"] = str(max(1, math.ceil(error.retry_after)))
        return _error(error.status, error.code, str(error), headers=headers)

    @app.exception_handler(SyncRefused)
    async def on_sync_refused(request: Request, error: SyncRefused) -> JSONResponse:
        return _error(error.status, error.code, str(error))

    @app.exception_handler(RequestValidationError)
    async def on_invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
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
    async def on_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        unreadable = _unreadable_body(error)
        if unreadable is not None:
            # As for a body that is not JSON (RequestValidationError): one answer for a
            # body that cannot be read, whatever the reason.
            details = [ErrorDetail(location="body", message=unreadable)]
            return _error(
                422, "invalid_request", f"invalid request: body: {unreadable}", details=details
            )
        code = _STATUS_CODES.get(error.status_code, f"http_{error.status_code}")
        return _error(error.status_code, code, str(error.detail), headers=error.headers)

    @app.exception_handler(DorpsondersteunerError)
    async def on_core_error(request: Request, error: DorpsondersteunerError) -> JSONResponse:
        for error_type, status, code in _CORE_ERRORS:
            if isinstance(error, error_type):
                details = None
                if isinstance(error, ValidationError) and error.field:
                    details = [ErrorDetail(location=error.field, message=str(error))]
                return _error(status, code, str(error), details=details)
        return _error(400, "bad_request", str(error))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, error: Exception) -> JSONResponse:
        # A bug: uvicorn logs the traceback after this answer. The answer tells nothing
        # of it, and carries the security headers itself (it is made outside them).
        from .middleware import SECURITY_HEADERS  # middleware imports this module

        return _error(
            500,
            "internal_error",
            "the server failed to answer this request",
            headers={name.decode(): value.decode() for name, value in SECURITY_HEADERS},
        )

    @app.exception_handler(OperationalError)
    async def on_database_down(request: Request, error: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", error.orig.__class__.__name__)
        return _error(
            503,
            "unavailable",
            "the database is unavailable; try again",
            headers={"Retry-After": "5"},
        )


def _unreadable_body(error: StarletteHTTPException) -> str | None:
    """Why FastAPI could not read a JSON body, when that is what ``error`` is: FastAPI
    answers 400 for a body that is no UTF-8 (or is nested too deep for the parser)
    where a body that is not JSON gets a validation error."""
    cause = error.__cause__
    if error.status_code != 400 or isinstance(cause, StarletteHTTPException):
        return None
    if isinstance(cause, UnicodeError):
        return "the body is not UTF-8 text"
    if isinstance(cause, RecursionError):
        return "the body is nested too deeply"
    if isinstance(cause, ValueError):
        return "the body is not valid JSON"
    return None
