"""Opening register files: encryption, pragmas, wrong keys, secure delete."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from dorpsondersteuner.errors import RegisterNotFoundError, WrongKeyError
from dorpsondersteuner.models import Area
from dorpsondersteuner.models.enums import AreaKind
from dorpsondersteuner.register import Register, open_register

from ..sqlcipher_pages import decrypt_register_pages


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_area(register: Register, code: str = "BAK", name: str = "Bakel") -> None:
    with register.transaction() as session:
        session.add(Area(code=code, name=name, kind=AreaKind.VILLAGE))


def test_data_written_is_read_back_after_reopening(register: Register, register_key: bytes):
    _add_area(register)
    register.close()

    reopened = open_register(register.path, register_key)
    with reopened.sessions() as session:
        area = session.scalars(select(Area)).one()
    reopened.close()
    assert (area.code, area.name, area.kind) == ("BAK", "Bakel", AreaKind.VILLAGE)
    assert area.created_at.tzinfo is not None  # instants come back in UTC (D7)


def test_every_connection_has_wal_foreign_keys_and_secure_delete(register: Register):
    with register.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA secure_delete").scalar() == 1


def test_wrong_key_is_a_clear_error_and_touches_nothing(register: Register):
    _add_area(register)
    register.close()
    before = sorted(p.name for p in register.path.parent.iterdir())
    digest = _digest(register.path)

    with pytest.raises(WrongKeyError):
        open_register(register.path, bytes(32))

    assert _digest(register.path) == digest
    assert sorted(p.name for p in register.path.parent.iterdir()) == before


def test_the_file_is_unreadable_without_the_key(register: Register):
    _add_area(register, name="Elsendorp-uniek")
    register.close()

    raw = register.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Elsendorp-uniek" not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(register.path).execute("SELECT * FROM areas").fetchall()


def test_a_missing_register_is_not_created_unless_asked(tmp_path: Path, register_key: bytes):
    with pytest.raises(RegisterNotFoundError):
        open_register(tmp_path / "absent.db", register_key)
    assert not (tmp_path / "absent.db").exists()


def test_a_key_of_the_wrong_length_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="32 bytes"):
        open_register(tmp_path / "r.db", b"short", create=True)
    assert not (tmp_path / "r.db").exists()


def test_removed_text_does_not_linger_in_the_file(tmp_path: Path, register_key: bytes):
    """secure_delete (D9): a deleted row's text is overwritten, not left in free pages."""
    path = tmp_path / "register.db"
    register = open_register(path, register_key, create=True)
    marker = "Geheime-tekst-Milheeze"

    def plaintext() -> bytes:
        with register.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return decrypt_register_pages(path, register_key)

    _add_area(register, code="DMO", name=marker)
    assert marker.encode() in plaintext()  # the decryption below does see the text

    with register.transaction() as session:
        session.delete(session.scalars(select(Area)).one())
    assert marker.encode() not in plaintext()
    register.close()
