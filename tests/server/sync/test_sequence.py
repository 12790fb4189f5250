"""No reader ever skips a change (rule 3): two server processes on one database take
pushes from several laptops at once while a reader pulls in a loop, from either
process, in small pages; the reader's pages, concatenated, hold every change exactly
once. On PostgreSQL a plain sequence would let the reader pass a number whose
transaction had not committed yet; the counter's lock is what this proves. A push
numbers its changes last, after its ops are applied, and writes them after that: the
slow pushes here (many records at once) keep that moment long, so numbers committed
apart from their rows would be passed by the reader.

Pushes run side by side where they touch different requests: concurrent steps on one
request still each apply on the state the one before left."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import select

from dorpsondersteuner.clock import now_ms, now_utc, today
from dorpsondersteuner.server.db import make_engine
from dorpsondersteuner.server.models import ChangeLogEntry
from dorpsondersteuner.sync.hlc import HLC
from dorpsondersteuner.sync.protocol import Op, OpResult, RejectReason

from ..conftest import Databases, bearer, run_cli
from ..serving import serve
from .conftest import Laptop, new_laptop
from .test_push_pull import intake

WRITERS = ("ingrid", "jos", "ingrid", "jos")
INTAKES = 4
# Slow pushes, alongside: this many of them, each of this many contacts.
BULK_PUSHES, BULK_CONTACTS = 3, 100
# Readers' page sizes: small pages, and one that keeps up, so it is at the newest
# number whenever a push commits.
PAGES = (7, 500)


def _op(laptop: Laptop, kind: str, record_id: uuid.UUID, payload: dict, counter: int) -> Op:
    """An op as the laptop records it."""
    return Op.model_validate(
        {
            "op_id": uuid.uuid4(),
            "kind": kind,
            "entity": "contacts" if kind == "create" else "help_requests",
            "record_id": record_id,
            "payload": payload,
            "hlc": HLC(now_ms(), counter, laptop.device_id).encode(),
            "user_id": laptop.user_id,
            "device_id": laptop.device_id,
        }
    )


def _contacts(laptop: Laptop, request_id: uuid.UUID, count: int) -> list[Op]:
    ops = []
    for n in range(count):
        contact_id = uuid.uuid4()
        contact = {
            "id": str(contact_id),
            "request_id": str(request_id),
            "kind": "phone",
            "contact_date": today().isoformat(),
            "minutes": 10,
            "summary": f"Gebeld ({n})",
            "professionals_only": False,
            "author_id": str(laptop.user_id),
        }
        ops.append(_op(laptop, "create", contact_id, contact, n))
    return ops


def test_concurrent_pushes_on_two_processes_never_let_a_reader_skip_a_change(
    databases: Databases, laptop_template: Path, tmp_path: Path
) -> None:
    database_url = databases.new_url()
    with (
        serve(database_url, tmp_path / "a.log") as first,
        serve(database_url, tmp_path / "b.log") as second,
    ):
        loaded = run_cli("admin", "load-demo", database_url=database_url)
        assert loaded.returncode == 0, loaded.stderr
        engine = make_engine(database_url)
        urls = [first.url, second.url]
        clients = [httpx.Client(base_url=url, timeout=60) for url in urls]
        writers = [
            new_laptop(tmp_path / f"w{n}.db", laptop_template, clients[n % 2], engine, name)
            for n, name in enumerate(WRITERS)
        ]
        readers = [
            new_laptop(tmp_path / f"r{n}.db", laptop_template, clients[n], engine, "ingrid")
            for n in range(len(PAGES))
        ]
        bulk = new_laptop(tmp_path / "b.db", laptop_template, clients[1], engine, "ingrid")
        bulk_request = intake(bulk, name="Veelgebeld")
        bulk.push()
        pushed: list[uuid.UUID] = []
        failures: list[BaseException] = []

        def write(laptop: Laptop) -> None:
            try:
                for _ in range(INTAKES):
                    intake(laptop, name=f"Gelijktijdig{uuid.uuid4().hex[:4]}")
                    ops = laptop.unsent()
                    laptop.push()
                    pushed.extend(op.op_id for op in ops)
            except BaseException as error:  # reported below, not lost in a thread
                failures.append(error)

        def write_slowly() -> None:
            try:
                for _ in range(BULK_PUSHES):
                    ops = _contacts(bulk, bulk_request, BULK_CONTACTS)
                    results = bulk.push_ops(ops)
                    assert {result.result for result in results} == {OpResult.APPLIED}
                    pushed.extend(op.op_id for op in ops)
            except BaseException as error:
                failures.append(error)

        received = [Counter[int]() for _ in PAGES]
        pulls = [0 for _ in PAGES]
        during = [0 for _ in PAGES]  # pulls made while some writer still wrote

        def read_once(index: int, cursor: str | None) -> tuple[str | None, bool]:
            """A page for reader ``index``, from either process in turn."""
            pulls[index] += 1
            answer = clients[pulls[index] % 2].post(
                "/sync/pull",
                json={"cursor": cursor, "limit": PAGES[index]},
                headers=bearer(readers[index].token),
            )
            if answer.status_code == 429:
                return cursor, True
            assert answer.status_code == 200, answer.text
            page = answer.json()
            received[index].update(c["seq"] for c in page["changes"] if c["hlc"] is not None)
            return page["cursor"], page["more"]

        def read(index: int) -> None:
            try:
                cursor: str | None = None
                while any(thread.is_alive() for thread in threads):
                    cursor, _ = read_once(index, cursor)
                    during[index] += 1
                more = True
                while more:  # the rest, after the last push
                    cursor, more = read_once(index, cursor)
            except BaseException as error:
                failures.append(error)

        threads = [threading.Thread(target=write, args=(laptop,)) for laptop in writers]
        threads.append(threading.Thread(target=write_slowly))
        reading = [threading.Thread(target=read, args=(index,)) for index in range(len(PAGES))]
        for thread in [*threads, *reading]:
            thread.start()
        for thread in [*threads, *reading]:
            thread.join()
        assert not failures, failures

        with engine.connect() as connection:
            logged = connection.execute(
                select(ChangeLogEntry.seq).where(ChangeLogEntry.op_id.in_(pushed))
            ).scalars()
            expected = set(logged)
        # Resident, request and history of each intake; the contacts.
        assert len(pushed) == len(WRITERS) * INTAKES * 3 + BULK_PUSHES * BULK_CONTACTS
        for seen in received:
            assert expected and expected <= set(seen), sorted(expected - set(seen))[:10]
            assert [seq for seq, count in seen.items() if count > 1] == []
        # The readers really read while the writers wrote: each at least once (a reader
        # of large pages may take the whole push phase for one), the small pages often.
        assert min(during) >= 1 and max(during) > 3, during
        for client in clients:
            client.close()
        for laptop in [*writers, *readers, bulk]:
            laptop.close()
        engine.dispose()


# Steps each device takes on one request, alternately "waiting" and "resumed".
STEP_ROUNDS = 8


def _step(laptop: Laptop, request_id: uuid.UUID, waiting: bool, counter: int) -> Op:
    """A step op as the laptop records it, taken on the state it expects."""
    step = {
        "step": "wait" if waiting else "resume",
        "expect": {"level": "village", "status": "open" if waiting else "waiting"},
        "event_id": str(uuid.uuid4()),
        "at": now_utc().isoformat(),
    }
    return _op(laptop, "step", request_id, step, counter)


def test_concurrent_steps_on_one_request_each_apply_on_the_state_they_were_taken_on(
    databases: Databases, laptop_template: Path, tmp_path: Path
) -> None:
    """Two devices of the owner take steps on one request at once, through two server
    processes: in the order the server numbered them, each applied step was taken on
    the state the one before it left (pushes lock the rows of the requests they touch
    before they read them, so none applies on a state another is changing)."""
    database_url = databases.new_url()
    with (
        serve(database_url, tmp_path / "a.log") as first,
        serve(database_url, tmp_path / "b.log") as second,
    ):
        loaded = run_cli("admin", "load-demo", database_url=database_url)
        assert loaded.returncode == 0, loaded.stderr
        engine = make_engine(database_url)
        clients = [httpx.Client(base_url=process.url, timeout=60) for process in (first, second)]
        devices = [
            new_laptop(tmp_path / f"d{n}.db", laptop_template, clients[n], engine, "ingrid")
            for n in range(2)
        ]
        request_id = intake(devices[0], name="Tegelijk")
        devices[0].push()
        applied: list[tuple[int, bool]] = []  # (number, waiting) of each applied step
        failures: list[BaseException] = []

        def take_steps(laptop: Laptop) -> None:
            try:
                for n in range(STEP_ROUNDS):
                    waiting = n % 2 == 0
                    (result,) = laptop.push_ops([_step(laptop, request_id, waiting, n)])
                    if result.result is OpResult.APPLIED:
                        assert result.seq is not None
                        applied.append((result.seq, waiting))
                    else:
                        assert result.reason is RejectReason.STALE, result
            except BaseException as error:  # reported below, not lost in a thread
                failures.append(error)

        threads = [threading.Thread(target=take_steps, args=(laptop,)) for laptop in devices]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not failures, failures
        waiting_now = False
        for _, waiting in sorted(applied):
            assert waiting != waiting_now, sorted(applied)
            waiting_now = waiting
        assert len(applied) >= 2
        for client in clients:
            client.close()
        for laptop in devices:
            laptop.close()
        engine.dispose()
