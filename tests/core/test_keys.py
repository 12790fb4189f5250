"""The data key wrapped by the password and by the recovery secret (D4)."""

from __future__ import annotations

import json
import secrets
import uuid
from pathlib import Path

import pytest

from dorpsondersteuner.keys import (
    Argon2Parameters,
    KeyFileError,
    WrongPasswordError,
    create_key_file,
    device_id_of,
    set_password,
    unlock_with_password,
    unlock_with_recovery,
)
from dorpsondersteuner.register import open_register

FAST = Argon2Parameters(memory_kib=8192, time_cost=1, parallelism=1)  # tests only
PASSWORD = "lange zin als wachtwoord"


@pytest.fixture
def key_file(tmp_path: Path) -> tuple[Path, bytes, bytes]:
    path = tmp_path / "register.key"
    recovery = secrets.token_bytes(32)
    data_key = create_key_file(path, PASSWORD, recovery, device_id=uuid.UUID(int=7), params=FAST)
    return path, data_key, recovery


def test_the_password_opens_the_register_and_the_key_is_never_stored(tmp_path, key_file):
    path, data_key, recovery = key_file
    assert len(data_key) == 32
    stored = path.read_bytes()
    assert data_key not in stored and data_key.hex().encode() not in stored
    assert recovery not in stored
    key = unlock_with_password(path, PASSWORD)
    assert key == data_key
    register = open_register(tmp_path / "register.db", key, create=True)
    register.close()
    open_register(tmp_path / "register.db", unlock_with_password(path, PASSWORD)).close()
    assert device_id_of(path) == uuid.UUID(int=7)


def test_a_wrong_password_or_a_changed_file_opens_nothing(key_file):
    path, _data_key, _recovery = key_file
    with pytest.raises(WrongPasswordError):
        unlock_with_password(path, "niet het wachtwoord")
    content = json.loads(path.read_text())
    content["password"]["ciphertext"] = content["recovery"]["ciphertext"]  # swapped
    path.write_text(json.dumps(content))
    with pytest.raises(WrongPasswordError):
        unlock_with_password(path, PASSWORD)


def test_a_forgotten_password_is_recovered_with_the_server_s_secret(key_file):
    path, data_key, recovery = key_file
    with pytest.raises(WrongPasswordError):
        unlock_with_recovery(path, secrets.token_bytes(32))
    key = unlock_with_recovery(path, recovery)
    assert key == data_key
    set_password(path, key, "een nieuw lang wachtwoord", params=FAST)
    assert unlock_with_password(path, "een nieuw lang wachtwoord") == data_key
    with pytest.raises(WrongPasswordError):
        unlock_with_password(path, PASSWORD)
    assert unlock_with_recovery(path, recovery) == data_key  # still there


def test_a_missing_damaged_or_existing_key_file_is_a_clear_error(tmp_path, key_file):
    path, _data_key, recovery = key_file
    with pytest.raises(KeyFileError, match="already exists"):
        create_key_file(path, PASSWORD, recovery, device_id=uuid.uuid4(), params=FAST)
    with pytest.raises(KeyFileError, match="no key file"):
        unlock_with_password(tmp_path / "absent.key", PASSWORD)
    path.write_text("{not json")
    with pytest.raises(KeyFileError, match="damaged"):
        unlock_with_password(path, PASSWORD)


def test_the_default_cost_is_argon2id_above_the_owasp_minimum(tmp_path):
    defaults = Argon2Parameters()
    assert defaults.memory_kib >= 19 * 1024 and defaults.time_cost >= 2
    path = tmp_path / "register.key"
    data_key = create_key_file(path, PASSWORD, secrets.token_bytes(32), device_id=uuid.uuid4())
    stored = json.loads(path.read_text())["password"]
    assert (stored["memory_kib"], stored["time_cost"]) == (defaults.memory_kib, defaults.time_cost)
    assert unlock_with_password(path, PASSWORD) == data_key
