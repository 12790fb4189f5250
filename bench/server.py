"""Server benchmark: ``/me`` under 20 concurrent clients, and under a login flood.

    .venv/bin/python -m bench.server [--databases sqlite postgresql] [--workers 1 2]
        [--duration 10] [--clients 20] [--flood 60] [--generator auto|wrk|python] [--record]

For each database and number of worker processes it starts the real server
(``dorpsondersteuner-server serve``, production password hashing) on a new database
(PostgreSQL: a throw-away cluster made with initdb/pg_ctl, as the tests do), loads the
demo directory (``admin load-demo``), signs a few demo users in and then measures:

- **/me**: ``--clients`` connections ask ``GET /me`` with those users' tokens, as fast
  as the answers come, for ``--duration`` seconds after a short warm-up: requests per
  second, median and p95 latency, and the CPU share of the load generator, the server
  and PostgreSQL (of the whole machine: all cores);
- **/me under a login flood**: ``--flood`` connections post ``/auth/login`` with
  made-up user names while one signed-in user asks ``/me`` one request after another:
  that user's median and p95, and what the flood got (answers per second, by status).

The load generator runs in its own processes: ``wrk`` (with a Lua script) when it is on
the PATH, else a small asyncio HTTP/1.1 client in two processes (``--generator``
chooses). Both keep their connections open (keep-alive), as laptops do.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import glob
import json
import multiprocessing
import os
import platform
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
README = BENCH_DIR / "README.md"
RESULTS_START = "<!-- server-results:start -->"
RESULTS_END = "<!-- server-results:end -->"

DEMO_PASSWORD = "demo-dorpsondersteuner"  # published with the demo (docs/server.md)
# One or two users of each role; the clients take turns with their tokens.
USERS = ("ingrid", "els", "sanne", "joyce", "evelien", "beheer")
HOST = "127.0.0.1"
WARM_UP_SECONDS = 2.0
BARS = (
    "bars: /me >= 500 req/s and p95 < 50 ms (goal >= 1,500 req/s); "
    "under the flood /me p95 < 100 ms (goal < 50 ms)"
)


# --- processes: PostgreSQL and the server -------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def postgres_bindir() -> Path | None:
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(found) / "initdb").exists():
            return Path(found)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


@dataclass(frozen=True)
class Database:
    kind: str  # "sqlite" or "postgresql"
    url: str
    pid: int | None = None  # PostgreSQL's postmaster: its backends are its children

    def cpu_seconds(self) -> float:
        """CPU time of the database server so far; SQLite runs inside the server."""
        return 0.0 if self.pid is None else process_tree_cpu(self.pid)


@contextlib.contextmanager
def postgres_cluster(bindir: Path) -> Iterator[Database]:
    """A throw-away PostgreSQL cluster on a free port, with one empty database."""
    folder = Path(tempfile.mkdtemp(prefix="dorpsondersteuner-bench-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        shutil.chown(folder, user="postgres", group="postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = folder / "data"

    def run(program: str, *args: str) -> None:
        subprocess.run(
            [*prefix, str(bindir / program), *args], check=True, capture_output=True, timeout=60
        )

    run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    options = f"-p {port} -k {folder} -c listen_addresses={HOST} -c fsync=off"
    options += " -c max_connections=200"
    run("pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        run("createdb", "-h", HOST, "-p", str(port), "-U", "postgres", "bench")
        pid = int((data / "postmaster.pid").read_text().split()[0])
        yield Database("postgresql", f"postgresql+psycopg://postgres@{HOST}:{port}/bench", pid)
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def server_command() -> list[str]:
    script = Path(sys.executable).parent / "dorpsondersteuner-server"
    return [str(script)] if script.exists() else [sys.executable, "-m", "dorpsondersteuner.server"]


# The server's own code, when not the code of this checkout (``--code``): a folder with
# an earlier revision's ``dorpsondersteuner`` package, to measure a baseline.
SERVER_CODE: Path | None = None


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if SERVER_CODE is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(SERVER_CODE), env.get("PYTHONPATH", "")])
    # Production settings: real argon2id hashing, default throttling.
    env.pop("DORPSONDERSTEUNER_SERVER_INSECURE_TEST_HASHING", None)
    return env


@dataclass
class RunningServer:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    def cpu_seconds(self) -> float:
        """CPU time of the server and its worker processes so far (Linux; else nan)."""
        return process_tree_cpu(self.process.pid)


@contextlib.contextmanager
def running_server(database_url: str, workers: int, folder: Path) -> Iterator[RunningServer]:
    port = free_port()
    log_path = folder / f"server-{workers}.log"
    command = [*server_command(), "serve", "--port", str(port), "--workers", str(workers)]
    command += ["--database-url", database_url]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=server_env()
        )
    url = f"http://{HOST}:{port}"
    try:
        wait_until_healthy(process, url, log_path)
        yield RunningServer(url, port, process, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(process: subprocess.Popen[bytes], url: str, log_path: Path) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start:\n{log_path.read_text()}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer in time:\n{log_path.read_text()}")


def process_tree_cpu(root: int) -> float:
    """User + system CPU seconds of ``root`` and its descendants, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return float("nan")
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_admin(*args: str, timeout: float = 7200) -> None:
    """One of the server's own commands (``migrate``, ``admin load-demo …``), checked."""
    done = subprocess.run(
        [*server_command(), *args],
        capture_output=True,
        text=True,
        env=server_env(),
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed:\n{done.stderr[-4000:]}")


def load_demo_and_sign_in(server: RunningServer, database_url: str) -> list[str]:
    import httpx

    loaded = subprocess.run(
        [*server_command(), "admin", "load-demo", "--database-url", database_url],
        capture_output=True,
        text=True,
        env=server_env(),
        timeout=120,
    )
    if loaded.returncode != 0:
        raise RuntimeError(f"load-demo failed:\n{loaded.stderr}")
    tokens = []
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for username in USERS:
            answer = client.post(
                "/auth/login",
                json={
                    "username": username,
                    "password": DEMO_PASSWORD,
                    "device_id": str(uuid.uuid4()),
                },
            )
            answer.raise_for_status()
            tokens.append(answer.json()["token"])
    return tokens


# --- load generators ---------------------------------------------------------------------


@dataclass
class Load:
    """What a load generator saw in one run."""

    seconds: float
    requests: int
    statuses: Counter[int]
    p50_ms: float
    p95_ms: float
    cpu_seconds: float  # of the generator's own processes
    errors: int = 0

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


WRK_SCRIPT = """
local tokens = {%(tokens)s}
local kind = "%(kind)s"
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = id
  statuses = {}
  math.randomseed(os.time() * 97 + id)
end

local function device_id()
  return string.format("%%08x-%%04x-4%%03x-a%%03x-%%06x%%06x",
    math.random(0, 0x7fffffff), math.random(0, 0xffff), math.random(0, 0xfff),
    math.random(0, 0xfff), math.random(0, 0xffffff), math.random(0, 0xffffff))
end

function request()
  counter = counter + 1
  if kind == "me" then
    return wrk.format("GET", "/me",
      {["Authorization"] = "Bearer " .. tokens[(counter %% #tokens) + 1]})
  end
  local body = string.format(
    '{"username":"nobody%%d-%%x","password":"not the right password","device_id":"%%s"}',
    counter, math.random(0, 0x7fffffff), device_id())
  return wrk.format("POST", "/auth/login", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("BENCH requests %%d\\n", summary.requests))
  io.write(string.format("BENCH seconds %%f\\n", summary.duration / 1e6))
  io.write(string.format("BENCH p50_us %%d\\n", latency:percentile(50)))
  io.write(string.format("BENCH p95_us %%d\\n", latency:percentile(95)))
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("BENCH errors %%d\\n", errors))
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      io.write(string.format("BENCH status %%d %%d\\n", status, count))
    end
  end
end
"""


def run_wrk(
    url: str, kind: str, tokens: Sequence[str], connections: int, seconds: float, folder: Path
) -> Load:
    script = folder / f"wrk-{kind}.lua"
    quoted = ", ".join(f'"{token}"' for token in tokens) or '""'
    script.write_text(WRK_SCRIPT % {"tokens": quoted, "kind": kind})
    threads = max(1, min(2, connections))
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    command += ["--timeout", "30s", "-s", str(script), url]
    before = children_cpu()
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    cpu = children_cpu() - before
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    values: dict[str, float] = {}
    statuses: Counter[int] = Counter()
    for line in done.stdout.splitlines():
        parts = line.split()
        if parts[:2] == ["BENCH", "status"]:
            statuses[int(parts[2])] += int(parts[3])
        elif parts[:1] == ["BENCH"]:
            values[parts[1]] = float(parts[2])
    return Load(
        seconds=values["seconds"],
        requests=int(values["requests"]),
        statuses=statuses,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        cpu_seconds=cpu,
        errors=int(values["errors"]),
    )


def _request_bytes(kind: str, tokens: Sequence[str], number: int) -> bytes:
    if kind == "me":
        token = tokens[number % len(tokens)]
        return (
            f"GET /me HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {token}\r\n\r\n"
        ).encode()
    body = json.dumps(
        {
            "username": f"nobody{number}-{random.getrandbits(31):x}",
            "password": "not the right password",
            "device_id": str(uuid.uuid4()),
        }
    ).encode()
    head = (
        f"POST /auth/login HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """One HTTP/1.1 answer: its status, and whether the server closes the connection."""
    head = (await reader.readuntil(b"\r\n\r\n")).lower()
    status = int(head[9:12])
    length = re.search(rb"\r\ncontent-length: *(\d+)", head)
    if length:
        await reader.readexactly(int(length.group(1)))
    elif b"transfer-encoding: chunked" in head:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, b"\r\nconnection: close" in head


async def _connection_loop(
    port: int,
    kind: str,
    tokens: Sequence[str],
    number: int,
    stride: int,
    deadline: float,
    latencies: list[float],
    statuses: Counter[int],
) -> int:
    errors = 0
    writer: asyncio.StreamWriter | None = None
    while time.perf_counter() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            number += stride
            started = time.perf_counter()
            writer.write(_request_bytes(kind, tokens, number))
            status, closing = await _read_answer(reader)
            latencies.append(time.perf_counter() - started)
            statuses[status] += 1
            if closing:
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError):
            errors += 1
            writer = None
            await asyncio.sleep(0.01)
    if writer is not None:
        writer.close()
    return errors


def _generator_process(
    port: int,
    kind: str,
    tokens: Sequence[str],
    first: int,
    stride: int,
    connections: int,
    seconds: float,
    pipe: multiprocessing.connection.Connection,
) -> None:
    latencies: list[float] = []
    statuses: Counter[int] = Counter()

    async def run() -> int:
        deadline = time.perf_counter() + seconds
        loops = [
            _connection_loop(
                port,
                kind,
                tokens,
                first + i * stride,
                stride * connections,
                deadline,
                latencies,
                statuses,
            )
            for i in range(connections)
        ]
        return sum(await asyncio.gather(*loops))

    errors = asyncio.run(run())
    pipe.send((latencies, dict(statuses), errors))
    pipe.close()


def run_python(
    port: int, kind: str, tokens: Sequence[str], connections: int, seconds: float
) -> Load:
    context = multiprocessing.get_context("spawn")
    processes = max(1, min(2, connections))
    shares = [connections // processes + (i < connections % processes) for i in range(processes)]
    before = children_cpu()
    started = time.perf_counter()
    running = []
    for index, share in enumerate(shares):
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=_generator_process,
            args=(port, kind, tokens, index, processes, share, seconds, sending),
        )
        process.start()
        sending.close()
        running.append((process, receiving))
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors = 0
    for process, receiving in running:
        got_latencies, got_statuses, got_errors = receiving.recv()
        latencies += got_latencies
        statuses.update(got_statuses)
        errors += got_errors
        process.join()
    elapsed = time.perf_counter() - started
    return Load(
        seconds=min(elapsed, seconds) if latencies else elapsed,
        requests=len(latencies),
        statuses=statuses,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p95_ms=percentile(latencies, 0.95) * 1000,
        cpu_seconds=children_cpu() - before,
        errors=errors,
    )


def percentile(samples: Sequence[float], fraction: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


Generator = Callable[[str, Sequence[str], int, float], Load]


def make_generator(name: str, server: RunningServer, folder: Path) -> Generator:
    if name == "wrk":
        return lambda kind, tokens, connections, seconds: run_wrk(
            server.url, kind, tokens, connections, seconds, folder
        )
    return lambda kind, tokens, connections, seconds: run_python(
        server.port, kind, tokens, connections, seconds
    )


# --- the measurements --------------------------------------------------------------------


@dataclass
class Result:
    database: str
    workers: int
    me: Load
    server_cpu_seconds: float
    database_cpu_seconds: float
    probe_p50_ms: float = float("nan")
    probe_p95_ms: float = float("nan")
    probe_requests: int = 0
    flood: Load | None = None
    notes: list[str] = field(default_factory=list)


def probe_me(url: str, token: str, stop: threading.Event, latencies: list[float]) -> None:
    """One signed-in user asking /me one request after another until ``stop``."""
    import httpx

    with httpx.Client(base_url=url, timeout=60) as client:
        client.get("/me", headers={"Authorization": f"Bearer {token}"})
        while not stop.is_set():
            started = time.perf_counter()
            answer = client.get("/me", headers={"Authorization": f"Bearer {token}"})
            latencies.append(time.perf_counter() - started)
            answer.raise_for_status()


def measure(
    database: Database,
    workers: int,
    args: argparse.Namespace,
    generator_name: str,
    folder: Path,
) -> Result:
    with running_server(database.url, workers, folder) as server:
        tokens = load_demo_and_sign_in(server, database.url)
        generate = make_generator(generator_name, server, folder)
        generate("me", tokens, args.clients, min(WARM_UP_SECONDS, args.duration))
        server_before, database_before = server.cpu_seconds(), database.cpu_seconds()
        me = generate("me", tokens, args.clients, args.duration)
        result = Result(
            database.kind,
            workers,
            me,
            server_cpu_seconds=server.cpu_seconds() - server_before,
            database_cpu_seconds=database.cpu_seconds() - database_before,
        )
        if args.flood:
            stop = threading.Event()
            latencies: list[float] = []
            prober = threading.Thread(
                target=probe_me, args=(server.url, tokens[0], stop, latencies), daemon=True
            )
            prober.start()
            try:
                result.flood = generate("login", [], args.flood, args.duration)
            finally:
                stop.set()
                prober.join(timeout=120)
            result.probe_p50_ms = percentile(latencies, 0.50) * 1000
            result.probe_p95_ms = percentile(latencies, 0.95) * 1000
            result.probe_requests = len(latencies)
        log = server.log_path.read_text(errors="replace")
        if "Traceback" in log:
            result.notes.append("the server log shows a traceback")
            trace = log[log.index("Traceback") :].splitlines()[:200]
            print("\n".join(trace[-40:]), file=sys.stderr)
    return result


# --- report ------------------------------------------------------------------------------


def _share(cpu_seconds: float, seconds: float) -> str:
    cores = os.cpu_count() or 1
    if cpu_seconds != cpu_seconds or not seconds:  # nan: no /proc
        return "n/a"
    return f"{100 * cpu_seconds / (seconds * cores):.0f} %"


def _statuses(load: Load) -> str:
    parts = [f"{count:,}× {status}" for status, count in sorted(load.statuses.items())]
    if load.errors:
        parts.append(f"{load.errors:,} errors")
    return ", ".join(parts) or "none"


def format_results(
    results: Sequence[Result], args: argparse.Namespace, generator: str
) -> list[str]:
    cores = os.cpu_count() or 1
    lines = [
        f"`/me` with {args.clients} concurrent clients for {args.duration:g} s each "
        f"(load generator: {generator}; CPU shares are of all {cores} cores):",
        "",
        "| database | processes | req/s | median | p95 | generator CPU | server CPU | "
        "database CPU | server CPU per request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        me = result.me
        database_share = (
            "in the server"
            if result.database == "sqlite"
            else _share(result.database_cpu_seconds, me.seconds)
        )
        per_request = (
            f"{1000 * result.server_cpu_seconds / me.requests:.2f} ms" if me.requests else "n/a"
        )
        lines.append(
            f"| {result.database} | {result.workers} | {me.rate:,.0f} | {me.p50_ms:.1f} ms | "
            f"{me.p95_ms:.1f} ms | {_share(me.cpu_seconds, me.seconds)} | "
            f"{_share(result.server_cpu_seconds, me.seconds)} | "
            f"{database_share} | {per_request} |"
        )
    if any(result.flood for result in results):
        lines += [
            "",
            f"`/me` for one signed-in user (one request after another) while {args.flood} "
            "connections post `/auth/login` with made-up user names:",
            "",
            "| database | processes | /me median | /me p95 | /me answers | logins/s | "
            "login answers |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for result in results:
            if result.flood is None:
                continue
            lines.append(
                f"| {result.database} | {result.workers} | {result.probe_p50_ms:.1f} ms | "
                f"{result.probe_p95_ms:.1f} ms | {result.probe_requests:,} | "
                f"{result.flood.rate:,.0f} | {_statuses(result.flood)} |"
            )
    unexpected = [
        f"{result.database}/{result.workers}: /me answered {_statuses(result.me)}"
        for result in results
        if set(result.me.statuses) - {200} or result.me.errors
    ]
    for result in results:
        unexpected += [f"{result.database}/{result.workers}: {note}" for note in result.notes]
    if unexpected:
        lines += ["", "Unexpected: " + "; ".join(unexpected) + "."]
    return lines


def machine_lines() -> list[str]:
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    import importlib.metadata as metadata

    versions = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("uvicorn", "fastapi", "SQLAlchemy", "psycopg")
    )
    return [
        f"Recorded {date.today().isoformat()} on {platform.machine()}, {cpu}, "
        f"{os.cpu_count()} cores (server, database and load generator share them); "
        f"Python {platform.python_version()}, {versions}; load average {load:.1f} when it "
        "finished.",
    ]


def record(lines: Sequence[str]) -> None:
    text = README.read_text()
    start, end = text.index(RESULTS_START), text.index(RESULTS_END)
    body = "\n".join([*machine_lines(), "", *lines])
    README.write_text(text[: start + len(RESULTS_START)] + "\n\n" + body + "\n\n" + text[end:])


def choose_generator(wanted: str) -> str:
    if wanted == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if wanted == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not on the PATH (Debian: apt-get install wrk)")
    return wanted


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__)
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measurement")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--flood", type=int, default=60, help="login connections (0: none)")
    parser.add_argument("--generator", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--record", action="store_true", help="write into bench/README.md")
    parser.add_argument(
        "--code",
        type=Path,
        help="run the server from this source folder instead (e.g. `git worktree add "
        "/tmp/before REV`: a baseline measured in the same session)",
    )
    args = parser.parse_args(argv)
    if args.code is not None:
        global SERVER_CODE
        SERVER_CODE = args.code.resolve()
        if not (SERVER_CODE / "dorpsondersteuner" / "server").is_dir():
            parser.error(f"{args.code} holds no dorpsondersteuner/server")
    generator = choose_generator(args.generator)

    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="dorpsondersteuner-bench-server-") as tmp:
        folder = Path(tmp)
        for kind in args.databases:
            for workers in args.workers:
                print(f"{kind}, {workers} process(es)…", file=sys.stderr, flush=True)
                if kind == "sqlite":
                    url = f"sqlite:///{folder / f'server-{workers}.db'}"
                    results.append(measure(Database(kind, url), workers, args, generator, folder))
                    continue
                bindir = postgres_bindir()
                if bindir is None:
                    print("PostgreSQL is not installed: skipped", file=sys.stderr)
                    break
                with postgres_cluster(bindir) as database:
                    results.append(measure(database, workers, args, generator, folder))

    lines = format_results(results, args, generator)
    print("\n".join(lines))
    print(f"\n{BARS}")
    if args.record:
        record(lines)
        print(f"\nrecorded in {README.relative_to(BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
