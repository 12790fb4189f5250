"""Core query benchmark: request lists and full-text search at 10k and 100k requests.

    .venv/bin/python -m bench.queries [--sizes 10000 100000] [--runs 30] [--keep DIR]

Per size it builds a demo register (or reuses one kept in ``--keep``) and measures,
for a village supporter, a district-team member and a municipal officer:

- **list**: the ordered ids of everything the user may see (``request_ids``) plus the
  display rows of the first page of 50 (``request_rows``), for the default list and a
  few filters;
- **search**: the same for a typed text, one keystroke at a time ("j", "ja", "jan",
  "jans", "janss", … and a two-word query), as the list does while you type.

It prints p50 and p95 per query in milliseconds; every query runs ``--runs`` times.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

PAGE = 50
USERS = {"ingrid": "village supporter", "joyce": "district team", "evelien": "municipality"}
TYPED = ["j", "ja", "jan", "jans", "janse", "jansen"]
WORDS = ["boodschappen", "vervoer ziekenhuis", "eenzaam", "bakel kerkstraat"]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    action()  # warm the page cache and statement cache once
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), percentile(samples, 0.95)


def register_for(folder: Path, requests: int) -> Path:
    from dorpsondersteuner.demo.generator import create_demo_register

    path = folder / f"bench-{requests}.db"
    if not path.exists():
        started = time.perf_counter()
        create_demo_register(path, requests=requests)
        print(f"built {requests:,} requests in {time.perf_counter() - started:.1f} s")
    return path


def measure(path: Path, runs: int) -> list[tuple[str, str, str, float, float]]:
    from dorpsondersteuner.demo.directory import demo_id
    from dorpsondersteuner.models.enums import Level, Status
    from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register
    from dorpsondersteuner.services.access import load_principal
    from dorpsondersteuner.services.lists import RequestFilter, request_ids, request_rows

    register = open_register(path, DEMO_REGISTER_KEY)
    results = []
    with register.sessions() as session:
        for username, role in USERS.items():
            who = load_principal(session, demo_id("user", username))

            def page(where: RequestFilter, who=who) -> int:
                ids = request_ids(session, who, where)
                request_rows(session, who, ids[:PAGE])
                return len(ids)

            lists = {
                "all I may see": RequestFilter(),
                "open at my level": RequestFilter(
                    statuses=frozenset({Status.OPEN}),
                    levels=frozenset({who.level or Level.VILLAGE}),
                ),
                "mine": RequestFilter(mine=True),
                "overdue follow-ups": RequestFilter(overdue_follow_ups=True),
            }
            for label, where in lists.items():
                rows = page(where)
                results.append(
                    (
                        role,
                        f"list: {label} ({rows:,} rows)",
                        "list",
                        *timed(lambda w=where: page(w), runs),
                    )
                )
            for text in TYPED + WORDS:
                where = RequestFilter(text=text)
                results.append(
                    (role, f'search "{text}"', "search", *timed(lambda w=where: page(w), runs))
                )
    register.close()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the registers in")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dorp-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            results = measure(register_for(folder, size), args.runs)
            print(f"\n{size:,} requests, {args.runs} runs each (ms)")
            print("| user | query | p50 | p95 |\n|---|---|---:|---:|")
            for role, label, _kind, p50, p95 in results:
                print(f"| {role} | {label} | {p50:.1f} | {p95:.1f} |")
            for kind in ("list", "search"):
                worst = max(p95 for _role, _label, k, _p50, p95 in results if k == kind)
                print(f"worst {kind} p95: {worst:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
