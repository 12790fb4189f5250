"""The benchmarks still run and print every figure (tiny runs: they check that each
benchmark works, not how fast anything is)."""

from __future__ import annotations

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
