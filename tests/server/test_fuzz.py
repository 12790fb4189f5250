"""schemathesis over the whole OpenAPI document, against the real server over HTTP
(PRIVACY-SECURITY 23).

Every operation gets generated requests, valid and invalid (schemathesis's examples,
coverage and fuzzing phases, with all of its checks), sent without a token, with an
expired token and with a valid token of every role (a demo user of each). No answer may
be a 5xx or fall outside what the document says (status, content type, body schema,
headers); an operation that needs a token never answers 2xx without a valid one, nor an
administrator's operation to another role (``fuzz_hooks.py``); and the server's log
shows no unhandled exception. Deterministic (schemathesis's deterministic generation),
so a failure repeats; its report is in the assertion message.

The operations open to all (``/health``, ``/version``, ``/auth/login``) do not look at a
token, so only the run without one fuzzes them; the others are fuzzed in every run.
schemathesis runs as its command, as one would run it by hand against a server:

    SCHEMATHESIS_HOOKS=tests.server.fuzz_hooks DORPSONDERSTEUNER_FUZZ_AS=ingrid \\
    DORPSONDERSTEUNER_FUZZ_URL=http://127.0.0.1:8000 \\
    DORPSONDERSTEUNER_FUZZ_PASSWORD=demo-dorpsondersteuner \\
    schemathesis run http://127.0.0.1:8000/openapi.json --checks all …

The server is one of its own, on a database of its own with the demo directory: fuzzing
the login fills throttling counters that would get in the way of other tests. Its login
throttling per address and in total is relaxed so that the fuzzer reaches the password
checks instead of only the 429 answers.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update

from dorpsondersteuner.models.base import utcnow
from dorpsondersteuner.server import admin, auth
from dorpsondersteuner.server.db import make_engine
from dorpsondersteuner.server.models import DeviceToken
from dorpsondersteuner.server.settings import ENV_PREFIX

from .conftest import Databases, login, run_cli, server_env
from .serving import ROOT, Process, serve

CONFIG = Path(__file__).with_name("schemathesis.toml")

EXAMPLES = 25  # fuzzed requests per operation and run, besides the coverage phase's
RUNS = {  # who sends the requests: a demo user of each role
    "no token": "none",
    "expired token": "expired",
    "village supporter": "ingrid",
    "district team": "sanne",
    "municipality": "evelien",
    "administrator": "beheer",
}
RELAXED_THROTTLE = {
    ENV_PREFIX + name: "1000000"
    for name in (
        "LOGIN_ADDRESS_FREE_FAILURES",
        "LOGIN_ADDRESS_MAX_FAILURES",
        "LOGIN_TOTAL_FREE_FAILURES",
        "LOGIN_TOTAL_MAX_FAILURES",
    )
}


def _expired_token(server: Process, database_url: str) -> str:
    with httpx.Client(base_url=server.url, timeout=30) as http:
        answer = login(http, "jos", admin.DEMO_PASSWORD, uuid.uuid4())
    assert answer.status_code == 200, answer.text
    token = str(answer.json()["token"])
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                update(DeviceToken)
                .where(DeviceToken.token_hash == auth.hash_token(token))
                .values(expires_at=utcnow() - timedelta(minutes=1))
            )
    finally:
        engine.dispose()
    with httpx.Client(base_url=server.url, timeout=30) as http:
        refused = http.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert refused.json()["error"] == "token_expired"
    return token


@pytest.fixture(scope="module")
def fuzzed(
    databases: Databases, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Process, str, Path]]:
    """The server, an expired token, and a folder for reports."""
    database_url = databases.new_url()
    folder = tmp_path_factory.mktemp(f"fuzz-{databases.kind}")
    with serve(database_url, folder / "server.log", env=RELAXED_THROTTLE) as server:
        loaded = run_cli("admin", "load-demo", database_url=database_url)
        assert loaded.returncode == 0, loaded.stderr
        yield server, _expired_token(server, database_url), folder
        log = server.log()
    # Every request is in the log: no unhandled exception, no 5xx of any kind.
    assert "Traceback" not in log and "Exception in ASGI application" not in log, log
    assert not re.search(r'HTTP/1\.[01]" 5\d\d', log), log


def _open_operations(url: str) -> list[str]:
    spec = httpx.get(f"{url}/openapi.json").json()
    return sorted(
        path
        for path, operations in spec["paths"].items()
        if not any(operation.get("security") for operation in operations.values())
    )


@pytest.mark.parametrize("who", RUNS)
def test_fuzz_the_whole_api(fuzzed: tuple[Process, str, Path], who: str):
    server, expired, folder = fuzzed
    command = [
        *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG)),
        *("run", f"{server.url}/openapi.json"),
        *("--checks", "all", "--mode", "all", "--max-examples", str(EXAMPLES)),
        *("--phases", "examples,coverage,fuzzing", "--generation-deterministic"),
        *("--workers", "1", "--request-timeout", "30", "--no-color"),
        *("--report", "junit", "--report-junit-path", str(folder / f"{RUNS[who]}.xml")),
    ]
    if who != "no token":
        for path in _open_operations(server.url):
            command += ["--exclude-path", path]
    env = {
        **os.environ,
        **server_env(),
        "PYTHONPATH": str(ROOT),  # for the hooks; run elsewhere, for schemathesis's cache
        "SCHEMATHESIS_HOOKS": "tests.server.fuzz_hooks",
        "DORPSONDERSTEUNER_FUZZ_AS": RUNS[who],
        "DORPSONDERSTEUNER_FUZZ_URL": server.url,
        "DORPSONDERSTEUNER_FUZZ_PASSWORD": admin.DEMO_PASSWORD,
        "DORPSONDERSTEUNER_FUZZ_TOKEN": expired,
    }
    run = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    generated = re.search(r"(\d+) generated, \1 passed", report)
    assert generated and int(generated.group(1)) >= 50, report
