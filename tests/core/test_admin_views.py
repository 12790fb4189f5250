"""What an administrator sees (D5): references, areas, levels, status and owners, never
content; and the people a request can be handed to."""

from __future__ import annotations

import dataclasses

import pytest

from dorpsondersteuner.errors import ForbiddenError, NotFoundError
from dorpsondersteuner.register import Register
from dorpsondersteuner.services import workflow
from dorpsondersteuner.services.access import Principal
from dorpsondersteuner.services.admin_views import (
    reassign_candidates,
    reference_count,
    reference_list,
)
from dorpsondersteuner.services.lists import request_detail
from dorpsondersteuner.services.views import ReferenceView

from .conftest import IntakeFactory, user_id


def test_the_reference_list_shows_owners_and_no_content(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    first = intake(last_name="Jansen")
    second = intake(by="anja", area="GEN", last_name="Bakkers")
    with town.sessions() as session:
        ingrid_ref = request_detail(session, people["ingrid"], first).reference
        listed = reference_list(session, people["beheer"])
        assert {view.id for view in listed} >= {first, second}
        assert reference_count(session, people["beheer"]) == len(listed)
        mine = next(view for view in listed if view.id == first)
        assert (mine.reference, mine.area_code, mine.area_name) == (ingrid_ref, "BAK", "Bakel")
        assert mine.owner_name == "Ingrid Kuijpers"
        # Only reference facts: no field could carry a name, question or contact.
        assert {f.name for f in dataclasses.fields(ReferenceView)} == {
            "id",
            "reference",
            "area_code",
            "level",
            "status",
            "owner_id",
            "owner_name",
            "area_name",
            "reassign_refusal",
        }
        assert "Jansen" not in repr(listed)

        # Narrowed by (part of) the reference, or by the owner's name; never by content.
        found = reference_list(session, people["beheer"], ingrid_ref[-6:].lower())
        assert [view.id for view in found] == [first]
        assert {v.id for v in reference_list(session, people["beheer"], "anja")} == {second}
        assert reference_list(session, people["beheer"], "Jansen") == []
        assert reference_count(session, people["beheer"], "Jansen") == 0

        for who in ("ingrid", "joyce", "evelien"):
            with pytest.raises(ForbiddenError):
                reference_list(session, people[who])


def test_candidates_are_the_people_at_the_requests_level_and_area(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    request_id = intake()
    with town.sessions() as session:
        names = [u.username for u in reassign_candidates(session, people["beheer"], request_id)]
        reference = request_detail(session, people["ingrid"], request_id).reference
    assert names == ["jos"]  # Bakel's other supporter; Ingrid owns it already
    with town.transaction() as session:
        workflow.reassign(session, people["beheer"], reference, new_owner_id=user_id("jos"))
    with town.sessions() as session:
        names = [u.username for u in reassign_candidates(session, people["beheer"], request_id)]
        assert names == ["ingrid"]
        with pytest.raises(ForbiddenError):
            reassign_candidates(session, people["ingrid"], request_id)
        with pytest.raises(NotFoundError):
            reassign_candidates(session, people["beheer"], user_id("nobody"))
