"""The demo register generator: a realistic fictional register that obeys every
workflow rule, read back through the ORM (D1, D5–D8, DOMAIN.md)."""

from __future__ import annotations

import re
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, make_transient

from dorpsondersteuner.clock import AMSTERDAM, local_date, now_utc
from dorpsondersteuner.demo.directory import AREAS, TEAMS, USERS, demo_id
from dorpsondersteuner.demo.generator import (
    DEVICE_ID,
    DemoSummary,
    create_demo_register,
)
from dorpsondersteuner.models import (
    ArrangedHelp,
    Contact,
    DeviceState,
    FollowUp,
    Helper,
    HelpRequest,
    HistoryEvent,
    Resident,
    SearchRow,
)
from dorpsondersteuner.models.enums import EventKind, Level, Outcome, Role, Status, Urgency
from dorpsondersteuner.references import Reference
from dorpsondersteuner.register import DEMO_REGISTER_KEY, Register, open_register
from dorpsondersteuner.services.access import Action, Principal, acts_at, load_principal, may
from dorpsondersteuner.services.search import matching_request_ids

TODAY = date(2026, 11, 15)  # the history runs from summer time into winter time
REQUESTS = 2000
START_OF_TODAY = datetime(2026, 11, 15, tzinfo=AMSTERDAM)

# Steps belong to the people handling the request at its level (access.Action).
LEVEL_STEPS = {
    EventKind.ESCALATED,
    EventKind.PICKED_UP,
    EventKind.HANDED_BACK,
    EventKind.CLOSED,
    EventKind.REOPENED,
    EventKind.STATUS_CHANGED,
}
STEPS = LEVEL_STEPS | {EventKind.CONSENT_GIVEN, EventKind.CONSENT_WITHDRAWN}
WMO_EVENTS = {
    EventKind.WMO_MELDING,
    EventKind.WMO_PERSONAL_PLAN,
    EventKind.WMO_AANVRAAG,
    EventKind.WMO_DECISION,
}
PLACEHOLDER = re.compile(r"[{}]")


@dataclass(frozen=True)
class Facts:
    """A request as it stood when an event happened, for the access policy."""

    area_id: uuid.UUID
    level: Level
    highest_level: Level
    deleted_at: None = None


@dataclass
class Demo:
    path: Path
    summary: DemoSummary
    requests: list[HelpRequest]
    events: dict[uuid.UUID, list[HistoryEvent]]
    contacts: list[Contact]
    follow_ups: list[FollowUp]
    arranged: list[ArrangedHelp]
    helpers: dict[uuid.UUID, Helper]
    residents: dict[uuid.UUID, Resident]
    people: dict[uuid.UUID, Principal]
    device: DeviceState

    def request(self, request_id: uuid.UUID) -> HelpRequest:
        return self._by_id[request_id]

    def __post_init__(self) -> None:
        self._by_id = {request.id: request for request in self.requests}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    summary = create_demo_register(path, requests=REQUESTS, seed=7, today=TODAY)
    register = open_register(path, DEMO_REGISTER_KEY)
    with register.sessions() as session:
        events: dict[uuid.UUID, list[HistoryEvent]] = defaultdict(list)
        for event in session.scalars(select(HistoryEvent).order_by(HistoryEvent.at)):
            events[event.request_id].append(event)
        loaded = Demo(
            path=path,
            summary=summary,
            requests=list(session.scalars(select(HelpRequest).order_by(HelpRequest.created_at))),
            events=dict(events),
            contacts=list(session.scalars(select(Contact))),
            follow_ups=list(session.scalars(select(FollowUp))),
            arranged=list(session.scalars(select(ArrangedHelp))),
            helpers={helper.id: helper for helper in session.scalars(select(Helper))},
            residents={resident.id: resident for resident in session.scalars(select(Resident))},
            people={user.id: load_principal(session, user.id) for user in USERS},
            device=session.scalars(select(DeviceState)).one(),
        )
    register.close()
    return loaded


def test_refuses_to_overwrite_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    path.write_bytes(b"not mine")
    with pytest.raises(FileExistsError):
        create_demo_register(path, requests=10)
    assert path.read_bytes() == b"not mine"


def test_summary_counts_what_is_in_the_register(demo: Demo) -> None:
    summary = demo.summary
    assert summary.requests == len(demo.requests) == REQUESTS
    assert summary.residents == len(demo.residents)
    assert summary.contacts == len(demo.contacts)
    assert summary.follow_ups == len(demo.follow_ups)
    assert summary.arranged_help == len(demo.arranged)
    assert summary.helpers == len(demo.helpers)
    assert summary.history_events == sum(len(events) for events in demo.events.values())
    assert 0 < summary.seconds < 60


def test_the_register_opens_with_the_demo_key_and_keeps_its_foreign_keys(demo: Demo) -> None:
    register = open_register(demo.path, DEMO_REGISTER_KEY)
    with register.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    register.close()


def _raw(session: Session, table: str, record_id: uuid.UUID) -> dict[str, Any]:
    row = session.connection().exec_driver_sql(
        f"SELECT * FROM {table} WHERE id = ?", (record_id.hex,)
    )
    return dict(row.mappings().one())


@pytest.mark.parametrize(
    "model", [Resident, Helper, HelpRequest, Contact, FollowUp, ArrangedHelp, HistoryEvent]
)
def test_rows_are_stored_exactly_as_the_orm_stores_them(demo: Demo, model: Any) -> None:
    """Copy a generated row through the ORM and compare the stored text column by
    column: ids, instants, dates, flags and JSON must be written the ORM's way."""
    register = open_register(demo.path, DEMO_REGISTER_KEY)
    table = model.__tablename__
    with register.sessions() as session:
        # A row with as many columns filled as possible (closed, with consents…).
        candidates = session.scalars(select(model).limit(400)).all()
        original = max(
            candidates,
            key=lambda record: sum(
                getattr(record, column.key) is not None for column in model.__table__.c
            ),
        )
        before = _raw(session, table, original.id)
        session.expunge(original)
        make_transient(original)
        original.id = uuid.uuid4()
        if model is HelpRequest:
            original.reference += "X"
        session.add(original)
        session.flush()
        after = _raw(session, table, original.id)
        session.rollback()
    register.close()
    for column in ("id", "reference"):
        before.pop(column, None)
        after.pop(column, None)
    assert before == after


def test_values_come_back_as_the_domain_types(demo: Demo) -> None:
    request = demo.requests[0]
    assert request.id.version == 4
    assert request.created_at.tzinfo is not None
    assert isinstance(request.level, Level) and isinstance(request.status, Status)
    assert isinstance(request.consent_record_on, date)
    event = demo.events[request.id][0]
    assert event.at.tzinfo is not None and isinstance(event.details, dict)


def test_intakes_happen_in_office_hours_in_amsterdam_summer_and_winter(demo: Demo) -> None:
    """Instants are stored in UTC (D7): with the wrong offset for summer or winter time
    the local times of the intakes fall outside the hours they were made in."""
    offsets = Counter()
    for request in demo.requests:
        local = request.created_at.astimezone(AMSTERDAM)
        assert time(8, 30) <= local.time() <= time(20, 30)
        offsets[local.utcoffset()] += 1
    assert offsets[timedelta(hours=1)] and offsets[timedelta(hours=2)]


def test_device_state_is_the_demo_laptop_past_the_last_reference(demo: Demo) -> None:
    device = demo.device
    assert device.device_id == DEVICE_ID
    assert (device.short_code, device.register_kind) == ("D1", "demo")
    numbers = [Reference.parse(request.reference).number for request in demo.requests]
    assert device.next_reference_number == max(numbers) + 1


def test_references_are_unique_and_count_up_in_creation_order(demo: Demo) -> None:
    codes = {area.id: area.code for area in AREAS}
    references = [Reference.parse(request.reference) for request in demo.requests]
    assert len({request.reference for request in demo.requests}) == len(demo.requests)
    assert [reference.number for reference in references] == list(range(1, REQUESTS + 1))
    for request, reference in zip(demo.requests, references, strict=True):
        assert str(reference) == request.reference
        assert reference.area_code == codes[request.area_id]
        assert reference.year == local_date(request.created_at).year
        assert reference.device_code == "D1"


def test_levels_and_the_highest_level_follow_the_history(demo: Demo) -> None:
    for request in demo.requests:
        assert request.highest_level.rank >= request.level.rank
        reached = [event.to_level for event in demo.events[request.id] if event.to_level]
        assert request.highest_level == max(reached, key=lambda level: level.rank)


def test_closed_requests_and_only_those_have_the_closing_fields(demo: Demo) -> None:
    for request in demo.requests:
        if request.status is Status.CLOSED:
            assert request.closed_at is not None and request.outcome is not None
            assert request.closed_level == request.level
            assert request.closed_at == demo.events[request.id][-1].at
        else:
            assert (request.closed_at, request.closed_level, request.outcome) == (None,) * 3
            assert request.outcome_note == ""


def test_owners_work_at_the_request_level_and_area(demo: Demo) -> None:
    for request in demo.requests:
        intake_by = demo.people[request.created_by_id]
        assert request.contact_person_id == request.created_by_id
        assert acts_at(intake_by, Level.VILLAGE, request.area_id)
        if request.owner_id is None:
            # Only while waiting for pick-up above the village (D8).
            assert request.level is not Level.VILLAGE
            assert request.status is Status.OPEN
        else:
            assert acts_at(demo.people[request.owner_id], request.level, request.area_id)


def test_the_history_replays_to_the_current_state(demo: Demo) -> None:
    now = now_utc()
    for request in demo.requests:
        events = demo.events[request.id]
        first = events[0]
        assert first.kind is EventKind.CREATED
        assert (first.at, first.actor_id) == (request.created_at, request.created_by_id)
        assert (first.from_level, first.to_level) == (None, Level.VILLAGE)
        assert (first.from_status, first.to_status) == (None, Status.OPEN)
        level, status, owner = Level.VILLAGE, Status.OPEN, request.created_by_id
        previous = first.at
        for event in events[1:]:
            assert previous < event.at < START_OF_TODAY and event.at <= now
            assert event.at.astimezone(AMSTERDAM).time() >= time(8, 30)  # office hours
            previous = event.at
            assert event.device_id == DEVICE_ID
            if event.kind not in STEPS:
                # Records added to the request: no levels, as add_history_event writes.
                levels = (event.from_level, event.to_level, event.from_status, event.to_status)
                assert levels == (None, None, None, None), event.kind
                continue
            assert (event.from_level, event.from_status) == (level, status), event.kind
            assert event.to_level is not None and event.to_status is not None
            level, status = event.to_level, event.to_status
            if event.kind is EventKind.ESCALATED:
                owner = None
            elif event.kind is EventKind.PICKED_UP:
                owner = event.actor_id
            elif event.kind is EventKind.HANDED_BACK:
                owner = request.contact_person_id if level is Level.VILLAGE else None
        assert (level, status, owner) == (request.level, request.status, request.owner_id)
        assert request.updated_at == events[-1].at


def test_every_event_is_by_someone_who_may_do_it(demo: Demo) -> None:
    for request in demo.requests:
        level, highest = Level.VILLAGE, Level.VILLAGE
        for event in demo.events[request.id]:
            assert event.actor_id is not None
            actor = demo.people[event.actor_id]
            if event.kind is EventKind.CREATED:
                assert acts_at(actor, Level.VILLAGE, request.area_id)
            elif event.kind in LEVEL_STEPS:
                assert event.from_level is not None
                assert acts_at(actor, event.from_level, request.area_id), event.kind
            else:
                facts = Facts(request.area_id, level, highest)
                assert may(actor, Action.EDIT, facts), event.kind
                if event.kind in WMO_EVENTS:
                    assert actor.role is Role.MUNICIPALITY and level is Level.MUNICIPALITY
            if event.to_level is not None:
                level = event.to_level
                highest = max(highest, level, key=lambda candidate: candidate.rank)


def test_consent_comes_before_sharing_unless_acute_with_a_justification(demo: Demo) -> None:
    acute_without_consent = 0
    for request in demo.requests:
        assert request.consent_record_on == local_date(request.created_at)
        consent: dict[str, date] = {}
        for event in demo.events[request.id]:
            on = local_date(event.at)
            if event.kind is EventKind.CONSENT_GIVEN:
                consent[event.details["scope"]] = date.fromisoformat(event.details["on"])
                assert consent[event.details["scope"]] <= on
            elif event.kind is EventKind.CONSENT_WITHDRAWN:
                consent.clear()
                assert request.consent_withdrawn_on == date.fromisoformat(event.details["on"])
            elif event.kind is EventKind.ESCALATED:
                assert event.to_level is not None and event.reason.strip()
                assert request.consent_withdrawn_on is None or request.consent_withdrawn_on > on
                given = consent.get(event.to_level.value)
                if event.details["acute"]:
                    assert event.from_level is Level.VILLAGE
                    assert event.to_level is Level.MUNICIPALITY
                    assert request.urgency is Urgency.ACUTE
                    assert event.details["without_consent"] == (given is None)
                    acute_without_consent += given is None
                else:
                    assert given is not None and given <= on
                    assert event.details["without_consent"] is False
        if request.consent_withdrawn_on is None:
            # The columns hold the consent the history says was given.
            assert request.consent_district_team_on == consent.get("district_team")
            assert request.consent_municipality_on == consent.get("municipality")
        else:
            # Withdrawing consent clears the consent to share (workflow.withdraw_consent).
            assert request.consent_district_team_on is None
            assert request.consent_municipality_on is None
    assert acute_without_consent > 0


def test_contacts_are_dated_within_the_request_and_private_only_by_professionals(
    demo: Demo,
) -> None:
    added = {
        uuid.UUID(event.details["contact"]): event
        for events in demo.events.values()
        for event in events
        if event.kind is EventKind.CONTACT_ADDED
    }
    assert len(added) == len(demo.contacts)
    for contact in demo.contacts:
        request = demo.request(contact.request_id)
        event = added[contact.id]
        assert event.request_id == request.id and event.actor_id == contact.author_id
        assert contact.created_at == event.at
        last_day = local_date(request.closed_at) if request.closed_at else TODAY - timedelta(1)
        assert request.consent_record_on <= contact.contact_date <= last_day
        assert contact.contact_date <= local_date(event.at)
        author = demo.people[contact.author_id]
        if contact.professionals_only:
            assert author.role in (Role.DISTRICT_TEAM, Role.MUNICIPALITY)
        assert contact.minutes > 0 and contact.summary and not PLACEHOLDER.search(contact.summary)


def test_follow_ups_and_help_belong_to_open_work(demo: Demo) -> None:
    for follow_up in demo.follow_ups:
        request = demo.request(follow_up.request_id)
        created_on = local_date(follow_up.created_at)
        assert follow_up.due_on >= created_on
        assert follow_up.assignee_id in demo.people
        if follow_up.done_on is None:
            assert request.status is not Status.CLOSED  # done before closing
        else:
            assert created_on <= follow_up.done_on < TODAY
    for help_ in demo.arranged:
        request = demo.request(help_.request_id)
        assert request.consent_record_on <= help_.arranged_on < TODAY
        assert help_.ended_on is None or help_.arranged_on <= help_.ended_on < TODAY
        if help_.helper_id is not None:
            helper = demo.helpers[help_.helper_id]
            assert helper.area_id == request.area_id
            assert helper.consent_registered_on <= help_.arranged_on


def test_wmo_dates_only_at_the_municipality_and_in_order(demo: Demo) -> None:
    tracks = 0
    for request in demo.requests:
        dates = (
            request.wmo_melding_on,
            request.wmo_personal_plan_on,
            request.wmo_aanvraag_on,
            request.wmo_decision_on,
        )
        if request.wmo_melding_on is None:
            assert dates == (None,) * 4 and request.wmo_decision is None
            continue
        tracks += 1
        assert request.highest_level is Level.MUNICIPALITY
        melding = request.wmo_melding_on
        assert request.wmo_personal_plan_on is None or request.wmo_personal_plan_on >= melding
        assert request.wmo_aanvraag_on is None or request.wmo_aanvraag_on >= melding
        if request.wmo_decision_on is not None:
            assert request.wmo_aanvraag_on is not None
            assert request.wmo_decision_on >= request.wmo_aanvraag_on
        assert (request.wmo_decision is None) == (request.wmo_decision_on is None)
    assert tracks > 0


def test_residents_live_in_their_area_with_plausible_addresses(demo: Demo) -> None:
    area_names = {area.id: area.name for area in AREAS}
    for request in demo.requests:
        resident = demo.residents[request.resident_id]
        assert resident.area_id == request.area_id
        assert resident.place in area_names[resident.area_id]  # "Gemert" in "Gemert-Zuid"
        assert re.fullmatch(r"\d{4} [A-Z]{2}", resident.postcode)
        assert re.fullmatch(r"\d+a?", resident.house_number)
        assert resident.phone == "" or re.fullmatch(r"0\d{1,3}-\d{6,8}", resident.phone)
        assert resident.first_name and resident.last_name and resident.street
        assert request.question and not PLACEHOLDER.search(request.question)
        assert request.life_domains
    for helper in demo.helpers.values():
        assert helper.name and helper.skills and helper.availability
    per_area = Counter(helper.area_id for helper in demo.helpers.values())
    assert all(20 <= count <= 40 for count in per_area.values()) and len(per_area) == len(AREAS)


def test_free_texts_are_filled_in(demo: Demo) -> None:
    for events in demo.events.values():
        for event in events:
            assert not PLACEHOLDER.search(event.reason)
            if event.kind in (EventKind.HANDED_BACK, EventKind.REOPENED):
                assert event.reason.strip()
    for request in demo.requests:
        assert not PLACEHOLDER.search(request.outcome_note)
        if request.status is Status.CLOSED:
            assert request.outcome_note.strip()
    assert all(not PLACEHOLDER.search(f.description) for f in demo.follow_ups)
    assert all(not PLACEHOLDER.search(h.description) for h in demo.arranged)


def test_every_level_and_status_occurs_and_the_shares_are_plausible(demo: Demo) -> None:
    requests = demo.requests
    states = Counter((request.level, request.status) for request in requests)
    for level in Level:
        for status in Status:
            assert states[level, status] > 0, (level, status)
    for level in (Level.DISTRICT_TEAM, Level.MUNICIPALITY):
        waiting_for_pick_up = [
            r for r in requests if r.level is level and r.owner_id is None
        ]  # fmt: skip
        assert waiting_for_pick_up, level
    n = len(requests)
    reached_municipality = sum(r.highest_level is Level.MUNICIPALITY for r in requests) / n
    assert 0.01 <= reached_municipality <= 0.08
    to_district_team = {
        event.request_id
        for events in demo.events.values()
        for event in events
        if event.kind is EventKind.ESCALATED and event.to_level is Level.DISTRICT_TEAM
    }
    assert 0.08 <= len(to_district_team) / n <= 0.20
    acute = [
        event
        for events in demo.events.values()
        for event in events
        if event.kind is EventKind.ESCALATED and event.details["acute"]
    ]
    assert 0 < len(acute) < 0.02 * n
    urgency = Counter(request.urgency for request in requests)
    assert urgency[Urgency.NORMAL] > 0.75 * n > urgency[Urgency.HIGH] > urgency[Urgency.ACUTE] > 0
    assert 2.0 <= len(demo.contacts) / n <= 3.0
    assert 0.6 <= len(demo.residents) / n <= 0.8
    assert 0.2 <= len({h.request_id for h in demo.arranged}) / n <= 0.4
    assert {r.closed_level for r in requests if r.closed_level} == set(Level)
    assert {r.outcome for r in requests if r.outcome} == set(Outcome)
    assert any(r.consent_withdrawn_on for r in requests)
    kinds = Counter(event.kind for events in demo.events.values() for event in events)
    assert kinds[EventKind.REOPENED] and kinds[EventKind.HANDED_BACK]


def test_even_a_small_register_shows_every_state(tmp_path: Path) -> None:
    """A few recent requests are made to end in each state, whatever the seed."""
    create_demo_register(tmp_path / "small.db", requests=150, seed=3, today=TODAY)
    register = open_register(tmp_path / "small.db", DEMO_REGISTER_KEY)
    with register.sessions() as session:
        rows = session.execute(
            select(HelpRequest.level, HelpRequest.status, HelpRequest.owner_id.is_(None))
        ).all()
    register.close()
    states = {(level, status) for level, status, _ in rows}
    assert states == {(level, status) for level in Level for status in Status}
    waiting_for_pick_up = {level for level, _, unowned in rows if unowned}
    assert waiting_for_pick_up == {Level.DISTRICT_TEAM, Level.MUNICIPALITY}


def test_older_requests_are_mostly_closed_and_recent_ones_mostly_open(demo: Demo) -> None:
    def share_open(requests: list[HelpRequest]) -> float:
        return sum(r.status is not Status.CLOSED for r in requests) / len(requests)

    old = [r for r in demo.requests if local_date(r.created_at) < TODAY - timedelta(90)]
    recent = [r for r in demo.requests if local_date(r.created_at) >= TODAY - timedelta(14)]
    assert share_open(old) < 0.1 < 0.5 < share_open(recent)


def test_follow_ups_are_done_open_and_overdue(demo: Demo) -> None:
    done = [f for f in demo.follow_ups if f.done_on is not None]
    overdue = [f for f in demo.follow_ups if f.done_on is None and f.due_on < TODAY]
    upcoming = [f for f in demo.follow_ups if f.done_on is None and f.due_on >= TODAY]
    assert len(done) > len(overdue) + len(upcoming) and overdue and upcoming


def test_repeat_requests_by_the_same_resident_within_a_year(demo: Demo) -> None:
    by_resident: dict[uuid.UUID, list[datetime]] = defaultdict(list)
    for request in demo.requests:
        by_resident[request.resident_id].append(request.created_at)
    repeats = [
        times
        for times in by_resident.values()
        if len(times) > 1 and max(times) - min(times) <= timedelta(days=365)
    ]
    assert len(repeats) > 0.1 * len(by_resident)


def test_search_finds_requests_by_resident_name_and_question(demo: Demo) -> None:
    register = open_register(demo.path, DEMO_REGISTER_KEY)
    with register.sessions() as session:
        indexed = session.scalar(select(func.count()).select_from(SearchRow))
        assert indexed == (
            len(demo.residents) + len(demo.requests) + len(demo.contacts) + len(demo.follow_ups)
        )
        supporter = demo.people[demo_id("user", "ingrid")]
        request = next(r for r in demo.requests if r.area_id in supporter.area_ids)
        resident = demo.residents[request.resident_id]
        query = matching_request_ids(supporter, f"{resident.last_name} {resident.street}")
        assert query is not None
        assert request.id in set(session.scalars(query))
    register.close()


def _references_and_questions(register: Register) -> list[tuple[str, str, uuid.UUID]]:
    with register.sessions() as session:
        rows = session.execute(
            select(HelpRequest.reference, HelpRequest.question, HelpRequest.id).order_by(
                HelpRequest.reference
            )
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_the_same_seed_and_day_make_the_same_register(tmp_path: Path) -> None:
    made = []
    for name, seed in (("a.db", 5), ("b.db", 5), ("c.db", 6)):
        create_demo_register(tmp_path / name, requests=300, seed=seed, today=TODAY)
        register = open_register(tmp_path / name, DEMO_REGISTER_KEY)
        made.append(_references_and_questions(register))
        register.close()
    assert made[0] == made[1]
    assert [question for _, question, _ in made[0]] != [question for _, question, _ in made[2]]


def test_a_register_for_today_has_nothing_in_the_future(tmp_path: Path) -> None:
    create_demo_register(tmp_path / "demo.db", requests=60)
    register = open_register(tmp_path / "demo.db", DEMO_REGISTER_KEY)
    now = now_utc()
    with register.sessions() as session:
        assert session.scalar(select(func.max(HistoryEvent.at))) <= now  # type: ignore[operator]
        last_contact = session.scalar(select(func.max(Contact.contact_date)))
        assert last_contact is not None and last_contact <= local_date(now)
    register.close()


def test_a_failed_generation_leaves_no_file(tmp_path: Path, monkeypatch: Any) -> None:
    import dorpsondersteuner.demo.generator as generator

    def broken(*_: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(generator._Generator, "run", broken)
    with pytest.raises(RuntimeError):
        create_demo_register(tmp_path / "demo.db", requests=10)
    assert list(tmp_path.iterdir()) == []


def test_the_directory_is_the_fixed_demo_municipality(demo: Demo) -> None:
    assert {p.username for p in demo.people.values()} == {u.username for u in USERS}
    team_areas = {code for team in TEAMS for code in team.area_codes}
    assert team_areas == {area.code for area in AREAS}
