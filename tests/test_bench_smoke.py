"""The benchmarks still run and print every figure (tiny runs: they check that each
benchmark works, not how fast anything is)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_foundation_benchmark_prints_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.foundation", "--sizes", "150", "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    number = r"[0-9][0-9,.]*"
    assert re.search(
        rf"^\| 150 \| {number} m?s \| {number} MB \| {number} ms \| {number} ms \|$",
        out,
        re.MULTILINE,
    ), out
    for label in (
        "bare PySide6 window, first paint",
        "program, first paint",
        "program, first rows",
        "program, first live rows",
    ):
        assert re.search(rf"^\| {label} \| {number} ms \| {number} \|$", out, re.MULTILINE), out


def test_the_query_benchmark_prints_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.queries", "--sizes", "200", "--runs", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for role in ("village supporter", "district team", "municipality"):
        assert re.search(rf"^\| {role} \| list: all I may see \(\d+ rows\) \|", out, re.M), out
        assert re.search(rf'^\| {role} \| search "jansen" \| [0-9.]+ \| [0-9.]+ \|$', out, re.M)
    assert re.search(r"^worst list p95: [0-9.]+ ms$", out, re.M), out
    assert re.search(r"^worst search p95: [0-9.]+ ms$", out, re.M), out


def test_the_server_benchmark_prints_every_figure() -> None:
    command = [sys.executable, "-m", "bench.server", "--workers", "1", "--duration", "1"]
    done = subprocess.run(
        [*command, "--flood", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    ms = r"[0-9][0-9,.]* ms"
    share = r"(\d+ %|n/a)"
    for database, cpu in (("sqlite", "in the server"), ("postgresql", share)):
        if database == "postgresql" and "PostgreSQL is not installed" in done.stderr:
            continue
        assert re.search(
            rf"^\| {database} \| 1 \| [0-9,]+ \| {ms} \| {ms} \| {share} \| {share} \| "
            rf"{cpu} \| {ms} \|$",
            out,
            re.MULTILINE,
        ), out
        assert re.search(
            rf"^\| {database} \| 1 \| {ms} \| {ms} \| [0-9,]+ \| [0-9,]+ \| .+ \|$",
            out,
            re.MULTILINE,
        ), out
    assert "Unexpected" not in out, out


def test_the_desktop_sync_benchmark_prints_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.desktop_sync", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    seconds, ms = r"[0-9][0-9,.]* s", r"[0-9][0-9,.]* ms"
    met = r"< [0-9]+ m?s: (met|\*\*not met\*\*)"
    for label in ("whole list", "search ready"):
        assert re.search(rf"^\| {label}.* \| \*\*{seconds}\*\* \| .* \| {met} \|$", out, re.M), out
    assert re.search(r"^Baselines, same run: the snapshot's own steps .*cut [0-9.]+ s", out, re.M)
    for label in ("pull of edits made on the other laptop", "push of edits made here"):
        assert re.search(rf"^\| {label} \| {ms} \| \*\*{ms}\*\* \| {ms} \| {met} \|$", out, re.M)
    assert re.search(rf"^\| baseline: no-op sync \| {ms} \| {ms} \| {ms} \| \|$", out, re.M), out
    for label in ("push there", r"pull on the other laptop \([0-9,]+ changes\)"):
        assert re.search(rf"^\| {label} \| {seconds} \| [0-9,]+x \|$", out, re.M), out
    assert re.search(
        r"^\| baseline: the same [0-9,]+ rows inserted directly, encrypted \|", out, re.M
    )
    assert re.search(rf"^\| in the window \| {ms} \| \*\*{ms}\*\* \| {met} \|$", out, re.M), out
    assert re.search(rf"^\| baseline: its one HTTP pull alone \| {ms} \| {ms} \| \|$", out, re.M)
    assert re.search(
        rf"^\| during the pull \| [0-9,]+ \| {ms} \| {ms} \| \*\*{ms}\*\* \| {met} \|$", out, re.M
    ), out
    assert re.search(
        rf"^\| baseline: the same window idle, as long \| [0-9,]+ \| {ms} \|", out, re.M
    )
