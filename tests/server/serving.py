"""More server processes for the tests that need their own: other options, another app,
or a database of their own. Each runs as an operator (or uvicorn) would start it, on a
free 127.0.0.1 port, and is stopped when the block ends; its log must show no traceback.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .conftest import _wait_until_healthy, free_port, server_env

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Process:
    url: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextlib.contextmanager
def running(
    command: list[str], log_path: Path, port: int, env: dict[str, str] | None = None
) -> Iterator[Process]:
    """``command`` (which must listen on ``port``) until the block ends."""
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env={**server_env(), **(env or {})},
            cwd=ROOT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(process, url, log_path)
        yield Process(url, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log = log_path.read_text(errors="replace")
    assert "Traceback" not in log, log
    assert "Exception in ASGI application" not in log, log


@contextlib.contextmanager
def serve(
    database_url: str, log_path: Path, *options: str, env: dict[str, str] | None = None
) -> Iterator[Process]:
    """``dorpsondersteuner-server serve`` with these options."""
    port = free_port()
    command = [sys.executable, "-m", "dorpsondersteuner.server", "serve", "--port", str(port)]
    command += ["--database-url", database_url, *options]
    with running(command, log_path, port, env) as process:
        yield process


@contextlib.contextmanager
def serve_app(
    factory: str, database_url: str, log_path: Path, env: dict[str, str] | None = None
) -> Iterator[Process]:
    """Another app (``module:function`` making it from the environment) served as
    ``serve`` serves the real one: same protocol, header limit and proxy settings."""
    port = free_port()
    code = (
        "import sys, uvicorn; from dorpsondersteuner.server.cli import log_config; "
        f"uvicorn.run({factory!r}, factory=True, port={port}, log_config=log_config(), "
        "server_header=False, proxy_headers=False, ws='none', "
        "http='dorpsondersteuner.server.protocol:HttpProtocol')"
    )
    command = [sys.executable, "-c", code]
    with running(command, log_path, port, {**(env or {}), "DATABASE_URL": database_url}) as app:
        yield app
