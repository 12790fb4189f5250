"""The access policy: roles x levels x areas x actions, and its two faces agreeing (D5)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from dorpsondersteuner.models import Contact, Helper, HelpRequest, HistoryEvent, Resident
from dorpsondersteuner.models.enums import ContactKind, EventKind, HelperSkill, Level, Status
from dorpsondersteuner.register import Register
from dorpsondersteuner.services.access import (
    Action,
    Principal,
    can_view_contact,
    can_view_helper,
    can_view_request,
    may,
    visible_contacts,
    visible_helpers,
    visible_history,
    visible_requests,
    visible_residents,
)

from .conftest import AREA_ID, user_id

# A request's situation: (current level, highest level reached).
SITUATIONS = {
    "village": (Level.VILLAGE, Level.VILLAGE),  # stayed at the village
    "district": (Level.DISTRICT_TEAM, Level.DISTRICT_TEAM),
    "municipality": (Level.MUNICIPALITY, Level.MUNICIPALITY),
    "handed_back": (Level.VILLAGE, Level.DISTRICT_TEAM),  # back home after the team
}
AREAS = ("BAK", "GEN", "MIL")  # Wijkteam Bakel: BAK, MIL; Wijkteam Gemert: GEN


@pytest.fixture
def world(town: Register) -> dict[tuple[str, str], uuid.UUID]:
    """One request per area and situation, each with an ordinary and a
    "professionals only" contact and a history event; and one helper per area."""
    ids = {}
    with town.transaction() as session:
        for area in AREAS:
            session.add(
                Helper(
                    name=f"Helper {area}",
                    area_id=AREA_ID[area],
                    skills=HelperSkill.SHOPPING,
                    consent_registered_on=date(2026, 1, 1),
                )
            )
            for name, (level, highest) in SITUATIONS.items():
                resident = Resident(
                    first_name="R", last_name=f"{area}{name}", area_id=AREA_ID[area]
                )
                session.add(resident)
                session.flush()
                request = HelpRequest(
                    reference=f"{area}-2026-T1-{len(ids) + 1:03d}",
                    resident_id=resident.id,
                    area_id=AREA_ID[area],
                    question="Vraag",
                    level=level,
                    highest_level=highest,
                    status=Status.OPEN,
                    created_by_id=user_id("ingrid"),
                    consent_record_on=date(2026, 1, 1),
                )
                session.add(request)
                session.flush()
                for hidden in (False, True):
                    session.add(
                        Contact(
                            request_id=request.id,
                            kind=ContactKind.PHONE,
                            contact_date=date(2026, 1, 2),
                            minutes=10,
                            summary="Gebeld",
                            professionals_only=hidden,
                            author_id=user_id("joyce"),
                        )
                    )
                session.add(HistoryEvent(request_id=request.id, kind=EventKind.CREATED))
                ids[(area, name)] = request.id
    return ids


# Who sees which requests: (username) -> set of (area, situation).
EXPECTED_VISIBLE = {
    "ingrid": {("BAK", s) for s in SITUATIONS},
    "anja": {("GEN", s) for s in SITUATIONS},
    "els": {("MIL", s) for s in SITUATIONS},
    "hanneke": {("MIL", s) for s in SITUATIONS},
    "joyce": {(a, s) for a in ("BAK", "MIL") for s in ("district", "municipality", "handed_back")},
    "sanne": {("GEN", s) for s in ("district", "municipality", "handed_back")},
    "evelien": {(a, "municipality") for a in AREAS},
    "beheer": set(),
}


def _principals(people: dict[str, Principal]) -> list[Principal]:
    return [people[name] for name in EXPECTED_VISIBLE]


def test_each_role_sees_exactly_the_requests_of_its_areas_and_levels(town, people, world):
    with town.sessions() as session:
        for username, expected in EXPECTED_VISIBLE.items():
            seen = set(
                session.scalars(select(HelpRequest.id).where(visible_requests(people[username])))
            )
            assert seen == {world[key] for key in expected}, username


LEVEL_ACTIONS = {
    Action.ESCALATE,
    Action.PICK_UP,
    Action.HAND_BACK,
    Action.CLOSE,
    Action.REOPEN,
    Action.SET_STATUS,
}
EVERYTHING = {Action.VIEW, Action.EDIT} | LEVEL_ACTIONS

# What a role may do, by the request's situation, in an area it works for (D5):
# a supporter handles the village level and stays involved above it; a team member
# handles the district-team level, works on what went higher and only reads what was
# handed back; the municipality handles its own level.
ROLE_ACTIONS = {
    "supporter": {
        "village": EVERYTHING,
        "handed_back": EVERYTHING,
        "district": {Action.VIEW, Action.EDIT},
        "municipality": {Action.VIEW, Action.EDIT},
    },
    "team": {
        "district": EVERYTHING,
        "municipality": {Action.VIEW, Action.EDIT},
        "handed_back": {Action.VIEW},
    },
    "municipality": {"municipality": EVERYTHING},
}
WORKS_IN = {
    "ingrid": ("supporter", {"BAK"}),
    "anja": ("supporter", {"GEN"}),
    "els": ("supporter", {"MIL"}),
    "joyce": ("team", {"BAK", "MIL"}),
    "sanne": ("team", {"GEN"}),
    "evelien": ("municipality", set(AREAS)),
}


def expected_actions(username: str, area: str, situation: str) -> set[Action]:
    if username == "beheer":
        return {Action.REASSIGN}  # by reference, without content
    role, areas = WORKS_IN[username]
    return set(ROLE_ACTIONS[role].get(situation, set())) if area in areas else set()


@pytest.mark.parametrize(
    "username", ["ingrid", "anja", "joyce", "sanne", "evelien", "beheer", "els"]
)
def test_actions_by_role_level_and_area(town, people, world, username):
    with town.sessions() as session:
        for (area, situation), request_id in world.items():
            request = session.get_one(HelpRequest, request_id)
            allowed = {action for action in Action if may(people[username], action, request)}
            assert allowed == expected_actions(username, area, situation), (username, area)


def test_supporters_never_see_professionals_only_contacts(town, people, world):
    with town.sessions() as session:
        for username in ("ingrid", "anja", "els"):
            hidden = session.scalars(
                select(Contact).where(
                    visible_contacts(people[username]), Contact.professionals_only
                )
            ).all()
            assert hidden == []
        assert session.scalars(
            select(Contact).where(visible_contacts(people["joyce"]), Contact.professionals_only)
        ).all()


def test_municipality_sees_no_helpers_and_supporters_only_their_areas(town, people, world):
    with town.sessions() as session:

        def helper_areas(username: str) -> set[str]:
            return {
                name.removeprefix("Helper ")
                for name in session.scalars(
                    select(Helper.name).where(visible_helpers(people[username]))
                )
            }

        assert helper_areas("ingrid") == {"BAK"}
        assert helper_areas("joyce") == {"BAK", "MIL"}
        assert helper_areas("evelien") == set()
        assert helper_areas("beheer") == set()


def test_both_faces_of_the_policy_agree(town, people, world):
    """The SQL clause (lists, search, pull) and the object check (actions) give the same
    answer for every principal and every record."""
    with town.sessions() as session:
        requests = session.scalars(select(HelpRequest)).all()
        contacts = session.scalars(select(Contact)).all()
        helpers = session.scalars(select(Helper)).all()
        events = session.scalars(select(HistoryEvent)).all()
        residents = session.scalars(select(Resident)).all()
        by_id = {request.id: request for request in requests}
        for principal in _principals(people):
            sql_requests = set(
                session.scalars(select(HelpRequest.id).where(visible_requests(principal)))
            )
            assert sql_requests == {r.id for r in requests if can_view_request(principal, r)}

            sql_contacts = set(
                session.scalars(select(Contact.id).where(visible_contacts(principal)))
            )
            assert sql_contacts == {
                c.id
                for c in contacts
                if can_view_contact(principal, by_id[c.request_id], c.professionals_only)
            }
            sql_helpers = set(session.scalars(select(Helper.id).where(visible_helpers(principal))))
            assert sql_helpers == {h.id for h in helpers if can_view_helper(principal, h.area_id)}

            sql_events = set(
                session.scalars(select(HistoryEvent.id).where(visible_history(principal)))
            )
            assert sql_events == {
                e.id for e in events if can_view_request(principal, by_id[e.request_id])
            }
            sql_residents = set(
                session.scalars(select(Resident.id).where(visible_residents(principal)))
            )
            with_visible_request = {
                r.resident_id for r in requests if can_view_request(principal, r)
            }
            own_area = {
                r.id
                for r in residents
                if principal.role.value == "village_supporter" and r.area_id in principal.area_ids
            }
            assert sql_residents == with_visible_request | own_area


def test_a_deleted_request_is_invisible_to_everyone(town, people, world):
    from dorpsondersteuner.clock import now_utc

    with town.transaction() as session:
        request = session.get_one(HelpRequest, world[("BAK", "municipality")])
        request.deleted_at = now_utc()
    with town.sessions() as session:
        request = session.get_one(HelpRequest, world[("BAK", "municipality")])
        for principal in _principals(people):
            assert not can_view_request(principal, request)
            assert request.id not in set(
                session.scalars(select(HelpRequest.id).where(visible_requests(principal)))
            )
