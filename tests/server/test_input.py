"""Bad input gets a precise 4xx, never a 500 or a stack trace; size limit; headers."""

from __future__ import annotations

import uuid

import httpx
import pytest

from .conftest import TEST_MAX_BODY_BYTES, bearer, login

GOOD = {"username": "ingrid", "password": "x" * 20, "device_id": str(uuid.uuid4())}


@pytest.mark.parametrize(
    ("body", "location"),
    [
        ({**GOOD, "remember_me": True}, "body.remember_me"),
        ({"password": "x" * 20, "device_id": str(uuid.uuid4())}, "body.username"),
        ({**GOOD, "device_id": "not-a-uuid"}, "body.device_id"),
        ({**GOOD, "device_id": 12}, "body.device_id"),
        ({**GOOD, "username": ""}, "body.username"),
        ({**GOOD, "username": "a" * 65}, "body.username"),
        ({**GOOD, "username": "nul\u0000byte"}, "body.username"),
        ({**GOOD, "username": ["ingrid"]}, "body.username"),
        ({**GOOD, "password": None}, "body.password"),
        ({**GOOD, "password": "p" * 1025}, "body.password"),
        ([GOOD], "body"),
    ],
)
def test_bad_login_input_names_the_field(client: httpx.Client, body: object, location: str):
    answer = client.post("/auth/login", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.json()
    assert error["error"] == "invalid_request"
    assert location in [detail["location"] for detail in error["details"]]
    assert "x" * 20 not in answer.text  # the input is never echoed (it may be a password)


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        (b"{not json", {"content-type": "application/json"}),
        (b"", {"content-type": "application/json"}),
        (b"username=ingrid", {"content-type": "application/x-www-form-urlencoded"}),
        (b"\xff\xfe\x00", {"content-type": "application/json"}),
        (b"1e999999", {"content-type": "application/json"}),
    ],
)
def test_malformed_bodies_are_4xx(client: httpx.Client, content: bytes, headers: dict[str, str]):
    answer = client.post("/auth/login", content=content, headers=headers)
    assert 400 <= answer.status_code < 500, answer.text
    assert "error" in answer.json()


def test_unknown_paths_and_methods(client: httpx.Client):
    missing = client.get("/no/such/endpoint")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    wrong_method = client.get("/auth/login")
    assert wrong_method.status_code == 405 and wrong_method.json()["error"] == "method_not_allowed"


def test_body_size_limit(client: httpx.Client):
    big = {**GOOD, "password": "p" * (TEST_MAX_BODY_BYTES + 10)}
    answer = client.post("/auth/login", json=big)
    assert answer.status_code == 413 and answer.json()["error"] == "body_too_large"

    def chunks():  # no Content-Length: the limit holds while reading
        for _ in range(TEST_MAX_BODY_BYTES // 1024 + 2):
            yield b" " * 1024

    streamed = client.post(
        "/auth/login", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413, streamed.text
    assert client.get("/health").status_code == 200  # the server is fine afterwards


def test_security_headers(client: httpx.Client):
    for answer in (client.get("/health"), client.get("/me"), client.get("/nothing")):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["cache-control"] == "no-store"
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        assert "server" not in answer.headers


def test_token_answers_are_json_errors(client: httpx.Client):
    token = login(client, "ingrid", "demo-dorpsondersteuner").json()["token"]
    answer = client.get("/me", headers={**bearer(token), "content-type": "text/plain"})
    assert answer.status_code == 200
    openapi = client.get("/openapi.json")
    assert openapi.status_code == 200 and "/auth/login" in openapi.json()["paths"]
