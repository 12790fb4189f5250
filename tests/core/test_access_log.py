"""The access log (D11): views and changes logged with ids only, in a tamper-evident
chain, readable by administrators."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from dorpsondersteuner.clock import today
from dorpsondersteuner.errors import ForbiddenError
from dorpsondersteuner.models import AccessLogEntry, DeviceState
from dorpsondersteuner.models.enums import ContactKind, Level
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.access_log import log_entries, verify_chain
from dorpsondersteuner.services.lists import request_detail

from .conftest import user_id


def entries(town):
    with town.sessions() as session:
        return [
            (e.action, e.entity, e.record_id, e.user_id)
            for e in session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id))
        ]


def test_changes_and_views_are_logged_with_ids_only(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        records.add_contact(
            session, people["ingrid"], request_id,
            records.ContactInput(ContactKind.PHONE, today(), 10, "Geheim-gesprek-Bakel"),
        )  # fmt: skip
        workflow.give_consent(
            session, people["ingrid"], request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
    with town.transaction() as session:
        request_detail(session, people["ingrid"], request_id)
    logged = entries(town)
    kinds = [(action, entity) for action, entity, _record, _user in logged]
    assert kinds[:2] == [("create", "residents"), ("create", "help_requests")]
    assert ("create", "contacts") in kinds and ("step", "help_requests") in kinds
    assert logged[-1] == ("view", "help_requests", request_id, user_id("ingrid"))
    assert all(entity != "history_events" for _a, entity, _r, _u in logged)
    with town.sessions() as session:
        device = session.scalar(select(DeviceState.device_id))
        assert {e.device_id for e in session.scalars(select(AccessLogEntry))} == {device}
        # No content anywhere in the log: only ids, actions, times and results.
        dump = " ".join(
            str(value) for row in session.execute(text("SELECT * FROM access_log")) for value in row
        )
    assert "Geheim" not in dump and "Jansen" not in dump and "boodschappen" not in dump


def test_a_changed_or_removed_entry_breaks_the_chain(town, people, intake):
    intake()
    intake(last_name="Bos")
    with town.sessions() as session:
        assert verify_chain(session) is None
        ids = list(session.scalars(select(AccessLogEntry.id).order_by(AccessLogEntry.id)))
    with town.transaction() as session:
        session.execute(
            text("UPDATE access_log SET user_id = :u WHERE id = :i"),
            {"u": user_id("jos").hex, "i": ids[1]},
        )
    with town.sessions() as session:
        assert verify_chain(session) == ids[1]
    with town.transaction() as session:  # put it back, then remove one instead
        session.execute(
            text("UPDATE access_log SET user_id = :u WHERE id = :i"),
            {"u": user_id("ingrid").hex, "i": ids[1]},
        )
        assert verify_chain(session) is None
        session.execute(text("DELETE FROM access_log WHERE id = :i"), {"i": ids[1]})
    with town.sessions() as session:
        assert verify_chain(session) == ids[2]


def test_administrators_read_the_log_per_record_and_per_user(town, people, intake):
    request_id = intake()
    with town.transaction() as session:
        request_detail(session, people["ingrid"], request_id)
    with town.sessions() as session:
        per_record = log_entries(session, people["beheer"], record_id=request_id)
        per_user = log_entries(session, people["beheer"], user_id=user_id("ingrid"))
        assert [e.action for e in per_record] == ["create", "view"]
        assert len(per_user) == 3  # resident, request, view
        with pytest.raises(ForbiddenError):
            log_entries(session, people["ingrid"])
