"""Lists and search on a 10,000-request demo register agree with a plain Python reading
of the same data through the object face of the policy."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select, text

from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.demo.generator import create_demo_register
from dorpsondersteuner.models import Contact, FollowUp, HelpRequest, Resident
from dorpsondersteuner.models.enums import Level, LifeDomain, Status
from dorpsondersteuner.register import DEMO_REGISTER_KEY, Register, open_register
from dorpsondersteuner.services.access import (
    Principal,
    can_view_contact,
    can_view_request,
    load_principal,
)
from dorpsondersteuner.services.lists import RequestFilter, SortKey, request_ids, request_rows
from dorpsondersteuner.services.search import resident_text

TODAY = date(2026, 11, 20)
USERS = ("ingrid", "els", "joyce", "sanne", "evelien", "beheer")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Register]:
    path = tmp_path_factory.mktemp("demo10k") / "demo.db"
    create_demo_register(path, requests=10_000, today=TODAY)
    register = open_register(path, DEMO_REGISTER_KEY)
    yield register
    register.close()


@pytest.fixture(scope="module")
def world(demo: Register):
    """Everything, read plainly through the ORM once."""
    with demo.sessions() as session:
        requests = {r.id: r for r in session.scalars(select(HelpRequest))}
        residents = {r.id: r for r in session.scalars(select(Resident))}
        contacts = list(session.scalars(select(Contact).where(Contact.deleted_at.is_(None))))
        follow_ups = list(session.scalars(select(FollowUp)))
        people = {name: load_principal(session, demo_id("user", name)) for name in USERS}
        session.expunge_all()
    return requests, residents, contacts, follow_ups, people


@pytest.fixture(scope="module")
def texts(world):
    """Per request: the folded words of its own search row, and of its contacts and
    follow-ups (with whether they are for professionals only)."""
    requests, residents, contacts, follow_ups, _people = world
    own = {
        r.id: [
            _fold(w)
            for w in _words(f"{r.reference} {r.question} {resident_text(residents[r.resident_id])}")
        ]
        for r in requests.values()
    }
    by_request: dict[uuid.UUID, list[tuple[bool, list[str]]]] = {}
    for c in contacts:
        by_request.setdefault(c.request_id, []).append(
            (c.professionals_only, [_fold(w) for w in _words(c.summary)])
        )
    for f in follow_ups:
        if f.deleted_at is None:
            by_request.setdefault(f.request_id, []).append(
                (False, [_fold(w) for w in _words(f.description)])
            )
    return own, by_request


def ids(demo: Register, who: Principal, where: RequestFilter, sort=SortKey.UPDATED) -> list:
    with demo.sessions() as session:
        return request_ids(session, who, where, sort, today=TODAY)


@pytest.mark.parametrize("username", USERS)
def test_filters_match_a_plain_reading_of_the_data(demo, world, username):
    requests, _residents, _contacts, follow_ups, people = world
    who = people[username]
    visible = [r for r in requests.values() if can_view_request(who, r)]
    overdue = {
        f.request_id
        for f in follow_ups
        if f.done_on is None and f.deleted_at is None and f.due_on < TODAY
    }
    cases = {
        RequestFilter(): lambda r: True,
        RequestFilter(levels=frozenset({Level.DISTRICT_TEAM})): lambda r: (
            r.level is Level.DISTRICT_TEAM
        ),
        RequestFilter(statuses=frozenset({Status.WAITING})): lambda r: r.status is Status.WAITING,
        RequestFilter(life_domain=LifeDomain.FINANCES): lambda r: (
            LifeDomain.FINANCES in r.life_domains
        ),
        RequestFilter(overdue_follow_ups=True): lambda r: r.id in overdue,
        RequestFilter(mine=True): lambda r: who.user_id in (r.owner_id, r.contact_person_id),
        RequestFilter(waiting_for_pick_up=True): lambda r: (
            r.status is Status.OPEN
            and r.owner_id is None
            and r.level is who.level
            and r.area_id in who.area_ids
        ),
    }
    for where, keep in cases.items():
        assert set(ids(demo, who, where)) == {r.id for r in visible if keep(r)}, where
    # The default order: most recently changed first.
    listed = ids(demo, who, RequestFilter())
    assert listed == [
        r.id for r in sorted(visible, key=lambda r: (r.updated_at, r.id), reverse=True)
    ]
    if username == "beheer":
        assert listed == []  # administrators see no content


def _words(value: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\w+", value)]


def _fold(word: str) -> str:
    return word.translate(str.maketrans("áàäâéèëêíìïîóòöôúùüûç", "aaaaeeeeiiiioooouuuuc"))


def _has_all(folded: list[str], query: str) -> bool:
    """Every word of the query starts a word of the (folded) text."""
    return all(any(w.startswith(_fold(q)) for w in folded) for q in _words(query))


@pytest.mark.parametrize("username", ["ingrid", "joyce", "evelien"])
def test_search_finds_exactly_what_a_plain_reading_finds(demo, world, texts, username):
    requests, residents, _contacts, _follow_ups, people = world
    own, contacts_of = texts
    who = people[username]
    visible = [r for r in requests.values() if can_view_request(who, r)]
    queries = {"rolstoel", "eenzaam", "mantelzorg boodschappen"}
    for request in visible[:5]:
        resident = residents[request.resident_id]
        queries |= {resident.last_name, f"{resident.first_name[:3]} {resident.street[:4]}"}
        queries |= {" ".join(_words(request.question)[2:4]), request.reference}
    sees_hidden = can_view_contact(who, visible[0], True)
    for query in sorted(q for q in queries if _words(q)):
        expected = {
            r.id
            for r in visible
            if _has_all(own[r.id], query)
            or any(
                (sees_hidden or not hidden) and _has_all(words, query)
                for hidden, words in contacts_of.get(r.id, [])
            )
        }
        assert set(ids(demo, who, RequestFilter(text=query))) == expected, query


def test_a_supporter_never_finds_a_request_through_a_professionals_only_contact(demo, world, texts):
    requests, _residents, contacts, _follow_ups, people = world
    own, contacts_of = texts
    ingrid = people["ingrid"]
    hidden_words = {
        word
        for c in contacts
        if c.professionals_only and can_view_request(ingrid, requests[c.request_id])
        for word in _words(c.summary)
        if len(word) > 6
    }
    assert hidden_words, "the demo data should hold professionals-only contacts in Bakel"
    for word in sorted(hidden_words)[:15]:
        for request_id in ids(demo, ingrid, RequestFilter(text=word)):
            seen = own[request_id] + [
                w for hidden, words in contacts_of.get(request_id, []) if not hidden for w in words
            ]
            assert _has_all(seen, word), (word, requests[request_id].reference)


def test_list_queries_use_an_index_for_the_order(demo, world):
    """The default list reads rows in index order: no sort step over all requests."""
    _requests, _residents, _contacts, _follow_ups, people = world
    from dorpsondersteuner.services.lists import _filtered, _order

    with demo.sessions() as session:
        query = _order(_filtered(people["ingrid"], RequestFilter(), TODAY), SortKey.UPDATED, True)
        compiled = query.compile(session.bind, compile_kwargs={"literal_binds": True})
        plan = " ".join(row[3] for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "USE TEMP B-TREE" not in plan, plan
    assert "COVERING INDEX" in plan, plan


def test_rows_come_back_for_a_page_in_order(demo, world):
    _requests, _residents, _contacts, _follow_ups, people = world
    with demo.sessions() as session:
        page = request_ids(session, people["joyce"], RequestFilter(), SortKey.RESIDENT)[:50]
        rows = request_rows(session, people["joyce"], page)
    assert [row.id for row in rows] == page
