"""``dorpsondersteuner-server``: serve, migrate and administer the sync server.

    dorpsondersteuner-server serve [--host 127.0.0.1] [--port 8000] [--database-url URL]
    dorpsondersteuner-server serve --demo           (a throw-away demo server)
    dorpsondersteuner-server migrate [--database-url URL]
    dorpsondersteuner-server admin <command> …   (see --help)

Without ``--database-url`` the server uses ``DATABASE_URL`` or else a SQLite file in
the user's data folder. Exit codes: 0 done, 1 the database is not ready, 2 bad input.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import dataclasses
import getpass
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .. import __version__
from ..demo.directory import demo_user_choices
from ..errors import DorpsondersteunerError
from ..models import Area, DistrictTeam, User
from ..models.enums import AreaKind, Role
from . import admin
from .db import (
    SchemaError,
    SchemaState,
    describe,
    make_engine,
    prepare_for_serving,
    schema_status,
    upgrade,
)
from .passwords import Hasher
from .settings import DATABASE_URL_ENV, Settings, load_settings

log = logging.getLogger("dorpsondersteuner.server")


class CommandError(Exception):
    """A problem the operator can fix; printed without a traceback."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# --- serve and migrate -----------------------------------------------------------------


def log_config() -> dict[str, Any]:
    """uvicorn's logging set-up with timestamps and our own loggers added."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["formatters"]["default"]["fmt"] = "%(asctime)s %(levelprefix)s %(name)s: %(message)s"
    config["formatters"]["default"]["use_colors"] = False
    config["formatters"]["access"]["fmt"] = (
        '%(asctime)s %(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s'
    )
    config["formatters"]["access"]["use_colors"] = False
    config["loggers"]["dorpsondersteuner"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config


DEMO_REQUESTS = 5000  # a year of the demo municipality's requests


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    if not args.demo:
        if args.requests is not None:
            raise CommandError("--requests goes with --demo")
        return _serve(args, settings)
    if args.database_url or args.workers != 1:
        raise CommandError("--demo makes its own database and runs one process")
    requests = DEMO_REQUESTS if args.requests is None else args.requests
    if requests < 0:
        raise CommandError("--requests must not be negative")
    # A throw-away server: a temporary SQLite database, removed when the server stops.
    # uvicorn ends on SIGTERM by sending it to itself again once it has stopped: as an
    # exception here, so the folder is removed (also when stopped while loading).
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    folder = Path(tempfile.mkdtemp(prefix="dorpsondersteuner-demo-"))
    try:
        settings = dataclasses.replace(settings, database_url=f"sqlite:///{folder / 'demo.db'}")
        _load_demo_server(settings, requests)
        return _serve(args, settings, demo=requests)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _exit_on_sigterm(_signum: int, _frame: Any) -> None:
    raise SystemExit(0)


def _load_demo_server(settings: Settings, requests: int) -> None:
    started = time.perf_counter()
    engine = make_engine(settings.database_url)

    @event.listens_for(engine, "connect")
    def _no_waiting_for_the_disk(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous = OFF")  # nothing to keep safe here

    try:
        prepare_for_serving(engine, settings.database_url)
        with sessionmaker(engine, expire_on_commit=False).begin() as session:
            admin.load_demo(session, _hasher(settings), requests=requests)
    finally:
        engine.dispose()
    log.info("demo server loaded in %.1f s", time.perf_counter() - started)


def _demo_banner(url: str, requests: int) -> str:
    """The address, the demo users and their password, for whoever started it."""
    lines = [
        f"Demo server on {url} with the fictional demo municipality and "
        f"{requests:,} requests; its temporary database is removed when it stops "
        "(Ctrl+C).",
        f"Sign in as any demo user with the password {admin.DEMO_PASSWORD!r}:",
    ]
    for choice in demo_user_choices():
        lines.append(
            f"  {choice.username:<10} {choice.display_name:<22} {choice.role.value:<18} "
            f"{choice.areas}"
        )
    return "\n".join(lines)


def _serve(args: argparse.Namespace, settings: Settings, *, demo: int | None = None) -> int:
    """Serve; ``demo``: the number of demo requests loaded, for the banner."""
    import uvicorn

    engine = make_engine(settings.database_url)
    try:
        status = prepare_for_serving(engine, settings.database_url)
    except SchemaError as error:
        raise CommandError(f"cannot serve {describe(settings.database_url)}: {error}", 1) from None
    finally:
        engine.dispose()
    # Worker processes build the app from the environment: hand the choices on.
    os.environ[DATABASE_URL_ENV] = settings.database_url
    print(
        f"dorpsondersteuner-server {__version__}: {describe(settings.database_url)} "
        f"(schema {status.revision}) on {args.host}:{args.port}",
        file=sys.stderr,
        flush=True,
    )
    if demo is not None:
        scheme = "https" if args.ssl_certfile else "http"
        print(_demo_banner(f"{scheme}://{args.host}:{args.port}", demo), flush=True)
    uvicorn.run(
        "dorpsondersteuner.server.app:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=log_config(),
        server_header=False,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        # X-Forwarded-For and -Proto only from the proxies named, else never.
        proxy_headers=bool(args.forwarded_allow_ips),
        forwarded_allow_ips=args.forwarded_allow_ips or None,
        # A limit on the request head, JSON answers to malformed HTTP (server/protocol.py).
        http="dorpsondersteuner.server.protocol:HttpProtocol",
        h11_max_incomplete_event_size=settings.max_header_bytes,
        ws="none",  # no WebSocket endpoints: an upgrade request is an ordinary request
        timeout_graceful_shutdown=10,
    )
    return 0


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    try:
        status = schema_status(engine)
        if status.state is SchemaState.CURRENT:
            print(f"the database is up to date (schema {status.head})")
            return 0
        if status.state in (SchemaState.AHEAD, SchemaState.FOREIGN):
            raise CommandError(status.problem(settings.database_url) or "cannot migrate", 1)
        upgrade(engine)
        print(f"migrated from schema {status.revision or 'empty'} to {status.head}")
        return 0
    finally:
        engine.dispose()


# --- admin -------------------------------------------------------------------------------


@contextlib.contextmanager
def _transaction(settings: Settings) -> Iterator[Session]:
    """A transaction on a database at the current schema; commits when the block ends."""
    engine = make_engine(settings.database_url)
    try:
        status = schema_status(engine)
        if status.state is SchemaState.EMPTY:
            raise CommandError(
                "the database is empty: run `dorpsondersteuner-server migrate` first", 1
            )
        problem = status.problem(settings.database_url)
        if problem:
            raise CommandError(problem, 1)
        with sessionmaker(engine, expire_on_commit=False).begin() as session:
            yield session
    finally:
        engine.dispose()


def _read_password(args: argparse.Namespace) -> str:
    """From stdin with --password-stdin (scripts), else asked twice without echo."""
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CommandError("no password on standard input")
        return password
    if not sys.stdin.isatty():
        raise CommandError("give the password on standard input with --password-stdin")
    first = getpass.getpass("New password: ")
    if first != getpass.getpass("Same password again: "):
        raise CommandError("the two passwords differ")
    return first


def _hasher(settings: Settings) -> Hasher:
    return Hasher(settings.hashing)


def cmd_create_area(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        area = admin.create_area(session, args.code, args.name, AreaKind(args.kind))
        print(f"area {area.code} ({area.name}) created")
    return 0


def cmd_create_team(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        team = admin.create_team(session, args.name, args.area)
        print(f"district team {team.name!r} created: {', '.join(a.code for a in team.areas)}")
    return 0


def cmd_set_team_areas(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        team = admin.set_team_areas(session, args.name, args.area)
        print(f"district team {team.name!r} serves: {', '.join(a.code for a in team.areas)}")
    return 0


def cmd_create_user(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args)
    with _transaction(settings) as session:
        user = admin.create_user(
            session,
            _hasher(settings),
            username=args.username,
            display_name=args.name,
            role=Role(args.role),
            password=password,
            area_codes=args.area,
            team_name=args.team,
        )
        print(f"user {user.username} created ({user.role.value}), id {user.id}")
    return 0


def cmd_update_user(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        user = admin.update_user(
            session,
            args.username,
            display_name=args.name,
            role=Role(args.role) if args.role else None,
            area_codes=args.area,
            team_name=args.team,
        )
        print(f"user {user.username} updated")
    return 0


def cmd_set_password(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args)
    with _transaction(settings) as session:
        ended = admin.set_password(session, _hasher(settings), args.username, password)
        print(f"password of {args.username} reset; {ended} device token(s) ended")
    return 0


def cmd_deactivate(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        user = admin.set_active(session, args.username, False)
        print(f"user {user.username} deactivated; their device tokens ended")
    return 0


def cmd_reactivate(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        user = admin.set_active(session, args.username, True)
        print(f"user {user.username} reactivated")
    return 0


def cmd_reassign(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        name = admin.reassign(session, args.reference, args.username, args.reason)
        print(f"request {args.reference.upper()} now belongs to {name}")
    return 0


def cmd_restored(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        epoch = admin.restored(session)
    print(
        f"the restored database begins epoch {epoch}: every laptop pulls again from scratch "
        "at its next sync and sends again the changes the backup may lack"
    )
    return 0


def cmd_unlock(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        admin.unlock(session, args.username)
        print(f"login lockout of {args.username} lifted")
    return 0


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def cmd_list_devices(args: argparse.Namespace, settings: Settings) -> int:
    """Each user's devices with their first and last sign-in, so a lost or stale laptop
    is easy to pick out before revoking it."""
    with _transaction(settings) as session:
        devices = admin.list_devices(session, args.user)
    print(
        f"{'user':<16} {'code':<6} {'first sign-in':<20} {'last sign-in':<20} "
        f"{'last seen':<20} {'status':<28} device id"
    )
    for device in devices:
        status = f"revoked {_when(device.revoked_at)}" if device.revoked_at else "active"
        print(
            f"{device.username:<16} {device.short_code:<6} {_when(device.created_at):<20} "
            f"{_when(device.last_login_at):<20} {_when(device.last_seen_at):<20} "
            f"{status:<28} {device.id}"
        )
    return 0


def _reset_password_too(args: argparse.Namespace, username: str) -> bool:
    """Whether revoking also resets the owner's password: the flags decide, else the
    operator is asked; with no terminal to ask, the password is kept and that is said."""
    if args.reset_password or args.keep_password:
        return bool(args.reset_password)
    if not sys.stdin.isatty():
        print(
            f"warning: no terminal to ask, so the password of {username} was kept: it still "
            "works from any other laptop; reset it with `admin set-password "
            f"{username}`, or pass --reset-password or --keep-password",
            file=sys.stderr,
        )
        return False
    answer = input(
        f"Reset the password of {username} too? Whoever has the laptop may know it, and it "
        "still works from any other laptop. [y/N] "
    )
    return answer.strip().casefold() in {"y", "yes", "j", "ja"}


def cmd_revoke_device(args: argparse.Namespace, settings: Settings) -> int:
    if args.password_stdin and not args.reset_password:
        raise CommandError("--password-stdin goes with --reset-password")
    # Look first, ask outside any transaction (a question must not hold a database lock).
    with _transaction(settings) as session:
        device = admin.find_device(session, args.device)
        device_id, code = device.id, device.short_code
        username = admin.device_owner(session, device).username
    reset = _reset_password_too(args, username)
    new_password = _read_password(args) if reset else None
    with _transaction(settings) as session:
        admin.revoke_device(
            session,
            str(device_id),
            new_password=new_password,
            hasher=_hasher(settings) if reset else None,
        )
    print(f"device {code} ({device_id}) of {username} revoked")
    if reset:
        print(f"password of {username} reset: the old one no longer works anywhere")
    return 0


def cmd_list_users(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        users = session.scalars(select(User).order_by(User.username)).all()
        print(f"{'username':<16} {'role':<18} {'status':<12} team / areas")
        for user in users:
            where = user.team.name if user.team else ", ".join(a.code for a in user.areas)
            status = "active" if user.active else "deactivated"
            print(f"{user.username:<16} {user.role.value:<18} {status:<12} {where}")
    return 0


def cmd_list_areas(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        for area in session.scalars(select(Area).order_by(Area.code)):
            print(f"{area.code:<8} {area.kind.value:<9} {area.name}")
        for team in session.scalars(select(DistrictTeam).order_by(DistrictTeam.name)):
            print(f"team {team.name}: {', '.join(a.code for a in team.areas)}")
    return 0


def cmd_load_demo(args: argparse.Namespace, settings: Settings) -> int:
    with _transaction(settings) as session:
        loaded = admin.load_demo(session, _hasher(settings), requests=args.requests)
    if loaded.users:
        print(
            f"demo directory loaded: {loaded.users} users, each with the password "
            f"{admin.DEMO_PASSWORD!r}"
        )
    if loaded.rows:
        print("demo requests loaded: " + ", ".join(f"{n} {t}" for t, n in loaded.rows.items()))
    return 0


# --- argument parsing ---------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dorpsondersteuner-server",
        description="The Dorpsondersteuner sync server.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database-url",
        help="e.g. postgresql+psycopg://user@host/db (default: $DATABASE_URL, "
        "else a SQLite file in the user's data folder)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    serve = commands.add_parser("serve", parents=[database], help="run the server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="server processes (default 1)")
    serve.add_argument("--ssl-certfile", help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--ssl-keyfile", help="the certificate's private key (PEM)")
    serve.add_argument(
        "--forwarded-allow-ips",
        default="",
        metavar="ADDRESSES",
        help="comma-separated addresses or networks of reverse proxies whose "
        "X-Forwarded-For and X-Forwarded-Proto are trusted (default: none)",
    )
    serve.add_argument(
        "--demo",
        action="store_true",
        help=f"a throw-away demo server: a temporary database with the demo municipality "
        f"and {DEMO_REQUESTS:,} requests, removed at exit (demo password "
        f"{admin.DEMO_PASSWORD!r})",
    )
    serve.add_argument(
        "--requests",
        type=int,
        metavar="N",
        help=f"with --demo: how many demo requests (default {DEMO_REQUESTS:,})",
    )
    serve.set_defaults(handler=cmd_serve)

    migrate = commands.add_parser(
        "migrate", parents=[database], help="bring the database schema up to date"
    )
    migrate.set_defaults(handler=cmd_migrate)

    admin_parser = commands.add_parser("admin", help="manage areas, teams, users and devices")
    actions = admin_parser.add_subparsers(dest="action", required=True, metavar="action")

    def action(
        name: str, handler: Callable[[argparse.Namespace, Settings], int], text: str
    ) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, parents=[database], help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub

    def password_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from standard input instead of asking for it",
        )

    sub = action("create-area", cmd_create_area, "add an area (village or district)")
    sub.add_argument("code", help="2-8 letters, starts references, e.g. BAK")
    sub.add_argument("name")
    sub.add_argument("--kind", choices=[k.value for k in AreaKind], default="village")

    sub = action("create-team", cmd_create_team, "add a district team and its areas")
    sub.add_argument("name")
    sub.add_argument("--area", action="append", default=[], metavar="CODE")

    sub = action("set-team-areas", cmd_set_team_areas, "set the areas a district team serves")
    sub.add_argument("name")
    sub.add_argument("--area", action="append", default=[], metavar="CODE")

    roles = [role.value for role in Role]
    sub = action("create-user", cmd_create_user, "add a user with a role and a password")
    sub.add_argument("username")
    sub.add_argument("--name", required=True, help="display name")
    sub.add_argument("--role", required=True, choices=roles)
    sub.add_argument("--area", action="append", default=[], metavar="CODE", help="supporters")
    sub.add_argument("--team", help="the team of a district-team member")
    password_option(sub)

    sub = action("update-user", cmd_update_user, "change a user's name, role, areas or team")
    sub.add_argument("username")
    sub.add_argument("--name", help="display name")
    sub.add_argument("--role", choices=roles)
    sub.add_argument("--area", action="append", metavar="CODE", help="replaces the areas")
    sub.add_argument("--team")

    sub = action("set-password", cmd_set_password, "reset a password (ends the user's tokens)")
    sub.add_argument("username")
    password_option(sub)

    sub = action("deactivate", cmd_deactivate, "block a user from signing in")
    sub.add_argument("username")
    sub = action("reactivate", cmd_reactivate, "let a deactivated user sign in again")
    sub.add_argument("username")
    sub = action("unlock", cmd_unlock, "lift a login lockout after failed attempts")
    sub.add_argument("username")

    sub = action("reassign", cmd_reassign, "hand a request to another supporter or team member")
    sub.add_argument("reference", help="e.g. BAK-2026-K3-042")
    sub.add_argument("username", help="the new owner, who works at the request's level and area")
    sub.add_argument("--reason", default="", help="why, for the request's history")

    action(
        "restored",
        cmd_restored,
        "run once after restoring a backup (and `migrate`), before serving: laptops then "
        "pull again and send again what the backup lacks",
    )

    sub = action("list-devices", cmd_list_devices, "each user's devices, first and last sign-in")
    sub.add_argument("--user", help="only this user's devices")
    sub = action("revoke-device", cmd_revoke_device, "revoke a device for good (lost laptop)")
    sub.add_argument("device", help="short code (e.g. K3) or device id")
    choice = sub.add_mutually_exclusive_group()
    choice.add_argument(
        "--reset-password",
        action="store_true",
        help="also reset the user's password, so the old one fails from any laptop "
        "(without this flag or --keep-password you are asked)",
    )
    choice.add_argument(
        "--keep-password", action="store_true", help="revoke the device only, without asking"
    )
    password_option(sub)

    action("list-users", cmd_list_users, "list users with role and areas")
    action("list-areas", cmd_list_areas, "list areas and district teams")
    sub = action(
        "load-demo",
        cmd_load_demo,
        f"load the fictional demo municipality (password {admin.DEMO_PASSWORD!r})",
    )
    sub.add_argument(
        "--requests",
        type=int,
        default=0,
        metavar="N",
        help="also N of its requests with their history, for the laptops to pull "
        "(into a server without requests; the directory may be loaded already)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings(database_url=args.database_url)
        handler: Callable[[argparse.Namespace, Settings], int] = args.handler
        return handler(args, settings)
    except CommandError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except (DorpsondersteunerError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        # The driver's message only: the statement and its parameters stay out of the output.
        reason = getattr(error, "orig", None) or error.__class__.__name__
        print(f"error: database: {reason}", file=sys.stderr)
        return 1
