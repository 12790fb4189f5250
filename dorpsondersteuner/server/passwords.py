"""Password rules and hashing (PRIVACY-SECURITY 11 and 12, ASVS 2.1 and 2.4).

Rules: at least 12 characters, up to 128 (so 64+ is allowed), no composition rules, no
common or breached password, not the account's own name. Passwords are compared after
Unicode NFKC normalisation, so the same typed text matches on every keyboard.
"""

from __future__ import annotations

import asyncio
import threading
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources
from typing import ParamSpec, TypeVar

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..errors import ValidationError
from .settings import PasswordHashing

_P = ParamSpec("_P")
_T = TypeVar("_T")

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


class HashingBusy(Exception):
    """Every hashing worker is busy and the queue behind them is full."""


class Hasher:
    """argon2id hashing; in the server through a small pool of its own threads.

    The server hashes with ``verify_queued``/``hash_queued``: at most ``workers`` hashes
    run at once in this process and at most ``waiting`` more queue behind them; past
    that ``HashingBusy`` is raised at once rather than queuing forever; ``priority``
    work (a user's own registered device) has ``waiting`` more places of its own, so a
    flood from unknown devices never keeps the owners out. The work never
    runs on the request threads, so a login flood cannot starve other requests of them,
    and memory stays bounded (each hash takes tens of MiB). The pool is a resource
    limit, not shared state. ``hash``/``verify`` run in the caller's thread (the CLI).
    """

    def __init__(self, params: PasswordHashing) -> None:
        self.params = params
        self._hasher = PasswordHasher(
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            type=Type.ID,
        )
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._admitted = threading.BoundedSemaphore(max(1, params.workers) + params.waiting)
        self._reserved = threading.BoundedSemaphore(max(1, params.waiting))
        # Checked when a user is unknown, so that answer takes as long as a wrong password.
        self._dummy_hash = self._hasher.hash("dummy password for unknown users")

    def hash(self, password: str) -> str:
        return self._hasher.hash(normalise(password))

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True when the password matches; a missing hash costs the same time."""
        try:
            matched = self._hasher.verify(password_hash or self._dummy_hash, normalise(password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        return matched and password_hash is not None  # the dummy never lets anyone in

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    def has_room(self, *, priority: bool = False) -> bool:
        """Whether a hash queued now would be taken (a hint: another may come first)."""
        for places in (self._admitted, self._reserved) if priority else (self._admitted,):
            if places.acquire(blocking=False):
                places.release()
                return True
        return False

    async def verify_queued(
        self, password_hash: str | None, password: str, *, priority: bool = False
    ) -> bool:
        """``verify`` in the hashing pool; ``HashingBusy`` when its queue is full."""
        return await self._queued(priority, self.verify, password_hash, password)

    async def hash_queued(self, password: str) -> str:
        """``hash`` in the hashing pool; ``HashingBusy`` when its queue is full."""
        return await self._queued(False, self.hash, password)

    async def _queued(
        self, priority: bool, work: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs
    ) -> _T:
        places = self._admitted
        if not places.acquire(blocking=False):
            places = self._reserved
            if not priority or not places.acquire(blocking=False):
                raise HashingBusy
        try:
            future = self._executor().submit(work, *args, **kwargs)
        except BaseException:
            places.release()
            raise
        # Released when the hash is done, even if the request waiting for it went away.
        future.add_done_callback(lambda _: places.release())
        return await asyncio.wrap_future(future)

    def _executor(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=max(1, self.params.workers), thread_name_prefix="argon2"
                )
            return self._pool
