"""Bad input gets a precise 4xx, never a 500 or a stack trace; size limit; headers."""

from __future__ import annotations

import socket
import uuid
from pathlib import Path

import httpx
import pytest

from dorpsondersteuner.server.settings import MAX_HEADER_BYTES

from .conftest import TEST_MAX_BODY_BYTES, Server, bearer, login
from .serving import serve

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
    assert answer.status_code == 422, answer.text  # as documented, whatever is wrong
    assert answer.json()["error"] == "invalid_request"
    assert answer.json()["details"][0]["location"].startswith("body")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe\x00", "the body is not UTF-8 text"),
        (b'{"username": "\xc3\x28"}', "the body is not UTF-8 text"),
        (b"[" * 50_000, "the body is nested too deeply"),
    ],
)
def test_bodies_that_cannot_be_read_get_the_documented_answer(
    client: httpx.Client, content: bytes, reason: str
):
    answer = client.post(
        "/auth/login", content=content, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"] == "invalid_request"
    assert answer.json()["details"] == [{"location": "body", "message": reason}]
    documented = client.get("/openapi.json").json()["paths"]["/auth/login"]["post"]["responses"]
    assert "422" in documented


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


def _has_security_headers(headers: httpx.Headers) -> bool:
    return (
        headers.get("x-content-type-options") == "nosniff"
        and headers.get("x-frame-options") == "DENY"
        and "default-src 'none'" in headers.get("content-security-policy", "")
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"x-big": "a" * (MAX_HEADER_BYTES + 1)},  # arrives whole in one read
        {"x-big": "a" * (8 * 1024 * 1024)},  # refused before it ends
        {f"x-many-{n}": "b" * 100 for n in range(MAX_HEADER_BYTES // 100)},
        {"authorization": "Bearer " + "c" * MAX_HEADER_BYTES},
    ],
    ids=["one-large", "8-MB", "many", "token"],
)
def test_oversized_headers_are_refused_with_the_json_error(
    client: httpx.Client, server: Server, headers: dict[str, str]
):
    answer = client.get("/health", headers=headers)
    assert answer.status_code == 431, answer.text
    assert answer.json() == {
        "error": "headers_too_large",
        "message": f"the request line and headers are larger than {MAX_HEADER_BYTES} bytes",
    }
    assert _has_security_headers(answer.headers)
    assert "request refused: its headers are larger than" in server.log()
    within = client.get("/health", headers={"x-big": "a" * (MAX_HEADER_BYTES - 1024)})
    assert within.status_code == 200  # the server is fine, and a head within the limit passes


def _raw(server: Server, request: bytes) -> httpx.Response:
    """Send bytes that no HTTP client would, and parse the answer."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines]
    return httpx.Response(int(status_line.split()[1]), headers=headers, content=body)


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GARBAGE\r\n\r\n",
        b"GET /health HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET /health HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
        b"GET /he\x00alth HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
    ],
    ids=["request-line", "version", "header-name", "nul", "smuggling"],
)
def test_malformed_http_gets_the_json_error(server: Server, request_bytes: bytes):
    answer = _raw(server, request_bytes)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "bad_request"
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["connection"] == "close"
    assert _has_security_headers(answer.headers)


def test_the_openapi_document_lists_the_error_answers(client: httpx.Client):
    spec = client.get("/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    expected = {
        ("get", "/health"): {"400", "413", "431", "503"},
        ("get", "/version"): {"400", "413", "431"},
        ("post", "/auth/login"): {"400", "401", "403", "413", "422", "429", "431", "503"},
        ("post", "/auth/logout"): {"400", "401", "413", "431", "503"},
        ("get", "/me"): {"400", "401", "413", "431", "503"},
        ("get", "/admin/devices"): {"400", "401", "403", "413", "431", "503"},
        ("post", "/sync/push"): {"400", "401", "413", "422", "426", "429", "431", "503"},
        ("post", "/sync/pull"): {"400", "401", "409", "413", "422", "426", "429", "431", "503"},
        ("get", "/sync/checksum"): {"400", "401", "409", "413", "422", "426", "429", "431", "503"},
        ("post", "/sync/repull"): {"400", "401", "413", "422", "426", "429", "431", "503"},
        ("post", "/sync/snapshot"): {"400", "401", "413", "422", "426", "429", "431", "503"},
        ("get", "/sync/snapshot/{snapshot_id}"): {"400", "401", "404", "410", "413", "416"}
        | {"422", "431", "503"},
    }
    found = {
        (method, path): {status for status in operation["responses"] if status[0] in "45"}
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
    }
    assert found == expected
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            for status, answer in operation["responses"].items():
                if status[0] in "45":
                    assert answer["content"]["application/json"]["schema"] == error, path
                    assert answer["description"], path
                if status in ("429", "503"):
                    assert "Retry-After" in answer["headers"]
    # FastAPI's own validation error shape is never answered, so never documented.
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for status in ("404", "405", "400", "431"):
        assert f"`{status}`" in spec["info"]["description"]


def test_forwarded_headers_count_only_from_configured_proxies(server: Server, tmp_path: Path):
    forged = {"x-forwarded-for": "203.0.113.7"}

    def sign_in(url: str) -> None:
        with httpx.Client(base_url=url, timeout=30) as http:
            answer = http.post(
                "/auth/login",
                json={"username": "ingrid", "password": "wrong", "device_id": str(uuid.uuid4())},
                headers=forged,
            )
            assert answer.status_code == 401

    # By default no address is trusted, not even the machine's own.
    sign_in(server.url)
    assert "203.0.113.7" not in server.log()

    with serve(
        server.database_url, tmp_path / "proxied.log", "--forwarded-allow-ips", "127.0.0.1"
    ) as proxied:
        sign_in(proxied.url)
        assert "client 203.0.113.7" in proxied.log()
    with serve(
        server.database_url, tmp_path / "other.log", "--forwarded-allow-ips", "192.0.2.1"
    ) as other:
        sign_in(other.url)  # a proxy elsewhere: this client is not it
        assert "203.0.113.7" not in other.log() and "client 127.0.0.1" in other.log()
