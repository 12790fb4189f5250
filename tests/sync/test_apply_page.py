"""A pulled page is applied as a whole (its records read together, the search index
brought in step at its end): what a user finds afterwards is what the changes say,
also when one page changes a record twice or changes a resident and their request."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import Contact, FieldVersion, HelpRequest, SearchRow
from dorpsondersteuner.register import Register
from dorpsondersteuner.services.access import Principal
from dorpsondersteuner.services.search import matching_request_ids
from dorpsondersteuner.sync.apply import AppliedBatch, apply_changes
from dorpsondersteuner.sync.protocol import Change

from ..core.conftest import IntakeFactory, user_id

FIRST_SEQ = 1_000


def page(*items: tuple[str, str, uuid.UUID, dict[str, Any]]) -> list[Change]:
    """Changes numbered from ``FIRST_SEQ``: (kind, table, record id, values)."""
    return [
        Change(seq=FIRST_SEQ + n, kind=kind, entity=entity, record_id=record_id, values=values)  # type: ignore[arg-type]
        for n, (kind, entity, record_id, values) in enumerate(items)
    ]


def pull(town: Register, principal: Principal, changes: list[Change]) -> AppliedBatch:
    with town.transaction() as session:
        return apply_changes(session, principal, changes)


def found(town: Register, principal: Principal, query: str) -> list[uuid.UUID]:
    matching = matching_request_ids(principal, query)
    assert matching is not None
    with town.sessions() as session:
        return list(session.scalars(matching))


def test_a_pulled_page_keeps_search_in_step(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    ingrid = people["ingrid"]
    edited = intake(last_name="Jansen", question="Boodschappen doen na een val")
    deleted = intake(last_name="Pieters", question="Hulp bij de administratie")
    renamed = intake(last_name="Smits", question="Vervoer naar het ziekenhuis")
    with town.sessions() as session:
        resident_id = session.get_one(HelpRequest, renamed).resident_id
    contact_id = uuid.uuid4()
    contact = {
        "request_id": str(edited),
        "kind": "phone",
        "contact_date": today().isoformat(),
        "minutes": 10,
        "summary": "Gebeld over de kapper",
        "professionals_only": False,
        "author_id": str(user_id("ingrid")),
        "deleted_at": None,
    }
    gone = datetime(2026, 11, 30, 9, 0, tzinfo=UTC).isoformat()

    batch = pull(
        town,
        ingrid,
        page(
            ("update", "help_requests", edited, {"question": "Hulp bij tuinwerk"}),
            ("update", "residents", resident_id, {"last_name": "Verhoeven"}),
            ("create", "contacts", contact_id, contact),
            ("update", "contacts", contact_id, {"summary": "Bezocht voor de fysiotherapeut"}),
            ("update", "help_requests", deleted, {"deleted_at": gone}),
        ),
    )

    assert batch.applied == 5 and not batch.set_aside
    assert found(town, ingrid, "jansen tuinwerk") == [edited]  # the new question
    assert found(town, ingrid, "boodschappen") == []  # not the old one
    # A resident's new name finds their request, which the page did not change.
    assert found(town, ingrid, "verhoeven ziekenhuis") == [renamed]
    assert found(town, ingrid, "smits") == []
    assert found(town, ingrid, "fysiotherapeut") == [edited]  # the contact's last summary
    assert found(town, ingrid, "kapper") == []
    assert found(town, ingrid, "administratie") == []  # a pulled deletion is not found
    assert found(town, ingrid, "pieters") == []  # nor through its resident's name
    with town.sessions() as session:
        # One index row per source record: two requests, three residents (a resident is
        # found before an intake), the contact.
        kinds = session.execute(
            select(SearchRow.source_kind, func.count()).group_by(SearchRow.source_kind)
        ).all()
        assert dict(kinds) == {"request": 2, "resident": 3, "contact": 1}
        summary_version = session.scalar(
            select(FieldVersion.version).where(
                FieldVersion.record_id == contact_id, FieldVersion.field == "summary"
            )
        )
        assert summary_version == FIRST_SEQ + 3
        assert session.get_one(Contact, contact_id).summary == "Bezocht voor de fysiotherapeut"
