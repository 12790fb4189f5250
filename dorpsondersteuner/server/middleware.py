"""The ASGI middlewares: they work below FastAPI, so they guard every answer, even the
ones no route or exception handler makes."""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ErrorResponse

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"strict-transport-security", b"max-age=31536000"),
]


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


# What a route's own body limit is, given the request's scope once routing has put the
# route in it (``scope["route"]``): None for the default. See ``limits.route_body_limit``.
RouteBodyLimit = Callable[[Scope], int | None]


class BodySizeLimit:
    """Refuse bodies over the limit, by Content-Length or while reading a chunked body.

    The limit is ``max_bytes``, or the route's own (``route_limit``, e.g. for the sync
    endpoints). Before routing, a Content-Length over ``ceiling`` (the largest limit of
    any route) is refused at once; the route's own limit holds from the first read of the
    body, which comes after routing.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        *,
        route_limit: RouteBodyLimit | None = None,
        ceiling: int | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.route_limit = route_limit
        self.ceiling = max(max_bytes, ceiling or 0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared: int | None = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                if not value.isdigit():
                    await _send_error(send, 400, "bad_request", "invalid Content-Length header")
                    return
                declared = int(value)
                if declared > self.ceiling:
                    await _send_error(
                        send,
                        413,
                        "body_too_large",
                        f"the request body is larger than {self.ceiling} bytes",
                    )
                    return
        received = 0
        limit: int | None = None

        async def limited_receive() -> Message:
            nonlocal received, limit
            if limit is None:  # the first read: routing is done
                own = self.route_limit(scope) if self.route_limit else None
                limit = self.max_bytes if own is None else own
                if declared is not None and declared > limit:
                    raise BodyTooLarge(limit)  # answered by the error handler
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
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
