"""Sync benchmark: a municipality's laptops pushing and pulling, and the no-op sync.

    .venv/bin/python -m bench.sync_load [--baseline DIR] [--rate 1000] [--duration 30]
        [--laptops 50] [--batch 100] [--workers 2] [--saturation 15] [--requests 20000]
        [--noop-rounds 200] [--in-process 20] [--profile FILE] [--repeat 1] [--record]

For the server of this checkout (and first for ``--baseline DIR``, an earlier
revision's source folder, e.g. ``git worktree add /tmp/before HEAD``: a baseline in the
same run) it starts a throw-away PostgreSQL cluster and ``serve --workers 2`` on it,
loads the demo directory (``admin load-demo``), signs ``--laptops`` devices of the
village supporters in, and lets each laptop push a working set of its own first:
requests (resident, request, history), each with a contact and a follow-up. Then:

- **open-loop load**: each laptop pushes a ``--batch``-op batch at Poisson arrivals,
  ``--rate`` ops/s offered in all, for ``--duration`` seconds, and pulls until it is up
  to date after each push. A working week's mix: 60 % ``set`` (a request's question, a
  contact's summary or minutes, a follow-up's description, each against the version the
  laptop knows), 25 % ``create`` (contacts and follow-ups, with the history event the
  laptop records with them), 15 % workflow steps (waiting, resumed, on the state the
  laptop last saw). A laptop syncs one push after another, as the desktop does; the
  latency of a push counts from the moment it was due, so a push that waits for the
  previous one counts that wait (no coordinated omission). Push p50/p95/p99, the pulls'
  p50/p95, the results, and the CPU share of the load generator, the server and
  PostgreSQL.
- **saturation**: the same laptops push and pull as fast as the answers come, for
  ``--saturation`` seconds: ops/s done.
- **in process**: first, ``--in-process`` batches of the same mix pushed one after
  another by ``push_batch.py`` with the server's code, directly on the same database:
  time and statements per batch, in all and under the sequence counter's lock.
- **no-op sync**: on a server of its own holding ``--requests`` demo requests (``admin
  load-demo --requests N``), a new laptop of a Bakel supporter pulls its whole scope,
  then pushes nothing and pulls nothing, one round after another: p50/p95 of the pair.
  The pull compares the scope the device holds with what the policy lets its user see,
  so it costs more the more requests the user sees.

The bodies of every push are built before the clock starts; the generator runs in two
processes of its own on asyncio with raw HTTP/1.1 keep-alive connections, reading only
the parts of an answer it needs. The sync rate limits are raised so the generator is
never refused (they are still checked on every request).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bench import server as base

README = base.README
RESULTS_START = "<!-- sync-load-results:start -->"
RESULTS_END = "<!-- sync-load-results:end -->"
BARS = (
    "bars: push p95 < 300 ms at 1,000 ops/s offered (goal < 100 ms; saturation >= 5,000 "
    "ops/s); no-op sync < 50 ms (goal < 20 ms)"
)
# The village supporters of the demo; laptops are theirs in turn (several each).
SUPPORTERS = (
    ("ingrid", "BAK"),
    ("jos", "BAK"),
    ("anja", "GEN"),
    ("wim", "GEN"),
    ("marieke", "GEC"),
    ("ton", "GEC"),
    ("ria", "GEZ"),
    ("gerrit", "GEZ"),
    ("hanneke", "MIL"),
    ("piet", "HAN"),
    ("lies", "MOR"),
    ("frans", "RIP"),
    ("truus", "ELS"),
)
AREA_PLACES = {"BAK": "Bakel", "GEN": "Gemert", "GEC": "Gemert", "GEZ": "Gemert"}
PROTOCOL_VERSION = 1
# Raised far beyond what the bench sends: checked, never refusing.
LIMITS_ENV = {
    "DORPSONDERSTEUNER_SERVER_PUSH_PER_MINUTE": "100000",
    "DORPSONDERSTEUNER_SERVER_PUSH_BURST": "10000",
    "DORPSONDERSTEUNER_SERVER_PULL_PER_MINUTE": "100000",
    "DORPSONDERSTEUNER_SERVER_PULL_BURST": "10000",
}
GENERATOR_PROCESSES = 2
DRAIN_SECONDS = 30.0


# --- the laptops and their ops -----------------------------------------------------------


@dataclass
class Record:
    entity: str
    id: str
    version: int  # the version of its fields the laptop knows
    request_id: str


@dataclass
class Laptop:
    username: str
    area_code: str
    user_id: str
    device_id: str
    short_code: str
    token: str
    cursor: str | None = None
    hlc_counter: int = 0
    requests: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    status: dict[str, str] = field(default_factory=dict)  # request id → status last seen

    def hlc(self) -> str:
        self.hlc_counter += 1
        wall = int(time.time() * 1000)
        return f"{wall:015d}-{self.hlc_counter % 1_000_000:06d}-{uuid.UUID(self.device_id).hex}"

    def op(
        self,
        kind: str,
        entity: str,
        record_id: str,
        payload: dict[str, Any],
        base_version: int | None = None,
    ) -> dict[str, Any]:
        return {
            "op_id": str(uuid.uuid4()),
            "kind": kind,
            "entity": entity,
            "record_id": record_id,
            "payload": payload,
            "base_version": base_version,
            "hlc": self.hlc(),
            "user_id": self.user_id,
            "device_id": self.device_id,
            "protocol_version": PROTOCOL_VERSION,
        }

    def history(self, request_id: str, kind: str, details: dict[str, Any]) -> dict[str, Any]:
        event_id = str(uuid.uuid4())
        return self.op(
            "create",
            "history_events",
            event_id,
            {
                "id": event_id,
                "request_id": request_id,
                "at": _now(),
                "actor_id": self.user_id,
                "device_id": self.device_id,
                "kind": kind,
                "from_level": None,
                "to_level": None,
                "from_status": None,
                "to_status": None,
                "reason": "",
                "details": details,
            },
        )

    def intake(self, number: int, area_id: str) -> list[dict[str, Any]]:
        """A new resident and their request, as the intake form records them."""
        resident_id, request_id = str(uuid.uuid4()), str(uuid.uuid4())
        resident = {
            "first_name": "Truus",
            "name_prefix": "",
            "last_name": f"Last{number}",
            "street": "Kerkstraat",
            "house_number": str(number),
            "postcode": "5761 AB",
            "place": AREA_PLACES.get(self.area_code, "Dorp"),
            "phone": "",
            "area_id": area_id,
            "merged_into_id": None,
            "anonymised_at": None,
            "id": resident_id,
            "deleted_at": None,
        }
        request = {
            "reference": f"{self.area_code}-{date.today().year}-{self.short_code}-{number:03d}",
            "resident_id": resident_id,
            "area_id": area_id,
            "question": "Kan na een val niet meer zelf boodschappen doen.",
            "life_domains": 4,
            "urgency": "normal",
            "level": "village",
            "status": "open",
            "highest_level": "village",
            "owner_id": self.user_id,
            "contact_person_id": self.user_id,
            "created_by_id": self.user_id,
            "consent_record_on": (date.today() - timedelta(days=1)).isoformat(),
            "consent_district_team_on": None,
            "consent_municipality_on": None,
            "consent_withdrawn_on": None,
            "closed_at": None,
            "closed_level": None,
            "outcome": None,
            "outcome_note": "",
            "anonymised_at": None,
            "wmo_melding_on": None,
            "wmo_personal_plan_on": None,
            "wmo_aanvraag_on": None,
            "wmo_decision_on": None,
            "wmo_decision": None,
            "id": request_id,
            "deleted_at": None,
        }
        created = self.history(request_id, "created", {})
        created["payload"].update(to_level="village", to_status="open")
        self.requests.append(request_id)
        self.status[request_id] = "open"
        return [
            self.op("create", "residents", resident_id, resident),
            self.op("create", "help_requests", request_id, request),
            created,
        ]

    def contact(self, request_id: str) -> list[dict[str, Any]]:
        contact_id = str(uuid.uuid4())
        payload = {
            "request_id": request_id,
            "kind": "home_visit",
            "contact_date": date.today().isoformat(),
            "minutes": 30,
            "summary": "Op bezoek geweest, boodschappen besproken.",
            "professionals_only": False,
            "author_id": self.user_id,
            "id": contact_id,
            "deleted_at": None,
        }
        return [
            self.op("create", "contacts", contact_id, payload),
            self.history(request_id, "contact_added", {"contact": contact_id}),
        ]

    def follow_up(self, request_id: str) -> list[dict[str, Any]]:
        follow_up_id = str(uuid.uuid4())
        payload = {
            "request_id": request_id,
            "description": "Nabellen hoe het gaat",
            "due_on": (date.today() + timedelta(days=7)).isoformat(),
            "done_on": None,
            "assignee_id": self.user_id,
            "id": follow_up_id,
            "deleted_at": None,
        }
        return [
            self.op("create", "follow_ups", follow_up_id, payload),
            self.history(request_id, "follow_up_added", {"follow_up": follow_up_id}),
        ]

    def edit(self, rng: random.Random) -> dict[str, Any]:
        record = rng.choice(self.records)
        text = f"Bijgewerkt {rng.getrandbits(32):08x}"
        field_name, value = {
            "help_requests": ("question", f"Vraag: {text}"),
            "contacts": rng.choice([("summary", text), ("minutes", rng.randint(5, 120))]),
            "follow_ups": ("description", text),
        }[record.entity]
        return self.op(
            "set", record.entity, record.id, {"field": field_name, "value": value}, record.version
        )

    def step(self, rng: random.Random) -> dict[str, Any]:
        request_id = rng.choice(self.requests)
        status = self.status[request_id]
        self.status[request_id] = "open" if status == "waiting" else "waiting"
        payload = {
            "step": "resume" if status == "waiting" else "wait",
            "expect": {"level": "village", "status": status},
            "event_id": str(uuid.uuid4()),
            "at": _now(),
            "reason": "",
            "outcome": None,
            "scope": None,
            "on": None,
            "new_owner_id": None,
        }
        return self.op("step", "help_requests", request_id, payload)

    def batch(self, rng: random.Random, size: int) -> list[dict[str, Any]]:
        """A working week's mix: 60 % set, 25 % create, 15 % step (of the ops)."""
        ops: list[dict[str, Any]] = []
        while len(ops) < size:
            draw = rng.random() * 87.5  # actions: set 60, create (two ops) 12.5, step 15
            if draw < 60:
                ops.append(self.edit(rng))
            elif draw < 72.5:
                request_id = rng.choice(self.requests)
                make = self.contact if rng.random() < 0.5 else self.follow_up
                ops += make(request_id)
            else:
                ops.append(self.step(rng))
        return ops[:size]


def _now() -> str:
    return datetime.now(UTC).isoformat()


def push_body(ops: list[dict[str, Any]]) -> bytes:
    return json.dumps({"ops": ops, "protocol_version": PROTOCOL_VERSION}).encode()


# --- setup: sign in, a working set per laptop, up to date --------------------------------


def sign_in(client: httpx.Client, username: str, area_code: str) -> Laptop:
    device_id = str(uuid.uuid4())
    answer = client.post(
        "/auth/login",
        json={"username": username, "password": base.DEMO_PASSWORD, "device_id": device_id},
    )
    answer.raise_for_status()
    login = answer.json()
    return Laptop(
        username,
        area_code,
        login["user_id"],
        device_id,
        login["device"]["short_code"],
        login["token"],
    )


def post(client: httpx.Client, laptop: Laptop, path: str, body: bytes) -> dict[str, Any]:
    answer = client.post(
        path,
        content=body,
        headers={"Authorization": f"Bearer {laptop.token}", "Content-Type": "application/json"},
    )
    if answer.status_code != 200:
        raise RuntimeError(f"{path}: {answer.status_code} {answer.text[:500]}")
    result: dict[str, Any] = answer.json()
    return result


def pull_up_to_date(client: httpx.Client, laptop: Laptop) -> int:
    pages = 0
    while True:
        body = json.dumps({"cursor": laptop.cursor, "limit": 1000}).encode()
        page = post(client, laptop, "/sync/pull", body)
        laptop.cursor = page["cursor"]
        pages += 1
        if not page["more"]:
            return pages


def area_ids(client: httpx.Client, laptop: Laptop) -> dict[str, str]:
    answer = client.get("/me", headers={"Authorization": f"Bearer {laptop.token}"})
    answer.raise_for_status()
    return {area["code"]: area["id"] for area in answer.json()["areas"]}


def working_set(client: httpx.Client, laptop: Laptop, requests: int, area_id: str) -> None:
    """``requests`` intakes, each with a contact and a follow-up, pushed; the laptop
    learns the version of each record's fields from the push's results."""
    ops: list[dict[str, Any]] = []
    for number in range(1, requests + 1):
        ops += laptop.intake(number, area_id)
    for request_id in list(laptop.requests):
        ops += laptop.contact(request_id) + laptop.follow_up(request_id)
    for start in range(0, len(ops), 100):
        chunk = ops[start : start + 100]
        results = post(client, laptop, "/sync/push", push_body(chunk))["results"]
        for op, result in zip(chunk, results, strict=True):
            if result["result"] != "applied":
                raise RuntimeError(f"setup op {op['entity']} not applied: {result}")
            if op["entity"] in ("help_requests", "contacts", "follow_ups"):
                request_id = op["payload"].get("request_id", op["record_id"])
                laptop.records.append(
                    Record(op["entity"], op["record_id"], result["seq"], request_id)
                )


def set_up(url: str, laptops: int, requests_each: int) -> list[Laptop]:
    with httpx.Client(base_url=url, timeout=120) as client:
        made = [sign_in(client, *SUPPORTERS[n % len(SUPPORTERS)]) for n in range(laptops)]
        areas = area_ids(client, made[0]) if made else {}
        for laptop in made:
            if laptop.area_code not in areas:
                areas.update(area_ids(client, laptop))

    def prepare(laptop: Laptop) -> None:
        with httpx.Client(base_url=url, timeout=300) as client:
            working_set(client, laptop, requests_each, areas[laptop.area_code])

    def catch_up(laptop: Laptop) -> None:
        with httpx.Client(base_url=url, timeout=300) as client:
            pull_up_to_date(client, laptop)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(prepare, made))
        list(pool.map(catch_up, made))
    return made


# --- the load generator ------------------------------------------------------------------

_RESULT = re.compile(rb'"result":"(\w+)"')
_CURSOR = re.compile(rb'"cursor":"([^"]*)"')
_MORE = re.compile(rb'"more":(true|false)')


@dataclass
class Plan:
    """One laptop's part: its pushes (seconds after the start, body), or back to back
    (``closed``) when there is no time."""

    token: str
    cursor: str | None
    pushes: list[tuple[float | None, bytes]]


def _request(token: str, path: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {base.HOST}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = (await reader.readuntil(b"\r\n\r\n")).lower()
    status = int(head[9:12])
    length = re.search(rb"\r\ncontent-length: *(\d+)", head)
    body = await reader.readexactly(int(length.group(1))) if length else b""
    return status, body


@dataclass
class Seen:
    push_latencies: list[float] = field(default_factory=list)
    pull_latencies: list[float] = field(default_factory=list)
    results: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    finished: float = 0.0
    not_sent: int = 0  # pushes still waiting at the deadline


class _Connection:
    """A keep-alive connection that opens again when the server closed it while idle
    (uvicorn does after 5 s), as a laptop's HTTP client does; the request is sent again
    (a push is idempotent by its op ids)."""

    def __init__(self, port: int, token: str) -> None:
        self.port, self.token = port, token
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.streams is None:
                self.streams = await asyncio.open_connection(base.HOST, self.port)
            reader, writer = self.streams
            try:
                writer.write(_request(self.token, path, body))
                return await _answer(reader)
            except (OSError, asyncio.IncompleteReadError):
                writer.close()
                self.streams = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()


async def _laptop(port: int, plan: Plan, start: float, deadline: float | None, seen: Seen) -> None:
    connection = _Connection(port, plan.token)
    cursor = plan.cursor
    try:
        for number, (due_in, body) in enumerate(plan.pushes):
            now = time.monotonic()
            if deadline is not None and now >= deadline:
                seen.not_sent += len(plan.pushes) - number
                break
            due = now if due_in is None else start + due_in
            if due > now:
                await asyncio.sleep(due - now)
            status, answer = await connection.post("/sync/push", body)
            seen.push_latencies.append(time.monotonic() - due)
            seen.statuses[status] += 1
            seen.results.update(match.decode() for match in _RESULT.findall(answer))
            more = True
            while more:
                pulled = time.monotonic()
                ask = json.dumps({"cursor": cursor, "limit": 1000}).encode()
                status, answer = await connection.post("/sync/pull", ask)
                seen.pull_latencies.append(time.monotonic() - pulled)
                seen.statuses[status] += 1
                if status != 200:
                    break
                found = _CURSOR.search(answer)
                cursor = found.group(1).decode() if found else cursor
                flag = _MORE.search(answer)
                more = bool(flag and flag.group(1) == b"true")
            seen.finished = max(seen.finished, time.monotonic())
    finally:
        connection.close()


def _generator(
    port: int,
    plans: list[Plan],
    start: float,
    deadline: float | None,
    pipe: Any,
) -> None:
    seen = Seen()

    async def run() -> None:
        await asyncio.gather(*(_laptop(port, plan, start, deadline, seen) for plan in plans))

    asyncio.run(run())
    usage = os.times()
    pipe.send((seen, usage.user + usage.system))
    pipe.close()


@dataclass
class LoadResult:
    seconds: float
    pushes: int
    ops: int
    push_p50: float
    push_p95: float
    push_p99: float
    push_max: float
    pull_p50: float
    pull_p95: float
    pulls: int
    results: Counter[str]
    statuses: Counter[int]
    not_sent: int
    generator_cpu: float
    server_cpu: float
    database_cpu: float

    @property
    def ops_rate(self) -> float:
        return self.ops / self.seconds if self.seconds else 0.0


def run_load(
    port: int,
    plans: list[Plan],
    batch: int,
    deadline_in: float | None,
    server: base.RunningServer,
    database: base.Database,
) -> LoadResult:
    context = multiprocessing.get_context("spawn")
    shares = [plans[index::GENERATOR_PROCESSES] for index in range(GENERATOR_PROCESSES)]
    server_before, database_before = server.cpu_seconds(), database.cpu_seconds()
    start = time.monotonic() + 1.0  # the generators have started by then
    deadline = None if deadline_in is None else start + deadline_in
    running = []
    for share in shares:
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=_generator, args=(port, share, start, deadline, sending), daemon=True
        )
        process.start()
        sending.close()
        running.append((process, receiving))
    total = Seen()
    generator_cpu = 0.0
    for process, receiving in running:
        seen, cpu = receiving.recv()
        process.join()
        total.push_latencies += seen.push_latencies
        total.pull_latencies += seen.pull_latencies
        total.results.update(seen.results)
        total.statuses.update(seen.statuses)
        total.finished = max(total.finished, seen.finished)
        total.not_sent += seen.not_sent
        generator_cpu += cpu
    seconds = max(1e-9, total.finished - start)
    pushes = len(total.push_latencies)

    def ms(samples: list[float], fraction: float) -> float:
        return base.percentile(samples, fraction) * 1000

    return LoadResult(
        seconds=seconds,
        pushes=pushes,
        ops=pushes * batch,
        push_p50=ms(total.push_latencies, 0.50),
        push_p95=ms(total.push_latencies, 0.95),
        push_p99=ms(total.push_latencies, 0.99),
        push_max=max(total.push_latencies, default=float("nan")) * 1000,
        pull_p50=ms(total.pull_latencies, 0.50),
        pull_p95=ms(total.pull_latencies, 0.95),
        pulls=len(total.pull_latencies),
        results=total.results,
        statuses=total.statuses,
        not_sent=total.not_sent,
        generator_cpu=generator_cpu,
        server_cpu=server.cpu_seconds() - server_before,
        database_cpu=database.cpu_seconds() - database_before,
    )


def open_loop_plans(
    laptops: list[Laptop], rng: random.Random, rate: float, duration: float, batch: int
) -> list[Plan]:
    """Poisson arrivals per laptop, ``rate`` ops/s offered in all."""
    per_laptop = rate / batch / len(laptops)  # pushes a second
    plans = []
    for laptop in laptops:
        pushes: list[tuple[float | None, bytes]] = []
        at = rng.expovariate(per_laptop)
        while at < duration:
            pushes.append((at, push_body(laptop.batch(rng, batch))))
            at += rng.expovariate(per_laptop)
        plans.append(Plan(laptop.token, laptop.cursor, pushes))
    return plans


def closed_loop_plans(
    laptops: list[Laptop], rng: random.Random, count: int, batch: int
) -> list[Plan]:
    return [
        Plan(
            laptop.token,
            laptop.cursor,
            [(None, push_body(laptop.batch(rng, batch))) for _ in range(count)],
        )
        for laptop in laptops
    ]


# --- the no-op sync ----------------------------------------------------------------------


def noop_sync(url: str, rounds: int) -> tuple[float, float, int]:
    """A new laptop of a Bakel supporter pulls everything, then pushes nothing and pulls
    nothing, ``rounds`` times after warming up: p50, p95 (ms) and the number of
    requests it holds."""
    empty_push = push_body([])
    with httpx.Client(base_url=url, timeout=300) as client:
        laptop = sign_in(client, *SUPPORTERS[0])
        held: set[str] = set()
        more = True
        while more:
            body = json.dumps({"cursor": laptop.cursor, "limit": 1000}).encode()
            page = post(client, laptop, "/sync/pull", body)
            held.update(c["record_id"] for c in page["changes"] if c["entity"] == "help_requests")
            laptop.cursor, more = page["cursor"], page["more"]
        latencies = []
        for round_number in range(rounds + 5):
            started = time.perf_counter()
            post(client, laptop, "/sync/push", empty_push)
            body = json.dumps({"cursor": laptop.cursor}).encode()
            page = post(client, laptop, "/sync/pull", body)
            elapsed = time.perf_counter() - started
            if page["changes"] or page["purge"] or page["more"]:
                raise RuntimeError("the no-op sync pulled something")
            if round_number >= 5:
                latencies.append(elapsed)
    return (
        base.percentile(latencies, 0.5) * 1000,
        base.percentile(latencies, 0.95) * 1000,
        len(held),
    )


# --- one variant: a server of one revision -------------------------------------------------


@dataclass
class Variant:
    name: str
    load: list[LoadResult] = field(default_factory=list)
    saturation: list[LoadResult] = field(default_factory=list)
    noop: list[tuple[float, float]] = field(default_factory=list)
    noop_requests: int = 0
    batches: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def demo_loaded(database_url: str, requests: int) -> str:
    command = [*base.server_command(), "admin", "load-demo", "--database-url", database_url]
    note = ""
    if requests:
        helped = subprocess.run(
            [*base.server_command(), "admin", "load-demo", "--help"],
            capture_output=True,
            text=True,
            env=base.server_env(),
        )
        if "--requests" in helped.stdout:
            command += ["--requests", str(requests)]
        else:
            note = "this server's load-demo cannot load requests: none beyond the bench's own"
    loaded = subprocess.run(
        command, capture_output=True, text=True, env=base.server_env(), timeout=3600
    )
    if loaded.returncode != 0:
        raise RuntimeError(f"load-demo failed:\n{loaded.stderr}")
    return note


def measure_variant(
    name: str, code: Path | None, args: argparse.Namespace, folder: Path
) -> Variant:
    base.SERVER_CODE = code
    variant = Variant(name)
    bindir = base.postgres_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL is not installed")
    rng = random.Random(args.seed)
    try:
        if args.duration or args.saturation or args.in_process:
            with (
                base.postgres_cluster(bindir) as database,
                base.running_server(database.url, args.workers, folder) as server,
            ):
                demo_loaded(database.url, 0)
                print(f"  {name}: {args.laptops} laptops' working sets…", file=sys.stderr)
                laptops = set_up(server.url, args.laptops, args.requests_each)
                if args.in_process:
                    print(f"  {name}: batches in process…", file=sys.stderr, flush=True)
                    variant.batches = batch_costs(database.url, laptops, rng, args, name)
                    _catch_up(server.url, laptops)
                for repeat in range(args.repeat):
                    load_runs(variant, args, rng, laptops, server, database, repeat)
                _check_log(variant, server)
        if args.noop_rounds:
            # On a server of its own, holding --requests demo requests: the pull compares
            # the scope of a real caseload with what the policy lets its user see.
            with (
                base.postgres_cluster(bindir) as database,
                base.running_server(database.url, args.workers, folder) as server,
            ):
                note = demo_loaded(database.url, args.requests)
                if note:
                    variant.notes.append(note)
                for _ in range(args.repeat):
                    print(f"  {name}: no-op sync…", file=sys.stderr, flush=True)
                    p50, p95, visible = noop_sync(server.url, args.noop_rounds)
                    variant.noop.append((p50, p95))
                    variant.noop_requests = visible
                _check_log(variant, server)
    finally:
        base.SERVER_CODE = None
    return variant


def batch_costs(
    database_url: str,
    laptops: list[Laptop],
    rng: random.Random,
    args: argparse.Namespace,
    name: str,
) -> list[dict[str, Any]]:
    """``--in-process`` batches of the same mix pushed one after another by
    ``push_batch.py`` with the server's code, each laptop in turn: time and statements
    per batch, in all and under the counter's lock, with no other push running."""
    batches = [
        {
            "user_id": laptop.user_id,
            "device_id": laptop.device_id,
            "body": push_body(laptop.batch(rng, args.batch)).decode(),
        }
        for laptop in (laptops[n % len(laptops)] for n in range(args.in_process))
    ]
    profile = f"{args.profile}.{name.replace(' ', '-')}" if args.profile else None
    job = {"url": database_url, "batches": batches, "profile": profile}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("push_batch.py"))],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        env=base.server_env(),
        timeout=1800,
    )
    if done.returncode != 0:
        raise RuntimeError(f"push_batch.py failed:\n{done.stderr}")
    costs: list[dict[str, Any]] = json.loads(done.stdout)
    return costs


def load_runs(
    variant: Variant,
    args: argparse.Namespace,
    rng: random.Random,
    laptops: list[Laptop],
    server: base.RunningServer,
    database: base.Database,
    repeat: int,
) -> None:
    if args.duration:
        print(f"  {variant.name}: open-loop load, run {repeat + 1}…", file=sys.stderr, flush=True)
        plans = open_loop_plans(laptops, rng, args.rate, args.duration, args.batch)
        # Pushes not started 30 s after the last was due are counted as not sent: the
        # server is saturated, and draining the queue would only take long.
        deadline = args.duration + DRAIN_SECONDS
        variant.load.append(run_load(server.port, plans, args.batch, deadline, server, database))
        _catch_up(server.url, laptops)
    if args.saturation:
        print(f"  {variant.name}: saturation, run {repeat + 1}…", file=sys.stderr, flush=True)
        count = max(2, round(args.saturation * 8000 / args.batch / len(laptops)))
        plans = closed_loop_plans(laptops, rng, count, args.batch)
        variant.saturation.append(
            run_load(server.port, plans, args.batch, args.saturation, server, database)
        )
        _catch_up(server.url, laptops)


def _check_log(variant: Variant, server: base.RunningServer) -> None:
    log = server.log_path.read_text(errors="replace")
    if "Traceback" in log:
        variant.notes.append("the server log shows a traceback")
        trace = log[log.index("Traceback") :].splitlines()
        print("\n".join(trace[:60]), file=sys.stderr)


def _catch_up(url: str, laptops: list[Laptop]) -> None:
    """Every laptop up to date again, and its step states as the server has them."""
    with httpx.Client(base_url=url, timeout=300) as client:
        for laptop in laptops:
            _refresh(client, laptop)


def _refresh(client: httpx.Client, laptop: Laptop) -> None:
    while True:
        body = json.dumps({"cursor": laptop.cursor, "limit": 1000}).encode()
        page = post(client, laptop, "/sync/pull", body)
        for change in page["changes"]:
            values = change["values"]
            if "status" in values and change["record_id"] in laptop.status:
                laptop.status[change["record_id"]] = values["status"]
        laptop.cursor = page["cursor"]
        if not page["more"]:
            return


# --- report ------------------------------------------------------------------------------


def _share(cpu: float, seconds: float) -> str:
    return f"{100 * cpu / (seconds * (os.cpu_count() or 1)):.0f} %"


def _results(load: LoadResult) -> str:
    parts = [f"{count:,} {name}" for name, count in sorted(load.results.items())]
    odd = {status: count for status, count in load.statuses.items() if status != 200}
    parts += [f"{count:,}× HTTP {status}" for status, count in sorted(odd.items())]
    if load.not_sent:
        parts.append(f"{load.not_sent:,} pushes not sent by the deadline (saturated)")
    return ", ".join(parts)


def _batch_results(costs: list[dict[str, Any]]) -> str:
    """How many ops of the in-process batches had each result (the same mix for every
    server: the same counts, unless a server answers an op otherwise)."""
    counts: Counter[str] = Counter()
    for cost in costs:
        counts.update(cost["results"])
    return ", ".join(f"{count:,} {name}" for name, count in sorted(counts.items()))


def format_results(variants: Sequence[Variant], args: argparse.Namespace) -> list[str]:
    cores = os.cpu_count() or 1
    lines = [
        f"PostgreSQL, {args.workers} server processes; {args.laptops} laptops, "
        f"{args.batch}-op batches, {args.rate:,.0f} ops/s offered (Poisson) for "
        f"{args.duration:g} s, each push followed by pulls until up to date; CPU shares "
        f"of all {cores} cores:",
        "",
        "| server | push p50 | p95 | p99 | max | pull p50 | pull p95 | ops/s done | "
        "generator CPU | server CPU | PostgreSQL CPU | results |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for variant in variants:
        for load in variant.load:
            lines.append(
                f"| {variant.name} | {load.push_p50:,.0f} ms | {load.push_p95:,.0f} ms | "
                f"{load.push_p99:,.0f} ms | {load.push_max:,.0f} ms | {load.pull_p50:,.0f} ms | "
                f"{load.pull_p95:,.0f} ms | {load.ops_rate:,.0f} | "
                f"{_share(load.generator_cpu, load.seconds)} | "
                f"{_share(load.server_cpu, load.seconds)} | "
                f"{_share(load.database_cpu, load.seconds)} | {_results(load)} |"
            )
    if any(variant.saturation for variant in variants):
        lines += [
            "",
            f"Saturation: the same laptops push and pull back to back for {args.saturation:g} s:",
            "",
            "| server | ops/s done | push p50 | push p95 | generator CPU | server CPU | "
            "PostgreSQL CPU | results |",
            "|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for variant in variants:
            for load in variant.saturation:
                lines.append(
                    f"| {variant.name} | {load.ops_rate:,.0f} | {load.push_p50:,.0f} ms | "
                    f"{load.push_p95:,.0f} ms | {_share(load.generator_cpu, load.seconds)} | "
                    f"{_share(load.server_cpu, load.seconds)} | "
                    f"{_share(load.database_cpu, load.seconds)} | {_results(load)} |"
                )
    lines += [
        "",
        f"No-op sync (an empty push, then a pull that brings nothing), {args.noop_rounds} "
        "rounds one after another, one Bakel supporter's laptop:",
        "",
        "| server | requests the user sees | p50 | p95 |",
        "|---|---:|---:|---:|",
    ]
    for variant in variants:
        for p50, p95 in variant.noop:
            lines.append(
                f"| {variant.name} | {variant.noop_requests:,} | {p50:.1f} ms | {p95:.1f} ms |"
            )
    if any(variant.batches for variant in variants):
        lines += [
            "",
            f"In process: {args.in_process} batches of {args.batch} ops of the same mix, one "
            "after another, `push` called directly on the same PostgreSQL (body parsed, "
            "pushed, committed; no HTTP, no other push running); p50 (p95). Under the lock: "
            "from taking the sequence counter's lock to the commit, what runs one push at "
            "a time:",
            "",
            "| server | time per batch | statements per batch | time under the lock | "
            "statements under the lock | results |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for variant in variants:
            if not variant.batches:
                continue

            def figure(name: str, scale: float, unit: str, costs: list[dict[str, Any]]) -> str:
                values = [cost[name] * scale for cost in costs]
                p50, p95 = base.percentile(values, 0.5), base.percentile(values, 0.95)
                return f"{p50:,.0f}{unit} ({p95:,.0f}{unit})"

            costs = variant.batches
            lines.append(
                f"| {variant.name} | {figure('seconds', 1000, ' ms', costs)} | "
                f"{figure('statements', 1, '', costs)} | "
                f"{figure('locked_seconds', 1000, ' ms', costs)} | "
                f"{figure('locked_statements', 1, '', costs)} | {_batch_results(costs)} |"
            )
    notes = [f"{variant.name}: {note}" for variant in variants for note in variant.notes]
    if notes:
        lines += ["", "Notes: " + "; ".join(notes) + "."]
    return lines


def record(lines: Sequence[str]) -> None:
    text = README.read_text()
    start, end = text.index(RESULTS_START), text.index(RESULTS_END)
    body = "\n".join([*base.machine_lines(), "", *lines])
    README.write_text(text[: start + len(RESULTS_START)] + "\n\n" + body + "\n\n" + text[end:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync_load", description=__doc__)
    parser.add_argument("--baseline", type=Path, help="an earlier revision's source folder")
    parser.add_argument("--rate", type=float, default=1000.0, help="ops/s offered")
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--laptops", type=int, default=50)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests-each", type=int, default=4, help="working set per laptop")
    parser.add_argument(
        "--requests", type=int, default=20_000, help="demo requests for the no-op sync"
    )
    parser.add_argument("--saturation", type=float, default=15.0, help="seconds (0: skip)")
    parser.add_argument("--noop-rounds", type=int, default=200)
    parser.add_argument(
        "--in-process", type=int, default=20, help="batches pushed in process (0: none)"
    )
    parser.add_argument(
        "--profile", help="a cProfile of the in-process batches, to this file (.baseline, …)"
    )
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--record", action="store_true", help="write into bench/README.md")
    args = parser.parse_args(argv)
    os.environ.update(LIMITS_ENV)
    chosen: list[tuple[str, Path | None]] = []
    if args.baseline is not None:
        code = args.baseline.resolve()
        if not (code / "dorpsondersteuner" / "server").is_dir():
            parser.error(f"{args.baseline} holds no dorpsondersteuner/server")
        chosen.append(("baseline", code))
    chosen.append(("this revision", None))
    variants = []
    with tempfile.TemporaryDirectory(prefix="dorpsondersteuner-bench-sync-") as tmp:
        for name, code in chosen:
            print(f"{name}…", file=sys.stderr, flush=True)
            variants.append(measure_variant(name, code, args, Path(tmp)))
    lines = format_results(variants, args)
    print("\n".join(lines))
    print(f"\n{BARS}")
    if args.record:
        record(lines)
        print(f"\nrecorded in {README.relative_to(base.BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
