"""What a district team needs: why a request was sent up, by whom, with which consent
and urgency, in the queue and in the pick-up dialog; and a form is never left behind
silently when another view is chosen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from dorpsondersteuner.clock import today
from dorpsondersteuner.models.enums import Level, Urgency
from dorpsondersteuner.services import workflow
from dorpsondersteuner.ui import dialogs

from .conftest import StartProgram, wait_idle
from .test_workflow import in_register, new_request, show

WAIT = 10_000
# As a supporter writes it: what was tried, what worries them, what they ask.
TYPICAL_REASON = (
    "Eigen kring geprobeerd: de kinderen wonen ver weg en de buurthulp kan maar af en toe. "
    "Mevrouw redt het thuis steeds minder; graag meekijken of er meer nodig is."
)
REASON = "Buurvrouw hielp met boodschappen maar verhuist.\nDochter kan het niet meer."


def test_the_queue_and_the_pick_up_dialog_say_why_by_whom_and_with_which_consent(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Waaromsma")

    def escalate(session: Any, ingrid: Any) -> None:
        workflow.edit_request(session, ingrid, request_id, urgency=Urgency.HIGH)
        workflow.give_consent(
            session, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, ingrid, request_id, reason=REASON)

    in_register(demo_dir, escalate)
    desktop = start_program("joyce")
    work: Any = desktop.work
    work.select_view("pickup")
    model = work.short_lists.models["pickup"]
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT)
    row = next(i for i, r in enumerate(model.rows) if r.request_id == request_id)
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    shown = {
        header: model.data(model.index(row, c), Qt.ItemDataRole.DisplayRole)
        for c, header in enumerate(headers)
    }
    # The whole reason, and who sent it (a name never split over two lines).
    assert shown["Waarom"] == (
        "Buurvrouw hielp met boodschappen maar verhuist. Dochter kan het niet meer."
        " —\u00a0Ingrid\u00a0Kuijpers"
    )
    assert shown["Toestemming"] == "Wijkteam"
    assert shown["Urgentie"] == "Hoog"
    # The important columns come before level, area and reference.
    assert headers.index("Waarom") < headers.index("Toestemming") < headers.index("Niveau")
    tip = model.data(model.index(row, headers.index("Waarom")), Qt.ItemDataRole.ToolTipRole)
    assert "Dochter kan het niet meer." in tip
    assert "Gestuurd door Ingrid Kuijpers op " + today().strftime("%d-%m-%Y") in tip
    assert "Wijkteam: " + today().strftime("%d-%m-%Y") in tip

    show(qtbot, desktop, request_id)
    work.dialog = None
    work.actions_.on_action("pick_up")
    dialog = work.dialog
    assert isinstance(dialog, dialogs.PickUpDialog)
    texts = {
        label.objectName(): label.text() for label in dialog.findChildren(type(dialog.subject))
    }
    assert texts["sentBy"].startswith("Opgeschaald door Ingrid Kuijpers op ")
    assert texts["reason"] == f"Waarom: {REASON}"
    assert texts["urgency"] == "Urgentie: Hoog"
    assert "wijkteam: " + today().strftime("%d-%m-%Y") in texts["consent"]
    assert "gemeente: niet gegeven" in texts["consent"]
    dialog.done(0)


def test_choosing_another_view_with_an_unsaved_form_asks_first(
    qtbot: QtBot, start_program: StartProgram
) -> None:
    desktop = start_program("ingrid")
    work: Any = desktop.work
    before = work.view
    desktop.window.new_action.trigger()
    qtbot.keyClicks(work.form.question, "Nog niet bewaard")

    work.nav.select("followups")  # as a click on the left would
    form = work.form
    # It asks in the form itself, no window in the way.
    assert form.stop_bar.isVisible()
    assert QApplication.activeModalWidget() is None
    assert form.stop_button.text() == "Stoppen en naar Afspraken"
    assert work.form_is_open()
    assert work.view == before  # the left column still says where you are
    assert work.nav.currentItem().data(Qt.ItemDataRole.UserRole) == before
    qtbot.mouseClick(form.keep_button, Qt.MouseButton.LeftButton)
    assert not form.stop_bar.isVisible()
    assert work.form_is_open() and form.question.toPlainText() == "Nog niet bewaard"

    work.nav.select("followups")
    assert form.stop_bar.isVisible()
    qtbot.mouseClick(form.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desktop)
    assert not work.form_is_open()
    assert work.view == "followups"
    assert work.nav.currentItem().data(Qt.ItemDataRole.UserRole) == "followups"
    # Cancel afterwards asks plainly again.
    desktop.window.new_action.trigger()
    qtbot.keyClicks(work.form.question, "Weer iets")
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    assert form.stop_button.text() == "Stoppen en kwijtraken"
    qtbot.mouseClick(form.stop_button, Qt.MouseButton.LeftButton)
    assert not work.form_is_open() and work.view == "followups"

    # A form with nothing typed just gives way.
    desktop.window.new_action.trigger()
    work.nav.select("all")
    assert not work.form_is_open() and work.view == "all"


def test_the_queue_shows_a_typical_reason_whole_at_1280_by_800(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = new_request(demo_dir, "Breedveld")

    def escalate(session: Any, ingrid: Any) -> None:
        workflow.give_consent(
            session, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, ingrid, request_id, reason=TYPICAL_REASON)

    in_register(demo_dir, escalate)
    desktop = start_program("joyce")
    window, work = desktop.window, desktop.work
    window.resize(1280, 800)
    work.select_view("pickup")
    model, table = work.short_lists.models["pickup"], work.short_lists.tables["pickup"]
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT)
    wait_idle(qtbot, desktop)
    assert window.width() == 1280 and window.height() == 800
    why = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Waarom"
    )
    assert not table.isColumnHidden(why)
    assert not table.horizontalScrollBar().isVisible()  # nothing hides to the right
    metrics = table.fontMetrics()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    ours = next(i for i, r in enumerate(model.rows) if r.request_id == request_id)
    for row in range(model.rowCount()):  # ours and the demo's own reasons
        text = model.data(model.index(row, why), Qt.ItemDataRole.DisplayRole)
        cell = table.visualRect(model.index(row, why))
        needed = metrics.boundingRect(
            QRect(0, 0, cell.width() - 2 * margin, 10_000), Qt.TextFlag.TextWordWrap, text
        )
        assert needed.width() <= cell.width() - 2 * margin, text
        assert needed.height() <= cell.height(), f"cut off: {text}"
        if row == ours:
            assert text.startswith(TYPICAL_REASON)
