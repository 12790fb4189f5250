"""Administration of the directory, accounts and devices (the `admin` CLI's engine).

Each function takes a session inside a transaction and raises the core's typed errors
(``ValidationError``, ``NotFoundError``, ``ConflictError``) for anything the operator
can fix, so no one ever needs to edit the database by hand.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from ..demo import directory as demo
from ..errors import ConflictError, NotFoundError, ValidationError
from ..models import Area, DistrictTeam, HelpRequest, User
from ..models.base import utcnow
from ..models.enums import AreaKind, Role
from ..services import workflow
from ..services.access import load_principal
from ..services.changes import ResultSink, record_changes_in
from . import demo_load
from .auth import end_user_tokens, forgive_attempts, normalise_username
from .models import Credential, Device, DeviceScope, DeviceToken, ScopeDelta, SyncCounter
from .passwords import Hasher, check_password_rules
from .sync.changelog import Numbering, Origin, log_directory, write

log = logging.getLogger("dorpsondersteuner.server.admin")

# Every demo user's password on a server loaded with `admin load-demo`. Published on
# purpose (docs/server.md): the demo directory is fictional and never holds real data.
DEMO_PASSWORD = "demo-dorpsondersteuner"

USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
AREA_CODE_PATTERN = re.compile(r"[A-Z]{2,8}")


def _name(value: str, what: str, field: str, *, max_length: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValidationError(f"the {what} may not be empty", field=field)
    if len(value) > max_length:
        raise ValidationError(f"the {what} is longer than {max_length} characters", field=field)
    return value


def create_area(session: Session, code: str, name: str, kind: AreaKind) -> Area:
    code = code.strip().upper()
    if not AREA_CODE_PATTERN.fullmatch(code):
        raise ValidationError("an area code is 2 to 8 letters, e.g. BAK", field="code")
    if session.scalar(select(Area).where(Area.code == code)) is not None:
        raise ConflictError(f"there already is an area with code {code}")
    area = Area(code=code, name=_name(name, "area name", "name", max_length=80), kind=kind)
    session.add(area)
    log_directory(session, area)
    log.info("area %s created", code)
    return area


def find_area(session: Session, code: str) -> Area:
    area = session.scalar(
        select(Area).where(Area.code == code.strip().upper(), Area.deleted_at.is_(None))
    )
    if area is None:
        raise NotFoundError(f"no area with code {code}")
    return area


def find_team(session: Session, name: str) -> DistrictTeam:
    team = session.scalar(
        select(DistrictTeam).where(
            DistrictTeam.name == " ".join(name.split()), DistrictTeam.deleted_at.is_(None)
        )
    )
    if team is None:
        raise NotFoundError(f"no district team named {name!r}")
    return team


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        raise NotFoundError(f"no user {username!r}")
    return user


def create_team(session: Session, name: str, area_codes: Sequence[str]) -> DistrictTeam:
    name = _name(name, "team name", "name", max_length=80)
    if session.scalar(select(DistrictTeam).where(DistrictTeam.name == name)) is not None:
        raise ConflictError(f"there already is a district team named {name!r}")
    team = DistrictTeam(name=name, areas=[find_area(session, code) for code in area_codes])
    session.add(team)
    log_directory(session, team)
    log.info("district team %r created", name)
    return team


def set_team_areas(session: Session, name: str, area_codes: Sequence[str]) -> DistrictTeam:
    team = find_team(session, name)
    team.areas = [find_area(session, code) for code in area_codes]
    log_directory(session, team)
    log.info("district team %r now serves %s", team.name, ", ".join(a.code for a in team.areas))
    return team


def _check_role_fields(role: Role, area_codes: Sequence[str], team_name: str | None) -> None:
    if role is Role.VILLAGE_SUPPORTER and not area_codes:
        raise ValidationError("a village supporter needs at least one area", field="areas")
    if role is not Role.VILLAGE_SUPPORTER and area_codes:
        raise ValidationError("only a village supporter has own areas", field="areas")
    if role is Role.DISTRICT_TEAM and not team_name:
        raise ValidationError("a district-team member needs a team", field="team")
    if role is not Role.DISTRICT_TEAM and team_name:
        raise ValidationError("only a district-team member belongs to a team", field="team")


def create_user(
    session: Session,
    hasher: Hasher,
    *,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    area_codes: Sequence[str] = (),
    team_name: str | None = None,
    check_rules: bool = True,
) -> User:
    username = normalise_username(username)
    if not USERNAME_PATTERN.fullmatch(username):
        raise ValidationError(
            "a username is 2 to 64 characters: letters, digits, '.', '_' or '-'",
            field="username",
        )
    display_name = _name(display_name, "display name", "display_name", max_length=120)
    area_codes = list(area_codes)
    _check_role_fields(role, area_codes, team_name)
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise ConflictError(f"there already is a user {username!r}")
    if check_rules:
        check_password_rules(password, username=username, display_name=display_name)
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        team=find_team(session, team_name) if team_name else None,
        areas=[find_area(session, code) for code in area_codes],
    )
    session.add(user)
    log_directory(session, user)
    session.add(Credential(user_id=user.id, password_hash=hasher.hash(password)))
    log.info("user %s created (%s)", username, role.value)
    return user


def update_user(
    session: Session,
    username: str,
    *,
    display_name: str | None = None,
    role: Role | None = None,
    area_codes: Sequence[str] | None = None,
    team_name: str | None = None,
) -> User:
    """Change a user's name, role, areas or team; the result must fit the role."""
    user = find_user(session, username)
    new_role = role or user.role
    codes = list(area_codes) if area_codes is not None else [a.code for a in user.areas]
    team = team_name if team_name is not None else (user.team.name if user.team else None)
    if role is not None and role is not user.role:
        # A new role drops what belonged to the old one unless given again.
        codes = list(area_codes or [])
        team = team_name
    _check_role_fields(new_role, codes, team)
    if display_name is not None:
        user.display_name = _name(display_name, "display name", "display_name", max_length=120)
    user.role = new_role
    user.areas = [find_area(session, code) for code in codes]
    user.team = find_team(session, team) if team else None
    log_directory(session, user)
    log.info("user %s updated", user.username)
    return user


def set_password(session: Session, hasher: Hasher, username: str, password: str) -> int:
    """Reset a password: ends the user's tokens and lifts a lockout; returns tokens ended."""
    user = find_user(session, username)
    check_password_rules(password, username=user.username, display_name=user.display_name)
    credential = session.get(Credential, user.id)
    if credential is None:
        session.add(Credential(user_id=user.id, password_hash=hasher.hash(password)))
    else:
        credential.password_hash = hasher.hash(password)
        credential.changed_at = utcnow()
    forgive_attempts(session, user.username, _device_ids(session, user.id))
    ended = end_user_tokens(session, user.id)
    log.info("password of user %s reset; %d device token(s) ended", user.username, ended)
    return ended


def set_active(session: Session, username: str, active: bool) -> User:
    user = find_user(session, username)
    user.active = active
    log_directory(session, user)
    if not active:
        end_user_tokens(session, user.id)
    log.info("user %s %s", user.username, "reactivated" if active else "deactivated")
    return user


def _device_ids(session: Session, user_id: uuid.UUID) -> list[uuid.UUID]:
    return list(session.scalars(select(Device.id).where(Device.user_id == user_id)))


def unlock(session: Session, username: str) -> None:
    """Lift a login lockout (after the owner proved who they are another way): the
    failures counted on the name and on each of the user's devices."""
    name = normalise_username(username)
    user = session.scalar(select(User).where(User.username == name))
    forgive_attempts(session, name, _device_ids(session, user.id) if user else ())
    log.info("login lockout of %s lifted", name)


@dataclass(frozen=True)
class DeviceInfo:
    id: uuid.UUID
    short_code: str
    username: str
    created_at: datetime  # the first sign-in: a device is registered by it
    last_seen_at: datetime | None
    revoked_at: datetime | None
    last_login_at: datetime | None = None  # the last sign-in


def list_devices(session: Session, username: str | None = None) -> list[DeviceInfo]:
    """Every device (or one user's), grouped by user, oldest first."""
    query = select(Device, User.username).join(User, User.id == Device.user_id)
    if username is not None:
        query = query.where(User.username == find_user(session, username).username)
    return [
        DeviceInfo(
            id=device.id,
            short_code=device.short_code,
            username=name,
            created_at=device.created_at,
            last_seen_at=device.last_seen_at,
            revoked_at=device.revoked_at,
            last_login_at=device.last_login_at,
        )
        for device, name in session.execute(query.order_by(User.username, Device.code_number))
    ]


def find_device(session: Session, key: str) -> Device:
    """A device by short code (K3) or by its id."""
    conditions = [Device.short_code == key.strip().upper()]
    with contextlib.suppress(ValueError):  # not an id: a short code only
        conditions.append(Device.id == uuid.UUID(key.strip()))
    device = session.scalar(select(Device).where(or_(*conditions)))
    if device is None:
        raise NotFoundError(f"no device {key!r}")
    return device


def device_owner(session: Session, device: Device) -> User:
    user = session.get(User, device.user_id)
    assert user is not None, "a device always has its user"
    return user


def revoke_device(
    session: Session, key: str, *, new_password: str | None = None, hasher: Hasher | None = None
) -> Device:
    """Revoke a device for good: its token ends and it gets nothing at login again.

    Whoever has the lost laptop may also know the password, and it still works from any
    other device id; with ``new_password`` the user's password is reset in the same
    transaction, so the old one fails everywhere at once (and their other tokens end).
    """
    device = find_device(session, key)
    if new_password is not None:
        if hasher is None:
            raise ValueError("a password reset needs the hasher")
        set_password(session, hasher, device_owner(session, device).username, new_password)
    now = utcnow()
    if device.revoked_at is None:
        device.revoked_at = now
    for token in session.scalars(
        select(DeviceToken).where(
            DeviceToken.device_id == device.id, DeviceToken.revoked_at.is_(None)
        )
    ):
        token.revoked_at = now
    log.info(
        "device %s (%s) revoked%s",
        device.short_code,
        device.id,
        "; the user's password was reset" if new_password is not None else "",
    )
    return device


@dataclass(frozen=True)
class DemoLoad:
    users: int  # 0: the demo directory was there already
    rows: dict[str, int]  # generated rows per table, when requests were asked for


def load_demo(
    session: Session, hasher: Hasher, password: str = DEMO_PASSWORD, *, requests: int = 0
) -> DemoLoad:
    """Install the demo municipality's directory, every user with the demo password,
    and ``requests`` of its requests (server/demo_load.py), logged for the laptops.

    Nothing is ever loaded twice: the directory goes only into an empty one, and
    requests only into a server without any, whose directory is the demo's (loaded
    now or by an earlier ``load-demo``).
    """
    if requests < 0:
        raise ValidationError("the number of requests must not be negative", field="requests")
    users = 0
    if (
        session.scalar(select(User.id).limit(1)) is None
        and session.scalar(select(Area.id).limit(1)) is None
    ):
        demo.install_directory(session)
        session.flush()
        password_hash = hasher.hash(password)
        for user in demo.USERS:
            # One hash for all: the demo password is public, a salt per user protects nothing.
            session.add(Credential(user_id=user.id, password_hash=password_hash))
        users = len(demo.USERS)
        log.info("demo directory loaded: %d users", users)
    elif not requests:
        raise ConflictError("the directory is not empty: the demo loads only into a new server")
    elif not _has_demo_directory(session):
        raise ConflictError(
            "the directory is not empty and is not the demo's: demo requests load only into "
            "a new server or one loaded with `load-demo`"
        )
    rows: dict[str, int] = {}
    if requests:
        if session.scalar(select(HelpRequest.id).limit(1)) is not None:
            raise ConflictError(
                "the server holds requests already: demo requests load only into a server "
                "without any"
            )
        rows = demo_load.load_requests(session, requests)
    return DemoLoad(users, rows)


def _has_demo_directory(session: Session) -> bool:
    ids = [user.id for user in demo.USERS] + [area.id for area in demo.AREAS]
    found = session.scalar(select(func.count()).select_from(User).where(User.id.in_(ids)))
    found = (found or 0) + (
        session.scalar(select(func.count()).select_from(Area).where(Area.id.in_(ids))) or 0
    )
    return found == len(ids)


def restored(session: Session) -> str:
    """The step after restoring a backup (docs/server.md "Backup and restore"): the
    database gets a new epoch, so every cursor given out before is refused (409
    ``unknown_cursor``) and the laptops pull again from scratch and send again the ops
    they keep, whose results the restore may have lost; scope changes waiting for a
    page's confirmation are dropped and every device's scope is marked to be sent again
    whole. Returns the new epoch."""
    numbering = Numbering.locked(session)  # waits for pushes still numbering changes
    epoch = secrets.token_hex(6)
    while epoch == numbering.epoch:
        epoch = secrets.token_hex(6)
    session.execute(update(SyncCounter).where(SyncCounter.id == 1).values(epoch=epoch))
    session.execute(delete(ScopeDelta))
    session.execute(update(DeviceScope).values(stale=True))
    log.info("restored: epoch %s follows %s at change %d", epoch, numbering.epoch, numbering.last)
    return epoch


def reassign(session: Session, reference: str, username: str, reason: str = "") -> str:
    """Hand a request to another supporter or team member by reference (leave,
    departure), as an administrator does from the desktop: the same step, taken by the
    first active administrator and logged, so it reaches the laptops with their next
    pull. Returns the new owner's display name."""
    administrator = session.scalar(
        select(User.id)
        .where(User.role == Role.ADMINISTRATOR, User.active.is_(True), User.deleted_at.is_(None))
        .order_by(User.username)
        .limit(1)
    )
    if administrator is None:
        raise NotFoundError("there is no active administrator to act as: create one first")
    new_owner = find_user(session, username)
    principal = load_principal(session, administrator)
    numbering = Numbering.locked(session)
    sink = ResultSink()
    with record_changes_in(session, sink):
        view = workflow.reassign(
            session, principal, reference, new_owner_id=new_owner.id, reason=reason
        )
    session.flush()
    write(session, numbering, sink.changes, Origin(None, None, principal.user_id, None))
    numbering.save()
    log.info("request %s reassigned to %s", view.reference, new_owner.username)
    return view.owner_name or new_owner.display_name
