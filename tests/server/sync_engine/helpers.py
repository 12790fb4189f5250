"""What the laptops in these tests do, as the program's forms do it."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import Area, Contact, HelpRequest, HistoryEvent
from dorpsondersteuner.models.enums import Level, LifeDomain
from dorpsondersteuner.services import workflow
from dorpsondersteuner.services.residents import ResidentInput
from dorpsondersteuner.services.workflow import IntakeInput

from .conftest import Desk


def intake(desk: Desk, *, area: str = "BAK", name: str = "Jansen") -> uuid.UUID:
    """An intake for a new resident, as the intake form makes it."""
    area_id = desk.read(
        lambda session: session.scalars(select(Area.id).where(Area.code == area)).one()
    )
    return desk.do(
        workflow.register_request,
        IntakeInput(
            "Kan na een val niet meer zelf boodschappen doen.",
            LifeDomain.CARE,
            today() - timedelta(days=1),
        ),
        new_resident=ResidentInput(
            first_name="Truus",
            last_name=name,
            area_id=area_id,
            street="Kerkstraat",
            house_number="12",
            postcode="5761 AB",
            place="Bakel",
        ),
    )


def escalate(desk: Desk, request_id: uuid.UUID) -> None:
    desk.do(workflow.give_consent, request_id, scope=Level.DISTRICT_TEAM, given_on=today())
    desk.do(workflow.escalate, request_id, reason="Te zwaar voor de buren")


def state(desk: Desk, request_id: uuid.UUID) -> tuple[object, ...]:
    """A request as its user sees it: level, status, owner, outcome, history, contacts."""

    def read(session):  # type: ignore[no-untyped-def]
        request = session.get_one(HelpRequest, request_id)
        events = session.scalars(
            select(HistoryEvent.id).where(HistoryEvent.request_id == request_id)
        ).all()
        contacts = session.scalars(select(Contact.id).where(Contact.request_id == request_id))
        return (
            request.level,
            request.status,
            request.owner_id,
            request.question,
            request.outcome,
            frozenset(events),
            frozenset(contacts),
        )

    return desk.read(read)
