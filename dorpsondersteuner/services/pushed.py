"""What a pushed ``create``, ``set`` or ``tombstone`` op may write (D2, D15).

A laptop records its own changes as ops; the server takes each one again on its own
state, so a laptop running altered code (or a forged request) cannot write what the
program would not. The rules are the services' own: who may change a request and its
records (``require_editable``, the contact rule, the resident rule), the limits of
each field (``validation``). Level, status, owner, highest level reached, consent and
the close fields change only through steps (``workflow.take_step``); the D9 columns
only through their own operations; ids, authors and links only at creation.

Each function raises the core's errors (``NotFoundError`` for a record the user may
not see, exactly as for one that does not exist), so the server answers them the way
it answers any other refusal.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import String, select
from sqlalchemy.orm import Session

from ..clock import local_date, now_utc
from ..errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from ..models import (
    ArrangedHelp,
    Contact,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
)
from ..models.base import Base
from ..models.enums import EventKind, Level, Status
from . import validation
from .access import (
    Principal,
    helper_area_ids,
    may_mark_professionals_only,
    may_register_requests,
    resident_area_ids,
)
from .changes import from_wire
from .records import contact_for_change, follow_up_for_edit, visible_helper
from .residents import require_edit_rights, visible_resident
from .wmo import may_record_wmo
from .workflow import require_editable, visible_request

# The fields a user changes with a ``set`` op, per entity.
SETTABLE: Mapping[str, frozenset[str]] = {
    "residents": frozenset(
        {
            "first_name",
            "name_prefix",
            "last_name",
            "street",
            "house_number",
            "postcode",
            "place",
            "phone",
            "area_id",
            "merged_into_id",
        }
    ),
    "help_requests": frozenset(
        {
            "question",
            "life_domains",
            "urgency",
            "resident_id",
            "wmo_melding_on",
            "wmo_personal_plan_on",
            "wmo_aanvraag_on",
            "wmo_decision_on",
            "wmo_decision",
        }
    ),
    "contacts": frozenset({"kind", "contact_date", "minutes", "summary", "professionals_only"}),
    "follow_ups": frozenset({"description", "due_on", "done_on", "assignee_id"}),
    "helpers": frozenset(
        {
            "name",
            "phone",
            "email",
            "area_id",
            "skills",
            "skills_note",
            "availability",
            "consent_registered_on",
            "active",
        }
    ),
    "arranged_help": frozenset({"description", "arranged_on", "ended_on", "helper_id"}),
}

_WMO_FIELDS = frozenset(
    {"wmo_melding_on", "wmo_personal_plan_on", "wmo_aanvraag_on", "wmo_decision_on", "wmo_decision"}
)

# The events a step records: they travel inside the step op, never as a create.
STEP_EVENTS = frozenset(
    {
        EventKind.ESCALATED,
        EventKind.PICKED_UP,
        EventKind.HANDED_BACK,
        EventKind.CLOSED,
        EventKind.REOPENED,
        EventKind.STATUS_CHANGED,
        EventKind.CONSENT_GIVEN,
        EventKind.CONSENT_WITHDRAWN,
        EventKind.REASSIGNED,
    }
)


def _fixed_at_creation(principal: Principal, entity: str) -> dict[str, Any]:
    """Fields a new record has by rule, whatever the laptop sent: a request starts at
    village level, open, owned by the supporter who took it in (``register_request``)."""
    unset: dict[str, Any] = {"deleted_at": None}
    match entity:
        case "help_requests":
            return {
                **unset,
                "level": Level.VILLAGE,
                "status": Status.OPEN,
                "highest_level": Level.VILLAGE,
                "owner_id": principal.user_id,
                "contact_person_id": principal.user_id,
                "created_by_id": principal.user_id,
                "consent_district_team_on": None,
                "consent_municipality_on": None,
                "consent_withdrawn_on": None,
                "closed_at": None,
                "closed_level": None,
                "outcome": None,
                "outcome_note": "",
                "anonymised_at": None,
                **dict.fromkeys(_WMO_FIELDS),
            }
        case "residents":
            return {**unset, "merged_into_id": None, "anonymised_at": None}
        case "contacts":
            return {**unset, "author_id": principal.user_id}
        case "follow_ups":
            return {**unset, "done_on": None}
        case "arranged_help":
            return {**unset, "ended_on": None}
        case "history_events":
            return {"actor_id": principal.user_id}
    return unset


# Fields given once, at creation, beside the settable ones.
_CREATABLE: Mapping[str, frozenset[str]] = {
    "help_requests": frozenset({"reference", "area_id", "consent_record_on"}),
    "contacts": frozenset({"request_id"}),
    "follow_ups": frozenset({"request_id"}),
    "arranged_help": frozenset({"request_id"}),
    "history_events": frozenset(
        {
            "request_id",
            "at",
            "device_id",
            "kind",
            "from_level",
            "to_level",
            "from_status",
            "to_status",
            "reason",
            "details",
        }
    ),
}

MODELS: Mapping[str, type[Base]] = {
    model.__tablename__: model
    for model in (Resident, HelpRequest, Contact, FollowUp, Helper, ArrangedHelp, HistoryEvent)
}

# Dates that record what already happened: never in the future.
_PAST_DATES = frozenset(
    {"contact_date", "consent_registered_on", "done_on", "arranged_on", "consent_record_on"}
)
_SPECIAL: Mapping[str, Callable[[Any], Any]] = {
    "postcode": validation.postcode,
    "phone": validation.phone,
    "minutes": validation.minutes,
}


def model_of(entity: str) -> type[Base]:
    model = MODELS.get(entity)
    if model is None:
        raise ValidationError(f"no entity {entity!r} takes pushed records", code="unknown_entity")
    return model


def checked_value(model: type[Base], field: str, wire_value: Any) -> Any:
    """A pushed value as the column's value, within the field's limits."""
    try:
        value = from_wire(model, field, wire_value)
    except ValueError as error:
        raise ValidationError(str(error), field=field) from None
    column = model.__table__.columns[field]
    if value is None:
        if not column.nullable:
            raise ValidationError(f"{field} is required", field=field, code="required")
        return None
    if field in _SPECIAL:
        return _SPECIAL[field](value)
    if isinstance(value, str):
        limit = column.type.length if isinstance(column.type, String) else None
        required = column.default is None and not column.nullable
        return validation.text(value, field, required=required, limit=limit or validation.MAX_TEXT)
    if field in _PAST_DATES and isinstance(value, date):
        return validation.not_in_future(value, local_date(now_utc()), field)
    if field in ("life_domains", "skills") and not value:
        raise ValidationError(f"choose at least one for {field}", field=field, code="required")
    return value


def _writable(entity: str, field: str, *, creating: bool) -> None:
    model = model_of(entity)
    if field not in model.__table__.columns:
        raise ValidationError(f"{entity} has no field {field!r}", field=field, code="unknown_field")
    allowed = SETTABLE.get(entity, frozenset())
    if creating:
        allowed = allowed | _CREATABLE.get(entity, frozenset())
    if field not in allowed:
        raise ValidationError(
            f"{entity}.{field} is not written this way", field=field, code="field_not_writable"
        )


def create(
    session: Session,
    principal: Principal,
    entity: str,
    record_id: uuid.UUID,
    wire: dict[str, Any],
    *,
    known_new: bool = False,
) -> Base:
    """The record a pushed ``create`` makes, checked and not yet added. ``known_new``:
    the caller found that no record has this id (a push asks for all of its creates'
    ids in one query instead of one each)."""
    model = model_of(entity)
    if not known_new and session.get(model, record_id) is not None:
        raise ConflictError(f"{entity} {record_id} exists already", code="exists")
    fixed = _fixed_at_creation(principal, entity)
    values: dict[str, Any] = {}
    for field, wire_value in wire.items():
        if field == "id":
            if str(wire_value) != str(record_id):
                raise ValidationError("the record's id differs from the op's", field="id")
            continue
        if field in fixed:
            if from_wire(model, field, wire_value) != fixed[field]:
                raise ValidationError(
                    f"a new record's {field} is set by the rules, not by the laptop",
                    field=field,
                    code="field_not_writable",
                )
            continue
        _writable(entity, field, creating=True)
        values[field] = checked_value(model, field, wire_value)
    _may_create(session, principal, entity, values)
    return model(**{**values, **fixed, "id": record_id})


def _may_create(
    session: Session, principal: Principal, entity: str, values: dict[str, Any]
) -> None:
    if entity == "residents":
        if values.get("area_id") not in resident_area_ids(principal):
            raise ForbiddenError("you may not register residents in this area")
    elif entity == "help_requests":
        if not may_register_requests(principal):
            raise ForbiddenError("only village supporters register new requests")
        resident = visible_resident(
            session, principal, values.get("resident_id") or uuid.UUID(int=0)
        )
        area_id = values.get("area_id")
        if area_id not in principal.area_ids or resident.area_id != area_id:
            raise ForbiddenError("the resident lives outside your areas")
        if values.get("consent_record_on") is None:
            raise ValidationError(
                "the resident's consent to record is required",
                field="consent_record_on",
                code="no_consent_to_record",
            )
        reference = values.get("reference")
        if not reference or session.scalar(
            select(HelpRequest.id).where(HelpRequest.reference == reference)
        ):
            raise ValidationError("the reference is missing or taken", field="reference")
    elif entity == "helpers":
        if values.get("area_id") not in helper_area_ids(principal):
            raise ForbiddenError("you may not register helpers in this area")
    else:  # records of a request
        request = require_editable(session, principal, values.get("request_id") or uuid.UUID(int=0))
        professional = values.get("professionals_only")
        if entity == "contacts" and professional and not may_mark_professionals_only(principal):
            raise ForbiddenError("only professionals mark a contact 'professionals only'")
        if entity == "arranged_help" and values.get("helper_id") is not None:
            visible_helper(session, principal, values["helper_id"])
        if entity == "history_events":
            _may_record_event(session, principal, request, values.get("kind"))


def _may_record_event(
    session: Session, principal: Principal, request: HelpRequest, kind: EventKind | None
) -> None:
    if kind is None or kind in STEP_EVENTS:
        raise ValidationError(
            "a step's history event travels inside its step",
            field="kind",
            code="field_not_writable",
        )
    if kind is EventKind.CREATED:
        recorded = session.scalar(
            select(HistoryEvent.id).where(
                HistoryEvent.request_id == request.id, HistoryEvent.kind == EventKind.CREATED
            )
        )
        if request.created_by_id != principal.user_id or recorded is not None:
            raise ForbiddenError("only the intake records a request's creation")


def record_for_change(
    session: Session, principal: Principal, entity: str, record_id: uuid.UUID
) -> Base:
    """The record a pushed ``set`` or ``tombstone`` changes, when the principal may
    change it now."""
    model = model_of(entity)
    record: Any = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"no such {entity}")
    match entity:
        case "help_requests":
            return require_editable(session, principal, record_id)
        case "residents":
            resident = visible_resident(session, principal, record_id)
            require_edit_rights(session, principal, resident)
            return resident
        case "contacts":
            return contact_for_change(session, principal, record_id)[0]
        case "follow_ups":
            return follow_up_for_edit(session, principal, record_id)[0]
        case "helpers":
            return visible_helper(session, principal, record_id)
        case "arranged_help":
            require_editable(session, principal, record.request_id)
            return record  # type: ignore[no-any-return]
    raise ForbiddenError(f"{entity} records are not changed by users")


def set_value(session: Session, principal: Principal, record: Base, field: str, wire: Any) -> Any:
    """The checked value of a pushed ``set`` of ``field`` on ``record`` (from
    ``record_for_change``)."""
    entity = record.__tablename__
    _writable(entity, field, creating=False)
    value = checked_value(type(record), field, wire)
    wmo = entity == "help_requests" and field in _WMO_FIELDS
    if wmo and not may_record_wmo(principal, record):  # type: ignore[arg-type]
        raise ForbiddenError("the Wmo track is the municipality's, at its level")
    if entity == "help_requests" and field == "resident_id":
        require_edit_rights(session, principal, visible_resident(session, principal, value))
    moved = entity == "residents" and field == "area_id" and value != record.area_id  # type: ignore[attr-defined]
    if moved and value not in principal.area_ids:
        raise ForbiddenError("you may not move a resident to an area outside yours")
    if entity == "residents" and field == "merged_into_id" and value is not None:
        require_edit_rights(session, principal, visible_resident(session, principal, value))
    if entity == "helpers" and field == "area_id" and value not in helper_area_ids(principal):
        raise ForbiddenError("you may not move a helper to an area outside yours")
    marked = entity == "contacts" and field == "professionals_only" and value
    if marked and not may_mark_professionals_only(principal):
        raise ForbiddenError("only professionals mark a contact 'professionals only'")
    if entity == "follow_ups" and field == "assignee_id" and value is not None:
        visible_request(session, principal, record.request_id)  # type: ignore[attr-defined]
    return value


def record_for_tombstone(
    session: Session, principal: Principal, entity: str, record_id: uuid.UUID
) -> Base:
    """The record a pushed ``tombstone`` deletes: contacts (by the contact rule) and
    follow-ups of a request the principal may change; nothing else is deleted by users."""
    if entity not in ("contacts", "follow_ups"):
        model_of(entity)
        raise ForbiddenError(f"{entity} records are not deleted by users")
    return record_for_change(session, principal, entity, record_id)
