"""Fixtures shared by all tests. Qt runs offscreen: these machines have no display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests run on a pinned day, so they pass whatever the calendar says; the clock
# runs on from there. Set DORPSONDERSTEUNER_NOW to run them on another day
# (scripts/test-dates runs the days that catch date bugs). Programs the tests start
# inherit it.
os.environ.setdefault("DORPSONDERSTEUNER_NOW", "2026-12-02T10:00:00+01:00")

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from dorpsondersteuner.clock import now_utc
from dorpsondersteuner.register import Register, open_register

now_utc()  # anchors the pinned day now, before any test starts a program


@pytest.fixture
def register_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def register(tmp_path: Path, register_key: bytes) -> Iterator[Register]:
    """A new, empty, encrypted register file at the current schema."""
    opened = open_register(tmp_path / "register.db", register_key, create=True)
    yield opened
    opened.close()
