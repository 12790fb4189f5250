"""A laptop that applied ops the server rejected holds copies that differ from the
server's: its next pull brings such a request whole again while the user may see it,
and purges it when the user no longer may (rule 7, D16)."""

from __future__ import annotations

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import HelpRequest
from dorpsondersteuner.models.enums import Level, Outcome, Role, Status
from dorpsondersteuner.server import admin
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.sync.protocol import OpResult, RejectReason

from ..conftest import Server
from .conftest import LaptopFactory
from .test_push_pull import escalate, intake


def test_rejected_work_on_a_request_still_seen_and_on_one_gone_is_undone_in_one_pull(
    laptops: LaptopFactory, make_user, server: Server
) -> None:
    account = make_user(Role.VILLAGE_SUPPORTER, areas=("BAK", "MIL"))
    supporter = laptops(account.username, account.password)
    kept = intake(supporter, area="BAK", name="Blijft")
    gone = intake(supporter, area="MIL", name="Verhuist")
    supporter.push()
    supporter.pull()
    jos = laptops("jos")
    jos.pull()
    jos.do(workflow.close, kept, outcome=Outcome.SOLVED)
    jos.push()
    with server.transaction() as session:
        admin.update_user(session, account.username, area_codes=["BAK"])

    # Offline, she escalates the request Jos closed and adds a follow-up to the one she
    # no longer sees; the server rejects both, and her copies are left as she made them.
    escalate(supporter, kept)
    supporter.do(records.add_follow_up, gone, description="Langsgaan", due_on=today())
    results = supporter.push()
    assert {r.result for r in results} == {OpResult.REJECTED}
    assert {RejectReason.STALE, RejectReason.NOT_FOUND} <= {r.reason for r in results}
    with supporter.register.sessions() as session:
        assert session.get_one(HelpRequest, kept).level is Level.DISTRICT_TEAM
        resident = session.get_one(HelpRequest, gone).resident_id

    supporter.pull()
    held = supporter.held()
    assert gone not in held["help_requests"] and resident not in held["residents"]
    with supporter.register.sessions() as session:
        request = session.get_one(HelpRequest, kept)
        assert (request.level, request.status) == (Level.VILLAGE, Status.CLOSED)
    # Settled: nothing more moves in or out.
    page = supporter.pull_page()
    assert (page.changes, page.purge) == ([], [])
