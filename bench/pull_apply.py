"""Pull-apply benchmark: the laptop writing one pulled page (``sync/apply.py``), in process.

    .venv/bin/python -m bench.pull_apply --register FILE --key FILE [--pages 12]
        [--before CHECKOUT]

It copies the register (and its key file) to a temporary folder, never touching the
originals, and applies pages of changes built the way the server's pull sends them
(``server/sync/pull.py``): numbered above every version the register holds, with a
clock value, through ``apply_changes`` in one transaction as the sync engine does
(``engine._apply``, its principal from the sync state), committed. Two kinds of page,
200 changes each:

- **question**: 100 edits of a request's question, each with its history entry (the
  incremental sync of issue 15);
- **mix**: 25 question edits, 25 new contacts, 25 new follow-ups and 25 edits of an
  existing contact's summary, each with its history entry.

Each page uses its own requests and words; after it, a search for its word must find
every request it edited (the index kept in step), outside the timing. With
``--before`` (a checkout of other code, e.g. ``git worktree add /tmp/before HEAD~1``)
the same pages are applied by that code to a second copy of the register, alternating
page by page in two long-lived processes, so both see the same load. The figures are
wall-clock milliseconds (p50 and p95 over ``--pages`` pages, the first page of each
kind a warm-up), with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("question", "mix")
# Changes per page: 100 records changed, each with its history entry.
RECORDS_PER_PAGE = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--register", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=12, help="timed pages of each kind")
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.register, args.key)
        return
    folder = Path(tempfile.mkdtemp(prefix="pull-apply-"))
    try:
        _compare(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _compare(args: argparse.Namespace, folder: Path) -> None:
    codes = {"now": ROOT}
    if args.before is not None:
        codes = {"before": args.before.resolve(), **codes}
    workers: dict[str, _Worker] = {}
    print(f"load average at the start: {_load()}")
    for label, root in codes.items():
        db = folder / f"{len(workers)}.db"
        key = folder / f"{len(workers)}.key"
        shutil.copyfile(args.register, db)
        shutil.copyfile(args.key, key)
        workers[label] = _Worker(root, db, key)
    try:
        times: dict[tuple[str, str], list[dict[str, float]]] = {}
        for page in range(args.pages + 1):
            labels = list(workers) if page % 2 == 0 else list(reversed(workers))
            for kind in KINDS:
                for label in labels:
                    answer = workers[label].apply(kind, page)
                    if page > 0:  # the first page of each kind warms up
                        times.setdefault((label, kind), []).append(answer)
        print(f"load average at the end: {_load()}")
        print()
        print(
            "| page (200 changes) | code | apply p50 | apply p95 | with commit p50 | per change |"
        )
        print("|---|---|---:|---:|---:|---:|")
        for kind in KINDS:
            for label in workers:
                rows = times[(label, kind)]
                apply_ms = sorted(row["apply_ms"] for row in rows)
                total_ms = [row["total_ms"] for row in rows]
                per_change = median(apply_ms) / rows[0]["changes"]
                print(
                    f"| {kind} | {label} | {median(apply_ms):,.1f} ms | "
                    f"{_p95(apply_ms):,.1f} ms | {median(total_ms):,.1f} ms | "
                    f"{per_change:.2f} ms |"
                )
        print(f"\n{args.pages} pages of each kind, each code on its own copy of the register.")
    finally:
        for worker in workers.values():
            worker.close()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


class _Worker:
    """A process applying pages with the code of ``root``, one page per request."""

    def __init__(self, root: Path, db: Path, key: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(root)}
        script = str(Path(__file__).resolve())
        self.process = subprocess.Popen(
            [sys.executable, script, "--worker", "--register", str(db), "--key", str(key)],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = self._answer()
        if Path(ready["code"]).resolve() != root.resolve() / "dorpsondersteuner":
            raise RuntimeError(f"the worker runs the code of {ready['code']}, not {root}")

    def apply(self, kind: str, page: int) -> dict[str, float]:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{kind} {page}\n")
        self.process.stdin.flush()
        return self._answer()

    def _answer(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the worker stopped")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


# --- The worker: runs with the code it was started with ----------------------------------


def _worker(db: Path, key_path: Path) -> None:
    import dorpsondersteuner
    from dorpsondersteuner.keys import unlock_with_password
    from dorpsondersteuner.register import open_register
    from dorpsondersteuner.server.admin import DEMO_PASSWORD

    register = open_register(db, unlock_with_password(key_path, DEMO_PASSWORD))
    pages = _Pages(register)
    print(json.dumps({"code": str(Path(dorpsondersteuner.__file__).parent)}), flush=True)
    for line in sys.stdin:
        kind, page = line.split()
        print(json.dumps(pages.apply(kind, int(page))), flush=True)
    register.close()


class _Pages:
    """Pages of changes for one register, the same for every copy of it."""

    def __init__(self, register: Any) -> None:
        from sqlalchemy import func, select

        from dorpsondersteuner.models import Contact, FieldVersion, HelpRequest
        from dorpsondersteuner.sync.engine import _principal, sync_state

        self.register = register
        with register.sessions() as session:
            self.principal = _principal(session, sync_state(session))
            self.first_seq = (session.scalar(select(func.max(FieldVersion.version))) or 0) + 1
            live = HelpRequest.deleted_at.is_(None) & HelpRequest.resident_id.is_not(None)
            self.requests = list(session.scalars(select(HelpRequest.id).where(live)))
            self.contacts = list(
                session.execute(
                    select(Contact.id, Contact.request_id)
                    .join(HelpRequest, HelpRequest.id == Contact.request_id)
                    .where(Contact.deleted_at.is_(None), live)
                )
            )
        self.requests.sort()
        self.contacts.sort()

    def apply(self, kind: str, page: int) -> dict[str, float]:
        from dorpsondersteuner.services.search import matching_request_ids
        from dorpsondersteuner.sync.apply import apply_changes
        from dorpsondersteuner.sync.engine import _principal, sync_state

        word = f"pagina{kind}{page}"
        changes, edited = self._changes(kind, page, word)
        start = time.perf_counter()
        with self.register.transaction() as session:
            batch = apply_changes(session, _principal(session, sync_state(session)), changes)
            applied = time.perf_counter()
        done = time.perf_counter()
        if batch.applied != len(changes) or batch.set_aside:
            raise RuntimeError(f"{batch.applied} of {len(changes)} applied: {batch.set_aside}")
        with self.register.sessions() as session:
            found = set(session.scalars(matching_request_ids(self.principal, word)))
        if found != edited:
            raise RuntimeError(f"search found {len(found)} of the {len(edited)} edited requests")
        return {
            "apply_ms": (applied - start) * 1000,
            "total_ms": (done - start) * 1000,
            "changes": len(changes),
        }

    def _changes(self, kind: str, page: int, word: str) -> tuple[list[Any], set[uuid.UUID]]:
        """The page's changes, numbered from a sequence number of its own, and the
        requests whose search words it changes."""
        from dorpsondersteuner.enums import ContactKind, EventKind
        from dorpsondersteuner.models import Contact, FollowUp, HistoryEvent
        from dorpsondersteuner.services.changes import record_fields
        from dorpsondersteuner.sync.hlc import HLC
        from dorpsondersteuner.sync.protocol import Change

        seq = self.first_seq + (KINDS.index(kind) * 1000 + page) * 1000
        device = uuid.UUID(int=page + 1)
        at = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
        user = self.principal.user_id
        changes: list[Change] = []
        edited: set[uuid.UUID] = set()

        def add(
            change_kind: str, entity: str, record_id: uuid.UUID, values: dict[str, Any]
        ) -> None:
            nonlocal seq
            hlc = HLC(int(at.timestamp() * 1000) + seq, 0, device).encode()
            changes.append(
                Change(
                    seq=seq,
                    kind=change_kind,  # type: ignore[arg-type]
                    entity=entity,
                    record_id=record_id,
                    values=values,
                    hlc=hlc,
                )
            )
            seq += 1

        def event(request_id: uuid.UUID, event_kind: EventKind, details: dict[str, Any]) -> None:
            record = HistoryEvent(
                id=uuid.uuid5(request_id, f"{word}-{seq}"), request_id=request_id, at=at,
                actor_id=user, device_id=device, kind=event_kind, reason="", details=details,
            )  # fmt: skip
            add("create", "history_events", record.id, record_fields(record))

        base = (KINDS.index(kind) * 10_000 + page * RECORDS_PER_PAGE) % len(self.requests)
        requests = (self.requests * 2)[base : base + RECORDS_PER_PAGE]
        questions = requests if kind == "question" else requests[:25]
        for request_id in questions:
            add("update", "help_requests", request_id, {"question": f"Boodschappen ({word})."})
            event(request_id, EventKind.EDITED, {"fields": ["question"]})
            edited.add(request_id)
        if kind == "mix":
            for request_id in requests[25:50]:
                contact = Contact(
                    id=uuid.uuid5(request_id, word), request_id=request_id,
                    kind=ContactKind.PHONE, contact_date=date(2026, 12, 1), minutes=10,
                    summary=f"Gebeld ({word})", professionals_only=False, author_id=user,
                    deleted_at=None,
                )  # fmt: skip
                add("create", "contacts", contact.id, record_fields(contact))
                event(request_id, EventKind.CONTACT_ADDED, {"contact": str(contact.id)})
                edited.add(request_id)
            for request_id in requests[50:75]:
                follow_up = FollowUp(
                    id=uuid.uuid5(request_id, word), request_id=request_id,
                    description=f"Terugbellen ({word})", due_on=date(2026, 12, 8),
                    done_on=None, assignee_id=user, deleted_at=None,
                )  # fmt: skip
                add("create", "follow_ups", follow_up.id, record_fields(follow_up))
                event(request_id, EventKind.FOLLOW_UP_ADDED, {"follow_up": str(follow_up.id)})
                edited.add(request_id)
            start = (page * 25) % len(self.contacts)
            for contact_id, request_id in (self.contacts * 2)[start : start + 25]:
                add("update", "contacts", contact_id, {"summary": f"Bezoek ({word})"})
                event(request_id, EventKind.CONTACT_EDITED, {"contact": str(contact_id)})
                edited.add(request_id)
        return changes, edited


if __name__ == "__main__":
    main()
