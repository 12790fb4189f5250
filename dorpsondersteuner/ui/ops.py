"""What the desktop app asks the register, as functions the task manager runs on its
worker: each takes a Session (or nothing) and returns frozen DTOs, never ORM objects.

Thin on purpose: every rule lives in the services; this module only bundles the calls
one screen needs into one task. It imports SQLAlchemy and the services, so it is only
imported after the first paint.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..demo.calendar import open_demo_register
from ..demo.directory import DemoUserChoice, demo_id, demo_user_choices
from ..enums import HelperSkill, Level, LifeDomain, Urgency
from ..errors import NotFoundError
from ..register import Register
from ..services import admin_views, drafts, workflow
from ..services.access import Principal, load_principal
from ..services.capabilities import (
    RequestCapabilities,
    ViewCapabilities,
    request_capabilities,
    view_capabilities,
)
from ..services.directory import AreaChoice, area_choices, register_kind
from ..services.lists import (
    RequestFilter,
    SortKey,
    count_requests,
    request_detail,
    request_ids,
    request_rows,
)
from ..services.records import complete_follow_up, end_help, list_helpers
from ..services.residents import find_residents, get_resident
from ..services.views import (
    HelperView,
    ReferenceView,
    RequestDetail,
    RequestRow,
    ResidentMatch,
    ResidentView,
    UserView,
)
from ..services.wmo import DeadlineRow, open_deadlines
from ..services.workflow import (
    IntakeInput,
    ResidentInput,
    edit_request,
    intake_problems,
    register_request,
)
from ..services.worklists import DueFollowUp, QueueRow, due_follow_ups, review_queue
from .messages import UnknownUserError

PAGE = 50  # rows fetched per task; the first page comes with the ids
DEMO_REQUESTS = 5000  # in the demo register made on first start

__all__ = [
    "PAGE",
    "AreaChoice",
    "DeadlineRow",
    "DemoUserChoice",
    "DueFollowUp",
    "IntakeInput",
    "LifeDomain",
    "QueueRow",
    "RequestFilter",
    "ResidentInput",
    "SortKey",
    "Urgency",
    "complete_follow_up",
    "due_follow_ups",
    "end_help",
    "intake_problems",
    "open_deadlines",
    "review_queue",
]


# --- Opening -------------------------------------------------------------------------


def demo_users() -> list[DemoUserChoice]:
    """The demo directory's users, in the order the "who are you" choice lists them."""
    return demo_user_choices()


def open_demo(path: Path, *, requests: int | None = None) -> Register:
    """Open the demo register, making it first when it is not there yet; its dates
    follow the calendar (demo/calendar.py)."""
    if not path.exists():
        from ..demo.generator import create_demo_register

        create_demo_register(path, requests=DEMO_REQUESTS if requests is None else requests)
    return open_demo_register(path)


@dataclass(frozen=True)
class SignedIn:
    principal: Principal
    register_kind: str | None
    areas: tuple[AreaChoice, ...]
    views: ViewCapabilities  # which lists and pages this user has


def sign_in(session: Session, user_id: uuid.UUID, username: str) -> SignedIn:
    try:
        principal = load_principal(session, user_id)
    except NotFoundError:
        known = [user.username for user in demo_users()]
        raise UnknownUserError(username, known) from None
    return SignedIn(
        principal=principal,
        register_kind=register_kind(session),
        areas=tuple(area_choices(session, principal)),
        views=view_capabilities(principal),
    )


def demo_user_id(username: str) -> uuid.UUID:
    return demo_id("user", username)


# --- Lists ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ListResult:
    ids: tuple[uuid.UUID, ...]
    first_rows: tuple[RequestRow, ...]


def list_ids(
    session: Session,
    principal: Principal,
    where: RequestFilter,
    sort: SortKey,
    descending: bool,
    first: int = PAGE,
) -> ListResult:
    """The ordered ids of the whole list, and the rows of its first page."""
    ids = request_ids(session, principal, where, sort, descending=descending)
    return ListResult(tuple(ids), tuple(request_rows(session, principal, ids[:first])))


def ids(
    session: Session, principal: Principal, where: RequestFilter, sort: SortKey, descending: bool
) -> list[uuid.UUID]:
    return request_ids(session, principal, where, sort, descending=descending)


def rows(session: Session, principal: Principal, ids: list[uuid.UUID]) -> list[RequestRow]:
    return request_rows(session, principal, ids)


def counts(
    session: Session, principal: Principal, filters: dict[str, RequestFilter]
) -> dict[str, int]:
    return {name: count_requests(session, principal, where) for name, where in filters.items()}


def helpers(
    session: Session,
    principal: Principal,
    *,
    area_id: uuid.UUID | None = None,
    skill: HelperSkill | None = None,
    text: str = "",
) -> list[HelperView]:
    return list_helpers(session, principal, area_id=area_id, skill=skill, text=text)


def nav_counts(
    session: Session,
    principal: Principal,
    filters: dict[str, RequestFilter],
    deadlines: bool,
    follow_ups_mine: bool = True,
) -> dict[str, int]:
    """The counts beside the views: request lists by filter, follow-ups due (mine, or
    everyone's I may see, as the follow-ups page is set) and, for the municipality, the
    open Wmo deadlines."""
    result = counts(session, principal, filters)
    result["followups"] = len(due_follow_ups(session, principal, mine_only=follow_ups_mine))
    if deadlines:
        result["deadlines"] = len(open_deadlines(session, principal))
    return result


# --- One request ---------------------------------------------------------------------


@dataclass(frozen=True)
class RefusedChange:
    """A change on this request the server refused (rule 6): this user's own, or a
    colleague's shown to the request's owner."""

    by: str | None  # the colleague's name; None: this user's own change
    kind: str
    reason: str
    at: datetime | None


@dataclass(frozen=True)
class DetailResult:
    detail: RequestDetail
    can: RequestCapabilities  # what this user may do with it now
    refused: tuple[RefusedChange, ...] = ()


def detail(session: Session, principal: Principal, request_id: uuid.UUID) -> DetailResult:
    return DetailResult(
        request_detail(session, principal, request_id),
        request_capabilities(session, principal, request_id),
        refused_changes(session, request_id),
    )


def refused_changes(session: Session, request_id: uuid.UUID) -> tuple[RefusedChange, ...]:
    """The refused changes on a request and its records, not yet put aside."""
    from sqlalchemy import or_, select

    from ..models import User
    from ..models.local import OutboxOp, ReceivedRejectedOp

    own = session.scalars(
        select(OutboxOp)
        .where(OutboxOp.result == "rejected", OutboxOp.not_delivered_reason.is_(None))
        # A change's history entry travels as an op of its own: one line per change.
        .where(OutboxOp.entity != "history_events")
        .where(
            or_(
                OutboxOp.record_id == request_id,
                OutboxOp.payload["request_id"].as_string() == str(request_id),
            )
        )
        .order_by(OutboxOp.position)
    ).all()
    theirs = session.scalars(
        select(ReceivedRejectedOp)
        .where(ReceivedRejectedOp.request_id == request_id)
        .where(ReceivedRejectedOp.reviewed_at.is_(None))
        .order_by(ReceivedRejectedOp.seq)
    ).all()
    names = {}
    if theirs:
        ids = {op.user_id for op in theirs}
        names = {
            row.id: row.display_name
            for row in session.execute(select(User.id, User.display_name).where(User.id.in_(ids)))
        }
    return tuple(
        [RefusedChange(None, str(op.kind), op.reason or "", op.acknowledged_at) for op in own]
        + [
            RefusedChange(names.get(op.user_id, "?"), op.kind, op.reason, op.received_at)
            for op in theirs
        ]
    )


def escalate(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    reason: str,
    acute: bool,
    consent_on: date | None,
    consent_scope: Level | None,
) -> None:
    """Escalate, recording the consent the resident gave just now first (one
    transaction: both or neither)."""
    if consent_on is not None and consent_scope is not None and not acute:
        workflow.give_consent(
            session, principal, request_id, scope=consent_scope, given_on=consent_on
        )
    workflow.escalate(session, principal, request_id, reason=reason, acute=acute)


# --- Drafts (nothing typed is lost) ----------------------------------------------------


def save_draft(
    session: Session, principal: Principal, form: str, key: str, content: dict[str, Any]
) -> None:
    drafts.save_draft(session, principal.user_id, form, key, content)


def load_draft(
    session: Session, principal: Principal, form: str, key: str
) -> tuple[dict[str, Any], datetime] | None:
    return drafts.load_draft(session, principal.user_id, form, key)


def discard_draft(session: Session, principal: Principal, form: str, key: str) -> None:
    drafts.discard_draft(session, principal.user_id, form, key)


@dataclass(frozen=True)
class DraftInfo:
    form: str
    key: str
    saved_at: datetime
    content: dict[str, Any]


def list_drafts(session: Session, principal: Principal) -> list[DraftInfo]:
    found = []
    for form, key, saved_at in drafts.list_drafts(session, principal.user_id):
        loaded = drafts.load_draft(session, principal.user_id, form, key)
        if loaded is not None:
            found.append(DraftInfo(form, key, saved_at, loaded[0]))
    return found


def lookup(session: Session, principal: Principal, text: str) -> list[ResidentMatch]:
    return find_residents(session, principal, text)


def resident(session: Session, principal: Principal, resident_id: uuid.UUID) -> ResidentView:
    return get_resident(session, principal, resident_id)


def register(
    session: Session,
    principal: Principal,
    intake: IntakeInput,
    resident_id: uuid.UUID | None,
    new_resident: ResidentInput | None,
) -> uuid.UUID:
    return register_request(
        session, principal, intake, resident_id=resident_id, new_resident=new_resident
    )


def edit(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    question: str,
    life_domains: LifeDomain,
    urgency: Urgency,
) -> bool:
    return edit_request(
        session,
        principal,
        request_id,
        question=question,
        life_domains=life_domains,
        urgency=urgency,
    )


# --- The administrator's page (D5: references and owners, never content) ---------------


@dataclass(frozen=True)
class ReferencePage:
    rows: tuple[ReferenceView, ...]
    total: int  # how many match; ``rows`` holds at most admin_views.REFERENCE_LIMIT


def references(
    session: Session, principal: Principal, text: str, include_closed: bool
) -> ReferencePage:
    rows = admin_views.reference_list(session, principal, text, include_closed=include_closed)
    total = (
        len(rows)
        if len(rows) < admin_views.REFERENCE_LIMIT
        else admin_views.reference_count(session, principal, text, include_closed=include_closed)
    )
    return ReferencePage(tuple(rows), total)


def reassign_candidates(
    session: Session, principal: Principal, request_id: uuid.UUID
) -> list[UserView]:
    return admin_views.reassign_candidates(session, principal, request_id)


def password_opens(key_file: Path, password: str) -> bool:
    """Whether ``password`` unwraps the register's data key (D4): the lock page's check.
    On a worker: argon2id takes a noticeable moment by design."""
    from ..keys import KeyFileError, WrongPasswordError, unlock_with_password

    try:
        unlock_with_password(key_file, password)
    except (WrongPasswordError, KeyFileError):
        return False
    return True


# --- Real registers (D1, D4) ---------------------------------------------------------


class WrongRegisterPasswordError(Exception):
    """The password does not open this user's register; nothing was opened."""


@dataclass(frozen=True)
class RealUser:
    user_id: uuid.UUID
    username: str


def open_real(folder: Path, password: str) -> tuple[Register, RealUser]:
    """Unlock and open the real register in ``folder`` with its user's password, without
    the network. On the DB worker: argon2id takes a noticeable moment by design."""
    from ..cli import KEY_FILE_NAME
    from ..keys import KeyFileError, WrongPasswordError, unlock_with_password
    from ..paths import REGISTER_NAME

    try:
        data_key = unlock_with_password(folder / KEY_FILE_NAME, password)
    except (WrongPasswordError, KeyFileError):
        raise WrongRegisterPasswordError(folder.name) from None
    return open_with_key(folder / REGISTER_NAME, data_key)


def open_with_key(path: Path, data_key: bytes) -> tuple[Register, RealUser]:
    from ..register import open_register
    from ..sync.engine import sync_state

    register = open_register(path, data_key)
    with register.sessions() as session:
        state = sync_state(session)
        user = RealUser(state.user_id, state.username)
    return register, user
