"""Fixtures shared by all tests. Qt runs offscreen: these machines have no display."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import secrets  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from dorpsondersteuner.register import Register, open_register  # noqa: E402


@pytest.fixture
def register_key() -> bytes:
    return secrets.token_bytes(32)


@pytest.fixture
def register(tmp_path: Path, register_key: bytes) -> Iterator[Register]:
    """A new, empty, encrypted register file at the current schema."""
    opened = open_register(tmp_path / "register.db", register_key, create=True)
    yield opened
    opened.close()
