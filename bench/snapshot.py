"""Snapshot benchmark: a fresh laptop's first sync as one file, against pulling pages.

    .venv/bin/python -m bench.snapshot [--requests 100000 1000000] [--runs 3]
        [--user jos] [--baseline-limit 600] [--keep DIR] [--record]

For each server size it starts a throw-away PostgreSQL cluster and the real server
(``serve``, one process, production settings), loads the demo municipality with that
many requests (``admin load-demo --requests N``), and then, for a Bakel village
supporter on a new device with a new register each time:

- **snapshot** (``--runs`` times, after ``ANALYZE``, as a server in use has its
  statistics): ``POST /sync/snapshot`` (the cut), the download
  over loopback (``download_snapshot``), the import in one transaction
  (``import_snapshot``: the list is usable once it commits) and the search index
  (``build_search_index``), each timed, with the bytes transferred;
- **baseline** (once, in the same run): today's first sync without a snapshot, pulling
  pages from no cursor and applying each with its cursor in one transaction, as the
  sync tests' laptops do, until the last page or ``--baseline-limit`` seconds (then
  the share it got through is reported).

With ``--keep DIR`` the loaded cluster of each size stays in ``DIR`` and later runs
start it again instead of loading (100,000 requests take some 20 minutes to load).

The figures are wall-clock seconds on this machine, with the load average.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

import httpx
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from bench import server as base
from dorpsondersteuner.errors import NotFoundError
from dorpsondersteuner.models import DeviceState, HelpRequest, RegisterKind
from dorpsondersteuner.models.enums import Role
from dorpsondersteuner.register import Register, open_register
from dorpsondersteuner.server.settings import ENV_PREFIX
from dorpsondersteuner.services.access import Principal, load_principal
from dorpsondersteuner.sync.apply import apply_changes
from dorpsondersteuner.sync.protocol import PullPage, SnapshotTicket
from dorpsondersteuner.sync.purge import purge
from dorpsondersteuner.sync.snapshot_import import (
    build_search_index,
    download_snapshot,
    import_snapshot,
)

RESULTS_START = "<!-- snapshot-results:start -->"
RESULTS_END = "<!-- snapshot-results:end -->"
BARS = "bars: < 10 s to a usable list, < 30 s to search (goals: <= 2 s, <= 6 s)"


@dataclass
class Device:
    client: httpx.Client
    token: str
    device_id: uuid.UUID
    user_id: uuid.UUID
    register: Register

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_device(url: str, username: str, folder: Path) -> Device:
    """A new laptop: signed in with a device id of its own, with an empty real register."""
    client = httpx.Client(base_url=url, timeout=600)
    device_id = uuid.uuid4()
    answer = client.post(
        "/auth/login",
        json={"username": username, "password": base.DEMO_PASSWORD, "device_id": str(device_id)},
    )
    answer.raise_for_status()
    login = answer.json()
    register = open_register(folder / f"{device_id}.db", secrets.token_bytes(32), create=True)
    with register.transaction() as session:
        session.add(
            DeviceState(
                device_id=device_id,
                short_code=login["device"]["short_code"],
                register_kind=RegisterKind.REAL,
            )
        )
    return Device(client, login["token"], device_id, uuid.UUID(login["user_id"]), register)


@dataclass
class SnapshotRun:
    cut: float
    transfer: float
    imported: float
    search: float
    bytes: int
    requests: int

    @property
    def usable(self) -> float:
        return self.cut + self.transfer + self.imported

    @property
    def searchable(self) -> float:
        return self.usable + self.search


def snapshot_run(url: str, username: str, folder: Path) -> SnapshotRun:
    device = new_device(url, username, folder)
    try:
        start = time.perf_counter()
        answer = device.client.post("/sync/snapshot", json={}, headers=device.headers)
        answer.raise_for_status()
        ticket = SnapshotTicket.model_validate(answer.json())
        cut = time.perf_counter()
        path = download_snapshot(
            device.client,
            f"/sync/snapshot/{ticket.snapshot_id}",
            folder / f"{device.device_id}.snapshot",
            size=ticket.size,
            sha256=ticket.sha256,
            headers=device.headers,
        )
        transferred = time.perf_counter()
        import_snapshot(device.register, path, bytes.fromhex(ticket.key))
        imported = time.perf_counter()
        build_search_index(device.register)
        searchable = time.perf_counter()
        path.unlink()
        with device.register.sessions() as session:
            requests = session.scalar(select(func.count()).select_from(HelpRequest)) or 0
        return SnapshotRun(
            cut - start,
            transferred - cut,
            imported - transferred,
            searchable - imported,
            ticket.size + len(answer.content),
            requests,
        )
    finally:
        device.register.close()
        device.client.close()


@dataclass
class Baseline:
    seconds: float
    bytes: int
    pages: int
    requests: int
    finished: bool


def baseline_run(url: str, username: str, folder: Path, limit: float) -> Baseline:
    """Today's first sync without a snapshot: pages from no cursor, each applied with
    its cursor in one transaction."""
    device = new_device(url, username, folder)
    cursor: str | None = None
    received = pages = 0
    start = time.perf_counter()
    finished = False
    try:
        while time.perf_counter() - start < limit:
            answer = device.client.post(
                "/sync/pull", json={"cursor": cursor, "limit": 1000}, headers=device.headers
            )
            if answer.status_code == 429:
                time.sleep(float(answer.headers["Retry-After"]))
                continue
            answer.raise_for_status()
            received += len(answer.content)
            page = PullPage.model_validate_json(answer.content)
            with device.register.transaction() as session:
                purge(session, page.purge)
                apply_changes(session, _principal(session, device, username), page.changes)
            cursor, pages = page.cursor, pages + 1
            if not page.more:
                finished = True
                break
        seconds = time.perf_counter() - start
        with device.register.sessions() as session:
            requests = session.scalar(select(func.count()).select_from(HelpRequest)) or 0
        return Baseline(seconds, received, pages, requests, finished)
    finally:
        device.register.close()
        device.client.close()


def _principal(session: Session, device: Device, username: str) -> Principal:
    """The user as the register knows them; before the directory arrives, a supporter
    (the sync engine does the same from its sync state)."""
    try:
        return load_principal(session, device.user_id)
    except NotFoundError:
        return Principal(
            device.user_id, username, username, Role.VILLAGE_SUPPORTER, None, frozenset()
        )


@dataclass
class SizeResult:
    requests: int
    load_seconds: float | None  # None: a kept cluster, loaded earlier
    runs: list[SnapshotRun] = field(default_factory=list)
    baseline: Baseline | None = None


@contextlib.contextmanager
def kept_cluster(bindir: Path, folder: Path) -> Iterator[base.Database]:
    """A PostgreSQL cluster whose data stays in ``folder`` between runs: started again
    when it is there (``folder / "loaded"`` says its load finished), else made new."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        shutil.chown(folder, user="postgres", group="postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"

    def run(program: str, *args: str) -> None:
        subprocess.run(
            [*prefix, str(bindir / program), *args], check=True, capture_output=True, timeout=600
        )

    if not (folder / "loaded").exists():
        shutil.rmtree(data, ignore_errors=True)
        run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    port = base.free_port()
    options = f"-p {port} -k {folder} -c listen_addresses={base.HOST} -c fsync=off"
    options += " -c max_connections=200"
    run("pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        if not (folder / "loaded").exists():
            run("createdb", "-h", base.HOST, "-p", str(port), "-U", "postgres", "bench")
        pid = int((data / "postmaster.pid").read_text().split()[0])
        url = f"postgresql+psycopg://postgres@{base.HOST}:{port}/bench"
        yield base.Database("postgresql", url, pid)
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            run("pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")


def measure(size: int, args: argparse.Namespace) -> SizeResult:
    bindir = base.postgres_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed")
    folder = Path(tempfile.mkdtemp(prefix="dorpsondersteuner-bench-snapshot-"))
    kept = args.keep / f"requests-{size}" if args.keep else None
    cluster = kept_cluster(bindir, kept) if kept is not None else base.postgres_cluster(bindir)
    try:
        with cluster as database, base.running_server(database.url, 1, folder) as server:
            result = SizeResult(size, load(size, database, kept))
            for run in range(args.runs):
                print(f"  {size:,}: snapshot, run {run + 1}…", file=sys.stderr, flush=True)
                result.runs.append(snapshot_run(server.url, args.user, folder))
                print(f"    {_run_line(result.runs[-1])}", file=sys.stderr, flush=True)
            if args.baseline_limit > 0:
                print(f"  {size:,}: baseline (pull pages)…", file=sys.stderr, flush=True)
                result.baseline = baseline_run(server.url, args.user, folder, args.baseline_limit)
            log = server.log_path.read_text(errors="replace")
            if "Traceback" in log:
                print(log[log.index("Traceback") :][:4000], file=sys.stderr)
                raise RuntimeError("the server log shows a traceback")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def load(size: int, database: base.Database, kept: Path | None) -> float | None:
    """Load the demo municipality with ``size`` requests and analyse it, unless the kept
    cluster has it already (then None); the seconds the load took."""
    if kept is not None and (kept / "loaded").exists():
        print(f"  {size:,} requests: kept from {kept}", file=sys.stderr, flush=True)
        return None
    print(f"  {size:,} requests: loading…", file=sys.stderr, flush=True)
    start = time.perf_counter()
    base.server_admin("admin", "load-demo", "--requests", str(size), "--database-url", database.url)
    loading = time.perf_counter() - start
    # As a server in use has them: the planner's statistics of the new rows (a cut
    # right after a bulk load otherwise waits for autovacuum's analysis).
    engine = create_engine(database.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    if kept is not None:
        (kept / "loaded").write_text(f"{loading:.0f} s\n")
    return loading


def _run_line(run: SnapshotRun) -> str:
    return (
        f"cut {run.cut:.2f} s, transfer {run.transfer:.2f} s, import {run.imported:.2f} s, "
        f"search {run.search:.2f} s; usable {run.usable:.2f} s, search ready "
        f"{run.searchable:.2f} s; {run.bytes / 1e6:.1f} MB, {run.requests:,} requests"
    )


def format_results(results: Sequence[SizeResult], args: argparse.Namespace) -> list[str]:
    lines = [
        f"User `{args.user}` (a Bakel village supporter), a new device and register each run; "
        f"medians of {args.runs} runs. {BARS}.",
        "",
        "| server | requests in scope | cut | transfer | import | list usable | search "
        "index | search ready | bytes | baseline: pulling pages |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        runs = result.runs

        def mid(values: list[float]) -> float:
            return median(values)

        baseline = result.baseline
        if baseline is None:
            compared = "not measured"
        elif baseline.finished:
            ratio = baseline.seconds / mid([r.usable for r in runs])
            compared = (
                f"{baseline.seconds:.1f} s, {baseline.bytes / 1e6:.1f} MB, {baseline.pages} "
                f"pages ({ratio:.0f}x the snapshot's usable list)"
            )
        else:
            compared = (
                f"unfinished after {baseline.seconds:.0f} s: {baseline.requests:,} of "
                f"{runs[0].requests:,} requests, {baseline.bytes / 1e6:.1f} MB"
            )
        lines.append(
            f"| {result.requests:,} | {runs[0].requests:,} | {mid([r.cut for r in runs]):.2f} s "
            f"| {mid([r.transfer for r in runs]):.2f} s | {mid([r.imported for r in runs]):.2f} s "
            f"| **{mid([r.usable for r in runs]):.2f} s** | {mid([r.search for r in runs]):.2f} s "
            f"| **{mid([r.searchable for r in runs]):.2f} s** "
            f"| {mid([r.bytes for r in runs]) / 1e6:.1f} MB | {compared} |"
        )
    loads = ", ".join(
        f"{result.requests:,}: {result.load_seconds:.0f} s"
        for result in results
        if result.load_seconds is not None
    )
    if loads:
        lines += ["", f"Loading the server (`admin load-demo --requests`): {loads}."]
    return lines


def record(lines: Sequence[str]) -> None:
    text = base.README.read_text()
    start, end = text.index(RESULTS_START), text.index(RESULTS_END)
    body = "\n".join([*base.machine_lines(), "", *lines])
    base.README.write_text(text[: start + len(RESULTS_START)] + "\n\n" + body + "\n\n" + text[end:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.snapshot", description=__doc__)
    parser.add_argument("--requests", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--user", default="jos")
    parser.add_argument(
        "--baseline-limit",
        type=float,
        default=600,
        help="seconds the baseline may pull before it is reported unfinished (0: none)",
    )
    parser.add_argument(
        "--keep", type=Path, help="keep each size's loaded cluster here, and reuse it"
    )
    parser.add_argument("--record", action="store_true", help="write the results to README")
    args = parser.parse_args(argv)
    # Production settings but for the rate limits: every run is a new device, and the
    # baseline pulls many pages a minute.
    for kind in ("PULL", "SNAPSHOT"):
        os.environ[f"{ENV_PREFIX}{kind}_PER_MINUTE"] = "0"
    results = [measure(size, args) for size in args.requests]
    lines = format_results(results, args)
    print("\n".join([*base.machine_lines(), "", *lines]))
    if args.record:
        record(lines)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
