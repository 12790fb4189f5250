"""Desktop benchmark: the request list, search as you type, memory and cold start.

    .venv/bin/python -m bench.desktop [--register FILE | --requests 100000] [--runs 5]

On a demo register (``--register``: an existing one, else one is built with
``create_demo_register`` in a temporary folder), in this process with Qt offscreen and
the real task manager and list model:

- **list populated**: from asking for a view to the model holding its ids and first
  page (``RequestListModel.loaded``), for a village supporter, a district-team member
  and a municipal officer, in their default view and in "all help requests";
- **search per keystroke**: typing words letter by letter into the list's filter, the
  time from each keystroke's query to the list updated (p50/p95 over all keystrokes);
- **peak memory**: the process's peak resident set after all of the above;

then, in new processes, the program's **cold start** (first paint, first page of the
list visible — the list as last seen, from the snapshot in the register — and first
page of the live list visible) against a bare PySide6 window, alternating, as in
bench/foundation.py. Bars (issue 4): list < 200 ms, search p95 < 50 ms, memory < 250 MB,
first paint ≤ 2× and first rows ≤ 3× the bare window.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.foundation import measure_cold_start

USERS = ("ingrid", "joyce", "evelien")
WORDS = ("jansen", "boodschappen", "kerkstraat", "van den", "rolstoel", "eenzaam", "BAK-2026")
BARS = {"list": 0.200, "search": 0.050, "memory_mb": 250, "paint": 2.0, "rows": 3.0}


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def measure_in_process(path: Path, runs: int) -> dict[str, object]:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from dorpsondersteuner.services.lists import RequestFilter
    from dorpsondersteuner.ui import ops
    from dorpsondersteuner.ui.request_model import RequestListModel
    from dorpsondersteuner.ui.tasks import TaskManager
    from dorpsondersteuner.ui.work import ACTIVE

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    tasks = TaskManager()

    loop = QEventLoop()
    stamps: list[float] = []
    connected: set[int] = set()

    def done(*_args: object) -> None:
        stamps.append(time.perf_counter())
        loop.quit()

    def wait(start, signal):  # type: ignore[no-untyped-def]
        """Run ``start()`` and wait in an event loop (not spinning) for ``signal``.
        Each signal is connected once, for the whole run."""
        if id(signal) not in connected:
            signal.connect(done)
            connected.add(id(signal))
        stamps.clear()
        start()
        if not stamps:
            loop.exec()
        return stamps[0]

    wait(lambda: tasks.call(lambda: tasks.use_register(ops.open_demo(path))), tasks.idle)

    def run_query(fn):  # type: ignore[no-untyped-def]
        box: list[object] = []
        wait(lambda: tasks.query(fn, box.append, box.append), tasks.idle)
        if isinstance(box[0], BaseException):
            raise box[0]
        return box[0]

    def wait_loaded(model: RequestListModel, start) -> float:  # type: ignore[no-untyped-def]
        return wait(start, model.loaded)

    lists: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    for username in USERS:
        user_id = ops.demo_user_id(username)
        signed = run_query(lambda session, u=user_id, n=username: ops.sign_in(session, u, n))
        principal = signed.principal
        for name, where in (
            ("my open requests", RequestFilter(mine=True, statuses=ACTIVE)),
            ("all help requests, open", RequestFilter(statuses=ACTIVE)),
            ("all help requests, with closed", RequestFilter()),
        ):
            model = RequestListModel(tasks, principal)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                finished = wait_loaded(model, lambda m=model, w=where: m.set_filter(w))
                times.append(finished - started)
            lists[f"{username}: {name}"] = times
            sizes[f"{username}: {name}"] = model.rowCount()

    # Search as you type: every prefix of every word, as the supporter.
    signed = run_query(lambda session: ops.sign_in(session, ops.demo_user_id("ingrid"), "ingrid"))
    model = RequestListModel(tasks, signed.principal)
    keystrokes: list[float] = []
    found: dict[str, int] = {}
    for _ in range(max(1, runs // 2)):
        for word in WORDS:
            for end in range(1, len(word) + 1):
                where = RequestFilter(text=word[:end])
                started = time.perf_counter()
                finished = wait_loaded(model, lambda w=where: model.set_filter(w))
                keystrokes.append(finished - started)
            found[word] = model.rowCount()

    tasks.shutdown()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"lists": lists, "sizes": sizes, "search": keystrokes, "found": found, "peak": peak_mb}


def report(figures: dict[str, object], cold: object | None, requests: int) -> list[str]:
    lists: dict[str, list[float]] = figures["lists"]  # type: ignore[assignment]
    sizes: dict[str, int] = figures["sizes"]  # type: ignore[assignment]
    lines = [
        f"List populated on the {requests:,}-request register (ids of the whole view and "
        "its first page, through the task manager; bar < 200 ms):",
        "",
        "| user: view | rows | median | p95 |",
        "|---|---:|---:|---:|",
    ]
    for name, times in lists.items():
        lines.append(
            f"| {name} | {sizes[name]:,} | {_ms(statistics.median(times))} | {_ms(_p95(times))} |"
        )
    search: list[float] = figures["search"]  # type: ignore[assignment]
    lines += [
        "",
        f"Search per keystroke ({len(search)} keystrokes typing {', '.join(WORDS)} as "
        f"the Bakel supporter; bar p95 < 50 ms): median {_ms(statistics.median(search))}, "
        f"p95 {_ms(_p95(search))}, max {_ms(max(search))}.",
        "",
        f"Peak memory of this process after all of it: {figures['peak']:,.0f} MB (bar < 250 MB).",
    ]
    if cold is not None:
        base = cold.bare_paint_s  # type: ignore[attr-defined]
        lines += [
            "",
            f"Cold start (offscreen, median of {cold.runs} alternating runs):",  # type: ignore[attr-defined]
            "",
            "| from process start to | median | ratio to bare | bar |",
            "|---|---:|---:|---:|",
            f"| bare PySide6 window, first paint | {_ms(base)} | 1.00 | |",
            f"| program, first paint | {_ms(cold.paint_s)} | "  # type: ignore[attr-defined]
            f"{cold.paint_s / base:.2f} | ≤ 2 |",  # type: ignore[attr-defined]
            f"| program, first page of the list visible | {_ms(cold.rows_s)} | "  # type: ignore[attr-defined]
            f"{cold.rows_s / base:.2f} | ≤ 3 |",  # type: ignore[attr-defined]
            f"| program, first page of the live list visible | {_ms(cold.live_rows_s)} | "  # type: ignore[attr-defined]
            f"{cold.live_rows_s / base:.2f} | |",  # type: ignore[attr-defined]
        ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.desktop", description=__doc__)
    parser.add_argument("--register", type=Path, help="an existing demo register file")
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-cold-start", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dorpsondersteuner-bench-") as tmp:
        if args.register is not None:
            path = args.register
        else:
            from dorpsondersteuner.demo.generator import create_demo_register
            from dorpsondersteuner.paths import demo_register_path

            path = demo_register_path(Path(tmp))
            print(f"generating {args.requests:,} requests…", file=sys.stderr, flush=True)
            create_demo_register(path, requests=args.requests)
        requests = _count(path)
        figures = measure_in_process(path, args.runs)
        cold = None
        if not args.no_cold_start:
            print("cold start…", file=sys.stderr, flush=True)
            cold = measure_cold_start(path.parent, requests, args.runs)
    print("\n".join(report(figures, cold, requests)))
    return 0


def _count(path: Path) -> int:
    from sqlalchemy import func, select

    from dorpsondersteuner.models import HelpRequest
    from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register

    register = open_register(path, DEMO_REGISTER_KEY)
    try:
        with register.sessions() as session:
            return session.scalar(select(func.count()).select_from(HelpRequest)) or 0
    finally:
        register.close()


if __name__ == "__main__":
    sys.exit(main())
