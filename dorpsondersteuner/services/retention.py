"""Retention (AVG art. 5(1)(e); PRIVACY-SECURITY 3; D9 *anonymise*): a request closed
longer ago than the retention period loses its personal data and free text; the
counts the indicators need (levels, dates, minutes, outcomes) stay.

Replaced: the question and outcome note, contact summaries, follow-up and own-circle
descriptions, history reasons, the text in unsent outbox payloads about these records,
and their search-index rows; the resident's name, address and phone once none of their
requests is still kept. Each anonymised request records one ``anonymise`` op, so the
server and every other laptop do the same. Nothing can be edited afterwards.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..clock import now_utc
from ..models import (
    ArrangedHelp,
    Contact,
    FollowUp,
    HelpRequest,
    HistoryEvent,
    OpKind,
    OutboxOp,
    Resident,
)
from ..models.enums import Status
from . import search
from .access import Principal
from .changes import ChangeRecorder

DEFAULT_RETENTION = timedelta(days=730)  # 24 months; the municipality confirms it

# Free-text and personal fields, per entity, that anonymisation blanks.
_TEXT_FIELDS = {
    "help_requests": ("question", "outcome_note"),
    "contacts": ("summary",),
    "follow_ups": ("description",),
    "arranged_help": ("description",),
    "history_events": ("reason",),
    "residents": (
        "first_name", "name_prefix", "last_name", "street", "house_number", "postcode",
        "place", "phone",
    ),
}  # fmt: skip


def anonymise_expired(
    session: Session,
    actor: Principal,
    *,
    now: datetime | None = None,
    retention: timedelta = DEFAULT_RETENTION,
) -> int:
    """Anonymise every request closed before ``now - retention``; returns how many."""
    now = now or now_utc()
    expired = list(
        session.scalars(
            select(HelpRequest).where(
                HelpRequest.status == Status.CLOSED,
                HelpRequest.closed_at < now - retention,
                HelpRequest.anonymised_at.is_(None),
            )
        )
    )
    recorder = ChangeRecorder(session, actor)
    for request in expired:
        _anonymise_request(session, request, now)
        recorder.privacy(OpKind.ANONYMISE, request)
    for resident_id in {request.resident_id for request in expired}:
        _anonymise_resident_when_done(session, resident_id, now)
    if expired:
        search.purge_deleted_words(session)
    return len(expired)


def _anonymise_request(session: Session, request: HelpRequest, now: datetime) -> None:
    request.question = ""
    request.outcome_note = ""
    request.anonymised_at = now
    contact_ids = list(session.scalars(select(Contact.id).where(Contact.request_id == request.id)))
    follow_up_ids = list(
        session.scalars(select(FollowUp.id).where(FollowUp.request_id == request.id))
    )
    session.execute(update(Contact).where(Contact.request_id == request.id).values(summary=""))
    session.execute(
        update(FollowUp).where(FollowUp.request_id == request.id).values(description="")
    )
    session.execute(
        update(ArrangedHelp).where(ArrangedHelp.request_id == request.id).values(description="")
    )
    session.execute(
        update(HistoryEvent).where(HistoryEvent.request_id == request.id).values(reason="")
    )
    for contact_id in contact_ids:
        search.unindex(session, "contact", contact_id)
    for follow_up_id in follow_up_ids:
        search.unindex(session, "follow_up", follow_up_id)
    search.unindex(session, "request", request.id)
    _scrub_outbox(session, "help_requests", [request.id])
    _scrub_outbox(session, "contacts", contact_ids)
    for entity, model in (
        ("follow_ups", FollowUp),
        ("arranged_help", ArrangedHelp),
        ("history_events", HistoryEvent),
    ):
        ids = list(session.scalars(select(model.id).where(model.request_id == request.id)))
        _scrub_outbox(session, entity, ids)


def _anonymise_resident_when_done(session: Session, resident_id: uuid.UUID, now: datetime) -> None:
    """A resident keeps their name while any of their requests is still kept."""
    kept = session.scalar(
        select(HelpRequest.id)
        .where(HelpRequest.resident_id == resident_id, HelpRequest.anonymised_at.is_(None))
        .limit(1)
    )
    if kept is not None:
        return
    resident = session.get_one(Resident, resident_id)
    for field in _TEXT_FIELDS["residents"]:
        setattr(resident, field, "")
    resident.anonymised_at = now
    search.unindex(session, "resident", resident.id)
    _scrub_outbox(session, "residents", [resident.id])


def _scrub_outbox(session: Session, entity: str, record_ids: list[uuid.UUID]) -> None:
    """Unsent ops about these records keep their structure but lose their text."""
    if not record_ids:
        return
    fields = _TEXT_FIELDS[entity]
    for op in session.scalars(
        select(OutboxOp).where(OutboxOp.entity == entity, OutboxOp.record_id.in_(record_ids))
    ):
        payload = dict(op.payload)
        for field in fields:
            if field in payload:
                payload[field] = ""
        if payload.get("field") in fields:
            payload["value"] = ""
        if "reason" in payload:
            payload["reason"] = ""
        if "note" in payload:
            payload["note"] = ""
        op.payload = payload
