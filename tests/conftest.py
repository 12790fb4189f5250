"""Fixtures shared by all tests. Qt runs offscreen: these machines have no display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from dorpsondersteuner.register import Register, open_register


@pytest.fixture
def register_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def register(tmp_path: Path, register_key: bytes) -> Iterator[Register]:
    """A new, empty, encrypted register file at the current schema."""
    opened = open_register(tmp_path / "register.db", register_key, create=True)
    yield opened
    opened.close()
