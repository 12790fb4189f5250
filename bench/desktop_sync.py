"""Desktop sync benchmark: a laptop's syncs through the engine and in the window.

    .venv/bin/python -m bench.desktop_sync [--requests 100000] [--server-db FILE]
        [--runs 2] [--rounds 20] [--changes 100] [--new 10000] [--edited 1000]
        [--window-edits 5000] [--noop-rounds 30] [--baseline-limit 60] [--record]
    .venv/bin/python -m bench.desktop_sync --quick      # a quick look

It starts the real server (``serve``, one process, on SQLite; production settings but
for the sync rate limits, off so the bench measures work rather than waiting), loads
the demo municipality (``admin load-demo --requests N``; ``--server-db FILE`` keeps the
loaded database there and starts each later run from a copy of it), and then, for the
Bakel supporter ``ingrid``, with real registers made by ``connect``'s own code:

1. **first sync**: from signing in to the whole list loaded and a request opened (the
   snapshot's import committed), and to a search answered (the search index built),
   through the engine's first sync; ``--runs`` new laptops. Baselines in the same run:
   the snapshot's own steps without the engine (cut, download, import, search index),
   and pulling pages from no cursor, as before snapshots (until ``--baseline-limit``).
2. **incremental sync**: ``--rounds`` times, ``--changes`` edits made on her other
   laptop, then one sync pulling them; and as many edits made here, one sync pushing
   them. Baseline: the no-op sync of the same laptop in the same round.
3. **bulk**: ``--new`` intakes (resident, request, history) and ``--edited`` edits of
   earlier requests on one laptop: its sync pushing them, and the other laptop's sync
   pulling them. Baseline: the same rows inserted into an empty copy of their tables,
   with ``executemany`` in one transaction, in an encrypted file (as a register is)
   and in a plain SQLite file.
4. **no-op sync in the window**: the real ``MainWindow`` with its ``SyncController``
   (offscreen) on the first laptop's register: "Nu synchroniseren" to the sync's end,
   ``--noop-rounds`` times. Baselines: the engine's no-op sync without a window, and
   the one HTTP pull it makes.
5. **GUI-thread stall**: a 5 ms timer on the GUI thread records the gaps between its
   ticks while the window's background sync pulls ``--window-edits`` edits (two changes
   each: the field and its history entry) and the open views refresh. Baseline: the
   same timer in the same window with no sync, for as long.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from statistics import median
from typing import Any, TypeVar

from bench import server as base

T = TypeVar("T")

RESULTS_START = "<!-- desktop-sync-results:start -->"
RESULTS_END = "<!-- desktop-sync-results:end -->"
USER = "ingrid"
PAGE = 50
TICK_MS = 5
# The program waits DEFAULT_TIMEOUT (30 s) for an answer; a snapshot cut of a large scope
# on a busy server can take longer, and the bench measures it rather than fail.
ANSWER_TIMEOUT_S = 900.0
WAIT_S = 1800.0
QUICK = {  # a quick look: every figure, on a small server
    "requests": 50,
    "runs": 2,
    "rounds": 2,
    "changes": 5,
    "new": 10,
    "edited": 3,
    "window_edits": 10,
    "noop_rounds": 3,
    "baseline_limit": 1.0,
}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def pct(samples: Sequence[float], fraction: float) -> float:
    return base.percentile(samples, fraction)


# --- the server -------------------------------------------------------------------------


def loaded_server_db(path: Path, requests: int) -> float:
    """A SQLite server database with the demo municipality; seconds it took to load."""
    url = f"sqlite:///{path}"
    start = time.perf_counter()
    base.server_admin("migrate", "--database-url", url)
    base.server_admin("admin", "load-demo", "--requests", str(requests), "--database-url", url)
    return time.perf_counter() - start


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file (its WAL included), migrated to this
    program's schema (a kept database may be older)."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    base.server_admin("migrate", "--database-url", f"sqlite:///{target}")


# --- headless laptops -------------------------------------------------------------------


@dataclass
class Laptop:
    """One of the user's laptops: a data folder with the register ``connect`` made."""

    data: Path
    url: str
    key: bytes
    user_id: uuid.UUID

    @property
    def path(self) -> Path:
        from dorpsondersteuner import cli
        from dorpsondersteuner.paths import REGISTER_NAME

        return cli.user_folder(self.data, USER) / REGISTER_NAME

    @contextlib.contextmanager
    def register(self) -> Iterator[Any]:
        from dorpsondersteuner.register import open_register

        register = open_register(self.path, self.key)
        try:
            yield register
        finally:
            register.close()

    def sync(self) -> tuple[Any, float]:
        """One sync through the engine (what ``dorpsondersteuner sync`` and the
        window's background sync run): its report and its seconds (the register already
        open, as in the program)."""
        from dorpsondersteuner.sync.client import SyncClient
        from dorpsondersteuner.sync.engine import sync, sync_state

        with self.register() as register:
            with register.sessions() as session:
                token = sync_state(session).token
            with SyncClient(self.url, token) as client:
                start = time.perf_counter()
                report = sync(register, client)
                return report, time.perf_counter() - start

    def work(self, action: Callable[..., T], items: Sequence[Any], batch: int = 500) -> list[T]:
        """``action(session, principal, item)`` for each item, as the forms do, in
        transactions of ``batch``."""
        from dorpsondersteuner.services.access import load_principal

        done: list[T] = []
        with self.register() as register:
            for start in range(0, len(items), batch):
                with register.transaction() as session:
                    who = load_principal(session, self.user_id)
                    done += [action(session, who, item) for item in items[start : start + batch]]
        return done

    def intakes(self, count: int, tag: str) -> list[uuid.UUID]:
        from sqlalchemy import select

        from dorpsondersteuner.clock import today
        from dorpsondersteuner.models import Area
        from dorpsondersteuner.models.enums import LifeDomain
        from dorpsondersteuner.services import workflow
        from dorpsondersteuner.services.residents import ResidentInput
        from dorpsondersteuner.services.workflow import IntakeInput

        with self.register() as register, register.sessions() as session:
            area_id = session.scalars(select(Area.id).where(Area.code == "BAK")).one()

        def intake(session: Any, who: Any, number: int) -> uuid.UUID:
            return workflow.register_request(
                session,
                who,
                IntakeInput(
                    f"Kan na een val niet meer zelf boodschappen doen ({tag} {number}).",
                    LifeDomain.CARE,
                    today() - timedelta(days=1),
                ),
                new_resident=ResidentInput(
                    first_name="Truus",
                    last_name=f"Bench{number}",
                    area_id=area_id,
                    street="Kerkstraat",
                    house_number=str(number % 200 + 1),
                    postcode="5761 AB",
                    place="Bakel",
                ),
            )

        return self.work(intake, list(range(count)))

    def edits(self, request_ids: Sequence[uuid.UUID], tag: str) -> None:
        from dorpsondersteuner.services.workflow import edit_request

        def edit(session: Any, who: Any, request_id: uuid.UUID) -> bool:
            question = f"Boodschappen en de apotheek ({tag})."
            return edit_request(session, who, request_id, question=question)

        assert all(self.work(edit, request_ids))


def new_laptop_first_sync(url: str, folder: Path) -> tuple[Laptop, FirstSync]:
    """``connect``'s sign-in and new register, then the engine's first sync, with the
    moments the list is usable and search is ready."""
    from dorpsondersteuner import cli
    from dorpsondersteuner.paths import REGISTER_NAME
    from dorpsondersteuner.register import open_register
    from dorpsondersteuner.server.admin import DEMO_PASSWORD
    from dorpsondersteuner.services.access import load_principal
    from dorpsondersteuner.services.lists import (
        RequestFilter,
        SortKey,
        request_detail,
        request_ids,
        request_rows,
    )
    from dorpsondersteuner.sync.client import SyncClient
    from dorpsondersteuner.sync.engine import sync, sync_state

    marks: dict[str, float] = {}
    found: dict[str, int] = {}
    start = time.perf_counter()
    with SyncClient(url, timeout=ANSWER_TIMEOUT_S) as client:
        folder_made, key = cli.sign_in_and_make(client, url, USER, folder, DEMO_PASSWORD)
        marks["signed_in"] = time.perf_counter() - start
        register = open_register(folder_made / REGISTER_NAME, key)
        try:
            with register.sessions() as session:
                user_id = sync_state(session).user_id

            def changed(_changes: object) -> None:
                if "usable" in marks:
                    return
                marks["imported"] = time.perf_counter() - start
                # What the user does first: the whole list, sorted two ways, and a request.
                with register.sessions() as session:
                    who = load_principal(session, user_id)
                    ids = request_ids(session, who, RequestFilter())
                    request_rows(session, who, ids[:PAGE])
                    by_resident = request_ids(session, who, RequestFilter(), SortKey.RESIDENT)
                    request_rows(session, who, by_resident[:PAGE])
                    request_detail(session, who, ids[0])
                found["requests"] = len(ids)
                marks["usable"] = time.perf_counter() - start

            def db(work: Callable[[], T]) -> T:
                after_usable = "usable" in marks
                result = work()
                if after_usable and "search" not in marks:  # the search index was built
                    with register.sessions() as session:
                        who = load_principal(session, user_id)
                        hits = request_ids(session, who, RequestFilter(text="jansen"))
                        request_rows(session, who, hits[:PAGE])
                    found["hits"] = len(hits)
                    marks["search"] = time.perf_counter() - start
                return result

            report = sync(register, client, changed=changed, db=db)
            marks["done"] = time.perf_counter() - start
        finally:
            register.close()
    if not report.snapshot or "search" not in marks:
        raise RuntimeError(f"the first sync was not the server's snapshot: {report}")
    laptop = Laptop(folder, url, key, user_id)
    return laptop, FirstSync(
        marks["signed_in"],
        marks["imported"],
        marks["usable"],
        marks["search"],
        marks["done"],
        found["requests"],
        report.received,
        report.checksum or "not compared",
    )


@dataclass
class FirstSync:
    signed_in: float
    imported: float
    usable: float
    search: float
    done: float
    requests: int
    received: int
    checksum: str


# --- 3: the same rows inserted directly -------------------------------------------------

BULK_TABLES = ("residents", "help_requests", "history_events")


def direct_inserts(laptop: Laptop, records: dict[str, set[uuid.UUID]], folder: Path) -> Direct:
    """The rows ``records`` names, read from the laptop's register, inserted into an
    empty copy of their tables (with their indexes), encrypted and plain: seconds each."""
    import secrets

    from dorpsondersteuner.rawdb import connect_raw

    source = connect_raw(laptop.path, laptop.key, read_only=True)
    try:
        schema = [
            sql
            for (sql,) in source.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name IN (?, ?, ?) AND sql IS NOT NULL "
                "AND type IN ('table', 'index') ORDER BY type DESC",
                BULK_TABLES,
            )
        ]
        rows: dict[str, list[tuple[Any, ...]]] = {}
        for table in BULK_TABLES:
            ids = [record.hex for record in records.get(table, ())]
            rows[table] = []
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                rows[table] += source.execute(
                    f"SELECT * FROM {table} WHERE id IN ({marks})", chunk
                ).fetchall()
            if len(rows[table]) != len(ids):
                raise RuntimeError(f"{table}: {len(rows[table])} rows for {len(ids)} ids")
    finally:
        source.close()

    def insert(connection: Any) -> float:
        for statement in schema:
            connection.execute(statement)
        connection.commit()
        start = time.perf_counter()
        connection.execute("BEGIN")
        for table, values in rows.items():
            if values:
                marks = ", ".join("?" * len(values[0]))
                connection.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
        connection.commit()
        seconds = time.perf_counter() - start
        connection.close()
        return seconds

    encrypted = connect_raw(folder / f"direct-{uuid.uuid4().hex}.db", secrets.token_bytes(32))
    encrypted.execute("PRAGMA journal_mode = WAL")
    plain = sqlite3.connect(folder / f"direct-{uuid.uuid4().hex}.db", isolation_level=None)
    plain.execute("PRAGMA journal_mode = WAL")
    return Direct(sum(len(values) for values in rows.values()), insert(encrypted), insert(plain))


@dataclass
class Direct:
    rows: int
    encrypted: float
    plain: float


# --- 4 and 5: the window ----------------------------------------------------------------


def wait_for(condition: Callable[[], bool], timeout: float = WAIT_S) -> None:
    """Run the event loop until ``condition`` holds (checked every 10 ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    poll = QTimer(interval=10)

    def check() -> None:
        if condition():
            loop.quit()

    poll.timeout.connect(check)
    guard = QTimer(singleShot=True)
    guard.timeout.connect(loop.quit)
    poll.start()
    guard.start(int(timeout * 1000))
    loop.exec()
    poll.stop()
    guard.stop()
    if not condition():
        raise TimeoutError("the window did not get there in time")


class Ticks:
    """A timer on the GUI thread every ``TICK_MS``: the gaps between its ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self._last = 0.0
        self._timer = QTimer(interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        self.gaps.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> list[float]:
        self._timer.stop()
        self._tick()  # the stretch since the last tick counts too
        return list(self.gaps)


@dataclass
class Window:
    noop: list[float] = field(default_factory=list)
    pull_seconds: float = 0.0
    pull_received: int = 0
    pull_gaps: list[float] = field(default_factory=list)
    idle_gaps: list[float] = field(default_factory=list)
    rows_after: int = 0


def window_runs(laptop: Laptop, other: Laptop, args: argparse.Namespace, result: Result) -> None:
    """4 and 5 in the real window on ``laptop``'s register; ``other`` makes the edits."""
    from PySide6.QtWidgets import QApplication

    from dorpsondersteuner.server.admin import DEMO_PASSWORD
    from dorpsondersteuner.ui.app import Desktop, Options
    from dorpsondersteuner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    desktop = Desktop(window, Options(data_dir=laptop.data, demo=False))
    window.show()
    figures = result.window
    try:
        wait_for(lambda: desktop.start_page is not None)
        desktop.open_real(USER, DEMO_PASSWORD)

        def synced() -> bool:
            sync = desktop.sync
            return (
                desktop.work is not None
                and sync is not None
                and not sync.running
                and sync.overview is not None
                and sync.overview.last_sync_at is not None
                and not desktop.tasks.busy  # type: ignore[union-attr]
            )

        wait_for(synced)
        sync = desktop.sync
        assert sync is not None
        ended: list[tuple[float, object]] = []
        sync.finished.connect(lambda outcome: ended.append((time.perf_counter(), outcome)))

        def one_sync() -> float:
            """Nu synchroniseren, to the sync's end on the GUI thread."""
            ended.clear()
            start = time.perf_counter()
            sync.sync_now()
            wait_for(lambda: bool(ended))
            moment, outcome = ended[0]
            if isinstance(outcome, BaseException):
                raise RuntimeError("the window's sync failed") from outcome
            wait_for(synced)  # the status bar's counts read again; nothing left queued
            return moment - start

        for _ in range(2):  # warm up: the network worker started, the connection made
            one_sync()
        if 4 in args.parts:
            figures.noop = [one_sync() for _ in range(args.noop_rounds)]
            say(f"  window no-op p50 {ms(median(figures.noop))}")

        if 5 not in args.parts:
            return
        # 5: edits on the other laptop, sent; then the window pulls them.
        ids = result.bulk_ids[: args.window_edits]
        other.edits(ids, "window")
        report, seconds = other.sync()
        result.window_push = (report.sent, seconds)
        ticks = Ticks()
        ticks.start()
        start = time.perf_counter()
        one_sync()
        figures.pull_gaps = ticks.stop()
        figures.pull_seconds = time.perf_counter() - start
        last = sync.last_report
        figures.pull_received = int(getattr(last, "received", 0))
        idle_for = max(figures.pull_seconds, 2.0)
        ticks.start()
        _idle(idle_for)
        figures.idle_gaps = ticks.stop()
        work = desktop.work
        figures.rows_after = work.model.rowCount() if work is not None else 0
    finally:
        desktop.shutdown()
        window.close()
        app.processEvents()


def _idle(seconds: float) -> None:
    """The event loop running with nothing else to do, for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


# --- one run ----------------------------------------------------------------------------


@dataclass
class Result:
    requests: int = 0
    load_seconds: float | None = None
    first: list[FirstSync] = field(default_factory=list)
    snapshot: Any = None  # bench.snapshot.SnapshotRun
    pages: Any = None  # bench.snapshot.Baseline
    pulled: list[float] = field(default_factory=list)
    pushed: list[float] = field(default_factory=list)
    idle: list[float] = field(default_factory=list)
    bulk_made: float = 0.0
    bulk_ops: int = 0
    bulk_push: float = 0.0
    bulk_pull: float = 0.0
    bulk_received: int = 0
    direct: Direct | None = None
    bulk_ids: list[uuid.UUID] = field(default_factory=list)
    engine_noop: list[float] = field(default_factory=list)
    http_noop: list[float] = field(default_factory=list)
    window: Window = field(default_factory=Window)
    window_push: tuple[int, float] = (0, 0.0)
    load_average: str = ""


def say(text: str) -> None:
    print(f"  {text}", file=sys.stderr, flush=True)


def measure(args: argparse.Namespace, folder: Path) -> Result:
    from bench import snapshot as snapshot_bench

    result = Result(requests=args.requests)
    database = folder / "server.db"
    if args.server_db is not None and Path(args.server_db).exists():
        say(f"server database: a copy of {args.server_db}")
        copy_database(Path(args.server_db), database)
    else:
        say(f"loading {args.requests:,} requests…")
        target = Path(args.server_db) if args.server_db else database
        result.load_seconds = loaded_server_db(target, args.requests)
        if target != database:
            copy_database(target, database)
    with base.running_server(f"sqlite:///{database}", 1, folder) as server:
        # 1: first syncs, then the baselines.
        laptops: list[Laptop] = []
        for run in range(max(args.runs, 2)):  # two laptops at least: she has two
            say(f"first sync, laptop {run + 1}…")
            laptop, first = new_laptop_first_sync(server.url, folder / f"laptop-{run + 1}")
            laptops.append(laptop)
            result.first.append(first)
            say(
                f"  usable {first.usable:.2f} s, search {first.search:.2f} s, "
                f"done {first.done:.2f} s ({first.requests:,} requests)"
            )
        here, other = laptops[0], laptops[1]
        if 1 in args.parts:
            say("baseline: the snapshot's steps without the engine…")
            result.snapshot = snapshot_bench.snapshot_run(server.url, USER, folder)
            if args.baseline_limit > 0:
                say("baseline: pulling pages from no cursor…")
                result.pages = snapshot_bench.baseline_run(
                    server.url, USER, folder, args.baseline_limit
                )
        if 3 in args.parts:
            bulk(here, other, args, result, folder)
        if 2 in args.parts:
            incremental(here, other, args, result)
        if 4 in args.parts:
            say("no-op baselines…")
            for _ in range(2):
                other.sync()
            result.engine_noop = [other.sync()[1] for _ in range(args.noop_rounds)]
            result.http_noop = _http_pulls(other, args.noop_rounds)
        if 5 in args.parts:
            requests_made(here, other, result, args.window_edits)
        if 4 in args.parts or 5 in args.parts:
            say("window…")
            window_runs(here, other, args, result)
        log = server.log_path.read_text(errors="replace")
        if "Traceback" in log:
            print(log[log.index("Traceback") :][:4000], file=sys.stderr)
            raise RuntimeError("the server log shows a traceback")
    result.load_average = " ".join(f"{value:.1f}" for value in os.getloadavg())
    return result


def requests_made(here: Laptop, other: Laptop, result: Result, count: int) -> list[uuid.UUID]:
    """``count`` requests both laptops hold: the bulk's, else new intakes, synced."""
    if len(result.bulk_ids) < count:
        result.bulk_ids += other.intakes(count - len(result.bulk_ids), "more")
        other.sync()
        here.sync()
    return result.bulk_ids[:count]


def bulk(
    here: Laptop, other: Laptop, args: argparse.Namespace, result: Result, folder: Path
) -> None:
    """3: intakes and edits made on ``other``, pushed there, pulled ``here``."""
    say(f"bulk: {args.edited:,} intakes to edit later, synced…")
    earlier = other.intakes(args.edited, "earlier")
    other.sync()
    here.sync()
    say(f"bulk: {args.new:,} intakes and {args.edited:,} edits…")
    start = time.perf_counter()
    result.bulk_ids += other.intakes(args.new, "bulk")
    other.edits(earlier, "bulk")
    result.bulk_made = time.perf_counter() - start
    records = _pending_records(other)
    report, result.bulk_push = other.sync()
    result.bulk_ops = report.sent
    if report.sent != report.applied or report.unsent:
        raise RuntimeError(f"the bulk push was not applied whole: {report}")
    report, result.bulk_pull = here.sync()
    result.bulk_received = report.received
    say(f"  push {result.bulk_push:.1f} s, pull {result.bulk_pull:.1f} s")
    result.direct = direct_inserts(here, records, folder)


def incremental(here: Laptop, other: Laptop, args: argparse.Namespace, result: Result) -> None:
    """2: edits made on ``other`` pulled ``here``; edits made ``here`` pushed."""
    targets = requests_made(here, other, result, args.changes)
    say(f"incremental: {args.rounds} rounds of {args.changes} edits each way…")
    for round_number in range(args.rounds):
        other.edits(targets, f"there {round_number}")
        other.sync()
        report, seconds = here.sync()
        if report.received < args.changes:
            raise RuntimeError(f"the pull brought {report.received} changes")
        result.pulled.append(seconds)
        here.edits(targets, f"here {round_number}")
        report, seconds = here.sync()
        if report.applied < args.changes:
            raise RuntimeError(f"the push applied {report.applied} ops")
        result.pushed.append(seconds)
        report, seconds = here.sync()
        result.idle.append(seconds)
        pulled, pushed = ms(result.pulled[-1]), ms(result.pushed[-1])
        say(f"  round {round_number + 1}: pull {pulled}, push {pushed}")
    other.sync()


def _pending_records(laptop: Laptop) -> dict[str, set[uuid.UUID]]:
    """The records the laptop's unsent ops make or change, by table."""
    from sqlalchemy import select

    from dorpsondersteuner.models.local import OutboxOp

    records: dict[str, set[uuid.UUID]] = {table: set() for table in BULK_TABLES}
    with laptop.register() as register, register.sessions() as session:
        for entity, record_id in session.execute(
            select(OutboxOp.entity, OutboxOp.record_id).where(OutboxOp.result.is_(None))
        ):
            records.setdefault(entity, set()).add(record_id)
    return records


def _http_pulls(laptop: Laptop, rounds: int) -> list[float]:
    """The one HTTP pull a no-op sync makes, from the laptop's cursor, alone."""
    from dorpsondersteuner.sync.client import SyncClient
    from dorpsondersteuner.sync.engine import PULL_LIMIT, sync_state

    with laptop.register() as register, register.sessions() as session:
        state = sync_state(session)
        token, cursor = state.token, state.cursor
    seconds = []
    with SyncClient(laptop.url, token) as client:
        for number in range(rounds + 2):
            start = time.perf_counter()
            page = client.pull(cursor, PULL_LIMIT)
            if number >= 2:
                seconds.append(time.perf_counter() - start)
            if page.changes or page.more:
                raise RuntimeError("the no-op pull brought something")
    return seconds


# --- the report -------------------------------------------------------------------------


def verdict(value: float, bar: float) -> str:
    return "met" if value < bar else "**not met**"


def format_results(result: Result, args: argparse.Namespace) -> list[str]:
    lines = [
        f"Server: SQLite, one process, {result.requests:,} demo requests"
        + (
            f" (loaded in {result.load_seconds:.0f} s)"
            if result.load_seconds is not None
            else " (a copy of a loaded database)"
        )
        + f"; user `{USER}` (Bakel); load average {result.load_average} at the end.",
        "",
    ]
    if result.snapshot is not None:
        lines += first_sync_lines(result)
    if result.pulled:
        lines += incremental_lines(result, args)
    if result.direct is not None:
        lines += bulk_lines(result, args)
    if result.window.noop:
        lines += noop_lines(result)
    if result.window.pull_gaps:
        lines += stall_lines(result, args)
    return lines[:-1]


def first_sync_lines(result: Result) -> list[str]:
    first = result.first
    usable = median(f.usable for f in first)
    search = median(f.search for f in first)
    snap = result.snapshot
    return [
        f"1. First sync (connect's sign-in and register, then the engine), median of "
        f"{len(first)} new laptops:",
        "",
        "| from signing in to | median | runs | bar |",
        "|---|---:|---|---|",
        f"| register made, signed in | {median(f.signed_in for f in first):.2f} s "
        f"| {_runs(f.signed_in for f in first)} | |",
        f"| snapshot imported (committed) | {median(f.imported for f in first):.2f} s "
        f"| {_runs(f.imported for f in first)} | |",
        f"| whole list ({first[0].requests:,} requests) sorted two ways and a request open "
        f"| **{usable:.2f} s** | {_runs(f.usable for f in first)} "
        f"| < 10 s: {verdict(usable, 10)} |",
        f"| search ready (index built, a search answered) | **{search:.2f} s** "
        f"| {_runs(f.search for f in first)} | < 30 s: {verdict(search, 30)} |",
        f"| first sync done (pulled to the end, checksum {first[0].checksum}) "
        f"| {median(f.done for f in first):.2f} s | {_runs(f.done for f in first)} | |",
        "",
        f"Baselines, same run: the snapshot's own steps without the engine or connect: cut "
        f"{snap.cut:.2f} s, download {snap.transfer:.2f} s, import {snap.imported:.2f} s "
        f"(list usable {snap.usable:.2f} s), search index {snap.search:.2f} s (search ready "
        f"{snap.searchable:.2f} s), {snap.bytes / 1e6:.1f} MB; " + _pages(result) + ".",
        "",
    ]


def incremental_lines(result: Result, args: argparse.Namespace) -> list[str]:
    pulled, pushed, idle = result.pulled, result.pushed, result.idle
    return [
        f"2. Incremental sync of {args.changes} edits ({2 * args.changes} changes: each "
        f"edit and its history entry), {len(pulled)} rounds; baseline: the no-op sync of the "
        "same laptop in the same rounds:",
        "",
        "| sync | p50 | p95 | max | bar |",
        "|---|---:|---:|---:|---|",
        f"| pull of edits made on the other laptop | {ms(pct(pulled, 0.5))} "
        f"| **{ms(pct(pulled, 0.95))}** | {ms(max(pulled))} "
        f"| < 300 ms: {verdict(pct(pulled, 0.95), 0.3)} |",
        f"| push of edits made here | {ms(pct(pushed, 0.5))} | **{ms(pct(pushed, 0.95))}** "
        f"| {ms(max(pushed))} | < 300 ms: {verdict(pct(pushed, 0.95), 0.3)} |",
        f"| baseline: no-op sync | {ms(pct(idle, 0.5))} | {ms(pct(idle, 0.95))} "
        f"| {ms(max(idle))} | |",
        "",
    ]


def bulk_lines(result: Result, args: argparse.Namespace) -> list[str]:
    direct = result.direct
    assert direct is not None
    return [
        f"3. Bulk: {args.new:,} intakes and {args.edited:,} edits made on one laptop "
        f"({result.bulk_ops:,} ops; making them through the services took "
        f"{result.bulk_made:.1f} s):",
        "",
        "| step | time | ratio to the direct insert (encrypted) |",
        "|---|---:|---:|",
        f"| push there | {result.bulk_push:.2f} s | {result.bulk_push / direct.encrypted:.0f}x |",
        f"| pull on the other laptop ({result.bulk_received:,} changes) "
        f"| {result.bulk_pull:.2f} s | {result.bulk_pull / direct.encrypted:.0f}x |",
        f"| baseline: the same {direct.rows:,} rows inserted directly, encrypted "
        f"| {direct.encrypted:.3f} s | 1x |",
        f"| baseline: the same rows inserted directly, plain SQLite | {direct.plain:.3f} s "
        f"| {direct.plain / direct.encrypted:.1f}x |",
        "",
    ]


def noop_lines(result: Result) -> list[str]:
    noop, engine, http = result.window.noop, result.engine_noop, result.http_noop
    return [
        f'4. No-op sync with the window open ({len(noop)} rounds, from "Nu '
        "synchroniseren\" to the sync's end on the GUI thread):",
        "",
        "| no-op sync | p50 | p95 | bar |",
        "|---|---:|---:|---|",
        f"| in the window | {ms(pct(noop, 0.5))} | **{ms(pct(noop, 0.95))}** "
        f"| < 50 ms: {verdict(pct(noop, 0.95), 0.05)} |",
        f"| baseline: the engine without a window | {ms(pct(engine, 0.5))} "
        f"| {ms(pct(engine, 0.95))} | |",
        f"| baseline: its one HTTP pull alone | {ms(pct(http, 0.5))} | {ms(pct(http, 0.95))} | |",
        "",
    ]


def stall_lines(result: Result, args: argparse.Namespace) -> list[str]:
    win = result.window
    pull_gaps, idle_gaps = win.pull_gaps, win.idle_gaps
    sent, push_seconds = result.window_push
    return [
        f"5. GUI thread during a pull of {args.window_edits:,} edits ({sent:,} ops sent by "
        f"the other laptop in {push_seconds:.1f} s; the window received "
        f"{win.pull_received:,} changes in {win.pull_seconds:.1f} s, list "
        f"{win.rows_after:,} rows): gaps between ticks of a {TICK_MS} ms timer:",
        "",
        "| GUI thread | ticks | p50 gap | p99 gap | longest stall | bar |",
        "|---|---:|---:|---:|---:|---|",
        f"| during the pull | {len(pull_gaps):,} | {ms(pct(pull_gaps, 0.5))} "
        f"| {ms(pct(pull_gaps, 0.99))} | **{ms(max(pull_gaps))}** "
        f"| < 100 ms: {verdict(max(pull_gaps), 0.1)} |",
        f"| baseline: the same window idle, as long | {len(idle_gaps):,} "
        f"| {ms(pct(idle_gaps, 0.5))} | {ms(pct(idle_gaps, 0.99))} | {ms(max(idle_gaps))} | |",
        "",
    ]


def _runs(values: Iterator[float] | Any) -> str:
    return ", ".join(f"{value:.2f}" for value in values)


def _pages(result: Result) -> str:
    pages = result.pages
    if pages is None:
        return "pulling pages from no cursor not measured"
    if pages.finished:
        return f"pulling pages from no cursor: {pages.seconds:.1f} s ({pages.pages} pages)"
    return (
        f"pulling pages from no cursor: unfinished after {pages.seconds:.0f} s, "
        f"{pages.requests:,} requests in, {pages.bytes / 1e6:.1f} MB"
    )


def record(lines: Sequence[str]) -> None:
    text = base.README.read_text()
    start, end = text.index(RESULTS_START), text.index(RESULTS_END)
    body = "\n".join([*base.machine_lines(), "", *lines])
    base.README.write_text(text[: start + len(RESULTS_START)] + "\n\n" + body + "\n\n" + text[end:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.desktop_sync", description=__doc__)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument(
        "--server-db", help="a loaded server database kept here (made when missing)"
    )
    parser.add_argument("--runs", type=int, default=2, help="first syncs (new laptops, >= 2)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--new", type=int, default=10_000)
    parser.add_argument("--edited", type=int, default=1_000)
    parser.add_argument("--window-edits", type=int, default=5_000)
    parser.add_argument("--noop-rounds", type=int, default=30)
    parser.add_argument("--baseline-limit", type=float, default=60.0)
    parser.add_argument(
        "--parts", type=int, nargs="+", default=[1, 2, 3, 4, 5], choices=[1, 2, 3, 4, 5]
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, a quick look")
    parser.add_argument("--record", action="store_true", help="write the results to README")
    args = parser.parse_args(argv)
    if args.quick:
        for name, value in QUICK.items():
            setattr(args, name, value)
    args.window_edits = min(args.window_edits, args.new)
    args.changes = min(args.changes, args.new)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from dorpsondersteuner.server.settings import ENV_PREFIX

    for kind in ("PUSH", "PULL", "SNAPSHOT"):
        os.environ[f"{ENV_PREFIX}{kind}_PER_MINUTE"] = "0"
    folder = Path(tempfile.mkdtemp(prefix="dorpsondersteuner-bench-desktop-sync-"))
    try:
        result = measure(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    lines = format_results(result, args)
    print("\n".join([*base.machine_lines(), "", *lines]))
    if args.record:
        record(lines)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    raise SystemExit(main())
