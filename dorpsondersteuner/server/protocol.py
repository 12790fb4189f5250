"""The HTTP protocol ``serve`` runs: uvicorn's httptools protocol with a limit on the
request head, and the server's JSON error answers for what it refuses itself.

uvicorn parses HTTP before the app sees a request, and answers a request it cannot parse
(a bad request line, a malformed header) with a plain-text 400 of its own, without the
security headers; it sets no limit on the size of the headers at all. Here:

- the request line and headers together may be at most ``max_head_bytes`` (uvicorn's
  ``h11_max_incomplete_event_size``, set by ``serve`` from ``MAX_HEADER_BYTES``); a
  larger head is answered ``431`` (error ``headers_too_large``) as soon as it grows past
  the limit, so no more than the limit and one read is ever held;
- an unparsable request is answered ``400`` (error ``bad_request``);

both in the ``ErrorResponse`` shape with the security headers, and the connection is
closed: after a malformed request nothing on it can be trusted.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
from uvicorn.server import ServerState

from .errors import ErrorResponse
from .middleware import SECURITY_HEADERS
from .settings import MAX_HEADER_BYTES

log = logging.getLogger("dorpsondersteuner.server")


# How long a refused connection is kept to drop the rest of the request (see _send_error).
LINGER_SECONDS = 2.0


class _HeadTooLarge(Exception):
    """Raised from a parser callback to stop parsing a head over the limit."""


class HttpProtocol(HttpToolsProtocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.max_head_bytes = config.h11_max_incomplete_event_size or MAX_HEADER_BYTES
        # Bytes received since the current request's head began, while it is incomplete:
        # counted per read, so a head that never ends is caught before it is whole.
        self._in_head = True
        self._head_bytes = 0
        self._head_too_large = False
        self._refused = False

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if self._in_head:
            self._head_bytes += len(data)  # the body may begin in this read as well
        super().data_received(data)  # a parse error ends in send_400_response
        if self._in_head and self._head_bytes > self.max_head_bytes:
            self._head_too_large = True  # and still no end to the head in sight
            self._refuse_head()

    def on_headers_complete(self) -> None:
        # The exact size, now that the head is whole.
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > self.max_head_bytes:
            self._head_too_large = True
            raise _HeadTooLarge  # the parser stops; uvicorn calls send_400_response
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head = True
        self._head_bytes = 0

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request the parser refused (it has logged a warning)."""
        if self._head_too_large:
            self._refuse_head()
        else:
            self._send_error(400, "bad_request", "invalid HTTP request: it could not be parsed")

    def _refuse_head(self) -> None:
        if self._refused:
            return
        log.warning(
            "request refused: its headers are larger than %d bytes; client %s",
            self.max_head_bytes,
            self.client[0] if self.client else "unknown",
        )
        self._send_error(
            431,
            "headers_too_large",
            f"the request line and headers are larger than {self.max_head_bytes} bytes",
        )

    def _send_error(self, status: int, code: str, message: str) -> None:
        self._refused = True
        if self.transport.is_closing():
            return
        body = ErrorResponse(error=code, message=message)
        body_bytes = body.model_dump_json(exclude_none=True).encode()
        head = [STATUS_LINE[status]]
        headers = [
            *self.server_state.default_headers,
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body_bytes)).encode()),
            (b"connection", b"close"),
            *SECURITY_HEADERS,
        ]
        for name, value in headers:
            head.extend([name, b": ", value, b"\r\n"])
        self.transport.write(b"".join([*head, b"\r\n", body_bytes]))
        if self.transport.can_write_eof():
            # A client still sending its request would see the connection reset, not
            # this answer: end our side, read and drop what comes, then close.
            self.transport.write_eof()
            self.loop.call_later(LINGER_SECONDS, self.transport.close)
        else:
            self.transport.close()
