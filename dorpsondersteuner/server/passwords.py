"""Password rules and hashing (PRIVACY-SECURITY 11 and 12, ASVS 2.1 and 2.4).

Rules: at least 12 characters, up to 128 (so 64+ is allowed), no composition rules, no
common or breached password, not the account's own name. Passwords are compared after
Unicode NFKC normalisation, so the same typed text matches on every keyboard.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from importlib import resources

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import ValidationError
from .settings import PasswordHashing

MIN_LENGTH = 12
MAX_LENGTH = 128  # ASVS 2.1.2: 64 or more allowed, more than 128 may be refused
COMMON_PASSWORDS_FILE = "common-passwords.txt"


def normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath(COMMON_PASSWORDS_FILE).read_text("utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("# ")
    )


def check_password_rules(password: str, *, username: str = "", display_name: str = "") -> None:
    """Raise ``ValidationError`` (field ``password``) when the password breaks a rule."""
    text = normalise(password)
    if len(text) < MIN_LENGTH:
        raise ValidationError(
            f"the password is too short: use at least {MIN_LENGTH} characters "
            "(a few words in a row work well)",
            field="password",
        )
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            f"the password is too long: use at most {MAX_LENGTH} characters", field="password"
        )
    folded = text.casefold()
    if folded in common_passwords() or len(set(folded)) == 1:
        raise ValidationError(
            "this password is too common (it is on a list of common and breached passwords)",
            field="password",
        )
    squeezed = "".join(folded.split())
    names = {username.casefold(), "".join(display_name.casefold().split())} - {""}
    if any(squeezed == name or (len(name) >= 4 and name in squeezed) for name in names):
        raise ValidationError("the password may not contain the account name", field="password")


class Hasher:
    """argon2id hashing with a cap on concurrent hashes in this process.

    The cap is a resource limit, not shared state: each hash takes tens of MiB, and a
    burst of logins must not exhaust the server's memory.
    """

    def __init__(self, params: PasswordHashing, *, concurrency: int = 4) -> None:
        self.params = params
        self._hasher = PasswordHasher(
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            type=Type.ID,
        )
        self._slots = threading.BoundedSemaphore(concurrency)
        # Checked when a user is unknown, so that answer takes as long as a wrong password.
        self._dummy_hash = self._hasher.hash("dummy password for unknown users")

    def hash(self, password: str) -> str:
        with self._slots:
            return self._hasher.hash(normalise(password))

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True when the password matches; a missing hash costs the same time."""
        with self._slots:
            try:
                matched = self._hasher.verify(
                    password_hash or self._dummy_hash, normalise(password)
                )
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False
        return matched and password_hash is not None  # the dummy never lets anyone in

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)
