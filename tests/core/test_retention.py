"""Retention (D9 anonymise): personal data and free text go, counts stay, and the text
does not linger in the file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from dorpsondersteuner.clock import now_utc, today
from dorpsondersteuner.errors import ConflictError
from dorpsondersteuner.models import Contact, HelpRequest, HistoryEvent, OpKind, OutboxOp, Resident
from dorpsondersteuner.models.enums import ContactKind, Outcome, Status
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.lists import RequestFilter, request_ids
from dorpsondersteuner.services.residents import find_residents
from dorpsondersteuner.services.retention import anonymise_expired

from ..sqlcipher_pages import decrypt_register_pages
from .conftest import TOWN_KEY


def closed_long_ago(town, people, request_id, days, note="Notitie"):
    with town.transaction() as session:
        workflow.close(session, people["ingrid"], request_id, outcome=Outcome.SOLVED, note=note)
        session.execute(
            update(HelpRequest)
            .where(HelpRequest.id == request_id)
            .values(closed_at=now_utc() - timedelta(days=days))
        )


def test_expired_requests_lose_personal_data_but_keep_their_counts(town, people, intake):
    old = intake(first_name="Wilhelmina", last_name="Zwartjes", question="Schuldenvraag-xq")
    with town.transaction() as session:
        records.add_contact(
            session, people["ingrid"], old,
            records.ContactInput(ContactKind.HOME_VISIT, today(), 45, "Gesprek-over-schulden-xq"),
        )  # fmt: skip
    recent = intake(first_name="Kees", last_name="Recent", question="Tuinvraag")
    closed_long_ago(town, people, old, days=800, note="Notitie-xq")
    closed_long_ago(town, people, recent, days=30)

    with town.transaction() as session:
        assert anonymise_expired(session, people["ingrid"]) == 1
        assert anonymise_expired(session, people["ingrid"]) == 0  # once only

    with town.sessions() as session:
        gone = session.get_one(HelpRequest, old)
        assert gone.question == "" and gone.outcome_note == "" and gone.anonymised_at
        assert (gone.status, gone.closed_level, gone.outcome) == (
            Status.CLOSED,
            "village",
            Outcome.SOLVED,
        )
        contact = session.scalars(select(Contact).where(Contact.request_id == old)).one()
        assert contact.summary == "" and contact.minutes == 45  # hours still count
        assert {
            e.reason
            for e in session.scalars(select(HistoryEvent).where(HistoryEvent.request_id == old))
        } == {""}
        resident = session.get_one(Resident, gone.resident_id)
        assert (resident.first_name, resident.last_name, resident.street) == ("", "", "")
        assert session.get_one(HelpRequest, recent).question == "Tuinvraag"
        ops = session.scalars(select(OutboxOp).where(OutboxOp.record_id == old)).all()
        assert ops[-1].kind is OpKind.ANONYMISE
        assert [
            op.payload for op in session.scalars(select(OutboxOp)) if "xq" in str(op.payload)
        ] == []
        assert request_ids(session, people["ingrid"], RequestFilter(text="Zwartjes")) == []
        assert request_ids(session, people["ingrid"], RequestFilter(text="schulden")) == []
        assert find_residents(session, people["ingrid"], "Wilhelmina") == []


def test_an_anonymised_request_cannot_be_reopened_or_changed(town, people, intake):
    request_id = intake()
    closed_long_ago(town, people, request_id, days=800)
    with town.transaction() as session:
        anonymise_expired(session, people["ingrid"])
    for step, kwargs in (
        (workflow.reopen, {"reason": "Toch nog iets"}),
        (workflow.edit_request, {"question": "Terug?"}),
    ):
        with pytest.raises(ConflictError) as refused, town.transaction() as session:
            step(session, people["ingrid"], request_id, **kwargs)
        assert refused.value.code == workflow.Refusal.ANONYMISED


def test_the_removed_text_is_not_left_in_the_file(town, people, intake):
    request_id = intake(
        first_name="Geertruida", last_name="Vlasblom", question="Tekst-die-weg-moet"
    )
    closed_long_ago(town, people, request_id, days=800)

    def plaintext() -> bytes:
        with town.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return decrypt_register_pages(town.path, TOWN_KEY)

    assert b"Vlasblom" in plaintext()  # the check below can see such text
    with town.transaction() as session:
        anonymise_expired(session, people["ingrid"])
    pages = plaintext()
    for word in (b"Vlasblom", b"Geertruida", b"Tekst-die-weg-moet"):
        assert word not in pages, word
