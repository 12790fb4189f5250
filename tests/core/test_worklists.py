"""The review queue and the follow-ups due: what a professional and a supporter work
through each day."""

from __future__ import annotations

from datetime import timedelta

from dorpsondersteuner.clock import today
from dorpsondersteuner.models.enums import Level, Urgency
from dorpsondersteuner.register import Register
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.access import Principal
from dorpsondersteuner.services.worklists import due_follow_ups, review_queue

from .conftest import IntakeFactory
from .test_workflow import act


def escalate(town: Register, people: dict[str, Principal], request_id: object, reason: str) -> None:
    act(
        town,
        workflow.give_consent,
        people["ingrid"],
        request_id,
        scope=Level.DISTRICT_TEAM,
        given_on=today(),
    )
    act(town, workflow.escalate, people["ingrid"], request_id, reason=reason)


def test_the_queue_holds_what_waits_at_my_level_most_urgent_first(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    calm = intake(last_name="Rustig")
    acute = intake(last_name="Dringend", urgency=Urgency.HIGH)
    stays = intake(last_name="Blijft")
    escalate(town, people, calm, "Buren konden niet helpen.")
    escalate(town, people, acute, "Familie woont ver weg.")

    with town.sessions() as session:
        queue = review_queue(session, people["joyce"])
        assert [row.resident_name for row in queue] == ["Truus Dringend", "Truus Rustig"]
        first = queue[0]
        assert first.sent_by == "Ingrid Kuijpers"
        assert first.reason == "Familie woont ver weg."
        assert first.level is Level.DISTRICT_TEAM
        assert review_queue(session, people["ingrid"]) == []  # nothing waits at the village
        assert review_queue(session, people["sanne"]) == []  # another team's areas
        assert stays not in {row.request_id for row in queue}

    act(town, workflow.pick_up, people["joyce"], acute)
    with town.sessions() as session:
        assert [row.request_id for row in review_queue(session, people["ruud"])] == [calm]


def test_follow_ups_due_today_and_overdue_with_the_resident(
    town: Register, people: dict[str, Principal], intake: IntakeFactory
) -> None:
    request_id = intake(last_name="Afspraak")
    day = today()
    for description, due in (
        ("Bellen over de rolstoel", day - timedelta(days=3)),
        ("Langsgaan", day),
        ("Later", day + timedelta(days=2)),
    ):
        act(
            town,
            records.add_follow_up,
            people["ingrid"],
            request_id,
            description=description,
            due_on=due,
        )
    with town.sessions() as session:
        due = due_follow_ups(session, people["ingrid"])
    assert [(row.description, row.days_late) for row in due] == [
        ("Bellen over de rolstoel", 3),
        ("Langsgaan", 0),
    ]
    assert due[0].resident_name == "Truus Afspraak"
    with town.sessions() as session:
        assert due_follow_ups(session, people["jos"]) == []  # not his
        assert len(due_follow_ups(session, people["jos"], mine_only=False)) == 2
