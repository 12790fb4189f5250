"""Foundation benchmark: the demo register at 10k and 100k requests, and cold start.

    .venv/bin/python -m bench.foundation [--sizes 10000 100000] [--runs 5] [--record]

Per size: generation time, file size, open time in this process (open_register and
one trivial query, warm) and in a new process (interpreter start and imports
included). Then the program's cold start on the largest register, to its first paint,
to its first rows (the list as last seen, from the snapshot in the register) and to
its first live rows, against a bare PySide6 window measured in the same run,
alternating. ``--record`` writes the results into bench/README.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
README = BENCH_DIR / "README.md"
RESULTS_START = "<!-- results:start -->"
RESULTS_END = "<!-- results:end -->"
TIMEOUT = 180  # seconds for one child process (first start of a slow machine)


@dataclass(frozen=True)
class RegisterFigures:
    requests: int
    generate_s: float
    size_bytes: int
    open_in_process_s: float
    open_new_process_s: float


@dataclass(frozen=True)
class ColdStart:
    requests: int
    runs: int
    bare_paint_s: float
    paint_s: float
    rows_s: float  # first rows painted: the snapshot's when there is one
    live_rows_s: float  # first rows of the live list painted


def _child(args: Sequence[str], **env: str) -> dict[str, float]:
    """Run a child process with DORPSONDERSTEUNER_T0 set at spawn; parse its
    ``<label> <seconds>`` lines."""
    child_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    child_env["DORPSONDERSTEUNER_T0"] = repr(time.time())
    done = subprocess.run(
        [sys.executable, *args],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    figures = {
        match[1]: float(match[2])
        for match in re.finditer(r"^([a-z-]+) ([0-9.]+)$", done.stdout, re.MULTILINE)
    }
    if done.returncode != 0 or not figures:
        raise RuntimeError(
            f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )
    return figures


def measure_register(folder: Path, requests: int, runs: int) -> RegisterFigures:
    from sqlalchemy import func, select

    from dorpsondersteuner.demo.generator import create_demo_register
    from dorpsondersteuner.models import Area
    from dorpsondersteuner.paths import demo_register_path
    from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register

    path = demo_register_path(folder)
    started = time.perf_counter()
    create_demo_register(path, requests=requests)
    generate_s = time.perf_counter() - started
    size = sum(p.stat().st_size for p in folder.glob(path.name + "*"))

    in_process = []
    for _ in range(runs):
        started = time.perf_counter()
        register = open_register(path, DEMO_REGISTER_KEY)
        with register.sessions() as session:
            session.scalar(select(func.count()).select_from(Area))
        in_process.append(time.perf_counter() - started)
        register.close()

    new_process = [
        _child([str(BENCH_DIR / "open_once.py"), str(path)])["open"] for _ in range(runs)
    ]
    return RegisterFigures(
        requests=requests,
        generate_s=generate_s,
        size_bytes=size,
        open_in_process_s=statistics.median(in_process),
        open_new_process_s=statistics.median(new_process),
    )


def measure_cold_start(folder: Path, requests: int, runs: int) -> ColdStart:
    """The program (``--demo``, data dir = folder) against a bare window, alternating;
    one unrecorded run of each first, so both start from the same warm file cache. That
    first run of the program also leaves the list snapshot the recorded runs start with."""
    program = ["-m", "dorpsondersteuner", "--demo", "--data-dir", str(folder)]
    bare = [str(BENCH_DIR / "bare_window.py")]
    flag = {"DORPSONDERSTEUNER_EXIT_AFTER_FIRST_PAINT": "1"}
    _child(bare)
    _child(program, **flag)
    bare_paint, paint, rows, live_rows = [], [], [], []
    for run in range(runs):
        # Alternate which goes first, so neither always follows the other.
        order = ("bare", "program") if run % 2 == 0 else ("program", "bare")
        for which in order:
            if which == "bare":
                bare_paint.append(_child(bare)["first-paint"])
            else:
                figures = _child(program, **flag)
                paint.append(figures["first-paint"])
                rows.append(figures["first-rows"])
                live_rows.append(figures["first-live-rows"])
    return ColdStart(
        requests=requests,
        runs=runs,
        bare_paint_s=statistics.median(bare_paint),
        paint_s=statistics.median(paint),
        rows_s=statistics.median(rows),
        live_rows_s=statistics.median(live_rows),
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:,.1f} ms"


def _duration(seconds: float) -> str:
    return f"{seconds:,.1f} s" if seconds >= 1 else _ms(seconds)


def format_results(registers: Sequence[RegisterFigures], cold: ColdStart, runs: int) -> list[str]:
    lines = [
        f"Register (medians of {runs} runs for the open times):",
        "",
        "| requests | generate | file size | open, in process | open, new process |",
        "|---:|---:|---:|---:|---:|",
    ]
    for figures in registers:
        lines.append(
            f"| {figures.requests:,} | {_duration(figures.generate_s)} "
            f"| {figures.size_bytes / 1e6:,.1f} MB | {_ms(figures.open_in_process_s)} "
            f"| {_ms(figures.open_new_process_s)} |"
        )
    base = cold.bare_paint_s
    lines += [
        "",
        f"Cold start on the {cold.requests:,}-request register "
        f"(offscreen, median of {cold.runs} alternating runs):",
        "",
        "| from process start to | median | ratio to bare |",
        "|---|---:|---:|",
        f"| bare PySide6 window, first paint | {_ms(base)} | 1.00 |",
        f"| program, first paint | {_ms(cold.paint_s)} | {cold.paint_s / base:.2f} |",
        f"| program, first rows | {_ms(cold.rows_s)} | {cold.rows_s / base:.2f} |",
        f"| program, first live rows | {_ms(cold.live_rows_s)} | {cold.live_rows_s / base:.2f} |",
    ]
    return lines


def machine_lines() -> list[str]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return [
        f"Recorded {date.today().isoformat()} on {platform.machine()}, {cpu}, "
        f"{os.cpu_count()} cores; Python {platform.python_version()}, "
        f"PySide6 {importlib.metadata.version('PySide6-Essentials')}; "
        f"load average {load:.1f} when it finished (other work inflates every figure).",
    ]


def record(lines: Sequence[str]) -> None:
    text = README.read_text()
    start, end = text.index(RESULTS_START), text.index(RESULTS_END)
    body = "\n".join([*machine_lines(), "", *lines])
    README.write_text(text[: start + len(RESULTS_START)] + "\n\n" + body + "\n\n" + text[end:])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.foundation", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--record", action="store_true", help="write into bench/README.md")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dorpsondersteuner-bench-") as tmp:
        registers = []
        for requests in sorted(args.sizes):
            folder = Path(tmp) / str(requests)
            folder.mkdir()
            print(f"generating {requests:,} requests…", file=sys.stderr, flush=True)
            registers.append(measure_register(folder, requests, args.runs))
        largest = registers[-1].requests
        print("cold start…", file=sys.stderr, flush=True)
        cold = measure_cold_start(Path(tmp) / str(largest), largest, args.runs)

    lines = format_results(registers, cold, args.runs)
    print("\n".join(lines))
    if args.record:
        record(lines)
        print(f"\nrecorded in {README.relative_to(BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
