"""No reader ever skips a change (rule 3): two server processes on one database take
pushes from several laptops at once while a reader pulls in a loop, from either
process, in small pages; the reader's pages, concatenated, hold every change exactly
once. On PostgreSQL a plain sequence would let the reader pass a number whose
transaction had not committed yet; the counter's lock is what this proves."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import select

from dorpsondersteuner.server.db import make_engine
from dorpsondersteuner.server.models import ChangeLogEntry

from ..conftest import Databases, bearer, run_cli
from ..serving import serve
from .conftest import new_laptop
from .test_push_pull import intake

WRITERS = ("ingrid", "jos", "ingrid", "jos")
INTAKES = 6


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
        reader = new_laptop(tmp_path / "r.db", laptop_template, clients[0], engine, "ingrid")
        pushed: list[uuid.UUID] = []
        failures: list[BaseException] = []
        done = threading.Event()

        def write(laptop) -> None:
            try:
                for _ in range(INTAKES):
                    intake(laptop, name=f"Gelijktijdig{uuid.uuid4().hex[:4]}")
                    ops = laptop.unsent()
                    laptop.push()
                    pushed.extend(op.op_id for op in ops)
            except BaseException as error:  # reported below, not lost in a thread
                failures.append(error)

        received: Counter[int] = Counter()

        def read_once(n: int, cursor: str | None) -> tuple[str, bool]:
            answer = clients[n % 2].post(
                "/sync/pull",
                json={"cursor": cursor, "limit": 7},
                headers=bearer(reader.token),
            )
            if answer.status_code == 429:
                return cursor or "", True
            assert answer.status_code == 200, answer.text
            page = answer.json()
            received.update(c["seq"] for c in page["changes"] if c["hlc"] is not None)
            return page["cursor"], page["more"]

        threads = [threading.Thread(target=write, args=(laptop,)) for laptop in writers]
        for thread in threads:
            thread.start()
        cursor: str | None = None
        n = 0
        while any(thread.is_alive() for thread in threads):
            cursor, _ = read_once(n, cursor)
            n += 1
        for thread in threads:
            thread.join()
        done.set()
        more = True
        while more:  # the rest, after the last push
            cursor, more = read_once(n, cursor)
            n += 1
        assert not failures, failures

        with engine.connect() as connection:
            logged = connection.execute(
                select(ChangeLogEntry.seq).where(ChangeLogEntry.op_id.in_(pushed))
            ).scalars()
            expected = set(logged)
        assert len(pushed) == len(WRITERS) * INTAKES * 3  # resident, request, history
        assert expected and expected <= set(received), sorted(expected - set(received))[:10]
        assert [seq for seq, count in received.items() if count > 1] == []
        assert n > 10  # the reader really read while the writers wrote
        for client in clients:
            client.close()
        for laptop in [*writers, reader]:
            laptop.close()
        engine.dispose()
