"""The laptop's side of the HTTP conversation with the sync server (no Qt).

One ``SyncClient`` per server address: it signs in, sends the device token and the
program's protocol version with every request, waits out a ``Retry-After`` (429, 503)
when the wait is short, and turns every failure into one of the typed errors below, so
the engine and the program decide what to do without reading HTTP status codes:

- ``OfflineError``: the server could not be reached, or the answer was lost on the way;
- ``NotSignedInError``: 401, the token expired or ended (``code`` says which), or the
  username or password is wrong at login: sign in again;
- ``UnknownCursorError``: 409, the server no longer knows this laptop's cursor (it was
  restored from a backup): pull again from the start, push the kept ops again;
- ``UpdateProgramError``: 426, the server does not speak this program's protocol;
- ``RateLimitedError``: 429 with a wait longer than the client waits by itself;
- ``ServerError``: anything else the server answered that is not a success.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from ..errors import SyncError, SyncErrorKind
from . import PROTOCOL_VERSION
from .protocol import (
    ChecksumAnswer,
    Op,
    PullPage,
    PushResponse,
    PushResult,
    RepullAnswer,
    SnapshotTicket,
)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
SNAPSHOT_CUT_TIMEOUT = httpx.Timeout(15 * 60.0, connect=10.0)
# A Retry-After up to this many seconds is waited out here; a longer one is the
# caller's (``RateLimitedError.retry_after``), so a sync never hangs for minutes.
MAX_WAIT_SECONDS = 30.0
MAX_WAITS = 3
PROTOCOL_HEADER = "Dorpsondersteuner-Protocol"


class OfflineError(SyncError):
    def __init__(self, message: str) -> None:
        super().__init__(message, kind=SyncErrorKind.NETWORK)


class NotSignedInError(SyncError):
    """``code`` is the server's: ``invalid_credentials`` (login), ``token_expired``,
    ``invalid_token``, ``device_revoked``, ``account_inactive``, …"""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, kind=SyncErrorKind.AUTH)
        self.code = code


class ForbiddenDeviceError(NotSignedInError):
    """403 at login: this device is revoked or registered to another user."""


class UnknownCursorError(SyncError):
    def __init__(self, message: str) -> None:
        super().__init__(message, kind=SyncErrorKind.UNKNOWN_CURSOR)


class UpdateProgramError(SyncError):
    def __init__(self, message: str) -> None:
        super().__init__(message, kind=SyncErrorKind.PROTOCOL_VERSION)


class RateLimitedError(SyncError):
    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message, kind=SyncErrorKind.RATE_LIMITED)
        self.retry_after = retry_after


class ServerError(SyncError):
    def __init__(self, message: str, *, status: int, code: str = "") -> None:
        super().__init__(message, kind=SyncErrorKind.SERVER)
        self.status, self.code = status, code


@dataclass(frozen=True)
class LoginAnswer:
    token: str
    expires_at: datetime
    user_id: uuid.UUID
    device_id: uuid.UUID
    short_code: str
    recovery_secret: bytes


@dataclass(frozen=True)
class Me:
    user_id: uuid.UUID
    username: str
    display_name: str
    role: str


class SyncClient:
    """HTTP to one sync server. ``transport`` and ``sleep`` are for tests (a transport
    that loses answers on the way; no real waiting)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        protocol_version: int = PROTOCOL_VERSION,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.protocol_version = protocol_version
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            transport=transport,
            headers={PROTOCOL_HEADER: str(protocol_version)},
        )

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # --- the endpoints -------------------------------------------------------------------

    def login(self, username: str, password: str, device_id: uuid.UUID) -> LoginAnswer:
        """Sign this laptop in; the token is used for the requests after it."""
        body = {"username": username, "password": password, "device_id": str(device_id)}
        answer = self._request("POST", "/auth/login", body, signed=False, wait=False)
        data = answer.json()
        self.token = data["token"]
        return LoginAnswer(
            token=data["token"],
            expires_at=datetime.fromisoformat(data["expires_at"]),
            user_id=uuid.UUID(data["user_id"]),
            device_id=uuid.UUID(data["device"]["id"]),
            short_code=data["device"]["short_code"],
            recovery_secret=bytes.fromhex(data["recovery_secret"]),
        )

    def me(self) -> Me:
        data = self._request("GET", "/me").json()
        return Me(
            user_id=uuid.UUID(data["user_id"]),
            username=data["username"],
            display_name=data["display_name"],
            role=data["role"],
        )

    def push(self, ops: Sequence[Op]) -> list[PushResult]:
        """One batch of ops; one result per op, in order."""
        body = {
            "ops": [op.model_dump(mode="json") for op in ops],
            "protocol_version": self.protocol_version,
        }
        results = PushResponse.model_validate(self._request("POST", "/sync/push", body).json())
        if [result.op_id for result in results.results] != [op.op_id for op in ops]:
            raise ServerError("the push answer does not match the ops sent", status=200)
        return results.results

    def pull(self, cursor: str | None, limit: int = 1000) -> PullPage:
        body = {"cursor": cursor, "limit": limit, "protocol_version": self.protocol_version}
        return PullPage.model_validate(self._request("POST", "/sync/pull", body).json())

    def checksum(self, cursor: str | None) -> ChecksumAnswer:
        """What this device should hold, per partition (rule 12)."""
        params: dict[str, Any] = {"protocol_version": self.protocol_version}
        if cursor is not None:
            params["cursor"] = cursor
        return ChecksumAnswer.model_validate(
            self._request("GET", "/sync/checksum", params=params).json()
        )

    def repull(self, partitions: Sequence[str]) -> int:
        """Ask for these partitions' records whole with the next pull; how many."""
        body = {"partitions": list(partitions), "protocol_version": self.protocol_version}
        return RepullAnswer.model_validate(self._request("POST", "/sync/repull", body).json()).stale

    def snapshot(self) -> SnapshotTicket:
        """Ask the server to cut this device's first sync as one file (D17). The answer
        comes when the file is cut: for a large scope on a busy server that can take
        minutes, so this request waits longer than the others."""
        body = {"protocol_version": self.protocol_version}
        answer = self._request("POST", "/sync/snapshot", body, timeout=SNAPSHOT_CUT_TIMEOUT)
        return SnapshotTicket.model_validate(answer.json())

    def download_snapshot(
        self,
        ticket: SnapshotTicket,
        destination: Path,
        progress: Callable[[int], None] | None = None,
    ) -> Path:
        """The snapshot file, downloaded (resuming after what is on disk) and checked;
        ``progress`` hears the bytes on disk as they grow."""
        from .snapshot_import import download_snapshot

        if self.token is None:
            raise NotSignedInError("not signed in on this laptop", code="no_token")
        return download_snapshot(
            self._http,
            f"/sync/snapshot/{ticket.snapshot_id}",
            destination,
            size=ticket.size,
            sha256=ticket.sha256,
            headers={"Authorization": f"Bearer {self.token}"},
            progress=progress,
        )

    # --- HTTP ----------------------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        params: dict[str, Any] | None = None,
        signed: bool = True,
        wait: bool = True,
        timeout: httpx.Timeout | None = None,
    ) -> httpx.Response:
        headers = {}
        if signed:
            if self.token is None:
                raise NotSignedInError("not signed in on this laptop", code="no_token")
            headers["Authorization"] = f"Bearer {self.token}"
        waits = 0
        while True:
            try:
                answer = self._http.request(
                    method,
                    path,
                    json=body,
                    params=params,
                    headers=headers,
                    timeout=timeout or self._http.timeout,
                )
            except httpx.TransportError as error:
                # Unreachable, refused, timed out, or the answer lost on the way: the
                # same request may be sent again (push and pull are idempotent).
                raise OfflineError(
                    f"the server at {self.base_url} could not be reached: {error}"
                ) from error
            if answer.status_code < 400:
                return answer
            retry_after = _retry_after(answer)
            if (
                answer.status_code in (429, 503)
                and wait
                and retry_after is not None
                and retry_after <= MAX_WAIT_SECONDS
                and waits < MAX_WAITS
            ):
                waits += 1
                self._sleep(retry_after)
                continue
            raise _error_of(answer, retry_after)


def _retry_after(answer: httpx.Response) -> float | None:
    value = answer.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: not sent by this server


def _error_of(answer: httpx.Response, retry_after: float | None) -> SyncError:
    try:
        data = answer.json()
        code, message = str(data.get("error", "")), str(data.get("message", ""))
    except ValueError:
        code, message = "", answer.text[:200]
    status = answer.status_code
    if status == 401:
        return NotSignedInError(message or "not signed in", code=code or "invalid_token")
    if status == 403 and answer.request.url.path.endswith("/auth/login"):
        return ForbiddenDeviceError(message or "this device may not sign in", code=code)
    if status == 409 and code == "unknown_cursor":
        return UnknownCursorError(message)
    if status == 426:
        return UpdateProgramError(message or "update the program")
    if status in (429, 503):
        return RateLimitedError(
            message or "the server is busy", retry_after=retry_after if retry_after else 1.0
        )
    return ServerError(f"{status} {code}: {message}".strip(), status=status, code=code)
