"""Checksum benchmark: the answer of ``GET /sync/checksum`` on a server of many requests.

    .venv/bin/python -m bench.checksum [--requests 100000] [--databases postgresql sqlite]
        [--calls 300] [--baseline-runs 3] [--users ingrid sanne evelien] [--record]

For each database it makes a throw-away database (a PostgreSQL cluster, or a SQLite
file), starts the real server on it (``serve``, one process, production settings, the
pull rate limit off so the calls are never refused), loads the demo municipality with
``--requests`` requests (``admin load-demo``, which builds the checksum tables with
``rebuild``), and then for each user (a Bakel village supporter, a district-team member,
the municipality):

- **answer over HTTP**: ``--calls`` checksum requests one after another, signed in with
  a device of its own, at the server's newest cursor: p50/p95 in milliseconds;
- **answer in process**: the same ``answer()`` on a session of its own, without HTTP
  and the token check: p50/p95;
- **baseline** (``--baseline-runs`` times, in the same run): the same total computed
  without the kept sums, from the field stamps of every record the device should hold
  (the access policy's SQL face, joined with ``field_stamps``); its total must equal
  the answer's, which checks the kept sums on a server of that size too.

The figures are wall-clock milliseconds on this machine, with the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

import httpx
from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from bench import server as base
from dorpsondersteuner.models import (
    ArrangedHelp,
    Contact,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
    User,
)
from dorpsondersteuner.models.base import Base
from dorpsondersteuner.server.admin import DEMO_PASSWORD
from dorpsondersteuner.server.db import make_engine
from dorpsondersteuner.server.models import FieldStamp, SyncCounter
from dorpsondersteuner.server.settings import ENV_PREFIX
from dorpsondersteuner.server.sync.checksum import answer
from dorpsondersteuner.services.access import (
    Principal,
    load_principal,
    request_scope,
    visible_helpers,
    visible_requests,
    visible_residents,
)
from dorpsondersteuner.sync.checksum import Sum, record_hash

RESULTS_START = "<!-- checksum-results:start -->"
RESULTS_END = "<!-- checksum-results:end -->"
BARS = "bar: the answer < 50 ms (goal < 10 ms)"


def percentile(samples: Sequence[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass
class UserResult:
    username: str
    partitions: int = 0
    records: int = 0
    http_ms: list[float] = field(default_factory=list)
    process_ms: list[float] = field(default_factory=list)
    baseline_ms: list[float] = field(default_factory=list)
    agree: bool = False


@dataclass
class DatabaseResult:
    kind: str
    requests: int
    load_seconds: float
    users: list[UserResult] = field(default_factory=list)
    load_average: str = ""


# --- The baseline: the device's records' stamps, scanned --------------------------------


def _children_query(model: type[Base], principal: Principal) -> object:
    query = (
        select(FieldStamp.record_id, FieldStamp.field, FieldStamp.version)
        .join(
            model,
            and_(
                FieldStamp.entity == model.__tablename__,
                FieldStamp.record_id == model.id,  # type: ignore[attr-defined]
            ),
        )
        .join(HelpRequest, HelpRequest.id == model.request_id)  # type: ignore[attr-defined]
        .where(visible_requests(principal))
    )
    scope = request_scope(principal)
    if model is Contact and scope is not None and not scope.sees_professionals_only:
        query = query.where(Contact.professionals_only.is_(False))
    return query


def scan_total(session: Session, principal: Principal) -> Sum:
    """The device's count and hash from the stamps of every record it should hold."""
    queries: list[tuple[str, object]] = [
        (
            "help_requests",
            select(FieldStamp.record_id, FieldStamp.field, FieldStamp.version)
            .join(
                HelpRequest,
                and_(FieldStamp.entity == "help_requests", FieldStamp.record_id == HelpRequest.id),
            )
            .where(visible_requests(principal)),
        ),
        *(
            (model.__tablename__, _children_query(model, principal))
            for model in (Contact, FollowUp, ArrangedHelp, HistoryEvent)
        ),
        (
            "residents",
            select(FieldStamp.record_id, FieldStamp.field, FieldStamp.version)
            .join(
                Resident,
                and_(FieldStamp.entity == "residents", FieldStamp.record_id == Resident.id),
            )
            .where(visible_residents(principal)),
        ),
        (
            "helpers",
            select(FieldStamp.record_id, FieldStamp.field, FieldStamp.version)
            .join(Helper, and_(FieldStamp.entity == "helpers", FieldStamp.record_id == Helper.id))
            .where(visible_helpers(principal)),
        ),
    ]
    total = Sum()
    for entity, query in queries:
        versions: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
        for record_id, name, version in session.execute(query):  # type: ignore[call-overload]
            versions[record_id][name] = version
        for record_id, fields in versions.items():
            total += Sum(1, record_hash(entity, record_id, fields))
    return total


# --- One database ----------------------------------------------------------------------


@contextmanager
def database(kind: str, folder: Path) -> Iterator[base.Database]:
    if kind == "sqlite":
        yield base.Database("sqlite", f"sqlite:///{folder / 'server.db'}")
        return
    bindir = base.postgres_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed")
    with base.postgres_cluster(bindir) as cluster:
        yield cluster


def measure(kind: str, args: argparse.Namespace) -> DatabaseResult:
    folder = Path(tempfile.mkdtemp(prefix="dorpsondersteuner-bench-checksum-"))
    os.environ[ENV_PREFIX + "PULL_PER_MINUTE"] = "0"
    try:
        with (
            database(kind, folder) as db,
            base.running_server(db.url, 1, folder) as server,
        ):
            print(f"{kind}: loading {args.requests:,} requests…", file=sys.stderr, flush=True)
            start = time.perf_counter()
            base.server_admin(
                "admin", "load-demo", "--requests", str(args.requests), "--database-url", db.url
            )
            result = DatabaseResult(kind, args.requests, time.perf_counter() - start)
            engine = make_engine(db.url)
            sessions = sessionmaker(engine)
            try:
                for username in args.users:
                    print(f"{kind}: {username}…", file=sys.stderr, flush=True)
                    result.users.append(measure_user(server.url, sessions, username, args))
                    user = result.users[-1]
                    print(
                        f"  http p50 {median(user.http_ms):.1f} ms, in process p50 "
                        f"{median(user.process_ms):.1f} ms, baseline {_baseline(user)}, "
                        f"agree {user.agree}",
                        file=sys.stderr,
                        flush=True,
                    )
            finally:
                engine.dispose()
            result.load_average = " ".join(f"{value:.1f}" for value in os.getloadavg())
            log = server.log_path.read_text(errors="replace")
            if "Traceback" in log:
                print(log[log.index("Traceback") :][:4000], file=sys.stderr)
                raise RuntimeError("the server log shows a traceback")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def measure_user(
    url: str, sessions: sessionmaker[Session], username: str, args: argparse.Namespace
) -> UserResult:
    result = UserResult(username)
    with sessions() as session:
        user_id = session.scalars(select(User.id).where(User.username == username)).one()
        principal = load_principal(session, user_id)
        counter = session.scalars(select(SyncCounter)).one()
        cursor = f"{counter.epoch}.{counter.last_seq}.0"
    with httpx.Client(base_url=url, timeout=600) as client:
        login = client.post(
            "/auth/login",
            json={"username": username, "password": DEMO_PASSWORD, "device_id": str(uuid.uuid4())},
        )
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['token']}"}
        client.get("/sync/checksum", params={"cursor": cursor}, headers=headers).raise_for_status()
        for _ in range(args.calls):
            start = time.perf_counter()
            answer_http = client.get("/sync/checksum", params={"cursor": cursor}, headers=headers)
            result.http_ms.append((time.perf_counter() - start) * 1000)
            answer_http.raise_for_status()
    for _ in range(args.calls):
        with sessions() as session:
            start = time.perf_counter()
            found = answer(session, principal, cursor)
            result.process_ms.append((time.perf_counter() - start) * 1000)
    result.partitions, result.records = len(found.partitions), found.total.count
    total = Sum(-1)
    for _ in range(args.baseline_runs):
        with sessions() as session:
            start = time.perf_counter()
            total = scan_total(session, principal)
            result.baseline_ms.append((time.perf_counter() - start) * 1000)
    result.agree = (total.count, total.hash) == (found.total.count, found.total.hash)
    return result


# --- Results ---------------------------------------------------------------------------


def format_results(results: Sequence[DatabaseResult], args: argparse.Namespace) -> list[str]:
    lines = [
        f"`python -m bench.checksum --requests {args.requests} --calls {args.calls} "
        f"--baseline-runs {args.baseline_runs}`; {BARS}.",
        "",
        "| database | user | records | partitions | HTTP p50 / p95 | in process p50 / p95 "
        "| baseline (scan) p50 | same total |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        for user in result.users:
            lines.append(
                f"| {result.kind} | {user.username} | {user.records:,} | {user.partitions} "
                f"| {median(user.http_ms):.1f} / {percentile(user.http_ms, 0.95):.1f} ms "
                f"| {median(user.process_ms):.1f} / {percentile(user.process_ms, 0.95):.1f} ms "
                f"| {_baseline(user)} | {'yes' if user.agree else 'NO'} |"
            )
    lines.append("")
    for result in results:
        lines.append(
            f"- {result.kind}: {result.requests:,} requests loaded in "
            f"{result.load_seconds:.0f} s; load average after the run {result.load_average}."
        )
    lines.extend(base.machine_lines())
    return lines


def _baseline(user: UserResult) -> str:
    return f"{median(user.baseline_ms):,.0f} ms" if user.baseline_ms else "not run"


def record(lines: Sequence[str]) -> None:
    readme = Path(__file__).with_name("README.md")
    text = readme.read_text()
    start, end = text.index(RESULTS_START), text.index(RESULTS_END)
    body = "\n".join(lines)
    readme.write_text(text[: start + len(RESULTS_START)] + "\n" + body + "\n" + text[end:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument(
        "--databases", nargs="+", default=["postgresql", "sqlite"], choices=["postgresql", "sqlite"]
    )
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--users", nargs="+", default=["ingrid", "sanne", "evelien"])
    parser.add_argument("--record", action="store_true", help="write the results to README")
    args = parser.parse_args(argv)
    results = [measure(kind, args) for kind in args.databases]
    lines = format_results(results, args)
    print("\n".join(lines))
    if args.record:
        record(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
