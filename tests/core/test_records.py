"""Contacts, follow-ups, neighbourhood helpers and help from the own circle."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dorpsondersteuner.clock import today
from dorpsondersteuner.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError
from dorpsondersteuner.models import User
from dorpsondersteuner.models.enums import ContactKind, EventKind, HelperSkill, Level, Outcome
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.capabilities import request_capabilities
from dorpsondersteuner.services.lists import request_detail
from dorpsondersteuner.services.worklists import due_follow_ups

from .conftest import AREA_ID, user_id


def test_a_contact_is_added_with_minutes_and_shows_in_the_detail(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        records.add_contact(
            session,
            people["ingrid"],
            request_id,
            records.ContactInput(
                ContactKind.HOME_VISIT, today(), 55, "Keukentafelgesprek met dochter"
            ),
        )
    with town.sessions() as session:
        seen = request_detail(session, people["ingrid"], request_id)
    (contact,) = seen.contacts
    assert (contact.kind, contact.minutes, contact.author_name) == (
        ContactKind.HOME_VISIT,
        55,
        "Ingrid Kuijpers",
    )
    assert seen.history[-1].kind is EventKind.CONTACT_ADDED


@pytest.mark.parametrize(
    ("contact", "error", "field"),
    [
        (records.ContactInput(ContactKind.PHONE, today(), 0, "x"), ValidationError, "minutes"),
        (
            records.ContactInput(ContactKind.PHONE, today() + timedelta(days=1), 10, "x"),
            ValidationError,
            "contact_date",
        ),
        (
            records.ContactInput(ContactKind.PHONE, today(), 10, "x" * 2001),
            ValidationError,
            "summary",
        ),
        (records.ContactInput(ContactKind.PHONE, today(), 10, "x", True), ForbiddenError, None),
    ],
)
def test_bad_contacts_are_refused(town, people, intake, contact, error, field):
    request_id = intake()
    with pytest.raises(error) as refused, town.transaction() as session:
        records.add_contact(session, people["ingrid"], request_id, contact)
    assert getattr(refused.value, "field", None) == field
    with town.sessions() as session:
        assert request_detail(session, people["ingrid"], request_id).contacts == ()


def test_a_supporter_cannot_edit_a_professionals_only_contact_it_cannot_see(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        workflow.give_consent(
            session, people["ingrid"], request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, people["ingrid"], request_id, reason="Geprobeerd")
        workflow.pick_up(session, people["joyce"], request_id)
        hidden = records.add_contact(
            session,
            people["joyce"],
            request_id,
            records.ContactInput(ContactKind.MEETING, today(), 30, "Overleg", True),
        )
    with pytest.raises(NotFoundError), town.transaction() as session:
        records.delete_contact(session, people["ingrid"], hidden)


def _at_the_district_team(town, people, request_id):
    with town.transaction() as session:
        workflow.give_consent(
            session, people["ingrid"], request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, people["ingrid"], request_id, reason="Geprobeerd")
        workflow.pick_up(session, people["joyce"], request_id)


def test_only_its_author_changes_a_contact_others_read_it(town, people, intake):
    request_id = intake()
    _at_the_district_team(town, people, request_id)
    with town.transaction() as session:
        contact_id = records.add_contact(
            session,
            people["joyce"],
            request_id,
            records.ContactInput(ContactKind.MEETING, today(), 30, "Overleg met de huisarts"),
        )
    changed = records.ContactInput(ContactKind.MEETING, today(), 45, "Anders")
    for who in ("ingrid", "ruud"):
        with pytest.raises(ForbiddenError), town.transaction() as session:
            records.edit_contact(session, people[who], contact_id, changed)
        with pytest.raises(ForbiddenError), town.transaction() as session:
            records.delete_contact(session, people[who], contact_id)
    with town.sessions() as session:
        assert request_capabilities(session, people["ingrid"], request_id).contacts == frozenset()
        assert request_capabilities(session, people["joyce"], request_id).contacts == {contact_id}
        (seen,) = request_detail(session, people["ingrid"], request_id).contacts
    assert (seen.minutes, seen.summary) == (30, "Overleg met de huisarts")
    with town.transaction() as session:
        assert records.edit_contact(session, people["joyce"], contact_id, changed)


def test_the_owner_changes_a_contact_once_its_author_no_longer_works_there(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        contact_id = records.add_contact(
            session,
            people["ingrid"],
            request_id,
            records.ContactInput(ContactKind.PHONE, today(), 10, "Gebeld met Truus Jansn"),
        )
    _at_the_district_team(town, people, request_id)
    fixed = records.ContactInput(ContactKind.PHONE, today(), 10, "Gebeld met Truus Jansen")
    with pytest.raises(ForbiddenError), town.transaction() as session:
        records.edit_contact(session, people["joyce"], contact_id, fixed)
    with town.transaction() as session:
        session.get_one(User, user_id("ingrid")).active = False
    with town.sessions() as session:
        assert request_capabilities(session, people["joyce"], request_id).contacts == {contact_id}
        assert request_capabilities(session, people["ruud"], request_id).contacts == frozenset()
    with pytest.raises(ForbiddenError), town.transaction() as session:
        records.edit_contact(session, people["ruud"], contact_id, fixed)  # not the owner
    with town.transaction() as session:
        assert records.edit_contact(session, people["joyce"], contact_id, fixed)
    with town.sessions() as session:
        seen = request_detail(session, people["joyce"], request_id)
    assert seen.contacts[0].summary == "Gebeld met Truus Jansen"
    assert seen.history[-1].kind is EventKind.CONTACT_EDITED  # logged as any change


def test_follow_ups_due_today_and_overdue_are_listed_until_done(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        late = records.add_follow_up(
            session,
            people["ingrid"],
            request_id,
            description="Terugbellen",
            due_on=today() - timedelta(days=3),
        )
        records.add_follow_up(
            session, people["ingrid"], request_id, description="Langsgaan", due_on=today()
        )
        records.add_follow_up(
            session,
            people["ingrid"],
            request_id,
            description="Evalueren",
            due_on=today() + timedelta(days=7),
        )
    with town.sessions() as session:
        due = due_follow_ups(session, people["ingrid"])
        assert [f.description for f in due] == ["Terugbellen", "Langsgaan"]
        assert due_follow_ups(session, people["jos"], mine_only=False) == due
        assert due_follow_ups(session, people["jos"]) == []
    with town.transaction() as session:
        records.complete_follow_up(session, people["ingrid"], late)
    with pytest.raises(ConflictError), town.transaction() as session:
        records.complete_follow_up(session, people["ingrid"], late)
    with town.sessions() as session:
        assert [f.description for f in due_follow_ups(session, people["ingrid"])] == ["Langsgaan"]


def test_nothing_is_added_to_a_closed_request(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        workflow.close(session, people["ingrid"], request_id, outcome=Outcome.SOLVED)
    with pytest.raises(ConflictError), town.transaction() as session:
        records.add_follow_up(
            session, people["ingrid"], request_id, description="x", due_on=today()
        )


def helper_input(area: str = "BAK", **changes) -> records.HelperInput:
    fields = {
        "name": "Kees van Dijk",
        "area_id": AREA_ID[area],
        "skills": HelperSkill.TRANSPORT | HelperSkill.ODD_JOBS,
        "consent_registered_on": today(),
        "availability": "Doordeweeks overdag",
    }
    return records.HelperInput(**(fields | changes))


def test_helpers_are_registered_per_area_and_found_by_skill_and_words(town, people):
    with town.transaction() as session:
        records.register_helper(session, people["ingrid"], helper_input())
        records.register_helper(
            session,
            people["ingrid"],
            helper_input(
                name="Mien Raijmakers",
                skills=HelperSkill.VISITING,
                skills_note="Koffie en een praatje",
            ),
        )
    with town.sessions() as session:
        names = lambda **kw: [h.name for h in records.list_helpers(session, people["ingrid"], **kw)]  # noqa: E731
        assert names() == ["Kees van Dijk", "Mien Raijmakers"]
        assert names(skill=HelperSkill.TRANSPORT) == ["Kees van Dijk"]
        assert names(text="praatje") == ["Mien Raijmakers"]
        assert [h.name for h in records.list_helpers(session, people["joyce"])] == names()
        assert records.list_helpers(session, people["anja"]) == []  # Gemert-Noord
        assert records.list_helpers(session, people["evelien"]) == []  # counts only
        assert records.count_active_helpers(session) == {"BAK": 2}


def test_helpers_need_consent_a_skill_and_an_own_area(town, people):
    for person, data, error in (
        ("ingrid", helper_input(skills=HelperSkill(0)), ValidationError),
        (
            "ingrid",
            helper_input(consent_registered_on=today() + timedelta(days=1)),
            ValidationError,
        ),
        ("ingrid", helper_input(area="GEN"), ForbiddenError),
        ("evelien", helper_input(), ForbiddenError),
    ):
        with pytest.raises(error), town.transaction() as session:
            records.register_helper(session, people[person], data)


def test_help_from_a_helper_is_arranged_and_ended(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        helper_id = records.register_helper(session, people["ingrid"], helper_input())
        arranged = records.arrange_help(
            session,
            people["ingrid"],
            request_id,
            description="Rijdt elke dinsdag naar de fysio",
            arranged_on=today(),
            helper_id=helper_id,
        )
        records.arrange_help(
            session,
            people["ingrid"],
            request_id,
            description="Buurvrouw doet boodschappen",
            arranged_on=today(),
        )
    with pytest.raises(ValidationError), town.transaction() as session:
        records.end_help(session, people["ingrid"], arranged, ended_on=today() - timedelta(days=1))
    with town.transaction() as session:
        records.end_help(session, people["ingrid"], arranged, ended_on=today())
    with town.sessions() as session:
        seen = request_detail(session, people["ingrid"], request_id)
    assert {(a.helper_name, a.ended_on) for a in seen.arranged_help} == {
        ("Kees van Dijk", today()),
        (None, None),
    }
    assert [e.kind for e in seen.history].count(EventKind.HELP_ARRANGED) == 2


def test_a_helper_of_another_area_cannot_be_arranged(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        other = records.register_helper(session, people["anja"], helper_input(area="GEN"))
    with pytest.raises(NotFoundError), town.transaction() as session:
        records.arrange_help(
            session,
            people["ingrid"],
            request_id,
            description="x",
            arranged_on=today(),
            helper_id=other,
        )
