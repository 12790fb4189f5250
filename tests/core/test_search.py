"""Resident lookup, merging, and full-text search kept in step with the data (D13)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import func, select, text

from dorpsondersteuner.clock import today
from dorpsondersteuner.models import HelpRequest, OpKind, OutboxOp, Resident
from dorpsondersteuner.models.enums import ContactKind, EventKind, Level
from dorpsondersteuner.register import MIGRATIONS_DIR, Register, _make_engine, open_register
from dorpsondersteuner.services import records, residents, workflow
from dorpsondersteuner.services.access import Principal
from dorpsondersteuner.services.lists import RequestFilter, request_detail, request_ids
from dorpsondersteuner.services.search import rebuild_search_index

from .conftest import AREA_ID, TOWN_KEY


def find(town: Register, who: Principal, words: str) -> set:
    with town.sessions() as session:
        return set(request_ids(session, who, RequestFilter(text=words)))


def lookup(town: Register, who: Principal, words: str) -> list[str]:
    with town.sessions() as session:
        return [match.full_name for match in residents.find_residents(session, who, words)]


def test_prefix_search_finds_a_request_by_resident_question_or_reference(town, people, intake):
    jansen = intake(last_name="Jansen", question="Hulp bij boodschappen")
    verhoeven = intake(last_name="Verhoeven", question="Vervoer naar het ziekenhuis")
    ingrid = people["ingrid"]
    assert find(town, ingrid, "jans") == {jansen}
    assert find(town, ingrid, "ziekenh") == {verhoeven}
    assert find(town, ingrid, "Truus") == {jansen, verhoeven}
    assert find(town, ingrid, "truus verhoe") == {verhoeven}  # every word must match
    with town.sessions() as session:
        reference = session.get_one(HelpRequest, jansen).reference
    assert find(town, ingrid, reference) == {jansen}
    assert find(town, ingrid, "bóódschappen") == {jansen}  # diacritics ignored
    assert find(town, ingrid, "fietsen") == set()
    assert find(town, ingrid, '"*)(') == set()  # FTS syntax characters are harmless


def test_search_respects_visibility(town, people, intake):
    bakel = intake(last_name="Swinkels", area="BAK")
    gemert = intake(by="anja", last_name="Swinkels", area="GEN")
    assert find(town, people["ingrid"], "swinkels") == {bakel}
    assert find(town, people["anja"], "swinkels") == {gemert}
    assert find(town, people["joyce"], "swinkels") == set()  # never at the district team
    assert find(town, people["beheer"], "swinkels") == set()


def test_search_never_reveals_a_professionals_only_contact_to_a_supporter(town, people, intake):
    request_id = intake()
    workflow_to_team(town, people, request_id)
    with town.transaction() as session:
        records.add_contact(
            session,
            people["joyce"],
            request_id,
            records.ContactInput(
                ContactKind.MEETING, today(), 30, "Schuldhulpverlening gestart", True
            ),
        )
        records.add_contact(
            session,
            people["joyce"],
            request_id,
            records.ContactInput(ContactKind.PHONE, today(), 10, "Afspraak met huisarts", False),
        )
    assert find(town, people["joyce"], "schuldhulp") == {request_id}
    assert find(town, people["ingrid"], "schuldhulp") == set()
    assert find(town, people["ingrid"], "huisarts") == {request_id}
    with town.sessions() as session:
        seen = request_detail(session, people["ingrid"], request_id)
    assert [c.summary for c in seen.contacts] == ["Afspraak met huisarts"]


def workflow_to_team(town: Register, people: dict[str, Principal], request_id) -> None:
    with town.transaction() as session:
        workflow.give_consent(
            session, people["ingrid"], request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, people["ingrid"], request_id, reason="Eigen kring uitgeput")
        workflow.pick_up(session, people["joyce"], request_id)


def test_the_index_follows_edits_and_deletes(town, people, intake):
    request_id = intake(question="Hulp bij de tuin")
    with town.transaction() as session:
        workflow.edit_request(
            session, people["ingrid"], request_id, question="Hulp bij de administratie"
        )
        contact_id = records.add_contact(
            session,
            people["ingrid"],
            request_id,
            records.ContactInput(ContactKind.PHONE, today(), 10, "Zoon gebeld over rolstoel"),
        )
    assert find(town, people["ingrid"], "tuin") == set()
    assert find(town, people["ingrid"], "administratie") == {request_id}
    assert find(town, people["ingrid"], "rolstoel") == {request_id}
    with town.transaction() as session:
        records.delete_contact(session, people["ingrid"], contact_id)
    assert find(town, people["ingrid"], "rolstoel") == set()
    with town.sessions() as session:
        resident_id = session.get_one(HelpRequest, request_id).resident_id
    with town.transaction() as session:
        residents.edit_resident(
            session,
            people["ingrid"],
            resident_id,
            workflow.ResidentInput(
                first_name="Truus", last_name="Jansen-Bouwmans", area_id=AREA_ID["BAK"]
            ),
        )
    assert find(town, people["ingrid"], "bouwmans") == {request_id}


def test_lookup_before_intake_is_prefix_and_typo_tolerant(town, people, intake):
    intake(first_name="Hendrika", last_name="Verhoeven")
    intake(first_name="Johannes", last_name="Jansen")
    intake(by="anja", area="GEN", first_name="Gerda", last_name="Verhoeven")
    ingrid = people["ingrid"]
    assert lookup(town, ingrid, "verh") == ["Hendrika Verhoeven"]  # not Gemert's Gerda
    assert lookup(town, ingrid, "Verhoven") == ["Hendrika Verhoeven"]  # a typo
    assert lookup(town, ingrid, "jansne") == ["Johannes Jansen"]
    assert lookup(town, ingrid, "johannes kerkstraat") == ["Johannes Jansen"]
    assert lookup(town, ingrid, "Pietersen") == []


def test_merging_two_records_of_one_resident(town, people, intake):
    first = intake(first_name="Johanna", last_name="de Groot")
    second = intake(
        by="jos", first_name="Johanna", last_name="de Groot", question="Vervoer naar de markt"
    )
    with town.sessions() as session:
        keep_id = session.get_one(HelpRequest, first).resident_id
        duplicate_id = session.get_one(HelpRequest, second).resident_id
    assert len(lookup(town, people["ingrid"], "johanna groot")) == 2
    with town.transaction() as session:
        residents.merge_residents(session, people["ingrid"], keep_id, duplicate_id)

    assert lookup(town, people["ingrid"], "johanna groot") == ["Johanna de Groot"]
    with town.sessions() as session:
        moved = request_detail(session, people["ingrid"], second)
        assert moved.resident.id == keep_id
        assert moved.history[-1].kind is EventKind.RESIDENT_MERGED
        assert session.get_one(Resident, duplicate_id).merged_into_id == keep_id
        ops = session.scalars(select(OutboxOp).where(OutboxOp.record_id == duplicate_id)).all()
    assert (ops[-1].kind, ops[-1].payload) == (
        OpKind.SET,
        {"field": "merged_into_id", "value": str(keep_id)},
    )
    # Both requests are found under the kept person's name; the index stays in step.
    assert find(town, people["ingrid"], "johanna") == {first, second}


def test_a_full_rebuild_gives_the_same_index(town, people, intake):
    ids = {intake(last_name=name) for name in ("Aarts", "Bekkers", "Coolen")}
    with town.sessions() as session:
        before = session.execute(text("SELECT count(*) FROM search_rows")).scalar()
    with town.transaction() as session:
        rebuild_search_index(session)
    with town.sessions() as session:
        assert session.execute(text("SELECT count(*) FROM search_rows")).scalar() == before
        assert session.scalar(select(func.count()).select_from(HelpRequest)) == 3
    assert find(town, people["ingrid"], "bekk") | find(town, people["ingrid"], "coolen") <= ids
    assert len(find(town, people["ingrid"], "bekk")) == 1


def test_words_in_follow_ups_find_the_request_for_whoever_sees_it(town, people, intake):
    village = intake(last_name="Aarts")
    team = intake(last_name="Bekkers")
    with town.transaction() as session:
        follow_up = records.add_follow_up(
            session,
            people["ingrid"],
            village,
            description="Rollator ophalen bij de thuiszorgwinkel",
            due_on=today(),
        )
        records.add_follow_up(
            session, people["ingrid"], team, description="Mantelzorger terugbellen", due_on=today()
        )
    workflow_to_team(town, people, team)
    ingrid = people["ingrid"]
    assert find(town, ingrid, "thuiszorgw") == {village}
    assert find(town, ingrid, "rollator aarts") == set()  # words within one record
    assert find(town, ingrid, "mantelzorger") == {team}
    # Visibility is the request's: the team never sees what stayed in the village, the
    # municipality nothing that did not reach it, another village nothing of Bakel's.
    assert find(town, people["joyce"], "mantelzorger") == {team}
    assert find(town, people["joyce"], "rollator") == set()
    assert find(town, people["evelien"], "mantelzorger") == set()
    assert find(town, people["anja"], "rollator") == set()
    assert find(town, people["beheer"], "rollator") == set()
    with town.transaction() as session:
        records.reschedule_follow_up(
            session, ingrid, follow_up, description="Douchestoel ophalen", due_on=today()
        )
    assert find(town, ingrid, "rollator") == set()
    assert find(town, ingrid, "douchestoel") == {village}
    with town.sessions() as session:
        before = session.execute(text("SELECT count(*) FROM search_rows")).scalar()
    with town.transaction() as session:
        rebuild_search_index(session)
    with town.sessions() as session:
        assert session.execute(text("SELECT count(*) FROM search_rows")).scalar() == before
    assert find(town, ingrid, "douchestoel") == {village}
    assert find(town, people["joyce"], "mantelzorger") == {team}


def test_a_register_from_before_follow_ups_were_searchable_indexes_them_when_opened(
    town, people, intake, tmp_path
):
    request_id = intake()
    with town.transaction() as session:
        records.add_follow_up(
            session, people["ingrid"], request_id, description="Rollator ophalen", due_on=today()
        )
    town.close()
    path = tmp_path / "town.db"
    engine = _make_engine(path, TOWN_KEY)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        kinds = connection.exec_driver_sql("SELECT DISTINCT source_kind FROM search_rows")
        assert "follow_up" not in {kind for (kind,) in kinds}
    engine.dispose()
    older = open_register(path, TOWN_KEY)
    try:
        assert find(older, people["ingrid"], "rollator") == {request_id}
        assert find(older, people["joyce"], "rollator") == set()
    finally:
        older.close()
