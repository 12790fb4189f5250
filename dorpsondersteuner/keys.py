"""The register's data key, stored only wrapped (D4; PRIVACY-SECURITY 5).

A real register is encrypted with a random 256-bit data key. That key is kept in a
small key file beside the register, wrapped twice with AES-256-GCM:

- by a key derived from the user's password with argon2id, so the user opens the
  register offline;
- by the device's recovery secret, which only the server holds and releases to this
  user on this device after an online login, so a forgotten password or an
  administrator's reset never strands unsent work.

The data key itself is never written anywhere. The file also records the laptop's
device id (not secret), which every login sends.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .errors import RegisterError

KEY_FILE_VERSION = 1
DATA_KEY_BYTES = 32


@dataclass(frozen=True)
class Argon2Parameters:
    """argon2id cost; the defaults are argon2-cffi's (64 MiB, t=3, p=4), above the OWASP
    minimum of 19 MiB, t=2, p=1 (about 130 ms on these laptops)."""

    memory_kib: int = 65536
    time_cost: int = 3
    parallelism: int = 4


class WrongPasswordError(RegisterError):
    """The password (or recovery secret) does not unwrap the data key."""


class KeyFileError(RegisterError):
    """The key file is missing, damaged or of an unknown version."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(password: str, salt: bytes, params: Argon2Parameters) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _wrap(wrapping_key: bytes, data_key: bytes, label: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    return {
        "nonce": _b64(nonce),
        "ciphertext": _b64(AESGCM(wrapping_key).encrypt(nonce, data_key, label)),
    }


def _unwrap(wrapping_key: bytes, wrapped: dict[str, str], label: bytes) -> bytes:
    try:
        return AESGCM(wrapping_key).decrypt(
            _unb64(wrapped["nonce"]), _unb64(wrapped["ciphertext"]), label
        )
    except InvalidTag:
        raise WrongPasswordError("the password does not open this register") from None


def _password_wrap(password: str, data_key: bytes, params: Argon2Parameters) -> dict[str, object]:
    salt = secrets.token_bytes(16)
    return {
        "salt": _b64(salt),
        "memory_kib": params.memory_kib,
        "time_cost": params.time_cost,
        "parallelism": params.parallelism,
        **_wrap(_derive(password, salt, params), data_key, b"password"),
    }


def _write(path: Path, content: dict[str, object]) -> None:
    """Write atomically: a crash leaves the old key file or the new one, never half."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(content, indent=1))
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    temporary.replace(path)


def _read(path: Path) -> dict[str, object]:
    try:
        content = json.loads(path.read_text())
    except FileNotFoundError:
        raise KeyFileError(f"no key file at {path.name}") from None
    except (OSError, ValueError) as error:
        raise KeyFileError(f"the key file {path.name} is damaged") from error
    if not isinstance(content, dict) or content.get("version") != KEY_FILE_VERSION:
        raise KeyFileError(f"the key file {path.name} has an unknown version")
    return content


def create_key_file(
    path: Path,
    password: str,
    recovery_secret: bytes,
    *,
    device_id: uuid.UUID,
    params: Argon2Parameters | None = None,
) -> bytes:
    """Make a new random data key, store it wrapped twice, and return it (to create
    the register with). Refuses to overwrite an existing key file."""
    if path.exists():
        raise KeyFileError(f"{path.name} already exists")
    params = params or Argon2Parameters()
    data_key = secrets.token_bytes(DATA_KEY_BYTES)
    _write(
        path,
        {
            "version": KEY_FILE_VERSION,
            "device_id": str(device_id),
            "password": _password_wrap(password, data_key, params),
            "recovery": _wrap(_recovery_key(recovery_secret), data_key, b"recovery"),
        },
    )
    return data_key


def _recovery_key(recovery_secret: bytes) -> bytes:
    if len(recovery_secret) != 32:
        raise ValueError("a recovery secret is 32 bytes")
    return recovery_secret


def device_id_of(path: Path) -> uuid.UUID:
    return uuid.UUID(str(_read(path)["device_id"]))


def unlock_with_password(path: Path, password: str) -> bytes:
    """The data key, for the register's ``open_register``."""
    wrapped = _read(path)["password"]
    assert isinstance(wrapped, dict)
    params = Argon2Parameters(
        int(wrapped["memory_kib"]), int(wrapped["time_cost"]), int(wrapped["parallelism"])
    )
    return _unwrap(_derive(password, _unb64(wrapped["salt"]), params), wrapped, b"password")


def unlock_with_recovery(path: Path, recovery_secret: bytes) -> bytes:
    wrapped = _read(path)["recovery"]
    assert isinstance(wrapped, dict)
    return _unwrap(_recovery_key(recovery_secret), wrapped, b"recovery")


def set_password(
    path: Path, data_key: bytes, new_password: str, *, params: Argon2Parameters | None = None
) -> None:
    """Wrap the data key under a new password (after a change, or a recovery)."""
    content = _read(path)
    content["password"] = _password_wrap(new_password, data_key, params or Argon2Parameters())
    _write(path, content)
