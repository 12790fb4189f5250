"""``dorpsondersteuner connect``, ``sync`` and ``status`` against the real server: a real
register per user, made only when the server said yes, the demo register untouched."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import Area
from dorpsondersteuner.models.enums import LifeDomain
from dorpsondersteuner.services import workflow
from dorpsondersteuner.services.residents import ResidentInput
from dorpsondersteuner.services.workflow import IntakeInput

from .conftest import Desk, DeskFactory


def intake(desk: Desk, *, area: str = "BAK", name: str = "Jansen"):
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


def test_connect_makes_the_register_and_sync_sends_an_offline_intake(desks: DeskFactory):
    ingrid = desks("ingrid")
    status = ingrid.status()
    assert status["user"] == "ingrid" and status["unsent"] == 0
    request_id = intake(ingrid)
    assert ingrid.status()["unsent"] > 0
    code, out, err = ingrid.program("sync")
    assert code == 0, out + err
    status = ingrid.status()
    assert status["unsent"] == 0 and status["requests"] == 1 and status["last_sync"]
    assert request_id in ingrid.requests()
    ingrid.ledger_holds()
