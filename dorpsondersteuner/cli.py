"""The desktop program's commands without a window, for IT staff and for tests.

    dorpsondersteuner connect URL --user NAME [--password-stdin] [--data-dir PATH]
    dorpsondersteuner sync [--user NAME] [--password-stdin] [--data-dir PATH]
    dorpsondersteuner status [--user NAME] [--password-stdin] [--data-dir PATH] [--json]

A real register belongs to one user (D1): it lives in ``users/NAME/`` under the data
folder, beside its key file (``keys.py``), with a device id of its own; the demo
register is never touched. ``connect`` signs in first and makes nothing until the
server said yes; then it makes the register in a folder of its own and moves it into
place whole, and runs the first sync. Connecting again as a user who has a register
here signs in with that register's device id and, when the password changed (an
administrator's reset), opens the register with the recovery secret the server
releases and wraps its key under the new password: no unsent work is lost.

``status`` needs no network but does need the password: everything it reports is
inside the encrypted register. Exit codes: 0 done (``sync``: everything sent), 1 the
sync did not finish (offline, refused, something left unsent), 2 could not start
(wrong password, no register, bad arguments).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import shutil
import sys
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SyncError
from .keys import (
    Argon2Parameters,
    KeyFileError,
    WrongPasswordError,
    create_key_file,
    device_id_of,
    set_password,
    unlock_with_password,
    unlock_with_recovery,
)
from .paths import DATA_DIR_ENV, REGISTER_NAME, data_dir

if TYPE_CHECKING:  # the sync modules load only when a command needs them
    from .sync.client import LoginAnswer, SyncClient
    from .sync.engine import Status

COMMANDS = ("connect", "sync", "status")
USERS_FOLDER = "users"
KEY_FILE_NAME = "register.key"
_USERNAME = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")
# Far below what protects a register: only for the test suite, and only when asked for
# by name (as the server's INSECURE_TEST_HASHING).
TEST_KEY_HASHING_ENV = "DORPSONDERSTEUNER_INSECURE_TEST_KEY_HASHING"


def _key_hashing() -> Argon2Parameters | None:
    if os.environ.get(TEST_KEY_HASHING_ENV) == "1":
        return Argon2Parameters(memory_kib=1024, time_cost=1, parallelism=1)
    return None  # keys.py's defaults


def user_folder(data: Path, username: str) -> Path:
    """Where the real register of ``username`` lives (one per user, D1)."""
    return data / USERS_FOLDER / username


def real_registers(data: Path) -> list[str]:
    """The users with a real register in this data folder."""
    folder = data / USERS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if not entry.name.startswith(".") and (entry / KEY_FILE_NAME).exists()
    )


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="dorpsondersteuner")
    commands = parser.add_subparsers(dest="command", required=True)

    def common(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--password-stdin", action="store_true", help="read the password from stdin"
        )
        command.add_argument(
            "--data-dir",
            metavar="PATH",
            help=f"folder for the registers (default: ${DATA_DIR_ENV}, else the platform's)",
        )

    connect = commands.add_parser(
        "connect", help="make this user's real register from the server and sync it"
    )
    connect.add_argument("url", metavar="URL", help="the sync server, e.g. https://sync.example")
    connect.add_argument("--user", metavar="NAME", required=True, help="your username")
    common(connect)

    for name, text in (
        ("sync", "send what is unsent and receive what changed; exit 0 when all was sent"),
        ("status", "what is unsent, refused or not delivered, without the network"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument(
            "--user", metavar="NAME", help="whose register (needed when there are several)"
        )
        common(command)
        if name == "status":
            command.add_argument("--json", action="store_true", help="print JSON (see README)")
    return parser.parse_args(list(argv))


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    data = data_dir(args.data_dir)
    try:
        if args.command == "connect":
            return connect(args.url, args.user, data, _password(args, args.user))
        username = _chosen_user(data, args.user)
        password = _password(args, username)
        if args.command == "sync":
            return sync(data, username, password)
        return status(data, username, password, as_json=args.json)
    except _Refused as refusal:
        print(f"dorpsondersteuner {args.command}: {refusal}", file=sys.stderr)
        return refusal.exit_code


class Reason:
    """Why ``connect`` made nothing, for the desktop app's plain words."""

    ADDRESS = "address"
    USERNAME = "username"
    PASSWORD = "password"
    UNREACHABLE = "unreachable"
    DEVICE = "device"
    WAIT = "wait"
    OTHER_ACCOUNT = "other_account"
    OTHER = "other"


class _Refused(Exception):
    def __init__(self, message: str, exit_code: int = 2, reason: str = Reason.OTHER) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.reason = reason


Refused = _Refused


def _password(args: argparse.Namespace, username: str) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        try:
            password = getpass.getpass(f"Password for {username}: ")
        except EOFError:  # no terminal and nothing on standard input
            password = ""
    if not password:
        raise _Refused("no password given (on a terminal, or with --password-stdin)")
    return password


def _chosen_user(data: Path, username: str | None) -> str:
    users = real_registers(data)
    if username is not None:
        if username not in users:
            raise _Refused(
                f"{username} has no register in {data}: run "
                f"'dorpsondersteuner connect URL --user {username}' first"
            )
        return username
    if not users:
        raise _Refused(
            f"there is no real register in {data}: run "
            "'dorpsondersteuner connect URL --user NAME' first"
        )
    if len(users) > 1:
        raise _Refused(f"several users have a register here ({', '.join(users)}): choose --user")
    return users[0]


# --- connect ----------------------------------------------------------------------------


def connect(url: str, username: str, data: Path, password: str) -> int:
    from .sync.client import SyncClient

    _check_address(url, username)
    with SyncClient(url) as client:
        folder, data_key = sign_in_and_make(client, url, username, data, password)
        print(f"Connected {username} to {url}; register in {folder}")
        # The first sync is the server's snapshot (D17): the engine takes it when the
        # register is fresh.
        return _sync_with(folder, data_key, client, password)


def _check_address(url: str, username: str) -> None:
    if not re.match(r"^https?://[^\s/]+", url):
        raise _Refused(f"{url!r} is not a server address (https://…)", reason=Reason.ADDRESS)
    if not _USERNAME.match(username):
        raise _Refused(f"{username!r} is not a username", reason=Reason.USERNAME)


def sign_in_and_make(
    client: SyncClient, url: str, username: str, data: Path, password: str
) -> tuple[Path, bytes]:
    """Sign in; only when the server said yes, make this user's register (or reopen
    the one here, D4). Returns its folder and data key; ``Refused`` with a ``reason``
    when nothing was made or changed. The desktop app's connect screen uses it too."""
    from .sync.client import (
        ForbiddenDeviceError,
        NotSignedInError,
        OfflineError,
        RateLimitedError,
    )

    _check_address(url, username)
    folder = user_folder(data, username)
    key_file = folder / KEY_FILE_NAME
    existing = key_file.exists()
    device_id = device_id_of(key_file) if existing else uuid.uuid4()
    try:
        answer = client.login(username, password, device_id)
        me = client.me()
    except ForbiddenDeviceError as error:
        raise _Refused(
            f"the server refused this laptop: {error}. Nothing was changed.", reason=Reason.DEVICE
        ) from None
    except NotSignedInError:
        raise _Refused(
            "the server did not accept this username and password. Nothing was changed.",
            reason=Reason.PASSWORD,
        ) from None
    except OfflineError:
        raise _Refused(
            f"the server at {url} could not be reached: check the address and the network. "
            "Nothing was changed.",
            1,
            Reason.UNREACHABLE,
        ) from None
    except RateLimitedError as error:
        raise _Refused(
            f"too many attempts: try again in {error.retry_after:.0f} s. Nothing was changed.",
            1,
            Reason.WAIT,
        ) from None
    except SyncError as error:
        raise _Refused(f"the server refused: {error}. Nothing was changed.", 1) from None
    if existing:
        data_key = _reopen_key(key_file, password, answer.recovery_secret)
        _remember(folder, data_key, url, answer)
    else:
        data_key = _make_register(folder, password, url, answer, me.role)
    return folder, data_key


def _make_register(folder: Path, password: str, url: str, answer: LoginAnswer, role: str) -> bytes:
    """The new register, made in a folder of its own and moved into place whole."""
    from .models import DeviceState, RegisterKind
    from .models.local import SyncState
    from .register import open_register

    folder.parent.mkdir(parents=True, exist_ok=True)
    partial = folder.parent / f".{folder.name}.partial-{uuid.uuid4().hex[:8]}"
    try:
        partial.mkdir()
        data_key = create_key_file(
            partial / KEY_FILE_NAME,
            password,
            answer.recovery_secret,
            device_id=answer.device_id,
            params=_key_hashing(),
        )
        register = open_register(partial / REGISTER_NAME, data_key, create=True)
        try:
            with register.transaction() as session:
                session.add(
                    DeviceState(
                        device_id=answer.device_id,
                        short_code=answer.short_code,
                        register_kind=RegisterKind.REAL,
                    )
                )
                session.add(
                    SyncState(
                        server_url=url.rstrip("/"),
                        user_id=answer.user_id,
                        username=folder.name,
                        role=role,
                        token=answer.token,
                        token_expires_at=answer.expires_at,
                    )
                )
        finally:
            register.close()
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return data_key


def _reopen_key(key_file: Path, password: str, recovery_secret: bytes) -> bytes:
    """This user's register is here already: its key, by the password, else by the
    recovery secret the server just released (then wrapped under the new password)."""
    try:
        return unlock_with_password(key_file, password)
    except WrongPasswordError:
        pass
    try:
        data_key = unlock_with_recovery(key_file, recovery_secret)
    except WrongPasswordError:
        raise _Refused(
            "the register here does not belong to this server's account; it was left as it is",
            reason=Reason.OTHER_ACCOUNT,
        ) from None
    set_password(key_file, data_key, password, params=_key_hashing())
    return data_key


def _remember(folder: Path, data_key: bytes, url: str, answer: LoginAnswer) -> None:
    from .register import open_register
    from .sync.engine import remember_sign_in, sync_state

    register = open_register(folder / REGISTER_NAME, data_key)
    try:
        with register.transaction() as session:
            state = sync_state(session)
            if state.user_id != answer.user_id:
                raise _Refused(
                    "the register here belongs to another account; left as it is",
                    reason=Reason.OTHER_ACCOUNT,
                )
            state.server_url = url.rstrip("/")
            remember_sign_in(session, answer)
    finally:
        register.close()


# --- sync -------------------------------------------------------------------------------


def _unlock(folder: Path, password: str) -> bytes:
    try:
        return unlock_with_password(folder / KEY_FILE_NAME, password)
    except WrongPasswordError:
        raise _Refused(f"the password does not open the register of {folder.name}") from None
    except KeyFileError as error:
        raise _Refused(str(error)) from None


def sync(data: Path, username: str, password: str) -> int:
    from .register import open_register
    from .sync.client import SyncClient
    from .sync.engine import sync_state

    folder = user_folder(data, username)
    data_key = _unlock(folder, password)
    register = open_register(folder / REGISTER_NAME, data_key)
    try:
        with register.sessions() as session:
            state = sync_state(session)
            url, token = state.server_url, state.token
    finally:
        register.close()
    with SyncClient(url, token) as client:
        return _sync_with(folder, data_key, client, password)


def _sync_with(folder: Path, data_key: bytes, client: SyncClient, password: str) -> int:
    """One sync; an expired token is renewed with the password once."""
    from sqlalchemy import select

    from .models import DeviceState
    from .register import open_register
    from .sync.client import (
        NotSignedInError,
        OfflineError,
        RateLimitedError,
        UpdateProgramError,
    )
    from .sync.engine import remember_sign_in, sync

    register = open_register(folder / REGISTER_NAME, data_key)
    try:
        with register.sessions() as session:
            device_id = session.scalars(select(DeviceState.device_id)).one()
        for attempt in (1, 2):
            try:
                report = sync(register, client)
                break
            except NotSignedInError:
                if attempt == 2:
                    raise
                try:
                    answer = client.login(folder.name, password, device_id)
                except NotSignedInError:
                    raise _Refused(
                        "the sign-in has ended and the server does not accept this password: run "
                        "'dorpsondersteuner connect' with the current one (unsent work is kept)",
                        1,
                    ) from None
                with register.transaction() as session:
                    remember_sign_in(session, answer)
            except UpdateProgramError as error:
                raise _Refused(f"update the program: {error}", 1) from None
            except OfflineError:
                raise _Refused(
                    f"the server at {client.base_url} could not be reached; unsent work is "
                    "kept and goes with the next sync",
                    1,
                ) from None
            except RateLimitedError as error:
                raise _Refused(
                    f"the server asks to wait {error.retry_after:.0f} s before the next sync", 1
                ) from None
            except SyncError as error:
                raise _Refused(f"the sync stopped: {error}", 1) from None
        summary = (
            f"Sent {report.sent} ({report.applied} applied, {report.lost} lost to a "
            f"concurrent edit, {report.rejected} refused); received {report.received} in "
            f"{report.pages} pages; purged {report.purged}; not delivered "
            f"{report.not_delivered}; still unsent {report.unsent}"
        )
        if report.snapshot:
            summary = "First sync from the server's snapshot. " + summary
        if report.restored:
            summary += "; the server had been restored from a backup: everything was sent again"
        if report.checksum is not None:
            summary += f"; checksum {report.checksum}"
        print(summary)
        return 0 if report.complete else 1
    finally:
        register.close()


# --- status -----------------------------------------------------------------------------


def status(data: Path, username: str, password: str, *, as_json: bool) -> int:
    from .register import open_register
    from .sync.engine import status as read_status

    folder = user_folder(data, username)
    register = open_register(folder / REGISTER_NAME, _unlock(folder, password))
    try:
        found = read_status(register)
    finally:
        register.close()
    values = status_json(found)
    if as_json:
        print(json.dumps(values, indent=1))
        return 0
    lines = [
        f"User:          {found.username}",
        f"Server:        {found.server}",
        f"Last sync:     {_when(found.last_sync_at)}",
        f"Unsent:        {found.ledger.pending}",
        f"Refused:       {found.ledger.rejected}",
        f"Lost:          {found.ledger.lost}",
        f"Not delivered: {found.ledger.not_delivered}",
        f"Requests held: {found.requests_held}",
        f"Checksum:      {found.last_checksum or 'not compared yet'}",
    ]
    if found.last_problem:
        lines.append(f"Problem:       {found.last_problem} ({found.last_problem_detail})")
    print("\n".join(lines))
    return 0


def status_json(found: Status) -> dict[str, Any]:
    """The keys of ``status --json`` (README "Sync from the command line")."""
    return {
        "user": found.username,
        "user_id": str(found.user_id),
        "server": found.server,
        "device_id": str(found.device_id),
        "last_sync": _iso(found.last_sync_at),
        "problem": found.last_problem,
        "problem_detail": found.last_problem_detail,
        "unsent": found.ledger.pending,
        "applied": found.ledger.applied,
        "rejected": found.ledger.rejected,
        "lost": found.ledger.lost,
        "not_delivered": found.ledger.not_delivered,
        "losing_values_to_review": found.losing_values,
        "rejected_for_review": found.rejected_for_review,
        "requests": found.requests_held,
        "checksum": found.last_checksum,
        "checksum_at": _iso(found.last_checksum_at),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _when(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else "never"
