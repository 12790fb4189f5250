"""Per-device limits for the sync endpoints (server/limits.py): a request rate kept in the
database, shared by every server process, answered 429 with a Retry-After that a client
can honour, and body limits per kind, answered 413; on a small router of the real app
(tests/server/limits_app.py) served over HTTP, as the sync router will use them."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from dorpsondersteuner.models.base import utcnow
from dorpsondersteuner.server.limits import DeviceLimit, device_limit, take
from dorpsondersteuner.server.models import SyncRateLimit
from dorpsondersteuner.server.settings import ENV_PREFIX, SyncLimit, load_settings

from .conftest import TEST_MAX_BODY_BYTES, Server, bearer, login
from .serving import Process, serve_app

PUSH_BODY_BYTES = TEST_MAX_BODY_BYTES + 32 * 1024  # more than other routes take
PULL_BODY_BYTES = 16  # less
LIMITS = {
    "PUSH_PER_MINUTE": "60",  # one a second …
    "PUSH_BURST": "2",  # … two at once
    "PUSH_MAX_BODY_BYTES": str(PUSH_BODY_BYTES),
    "PULL_PER_MINUTE": "600",
    "PULL_BURST": "50",
    "PULL_MAX_BODY_BYTES": str(PULL_BODY_BYTES),
}
FACTORY = "tests.server.limits_app:limited_app"


@pytest.fixture(scope="module")
def two_processes(
    server: Server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Process, Process]]:
    """Two processes of the app with the test router, on the session server's database."""
    folder = tmp_path_factory.mktemp("limits")
    env = {ENV_PREFIX + name: value for name, value in LIMITS.items()}
    with (
        serve_app(FACTORY, server.database_url, folder / "a.log", env) as first,
        serve_app(FACTORY, server.database_url, folder / "b.log", env) as second,
    ):
        yield first, second


def _token(url: str, make_user) -> str:
    account = make_user()
    with httpx.Client(base_url=url, timeout=30) as http:
        answer = login(http, account.username, account.password)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def test_the_rate_is_shared_by_processes_and_a_client_can_honour_retry_after(
    two_processes: tuple[Process, Process], make_user
):
    first, second = two_processes
    headers = bearer(_token(first.url, make_user))
    with httpx.Client(timeout=30) as http:

        def push(process: Process) -> httpx.Response:
            return http.post(f"{process.url}/test/push", json={"op": 1}, headers=headers)

        # The burst of two, one from each process: the third, from either, is refused.
        assert push(first).status_code == 200
        assert push(second).status_code == 200
        refused = push(first)
        assert refused.status_code == 429, refused.text
        assert refused.json()["error"] == "too_many_requests"
        assert "push" in refused.json()["message"]
        wait = int(refused.headers["retry-after"])
        assert 1 <= wait <= 2
        assert refused.headers["x-content-type-options"] == "nosniff"
        assert push(second).status_code == 429  # refusals wrote nothing: still waiting

        time.sleep(wait)  # as the client is told
        assert push(second).status_code == 200
    assert "push refused: device" in first.log() + second.log()


def test_each_device_and_kind_has_its_own_allowance(
    two_processes: tuple[Process, Process], make_user
):
    first, _ = two_processes
    one, other = bearer(_token(first.url, make_user)), bearer(_token(first.url, make_user))
    with httpx.Client(base_url=first.url, timeout=30) as http:
        assert [http.post("/test/push", json={}, headers=one).status_code for _ in range(3)] == [
            200,
            200,
            429,
        ]
        assert http.post("/test/push", json={}, headers=other).status_code == 200
        assert http.get("/test/pull", headers=one).status_code == 200  # another kind


def test_without_a_valid_token_nothing_is_counted(two_processes: tuple[Process, Process]):
    first, _ = two_processes
    with httpx.Client(base_url=first.url, timeout=30) as http:
        for headers in ({}, bearer("dos_" + "0" * 64)):
            answers = [http.post("/test/push", json={}, headers=headers) for _ in range(4)]
            assert {answer.status_code for answer in answers} == {401}


def test_body_limits_per_kind(two_processes: tuple[Process, Process], make_user):
    first, _ = two_processes
    headers = bearer(_token(first.url, make_user))
    within = {"data": "x" * (PUSH_BODY_BYTES - 100)}  # over the default limit
    beyond = {"data": "x" * (PUSH_BODY_BYTES + 10)}
    with httpx.Client(base_url=first.url, timeout=30) as http:
        assert http.post("/test/push", json=within, headers=headers).status_code == 200
        too_large = http.post("/test/push", json=beyond, headers=headers)
        assert too_large.status_code == 413, too_large.text
        assert too_large.json()["error"] == "body_too_large"
        assert str(PUSH_BODY_BYTES) in too_large.json()["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
            yield b'{"data": "'
            for _ in range(PUSH_BODY_BYTES // 1024 + 1):
                yield b"x" * 1024
            yield b'"}'

        streamed = http.post(
            "/test/push",
            content=chunks(),
            headers={**headers, "content-type": "application/json"},
        )
        assert streamed.status_code == 413, streamed.text

        # Other routes keep the default limit; pull its own, smaller one.
        login_sized = http.post("/auth/login", json=within)
        assert login_sized.status_code == 413
        assert str(TEST_MAX_BODY_BYTES) in login_sized.json()["message"]
        pull = http.request("GET", "/test/pull", content=b"x" * 100, headers=headers)
        assert pull.status_code == 413 and str(PULL_BODY_BYTES) in pull.json()["message"]
        assert http.get("/test/pull", headers=headers).status_code == 200


def test_the_limited_routes_document_their_answers(two_processes: tuple[Process, Process]):
    first, _ = two_processes
    paths = httpx.get(f"{first.url}/openapi.json").json()["paths"]
    for path, method in (("/test/push", "post"), ("/test/pull", "get")):
        responses = paths[path][method]["responses"]
        assert {"401", "413", "429", "503"} <= set(responses)
        assert "Retry-After" in responses["429"]["headers"]
        assert responses["429"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorResponse"
        }


def test_take_counts_exactly(server: Server, make_user):
    """The algorithm on the database itself, at chosen instants."""
    account = make_user()
    with httpx.Client(base_url=server.url, timeout=30) as http:
        device_id = uuid.UUID(
            login(http, account.username, account.password).json()["device"]["id"]
        )
    sessions = sessionmaker(server.engine, expire_on_commit=False)
    limit = SyncLimit(per_minute=30, burst=3, max_body_bytes=1)  # one per 2 s, three at once
    start = utcnow()

    def at(seconds: float) -> float | None:
        return take(sessions, device_id, "snapshot", limit, start + timedelta(seconds=seconds))

    assert [at(0), at(0), at(0)] == [None, None, None]
    assert at(0) == pytest.approx(2.0)
    assert at(1.5) == pytest.approx(0.5)
    assert at(2) is None  # one more after one interval
    assert at(2) == pytest.approx(2.0)
    assert at(60) is None  # after a quiet spell the whole burst again
    assert [at(60), at(60)] == [None, None] and at(60) is not None
    unlimited = SyncLimit(per_minute=0, burst=1, max_body_bytes=1)
    assert take(sessions, device_id, "pull", unlimited, start) is None
    with sessions() as session:
        rows = session.scalars(select(SyncRateLimit).where(SyncRateLimit.device_id == device_id))
        assert [row.kind for row in rows] == ["snapshot"]  # one row per device and kind


def test_limits_are_settings_with_defaults():
    defaults = load_settings({}).sync_limits
    assert set(defaults) == {"push", "pull", "snapshot"}
    assert all(limit.per_minute > 0 and limit.burst >= 1 for limit in defaults.values())
    tuned = load_settings({ENV_PREFIX + "SNAPSHOT_PER_MINUTE": "0.5"}).sync_limits
    assert tuned["snapshot"].per_minute == 0.5
    with pytest.raises(ValueError, match="SNAPSHOT_BURST"):
        load_settings({ENV_PREFIX + "SNAPSHOT_BURST": "many"})
    with pytest.raises(ValueError, match="no limits for 'upload'"):
        device_limit("upload")
    assert isinstance(device_limit("push"), DeviceLimit)
