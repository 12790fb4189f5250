"""Contacts, follow-ups, help from the own circle, and neighbourhood helpers.

Ordinary records (sync rule 5): created once with a ``create`` op, edited per field
with ``set`` ops, deleted with a tombstone. Each change on a request's records also
appends a history entry to that request.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from ..clock import local_date, now_utc
from ..errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from ..models import Area, ArrangedHelp, Contact, FollowUp, Helper, HelpRequest, User
from ..models.enums import ContactKind, EventKind, HelperSkill
from . import search, validation
from .access import (
    Principal,
    can_view_contact,
    can_view_helper,
    helper_area_ids,
    may_change_contact,
    may_mark_professionals_only,
    still_works_there,
    visible_contacts,
    visible_helpers,
)
from .changes import ChangeRecorder, note_change
from .history import add_history_event
from .views import HelperView
from .workflow import require_editable


def _touch(request: HelpRequest) -> None:
    """A change to a request's records is a change of the request, for its list row."""
    request.updated_at = now_utc()
    session = object_session(request)
    assert session is not None
    note_change(session, "help_requests", request.id)


# --- Contacts ------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    kind: ContactKind
    contact_date: date
    minutes: int
    summary: str
    professionals_only: bool = False


def _contact_fields(principal: Principal, data: ContactInput) -> dict[str, object]:
    if data.professionals_only and not may_mark_professionals_only(principal):
        # A supporter could not see such a contact afterwards (D5).
        raise ForbiddenError("only professionals mark a contact 'professionals only'")
    return {
        "kind": data.kind,
        "contact_date": validation.not_in_future(
            data.contact_date, local_date(now_utc()), "contact_date"
        ),
        "minutes": validation.minutes(data.minutes),
        "summary": validation.text(data.summary, "summary", required=False),
        "professionals_only": data.professionals_only,
    }


def add_contact(
    session: Session, principal: Principal, request_id: uuid.UUID, data: ContactInput
) -> uuid.UUID:
    request = require_editable(session, principal, request_id)
    fields = _contact_fields(principal, data)
    recorder = ChangeRecorder(session, principal)
    contact = Contact(id=uuid.uuid4(), request_id=request.id, author_id=principal.user_id, **fields)
    recorder.create(contact)
    _touch(request)
    add_history_event(
        recorder, request, EventKind.CONTACT_ADDED, now_utc(), details={"contact": str(contact.id)}
    )
    return contact.id


def _visible_contact(
    session: Session, principal: Principal, contact_id: uuid.UUID
) -> tuple[Contact, HelpRequest]:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise NotFoundError("no such contact")
    request = session.get_one(HelpRequest, contact.request_id)
    if not can_view_contact(principal, request, contact.professionals_only):
        raise NotFoundError("no such contact")
    return contact, request


def _may_change(
    session: Session, principal: Principal, contact: Contact, request: HelpRequest
) -> bool:
    return may_change_contact(
        principal,
        author_id=contact.author_id,
        owner_id=request.owner_id,
        author_works_there=contact.author_id == principal.user_id
        or still_works_there(session, contact.author_id, request.area_id),
    )


def contact_for_change(
    session: Session, principal: Principal, contact_id: uuid.UUID
) -> tuple[Contact, HelpRequest]:
    """The contact and its request, when the principal may change the contact now:
    its author, or the request's owner once the author no longer works there."""
    contact, request = _visible_contact(session, principal, contact_id)
    require_editable(session, principal, request.id)
    if not _may_change(session, principal, contact, request):
        raise ForbiddenError(
            "only its author, or the owner once the author left, changes a contact"
        )
    return contact, request


def changeable_contacts(
    session: Session, principal: Principal, request: HelpRequest
) -> frozenset[uuid.UUID]:
    """The contacts of a request the principal may change, by the contact rule alone
    (whether the request may change now is ``edit_refusal_of``)."""
    contacts = session.scalars(
        select(Contact).where(Contact.request_id == request.id, visible_contacts(principal))
    )
    return frozenset(c.id for c in contacts if _may_change(session, principal, c, request))


def edit_contact(
    session: Session, principal: Principal, contact_id: uuid.UUID, data: ContactInput
) -> bool:
    contact, request = contact_for_change(session, principal, contact_id)
    fields = _contact_fields(principal, data)
    recorder = ChangeRecorder(session, principal)
    changed = [name for name, value in fields.items() if recorder.set(contact, name, value)]
    if changed:
        contact.updated_at = now_utc()
        _touch(request)
        add_history_event(
            recorder,
            request,
            EventKind.CONTACT_EDITED,
            now_utc(),
            details={"contact": str(contact.id), "fields": changed},
        )
    return bool(changed)


def delete_contact(session: Session, principal: Principal, contact_id: uuid.UUID) -> None:
    contact, request = contact_for_change(session, principal, contact_id)
    recorder = ChangeRecorder(session, principal)
    now = now_utc()
    recorder.tombstone(contact, now)
    _touch(request)
    add_history_event(
        recorder, request, EventKind.CONTACT_DELETED, now, details={"contact": str(contact.id)}
    )


# --- Follow-ups ----------------------------------------------------------------------


def add_follow_up(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    description: str,
    due_on: date,
    assignee_id: uuid.UUID | None = None,
) -> uuid.UUID:
    request = require_editable(session, principal, request_id)
    description = validation.text(description, "description", limit=500)
    if assignee_id is not None and session.get(User, assignee_id) is None:
        raise ValidationError("no such user to assign", field="assignee_id")
    recorder = ChangeRecorder(session, principal)
    follow_up = FollowUp(
        id=uuid.uuid4(),
        request_id=request.id,
        description=description,
        due_on=due_on,
        assignee_id=assignee_id or principal.user_id,
    )
    recorder.create(follow_up)
    _touch(request)
    add_history_event(
        recorder,
        request,
        EventKind.FOLLOW_UP_ADDED,
        now_utc(),
        details={"follow_up": str(follow_up.id)},
    )
    return follow_up.id


def follow_up_for_edit(
    session: Session, principal: Principal, follow_up_id: uuid.UUID
) -> tuple[FollowUp, HelpRequest]:
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None or follow_up.deleted_at is not None:
        raise NotFoundError("no such follow-up")
    request = require_editable(session, principal, follow_up.request_id)
    return follow_up, request


def complete_follow_up(
    session: Session, principal: Principal, follow_up_id: uuid.UUID, *, done_on: date | None = None
) -> None:
    follow_up, request = follow_up_for_edit(session, principal, follow_up_id)
    if follow_up.done_on is not None:
        raise ConflictError("this follow-up is already done", code="already_done")
    now = now_utc()
    done_on = validation.not_in_future(done_on or local_date(now), local_date(now), "done_on")
    recorder = ChangeRecorder(session, principal)
    recorder.set(follow_up, "done_on", done_on)
    follow_up.updated_at = now
    _touch(request)
    add_history_event(
        recorder, request, EventKind.FOLLOW_UP_DONE, now, details={"follow_up": str(follow_up.id)}
    )


def reschedule_follow_up(
    session: Session,
    principal: Principal,
    follow_up_id: uuid.UUID,
    *,
    description: str,
    due_on: date,
) -> bool:
    follow_up, request = follow_up_for_edit(session, principal, follow_up_id)
    recorder = ChangeRecorder(session, principal)
    changed = [
        name
        for name, value in (
            ("description", validation.text(description, "description", limit=500)),
            ("due_on", due_on),
        )
        if recorder.set(follow_up, name, value)
    ]
    if changed:
        follow_up.updated_at = now_utc()
        _touch(request)
        add_history_event(
            recorder,
            request,
            EventKind.FOLLOW_UP_EDITED,
            now_utc(),
            details={"follow_up": str(follow_up.id), "fields": changed},
        )
    return bool(changed)


# --- Own circle: neighbourhood helpers and arranged help -----------------------------


@dataclass(frozen=True)
class HelperInput:
    name: str
    area_id: uuid.UUID
    skills: HelperSkill
    consent_registered_on: date
    phone: str = ""
    email: str = ""
    skills_note: str = ""
    availability: str = ""


def _helper_fields(principal: Principal, data: HelperInput) -> dict[str, object]:
    if data.area_id not in helper_area_ids(principal):
        raise ForbiddenError("you may not register helpers in this area")
    if not data.skills:
        raise ValidationError("choose at least one thing the helper can do", field="skills")
    return {
        "name": validation.text(data.name, "name", limit=120),
        "area_id": data.area_id,
        "skills": data.skills,
        "consent_registered_on": validation.not_in_future(
            data.consent_registered_on, local_date(now_utc()), "consent_registered_on"
        ),
        "phone": validation.phone(data.phone),
        "email": validation.text(data.email, "email", required=False, limit=120),
        "skills_note": validation.text(data.skills_note, "skills_note", required=False, limit=500),
        "availability": validation.text(
            data.availability, "availability", required=False, limit=200
        ),
    }


def register_helper(session: Session, principal: Principal, data: HelperInput) -> uuid.UUID:
    """Register a neighbourhood helper, with their consent to be registered."""
    helper = Helper(id=uuid.uuid4(), active=True, **_helper_fields(principal, data))
    ChangeRecorder(session, principal).create(helper)
    return helper.id


def visible_helper(session: Session, principal: Principal, helper_id: uuid.UUID) -> Helper:
    helper = session.get(Helper, helper_id)
    if helper is None or not can_view_helper(
        principal, helper.area_id, helper.deleted_at is not None
    ):
        raise NotFoundError("no such helper")
    return helper


def edit_helper(
    session: Session,
    principal: Principal,
    helper_id: uuid.UUID,
    data: HelperInput,
    *,
    active: bool = True,
) -> bool:
    helper = visible_helper(session, principal, helper_id)
    fields = {**_helper_fields(principal, data), "active": active}
    recorder = ChangeRecorder(session, principal)
    changed = [name for name, value in fields.items() if recorder.set(helper, name, value)]
    if changed:
        helper.updated_at = now_utc()
    return bool(changed)


def list_helpers(
    session: Session,
    principal: Principal,
    *,
    area_id: uuid.UUID | None = None,
    skill: HelperSkill | None = None,
    text: str = "",
    active_only: bool = True,
) -> list[HelperView]:
    query = (
        select(Helper, Area.name)
        .join(Area, Area.id == Helper.area_id)
        .where(visible_helpers(principal))
        .order_by(Helper.name)
    )
    if area_id is not None:
        query = query.where(Helper.area_id == area_id)
    if skill:
        query = query.where(Helper.skills.op("&")(int(skill)) != 0)
    if active_only:
        query = query.where(Helper.active.is_(True))
    for word in search.words(text):
        pattern = f"%{word}%"
        query = query.where(
            Helper.name.ilike(pattern)
            | Helper.skills_note.ilike(pattern)
            | Helper.availability.ilike(pattern)
        )
    return [
        HelperView(
            id=h.id,
            name=h.name,
            phone=h.phone,
            email=h.email,
            area_id=h.area_id,
            area_name=area_name,
            skills=h.skills,
            skills_note=h.skills_note,
            availability=h.availability,
            consent_registered_on=h.consent_registered_on,
            active=h.active,
        )
        for h, area_name in session.execute(query)
    ]


def count_active_helpers(session: Session) -> dict[str, int]:
    """Active helpers per area code: the only view of helpers the municipality gets."""
    rows = session.execute(
        select(Area.code, func.count(Helper.id))
        .join(Helper, Helper.area_id == Area.id)
        .where(Helper.active.is_(True), Helper.deleted_at.is_(None))
        .group_by(Area.code)
    )
    return {code: count for code, count in rows}


def arrange_help(
    session: Session,
    principal: Principal,
    request_id: uuid.UUID,
    *,
    description: str,
    arranged_on: date,
    helper_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Record help arranged from the own circle: a registered helper, or someone from
    the resident's own network described in words."""
    request = require_editable(session, principal, request_id)
    if helper_id is not None:
        helper = visible_helper(session, principal, helper_id)
        if not helper.active:
            raise ValidationError("this helper is no longer active", field="helper_id")
    arranged = ArrangedHelp(
        id=uuid.uuid4(),
        request_id=request.id,
        helper_id=helper_id,
        description=validation.text(description, "description", limit=500),
        arranged_on=validation.not_in_future(arranged_on, local_date(now_utc()), "arranged_on"),
    )
    recorder = ChangeRecorder(session, principal)
    recorder.create(arranged)
    _touch(request)
    add_history_event(
        recorder, request, EventKind.HELP_ARRANGED, now_utc(), details={"help": str(arranged.id)}
    )
    return arranged.id


def end_help(
    session: Session, principal: Principal, arranged_id: uuid.UUID, *, ended_on: date
) -> None:
    arranged = session.get(ArrangedHelp, arranged_id)
    if arranged is None or arranged.deleted_at is not None:
        raise NotFoundError("no such arranged help")
    request = require_editable(session, principal, arranged.request_id)
    if arranged.ended_on is not None:
        raise ConflictError("this help has already ended", code="already_ended")
    if ended_on < arranged.arranged_on:
        raise ValidationError("help cannot end before it was arranged", field="ended_on")
    recorder = ChangeRecorder(session, principal)
    recorder.set(arranged, "ended_on", ended_on)
    _touch(request)
    add_history_event(
        recorder, request, EventKind.HELP_ENDED, now_utc(), details={"help": str(arranged.id)}
    )
