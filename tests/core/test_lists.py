"""Request lists: filters, sorting and rows, all in SQL through the access policy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dorpsondersteuner.clock import today
from dorpsondersteuner.models.enums import Level, LifeDomain, Outcome, Status, Urgency
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.lists import (
    RequestFilter,
    SortKey,
    count_requests,
    request_ids,
    request_rows,
)

from .conftest import AREA_ID, user_id


@pytest.fixture
def bakel(town, people, intake):
    """Five Bakel requests in different states, named by resident."""
    made = {
        "Aarts": intake(last_name="Aarts", domains=LifeDomain.HOUSING),
        "Bekkers": intake(
            by="jos", last_name="Bekkers", domains=LifeDomain.FINANCES, urgency=Urgency.HIGH
        ),
        "Coolen": intake(last_name="Coolen", domains=LifeDomain.TRANSPORT | LifeDomain.CARE),
        "Donkers": intake(last_name="Donkers", domains=LifeDomain.SOCIAL_CONTACT),
        "Evers": intake(last_name="Evers", domains=LifeDomain.CARE, urgency=Urgency.ACUTE),
    }
    ingrid, joyce = people["ingrid"], people["joyce"]
    with town.transaction() as session:
        for name in ("Coolen", "Donkers"):
            workflow.give_consent(
                session, ingrid, made[name], scope=Level.DISTRICT_TEAM, given_on=today()
            )
            workflow.escalate(session, ingrid, made[name], reason="Eigen kring uitgeput")
        workflow.pick_up(session, joyce, made["Donkers"])  # Coolen waits for pick-up
        workflow.close(session, ingrid, made["Aarts"], outcome=Outcome.SOLVED)
        workflow.set_waiting(session, ingrid, made["Evers"], waiting=True)
        records.add_follow_up(
            session, ingrid, made["Evers"], description="Bellen", due_on=today() - timedelta(days=2)
        )
    return made


def names(town, who, where=None, sort=SortKey.UPDATED, descending=True) -> list[str]:
    with town.sessions() as session:
        ids = request_ids(session, who, where or RequestFilter(), sort, descending=descending)
        return [row.resident_name.split()[-1] for row in request_rows(session, who, ids)]


def test_filters_narrow_the_list(town, people, bakel):
    ingrid, joyce = people["ingrid"], people["joyce"]
    everything = {"Aarts", "Bekkers", "Coolen", "Donkers", "Evers"}
    assert set(names(town, ingrid)) == everything
    assert set(names(town, ingrid, RequestFilter(levels=frozenset({Level.DISTRICT_TEAM})))) == {
        "Coolen",
        "Donkers",
    }
    assert set(names(town, ingrid, RequestFilter(statuses=frozenset({Status.CLOSED})))) == {"Aarts"}
    assert set(
        names(town, ingrid, RequestFilter(statuses=frozenset({Status.OPEN, Status.WAITING})))
    ) == everything - {"Aarts"}
    assert set(names(town, ingrid, RequestFilter(life_domain=LifeDomain.CARE))) == {
        "Coolen",
        "Evers",
    }
    assert set(names(town, ingrid, RequestFilter(area_ids=frozenset({AREA_ID["GEN"]})))) == set()
    assert set(names(town, ingrid, RequestFilter(overdue_follow_ups=True))) == {"Evers"}
    assert set(names(town, ingrid, RequestFilter(owner_id=user_id("jos")))) == {"Bekkers"}
    # "Mine": what I own and what I escalated and still follow as contact person.
    assert set(names(town, ingrid, RequestFilter(mine=True))) == everything - {"Bekkers"}
    assert set(names(town, joyce, RequestFilter(mine=True))) == {"Donkers"}
    assert set(names(town, joyce)) == {"Coolen", "Donkers"}
    assert names(town, joyce, RequestFilter(waiting_for_pick_up=True)) == ["Coolen"]
    assert names(town, ingrid, RequestFilter(waiting_for_pick_up=True)) == []
    assert names(town, people["beheer"], RequestFilter(waiting_for_pick_up=True)) == []
    assert set(names(town, ingrid, RequestFilter(text="coolen"))) == {"Coolen"}
    with town.sessions() as session:
        assert (
            count_requests(session, ingrid, RequestFilter(levels=frozenset({Level.VILLAGE}))) == 3
        )


def test_a_life_domain_is_a_filter_that_composes_with_search_and_the_lists(town, people, bakel):
    """Picking a life domain shows only the requests about it, though no word of theirs
    names it; the search, "mine", the statuses and the review queue narrow it further."""
    ingrid, joyce = people["ingrid"], people["joyce"]
    care = LifeDomain.CARE
    active = frozenset({Status.OPEN, Status.WAITING})
    # Every question is about shopping after a fall: the same words, other domains.
    assert set(names(town, ingrid, RequestFilter(text="boodschappen"))) == {
        "Aarts", "Bekkers", "Coolen", "Donkers", "Evers"
    }  # fmt: skip
    assert set(names(town, ingrid, RequestFilter(life_domain=care, text="boodschappen"))) == {
        "Coolen",
        "Evers",
    }
    assert names(town, ingrid, RequestFilter(life_domain=care, text="coolen")) == ["Coolen"]
    assert names(town, ingrid, RequestFilter(life_domain=care, text="bekkers")) == []
    assert (
        set(names(town, ingrid, RequestFilter(life_domain=LifeDomain.HOUSING, statuses=active)))
        == set()
    )  # Aarts is closed
    assert names(town, ingrid, RequestFilter(life_domain=LifeDomain.HOUSING)) == ["Aarts"]
    assert set(names(town, ingrid, RequestFilter(life_domain=care, mine=True))) == {
        "Coolen",
        "Evers",
    }
    assert names(town, joyce, RequestFilter(life_domain=care, waiting_for_pick_up=True)) == [
        "Coolen"
    ]
    assert (
        names(town, joyce, RequestFilter(life_domain=LifeDomain.FINANCES, waiting_for_pick_up=True))
        == []
    )
    with town.sessions() as session:
        assert count_requests(session, ingrid, RequestFilter(life_domain=care)) == 2
        assert count_requests(session, ingrid, RequestFilter(life_domain=care, text="evers")) == 1


@pytest.mark.parametrize(
    ("sort", "ascending"),
    [
        (SortKey.RESIDENT, ["Aarts", "Bekkers", "Coolen", "Donkers", "Evers"]),
        (SortKey.LEVEL, None),
        (SortKey.STATUS, None),
        (SortKey.URGENCY, None),
        (SortKey.CREATED, ["Aarts", "Bekkers", "Coolen", "Donkers", "Evers"]),
        (SortKey.REFERENCE, ["Aarts", "Bekkers", "Coolen", "Donkers", "Evers"]),
        (SortKey.AREA, None),
    ],
)
def test_every_column_sorts_both_ways(town, people, bakel, sort, ascending):
    up = names(town, people["ingrid"], sort=sort, descending=False)
    down = names(town, people["ingrid"], sort=sort, descending=True)
    assert sorted(up) == sorted(down) == ["Aarts", "Bekkers", "Coolen", "Donkers", "Evers"]
    if ascending is not None:
        assert up == ascending and down == ascending[::-1]
    with town.sessions() as session:
        ids = request_ids(session, people["ingrid"], sort=sort, descending=False)
        rows = request_rows(session, people["ingrid"], ids)
    key = {
        SortKey.LEVEL: lambda row: row.level.rank,
        SortKey.STATUS: lambda row: list(Status).index(row.status),
        SortKey.URGENCY: lambda row: list(Urgency).index(row.urgency),
        SortKey.AREA: lambda row: row.area_name,
    }.get(sort)
    if key is not None:
        assert [key(row) for row in rows] == sorted(key(row) for row in rows)


def test_the_most_recently_changed_comes_first_by_default(town, people, bakel):
    with town.transaction() as session:
        records.add_follow_up(
            session, people["jos"], bakel["Bekkers"], description="Post", due_on=today()
        )
    assert names(town, people["ingrid"])[0] == "Bekkers"


def test_rows_show_what_the_list_needs(town, people, bakel):
    with town.sessions() as session:
        (row,) = request_rows(session, people["ingrid"], [bakel["Evers"]])
        assert (row.status, row.urgency, row.overdue_follow_ups) == (
            Status.WAITING,
            Urgency.ACUTE,
            1,
        )
        assert row.next_due == today() - timedelta(days=2)
        assert (row.area_code, row.owner_name) == ("BAK", "Ingrid Kuijpers")
        (coolen,) = request_rows(session, people["ingrid"], [bakel["Coolen"]])
        assert coolen.owner_name is None  # waiting for pick-up at the district team
        # Rows of requests the user may not see are left out, even when asked for.
        assert request_rows(session, people["anja"], [bakel["Evers"]]) == []
