"""Names and free text are shown as they are, never read as markup.

Free text comes from residents, colleagues and (with sync) other laptops. Markup-like
text (``<b>``, ``<img src=…>``, ``&amp;``, ``<a href>``) is put into every free-text
field of one request, and every view, dialog, tooltip and window title that shows it
must show it literally: the person on screen is the person in the record."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from dorpsondersteuner.clock import today
from dorpsondersteuner.demo.directory import demo_id
from dorpsondersteuner.models.enums import ContactKind, HelperSkill, Level, LifeDomain
from dorpsondersteuner.services import records, workflow
from dorpsondersteuner.services.records import ContactInput, HelperInput
from dorpsondersteuner.services.workflow import IntakeInput, ResidentInput, register_request

from .conftest import StartProgram, wait_idle
from .test_workflow import in_register, show
from .walk import ACTIONS, settle

WAIT = 10_000

# Each value holds a marker word that occurs nowhere else in the demo register.
VALUES = {
    "first_name": "<i>Zebedeus</i>",
    "last_name": "<b>Kruisheuvel</b> &amp; Zn",
    "street": "<a href='https://example.test'>Klaprooslaan</a>",
    "question": "Koken <img src='file:///tmp/x.png'> lukt niet &amp; <b>Zwaluwnest</b>",
    "contact": "<b>Gesprek</b> over <a href='x'>Pimpelmees</a> &lt;tuin&gt;",
    "follow_up": "<u>Bellen</u> met <img src=y> Wielewaal",
    "help": "<b>Boodschappen</b> door Tjiftjaf &amp; co",
    "reason": "<b>Eigen kring</b> geprobeerd &amp; Roerdomp <img src=z>",
    "helper": "<b>Piet</b> Grutto",
    "skills_note": "<i>Klust</i> graag &amp; Kwartel",
}
MARKERS = {
    "Zebedeus": VALUES["first_name"],
    "Kruisheuvel": VALUES["last_name"],
    "Klaprooslaan": VALUES["street"],
    "Zwaluwnest": VALUES["question"],
    "Pimpelmees": VALUES["contact"],
    "Wielewaal": VALUES["follow_up"],
    "Tjiftjaf": VALUES["help"],
    "Roerdomp": VALUES["reason"],
    "Grutto": VALUES["helper"],
    "Kwartel": VALUES["skills_note"],
}


def marked_up_request(folder: Path) -> uuid.UUID:
    """A request in Bakel with markup in every free-text field, escalated to the
    district team with a reason, with a contact, a follow-up due today and help
    arranged from a helper."""

    def make(session: Any, ingrid: Any) -> uuid.UUID:
        helper_id = records.register_helper(
            session,
            ingrid,
            HelperInput(
                name=VALUES["helper"],
                area_id=demo_id("area", "BAK"),
                skills=HelperSkill.SHOPPING,
                consent_registered_on=today(),
                skills_note=VALUES["skills_note"],
            ),
        )
        request_id = register_request(
            session,
            ingrid,
            IntakeInput(VALUES["question"], LifeDomain.CARE, today() - timedelta(days=3)),
            new_resident=ResidentInput(
                first_name=VALUES["first_name"],
                last_name=VALUES["last_name"],
                area_id=demo_id("area", "BAK"),
                street=VALUES["street"],
                house_number="7",
            ),
        )
        records.add_contact(
            session,
            ingrid,
            request_id,
            ContactInput(ContactKind.PHONE, today(), 20, VALUES["contact"]),
        )
        records.add_follow_up(
            session, ingrid, request_id, description=VALUES["follow_up"], due_on=today()
        )
        records.arrange_help(
            session,
            ingrid,
            request_id,
            description=VALUES["help"],
            arranged_on=today(),
            helper_id=helper_id,
        )
        workflow.give_consent(
            session, ingrid, request_id, scope=Level.DISTRICT_TEAM, given_on=today()
        )
        workflow.escalate(session, ingrid, request_id, reason=VALUES["reason"])
        return request_id

    return in_register(folder, make)


def _rendered(text: str, rich: bool) -> str:
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _looks_rich(text: str) -> bool:
    return bool(QtGui.Qt.mightBeRichText(text))


def shown_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(what, the text a person sees) for the window title, every visible label, every
    tooltip, and every row's text and tooltip in every visible list or table."""
    yield "window title", window.windowTitle().replace("[*]", "")
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(window) and widget is not window:
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QLabel):
            text = widget.text()
            fmt = widget.textFormat()
            rich = fmt == Qt.TextFormat.RichText or (
                fmt == Qt.TextFormat.AutoText and _looks_rich(text)
            )
            yield f"label {name}", _rendered(text, rich)
        tip = widget.toolTip()
        if tip:
            yield f"tooltip of {name}", _rendered(tip, _looks_rich(tip))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list widget's model keeps it private
                columns = 1
            for row in range(min(model.rowCount(QModelIndex()), 200)):
                for column in range(columns):
                    index = model.index(row, column)
                    text = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
                    yield f"cell of {name}", text
                    tip = str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")
                    yield f"cell tooltip of {name}", _rendered(tip, _looks_rich(tip))


def check(where: str, window: QWidget, seen: set[str]) -> None:
    """Wherever a marker word shows, the whole value shows, markup and all."""
    for what, text in shown_texts(window):
        for marker, value in MARKERS.items():
            if marker in text:
                assert value in text, f"{where}, {what}: {text!r} does not show {value!r}"
                seen.add(marker)


def test_markup_in_free_text_is_shown_as_text_everywhere(
    qtbot: QtBot, start_program: StartProgram, demo_dir: Path
) -> None:
    request_id = marked_up_request(demo_dir)
    seen: set[str] = set()

    desktop = start_program("ingrid")
    work: Any = desktop.work
    work.list_pane.search.setText("Kruisheuvel")
    wait_idle(qtbot, desktop)
    show(qtbot, desktop, request_id)
    settle(qtbot, desktop)
    check("ingrid/list with the detail", desktop.window, seen)
    assert work.detail.title.text() == f"{VALUES['first_name']} {VALUES['last_name']}"
    for name in ACTIONS:
        work.dialog = None
        work.actions_.on_action(name)
        dialog = work.dialog
        if dialog is None:
            continue
        settle(qtbot, desktop)
        check(f"ingrid/{name}", dialog, seen)
        dialog.dirty = False
        dialog.done(0)
    window = work.open_in_window(request_id)
    qtbot.waitUntil(lambda: window.shown is not None, timeout=WAIT)
    check("ingrid/own window", window, seen)
    assert VALUES["last_name"] in window.windowTitle()
    window.close()
    work.list_pane.search.clear()
    for view in ("followups", "helpers"):
        work.select_view(view)
        settle(qtbot, desktop)
        check(f"ingrid/{view}", desktop.window, seen)
    desktop.window.new_action.trigger()
    settle(qtbot, desktop)
    qtbot.keyClicks(work.form.lookup, "Kruisheuvel")
    qtbot.waitUntil(lambda: work.form.lookup_results.count() > 0, timeout=WAIT)
    check("ingrid/intake lookup", desktop.window, seen)
    work.form.dirty = False
    work.form.cancel()
    settle(qtbot, desktop)
    desktop.shutdown()

    desktop = start_program("joyce")
    work = desktop.work
    work.select_view("pickup")
    settle(qtbot, desktop)
    check("joyce/pickup", desktop.window, seen)
    show(qtbot, desktop, request_id)
    work.dialog = None
    work.actions_.on_action("pick_up")
    settle(qtbot, desktop)
    check("joyce/pick_up", work.dialog, seen)
    work.dialog.done(0)

    assert seen == set(MARKERS), f"never shown: {set(MARKERS) - seen}"
    assert QApplication.instance() is not None


def test_every_label_of_the_app_is_a_plain_label() -> None:
    """A new ``QLabel(…)`` would read names as markup again: labels are ``PlainLabel``,
    and one that means HTML says so with ``setTextFormat``."""
    ui = Path(__file__).parents[2] / "dorpsondersteuner" / "ui"
    offenders = [
        f"{path.relative_to(ui)}:{number}"
        for path in sorted(ui.rglob("*.py"))
        if path.name != "plain.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "QLabel(" in line
    ]
    assert offenders == []
