"""In process: what one push batch costs the server, without HTTP or other pushes.

    python bench/push_batch.py < batches.json > costs.json

Run by ``bench.sync_load`` as a script with the server's code first on ``PYTHONPATH``
(this checkout's, or an earlier revision's for a baseline). It reads ``{"url": ...,
"batches": [{"user_id", "device_id", "body"}], "profile": path or null}``, pushes each
batch in a transaction of its own as ``/sync/push`` does (the body parsed, ``push``,
the commit) and writes, per batch: seconds, statements sent, and the seconds and
statements from taking the sequence counter's lock to the commit (what runs one push
at a time), and how many ops had each result. With ``profile``, a cProfile of all
batches is written there.
"""

from __future__ import annotations

import cProfile
import json
import sys
import time
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from dorpsondersteuner.server.db import make_engine
from dorpsondersteuner.server.sync import changelog
from dorpsondersteuner.server.sync.push import push
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.sync.protocol import PushRequest


def main() -> None:
    job = json.load(sys.stdin)
    engine = make_engine(job["url"], pool_size=1, max_overflow=0)
    statements = [0]

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_: Any) -> None:
        statements[0] += 1

    locked: list[tuple[float, int]] = []  # when the counter was locked, statements then
    taking = changelog.Numbering.locked.__func__  # type: ignore[attr-defined]

    def locked_now(cls: type, session: Session, *args: Any) -> Any:
        locked.append((time.perf_counter(), statements[0]))
        return taking(cls, session, *args)

    changelog.Numbering.locked = classmethod(locked_now)  # type: ignore[method-assign,assignment]
    profiler = cProfile.Profile() if job.get("profile") else None
    costs = []
    for batch in job["batches"]:
        with Session(engine) as session:
            principal = load_principal(session, uuid.UUID(batch["user_id"]))
            session.commit()
            locked.clear()
            before, started = statements[0], time.perf_counter()
            if profiler:
                profiler.enable()
            body = PushRequest.model_validate_json(batch["body"])
            results = push(session, principal, uuid.UUID(batch["device_id"]), body.ops)
            session.commit()
            if profiler:
                profiler.disable()
            ended = time.perf_counter()
        lock_at, lock_statements = locked[0] if locked else (ended, statements[0])
        costs.append(
            {
                "seconds": ended - started,
                "statements": statements[0] - before,
                "locked_seconds": ended - lock_at,
                "locked_statements": statements[0] - lock_statements,
                "results": dict(Counter(result.result.value for result in results)),
            }
        )
    if profiler:
        profiler.dump_stats(job["profile"])
    json.dump(costs, sys.stdout)


if __name__ == "__main__":
    main()
