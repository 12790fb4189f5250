"""Laptop checksum benchmark: the sums a laptop compares with the server (rule 12), in
process, kept as records change (``sync/checksum.py``), against making them anew.

    .venv/bin/python -m bench.laptop_checksum --register FILE --key FILE [--rounds 10]

It copies the register (and its key file) to a temporary folder, never touching the
originals, opens it with the demo password and, in one run:

- **made anew** (the baseline: what every comparison cost before the sums were kept,
  reading every field version the register holds): the sums from scratch;
- **nothing changed**: a comparison right after another;
- **100 records changed**: a new version of one field of 100 contacts (as a pull
  writes them), then the comparison;
- **100 requests moved**: 100 requests reach the municipality (their trees and
  residents move partition), then the comparison.

Each ``--rounds`` times, in its own transaction, committed; p50 and max, the number of
records the register holds in the sums, and the load average. After the last round the
kept sums must equal sums made anew.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

ROUNDS = 10
CHANGED = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--register", type=Path, required=True)
    parser.add_argument("--key", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="laptop-checksum-"))
    try:
        shutil.copyfile(args.register, folder / "register.db")
        shutil.copyfile(args.key, folder / "register.key")
        measure(folder, args.rounds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path, rounds: int) -> None:
    from sqlalchemy import text

    from dorpsondersteuner.keys import unlock_with_password
    from dorpsondersteuner.register import open_register
    from dorpsondersteuner.server.admin import DEMO_PASSWORD
    from dorpsondersteuner.sync.checksum import Sum, local_sums
    from dorpsondersteuner.sync.engine import _principal, sync_state

    print(f"load average at the start: {_load()}")
    key = unlock_with_password(folder / "register.key", DEMO_PASSWORD)
    register = open_register(folder / "register.db", key)  # migrated if older

    def compare(anew: bool = False) -> tuple[float, dict[str, Sum]]:
        start = time.perf_counter()
        with register.transaction() as session:
            state = sync_state(session)
            if anew:
                state.checksum_sums_for = None
                session.flush()
            sums = local_sums(session, _principal(session, state))
        return time.perf_counter() - start, sums

    def change(statement: str, ids: str, round_number: int) -> None:
        with register.transaction() as session:
            chosen = [row[0] for row in session.execute(text(ids), {"n": CHANGED})]
            for record_id in chosen:
                session.execute(text(statement), {"id": record_id, "v": 10**9 + round_number})

    contacts = (
        "SELECT record_id FROM field_versions WHERE entity = 'contacts' AND field = '*' "
        "ORDER BY random() LIMIT :n"
    )
    new_version = (
        "INSERT INTO field_versions (entity, record_id, field, version) "
        "VALUES ('contacts', :id, 'summary', :v) "
        "ON CONFLICT DO UPDATE SET version = excluded.version"
    )
    requests = (
        "SELECT id FROM help_requests WHERE deleted_at IS NULL "
        "AND highest_level != 'municipality' ORDER BY random() LIMIT :n"
    )
    moved = "UPDATE help_requests SET highest_level = 'municipality' WHERE id = :id AND :v > 0"
    figures: dict[str, list[float]] = {}

    def timed(label: str, before: Callable[[int], None] | None, anew: bool = False) -> None:
        for round_number in range(rounds):
            if before is not None:
                before(round_number)
            seconds, _ = compare(anew)
            figures.setdefault(label, []).append(seconds)

    compare()  # the sums exist, as after a first sync
    timed("made anew (baseline)", None, anew=True)
    timed("nothing changed", None)
    timed(f"{CHANGED} records changed", lambda n: change(new_version, contacts, n))
    timed(f"{CHANGED} requests moved", lambda n: change(moved, requests, n))
    _, kept = compare()
    _, anew = compare(anew=True)
    assert kept == anew, "the kept sums differ from sums made anew"
    held = sum(value.count for value in kept.values())
    print(f"{held:,} records in the sums; {rounds} rounds; load average at the end: {_load()}")
    print("| comparison | p50 | max |")
    print("|---|---:|---:|")
    for label, values in figures.items():
        print(f"| {label} | {median(values) * 1000:,.1f} ms | {max(values) * 1000:,.1f} ms |")
    register.close()


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
