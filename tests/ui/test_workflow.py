"""The workflow through the real window and dialogs: village → district team →
municipality and back, refusals in plain Dutch, acute escalation, consent withdrawal,
the Wmo deadlines, and the short lists (every model through qtmodeltester)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from dorpsondersteuner.clock import today
from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.models.enums import ContactKind, Level, LifeDomain, Urgency
from dorpsondersteuner.paths import demo_register_path
from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.lists import request_detail
from dorpsondersteuner.services.views import RequestDetail
from dorpsondersteuner.services.workflow import IntakeInput, ResidentInput, register_request
from dorpsondersteuner.ui import dialogs
from dorpsondersteuner.ui.app import Desktop
from dorpsondersteuner.ui.worklists import deadline_model

from .conftest import StartProgram, wait_idle

WAIT = 10_000


def in_register(folder: Path, fn: Any, username: str = "ingrid") -> Any:
    register = open_register(demo_register_path(folder), DEMO_REGISTER_KEY)
    try:
        with register.transaction() as session:
            return fn(session, load_principal(session, demo_id("user", username)))
    finally:
        register.close()


def new_request(folder: Path, last_name: str = "Ketting") -> uuid.UUID:
    def make(session: Any, ingrid: Any) -> uuid.UUID:
        return register_request(
            session,
            ingrid,
            IntakeInput(
                "Meneer kan na de operatie niet meer zelf koken.",
                LifeDomain.CARE,
                today() - timedelta(days=3),
            ),
            new_resident=ResidentInput(
                first_name="Harrie", last_name=last_name, area_id=demo_id("area", "BAK")
            ),
        )

    return in_register(folder, make)


def stored(folder: Path, request_id: uuid.UUID, username: str = "ingrid") -> RequestDetail:
    return in_register(folder, lambda s, who: request_detail(s, who, request_id), username)


def show(qtbot: QtBot, desktop: Desktop, request_id: uuid.UUID) -> Any:
    work = desktop.work
    work.current_id = request_id
    work.load_detail()
    qtbot.waitUntil(
        lambda: work.detail_loaded and work.detail_shown.detail.id == request_id, timeout=WAIT
    )
    return work


def run_dialog(qtbot: QtBot, desktop: Desktop, expect_closed: bool = True) -> None:
    dialog = desktop.work.dialog
    qtbot.mouseClick(dialog.primary, Qt.MouseButton.LeftButton)
    if expect_closed:
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
        wait_idle(qtbot, desktop)
        qtbot.waitUntil(lambda: desktop.work.detail_loaded, timeout=WAIT)
    else:
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT)


def click(qtbot: QtBot, desktop: Desktop, name: str) -> None:
    button = desktop.work.detail.step_buttons.get(name) or desktop.work.detail.record_buttons[name]
    assert button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_village_to_district_team_to_municipality_and_back(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir)
    desktop = start_program("ingrid")
    work = show(qtbot, desktop, request_id)

    # No consent to share yet: the dialog offers it, and without it the core refuses.
    desktop.window.escalate_action.trigger()  # Ctrl+E
    dialog = work.dialog
    assert isinstance(dialog, dialogs.EscalateDialog)
    assert dialog.primary.text().replace("&", "") == "Opschalen"
    assert dialog.consequence.text() == (
        "De hulpvraag gaat naar het wijkteam van Bakel. Jij blijft betrokken."
    )
    assert not dialog.consent_box.isHidden()
    qtbot.keyClicks(dialog.reason, "Buren en familie konden niet helpen.")
    run_dialog(qtbot, desktop, expect_closed=False)
    assert dialog.error.text().startswith("⚠ Opschalen kan pas als de inwoner toestemming")
    assert dialog.reason.toPlainText() == "Buren en familie konden niet helpen."  # kept
    dialog.consent.click()
    run_dialog(qtbot, desktop)
    assert stored(demo_dir, request_id).level is Level.DISTRICT_TEAM
    assert work.detail.level.text.text() == "Wijkteam"
    desktop.shutdown()

    # The district team's queue holds it; picking it up makes Joyce the owner.
    joyce = start_program("joyce")
    work = joyce.work
    work.select_view("pickup")
    qtbot.waitUntil(lambda: work.short_lists.models["pickup"].rowCount() > 0, timeout=WAIT)
    rows = work.short_lists.models["pickup"].rows
    row = next(i for i, r in enumerate(rows) if r.request_id == request_id)
    assert rows[row].sent_by == "Ingrid Kuijpers"
    work.short_lists.tables["pickup"].selectRow(row)
    qtbot.waitUntil(lambda: work.detail_shown.detail.id == request_id, timeout=WAIT)
    # Only "Oppakken" is offered; escalating first (Ctrl+E) is refused, said in Dutch.
    assert work.detail.step_buttons["close"].isHidden()
    joyce.window.escalate_action.trigger()
    assert work.detail.notice.text().startswith("Niemand heeft deze hulpvraag nog opgepakt")
    qtbot.mouseClick(work.short_lists.pick_up_button, Qt.MouseButton.LeftButton)
    assert "Jij wordt eigenaar" in work.dialog.consequence.text()
    run_dialog(qtbot, joyce)
    assert stored(demo_dir, request_id, "joyce").owner_name == "Joyce van Dijk"
    assert work.detail_shown.detail.id == request_id  # still shown, now out of the queue

    # Consent for the municipality, then up again.
    work.detail.more_actions["give_consent"].trigger()
    consent = work.dialog
    assert consent.scopes[Level.MUNICIPALITY].isChecked()
    run_dialog(qtbot, joyce)
    click(qtbot, joyce, "escalate")
    assert isinstance(work.dialog, dialogs.EscalateDialog), work.detail.notice.text()
    qtbot.keyClicks(work.dialog.reason, "Schuldhulp nodig; dat regelt de gemeente.")
    run_dialog(qtbot, joyce)
    assert stored(demo_dir, request_id, "joyce").level is Level.MUNICIPALITY
    joyce.shutdown()

    # The municipality cannot escalate further: Ctrl+E says why. It hands it back.
    evelien = start_program("evelien")
    work = show(qtbot, evelien, request_id)
    evelien.window.escalate_action.trigger()
    assert work.dialog is None
    assert work.detail.notice.text().startswith("De hulpvraag ligt al bij de gemeente")
    click(qtbot, evelien, "pick_up")
    run_dialog(qtbot, evelien)
    click(qtbot, evelien, "hand_back")
    assert work.dialog.consequence.text() == (
        "De hulpvraag gaat terug naar het wijkteam van Bakel en wacht daar tot iemand hem oppakt."
    )
    run_dialog(qtbot, evelien, expect_closed=False)  # advice is required
    assert "advies" in work.dialog.error.text()
    qtbot.keyClicks(work.dialog.advice, "Eerst een budgetcoach via het wijkteam.")
    run_dialog(qtbot, evelien)
    back = stored(demo_dir, request_id, "evelien")
    assert (back.level, back.owner_name, back.highest_level) == (
        Level.DISTRICT_TEAM,
        None,
        Level.MUNICIPALITY,
    )


def test_acute_escalation_goes_straight_to_the_municipality(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Acuut")
    desktop = start_program("ingrid")
    work = show(qtbot, desktop, request_id)
    click(qtbot, desktop, "escalate")
    dialog = work.dialog
    dialog.acute.click()
    assert dialog.consent_box.isHidden()  # with or without consent
    assert "direct naar de gemeente" in dialog.consequence.text()
    run_dialog(qtbot, desktop, expect_closed=False)  # the justification is required
    assert "onderbouwing" in dialog.error.text()
    qtbot.keyClicks(dialog.reason, "Meneer is verward en loopt 's nachts op straat.")
    run_dialog(qtbot, desktop)
    saved = stored(demo_dir, request_id)
    assert (saved.level, saved.urgency) == (Level.MUNICIPALITY, Urgency.ACUTE)


def test_the_district_team_escalates_acutely_without_consent_for_the_municipality(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Veilig")

    def to_district_team(session: Any, ingrid: Any) -> None:
        workflow.give_consent(
            session, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, ingrid, request_id, reason="Familie kan niet helpen.")

    in_register(demo_dir, to_district_team)
    in_register(demo_dir, lambda s, joyce: workflow.pick_up(s, joyce, request_id), "joyce")
    joyce = start_program("joyce")
    work = show(qtbot, joyce, request_id)
    click(qtbot, joyce, "escalate")
    dialog = work.dialog
    assert isinstance(dialog, dialogs.EscalateDialog)
    assert not dialog.normal.isHidden() and not dialog.acute.isHidden()  # both offered
    dialog.acute.click()
    assert dialog.consent_box.isHidden()  # safety does not wait for consent
    assert dialog.consequence.text().startswith("De hulpvraag gaat direct naar de gemeente")
    qtbot.keyClicks(dialog.reason, "Dreiging in huis; de politie is ingeschakeld.")
    run_dialog(qtbot, joyce)
    saved = stored(demo_dir, request_id, "joyce")
    assert (saved.level, saved.urgency) == (Level.MUNICIPALITY, Urgency.ACUTE)


def test_withdrawn_consent_blocks_escalation(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Intrekking")
    desktop = start_program("ingrid")
    work = show(qtbot, desktop, request_id)
    work.detail.more_actions["give_consent"].trigger()
    run_dialog(qtbot, desktop)
    work.detail.more_actions["withdraw_consent"].trigger()
    assert "alleen nog bij acuut gevaar" in work.dialog.consequence.text()
    run_dialog(qtbot, desktop)
    assert stored(demo_dir, request_id).consent_withdrawn_on == today()

    click(qtbot, desktop, "escalate")
    dialog = work.dialog
    assert "ingetrokken" in dialog.consent_note.text()
    qtbot.keyClicks(dialog.reason, "Toch naar het wijkteam?")
    run_dialog(qtbot, desktop, expect_closed=False)
    assert "toestemming om gegevens te delen ingetrokken" in dialog.error.text()
    assert stored(demo_dir, request_id).level is Level.VILLAGE
    dialog.done(0)


def set_date(edit: Any, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def test_wmo_deadlines_across_daylight_saving_are_shown_on_request_and_in_the_view(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Termijn")
    year = today().year if today() >= date(today().year, 4, 30) else today().year - 1
    melding, aanvraag = date(year, 3, 10), date(year, 3, 20)  # summer time starts in between
    desktop = start_program("ingrid")
    work = show(qtbot, desktop, request_id)
    click(qtbot, desktop, "escalate")
    work.dialog.acute.click()
    qtbot.keyClicks(work.dialog.reason, "Onveilige thuissituatie.")
    run_dialog(qtbot, desktop)
    desktop.shutdown()

    evelien = start_program("evelien")
    work = show(qtbot, evelien, request_id)
    click(qtbot, evelien, "pick_up")
    run_dialog(qtbot, evelien)
    for kind, day in (("melding", melding), ("aanvraag", aanvraag)):
        work.detail.more_actions[f"wmo:{kind}"].trigger()
        set_date(work.dialog.on, day)
        run_dialog(qtbot, evelien)
    body = work.detail.body.text()
    assert "Onderzoek (6 weken): uiterlijk 21-04-" in body  # 10 March + 6 weeks
    assert "Besluit op de aanvraag (2 weken): uiterlijk 03-04-" in body  # 20 March + 2 weeks
    assert "⚠ <b>Besluit op de aanvraag (2 weken): uiterlijk 03-04-" in body
    assert "Te laat" in body

    work.select_view("deadlines")
    model = work.short_lists.models["deadlines"]
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT)
    ours = [r for r in model.rows if r.request_id == request_id]
    assert [r.deadline.due_on for r in ours] == [date(year, 4, 3)]  # investigation met
    row = model.rows.index(ours[0])
    state = model.data(model.index(row, 0))
    assert state.startswith("Te laat:")
    assert model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(row, 2)) == f"03-04-{year}"


def test_contacts_follow_ups_and_own_circle_help(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Kring")
    desktop = start_program("ingrid")
    work = show(qtbot, desktop, request_id)
    click(qtbot, desktop, "contact")
    contact = work.dialog
    assert contact.professionals_only.isHidden()  # not offered to a supporter
    contact.minutes.setValue(45)
    qtbot.keyClicks(contact.summary, "Keukentafelgesprek met dochter erbij.")
    run_dialog(qtbot, desktop)
    click(qtbot, desktop, "follow_up")
    follow_up = work.dialog
    qtbot.keyClicks(follow_up.description, "Terugbellen over maaltijdservice")
    set_date(follow_up.due_on, today() - timedelta(days=2))
    run_dialog(qtbot, desktop)
    click(qtbot, desktop, "help")
    help_dialog = work.dialog
    qtbot.waitUntil(lambda: help_dialog.helpers.count() > 0, timeout=WAIT)
    qtbot.keyClicks(help_dialog.description, "Buurman kookt op dinsdag mee.")
    run_dialog(qtbot, desktop)
    saved = stored(demo_dir, request_id)
    assert saved.contacts[0].minutes == 45
    assert saved.follow_ups[0].description == "Terugbellen over maaltijdservice"
    assert saved.arranged_help[0].description == "Buurman kookt op dinsdag mee."

    # The follow-up is overdue: it is in "Afspraken", and "Afvinken" marks it done.
    work.select_view("followups")
    model = work.short_lists.models["followups"]
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT)
    row = next(i for i, r in enumerate(model.rows) if r.request_id == request_id)
    assert model.data(model.index(row, 0)) == "2 dagen te laat"
    work.short_lists.tables["followups"].selectRow(row)
    qtbot.mouseClick(work.short_lists.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(r.request_id != request_id for r in model.rows), timeout=WAIT)
    assert stored(demo_dir, request_id).follow_ups[0].done_on == today()


def test_helpers_are_registered_and_found(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    work.select_view("helpers")
    model, pane = work.short_lists.models["helpers"], work.list_pane
    qtbot.waitUntil(lambda: pane.list_stack.currentWidget() is not pane.loading, timeout=WAIT)
    qtbot.mouseClick(work.short_lists.new_helper_button, Qt.MouseButton.LeftButton)
    dialog = work.dialog
    qtbot.keyClicks(dialog.name, "Gerda Zwaluwstaart")
    run_dialog(qtbot, desktop, expect_closed=False)  # no skill ticked
    assert "Kies minstens één ding" in dialog.error.text()
    dialog.skills[records.HelperSkill.GARDENING].click()
    run_dialog(qtbot, desktop)
    qtbot.keyClicks(work.list_pane.search, "Zwaluwstaart")
    qtbot.waitUntil(lambda: [h.name for h in model.rows] == ["Gerda Zwaluwstaart"], timeout=WAIT)
    assert model.data(model.index(0, 1)) == "Tuin"


def test_every_short_list_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("joyce")
    work = desktop.work
    for view in ("pickup", "followups", "helpers"):
        work.select_view(view)
        qtbot.waitUntil(lambda: not desktop.tasks.busy, timeout=WAIT)
        qtmodeltester.check(work.short_lists.models[view])
    assert work.short_lists.models["pickup"].rowCount() > 0
    assert work.short_lists.models["helpers"].rowCount() > 0
    qtmodeltester.check(deadline_model())  # filled in the Wmo test above, empty here


def test_the_resident_s_details_are_corrected_from_the_detail(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Adres")
    desktop = start_program("ingrid")
    work = show(qtbot, desktop, request_id)
    action = work.detail.more_actions["resident"]
    assert action.isVisible()
    action.trigger()
    dialog = work.dialog
    assert isinstance(dialog, dialogs.ResidentDialog)
    dialog.inputs["postcode"].setText("57611")  # a wrong postcode is refused…
    run_dialog(qtbot, desktop, expect_closed=False)
    assert "5761 AB" in dialog.error.text()  # says what a postcode looks like, in Dutch
    assert dialog.inputs["postcode"].text() == "57611"  # …and what was typed stays
    dialog.inputs["postcode"].setText("5761 ab")
    dialog.inputs["street"].setText("Kerkstraat")
    dialog.inputs["house_number"].setText("3")
    dialog.inputs["phone"].setText("0492-123456")
    run_dialog(qtbot, desktop)
    resident = stored(demo_dir, request_id).resident
    assert (resident.street, resident.postcode, resident.phone) == (
        "Kerkstraat",
        "5761 AB",
        "0492-123456",
    )
    qtbot.waitUntil(lambda: "Kerkstraat 3, 5761 AB" in work.detail.body.text(), timeout=WAIT)


def test_a_contact_is_changed_only_by_its_author(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Contactrecht")

    def escalate(session: Any, ingrid: Any) -> uuid.UUID:
        own = records.add_contact(
            session,
            ingrid,
            request_id,
            records.ContactInput(ContactKind.PHONE, today(), 10, "Eigen telefoontje"),
        )
        workflow.give_consent(
            session, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, ingrid, request_id, reason="Familie kan niet helpen.")
        return own

    own = in_register(demo_dir, escalate)

    def pick_up(session: Any, joyce: Any) -> uuid.UUID:
        workflow.pick_up(session, joyce, request_id)
        return records.add_contact(
            session,
            joyce,
            request_id,
            records.ContactInput(ContactKind.MEETING, today(), 30, "Overleg wijkteam"),
        )

    theirs = in_register(demo_dir, pick_up, "joyce")
    desktop = start_program("ingrid")
    work = show(qtbot, desktop, request_id)
    body = work.detail.body.text()
    assert f"<a href='contact:{own}'>Wijzigen</a>" in body  # her own
    assert f"contact:{theirs}" not in body  # the district team's: read-only
    assert "Overleg wijkteam" in body
