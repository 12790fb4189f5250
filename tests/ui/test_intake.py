"""Intake and edit through the real widgets: typed with qtbot, saved through the
services, shown in the list, held by the register; refused saves keep what was typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.models.enums import LifeDomain, Urgency
from dorpsondersteuner.paths import demo_register_path
from dorpsondersteuner.register import DEMO_REGISTER_KEY, open_register
from dorpsondersteuner.services.access import load_principal
from dorpsondersteuner.services.lists import request_detail
from dorpsondersteuner.services.views import RequestDetail

from .conftest import StartProgram, wait_idle

QUESTION = "Mevrouw zoekt iemand die op dinsdag met haar naar de markt fietst."


def stored(folder: Path, request_id: object) -> RequestDetail:
    register = open_register(demo_register_path(folder), DEMO_REGISTER_KEY)
    try:
        with register.sessions() as session:
            principal = load_principal(session, demo_id("user", "ingrid"))
            return request_detail(session, principal, request_id)  # type: ignore[arg-type]
    finally:
        register.close()


def test_intake_of_a_new_resident_to_a_saved_request(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    before = work.model.rowCount()
    desktop.window.new_action.trigger()  # Ctrl+N
    form = work.form
    assert work.right.currentWidget() is form
    assert form.lookup.hasFocus() or form.lookup.isVisible()

    # Look the resident up first: nobody by this name yet.
    qtbot.keyClicks(form.lookup, "Geertruida Zzyzx")
    qtbot.waitUntil(lambda: "Geen inwoner gevonden" in form.lookup_status.text(), timeout=10_000)
    qtbot.mouseClick(form.new_resident_button, Qt.MouseButton.LeftButton)
    assert form.inputs["first_name"].text() == "Geertruida"  # taken from the lookup
    assert form.inputs["last_name"].text() == "Zzyzx"
    qtbot.keyClicks(form.inputs["street"], "Kerkstraat")
    qtbot.keyClicks(form.inputs["house_number"], "7")
    qtbot.keyClicks(form.inputs["postcode"], "5761ab")
    qtbot.keyClicks(form.inputs["place"], "Bakel")
    qtbot.keyClicks(form.question, QUESTION)
    form.domains[LifeDomain.TRANSPORT].click()
    form.domains[LifeDomain.SOCIAL_CONTACT].click()
    form.urgencies[Urgency.HIGH].click()
    form.consent.click()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: work.right.currentWidget() is not form, timeout=10_000)
    wait_idle(qtbot, desktop)
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=10_000)
    assert work.model.rowCount() == before + 1
    row = work.model.row_of(work.current_id)
    assert row is not None
    shown = work.model.row_data(row)
    assert shown is not None and shown.resident_name == "Geertruida Zzyzx"
    assert work.table.currentIndex().row() == row  # the new request is selected
    assert work.detail.title.text() == "Geertruida Zzyzx"

    saved = stored(demo_dir, work.current_id)
    assert saved.question == QUESTION
    assert saved.life_domains == LifeDomain.TRANSPORT | LifeDomain.SOCIAL_CONTACT
    assert saved.urgency is Urgency.HIGH
    assert saved.resident.postcode == "5761 AB"
    assert saved.owner_name == "Ingrid Kuijpers"


def test_a_refused_save_explains_and_keeps_what_was_typed(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    desktop.window.new_action.trigger()
    form = work.form
    qtbot.keyClicks(form.lookup, "Onbekend Persoon")
    qtbot.waitUntil(lambda: form.new_resident_button.isVisible(), timeout=10_000)
    qtbot.mouseClick(form.new_resident_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.inputs["postcode"], "57611")
    qtbot.keyClicks(form.question, QUESTION)
    form.domains[LifeDomain.CARE].click()
    form.consent.click()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    error = form.errors["postcode"]
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "vier cijfers en twee letters" in error.text()
    assert "Traceback" not in error.text()
    assert work.right.currentWidget() is form  # still open, nothing lost
    assert form.question.toPlainText() == QUESTION
    assert form.inputs["last_name"].text() == "Persoon"
    assert form.domains[LifeDomain.CARE].isChecked()

    # Without consent the core refuses too: the reason sits beside the consent box.
    form.inputs["postcode"].clear()
    qtbot.keyClicks(form.inputs["postcode"], "5761 AB")
    form.consent.click()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(form.errors["consent_record_on"].isVisible, timeout=10_000)
    assert "toestemming" in form.errors["consent_record_on"].text()
    assert not error.isVisible()
    assert form.question.toPlainText() == QUESTION


def test_an_existing_resident_is_found_and_chosen(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    known = work.detail.shown
    assert known is not None
    desktop.window.new_action.trigger()
    form = work.form
    qtbot.keyClicks(form.lookup, known.resident.last_name)
    qtbot.waitUntil(lambda: form.lookup_results.count() > 0, timeout=10_000)
    names = [form.lookup_results.item(i).text() for i in range(form.lookup_results.count())]
    index = next(i for i, name in enumerate(names) if name.startswith(known.resident.full_name))
    item = form.lookup_results.item(index)
    rect = form.lookup_results.visualItemRect(item)
    qtbot.mouseClick(form.lookup_results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert form.resident_id is not None
    assert known.resident.full_name in form.chosen_label.text()
    qtbot.keyClicks(form.question, "Hulp bij het invullen van een formulier.")
    form.domains[LifeDomain.FINANCES].click()
    form.consent.click()
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    qtbot.waitUntil(lambda: work.right.currentWidget() is not form, timeout=10_000)
    wait_idle(qtbot, desktop)
    saved = stored(demo_dir, work.current_id)
    assert saved.resident.id == form.resident_id


def test_editing_a_request_saves_through_the_services(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=10_000)
    assert work.detail.edit_button.isEnabled()
    request_id = work.current_id
    qtbot.mouseClick(work.detail.edit_button, Qt.MouseButton.LeftButton)
    form = work.form
    assert form.mode == "edit"
    form.question.selectAll()
    qtbot.keyClicks(form.question, "Nieuwe, kortere vraag.")
    form.urgencies[Urgency.ACUTE].click()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: work.right.currentWidget() is work.detail, timeout=10_000)
    wait_idle(qtbot, desktop)
    qtbot.waitUntil(lambda: work.detail_loaded, timeout=10_000)
    assert work.current_id == request_id
    saved = stored(demo_dir, request_id)
    assert saved.question == "Nieuwe, kortere vraag."
    assert saved.urgency is Urgency.ACUTE
    assert "Nieuwe, kortere vraag." in work.detail.body.text()
    assert work.detail.urgency.text.text() == "Acuut"
    row = work.model.row_of(request_id)
    assert row == 0  # the most recently changed comes first


def test_every_problem_shows_at_once_in_form_order_and_goes_when_put_right(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work = desktop.work
    desktop.window.new_action.trigger()
    form = work.form
    qtbot.keyClicks(form.lookup, "Onbekend Persoon")
    qtbot.waitUntil(lambda: form.new_resident_button.isVisible(), timeout=10_000)
    qtbot.mouseClick(form.new_resident_button, Qt.MouseButton.LeftButton)
    form.inputs["last_name"].clear()  # no last name, a bad postcode and phone,
    qtbot.keyClicks(form.inputs["postcode"], "57611")  # no question, no life domain,
    qtbot.keyClicks(form.inputs["phone"], "bel maar")  # no consent: one save
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    wanted = ["last_name", "postcode", "phone", "question", "life_domains", "consent_record_on"]
    qtbot.waitUntil(lambda: all(form.errors[name].isVisible() for name in wanted), timeout=10_000)
    shown = [name for name, label in form.errors.items() if label.isVisible()]
    assert shown == wanted  # in the form's order, nothing else
    assert form.inputs["last_name"].hasFocus()  # the first problem
    assert not form.banner.isVisible()

    # Each message goes as soon as its field is right; the others stay.
    qtbot.keyClicks(form.inputs["last_name"], "Persoon")
    assert not form.errors["last_name"].isVisible()
    assert form.errors["postcode"].isVisible()
    form.inputs["postcode"].clear()
    qtbot.keyClicks(form.inputs["postcode"], "5761 AB")
    assert not form.errors["postcode"].isVisible()
    form.domains[LifeDomain.CARE].click()
    assert not form.errors["life_domains"].isVisible()
    form.consent.click()
    assert not form.errors["consent_record_on"].isVisible()
    assert form.errors["phone"].isVisible() and form.errors["question"].isVisible()
