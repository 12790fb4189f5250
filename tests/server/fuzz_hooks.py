"""schemathesis hooks for test_fuzz.py (loaded through ``SCHEMATHESIS_HOOKS``): who the
run sends requests as, and the checks that go with it.

``DORPSONDERSTEUNER_FUZZ_AS`` is ``none`` (no token), ``expired`` (the token in
``DORPSONDERSTEUNER_FUZZ_TOKEN``, expired) or a demo user's name, who is signed in on a
device of their own and signed in again whenever the fuzzer has logged them out.
"""

from __future__ import annotations

import os
import threading
import uuid
from typing import Any

import httpx
import schemathesis

AS = os.environ.get("DORPSONDERSTEUNER_FUZZ_AS", "none")
URL = os.environ.get("DORPSONDERSTEUNER_FUZZ_URL", "")
PASSWORD = os.environ.get("DORPSONDERSTEUNER_FUZZ_PASSWORD", "")
ADMINISTRATOR = "beheer"
DEVICE = uuid.uuid4()


def _needs_token(case: schemathesis.Case) -> bool:
    return bool(case.operation.definition.raw.get("security"))


@schemathesis.check
def no_answer_without_a_valid_token(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """An operation that needs a token never answers 2xx to none or an expired one."""
    if AS in ("none", "expired") and _needs_token(case) and 200 <= response.status_code < 300:
        raise AssertionError(f"{case.operation.label} answered {response.status_code} ({AS})")
    return None


@schemathesis.check
def administrators_only(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """``/admin/*`` never answers 2xx to another role."""
    if (
        case.path.startswith("/admin/")
        and AS != ADMINISTRATOR
        and 200 <= response.status_code < 300
    ):
        raise AssertionError(f"{case.operation.label} answered {response.status_code} to {AS}")
    return None


def _set(case: schemathesis.Case, token: str) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


if AS == "expired":

    @schemathesis.auth(refresh_interval=None, retry_on=[])
    class ExpiredToken:
        def get(self, case: schemathesis.Case, context: Any) -> str:
            return os.environ["DORPSONDERSTEUNER_FUZZ_TOKEN"]

        def set(self, case: schemathesis.Case, data: str, context: Any) -> None:
            _set(case, data)

elif AS != "none":
    _live: list[str] = []  # the live token, until the fuzzer logs it out
    _signing_in = threading.Lock()

    @schemathesis.auth(refresh_interval=None, retry_on=[])
    class DeviceToken:
        """Signed in once, and again only after the fuzzer's own logout ended the token."""

        def get(self, case: schemathesis.Case, context: Any) -> str:
            with _signing_in:
                return _live[0] if _live else self._sign_in()

        def _sign_in(self) -> str:
            answer = httpx.post(
                f"{URL}/auth/login",
                json={"username": AS, "password": PASSWORD, "device_id": str(DEVICE)},
                timeout=30,
            )
            answer.raise_for_status()
            _live.append(str(answer.json()["token"]))
            return _live[0]

        def set(self, case: schemathesis.Case, data: str, context: Any) -> None:
            _set(case, data)

    @schemathesis.hook
    def after_call(
        context: schemathesis.HookContext, case: schemathesis.Case, response: Any
    ) -> None:
        if case.operation.label == "POST /auth/logout" and response.status_code == 204:
            _live.clear()
