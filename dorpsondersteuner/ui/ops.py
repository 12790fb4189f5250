"""What the desktop app asks the register, as functions the task manager runs on its
worker: each takes a Session (or nothing) and returns frozen DTOs, never ORM objects.

Thin on purpose: every rule lives in the services; this module only bundles the calls
one screen needs into one task. It imports SQLAlchemy and the services, so it is only
imported after the first paint.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..models.enums import LifeDomain, Urgency
from ..register import DEMO_REGISTER_KEY, Register, open_register
from ..services.access import Principal, load_principal, request_scope
from ..services.directory import AreaChoice, area_choices, register_kind
from ..services.lists import (
    RequestFilter,
    SortKey,
    count_requests,
    request_detail,
    request_ids,
    request_rows,
)
from ..services.records import list_helpers
from ..services.residents import find_residents, get_resident
from ..services.views import HelperView, RequestDetail, RequestRow, ResidentMatch, ResidentView
from ..services.workflow import (
    IntakeInput,
    Refusal,
    ResidentInput,
    edit_refusal,
    edit_request,
    may_register_requests,
    register_request,
)
from .messages import UnknownUserError

PAGE = 50  # rows fetched per task; the first page comes with the ids
DEMO_REQUESTS = 5000  # in the demo register made on first start

__all__ = [
    "PAGE",
    "AreaChoice",
    "IntakeInput",
    "LifeDomain",
    "RequestFilter",
    "ResidentInput",
    "SortKey",
    "Urgency",
]


# --- Opening -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUserChoice:
    username: str
    display_name: str
    role: object  # models.enums.Role
    areas: str  # area or team names, to recognise the user


def demo_users() -> list[DemoUserChoice]:
    """The demo directory's users, for the "who are you" choice (D1)."""
    from ..demo.directory import AREAS, USERS

    names = {area.code: area.name for area in AREAS}
    return [
        DemoUserChoice(
            user.username,
            user.display_name,
            user.role,
            user.team_name or ", ".join(names[code] for code in user.area_codes),
        )
        for user in USERS
    ]


def open_demo(path: Path, *, requests: int | None = None) -> Register:
    """Open the demo register, making it first when it is not there yet."""
    if not path.exists():
        from ..demo.generator import create_demo_register

        create_demo_register(path, requests=DEMO_REQUESTS if requests is None else requests)
    return open_register(path, DEMO_REGISTER_KEY)


@dataclass(frozen=True)
class SignedIn:
    principal: Principal
    register_kind: str | None
    areas: tuple[AreaChoice, ...]
    may_register: bool
    sees_content: bool


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
        may_register=may_register_requests(principal),
        sees_content=request_scope(principal) is not None,
    )


def demo_user_id(username: str) -> uuid.UUID:
    from ..demo.directory import demo_id

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


def helpers(session: Session, principal: Principal) -> list[HelperView]:
    return list_helpers(session, principal)


# --- One request ---------------------------------------------------------------------


@dataclass(frozen=True)
class DetailResult:
    detail: RequestDetail
    edit_refusal: Refusal | None


def detail(session: Session, principal: Principal, request_id: uuid.UUID) -> DetailResult:
    return DetailResult(
        request_detail(session, principal, request_id),
        edit_refusal(session, principal, request_id),
    )


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
